"""The one place that opens a journal: file checks, pragmas, schema upgrades.

Durability: WAL with ``synchronous=FULL``. Every commit is fsynced before it returns, so a saved
note survives a power cut as well as a crash; writes are human-paced (a few a minute), so the
milliseconds this costs are never felt, and bulk writes batch their rows into one transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from coachjournal import migrations
from coachjournal.errors import JournalOpenError
from coachjournal.models import Setting, database

#: ``PRAGMA application_id`` of every CoachJournal file ("CJrn"): tells a journal from any
#: other SQLite database.
APPLICATION_ID = 0x434A726E
SQLITE_HEADER = b"SQLite format 3\x00"

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "temp_store": "memory",
    "cache_size": -32_000,
}


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise JournalOpenError(f"{path} is a folder, not a journal file.")
    if not path.exists():
        if not create:
            raise JournalOpenError(f"There is no journal at {path}.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise JournalOpenError(
                f"Cannot create the folder for the journal at {path}: {error.strerror}."
            ) from error
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise JournalOpenError(f"Cannot read {path}: {error.strerror}.") from error
    if header and header != SQLITE_HEADER:
        raise JournalOpenError(f"{path} is not a CoachJournal journal (it is not a database).")


def _backup_before_upgrade(db: SqliteDatabase, path: Path, version: int) -> None:
    """Copy the journal, as it is, next to itself before its schema changes."""
    target = path.with_name(f"{path.stem}.schema-v{version}-backup{path.suffix}")
    destination = sqlite3.connect(target)
    try:
        db.connection().backup(destination)
    finally:
        destination.close()


def _inspect(path: Path) -> tuple[int, int, bool]:
    """Read ``(application_id, user_version, has_tables)`` through SQLite, so that a WAL left by
    a crash counts. The connection only reads; as it closes, SQLite folds any such WAL into the
    file (the same data) and removes the WAL files, so no stray ``-wal``/``-shm`` is left."""
    if not path.exists() or path.stat().st_size == 0:
        return 0, 0, False
    connection = sqlite3.connect(path)
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
        has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        connection.close()
    return application_id, user_version, has_tables


def open_journal(path: Path | str, *, create: bool = True) -> SqliteDatabase:
    """Open the journal at ``path`` (creating it if allowed), upgrade it, bind the models.

    Raises :class:`JournalOpenError` with a sentence for the user when the file is missing,
    unreadable, another kind of file or written by a newer version; such a file is left exactly
    as it was. A journal that needs an upgrade is first backed up next to itself.
    """
    path = Path(path).expanduser().absolute()
    close_journal()
    _check_file(path, create)
    try:
        application_id, version, has_tables = _inspect(path)
    except sqlite3.Error as error:
        raise JournalOpenError(f"Cannot open the journal at {path}: {error}.") from error
    if application_id != APPLICATION_ID and (has_tables or application_id != 0):
        raise JournalOpenError(f"{path} is a database, but not a CoachJournal journal.")
    migrations.check_supported(version)

    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        if not has_tables:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.upgrade(db, lambda old: _backup_before_upgrade(db, path, old))
    except JournalOpenError:
        db.close()
        raise
    except (DatabaseError, sqlite3.Error) as error:
        db.close()
        raise JournalOpenError(f"Cannot open the journal at {path}: {error}.") from error
    database.initialize(db)
    return db


def close_journal() -> None:
    """Close the open journal, if any, and checkpoint its WAL into the main file."""
    db = database.obj
    try:
        if db is not None and not db.is_closed():
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if db is not None:
            db.close()
        database.initialize(None)


def is_journal(path: Path | str) -> bool:
    """Whether ``path`` is an existing CoachJournal file."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        return _inspect(path)[0] == APPLICATION_ID
    except (OSError, sqlite3.Error):
        return False


def round_trip_check() -> None:
    """Write a row and read it back inside a transaction that is then rolled back.

    Proves that the open journal is readable and writable without changing it.
    """
    with database.atomic() as transaction:
        Setting.insert(key="round-trip-check", value="ok").on_conflict_replace().execute()
        value = Setting.get_by_id("round-trip-check").value
        transaction.rollback()
    if value != "ok":
        raise JournalOpenError("The journal did not return what was just written to it.")
