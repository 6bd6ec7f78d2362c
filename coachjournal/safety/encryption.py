"""Turning a journal's passphrase on, changing it, turning it off.

All three are one conversion: the journal is written into a new file beside it with the new
key (``sqlcipher_export``), the copy is verified (``integrity_check``, ``application_id``,
``user_version``, the same number of rows in every table), fsynced, and renamed over the
journal in one atomic step. Until that rename the journal is untouched, so a failure at any
step (wrong passphrase, full disk, power cut) leaves it exactly as it was. Changing the
passphrase goes the same way rather than through ``PRAGMA rekey``: rekey rewrites every page of
the only copy in place, while the export keeps the old file whole until the new one is proven.

When the old file was plaintext it is overwritten with zeros through a handle opened before
the rename, then released: on an ordinary disk its note text is gone, not just unlinked (on SSDs
and copy-on-write file systems old blocks may survive anyway; full-disk encryption covers that).

Files beside the journal that hold its data follow it: its ``-wal``/``-shm`` (folded in and
removed before the conversion), the copies kept before schema upgrades
(``<stem>.schema-vN-backup<suffix>``), which are converted to the new key too, or, if a
plaintext one cannot be converted, deleted, so that no plaintext copy remains beside an
encrypted journal, and the backups (:func:`match_backups_to_journal`).
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from coachjournal.errors import CoachJournalError, WrongPassphrase
from coachjournal.safety import backup
from coachjournal.storage import db, files, preferences

log = logging.getLogger(__name__)

#: Shorter passphrases are refused: the key is only as strong as what it is derived from.
MIN_LENGTH = 8
_SCRUB_CHUNK = 1 << 20
#: What reading, writing or checking a file can raise, with either SQLite driver.
_FILE_FAILURES: tuple[type[Exception], ...] = (OSError, *db.DRIVER_ERRORS)
_COPY_FAILURES: tuple[type[Exception], ...] = (CoachJournalError, *_FILE_FAILURES)


class EncryptionError(CoachJournalError):
    """The journal's passphrase could not be set, changed or removed; the journal is as it was."""


class PassphraseError(CoachJournalError):
    """A new passphrase cannot be used (too short, or holds a character SQLCipher cannot take)."""


class Strength(enum.IntEnum):
    """A rough strength hint for a new passphrase, shown while it is typed."""

    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3

    @property
    def label(self) -> str:
        return {
            Strength.TOO_SHORT: f"Too short: use at least {MIN_LENGTH} characters",
            Strength.WEAK: "Weak: make it longer, or mix in words, digits and symbols",
            Strength.FAIR: "Fair: a few more words would make it strong",
            Strength.STRONG: "Strong",
        }[self]


def strength(passphrase: str) -> Strength:
    """How hard ``passphrase`` is to guess, roughly: length counts most, then variety.

    Deliberately simple (no dictionary): a hint that nudges towards a long phrase of several
    words, which is both strong and memorable, not a promise.
    """
    if len(passphrase) < MIN_LENGTH:
        return Strength.TOO_SHORT
    classes = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    distinct = len(set(passphrase.casefold()))
    if distinct < 5:
        return Strength.WEAK
    if len(passphrase) >= 20 or (len(passphrase) >= 14 and classes >= 3):
        return Strength.STRONG
    if len(passphrase) >= 12 or classes >= 3:
        return Strength.FAIR
    return Strength.WEAK


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase that cannot protect a journal, with a sentence saying why."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"The passphrase needs at least {MIN_LENGTH} characters.")
    if "\x00" in passphrase:
        raise PassphraseError("The passphrase cannot hold a NUL character.")


@dataclasses.dataclass(frozen=True, slots=True)
class Conversion:
    """What a conversion did."""

    journal: Path
    encrypted: bool
    seconds: float
    #: Schema-upgrade copies beside the journal converted to the new key.
    converted: list[Path]
    #: Plaintext copies that could not be converted and were deleted.
    deleted: list[Path]
    #: Backups rewritten to match (see :func:`match_backups_to_journal`).
    backups: list[Path]
    #: Copies recorded as written (``backup --out``, earlier backup folders) that are gone
    #: from where they were written, or could not be converted: the user is told of them.
    unreached: list[Path] = dataclasses.field(default_factory=list)


