"""Writes the SQL of new migrations: a table's stored search vector and the triggers that keep
it current (core/search.py reads it), and the triggers that bump a data version
(core/versions.py). Only for writing migrations: what it prints is pasted into the migration
file as literal SQL, and no migration imports this module (a migration must stay what it was
when it ran), so this module may change at will.

A new searchable app (events, funding, …), in three steps:

1. On the model, `search_vector = SearchVectorField(null=True, editable=False)` and a queryset
   based on core.search.SearchableQuerySet; then `.venv/bin/python manage.py makemigrations`.
2. An empty migration for the search SQL, depending on ("core", "0002_postgres_extensions")
   (unaccent, pg_trgm) and the app's migration with the tables:
   `.venv/bin/python manage.py makemigrations events --empty --name search`
3. Print its SQL, paste it above the Migration class, and add
   `migrations.RunSQL(sql=FORWARD, reverse_sql=REVERSE)` to its operations:

    .venv/bin/python -c 'from core.migration_sql import *; print(python_source(*search_sql(
        SearchSpec(
            table="events_event",
            weight_a=("title",),
            weight_b_links=(Link("events_taggedevent", "content_object_id", "taggit_tag"),),
            weight_c=("summary", "region"),
            weight_d=("description",),
        ))))'

Its data version, the same way, in a migration depending on ("core", "0005_data_versions")
(which defines core_bump_data_version()): every table whose writes change what the app's
pages count or list, link tables included.

    .venv/bin/python -c 'from core.migration_sql import *; print(python_source(
        *version_triggers_sql("events", ["events_event", "events_taggedevent"])))'

What keeps a search vector current, whichever way the data changes (forms, admin, imports, bulk
seeding, raw SQL):
- a BEFORE row trigger when the row's own text columns change;
- AFTER statement triggers with transition tables on each link table (tags, networks,
  vocabularies): one UPDATE per statement, so bulk inserts of links stay fast;
- AFTER statement triggers on each linked name table (a tag or vocabulary renamed).
"""

import ast
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """Names reached through a link table: link_table.link_column = row id,
    link_table.target_column = name_table.id, and name_table.name is the text."""

    link_table: str
    link_column: str
    name_table: str
    target_column: str = "tag_id"


@dataclass(frozen=True)
class SearchSpec:
    table: str
    weight_a: tuple  # the row's own columns, by weight
    weight_c: tuple
    weight_d: tuple
    weight_b_links: tuple = field(default_factory=tuple)  # Links whose names weigh B

    @property
    def prefix(self):
        return f"{self.table}_search"


def _columns(alias, columns):
    joined = " || ' ' || ".join(f"coalesce({alias}.{c}, '')" for c in columns)
    return joined or "''"


def _link_names(spec):
    parts = [
        f"coalesce((SELECT string_agg(n.name, ' ') FROM {link.link_table} l "
        f"JOIN {link.name_table} n ON n.id = l.{link.target_column} "
        f"WHERE l.{link.link_column} = r.id), '')"
        for link in spec.weight_b_links
    ]
    return " || ' ' || ".join(parts) or "''"


def forward_sql(spec):
    p, t = spec.prefix, spec.table
    own_columns = sorted({*spec.weight_a, *spec.weight_c, *spec.weight_d})
    sql = [
        f"""
CREATE OR REPLACE FUNCTION {p}_vector(r {t}) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', unaccent({_columns("r", spec.weight_a)})), 'A')
      || setweight(to_tsvector('simple', unaccent({_link_names(spec)})), 'B')
      || setweight(to_tsvector('simple', unaccent({_columns("r", spec.weight_c)})), 'C')
      || setweight(to_tsvector('simple', unaccent({_columns("r", spec.weight_d)})), 'D')
$$;""",
        f"""
CREATE OR REPLACE FUNCTION {p}_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := {p}_vector(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER {p}_row BEFORE INSERT OR UPDATE OF {", ".join(own_columns)} ON {t}
FOR EACH ROW EXECUTE FUNCTION {p}_row();""",
    ]
    for i, link in enumerate(spec.weight_b_links):
        sql.append(
            f"""
CREATE OR REPLACE FUNCTION {p}_link{i}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE {t} r SET search_vector = {p}_vector(r)
   WHERE r.id IN (SELECT DISTINCT {link.link_column} FROM changed_links);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION {p}_name{i}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE {t} r SET search_vector = {p}_vector(r)
   WHERE r.id IN (SELECT l.{link.link_column} FROM {link.link_table} l
                   WHERE l.{link.target_column} IN (SELECT id FROM renamed));
  RETURN NULL;
END $$;
CREATE TRIGGER {p}_name{i} AFTER UPDATE ON {link.name_table}
REFERENCING NEW TABLE AS renamed FOR EACH STATEMENT EXECUTE FUNCTION {p}_name{i}();"""
        )
        for event, transition in (("INSERT", "NEW"), ("DELETE", "OLD"), ("UPDATE", "NEW")):
            sql.append(
                f"""
CREATE TRIGGER {p}_link{i}_{event.lower()} AFTER {event} ON {link.link_table}
REFERENCING {transition} TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION {p}_link{i}();"""
            )
    sql.append(
        f"""
CREATE INDEX {p}_gin ON {t} USING gin (search_vector);
CREATE INDEX {p}_trgm ON {t} USING gin ({spec.weight_a[0]} gin_trgm_ops);
UPDATE {t} r SET search_vector = {p}_vector(r);"""
    )
    return sql


def reverse_sql(spec):
    p, t = spec.prefix, spec.table
    sql = [f"DROP TRIGGER IF EXISTS {p}_row ON {t};"]
    for i, link in enumerate(spec.weight_b_links):
        sql.append(f"DROP TRIGGER IF EXISTS {p}_name{i} ON {link.name_table};")
        sql += [
            f"DROP TRIGGER IF EXISTS {p}_link{i}_{event} ON {link.link_table};"
            for event in ("insert", "delete", "update")
        ]
        sql.append(f"DROP FUNCTION IF EXISTS {p}_link{i}();")
        sql.append(f"DROP FUNCTION IF EXISTS {p}_name{i}();")
    sql += [
        f"DROP FUNCTION IF EXISTS {p}_row();",
        f"DROP FUNCTION IF EXISTS {p}_vector({t});",
        f"DROP INDEX IF EXISTS {p}_gin;",
        f"DROP INDEX IF EXISTS {p}_trgm;",
    ]
    return sql


def search_sql(spec):
    """Forward and reverse SQL of the search vector `spec` describes."""
    return forward_sql(spec), reverse_sql(spec)


def version_triggers_sql(name, tables):
    """Forward and reverse SQL: any write to `tables` bumps the data version called `name`."""
    forward = [
        f"CREATE TRIGGER {table}_bumps_{name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('{name}');"
        for table in tables
    ]
    reverse = [f"DROP TRIGGER IF EXISTS {table}_bumps_{name} ON {table};" for table in tables]
    return forward, reverse


def python_source(forward, reverse):
    """FORWARD and REVERSE as Python literals, to paste into a migration file."""
    return f"FORWARD = {_literal_list(forward)}\n\nREVERSE = {_literal_list(reverse)}\n"


def _literal_list(statements):
    return "[\n" + "".join(f"    {_literal(s)},\n" for s in statements) + "]"


def _literal(statement):
    """A statement as it reads best: several lines in triple quotes, one line in double quotes."""
    text = f'"""{statement}"""' if "\n" in statement else f'"{statement}"'
    try:
        if "\\" not in statement and ast.literal_eval(text) == statement:
            return text
    except SyntaxError:  # quotes inside that close the literal early
        pass
    return repr(statement)
