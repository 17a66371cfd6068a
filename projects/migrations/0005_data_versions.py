"""Writes to any of these tables bump the "projects" data version (core/versions.py)."""

from django.db import migrations

from core.migration_operations import PostgresOnlySQL
from core.versions import version_triggers_sql

FORWARD, REVERSE = version_triggers_sql(
    "projects",
    [
    "projects_project",
    "projects_topictaggedproject",
    "projects_networktaggedproject",
    "projects_project_focus",
    "projects_project_areas_of_impact",
    "projects_project_technologies",
    "projects_project_organisations",
    "projects_project_members",
    "projects_dsifocus",
    "projects_areaofimpact",
    "projects_technology",
    ],
)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_moderation_and_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [PostgresOnlySQL(sql=FORWARD, reverse_sql=REVERSE)]