def encrypt_journal(path: Path, passphrase: str) -> Conversion:
    """Protect the plain journal at ``path`` with ``passphrase``."""
    check_new_passphrase(passphrase)
    if db.is_encrypted(path):
        raise EncryptionError("This journal already has a passphrase; change it instead.")
    return _convert(path, None, passphrase, "protect")


def change_passphrase(path: Path, old: str, new: str) -> Conversion:
    """Give the encrypted journal at ``path`` the passphrase ``new`` instead of ``old``."""
    check_new_passphrase(new)
    if not db.is_encrypted(path):
        raise EncryptionError("This journal has no passphrase to change; protect it first.")
    return _convert(path, old, new, "change the passphrase of")


def decrypt_journal(path: Path, passphrase: str) -> Conversion:
    """Remove the passphrase of the encrypted journal at ``path`` (which it needs)."""
    if not db.is_encrypted(path):
        raise EncryptionError("This journal has no passphrase to remove.")
    return _convert(path, passphrase, None, "remove the passphrase of")


def schema_backups(path: Path) -> list[Path]:
    """The copies :func:`coachjournal.storage.db.open_journal` kept beside ``path`` before
    upgrades."""
    return sorted(path.parent.glob(f"{path.stem}.schema-v*-backup{path.suffix}"))


def _fold_wal(path: Path, passphrase: str | None) -> None:
    """Fold a WAL left beside the file into it (SQLite does as the last connection closes).
    One still there afterwards could not be folded for lack of room on the disk, or belongs
    to another process that has the journal open, and converting under it would lose its
    writes: each is said as it is."""
    wal = files.companions(path).wal
    if not wal.exists():
        return
    db.connect_raw(path, passphrase).close()
    if not wal.exists() or wal.stat().st_size == 0:
        return
    if shutil.disk_usage(path.parent).free < wal.stat().st_size:
        raise EncryptionError(
            "The disk is full, so the journal's latest changes could not be folded into it "
            "before converting it; free some space and try again. The journal is unchanged."
        )
    raise EncryptionError(
        "This journal is open in another CoachJournal window or process; close it there "
        "and try again."
    )


def _counts(connection: db.RawConnection) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
    }


def _header(connection: db.RawConnection) -> tuple[int, int]:
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    return application_id, user_version


def _verify(source: Path, old: str | None, copy: Path, new: str | None) -> None:
    """The copy opens with the new key, is sound, and holds what the source holds."""
    reader = db.connect_raw(source, old)
    try:
        expected = _header(reader), _counts(reader)
    finally:
        reader.close()
    if (new is not None) != db.is_encrypted(copy):
        raise EncryptionError("The converted copy did not come out as asked.")
    checker = db.connect_raw(copy, new)
    try:
        integrity = checker.execute("PRAGMA integrity_check").fetchall()
        found = _header(checker), _counts(checker)
    finally:
        checker.close()
    if integrity != [("ok",)]:
        raise EncryptionError("The converted copy failed its integrity check.")
    if found != expected:
        raise EncryptionError("The converted copy does not hold the same rows as the journal.")


