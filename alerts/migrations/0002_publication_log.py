"""The publication log: whenever an organisation or a project becomes published (a moderator's
approval, the admin's status field, an import, raw SQL), a row trigger writes when (the moment of the change, not the start of its transaction). Records
already published are logged as published when they were created. The SQL is frozen here."""

from django.db import migrations

KINDS = [("organisations", "organisations_organisation"), ("projects", "projects_project")]

FORWARD = [
    """
CREATE OR REPLACE FUNCTION alerts_log_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'published'
     AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'published') THEN
    INSERT INTO alerts_publication (kind, record_id, published_at)
    VALUES (TG_ARGV[0], NEW.id, clock_timestamp())
    ON CONFLICT (kind, record_id) DO UPDATE SET published_at = EXCLUDED.published_at;
  END IF;
  RETURN NULL;
END $$;""",
    *(
        f"CREATE TRIGGER {table}_logs_publication AFTER INSERT OR UPDATE OF status ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION alerts_log_publication('{kind}');"
        for kind, table in KINDS
    ),
    *(
        f"INSERT INTO alerts_publication (kind, record_id, published_at) "
        f"SELECT '{kind}', id, created_at FROM {table} WHERE status = 'published' "
        f"ON CONFLICT (kind, record_id) DO NOTHING;"
        for kind, table in KINDS
    ),
]

REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_logs_publication ON {table};" for _, table in KINDS),
    "DROP FUNCTION IF EXISTS alerts_log_publication();",
]


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("organisations", "0007_one_line_names_and_moderation"),
        ("projects", "0007_one_line_names_and_moderation"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
