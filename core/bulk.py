"""After a bulk load: the planner's statistics, gathered at once."""

from django.db import connection


def analyse(*models):
    """ANALYZE the tables of `models` and of their many-to-many links (tags included), so the
    planner knows the new rows at once (autovacuum, which would gather this, may be off or
    late, and a fresh import is exactly when people look).

    Not inside a caller's transaction (a test's, say): there the statistics would count rows
    that may yet be rolled back, and PostgreSQL keeps a table's row estimate even then."""
    if connection.in_atomic_block:
        return
    tables = {}
    for model in models:
        tables[model._meta.db_table] = None
        for field in model._meta.many_to_many:
            tables[field.remote_field.through._meta.db_table] = None
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
