"""Writes to any of these tables bump the "casestudies" data version (core/versions.py)."""

from django.db import migrations

from core.migration_operations import PostgresOnlySQL
from core.versions import version_triggers_sql

FORWARD, REVERSE = version_triggers_sql(
    "casestudies",
    [
    "casestudies_casestudy",
    "casestudies_taggedcasestudy",
    "casestudies_casestudy_areas_of_impact",
    ],
)


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0002_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [PostgresOnlySQL(sql=FORWARD, reverse_sql=REVERSE)]
