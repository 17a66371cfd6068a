"""Bulk loads: rows written with COPY, and the planner's statistics gathered at once after."""

import datetime
import decimal

from django.db import connection
from django.utils import timezone


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


def reserve_ids(model, count):
    """`count` primary keys drawn from the table's own sequence, so rows written with COPY
    (which returns nothing) know their ids before their links are written."""
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(table, columns, rows):
    """Write `rows` (tuples in the order of `columns`) into `table` with one COPY: several
    times faster than INSERT for tens of thousands of rows, and the table's triggers still
    run, so what they keep (search vectors, data versions, the publication log) stays right."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def copy_instances(objects):
    """Write unsaved model instances, their primary keys set (reserve_ids), with one COPY.
    Fields that fill themselves on save (auto_now, auto_now_add) get one timestamp for all;
    every other value is taken as it stands, so the instances must be complete."""
    if not objects:
        return
    model = type(objects[0])
    fields = model._meta.concrete_fields
    now = timezone.now()
    stamped = [
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for obj in objects:
        for attname in stamped:
            if getattr(obj, attname) is None:
                setattr(obj, attname, now)
    columns = [(f.attname, f) for f in fields]
    copy_rows(
        model._meta.db_table,
        [f.column for f in fields],
        ([_db_value(f, getattr(obj, a)) for a, f in columns] for obj in objects),
    )


# Values COPY takes as they are; anything else (a Country, a choices enum) goes through its
# field's own conversion, as save() would do, which costs about ten times more.
_PLAIN = {str, int, float, bool, type(None), datetime.date, datetime.datetime, decimal.Decimal}


def _db_value(field, value):
    if type(value) in _PLAIN:
        return value
    return field.get_db_prep_save(value, connection)
