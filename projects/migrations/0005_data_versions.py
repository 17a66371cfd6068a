"""Writes to any of these tables bump the "projects" data version (core/versions.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's version_triggers_sql() wrote it.

FORWARD = [
    "CREATE TRIGGER projects_project_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_project FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_topictaggedproject_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_topictaggedproject FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_networktaggedproject_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_networktaggedproject FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_project_focus_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_project_focus FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_project_areas_of_impact_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_project_areas_of_impact FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_project_technologies_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_project_technologies FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_project_organisations_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_project_organisations FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_project_members_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_project_members FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_dsifocus_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_dsifocus FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_areaofimpact_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_areaofimpact FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
    "CREATE TRIGGER projects_technology_bumps_projects AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects_technology FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('projects');",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS projects_project_bumps_projects ON projects_project;",
    "DROP TRIGGER IF EXISTS projects_topictaggedproject_bumps_projects ON projects_topictaggedproject;",
    "DROP TRIGGER IF EXISTS projects_networktaggedproject_bumps_projects ON projects_networktaggedproject;",
    "DROP TRIGGER IF EXISTS projects_project_focus_bumps_projects ON projects_project_focus;",
    "DROP TRIGGER IF EXISTS projects_project_areas_of_impact_bumps_projects ON projects_project_areas_of_impact;",
    "DROP TRIGGER IF EXISTS projects_project_technologies_bumps_projects ON projects_project_technologies;",
    "DROP TRIGGER IF EXISTS projects_project_organisations_bumps_projects ON projects_project_organisations;",
    "DROP TRIGGER IF EXISTS projects_project_members_bumps_projects ON projects_project_members;",
    "DROP TRIGGER IF EXISTS projects_dsifocus_bumps_projects ON projects_dsifocus;",
    "DROP TRIGGER IF EXISTS projects_areaofimpact_bumps_projects ON projects_areaofimpact;",
    "DROP TRIGGER IF EXISTS projects_technology_bumps_projects ON projects_technology;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_moderation_and_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
