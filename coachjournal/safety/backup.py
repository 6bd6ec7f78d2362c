"""Backups of a journal: made, rotated, checked, restored.

A backup is a whole, self-contained copy of the journal made with SQLite's online backup API
through a connection of its own, so it is a consistent snapshot even while the app writes (the
journal is in WAL mode: a reader never blocks the writer). It is written under a temporary name
in the backup folder, verified (``integrity_check``, the journal's ``application_id``, a schema
this version reads), fsynced, and only then renamed to ``<journal-stem>-YYYYMMDD-HHMMSS.db``:
a file with a backup's name is always a finished, good backup. An encrypted journal's backups
are encrypted with the same key (the backup API copies the encrypted pages as they are).

Every backup the app writes is recorded (``backups.json`` in the settings folder, per journal:
paths only, never note text). Rotation keeps the newest backup of each of the last N days that
have one and of each of the last M ISO weeks that have one, and deletes only backups recorded
as made of *this* journal that are still journals: a file that merely looks like a backup (the
same name from another journal with the same file name, or a user's own file) is left alone.
The record also tells a passphrase change every place the journal's copies were written to
(:func:`coachjournal.safety.encryption.match_backups_to_journal`).

Restoring checks the backup first, keeps the current journal as a safety copy beside it, and
swaps the restored file in with one atomic rename, so the journal is the old one or the
restored one, never half of each.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from coachjournal import paths
from coachjournal.errors import (
    CoachJournalError,
    JournalOpenError,
    PassphraseRequired,
    WrongPassphrase,
)
from coachjournal.storage import db, exports, files, migrations, preferences

log = logging.getLogger(__name__)

SUFFIX = ".db"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
#: What the safety copy made by :func:`restore` is called, beside the journal.
SAFETY_MARK = "before-restore"
_STAMP = r"(\d{8}-\d{6})"
#: What opening a file that is no (readable) journal raises; what writing a copy may raise.
_UNREADABLE: tuple[type[Exception], ...] = (JournalOpenError, *db.DRIVER_ERRORS)
_WRITE_ERRORS: tuple[type[Exception], ...] = (OSError, *db.DRIVER_ERRORS)
#: What reading a damaged (or differently keyed) journal raises.
_UNSOUND: tuple[type[Exception], ...] = (CoachJournalError, *db.DRIVER_ERRORS)


class BackupError(CoachJournalError):
    """A backup could not be made, read or restored."""


@dataclasses.dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup of a journal, as listed in the backup folder."""

    path: Path
    taken_at: dt.datetime
    size: int
    encrypted: bool


@dataclasses.dataclass(frozen=True, slots=True)
class CheckReport:
    """What :func:`check` found."""

    path: Path
    #: ``("ok",)`` for a sound file; otherwise SQLite's list of problems.
    integrity: tuple[str, ...]
    schema_version: int
    encrypted: bool
    #: Rows per table, in the order SQLite lists the tables.
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return self.integrity == ("ok",) and 0 < self.schema_version <= migrations.LATEST


# --- names and rotation ------------------------------------------------------------------------


def backup_name(journal: Path, when: dt.datetime) -> str:
    """``<journal-stem>-YYYYMMDD-HHMMSS.db``: sorts by time, and says whose backup it is."""
    return f"{journal.stem}-{when.strftime(STAMP_FORMAT)}{SUFFIX}"


def _pattern(journal: Path, mark: str = "-") -> re.Pattern[str]:
    return re.compile(re.escape(journal.stem + mark) + _STAMP + re.escape(SUFFIX))


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, STAMP_FORMAT)
    except ValueError:
        return None


def _matching(folder: Path, pattern: re.Pattern[str]) -> Iterator[tuple[Path, dt.datetime]]:
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return
    except OSError as error:
        raise BackupError(f"Cannot read the backup folder {folder}: {error.strerror}.") from error
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file():
            continue
        taken_at = _stamp(match.group(1))
        if taken_at is not None:
            yield entry, taken_at


