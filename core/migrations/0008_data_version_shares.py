# Data versions in shares, one per writing session, so that writers never wait on each other:
# before, every writing transaction upserted one row per kind of data and held its lock until
# commit, so concurrent writers of a kind (an import and a submission) queued behind each other.
# The triggers of every app keep calling core_bump_data_version(name); only its body changes.

from django.db import migrations, models

FORWARD = [
    "ALTER TABLE core_dataversion ADD COLUMN writer integer NOT NULL DEFAULT 0;",
    "ALTER TABLE core_dataversion DROP CONSTRAINT core_dataversion_pkey;",
    "ALTER TABLE core_dataversion ADD PRIMARY KEY (name, writer);",
    # Each session bumps the row of its own backend pid: no two live sessions share one, so
    # no bump ever waits for another transaction's lock.
    """
CREATE OR REPLACE FUNCTION core_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO core_dataversion (name, writer, version) VALUES (TG_ARGV[0], pg_backend_pid(), 1)
  ON CONFLICT (name, writer) DO UPDATE SET version = core_dataversion.version + 1;
  RETURN NULL;
END $$;
""",
]

REVERSE = [
    """
CREATE OR REPLACE FUNCTION core_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO core_dataversion (name, version) VALUES (TG_ARGV[0], 1)
  ON CONFLICT (name) DO UPDATE SET version = core_dataversion.version + 1;
  RETURN NULL;
END $$;
""",
    # Fold the shares back into one row per name before the old key returns.
    """
WITH folded AS (
  DELETE FROM core_dataversion RETURNING name, version
)
INSERT INTO core_dataversion (name, writer, version)
SELECT name, 0, sum(version) FROM folded GROUP BY name;
""",
    "ALTER TABLE core_dataversion DROP CONSTRAINT core_dataversion_pkey;",
    "ALTER TABLE core_dataversion DROP COLUMN writer;",
    "ALTER TABLE core_dataversion ADD PRIMARY KEY (name);",
]


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_move_site_settings_to_submissions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)],
            state_operations=[
                migrations.AlterModelOptions(
                    name='dataversion',
                    options={'ordering': ['name', 'writer']},
                ),
                migrations.AddField(
                    model_name='dataversion',
                    name='writer',
                    field=models.IntegerField(default=0),
                ),
                migrations.AlterField(
                    model_name='dataversion',
                    name='name',
                    field=models.CharField(max_length=50),
                ),
                migrations.AddField(
                    model_name='dataversion',
                    name='pk',
                    field=models.CompositePrimaryKey('name', 'writer', blank=True, editable=False, primary_key=True, serialize=False),
                ),
            ],
        ),
    ]
