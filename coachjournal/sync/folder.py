"""The sync folder's files: where each lives, how it is written, and how it is read back
whatever the user's sync service did to it.

Layout, inside the folder the user chose::

    CoachJournal Sync/
        sync.header                     journal id, key derivation, key check (no secrets)
        changes/<device>-<seq>.cjc      one batch of a device's changes, never rewritten
        snapshots/<device>-<seq>.cjs    a device's whole journal, covering its changes to <seq>
        devices/<device>.cjd            a device's read positions, last seen, whether it left

Names carry only random device ids and numbers; everything else is sealed
(:mod:`coachjournal.sync.crypto`). Each computer writes new files only (a temporary name,
fsync, rename), so a sync service never has two versions of one of our files to reconcile; the
one file a device rewrites is its own ``.cjd``, by atomic rename, and no other device writes it.

Reading trusts a file's authenticated inner header, never its name: a file arriving late, twice,
out of order or renamed by a sync service ("… (conflicted copy 2026-12-03).cjc",
".sync-conflict-…", "(1)") is read for what it is. Temporary names and symlinks are passed
over, and so is a file that does not open the first time it is seen (a sync service may still
be writing it); one found unchanged and still broken in the next round, a foreign file, or one
too large to be ours is reported in a sentence and skipped, never applied.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import stat
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from coachjournal import paths
from coachjournal.storage import files
from coachjournal.sync import crypto
from coachjournal.sync.errors import SyncDataError, SyncFolderError

ROOT_NAME = "CoachJournal Sync"
HEADER_NAME = "sync.header"
CHANGES_DIR = "changes"
SNAPSHOTS_DIR = "snapshots"
DEVICES_DIR = "devices"
SUFFIXES = {crypto.CHANGES: ".cjc", crypto.SNAPSHOT: ".cjs", crypto.DEVICE: ".cjd"}
_FOLDERS = {crypto.CHANGES: CHANGES_DIR, crypto.SNAPSHOT: SNAPSHOTS_DIR, crypto.DEVICE: DEVICES_DIR}
TEMP_SUFFIX = ".tmp"
#: The largest file read: a change file or a device's status is far smaller, a snapshot of a
#: very large journal fits.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Files that operating systems and sync services leave in folders: not ours, not reported.
LITTER = frozenset({"desktop.ini", "thumbs.db", "icon\r", ".ds_store"})


def locate(chosen: Path) -> Path | None:
    """The sync folder in or at ``chosen`` (the folder the user picked may be its parent), or
    None when neither holds a header."""
    for candidate in (chosen, chosen / ROOT_NAME):
        if (candidate / HEADER_NAME).is_file():
            return candidate
    return None


def _unreachable(folder: Path, error: OSError) -> SyncFolderError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SyncFolderError(
            f"The sync folder {folder} is full, so nothing was synced; free some space there."
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return SyncFolderError(
            f"The sync folder {folder} cannot be written (read-only or not yours), so nothing "
            "was synced."
        )
    return SyncFolderError(
        f"The sync folder {folder} cannot be reached ({error.strerror or error}), so nothing "
        "was synced; it is tried again next time."
    )


@contextlib.contextmanager
def reaching(folder: Path) -> Iterator[None]:
    """Turn the file system's errors inside the block into :class:`SyncFolderError`."""
    try:
        yield
    except OSError as error:
        raise _unreachable(folder, error) from error


