"""Database dumps: PostgreSQL through pg_dump (custom format, restored with pg_restore), SQLite as a copy of
the database file. Written to a temporary name first, so a failed dump never looks like a good one."""

import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

PREFIX = "praevention-"


def dump(directory: Path, now: datetime) -> Path:
    """Dump the default database; ``now`` in UTC names the file."""
    directory.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    vendor = connection.vendor
    target = directory / f"{PREFIX}{now:%Y%m%dT%H%M%SZ}.{'dump' if vendor == 'postgresql' else 'sqlite3'}"
    partial = target.with_name(target.name + ".partial")
    try:
        if vendor == "postgresql":
            _pg_dump(db, partial)
        elif vendor == "sqlite":
            _sqlite_backup(partial)
        else:
            raise RuntimeError(f"no backup for the {vendor} database")
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _pg_dump(db, target):
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), "--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - a fixed argument list
    if result.returncode != 0:
        raise RuntimeError(f"pg_dump failed ({result.returncode}): {result.stderr.strip()}")


def _sqlite_backup(target):
    """A consistent image of the database read through Django's own connection (sqlite3's ``serialize``): the
    online backup API would retry forever while another connection holds a lock."""
    connection.ensure_connection()
    target.write_bytes(connection.connection.serialize())


def prune(directory: Path, keep: int):
    """Delete all but the newest ``keep`` dumps (names sort by time); returns the deleted paths."""
    dumps = sorted(p for p in directory.glob(f"{PREFIX}*") if not p.name.endswith(".partial"))
    gone = dumps[:-keep] if keep > 0 else []
    for path in gone:
        path.unlink()
    return gone


def backup_directory():
    return Path(settings.BACKUP_DIR)