def _scrub(handle: int) -> None:
    """Overwrite the whole file behind ``handle`` with zeros and flush it to the disk."""
    size = os.fstat(handle).st_size
    zeros = bytes(_SCRUB_CHUNK)
    os.lseek(handle, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(handle, zeros[: min(_SCRUB_CHUNK, size - written)])
    os.fsync(handle)


def remove_plaintext(path: Path) -> None:
    """Overwrite a plaintext file with zeros, then delete it."""
    try:
        handle = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        _scrub(handle)
    finally:
        os.close(handle)
    path.unlink(missing_ok=True)


def _convert_file(path: Path, old: str | None, new: str | None) -> None:
    """Replace the file at ``path`` by a verified copy with the key ``new``."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".converting", dir=path.parent)
    os.close(handle)
    copy = Path(name)
    try:
        db.copy_with_key(path, old, copy, new)
        _verify(path, old, copy, new)
        files.sync_file(copy)
        was_plain = not db.is_encrypted(path)
        original = os.open(path, os.O_RDWR)
        try:
            copy.replace(path)
            if was_plain:
                _scrub(original)
        finally:
            os.close(original)
    except BaseException:
        for leftover in (copy, *files.companions(copy)):
            leftover.unlink(missing_ok=True)
        raise
    files.sync_folder(path.parent)


def _convert_schema_backups(
    path: Path, old: str | None, new: str | None
) -> tuple[list[Path], list[Path]]:
    converted: list[Path] = []
    deleted: list[Path] = []
    for copy in schema_backups(path):
        try:
            _convert_file(copy, old, new)
            converted.append(copy)
        except _COPY_FAILURES as error:
            if new is not None and not db.is_encrypted(copy):
                log.warning(
                    "Deleting a plaintext schema backup that could not be encrypted: %s", error
                )
                remove_plaintext(copy)
                deleted.append(copy)
            else:
                log.warning("Left a schema backup as it was: %s", error)
    return converted, deleted


def match_backups_to_journal(
    journal: Path,
    old_passphrase: str | None,
    new_passphrase: str | None,
    folder: Path | None = None,
) -> list[Path]:
    """Make the existing backups of ``journal`` match its new encryption; call it right after
    encryption is turned on or off, or the passphrase changed (``None`` means "not encrypted").

    Every backup in ``folder`` (default: the preferences' backup folder) and every safety copy
    beside the journal that opens with ``old_passphrase`` is rewritten with ``new_passphrase``
    the way the journal itself was (verified, renamed over the old file, a plaintext original
    overwritten with zeros), so all of them restore with the journal's current passphrase. A
    plaintext copy that cannot be converted is zeroed and deleted: when the journal is
    encrypted, no plaintext copy of it may remain. A copy encrypted with some older passphrase
    is left as it is (it is no plaintext, and rotation retires it). Returns the files
    converted.

    Besides ``folder``, every folder the app recorded writing a backup of this journal to is
    searched, and every file it recorded writing with ``backup --out``
    (:func:`coachjournal.safety.backup.recorded_backups`).
    """
    return _match_backups(journal, old_passphrase, new_passphrase, folder)[0]


def _match_backups(
    journal: Path, old: str | None, new: str | None, folder: Path | None = None
) -> tuple[list[Path], list[Path]]:
    """:func:`match_backups_to_journal`; also returns the recorded copies it could not reach
    (gone from where they were written, or left unconverted)."""
    recorded = backup.recorded_backups(journal)
    folders = [folder if folder is not None else preferences.load().backup_dir()]
    folders += [path.parent for path in recorded if path.parent not in folders]
    found = [
        entry.path.absolute() for where in folders for entry in backup.list_backups(journal, where)
    ]
    copies = list(dict.fromkeys([*found, *(p for p in recorded if p.is_file())]))
    unreached = [path for path in recorded if not path.exists()]
    converted = []
    for path in [*copies, *backup.safety_copies(journal)]:
        try:
            _convert_file(path, old, new)
        except _COPY_FAILURES as error:
            if new is not None and not db.is_encrypted(path):
                log.warning("Deleting a plaintext backup that could not be encrypted: %s", error)
                remove_plaintext(path)
            else:
                log.warning("Left the backup %s as it was: %s", path, error)
                unreached.append(path)
            continue
        converted.append(path)
    return converted, unreached


def _convert(path: Path, old: str | None, new: str | None, verb: str) -> Conversion:
    """Convert the journal at ``path`` from key ``old`` to key ``new`` (None: plaintext).

    The journal may be the open one: it is closed first and opened again afterwards (with the
    new passphrase, or the old one if the conversion failed).
    """
    started = time.perf_counter()
    path = Path(path).expanduser().absolute()
    was_open = db.open_path() == path
    if was_open:
        db.close_journal()
    try:
        db.connect_raw(path, old).close()  # the passphrase is right, before anything is written
        _fold_wal(path, old)
        _convert_file(path, old, new)
    except (WrongPassphrase, EncryptionError):
        _reopen(was_open, path, old)
        raise
    except _FILE_FAILURES as error:
        _reopen(was_open, path, old)
        reason = getattr(error, "strerror", None) or str(error)
        raise EncryptionError(
            f"Could not {verb} the journal ({reason}); it is unchanged."
        ) from error
    except BaseException:
        _reopen(was_open, path, old)
        raise
    for sidecar in files.companions(path):
        if old is None:
            remove_plaintext(sidecar)
        else:
            sidecar.unlink(missing_ok=True)
    converted, deleted = _convert_schema_backups(path, old, new)
    backups, unreached = _match_backups(path, old, new)
    _reopen(was_open, path, new)
    return Conversion(
        path, new is not None, time.perf_counter() - started, converted, deleted, backups, unreached
    )


def _reopen(was_open: bool, path: Path, passphrase: str | None) -> None:
    if was_open:
        db.open_journal(path, create=False, passphrase=passphrase)
