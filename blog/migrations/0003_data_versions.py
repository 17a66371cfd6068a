"""Writes to any of these tables bump the "posts" data version (core/versions.py)."""

from django.db import migrations

from core.migration_operations import PostgresOnlySQL
from core.versions import version_triggers_sql

FORWARD, REVERSE = version_triggers_sql(
    "posts",
    [
    "blog_post",
    "blog_taggedpost",
    ],
)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [PostgresOnlySQL(sql=FORWARD, reverse_sql=REVERSE)]
