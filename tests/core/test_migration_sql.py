"""The SQL core/migration_sql.py writes for a new app's migrations (events, funding, …): run on
scratch tables, it keeps a search vector current and bumps a data version, and what it prints
pastes into a migration as the same statements."""

import ast

import pytest
from django.db import connection

from core.migration_sql import Link, SearchSpec, python_source, search_sql, version_triggers_sql
from core.versions import data_versions

pytestmark = pytest.mark.django_db

SPEC = SearchSpec(
    table="scratch_event",
    weight_a=("title",),
    weight_b_links=(Link("scratch_taggedevent", "event_id", "scratch_tag"),),
    weight_c=("summary",),
    weight_d=("description",),
)


def run(statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def fetch(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.fixture
def scratch_tables():
    """Tables shaped like an app's: the test's transaction rolls them back."""
    run(
        [
            "CREATE TABLE scratch_event (id bigserial PRIMARY KEY, title text, summary text, "
            "description text, search_vector tsvector)",
            "CREATE TABLE scratch_tag (id bigserial PRIMARY KEY, name text)",
            "CREATE TABLE scratch_taggedevent (id bigserial PRIMARY KEY, "
            "event_id bigint REFERENCES scratch_event, tag_id bigint REFERENCES scratch_tag)",
        ]
    )


def matches(word):
    return fetch(
        "SELECT title FROM scratch_event "
        "WHERE search_vector @@ to_tsquery('simple', unaccent(%s)) ORDER BY id",
        [word],
    )


def test_the_search_vector_follows_rows_links_and_renames(scratch_tables):
    forward, reverse = search_sql(SPEC)
    run(forward)
    run(["INSERT INTO scratch_event (title, summary) VALUES ('Maker Fair', 'Open doors')"])
    assert matches("fair") == [("Maker Fair",)]
    assert matches("doors") == [("Maker Fair",)]

    run(
        [
            "INSERT INTO scratch_tag (name) VALUES ('Fabrication')",
            "INSERT INTO scratch_taggedevent (event_id, tag_id) "
            "SELECT e.id, t.id FROM scratch_event e, scratch_tag t",
        ]
    )
    assert matches("fabrication") == [("Maker Fair",)]
    run(["UPDATE scratch_tag SET name = 'Fábrica'"])
    assert matches("fabrica") == [("Maker Fair",)]
    assert matches("fabrication") == []
    run(["DELETE FROM scratch_taggedevent"])
    assert matches("fabrica") == []

    run(reverse)
    assert fetch("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'scratch_event_search%'") == [
        (0,)
    ]
    assert fetch("SELECT count(*) FROM pg_proc WHERE proname LIKE 'scratch_event_search%'") == [
        (0,)
    ]


def test_version_triggers_bump_on_every_write(scratch_tables):
    forward, reverse = version_triggers_sql("scratch", ["scratch_event", "scratch_taggedevent"])
    run(forward)
    (before,) = data_versions("scratch")
    run(["INSERT INTO scratch_event (title) VALUES ('One'), ('Two')"])  # one statement
    run(["DELETE FROM scratch_taggedevent"])  # even when no row changes
    assert data_versions("scratch") == (before + 2,)
    run(reverse)
    run(["INSERT INTO scratch_event (title) VALUES ('Three')"])
    assert data_versions("scratch") == (before + 2,)


def test_what_it_prints_is_the_same_sql_as_python_literals():
    forward, reverse = search_sql(SPEC)
    source = python_source(forward, reverse)
    names = {}
    for node in ast.parse(source).body:
        names[node.targets[0].id] = ast.literal_eval(node.value)
    assert names == {"FORWARD": forward, "REVERSE": reverse}
    assert '"""\nCREATE OR REPLACE FUNCTION scratch_event_search_vector' in source
