"""Statements planned once per connection (core/prepared.py), on the real PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from core.prepared import execute_prepared, positional

pytestmark = pytest.mark.django_db

SQL = "SELECT %(n)s::int + 1 AS next, %(n)s::int * 2 AS twice, 'a%%b' AS text, %(m)s::int AS m"


def _prepared_here(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = %s", [name])
        return cursor.fetchone()[0]


def _run(name, n, m=0, sql=SQL):
    with connection.cursor() as cursor:
        execute_prepared(cursor, name, sql, {"n": n, "m": m})
        return cursor.fetchall()


def test_placeholders_become_numbered_in_their_first_order():
    assert positional("%(b)s, %(a)s, %(b)s, 100%%") == ("$1, $2, $1, 100%%", ["b", "a"])


def test_the_first_use_prepares_and_runs_in_one_query_then_each_use_only_executes(
    django_assert_num_queries,
):
    with django_assert_num_queries(1) as first:
        assert _run("test_first_use", 41) == [(42, 82, "a%b", 0)]
    assert first.captured_queries[0]["sql"].startswith("PREPARE test_first_use AS")
    with django_assert_num_queries(1) as second:
        assert _run("test_first_use", 1, 5) == [(2, 2, "a%b", 5)]
    assert second.captured_queries[0]["sql"].startswith("EXECUTE test_first_use(")
    assert _prepared_here("test_first_use") == 1


@pytest.mark.django_db(transaction=True)  # a connection of its own, closed halfway
def test_a_new_connection_prepares_again():
    assert _run("test_reconnect", 1) == [(2, 2, "a%b", 0)]
    connection.close()
    assert _prepared_here("test_reconnect") == 0
    assert _run("test_reconnect", 2) == [(3, 4, "a%b", 0)]


def test_a_failed_use_is_checked_on_the_server_and_then_works():
    """A failure may come after PREPARE (a statement timeout during EXECUTE): the next use asks
    the server whether the statement exists instead of preparing it twice."""
    with pytest.raises(DatabaseError), transaction.atomic():
        _run("test_failure", "not a number")
    assert _prepared_here("test_failure") == 1  # PREPARE outlived the rollback
    assert _run("test_failure", 3) == [(4, 6, "a%b", 0)]
    with pytest.raises(DatabaseError), transaction.atomic():
        _run("test_failure_before", 1, sql="SELECT %(n)s FROM no_such_table")
    assert _prepared_here("test_failure_before") == 0
    assert _run("test_failure_before", 1, sql=SQL) == [(2, 2, "a%b", 0)]
