"""Data versions: a counter per kind of data, bumped by PostgreSQL statement triggers whenever
any of its tables changes (rows, tags, links, renames), however the change is made.

Caches of counts, facets and pages keep the versions they were computed from in their keys,
so a publish, edit or unpublish shows on the next request, with no invalidation code to forget.
Reading the versions costs one indexed query. The triggers call core_bump_data_version()
(core/migrations/0005_data_versions.py); each app's own migration adds them to its tables
(written with core/migration_sql.py's version_triggers_sql).
"""

from django.db import connection, transaction
from django.db.models import Sum

from core.models import DataVersion


def data_versions(*names, request=None):
    """The current versions of the named kinds of data (0 for one never written).
    Given the request, they are read once per request (a page asks for them more than once)."""
    memo = request.__dict__.setdefault("_data_versions", {}) if request is not None else {}
    missing = [name for name in names if name not in memo]
    if missing:
        found = dict(
            DataVersion.objects.filter(name__in=missing)
            .order_by()
            .values_list("name")
            .annotate(total=Sum("version"))
        )
        memo.update({name: found.get(name, 0) for name in missing})
    return tuple(memo[name] for name in names)


def fold_shares():
    """Fold the shares of sessions that are gone into share 0, keeping every sum: one row per
    live writer stays, however many sessions have come and gone. Rows whose session is writing
    now are locked, and skipped: folding never waits on a writer."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            WITH gone AS (
                DELETE FROM core_dataversion
                 WHERE (name, writer) IN (
                       SELECT name, writer FROM core_dataversion
                        WHERE writer <> 0
                          AND writer NOT IN (SELECT pid FROM pg_stat_activity)
                          FOR UPDATE SKIP LOCKED)
             RETURNING name, version
            )
            INSERT INTO core_dataversion (name, writer, version)
            SELECT name, 0, sum(version) FROM gone GROUP BY name
            ON CONFLICT (name, writer)
            DO UPDATE SET version = core_dataversion.version + EXCLUDED.version
            """
        )
        return cursor.rowcount
