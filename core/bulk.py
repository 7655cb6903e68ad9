"""Write thousands of new rows quickly, for batch paths such as the import's publish.

Django's ``bulk_create`` runs every value through its SQL compiler and wants a model instance per row: for
rows whose ids nobody reads back (log entries, many-to-many rows, reference index rows) that costs more than
the database's own work. ``insert_rows`` prepares each value once with its field (as Django does before it
reaches the database) and hands all rows to the driver's ``executemany``. ``gc_paused`` keeps Python's cycle
collector from scanning the batch's many new objects again and again while it is built.
"""

import gc
import threading
from contextlib import contextmanager

from django.db import connections, router
from django.db.models.constants import OnConflict
from django.db.models.fields import AutoFieldMixin

_gc_lock = threading.Lock()
_gc_pausers = 0  # blocks inside gc_paused (threads of one process share the collector)
_gc_was_enabled = False


def insert_rows(model, fields, rows, *, ignore_conflicts=False):
    """Insert ``rows`` (tuples of Python values, in the order of the field names ``fields``) into ``model``'s table.

    Fields left out get the database's default, so name every column without one. No signals are sent and
    no ids come back. ``ignore_conflicts`` skips rows that break a unique constraint (as ``bulk_create``'s).
    """
    rows = list(rows)
    if not rows:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [model._meta.get_field(name) for name in fields]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    quote = connection.ops.quote_name
    sql = " ".join(
        part
        for part in (
            connection.ops.insert_statement(on_conflict=on_conflict),
            quote(model._meta.db_table),
            f"({', '.join(quote(field.column) for field in fields)})",
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None),
        )
        if part
    )
    params = [
        tuple(field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True))
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


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


def insert_objects(model, objects):
    """Insert unsaved ``model`` instances (with ``insert_rows``) whose ids nobody reads back: the ids stay unset."""
    fields = [f for f in model._meta.local_concrete_fields if not isinstance(f, AutoFieldMixin)]  # the database's
    insert_rows(model, [f.attname for f in fields], ([f.pre_save(obj, True) for f in fields] for obj in objects))
