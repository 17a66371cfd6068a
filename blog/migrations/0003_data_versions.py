"""Writes to any of these tables bump the "posts" data version (core/versions.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's version_triggers_sql() wrote it.

FORWARD = [
    "CREATE TRIGGER blog_post_bumps_posts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON blog_post FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('posts');",
    "CREATE TRIGGER blog_taggedpost_bumps_posts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON blog_taggedpost FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('posts');",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS blog_post_bumps_posts ON blog_post;",
    "DROP TRIGGER IF EXISTS blog_taggedpost_bumps_posts ON blog_taggedpost;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
