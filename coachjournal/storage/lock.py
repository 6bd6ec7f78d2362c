"""The journal's file and who may write it: one writer per journal, and clear words when the
file cannot be written (read-only, full disk).

One writer: an operating-system lock on a small file beside the journal.

Two windows writing the same journal would each overwrite what the other just saved (each holds
its own copy of a manager on screen), so a second app, or a writing command, on a journal that
is already open is refused. The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on
Windows) on ``<journal>.lock``, not the mere existence of a file: the OS drops it when the
process ends in any way, a crash or SIGKILL included, so a journal is never left locked.

A journal that cannot be written (a read-only file, folder or disk) is refused here too, with a
sentence, before anything is opened: the user would otherwise type notes that can never be
saved. Reading such a journal stays possible through a backup or an export.

A write that fails later (the disk filled up, the file or disk became read-only, the disk
reported an error) is turned into a :class:`JournalWriteError` by :func:`write_failure`, so the
app can show a sentence and keep what the user typed: SQLite rolls the failed transaction back,
so everything saved before stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sys
from pathlib import Path
from types import TracebackType

from coachjournal import paths
from coachjournal.errors import CoachJournalError, JournalOpenError

LOCK_SUFFIX = ".lock"
#: Tries to lock a lock file that its holder removes at that very moment, before giving up.
ATTEMPTS = 5


class JournalInUseError(JournalOpenError):
    """Another CoachJournal process holds the journal's lock."""


class JournalReadOnlyError(JournalOpenError):
    """The journal's file or folder cannot be written."""


class JournalWriteError(CoachJournalError):
    """A write to the open journal failed for a reason outside the app (disk full, read-only,
    disk error); nothing of that write was saved, and nothing saved before was lost."""


#: SQLite's words for each storage failure (the same through sqlite3, SQLCipher and peewee),
#: the reason in a few words, and what the app's user is told.
_WRITE_FAILURES = (
    (
        ("database or disk is full", "disk is full"),
        "the disk is full",
        "The disk is full, so your last change was not saved. Free some space and save again; "
        "what you typed is still here and everything saved before is safe.",
    ),
    (
        ("readonly database", "read-only", "readonly"),
        "the journal's file or disk is read-only",
        "The journal can no longer be written (its file or disk became read-only), so your last "
        "change was not saved. Copy what you typed somewhere safe; everything saved before is "
        "safe.",
    ),
    (
        ("disk i/o error",),
        "the disk reported an error",
        "The disk reported an error, so your last change was not saved. Check the disk, then "
        "save again; what you typed is still here.",
    ),
    (
        ("database is locked", "database is busy"),
        "another program is holding the journal",
        "Another program is holding the journal, so your last change was not saved. Close it "
        "and save again; what you typed is still here.",
    ),
)


