"""Writes to any of these tables bump the "organisations" data version (core/versions.py)."""

from django.db import migrations

from core.migration_operations import PostgresOnlySQL
from core.versions import version_triggers_sql

FORWARD, REVERSE = version_triggers_sql(
    "organisations",
    [
    "organisations_organisation",
    "organisations_topictaggedorganisation",
    "organisations_networktaggedorganisation",
    "organisations_sociallink",
    "organisations_organisation_members",
    ],
)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [PostgresOnlySQL(sql=FORWARD, reverse_sql=REVERSE)]
