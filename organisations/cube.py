# ruff: noqa: S608 - table and column names come from the models, values are parameters
"""The organisation list's facet cube: counts for every combination of the filters that need no
text (country, type, size, topic tag, network), so a list with several of them counts a few
hundred cells instead of every matching organisation and link.

Live counts cost as much as the rows they read: a country + tag list at 100,000 organisations
reads ~10,000 tag links per facet, five times. The cube is built by one statement in one snapshot
(REPEATABLE READ), stamped with the data versions read in that snapshot, and refreshed by beat
every minute when the versions have moved (organisations.tasks.refresh_facet_cube). A list reads
it only while its stamp equals the current versions; otherwise (after a change, until the next
refresh) the live counts answer, so a count is never older than the last committed write.
Writers never wait on it: the build holds no lock on their tables, and readers keep the previous
cube until the new one commits.
"""

import time

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from core.listing import ids_sql
from core.versions import data_versions
from organisations.models import (
    FacetCell,
    FacetCube,
    NetworkTaggedOrganisation,
    Organisation,
    TopicTaggedOrganisation,
)

NAME = "organisations"
VERSIONS = ("organisations", "tags")
# The filters the cube holds, by the list's names: columns of the cells (their value as given)…
FILTERS = {"country": "country", "type": "organisation_type", "size": "size"}
# …and links, whose slug names the cell's tag or network id (0 where the filter is unset).
LINKED = ("tag", "network")
CELLS = FacetCell._meta.db_table
STAMP_KEY = "organisations:facet-cube-stamp"
TAG_NAMES = TopicTaggedOrganisation._meta.get_field("tag").related_model._meta.db_table
NETWORK_NAMES = NetworkTaggedOrganisation._meta.get_field("tag").related_model._meta.db_table


def stamp(versions):
    return ",".join(str(v) for v in versions)


def holds(active):
    """Can the cube answer these active filters?"""
    return set(active) <= {*FILTERS, *LINKED}


def current(versions):
    """Is the cube built from exactly these versions? Read from the cache, where every refresh
    writes the stamp of the cube it committed, so a list asks PostgreSQL nothing more. Versions
    only grow, so a stamp equal to the current versions can only be the cube's own."""
    return cache.get(STAMP_KEY) == stamp(versions)


def refresh():
    """Build the cube again if the data moved since it was built; True when it was rebuilt. Two
    refreshes at once: the second returns at once (an advisory lock)."""
    inside_a_transaction = connection.in_atomic_block  # a test's, or a caller's
    with transaction.atomic(), connection.cursor() as cursor:
        if not inside_a_transaction:  # else the caller's snapshot is the one read
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext('organisations-facet-cube'))")
        if not cursor.fetchone()[0]:
            return False
        versions = data_versions(*VERSIONS)  # read in the snapshot the cube is built from
        rebuilt = not FacetCube.objects.filter(name=NAME, versions=stamp(versions)).exists()
        if rebuilt:
            _build(cursor, versions)
    # After the commit, so no list reads a cube that is not there yet; written on every refresh,
    # so a flushed cache has it again within a minute.
    cache.set(STAMP_KEY, stamp(versions), timeout=None)
    return rebuilt


def _build(cursor, versions):
    started = time.monotonic()
    cursor.execute(f"DELETE FROM {CELLS}")
    cursor.execute(*_build_sql())
    cells = cursor.rowcount
    cursor.execute(f"ANALYZE {CELLS}")  # new rows, and autovacuum may be off or late
    FacetCube.objects.update_or_create(
        name=NAME,
        defaults={
            "versions": stamp(versions),
            "built_at": timezone.now(),
            "seconds": round(time.monotonic() - started, 3),
            "cells": cells,
        },
    )


def _build_sql():
    published, params = ids_sql(Organisation.objects.published())
    organisation = Organisation._meta.db_table
    tags = TopicTaggedOrganisation._meta.db_table
    networks = NetworkTaggedOrganisation._meta.db_table
    base = f"FROM {organisation} o WHERE o.id IN ({published})"
    with_tag = f"JOIN {tags} t ON t.content_object_id = o.id"
    with_network = f"JOIN {networks} w ON w.content_object_id = o.id"
    keys = "o.country, o.organisation_type, o.size"
    parts = [
        f"SELECT {keys}, 0, 0, count(*) {base} GROUP BY 1, 2, 3",
        f"SELECT {keys}, t.tag_id, 0, count(*) FROM {organisation} o {with_tag} "
        f"WHERE o.id IN ({published}) GROUP BY 1, 2, 3, 4",
        f"SELECT {keys}, 0, w.tag_id, count(*) FROM {organisation} o {with_network} "
        f"WHERE o.id IN ({published}) GROUP BY 1, 2, 3, 5",
        f"SELECT {keys}, t.tag_id, w.tag_id, count(*) FROM {organisation} o {with_tag} "
        f"{with_network} WHERE o.id IN ({published}) GROUP BY 1, 2, 3, 4, 5",
    ]
    sql = (
        f"INSERT INTO {CELLS} (country, organisation_type, size, tag, network, n) "
        + " UNION ALL ".join(parts)
    )
    return sql, [*params, *params, *params, *params]


def _where(filters, free=()):
    """(SQL, params) matching `filters`; a tag or network not given is 0 (counted once),
    unless it is one of `free` (grouped by)."""
    clauses, params = [], []
    for name, column in FILTERS.items():
        if name in filters:
            clauses.append(f"c.{column} = %s")
            params.append(filters[name])
    for name, table in (("tag", TAG_NAMES), ("network", NETWORK_NAMES)):
        if name in filters:
            # An unknown slug matches no cell: a count of 0, as the live count gives.
            clauses.append(f"c.{name} = (SELECT id FROM {table} WHERE slug = %s)")
            params.append(str(filters[name])[:100])
        elif name in free:
            clauses.append(f"c.{name} <> 0")
        else:
            clauses.append(f"c.{name} = 0")
    return " AND ".join(clauses), params


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def countries(filters):
    """{country: organisations} under `filters` (which hold no country)."""
    where, params = _where(filters)
    sql = (
        f"SELECT c.country, sum(c.n)::int FROM {CELLS} c WHERE {where} AND c.country <> '' "
        "GROUP BY 1"
    )
    return dict(_rows(sql, params))


def types_and_sizes(filters):
    """{(type, size): organisations} under `filters` (which hold neither)."""
    where, params = _where(filters)
    sql = (
        f"SELECT c.organisation_type, c.size, sum(c.n)::int FROM {CELLS} c WHERE {where} "
        "GROUP BY 1, 2"
    )
    return {(kind, size): n for kind, size, n in _rows(sql, params)}


def top(name, filters, limit):
    """[(slug, name, count)] of the `limit` tags (name="tag") or networks most used under
    `filters`, as core.listing.top_links orders them."""
    table = TAG_NAMES if name == "tag" else NETWORK_NAMES
    where, params = _where(filters, free=(name,))
    sql = f"""
        SELECT t.slug, t.name, c.n FROM (
            SELECT c.{name} AS id, sum(c.n)::int AS n FROM {CELLS} c WHERE {where}
             GROUP BY 1 ORDER BY n DESC, 1 LIMIT %s
        ) c JOIN {table} t ON t.id = c.id
        ORDER BY c.n DESC, t.name
    """
    return [tuple(row) for row in _rows(sql, [*params, limit])]