def _failure(error: BaseException) -> tuple[str, str] | None:
    """The failure ``error`` stands for, looking through the errors it was raised from: after a
    full disk SQLite has already rolled back, so the transaction's own ROLLBACK fails with "no
    transaction is active" and hides the cause."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current).lower()
        for words, reason, message in _WRITE_FAILURES:
            if any(word in text for word in words):
                return reason, message
        current = current.__cause__ or current.__context__
    return None


def write_failure(error: BaseException) -> JournalWriteError | None:
    """The :class:`JournalWriteError` that explains ``error`` (a database driver's or peewee's
    error) to the app's user, or None when ``error`` is not a storage failure (a bug, to be
    reported as such)."""
    found = _failure(error)
    return None if found is None else JournalWriteError(found[1])


def write_failure_reason(error: BaseException) -> str | None:
    """A few words for the command line ("the disk is full"), or None as for
    :func:`write_failure`."""
    found = _failure(error)
    return None if found is None else found[0]


def lock_path(journal: Path) -> Path:
    """The lock file of ``journal``: beside it, so every process finds the same one."""
    return journal.with_name(journal.name + LOCK_SUFFIX)


def server_name(journal: Path) -> str:
    """The local socket on which the app holding ``journal`` listens (the same journal reached
    through another path, a symlink say, gives the same name): a full path in the user's
    private runtime folder, so no other user can take the name first (a bare name would be a
    socket in the shared temporary folder)."""
    digest = hashlib.sha256(str(journal.expanduser().resolve()).encode("utf-8")).hexdigest()
    return str(paths.runtime_dir() / f"instance-{digest[:20]}")


def _read_only(journal: Path) -> JournalReadOnlyError:
    return JournalReadOnlyError(
        f"The journal at {journal} is read-only (its file, folder or disk cannot be written), "
        "so nothing could be saved to it; copy it to a folder you can write to, or change its "
        "permissions, and open it again."
    )


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


class _LockFile:
    """An OS lock on one lock file, which exists while the lock is held."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: int | None = None

    def take(self, journal: Path) -> bool:
        """Lock the file; False if another process holds it."""
        for _attempt in range(ATTEMPTS):
            handle = self._open(journal)
            if not _try_lock(handle):
                os.close(handle)
                return False
            if self.still_there(handle):
                self.handle = handle
                return True
            # The holder released and removed the file between our open and our lock: what we
            # locked is no longer the lock file. Try again with the current one.
            _unlock(handle)
            os.close(handle)
        raise JournalInUseError(
            f"This journal ({journal}) is being opened and closed by another CoachJournal "
            "right now; try again in a moment."
        )

    def _open(self, journal: Path) -> int:
        try:
            return paths.open_private(self.path, os.O_RDWR | os.O_CREAT)
        except PermissionError as error:
            raise _read_only(journal) from error
        except OSError as error:
            if error.errno == errno.EROFS:
                raise _read_only(journal) from error
            raise JournalOpenError(
                f"Cannot open the journal at {journal}: {error.strerror or error}."
            ) from error

    def still_there(self, handle: int) -> bool:
        """Whether ``handle`` is the file now at :attr:`path` (not one removed meanwhile)."""
        try:
            current = self.path.stat()
        except FileNotFoundError:
            return False
        opened = os.fstat(handle)
        return (current.st_dev, current.st_ino) == (opened.st_dev, opened.st_ino)

    def release(self) -> None:
        """Let go of the lock and remove the lock file, so no litter is left (a process that
        locked the file just before its removal notices, see :meth:`take`)."""
        if self.handle is None:
            return
        handle, self.handle = self.handle, None
        try:
            if sys.platform != "win32":  # Windows removes no open file: after closing, below
                self.path.unlink(missing_ok=True)
            _unlock(handle)
        finally:
            os.close(handle)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):  # open in another process that is trying it
                self.path.unlink(missing_ok=True)


def identity_lock_path(journal: Path) -> Path | None:
    """The lock named after the file ``journal`` is (its device and inode), in the user's
    private runtime folder: a hard link reaches the same file under another name, in any
    folder. None while there is no file yet."""
    try:
        found = journal.stat()
        folder = paths.runtime_dir()
    except OSError:
        return None  # no runtime folder to be had: the lock beside the journal still holds
    return folder / f"journal-{found.st_dev}-{found.st_ino}.lock"


class JournalLock:
    """The exclusive right to write one journal, held from :meth:`acquire` to :meth:`release`.

    Usable as a context manager. The lock is keyed on the file, not on the spelling of its
    path: the path is resolved (a relative path, a symlink) and the lock file lies beside the
    real journal, where every process finds it whatever it was told, and a second lock is named
    after the file's identity (device and inode: a hard link). The beside-the-journal lock
    still holds when a restore or a passphrase change puts a new file in the journal's place.
    The lock files exist while the lock is held and are removed by :meth:`release` (a crashed
    process leaves them behind, unlocked: the next one takes them).
    """

    def __init__(self, journal: Path | str) -> None:
        self.journal = Path(journal).expanduser().resolve()
        self.path = lock_path(self.journal)
        self._files: list[_LockFile] = []

    @property
    def held(self) -> bool:
        return bool(self._files)

    def acquire(self) -> None:
        """Take the lock, or raise :class:`JournalInUseError` or :class:`JournalReadOnlyError`."""
        if self._files:
            return
        if self.journal.exists() and not os.access(self.journal, os.W_OK):
            raise _read_only(self.journal)
        identity = identity_lock_path(self.journal)
        wanted = [self.path] if identity is None else [self.path, identity]
        for path in wanted:
            lock_file = _LockFile(path)
            try:
                taken = lock_file.take(self.journal)
            except BaseException:
                self.release()
                raise
            if not taken:
                self.release()
                raise JournalInUseError(
                    f"This journal ({self.journal}) is already open in CoachJournal. "
                    "Switch to that window, or close it first."
                )
            self._files.append(lock_file)

    def _still_there(self, handle: int) -> bool:
        """Whether ``handle`` is the lock file now beside the journal."""
        return _LockFile(self.path).still_there(handle)

    def release(self) -> None:
        """Let go of the lock and remove the lock files."""
        taken, self._files = self._files, []
        for lock_file in reversed(taken):
            lock_file.release()

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
