"""The search vector of events_event and the triggers that keep it current (core/search.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's search_sql() wrote it for this spec:
# SearchSpec(table='events_event', weight_a=('name',), weight_c=('summary', 'venue', 'region'), weight_d=('description',), weight_b_links=(Link(link_table='events_taggedevent', link_column='content_object_id', name_table='taggit_tag', target_column='tag_id'),))

FORWARD = [
    """
CREATE OR REPLACE FUNCTION events_event_search_vector(r events_event) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', unaccent(coalesce(r.name, ''))), 'A')
      || setweight(to_tsvector('simple', unaccent(coalesce((SELECT string_agg(n.name, ' ') FROM events_taggedevent l JOIN taggit_tag n ON n.id = l.tag_id WHERE l.content_object_id = r.id), ''))), 'B')
      || setweight(to_tsvector('simple', unaccent(coalesce(r.summary, '') || ' ' || coalesce(r.venue, '') || ' ' || coalesce(r.region, ''))), 'C')
      || setweight(to_tsvector('simple', unaccent(coalesce(r.description, ''))), 'D')
$$;""",
    """
CREATE OR REPLACE FUNCTION events_event_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := events_event_search_vector(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER events_event_search_row BEFORE INSERT OR UPDATE OF description, name, region, summary, venue ON events_event
FOR EACH ROW EXECUTE FUNCTION events_event_search_row();""",
    """
CREATE OR REPLACE FUNCTION events_event_search_link0() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events_event r SET search_vector = events_event_search_vector(r)
   WHERE r.id IN (SELECT DISTINCT content_object_id FROM changed_links);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION events_event_search_name0() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events_event r SET search_vector = events_event_search_vector(r)
   WHERE r.id IN (SELECT l.content_object_id FROM events_taggedevent l
                   WHERE l.tag_id IN (SELECT id FROM renamed));
  RETURN NULL;
END $$;
CREATE TRIGGER events_event_search_name0 AFTER UPDATE ON taggit_tag
REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION events_event_search_name0();""",
    """
CREATE TRIGGER events_event_search_link0_insert AFTER INSERT ON events_taggedevent
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION events_event_search_link0();""",
    """
CREATE TRIGGER events_event_search_link0_delete AFTER DELETE ON events_taggedevent
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION events_event_search_link0();""",
    """
CREATE TRIGGER events_event_search_link0_update AFTER UPDATE ON events_taggedevent
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION events_event_search_link0();""",
    """
CREATE INDEX events_event_search_gin ON events_event USING gin (search_vector);
CREATE INDEX events_event_search_trgm ON events_event USING gin (name gin_trgm_ops);
UPDATE events_event r SET search_vector = events_event_search_vector(r);""",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS events_event_search_row ON events_event;",
    "DROP TRIGGER IF EXISTS events_event_search_name0 ON taggit_tag;",
    "DROP TRIGGER IF EXISTS events_event_search_link0_insert ON events_taggedevent;",
    "DROP TRIGGER IF EXISTS events_event_search_link0_delete ON events_taggedevent;",
    "DROP TRIGGER IF EXISTS events_event_search_link0_update ON events_taggedevent;",
    "DROP FUNCTION IF EXISTS events_event_search_link0();",
    "DROP FUNCTION IF EXISTS events_event_search_name0();",
    "DROP FUNCTION IF EXISTS events_event_search_row();",
    "DROP FUNCTION IF EXISTS events_event_search_vector(events_event);",
    "DROP INDEX IF EXISTS events_event_search_gin;",
    "DROP INDEX IF EXISTS events_event_search_trgm;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_postgres_extensions"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