def _write_new(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write ``data`` to ``path`` (0600) through a temporary name, fsynced before the rename:
    whoever reads ``path`` sees the whole file or none. A file already there is kept unless
    ``replace``."""
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
    handle = paths.open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not replace and path.exists():
            raise FileExistsError(errno.EEXIST, "already written", str(path))
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    files.sync_folder(path.parent)


@dataclasses.dataclass(frozen=True, slots=True)
class Position:
    """The sequence numbers of one device's change files applied here: all up to ``upto``,
    and ``extra`` above it (files that arrived out of order)."""

    upto: int = 0
    extra: frozenset[int] = frozenset()

    def has(self, seq: int) -> bool:
        return seq <= self.upto or seq in self.extra

    def plus(self, seq: int) -> Position:
        """This position with ``seq`` applied too."""
        return self if self.has(seq) else _normal(self.upto, self.extra | {seq})

    def at_least(self, upto: int) -> Position:
        """This position with everything up to ``upto`` applied too (a snapshot covers it)."""
        return self if upto <= self.upto else _normal(upto, self.extra)

    def to_json(self) -> dict[str, Any]:
        return {"upto": self.upto, "extra": sorted(self.extra)}

    @classmethod
    def from_json(cls, value: Any) -> Position:
        if not isinstance(value, dict):
            return cls()
        upto = value.get("upto", 0)
        extra = value.get("extra", [])
        if not isinstance(upto, int) or not isinstance(extra, list):
            return cls()
        return cls(upto, frozenset(s for s in extra if isinstance(s, int) and s > upto))


def _normal(upto: int, extra: frozenset[int]) -> Position:
    """The position of ``upto`` and ``extra``, the numbers that follow ``upto`` moved into it."""
    while upto + 1 in extra:
        upto += 1
    return Position(upto, frozenset(s for s in extra if s > upto))


@dataclasses.dataclass(frozen=True, slots=True)
class Found:
    """A file read and opened from the folder."""

    path: Path
    kind: bytes
    device: str
    seq: int
    payload: dict[str, Any]


@dataclasses.dataclass(slots=True)
class Reading:
    """What a scan of one of the folder's subfolders found."""

    found: list[Found] = dataclasses.field(default_factory=list)
    #: One sentence per file reported and skipped.
    skipped: list[str] = dataclasses.field(default_factory=list)
    #: Files passed over this time (half-written, perhaps still arriving): tried next time.
    waiting: int = 0
    #: The files that did not open, as (name, size, time) signatures for the next scan.
    broken: set[str] = dataclasses.field(default_factory=set)


class SyncFolder:
    """One sync folder, opened with its key: writes this device's files and reads everyone's."""

    def __init__(self, root: Path, journal_id: str, key: bytes) -> None:
        self.root = root
        self.journal_id = journal_id
        self.key = key

    # -- Making and opening ------------------------------------------------------------------

    @classmethod
    def create(cls, chosen: Path, passphrase: str) -> SyncFolder:
        """A new sync folder inside ``chosen`` (or at it, when it is an empty folder named
        like ours). Refuses a folder that already holds a synced journal."""
        if locate(chosen) is not None:
            raise SyncFolderError(
                f"The folder {chosen} already holds a synced journal: use Join a Synced "
                "Journal… to use it on this computer, or choose another folder."
            )
        if not chosen.is_dir():
            raise SyncFolderError(f"There is no folder {chosen} to sync through.")
        root = chosen if chosen.name == ROOT_NAME else chosen / ROOT_NAME
        header, key = crypto.new_header(passphrase)
        with reaching(root):
            for sub in (CHANGES_DIR, SNAPSHOTS_DIR, DEVICES_DIR):
                paths.private_folder(root / sub)
            _write_new(root / HEADER_NAME, header.to_bytes())
        return cls(root, header.journal_id, key)

    @staticmethod
    def read_header(chosen: Path) -> tuple[Path, crypto.Header]:
        """The sync folder at or in ``chosen`` and its header."""
        root = locate(chosen)
        if root is None:
            raise SyncFolderError(
                f"The folder {chosen} holds no synced journal: choose the folder where sync was "
                f"set up on the other computer (it holds “{ROOT_NAME}”), once your sync service "
                "has brought it here."
            )
        with reaching(root):
            data = _read_bounded(root / HEADER_NAME, crypto.MAX_HEADER_BYTES + 1)
        if data is None:
            raise crypto_damaged(root)
        return root, crypto.parse_header(data)

    @classmethod
    def open(cls, chosen: Path, passphrase: str) -> SyncFolder:
        """The sync folder at or in ``chosen``, its key from ``passphrase`` (checked)."""
        root, header = cls.read_header(chosen)
        return cls(root, header.journal_id, header.key_for(passphrase))

    @classmethod
    def with_key(cls, root: Path, journal_id: str, key: bytes) -> SyncFolder:
        """The sync folder at ``root`` with the key kept in the journal; refuses a folder whose
        header is now another journal's or another key's."""
        found_root, header = cls.read_header(root)
        if header.journal_id != journal_id or not header.opens(key):
            raise SyncFolderError(
                f"The sync folder {root} now holds another synced journal, so nothing was "
                "synced; set sync up again or choose the folder this journal syncs through."
            )
        return cls(found_root, journal_id, key)

    # -- Writing -----------------------------------------------------------------------------

    def _sub(self, kind: bytes) -> Path:
        """The subfolder of ``kind``'s files; refused when it is a link to another place:
        whoever can write into the sync folder could otherwise have this computer read, and
        write, files wherever the link points."""
        folder = self.root / _FOLDERS[kind]
        if folder.is_symlink():
            raise SyncFolderError(
                f"{folder} is a link to another folder, so nothing was synced: CoachJournal "
                "reads and writes only inside the sync folder. Remove the link and sync again."
            )
        return folder

    def path_of(self, kind: bytes, device: str, seq: int) -> Path:
        name = device if kind == crypto.DEVICE else f"{device}-{seq}"
        return self._sub(kind) / f"{name}{SUFFIXES[kind]}"

    def write(self, kind: bytes, device: str, seq: int, payload: dict[str, Any]) -> Path:
        """Seal ``payload`` and write it as a new file (a device's status replaces its last)."""
        path = self.path_of(kind, device, seq)
        data = crypto.seal(self.key, self.journal_id, kind, device, seq, payload)
        with reaching(self.root):
            paths.private_folder(path.parent)
            _write_new(path, data, replace=kind == crypto.DEVICE)
        return path

    def remove(self, path: Path) -> None:
        """Remove one of this device's files (compaction); one already gone is fine."""
        with reaching(self.root):
            path.unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove a sync folder this computer has just made (a set-up that failed): its
        header, and its subfolders with what this computer wrote in them."""
        with contextlib.suppress(OSError):
            for sub in (CHANGES_DIR, SNAPSHOTS_DIR, DEVICES_DIR):
                for entry in os.scandir(self.root / sub):
                    Path(entry.path).unlink()
                (self.root / sub).rmdir()
            (self.root / HEADER_NAME).unlink()
            self.root.rmdir()

    def clear_temporaries(self, device: str) -> None:
        """Remove this device's temporary files left by a round that was killed."""
        for sub in (CHANGES_DIR, SNAPSHOTS_DIR, DEVICES_DIR):
            with contextlib.suppress(OSError):
                for entry in os.scandir(self.root / sub):
                    if entry.name.startswith(f".{device}") and entry.name.endswith(TEMP_SUFFIX):
                        Path(entry.path).unlink(missing_ok=True)

    # -- Reading -----------------------------------------------------------------------------

    def own_files(self, kind: bytes, device: str) -> list[tuple[int, Path]]:
        """This device's files of ``kind`` by the names it gave them (only its own names are
        trusted for its own files: nobody else writes them), in sequence order."""
        found: list[tuple[int, Path]] = []
        prefix, suffix = f"{device}-", SUFFIXES[kind]
        with reaching(self.root):
            for entry in os.scandir(self._sub(kind)):
                name = entry.name
                if name.startswith(prefix) and name.endswith(suffix):
                    number = name[len(prefix) : -len(suffix)]
                    if number.isascii() and number.isdigit() and len(number) < 19:
                        found.append((int(number), Path(entry.path)))
        return sorted(found)

    def scan(
        self,
        kind: bytes,
        wanted: Callable[[str, int], bool] | None = None,
        broken_before: Collection[str] = frozenset(),
    ) -> Reading:
        """Open every file of ``kind`` whose clear header ``wanted(device, seq)`` accepts (all
        when None). A file that does not open is passed over the first time (it may still be
        arriving) and reported when it is found the same (name, size and time) in
        ``broken_before``, the :attr:`Reading.broken` of the scan before."""
        reading = Reading()
        folder = self._sub(kind)
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            return reading
        except OSError as error:
            raise _unreachable(self.root, error) from error
        for entry in sorted(entries, key=lambda e: e.name):
            self._read_entry(entry, kind, wanted, broken_before, reading)
        return reading

    def _read_entry(
        self,
        entry: os.DirEntry[str],
        kind: bytes,
        wanted: Callable[[str, int], bool] | None,
        broken_before: Collection[str],
        out: Reading,
    ) -> None:
        name = entry.name
        if name.startswith(".") or name.endswith(TEMP_SUFFIX) or name.casefold() in LITTER:
            return  # a temporary file (ours or a sync service's), or a system's litter
        where = f"{_FOLDERS[kind]}/{name}"
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            return  # gone meanwhile
        if not stat.S_ISREG(info.st_mode):
            out.skipped.append(
                f"{where} in the sync folder is not a plain file, so it was skipped."
            )
            return
        if info.st_size > MAX_FILE_BYTES:
            out.skipped.append(
                f"{where} in the sync folder is far larger than a sync file, so it was skipped."
            )
            return
        try:
            data = _read_bounded(Path(entry.path), MAX_FILE_BYTES)
        except OSError:
            out.waiting += 1  # locked or vanishing under a sync service: next time
            return
        if data is None:
            return
        signature = f"{where}:{info.st_size}:{info.st_mtime_ns}"

        def broken(sentence: str) -> None:
            out.broken.add(signature)
            if signature in broken_before:
                out.skipped.append(f"{where} in the sync folder {sentence}, so it was skipped.")
            else:
                out.waiting += 1  # perhaps still arriving: judged when seen the same again

        try:
            claimed = crypto.peek(data)
        except crypto.DamagedFile:
            broken("is not a CoachJournal sync file")
            return
        if claimed.kind != kind:
            out.skipped.append(
                f"{where} in the sync folder is in the wrong place, so it was skipped."
            )
            return
        if wanted is not None and not wanted(claimed.device, claimed.seq):
            return
        try:
            sealed, payload = crypto.unseal(self.key, self.journal_id, data)
        except crypto.DamagedFile:
            broken(
                "is damaged, was changed outside CoachJournal or belongs to another synced journal"
            )
            return
        out.found.append(Found(Path(entry.path), sealed.kind, sealed.device, sealed.seq, payload))


def _read_bounded(path: Path, limit: int) -> bytes | None:
    """At most ``limit`` bytes of the regular file ``path``, never following a symlink; None
    when it is not there or not a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None
        raise
    with os.fdopen(handle, "rb") as source:
        if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
            return None
        return source.read(limit)


def crypto_damaged(root: Path) -> SyncDataError:
    return SyncDataError(
        f"The sync folder {root} has no readable header file; set sync up again in a new "
        "folder, or restore the header from another computer."
    )
