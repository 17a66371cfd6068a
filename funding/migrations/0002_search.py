"""The search vector of funding_opportunity and the triggers that keep it current (core/search.py)."""

from django.db import migrations

# Frozen SQL, as core/migration_sql.py's search_sql() wrote it for this spec:
# SearchSpec(table='funding_opportunity', weight_a=('name',), weight_c=('summary', 'funder_name', 'amount'), weight_d=('description',), weight_b_links=(Link(link_table='funding_taggedopportunity', link_column='content_object_id', name_table='taggit_tag', target_column='tag_id'),))

FORWARD = [
    """
CREATE OR REPLACE FUNCTION funding_opportunity_search_vector(r funding_opportunity) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', unaccent(coalesce(r.name, ''))), 'A')
      || setweight(to_tsvector('simple', unaccent(coalesce((SELECT string_agg(n.name, ' ') FROM funding_taggedopportunity l JOIN taggit_tag n ON n.id = l.tag_id WHERE l.content_object_id = r.id), ''))), 'B')
      || setweight(to_tsvector('simple', unaccent(coalesce(r.summary, '') || ' ' || coalesce(r.funder_name, '') || ' ' || coalesce(r.amount, ''))), 'C')
      || setweight(to_tsvector('simple', unaccent(coalesce(r.description, ''))), 'D')
$$;""",
    """
CREATE OR REPLACE FUNCTION funding_opportunity_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := funding_opportunity_search_vector(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER funding_opportunity_search_row BEFORE INSERT OR UPDATE OF amount, description, funder_name, name, summary ON funding_opportunity
FOR EACH ROW EXECUTE FUNCTION funding_opportunity_search_row();""",
    """
CREATE OR REPLACE FUNCTION funding_opportunity_search_link0() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE funding_opportunity r SET search_vector = funding_opportunity_search_vector(r)
   WHERE r.id IN (SELECT DISTINCT content_object_id FROM changed_links);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION funding_opportunity_search_name0() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE funding_opportunity r SET search_vector = funding_opportunity_search_vector(r)
   WHERE r.id IN (SELECT l.content_object_id FROM funding_taggedopportunity l
                   WHERE l.tag_id IN (SELECT id FROM renamed));
  RETURN NULL;
END $$;
CREATE TRIGGER funding_opportunity_search_name0 AFTER UPDATE ON taggit_tag
REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION funding_opportunity_search_name0();""",
    """
CREATE TRIGGER funding_opportunity_search_link0_insert AFTER INSERT ON funding_taggedopportunity
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION funding_opportunity_search_link0();""",
    """
CREATE TRIGGER funding_opportunity_search_link0_delete AFTER DELETE ON funding_taggedopportunity
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION funding_opportunity_search_link0();""",
    """
CREATE TRIGGER funding_opportunity_search_link0_update AFTER UPDATE ON funding_taggedopportunity
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION funding_opportunity_search_link0();""",
    """
CREATE INDEX funding_opportunity_search_gin ON funding_opportunity USING gin (search_vector);
CREATE INDEX funding_opportunity_search_trgm ON funding_opportunity USING gin (name gin_trgm_ops);
UPDATE funding_opportunity r SET search_vector = funding_opportunity_search_vector(r);""",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS funding_opportunity_search_row ON funding_opportunity;",
    "DROP TRIGGER IF EXISTS funding_opportunity_search_name0 ON taggit_tag;",
    "DROP TRIGGER IF EXISTS funding_opportunity_search_link0_insert ON funding_taggedopportunity;",
    "DROP TRIGGER IF EXISTS funding_opportunity_search_link0_delete ON funding_taggedopportunity;",
    "DROP TRIGGER IF EXISTS funding_opportunity_search_link0_update ON funding_taggedopportunity;",
    "DROP FUNCTION IF EXISTS funding_opportunity_search_link0();",
    "DROP FUNCTION IF EXISTS funding_opportunity_search_name0();",
    "DROP FUNCTION IF EXISTS funding_opportunity_search_row();",
    "DROP FUNCTION IF EXISTS funding_opportunity_search_vector(funding_opportunity);",
    "DROP INDEX IF EXISTS funding_opportunity_search_gin;",
    "DROP INDEX IF EXISTS funding_opportunity_search_trgm;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_postgres_extensions"),
        ("funding", "0001_initial"),
    ]

    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)]
