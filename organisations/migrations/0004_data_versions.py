"""Writes to any of these tables bump the "organisations" data version (core/versions.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's version_triggers_sql() wrote it.

FORWARD = [
    "CREATE TRIGGER organisations_organisation_bumps_organisations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations_organisation FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('organisations');",
    "CREATE TRIGGER organisations_topictaggedorganisation_bumps_organisations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations_topictaggedorganisation FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('organisations');",
    "CREATE TRIGGER organisations_networktaggedorganisation_bumps_organisations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations_networktaggedorganisation FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('organisations');",
    "CREATE TRIGGER organisations_sociallink_bumps_organisations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations_sociallink FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('organisations');",
    "CREATE TRIGGER organisations_organisation_members_bumps_organisations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations_organisation_members FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('organisations');",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS organisations_organisation_bumps_organisations ON organisations_organisation;",
    "DROP TRIGGER IF EXISTS organisations_topictaggedorganisation_bumps_organisations ON organisations_topictaggedorganisation;",
    "DROP TRIGGER IF EXISTS organisations_networktaggedorganisation_bumps_organisations ON organisations_networktaggedorganisation;",
    "DROP TRIGGER IF EXISTS organisations_sociallink_bumps_organisations ON organisations_sociallink;",
    "DROP TRIGGER IF EXISTS organisations_organisation_members_bumps_organisations ON organisations_organisation_members;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
