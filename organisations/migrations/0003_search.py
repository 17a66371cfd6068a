"""Full-text search for organisations (see core/search.py)."""

import django.contrib.postgres.search
from django.db import migrations

# Frozen SQL, as core/migration_sql.py's search_sql() wrote it for this spec:
# SPEC = SearchSpec(
#     table="organisations_organisation",
#     weight_a=("name",),
#     weight_b_links=(
#         Link("organisations_topictaggedorganisation", "content_object_id", "taggit_tag"),
#         Link("organisations_networktaggedorganisation", "content_object_id", "core_networktag"),
#     ),
#     weight_c=("short_description", "region"),
#     weight_d=("description",),
# )

FORWARD = [
    """
CREATE OR REPLACE FUNCTION organisations_organisation_search_vector(r organisations_organisation) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', unaccent(coalesce(r.name, ''))), 'A')
      || setweight(to_tsvector('simple', unaccent(coalesce((SELECT string_agg(n.name, ' ') FROM organisations_topictaggedorganisation l JOIN taggit_tag n ON n.id = l.tag_id WHERE l.content_object_id = r.id), '') || ' ' || coalesce((SELECT string_agg(n.name, ' ') FROM organisations_networktaggedorganisation l JOIN core_networktag n ON n.id = l.tag_id WHERE l.content_object_id = r.id), ''))), 'B')
      || setweight(to_tsvector('simple', unaccent(coalesce(r.short_description, '') || ' ' || coalesce(r.region, ''))), 'C')
      || setweight(to_tsvector('simple', unaccent(coalesce(r.description, ''))), 'D')
$$;""",
    """
CREATE OR REPLACE FUNCTION organisations_organisation_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := organisations_organisation_search_vector(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER organisations_organisation_search_row BEFORE INSERT OR UPDATE OF description, name, region, short_description ON organisations_organisation
FOR EACH ROW EXECUTE FUNCTION organisations_organisation_search_row();""",
    """
CREATE OR REPLACE FUNCTION organisations_organisation_search_link0() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organisations_organisation r SET search_vector = organisations_organisation_search_vector(r)
   WHERE r.id IN (SELECT DISTINCT content_object_id FROM changed_links);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION organisations_organisation_search_name0() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organisations_organisation r SET search_vector = organisations_organisation_search_vector(r)
   WHERE r.id IN (SELECT l.content_object_id FROM organisations_topictaggedorganisation l
                   WHERE l.tag_id IN (SELECT id FROM renamed));
  RETURN NULL;
END $$;
CREATE TRIGGER organisations_organisation_search_name0 AFTER UPDATE ON taggit_tag
REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_name0();""",
    """
CREATE TRIGGER organisations_organisation_search_link0_insert AFTER INSERT ON organisations_topictaggedorganisation
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_link0();""",
    """
CREATE TRIGGER organisations_organisation_search_link0_delete AFTER DELETE ON organisations_topictaggedorganisation
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_link0();""",
    """
CREATE TRIGGER organisations_organisation_search_link0_update AFTER UPDATE ON organisations_topictaggedorganisation
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_link0();""",
    """
CREATE OR REPLACE FUNCTION organisations_organisation_search_link1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organisations_organisation r SET search_vector = organisations_organisation_search_vector(r)
   WHERE r.id IN (SELECT DISTINCT content_object_id FROM changed_links);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION organisations_organisation_search_name1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organisations_organisation r SET search_vector = organisations_organisation_search_vector(r)
   WHERE r.id IN (SELECT l.content_object_id FROM organisations_networktaggedorganisation l
                   WHERE l.tag_id IN (SELECT id FROM renamed));
  RETURN NULL;
END $$;
CREATE TRIGGER organisations_organisation_search_name1 AFTER UPDATE ON core_networktag
REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_name1();""",
    """
CREATE TRIGGER organisations_organisation_search_link1_insert AFTER INSERT ON organisations_networktaggedorganisation
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_link1();""",
    """
CREATE TRIGGER organisations_organisation_search_link1_delete AFTER DELETE ON organisations_networktaggedorganisation
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_link1();""",
    """
CREATE TRIGGER organisations_organisation_search_link1_update AFTER UPDATE ON organisations_networktaggedorganisation
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION organisations_organisation_search_link1();""",
    """
CREATE INDEX organisations_organisation_search_gin ON organisations_organisation USING gin (search_vector);
CREATE INDEX organisations_organisation_search_trgm ON organisations_organisation USING gin (name gin_trgm_ops);
UPDATE organisations_organisation r SET search_vector = organisations_organisation_search_vector(r);""",
]

REVERSE = [
    "DROP TRIGGER IF EXISTS organisations_organisation_search_row ON organisations_organisation;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_name0 ON taggit_tag;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_link0_insert ON organisations_topictaggedorganisation;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_link0_delete ON organisations_topictaggedorganisation;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_link0_update ON organisations_topictaggedorganisation;",
    "DROP FUNCTION IF EXISTS organisations_organisation_search_link0();",
    "DROP FUNCTION IF EXISTS organisations_organisation_search_name0();",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_name1 ON core_networktag;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_link1_insert ON organisations_networktaggedorganisation;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_link1_delete ON organisations_networktaggedorganisation;",
    "DROP TRIGGER IF EXISTS organisations_organisation_search_link1_update ON organisations_networktaggedorganisation;",
    "DROP FUNCTION IF EXISTS organisations_organisation_search_link1();",
    "DROP FUNCTION IF EXISTS organisations_organisation_search_name1();",
    "DROP FUNCTION IF EXISTS organisations_organisation_search_row();",
    "DROP FUNCTION IF EXISTS organisations_organisation_search_vector(organisations_organisation);",
    "DROP INDEX IF EXISTS organisations_organisation_search_gin;",
    "DROP INDEX IF EXISTS organisations_organisation_search_trgm;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_moderation"),
        ("core", "0002_postgres_extensions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE),
    ]
