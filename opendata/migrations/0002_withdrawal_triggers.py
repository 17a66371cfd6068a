"""A published record that stops being published (unpublished, rejected, deleted) leaves a
withdrawal behind for the changes feed; published again, the withdrawal goes. Written by row
triggers, so every way of changing a record counts (forms, admin, imports, raw SQL)."""

from django.db import migrations

# Frozen SQL: migrations import no live code.
FUNCTION = """
CREATE OR REPLACE FUNCTION opendata_record_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      INSERT INTO opendata_withdrawal (kind, record_id, legacy_id, slug, withdrawn_at)
      VALUES (TG_ARGV[0], OLD.id, OLD.legacy_id, OLD.slug, clock_timestamp())
      ON CONFLICT (kind, record_id) DO UPDATE
        SET withdrawn_at = EXCLUDED.withdrawn_at, slug = EXCLUDED.slug,
            legacy_id = EXCLUDED.legacy_id;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' AND NEW.status <> 'published' THEN
    INSERT INTO opendata_withdrawal (kind, record_id, legacy_id, slug, withdrawn_at)
    VALUES (TG_ARGV[0], NEW.id, NEW.legacy_id, NEW.slug, clock_timestamp())
    ON CONFLICT (kind, record_id) DO UPDATE
      SET withdrawn_at = EXCLUDED.withdrawn_at, slug = EXCLUDED.slug,
          legacy_id = EXCLUDED.legacy_id;
  ELSIF NEW.status = 'published' AND OLD.status <> 'published' THEN
    DELETE FROM opendata_withdrawal WHERE kind = TG_ARGV[0] AND record_id = NEW.id;
  END IF;
  RETURN NEW;
END $$;
"""

TABLES = {
    "organisations": "organisations_organisation",
    "projects": "projects_project",
    "casestudies": "casestudies_casestudy",
    "posts": "blog_post",
}

FORWARD = [FUNCTION] + [
    f"CREATE TRIGGER {table}_withdrawal AFTER UPDATE OF status OR DELETE ON {table} "
    f"FOR EACH ROW EXECUTE FUNCTION opendata_record_withdrawal('{kind}');"
    for kind, table in TABLES.items()
]

REVERSE = [f"DROP TRIGGER IF EXISTS {table}_withdrawal ON {table};" for table in TABLES.values()] + [
    "DROP FUNCTION IF EXISTS opendata_record_withdrawal();"
]


class Migration(migrations.Migration):
    dependencies = [
        ("opendata", "0001_initial"),
        ("organisations", "0007_one_line_names_and_moderation"),
        ("projects", "0007_one_line_names_and_moderation"),
        ("casestudies", "0005_one_line_titles"),
        ("blog", "0004_one_line_titles"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
