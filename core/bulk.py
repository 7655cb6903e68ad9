"""Write thousands of new rows quickly, for batch paths such as the import's publish.

Django's ``bulk_create`` runs every value through its SQL compiler and wants a model instance per row: for
log entries, many-to-many rows and reference index rows that costs more than the database's own work.
``insert_rows`` prepares each value once with its field (as Django does before it reaches the database) and
hands all rows to SQLite's ``executemany``, or to PostgreSQL as one statement with an array per column.
``pipelined`` lets the server write one batch while this process prepares the next.
``gc_paused`` keeps Python's cycle collector from scanning a batch's many new objects again and again.
"""

import datetime
import gc
import json
import threading
import uuid
from contextlib import contextmanager

from django.db import connections, models, router
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


@contextmanager
def pipelined(using="default"):
    """On PostgreSQL, queries in the block are sent without waiting for their results (psycopg's pipeline mode):
    the server runs them while this process goes on, and the block's end waits for them (raising their errors).

    A query whose rows are read in the block waits for the ones before it. Server-side cursors (``iterator()``)
    are refused in the block. Elsewhere the block runs as it is.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.pipeline():  # Django's errors, as outside
        yield


def prepared(connection, fields, row):
    """The row's values as its fields hand them to the database driver."""
    return tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True))


def _unnest(connection, fields, rows):
    """PostgreSQL: all rows in one statement, an array per column (as Django's ``bulk_create`` does there).

    Columns of plain values (text, numbers, dates, JSON) go as one JSON array each, which the server unpacks:
    psycopg would build and escape an array literal value by value in Python, which made inserting revisions
    three times slower and was a third of writing a rebuild's search documents. Array types without their
    length, as Django's: varchar[], not varchar(50)[].
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
            continue
        array_type = f"{field.db_type(connection).split('(')[0]}[]"
        values = _prepared_column(connection, field, column)
        text = _json_text(field, values)
        if text is None:
            placeholders.append(f"(%s)::{array_type}")
            params.append(values)
        else:
            unpacked = "ARRAY(SELECT e FROM jsonb_array_elements_text(%s::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n)"
            placeholders.append(f"{unpacked}::{array_type}")
            params.append(text)
    return f"SELECT * FROM UNNEST({', '.join(placeholders)})", params  # noqa: S608 - types from the fields


# Fields (by exact class: a subclass may prepare differently) whose values of this Python type reach the database
# as they are. Preparing each of a rebuild's 700,000 values through its field took a second of CPU.
_AS_THEY_ARE = {
    **dict.fromkeys((models.CharField, models.TextField), str),
    **dict.fromkeys(
        (
            models.IntegerField,
            models.BigIntegerField,
            models.SmallIntegerField,
            models.PositiveIntegerField,
            models.PositiveBigIntegerField,
            models.PositiveSmallIntegerField,
            models.AutoField,
            models.BigAutoField,
            models.SmallAutoField,
        ),
        int,
    ),
}
# Fields whose prepared values the server reads from JSON text: strings, numbers, booleans, ISO dates, UUIDs.
_FROM_JSON_TEXT = (
    "CharField TextField IntegerField BigIntegerField SmallIntegerField PositiveIntegerField "
    "PositiveBigIntegerField PositiveSmallIntegerField AutoField BigAutoField SmallAutoField BooleanField "
    "DateTimeField DateField UUIDField"
).split()


def _target(field):
    """The field whose values a foreign key stores (it prepares them through that field)."""
    return field.target_field if type(field) in (models.ForeignKey, models.OneToOneField) else field


def _prepared_column(connection, field, values):
    plain = _AS_THEY_ARE.get(type(_target(field)))
    prepare = field.get_db_prep_save
    return [value if type(value) is plain or value is None else prepare(value, connection) for value in values]


def _json_text(field, values):
    """The prepared values as one JSON array of strings, numbers and booleans, or None if they are not such."""
    if _target(field).get_internal_type() not in _FROM_JSON_TEXT:
        return None
    try:
        return json.dumps(values, default=_json_scalar, allow_nan=False)
    except (TypeError, ValueError):
        return None


def _json_scalar(value):
    if isinstance(value, (datetime.date, datetime.time)):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(type(value))


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
