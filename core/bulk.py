"""Write thousands of new rows quickly, for batch paths such as the import's publish.

Django's ``bulk_create`` runs every value through its SQL compiler and wants a model instance per row: for
log entries, many-to-many rows and reference index rows that costs more than the database's own work.
``insert_rows`` prepares each value once with its field (as Django does before it reaches the database) and
hands all rows to SQLite's ``executemany``, or to PostgreSQL as one statement with an array per column.
``gc_paused`` keeps Python's cycle collector from scanning a batch's many new objects again and again.
"""

import gc
import json
import threading
from contextlib import contextmanager

from django.db import connections, router
from django.db.models import JSONField
from django.db.models.constants import OnConflict
from django.db.models.fields import AutoFieldMixin

_gc_lock = threading.Lock()
_gc_pausers = 0  # blocks inside gc_paused (threads of one process share the collector)
_gc_was_enabled = False


def insert_rows(model, fields, rows, *, ignore_conflicts=False, returning=False):
    """Insert ``rows`` (tuples of Python values, in the order of the field names ``fields``) into ``model``'s table.

    Fields left out get the database's default, so name every column without one. No signals are sent.
    ``ignore_conflicts`` skips rows that break a unique constraint (as ``bulk_create``'s); ``returning``
    gives back the new primary keys in the rows' order (as ``bulk_create`` relies on the database to keep it).
    """
    rows = list(rows)
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in fields]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    quote = connection.ops.quote_name
    head = " ".join(
        (
            connection.ops.insert_statement(on_conflict=on_conflict),
            quote(model._meta.db_table),
            f"({', '.join(quote(field.column) for field in fields)})",
        )
    )
    tail = " ".join(
        part
        for part in (
            connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None),
            f"RETURNING {quote(model._meta.pk.column)}" if returning else "",
        )
        if part
    )
    if connection.vendor == "postgresql":
        sql, params = _unnest(connection, fields, rows)
        batches = [(f"{head} {sql} {tail}", params)]
    else:
        params = [prepared(connection, fields, row) for row in rows]
        if not returning:
            with connection.cursor() as cursor:
                cursor.executemany(f"{head} VALUES ({', '.join(['%s'] * len(fields))}) {tail}", params)
            return []
        size = connection.ops.bulk_batch_size(fields, rows)
        one = f"({', '.join(['%s'] * len(fields))})"
        batches = [
            (f"{head} VALUES {', '.join([one] * len(batch))} {tail}", [value for row in batch for value in row])
            for batch in (params[start : start + size] for start in range(0, len(params), size))
        ]
    keys = []
    with connection.cursor() as cursor:
        for sql, params in batches:
            cursor.execute(sql, params)
            if returning:
                keys += [key for (key,) in cursor.fetchall()]
    return keys


def prepared(connection, fields, row):
    """The row's values as its fields hand them to the database driver."""
    return tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True))


def _unnest(connection, fields, rows):
    """PostgreSQL: all rows in one statement, an array per column (as Django's ``bulk_create`` does there).

    A JSON column goes as one JSON array instead: psycopg would escape each quote of each document in an array
    literal in Python, which made inserting revisions three times slower. Array types without their length,
    as Django's: varchar[], not varchar(50)[].
    """
    placeholders, params = [], []
    for n, field in enumerate(fields):
        column = [row[n] for row in rows]
        if isinstance(field, JSONField):
            placeholders.append(
                "ARRAY(SELECT NULLIF(e, 'null') FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS t(e, n) "
                "ORDER BY n)"
            )
            params.append(json.dumps(column, cls=field.encoder))
        else:
            placeholders.append(f"(%s)::{field.db_type(connection).split('(')[0]}[]")
            params.append([field.get_db_prep_save(value, connection) for value in column])
    return f"SELECT * FROM UNNEST({', '.join(placeholders)})", params  # noqa: S608 - types from the fields


@contextmanager
def gc_paused():
    """Python's cycle collector off inside the block (and on again when the last such block ends).

    A batch builds hundreds of thousands of objects that stay alive until it ends; each automatic collection
    walks all of them, which made a third of an import's time. Garbage with cycles waits until the block ends.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def insert_objects(model, objects, *, returning=False):
    """Insert unsaved instances into ``model``'s own table (its local columns) with ``insert_rows``.

    With ``returning`` each gets its new primary key (as ``model`` names it), else the keys stay unset.
    """
    objects = list(objects)
    fields = [f for f in model._meta.local_concrete_fields if not isinstance(f, AutoFieldMixin)]  # the database's
    rows = ([f.pre_save(obj, True) for f in fields] for obj in objects)
    keys = insert_rows(model, [f.attname for f in fields], rows, returning=returning)
    using = router.db_for_write(model)
    for obj, key in zip(objects, keys or [None] * len(objects), strict=True):
        if returning:
            setattr(obj, model._meta.pk.attname, key)
        obj._state.adding, obj._state.db = False, using
    return objects
