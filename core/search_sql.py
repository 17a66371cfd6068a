"""SQL for a table's stored search vector and the triggers that keep it current (PostgreSQL).

Each searchable app's migration describes its vector with a SearchSpec and runs the SQL this
module writes. Migrations call it, so what it writes for a given spec must never change: write
a new function beside it instead.

What keeps the vector current, whichever way the data changes (forms, admin, imports, bulk
seeding, raw SQL):
- a BEFORE row trigger when the row's own text columns change;
- AFTER statement triggers with transition tables on each link table (tags, networks,
  vocabularies): one UPDATE per statement, so bulk inserts of links stay fast;
- AFTER statement triggers on each linked name table (a tag or vocabulary renamed).
"""

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
