"""The one place that opens a journal: file checks, pragmas, encryption, schema upgrades.

Durability: WAL with ``synchronous=FULL``. Every commit is fsynced before it returns, so a saved
note survives a power cut as well as a crash; writes are human-paced (a few a minute), so the
milliseconds this costs are never felt, and bulk writes batch their rows into one transaction.

Encryption: a journal is either a plain SQLite file or a SQLCipher 4 file (the ``sqlcipher3``
driver: AES-256, every page authenticated, the key derived from the passphrase with PBKDF2).
The two drivers are separate modules with separate connection and error classes; this module
hides the difference: :func:`open_journal` and :func:`connect_raw` pick the driver from the file
itself, and :data:`DRIVER_ERRORS` catches the errors of both. Turning encryption on and off is
in :mod:`coachjournal.safety.encryption`.

Readers: a command that only reads (``check``, ``export``, ``backup``, ``chart``, ``prep``)
opens the journal read-only (``mode=ro``, ``query_only``) and closes it without a checkpoint,
so it never takes the write lock the app's saves need, and it works on a journal it cannot
write (a read-only file, folder or disk: then ``immutable``, since nobody can be writing it).

Privacy: a new journal is created 0600 before SQLite opens it (SQLite gives the ``-wal`` and
``-shm`` the main file's mode), and an existing one readable by others is tightened
(:mod:`coachjournal.storage.files`).

The passphrase of the open journal is kept in this module only while it is open (a peewee
connection per thread needs it to key itself) and is dropped by :func:`close_journal`. Python
cannot wipe a string, so "dropped" means no reference is left for the collector to keep.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, TypeAlias

from peewee import DatabaseError, SqliteDatabase
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from coachjournal.errors import JournalOpenError, PassphraseRequired, WrongPassphrase
from coachjournal.storage import files, migrations
from coachjournal.storage.models import Setting, database

#: ``PRAGMA application_id`` of every CoachJournal file ("CJrn"): tells a journal from any
#: other SQLite database.
APPLICATION_ID = 0x434A726E
SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLCipher 4 files (the only kind the app writes) are whole pages of this size.
_CIPHER_PAGE = 4096

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "temp_store": "memory",
    "cache_size": -32_000,
}
#: A reader's: no journal mode to set (that would write), and every write refused.
READER_PRAGMAS = {
    "query_only": 1,
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "temp_store": "memory",
    "cache_size": -32_000,
}

#: A DB-API connection from either driver: ``sqlite3.Connection`` for a plain journal,
#: ``sqlcipher3.dbapi2.Connection`` (same methods) for an encrypted one. Not interchangeable:
#: ``Connection.backup(target)`` wants a target from the same driver.
RawConnection: TypeAlias = Any

#: Catch these, not ``sqlite3.Error`` alone, around raw connections: an encrypted journal's
#: driver raises its own classes (peewee wraps both into :class:`peewee.DatabaseError`).
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)

#: A broken constraint on a raw connection, from either driver.
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlcipher.IntegrityError)


class JournalNeedsUpgrade(JournalOpenError):  # noqa: N818 (names the condition)
    """A reader met a journal of an earlier schema, which only a writer may upgrade."""


WRONG_PASSPHRASE = "The passphrase is not right, or this file is not a CoachJournal journal."

_passphrase: str | None = None
_open: Path | None = None
_reading = False
_notice: str | None = None


def _address(path: Path | str, read_only: bool) -> tuple[str, dict[str, Any]]:
    """What to hand a driver's ``connect`` for ``path``: the file name, or for a reader that
    cannot write the file or its folder a read-only URI, ``immutable`` when the folder cannot
    be written (SQLite could create no WAL index there, and nobody can be writing the journal).

    A reader that could write gets the file name too, and ``query_only`` (:func:`_reader`): a
    read-only connection would leave an empty ``-wal`` and ``-shm`` behind, which a connection
    allowed to write removes as it closes when it is the last one (never blocking: SQLite
    checkpoints then only if no other connection has the journal open).
    """
    path = Path(path).absolute()
    if not read_only or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return str(path), {}
    uri = path.as_uri() + "?mode=ro"
    if not os.access(path.parent, os.W_OK) and not files.companions(path).wal.exists():
        uri += "&immutable=1"
    return uri, {"uri": True}


def _quoted(passphrase: str) -> str:
    """The passphrase as an SQL string literal (``PRAGMA key`` takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def _keyed(
    path: Path | str, passphrase: str, *, read_only: bool = False, **connect_args: Any
) -> RawConnection:
    """A sqlcipher3 connection to ``path`` keyed with ``passphrase`` and proven to decrypt.

    Only page 1 is read to prove the key, so a wrong passphrase writes nothing. SQLCipher's own
    log (which prints decryption failures on stderr) is silenced: the caller reports them.
    """
    if not passphrase or "\x00" in passphrase:
        raise WrongPassphrase(WRONG_PASSPHRASE)
    address, extra = _address(path, read_only)
    connection = sqlcipher.connect(address, **extra, **connect_args)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {_quoted(passphrase)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        connection.close()
        raise WrongPassphrase(WRONG_PASSPHRASE) from None
    except BaseException:
        connection.close()
        raise
    return connection


class EncryptedDatabase(SqlCipherDatabase):  # type: ignore[misc]
    """peewee's SQLCipher database, keyed through :func:`_keyed` (quiet, checked) on every
    connection it opens: one per thread, so export workers key their own.

    Deriving the key is most of the time it takes to open an encrypted journal, so the
    connection :func:`open_journal` keyed to inspect the file is handed over as the first one
    (``first_connection``) instead of keying a second.
    """

    def __init__(
        self,
        database: str,
        *,
        first_connection: RawConnection = None,
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(database, **kwargs)
        self._first_connection = first_connection
        self._read_only = read_only

    def _connect(self) -> RawConnection:
        connection, self._first_connection = self._first_connection, None
        if connection is not None:
            connection.isolation_level = None  # peewee manages transactions itself
        else:
            connection = _keyed(
                self.database,
                self.connect_params["passphrase"],
                read_only=self._read_only,
                timeout=self._timeout,
                isolation_level=None,
            )
        try:
            self._add_conn_hooks(connection)
        except BaseException:
            connection.close()
            raise
        return connection


def _is_new(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def _read_header(path: Path) -> bytes:
    """The file's first bytes; for the journal open in this process, the header its database
    has, without opening the file: closing any descriptor of a file drops every POSIX lock the
    process holds on it, SQLite's included (https://www.sqlite.org/howtocorrupt.html, 2.2), so
    a header read while the journal is open let another process write under its transaction."""
    current = open_path()
    if current is not None and _same_file(path, current):
        return b"" if isinstance(database.obj, EncryptedDatabase) else SQLITE_HEADER
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def is_encrypted(path: Path | str) -> bool:
    """Whether ``path`` looks like an encrypted journal: a non-empty file without SQLite's
    plain header whose size is a whole number of pages. Needs no passphrase; whether the file
    really is a journal shows only once it is opened with one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        return (
            path.is_file()
            and size >= _CIPHER_PAGE
            and size % _CIPHER_PAGE == 0
            and _read_header(path) != SQLITE_HEADER
        )
    except OSError:
        return False


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise JournalOpenError(f"{path} is a folder, not a journal file.")
    if not path.exists():
        if not create:
            raise JournalOpenError(f"There is no journal at {path}.")
        try:
            files.private_file(path)
        except OSError as error:
            raise JournalOpenError(
                f"Cannot create the journal at {path}: {error.strerror or error}."
            ) from error
        return
    try:
        header = _read_header(path)
    except OSError as error:
        raise JournalOpenError(f"Cannot read {path}: {error.strerror}.") from error
    if header and header != SQLITE_HEADER and not is_encrypted(path):
        raise JournalOpenError(f"{path} is not a CoachJournal journal (it is not a database).")


def connect_raw(
    path: Path | str, passphrase: str | None, *, read_only: bool = False
) -> RawConnection:
    """A DB-API connection to the file at ``path``, for code that works below peewee (backups,
    restore, checks). The caller closes it.

    - A plain journal: a ``sqlite3`` connection; ``passphrase`` is ignored.
    - An encrypted one: a ``sqlcipher3`` connection keyed with ``passphrase``; raises
      :class:`PassphraseRequired` when it is None, :class:`WrongPassphrase` when it does not
      decrypt (the file is not changed).
    - A missing or empty file: a new database, encrypted when ``passphrase`` is given.

    So passing :func:`current_passphrase` always does the right thing for files of the open
    journal. Connections are in autocommit-on-demand mode (the drivers' default). With
    ``read_only`` the file is only read, never created, and nothing is checkpointed on close.
    """
    path = Path(path)
    if is_encrypted(path) or (passphrase is not None and _is_new(path) and not read_only):
        if passphrase is None:
            raise PassphraseRequired(
                f"{path.name} is locked with a passphrase; give the passphrase to open it."
            )
        return _reader(_keyed(path, passphrase, read_only=read_only), read_only)
    address, extra = _address(path, read_only)
    return _reader(sqlite3.connect(address, **extra), read_only)


def _reader(connection: RawConnection, read_only: bool) -> RawConnection:
    """``connection``, refusing every write when ``read_only``."""
    if read_only:
        connection.execute("PRAGMA query_only = 1")
    return connection


def copy_database(source: RawConnection, target: Path, passphrase: str | None) -> None:
    """Copy the database behind ``source`` into the new file ``target`` with SQLite's online
    backup API (consistent even while the journal is in use).

    ``passphrase`` must be given exactly when ``source`` is an encrypted journal's connection
    (the copy is then encrypted, with that passphrase); SQLCipher cannot back up between a plain
    and an encrypted file (:mod:`coachjournal.safety.encryption` converts instead). An existing
    ``target`` and its WAL files are replaced.
    """
    encrypted_source = isinstance(source, sqlcipher.Connection)
    if encrypted_source != (passphrase is not None):
        raise ValueError("give the passphrase exactly when the source is encrypted")
    for stale in (target, *files.companions(target)):
        stale.unlink(missing_ok=True)
    files.private_file(target)
    destination = connect_raw(target, passphrase)
    try:
        source.backup(destination)
    finally:
        destination.close()


def cipher_errors() -> tuple[type[Exception], ...]:
    """The encrypted driver's error classes, to catch beside ``sqlite3.Error`` around raw
    connections (the same as :data:`DRIVER_ERRORS` without ``sqlite3.Error``)."""
    return (sqlcipher.Error,)


def copy_with_key(
    source: Path, source_passphrase: str | None, target: Path, target_passphrase: str | None
) -> None:
    """Write the database in the file ``source`` into the new file ``target``, encrypted with
    ``target_passphrase`` (plain when None): the way to change a file's encryption, which the
    backup API cannot do.

    ``source`` is read as it is on disk: if it is encrypted it opens with ``source_passphrase``
    (:class:`WrongPassphrase` otherwise); if it is plain, ``source_passphrase`` is ignored.
    Schema, rows, ``user_version`` and ``application_id`` are copied (``sqlcipher_export``);
    ``target`` is left in rollback-journal mode, one self-contained file. ``source`` is only
    read. The caller verifies ``target``, fsyncs it and renames it into place; an existing
    ``target`` is replaced.
    """
    for stale in (target, *files.companions(target)):
        stale.unlink(missing_ok=True)
    files.private_file(target)
    if is_encrypted(source):
        if source_passphrase is None:
            raise PassphraseRequired(
                f"{source.name} is locked with a passphrase; give the passphrase to read it."
            )
        reader = _keyed(source, source_passphrase)
    else:
        reader = sqlcipher.connect(str(source))
        reader.execute("PRAGMA cipher_log_level = NONE")
    try:
        application_id = reader.execute("PRAGMA application_id").fetchone()[0]
        user_version = reader.execute("PRAGMA user_version").fetchone()[0]
        key = _quoted(target_passphrase) if target_passphrase else "''"
        reader.execute(f"ATTACH DATABASE ? AS converted KEY {key}", (str(target),))
        try:
            reader.execute("SELECT sqlcipher_export('converted')").fetchall()
            reader.execute(f"PRAGMA converted.application_id = {int(application_id)}")
            reader.execute(f"PRAGMA converted.user_version = {int(user_version)}")
            reader.execute("PRAGMA converted.journal_mode = DELETE").fetchall()
        finally:
            reader.execute("DETACH DATABASE converted")
    finally:
        reader.close()


def _backup_before_upgrade(db: SqliteDatabase, path: Path, version: int, key: str | None) -> None:
    """Copy the journal, as it is, next to itself before its schema changes (encrypted with the
    same passphrase when the journal is encrypted)."""
    target = path.with_name(f"{path.stem}.schema-v{version}-backup{path.suffix}")
    copy_database(db.connection(), target, key)


def _identity(connection: RawConnection) -> tuple[int, int, bool]:
    """``(application_id, user_version, has_tables)``, read without writing anything."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    has_tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    return application_id, user_version, has_tables


def _inspect(path: Path, read_only: bool = False) -> tuple[int, int, bool]:
    """The :func:`_identity` of a plain file, read through SQLite so that a WAL left by a crash
    counts. The connection only reads; as it closes, SQLite folds any such WAL into the file
    (the same data) and removes the WAL files, so no stray ``-wal``/``-shm`` is left (unless
    ``read_only``: then nothing is written)."""
    if _is_new(path):
        return 0, 0, False
    address, extra = _address(path, read_only)
    connection = sqlite3.connect(address, **extra)
    try:
        return _identity(connection)
    finally:
        connection.close()


def open_journal(
    path: Path | str,
    *,
    create: bool = True,
    passphrase: str | None = None,
    read_only: bool = False,
) -> SqliteDatabase:
    """Open the journal at ``path`` (creating it if allowed), upgrade it, bind the models.

    An encrypted journal needs ``passphrase``: without one, :class:`PassphraseRequired`; with a
    wrong one, :class:`WrongPassphrase`. A passphrase given for a plain journal is ignored (so
    :func:`current_passphrase` stays None), and one given for a new or empty file makes it an
    encrypted journal.

    Raises :class:`JournalOpenError` with a sentence for the user when the file is missing,
    unreadable, another kind of file or written by a newer version; such a file is left exactly
    as it was. A journal that needs an upgrade is first backed up next to itself (encrypted
    with the same passphrase when the journal is).

    With ``read_only`` (the reading commands) nothing is created, upgraded or written, and
    :func:`close_journal` does not checkpoint: the journal must exist at the current schema.
    """
    global _passphrase, _open, _reading, _notice
    path = Path(path).expanduser().absolute()
    close_journal()
    _check_file(path, create and not read_only)
    _notice = files.tighten(path)
    encrypted = is_encrypted(path) or (passphrase is not None and _is_new(path))
    if encrypted and passphrase is None:
        raise PassphraseRequired(
            f"{path.name} is locked with a passphrase; enter it to open the journal."
        )
    key = passphrase if encrypted else None
    keyed = None if key is None else _keyed(path, key, read_only=read_only)
    try:
        application_id, version, has_tables = (
            _inspect(path, read_only) if keyed is None else _identity(keyed)
        )
        if application_id != APPLICATION_ID and (has_tables or application_id != 0):
            raise JournalOpenError(f"{path} is a database, but not a CoachJournal journal.")
        migrations.check_supported(version)
        if read_only and version != migrations.LATEST:
            raise JournalNeedsUpgrade(
                f"The journal at {path} was written by an earlier CoachJournal; open it in the "
                "app (or run a command that writes it) once to bring it up to date."
            )
    except DRIVER_ERRORS as error:
        if keyed is not None:
            keyed.close()
        raise JournalOpenError(f"Cannot open the journal at {path}: {error}.") from error
    except BaseException:
        if keyed is not None:
            keyed.close()
        raise

    db = _database(path, key, keyed, read_only)
    try:
        db.connect()
        if read_only:
            db.execute_sql("SELECT count(*) FROM sqlite_master")  # a read proves it opens
        elif not has_tables:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.upgrade(db, lambda old: _backup_before_upgrade(db, path, old, key))
    except JournalOpenError:
        db.close()
        raise
    except (DatabaseError, sqlite3.Error, sqlcipher.Error) as error:
        db.close()
        raise JournalOpenError(f"Cannot open the journal at {path}: {error}.") from error
    database.initialize(db)
    _passphrase, _open, _reading = key, path, read_only
    return db


def _database(path: Path, key: str | None, keyed: RawConnection, read_only: bool) -> SqliteDatabase:
    """The peewee database for ``path``: encrypted with ``key`` (its first connection the
    ``keyed`` one) or plain; a reader's through a read-only URI."""
    pragmas = READER_PRAGMAS if read_only else PRAGMAS
    if key is not None:
        return EncryptedDatabase(
            str(path), first_connection=keyed, read_only=read_only, passphrase=key, pragmas=pragmas
        )
    address, extra = _address(path, read_only)
    return SqliteDatabase(address, pragmas=pragmas, **extra)


def close_journal() -> None:
    """Close the open journal, if any, checkpoint its WAL into the main file (a writer only: a
    reader leaves the WAL to the writer), and drop its passphrase."""
    global _passphrase, _open, _reading
    db = database.obj
    try:
        if db is not None and not db.is_closed() and not _reading:
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if db is not None:
            db.close()
        database.initialize(None)
        _passphrase, _open, _reading = None, None, False


def permission_notice() -> str | None:
    """A sentence for the user when the last journal opened is readable by other users and its
    permissions could not be narrowed; None otherwise."""
    return _notice


def current_passphrase() -> str | None:
    """The passphrase of the open journal; None when it is plain or no journal is open."""
    return _passphrase


def open_path() -> Path | None:
    """The file of the open journal; None when none is open."""
    return _open if database.obj is not None else None


def is_journal(path: Path | str) -> bool:
    """Whether ``path`` is an existing CoachJournal file.

    An encrypted file counts without being checked (that needs its passphrase): callers use
    this to refuse writing over a journal, and an encrypted one must never be written over.
    """
    path = Path(path)
    if is_encrypted(path):
        return True
    try:
        if _read_header(path) != SQLITE_HEADER:
            return False
        return _inspect(path, read_only=True)[0] == APPLICATION_ID
    except (OSError, sqlite3.Error, sqlcipher.Error):
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
