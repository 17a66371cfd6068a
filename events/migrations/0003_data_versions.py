"""Writes to any of these tables bump the "events" data version (core/versions.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's version_triggers_sql() wrote it.

FORWARD = [
    "CREATE TRIGGER events_event_bumps_events AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events_event FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('events');",
    "CREATE TRIGGER events_taggedevent_bumps_events AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events_taggedevent FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('events');",
    "CREATE TRIGGER events_event_members_bumps_events AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events_event_members FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('events');",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS events_event_bumps_events ON events_event;",
    "DROP TRIGGER IF EXISTS events_taggedevent_bumps_events ON events_taggedevent;",
    "DROP TRIGGER IF EXISTS events_event_members_bumps_events ON events_event_members;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_search"),
        ("core", "0005_data_versions"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