def list_backups(journal: Path, folder: Path) -> list[BackupFile]:
    """The backups of ``journal`` in ``folder``, newest first."""
    found = []
    for path, taken_at in _matching(folder, _pattern(journal)):
        with contextlib.suppress(OSError):
            found.append(BackupFile(path, taken_at, path.stat().st_size, db.is_encrypted(path)))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def safety_copies(journal: Path) -> list[Path]:
    """The copies :func:`restore` kept beside ``journal``, newest first."""
    found = _matching(journal.parent, _pattern(journal, f".{SAFETY_MARK}-"))
    return [path for path, _ in sorted(found, key=lambda item: item[1], reverse=True)]


def backups_to_keep(stamps: Iterable[dt.datetime], daily: int, weekly: int) -> set[dt.datetime]:
    """Which backups rotation keeps: the newest of each of the last ``daily`` days that have
    a backup and of each of the last ``weekly`` ISO weeks that have one. Pure, so it is tested
    on its own; the newest backup is always kept (when ``daily`` or ``weekly`` is at least 1)."""
    newest_of_day: dict[dt.date, dt.datetime] = {}
    newest_of_week: dict[tuple[int, int], dt.datetime] = {}
    for stamp in stamps:
        day = stamp.date()
        week = tuple(day.isocalendar())[:2]
        assert len(week) == 2
        if day not in newest_of_day or stamp > newest_of_day[day]:
            newest_of_day[day] = stamp
        if week not in newest_of_week or stamp > newest_of_week[week]:
            newest_of_week[(week[0], week[1])] = stamp
    days = sorted(newest_of_day, reverse=True)[: max(daily, 0)]
    weeks = sorted(newest_of_week, reverse=True)[: max(weekly, 0)]
    return {newest_of_day[day] for day in days} | {newest_of_week[week] for week in weeks}


RECORD_NAME = "backups.json"
#: Backups remembered per journal at most (rotation keeps far fewer).
_RECORDED = 1000


def _record_path() -> Path:
    return paths.config_dir() / RECORD_NAME


def _whose(journal: Path) -> str:
    return str(journal.expanduser().resolve())


def _load_record() -> dict[str, list[str]]:
    try:
        raw = json.loads(_record_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.warning("Ignoring the unreadable record of backups: %s", error)
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        key: [item for item in value if isinstance(item, str)]
        for key, value in raw.items()
        if isinstance(key, str) and isinstance(value, list)
    }


def _save_record(record: dict[str, list[str]]) -> None:
    try:
        with exports.new_file(_record_path(), force=True) as stream:
            stream.write(json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))
    except CoachJournalError as error:
        log.warning("Could not update the record of backups: %s", error)


def recorded_backups(journal: Path) -> list[Path]:
    """Every backup of ``journal`` the app recorded writing (into a backup folder or with
    ``backup --out``), whether or not it is still there."""
    return [Path(item) for item in _load_record().get(_whose(journal), [])]


def _remember(journal: Path, backup: Path) -> None:
    record = _load_record()
    made = [item for item in record.get(_whose(journal), []) if item != str(backup)]
    record[_whose(journal)] = [*made, str(backup)][-_RECORDED:]
    _save_record(record)


def _forget(journal: Path, gone: Iterable[Path]) -> None:
    gone_names = {str(path) for path in gone}
    if not gone_names:
        return
    record = _load_record()
    record[_whose(journal)] = [i for i in record.get(_whose(journal), []) if i not in gone_names]
    _save_record(record)


def rotate(journal: Path, folder: Path, daily: int, weekly: int) -> list[Path]:
    """Delete the backups of ``journal`` in ``folder`` that rotation does not keep: only files
    recorded as its backups that are still journals."""
    made = {str(path) for path in recorded_backups(journal)}
    backups = [
        backup
        for backup in list_backups(journal, folder)
        if str(backup.path.absolute()) in made and db.is_journal(backup.path)
    ]
    keep = backups_to_keep((backup.taken_at for backup in backups), daily, weekly)
    deleted = []
    for backup in backups:
        if backup.taken_at in keep:
            continue
        try:
            backup.path.unlink()
        except OSError as error:
            log.warning("Could not delete the old backup %s: %s", backup.path, error)
            continue
        deleted.append(backup.path)
    _forget(journal, (path.absolute() for path in deleted))
    return deleted


