"""Writes to any of these tables bump the "casestudies" data version (core/versions.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's version_triggers_sql() wrote it.

FORWARD = [
    "CREATE TRIGGER casestudies_casestudy_bumps_casestudies AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casestudies_casestudy FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('casestudies');",
    "CREATE TRIGGER casestudies_taggedcasestudy_bumps_casestudies AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casestudies_taggedcasestudy FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('casestudies');",
    "CREATE TRIGGER casestudies_casestudy_areas_of_impact_bumps_casestudies AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casestudies_casestudy_areas_of_impact FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('casestudies');",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS casestudies_casestudy_bumps_casestudies ON casestudies_casestudy;",
    "DROP TRIGGER IF EXISTS casestudies_taggedcasestudy_bumps_casestudies ON casestudies_taggedcasestudy;",
    "DROP TRIGGER IF EXISTS casestudies_casestudy_areas_of_impact_bumps_casestudies ON casestudies_casestudy_areas_of_impact;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0002_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
