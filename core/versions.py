"""Data versions: a counter per kind of data, bumped by PostgreSQL statement triggers whenever
any of its tables changes (rows, tags, links, renames), however the change is made.

Caches of counts, facets and pages keep the versions they were computed from in their keys,
so a publish, edit or unpublish shows on the next request, with no invalidation code to forget.
Reading the versions costs one indexed query. SQLite (`make run`) has no triggers: there the
versions are None and callers do not cache at all.
"""

from django.db import connection, models


class DataVersion(models.Model):
    name = models.CharField(max_length=50, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} v{self.version}"


def data_versions(*names, request=None):
    """The current versions of the named kinds of data, or None where they are not tracked.
    Given the request, they are read once per request (a page asks for them more than once)."""
    if connection.vendor != "postgresql":
        return None
    memo = request.__dict__.setdefault("_data_versions", {}) if request is not None else {}
    missing = [name for name in names if name not in memo]
    if missing:
        found = dict(DataVersion.objects.filter(name__in=missing).values_list("name", "version"))
        memo.update({name: found.get(name, 0) for name in missing})
    return tuple(memo[name] for name in names)


BUMP_FUNCTION = """
CREATE OR REPLACE FUNCTION core_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO core_dataversion (name, version) VALUES (TG_ARGV[0], 1)
  ON CONFLICT (name) DO UPDATE SET version = core_dataversion.version + 1;
  RETURN NULL;
END $$;
"""


def version_triggers_sql(name, tables):
    """Forward and reverse SQL: any write to `tables` bumps the version called `name`."""
    forward = [
        f"CREATE TRIGGER {table}_bumps_{name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION core_bump_data_version('{name}');"
        for table in tables
    ]
    reverse = [f"DROP TRIGGER IF EXISTS {table}_bumps_{name} ON {table};" for table in tables]
    return forward, reverse