# --- making and verifying ------------------------------------------------------------------------


def _explain(error: Exception, what: str) -> BackupError:
    text = str(error).lower()
    if isinstance(error, OSError) and error.strerror:
        reason = error.strerror.lower()
    elif "full" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text:
        reason = "the folder is read-only"
    else:
        reason = str(error)
    return BackupError(f"{what}: {reason}.")


@contextlib.contextmanager
def _connection(
    path: Path, passphrase: str | None, *, read_only: bool = False
) -> Iterator[db.RawConnection]:
    connection = db.connect_raw(path, passphrase, read_only=read_only)
    try:
        yield connection
    finally:
        connection.close()


def _key(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to use on ``path``: ``passphrase`` if the file is encrypted, else None."""
    return passphrase if db.is_encrypted(path) else None


def _unreadable(path: Path, error: Exception, *, journal: bool = False) -> BackupError:
    """The sentence for a file that did not open: a backup's (``verify``, ``restore``) or, with
    ``journal``, the journal's own (``check``)."""
    if isinstance(error, PassphraseRequired):
        return BackupError(f"{path.name} is encrypted: give the journal's passphrase to read it.")
    if isinstance(error, WrongPassphrase):
        if journal:
            return BackupError(
                f"{path.name} does not open with this passphrase (or is not a CoachJournal "
                "journal); give the journal's passphrase."
            )
        return BackupError(
            f"{path.name} does not open with this passphrase (or is not a journal); use the "
            "passphrase the journal had when the backup was made."
        )
    return BackupError(f"{path} is not a CoachJournal journal or backup ({error}).")


def _verified(connection: db.RawConnection, path: Path) -> int:
    """Check the open ``path``: a CoachJournal journal, sound, of a schema this version reads.
    Returns its schema version."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if application_id != db.APPLICATION_ID:
        raise BackupError(f"{path} is a database, but not a CoachJournal journal.")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > migrations.LATEST:
        raise BackupError(
            f"{path} was written by a newer CoachJournal (schema {version}; this version reads "
            f"up to {migrations.LATEST}); update CoachJournal to restore it."
        )
    if version < 1:
        raise BackupError(f"{path} is an empty journal, with nothing to restore.")
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"{path} is damaged ({problems[0]}); choose an earlier backup.")
    return version


def verify(path: Path, passphrase: str | None) -> int:
    """Check that ``path`` is a sound journal this version can open; return its schema version.

    Raises :class:`BackupError` with a sentence when the file is missing, is not a journal,
    needs another passphrase, is damaged, or was written by a newer CoachJournal.
    """
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    if path.stat().st_size == 0:
        raise BackupError(f"{path} is an empty file, not a backup; choose another.")
    try:
        with _connection(path, _key(path, passphrase), read_only=True) as connection:
            return _verified(connection, path)
    except _UNREADABLE as error:
        raise _unreadable(path, error) from error


def _temporary_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


@contextlib.contextmanager
def _discarded_on_failure(temporary: Path, failure: str) -> Iterator[None]:
    """Remove the half-written ``temporary`` (and its sidecars) if the block fails, whatever
    the reason; a disk or database error becomes a :class:`BackupError` that starts with
    ``failure``."""
    try:
        yield
    except _WRITE_ERRORS as error:
        files.remove_journal(temporary)
        raise _explain(error, failure) from error
    except BaseException:
        files.remove_journal(temporary)
        raise


def _copy_into(source: Path, passphrase: str | None, target: Path) -> None:
    """Copy the journal at ``source`` (only read) into the new file ``target`` (same key), leave
    the copy a single self-contained file (rollback journal, not WAL), readable by its owner
    only, and verify it."""
    key = _key(source, passphrase)
    with _connection(source, key, read_only=True) as reader:
        db.copy_database(reader, target, key)
    with _connection(target, key) as copy:
        copy.execute("PRAGMA journal_mode = DELETE").fetchall()
        _verified(copy, target)


def write_backup(journal: Path, target: Path, passphrase: str | None) -> Path:
    """Back ``journal`` up into the file ``target`` (encrypted with ``passphrase`` if the
    journal is); verified and renamed into place only when whole. Returns ``target``.

    An existing file at ``target`` is never replaced (it may be a journal, or the only copy of
    one): the caller picks a new name.
    """
    target = target.expanduser().absolute()
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name for the backup.")
    if target.exists():
        raise BackupError(f"There is already a file at {target}; choose another name.")
    if not journal.is_file():
        raise BackupError(f"There is no journal at {journal}.")
    try:
        paths.private_folder(target.parent)
        temporary = _temporary_beside(target)
    except OSError as error:
        raise _explain(error, f"Could not write a backup in {target.parent}") from error
    with _discarded_on_failure(temporary, f"Could not write the backup {target}"):
        _copy_into(journal, passphrase, temporary)
        files.sync_file(temporary)
        temporary.replace(target)
    files.sync_folder(target.parent)
    _remember(journal, target)
    return target


def backup_to_folder(
    journal: Path,
    folder: Path,
    passphrase: str | None,
    *,
    daily: int,
    weekly: int,
    now: dt.datetime | None = None,
) -> tuple[Path, list[Path]]:
    """Back ``journal`` up into ``folder`` under a dated name, then rotate; return the new file
    and the older ones rotation deleted."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    while (folder / backup_name(journal, now)).exists():  # two backups in one second
        now += dt.timedelta(seconds=1)
    target = write_backup(journal, folder / backup_name(journal, now), passphrase)
    return target, rotate(journal, folder, daily, weekly)


def backup_due(journal: Path, folder: Path, *, on_quit: bool, today: dt.date | None = None) -> bool:
    """Whether an automatic backup should be made now, at the cost of listing one folder.

    At start: when no backup of ``journal`` was made today. On quit: also when the journal
    changed after the newest backup (its file, or its WAL, is newer than that backup).
    """
    today = today or dt.date.today()
    backups = list_backups(journal, folder)
    if not backups or backups[0].taken_at.date() != today:
        return True
    if not on_quit:
        return False
    newest = backups[0].path.stat().st_mtime
    for path in (journal, files.companions(journal).wal):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime > newest:
                return True
    return False


def automatic_backup(
    journal: Path,
    passphrase: str | None,
    *,
    on_quit: bool,
    settings: preferences.Preferences | None = None,
    now: dt.datetime | None = None,
) -> Path | None:
    """The app's backup at start (once a day) and on quit (when the journal changed): into the
    folder of the user's preferences, rotated as they ask. None when nothing was due."""
    settings = settings or preferences.load()
    folder = settings.backup_dir()
    now = now or dt.datetime.now()
    if not backup_due(journal, folder, on_quit=on_quit, today=now.date()):
        return None
    target, _ = backup_to_folder(
        journal,
        folder,
        passphrase,
        daily=settings.daily_backups,
        weekly=settings.weekly_backups,
        now=now,
    )
    return target


# --- checking ------------------------------------------------------------------------------------


def _tables(connection: Any) -> list[str]:
    """The journal's own tables: not SQLite's, nor the shadow tables of the search index."""
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in rows
        if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def check(journal: Path, passphrase: str | None) -> CheckReport:
    """Run SQLite's ``integrity_check`` on ``journal`` and count its rows, table by table."""
    if not journal.is_file():
        raise BackupError(f"There is no journal at {journal}.")
    try:
        with _connection(journal, _key(journal, passphrase), read_only=True) as connection:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if application_id != db.APPLICATION_ID:
                raise BackupError(f"{journal} is a database, but not a CoachJournal journal.")
            integrity = tuple(row[0] for row in connection.execute("PRAGMA integrity_check"))
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            counts = {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in _tables(connection)
            }
    except _UNREADABLE as error:
        raise _unreadable(journal, error, journal=True) from error
    return CheckReport(journal, integrity, int(version), db.is_encrypted(journal), counts)


# --- restoring -----------------------------------------------------------------------------------


def _safety_copy(journal: Path, passphrase: str | None, now: dt.datetime) -> Path:
    """Keep the current journal beside itself before it is replaced, WAL content included.

    A readable journal is copied through SQLite; one too damaged for that is copied byte for
    byte, its WAL with it, so whatever it held can still be rescued.
    """
    copy = journal.with_name(f"{journal.stem}.{SAFETY_MARK}-{now.strftime(STAMP_FORMAT)}{SUFFIX}")
    temporary = _temporary_beside(copy)
    try:
        _copy_into(journal, passphrase, temporary)
    except _UNSOUND:
        files.remove_journal(temporary)
        shutil.copyfile(journal, files.private_file(temporary))
        wal = files.companions(journal).wal
        if wal.exists():
            shutil.copyfile(wal, files.private_file(files.companions(copy).wal))
    files.sync_file(temporary)
    temporary.replace(copy)
    return copy


def _fold_wal(journal: Path, passphrase: str | None) -> None:
    """Move everything in the journal's WAL into its main file, so the WAL can go."""
    with (
        contextlib.suppress(*_UNSOUND),
        _connection(journal, _key(journal, passphrase)) as connection,
    ):
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _journal_key(journal: Path, passphrase: str | None) -> str | None:
    """The passphrase of the existing ``journal`` (None when it is plain or missing), proven
    to open it."""
    if not db.is_encrypted(journal):
        return None
    try:
        db.connect_raw(journal, passphrase, read_only=True).close()
    except _UNREADABLE as error:
        raise BackupError(
            f"{journal.name} is encrypted and stays so after the restore: give its current "
            "passphrase (or restore the backup as it is, on purpose)."
        ) from error
    assert passphrase is not None  # an encrypted file opened with it
    return passphrase


def _restored_copy(
    backup_file: Path, passphrase: str | None, target: Path, key: str | None
) -> None:
    """Copy ``backup_file`` into ``target``, encrypted with ``key`` when given (whatever the
    backup's own encryption), else as the backup is; verified."""
    backup_key = _key(backup_file, passphrase)
    if key is None or key == backup_key:
        _copy_into(backup_file, passphrase, target)
        return
    db.copy_with_key(backup_file, backup_key, target, key)
    with _connection(target, key) as copy:
        _verified(copy, target)


def restore(
    backup_file: Path,
    journal: Path,
    passphrase: str | None,
    *,
    journal_passphrase: str | None = None,
    keep_encryption: bool = True,
) -> Path | None:
    """Replace ``journal`` by the backup ``backup_file``; return the safety copy of the journal
    as it was (None when there was no journal).

    The journal must be closed, and its lock held, by the caller. The backup is checked first
    (opens with ``passphrase``, sound, a CoachJournal journal of a schema this version reads);
    a backup that fails changes nothing. The restored copy is written and verified beside the
    journal, then renamed over it in one step.

    An encrypted journal stays encrypted with its current passphrase (``journal_passphrase``,
    by default ``passphrase``): a plain backup, or one made under an earlier passphrase, is
    encrypted with it as it is restored, and the safety copy is encrypted too. Only with
    ``keep_encryption=False`` does the journal become what the backup is (plain, say).
    """
    backup_file = backup_file.expanduser().absolute()
    journal = journal.expanduser().absolute()
    if backup_file == journal:
        raise BackupError("That file is the journal itself; choose a backup of it.")
    verify(backup_file, passphrase)
    journal_passphrase = passphrase if journal_passphrase is None else journal_passphrase
    key = _journal_key(journal, journal_passphrase)
    now = dt.datetime.now()
    try:
        incoming = _temporary_beside(journal)
    except OSError as error:
        raise _explain(error, f"Could not restore into {journal.parent}") from error
    safety: Path | None = None
    with _discarded_on_failure(incoming, f"Could not restore {backup_file.name} into {journal}"):
        _restored_copy(backup_file, passphrase, incoming, key if keep_encryption else None)
        files.sync_file(incoming)
        if journal.exists():
            safety = _safety_copy(journal, key, now)
            _fold_wal(journal, key)
        # The WAL and shared memory of the old journal must not meet the new file: SQLite would
        # replay the old WAL into it. They are empty now (folded, or copied with the safety copy).
        for sidecar in files.companions(journal):
            sidecar.unlink(missing_ok=True)
        incoming.replace(journal)
    files.sync_folder(journal.parent)
    return safety
