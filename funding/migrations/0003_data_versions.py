"""Writes to any of these tables bump the "funding" data version (core/versions.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's version_triggers_sql() wrote it.

FORWARD = [
    "CREATE TRIGGER funding_opportunity_bumps_funding AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_opportunity FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('funding');",
    "CREATE TRIGGER funding_taggedopportunity_bumps_funding AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_taggedopportunity FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('funding');",
    "CREATE TRIGGER funding_opportunity_members_bumps_funding AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_opportunity_members FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('funding');",
    "CREATE TRIGGER funding_opportunitytype_bumps_funding AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON funding_opportunitytype FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('funding');",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS funding_opportunity_bumps_funding ON funding_opportunity;",
    "DROP TRIGGER IF EXISTS funding_taggedopportunity_bumps_funding ON funding_taggedopportunity;",
    "DROP TRIGGER IF EXISTS funding_opportunity_members_bumps_funding ON funding_opportunity_members;",
    "DROP TRIGGER IF EXISTS funding_opportunitytype_bumps_funding ON funding_opportunitytype;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0002_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
