"""The one place that creates the app's files: private, whatever the umask.

Every file that holds journal data (journals and their SQLite companions, copies, backups,
exports, logs, preferences) is created 0600 and every folder the app creates for them 0700, so
another user of the machine can read none of it. The umask cannot widen this (a mode given to
``open``/``mkdir`` is only ever narrowed by it) and the mode is set again after creation for a
umask that would narrow it too far. SQLite gives a journal's ``-wal`` and ``-shm`` the mode of
the main file, so a journal is created here, 0600, before SQLite opens it.

Folders come from :func:`coachjournal.paths.private_folder` (a leaf, so that the log, below
storage, is made the same way); folders that already exist are left as they are
(``~/Documents`` is the user's business). A journal found readable by others is tightened by
:func:`tighten`.

It also knows the names of a journal's companions, and makes renames durable.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import NamedTuple

from coachjournal import paths


class Companions(NamedTuple):
    """The files SQLite keeps beside a database, which hold its data too."""

    wal: Path
    shm: Path
    journal: Path


def companions(path: Path | str) -> Companions:
    """``<path>-wal``, ``<path>-shm`` (write-ahead log mode) and ``<path>-journal`` (rollback)."""
    return Companions(Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal"))


def remove_journal(path: Path | str) -> None:
    """Remove a journal file and its companions, if they are there (one that was never made
    whole: a failed import, restore or backup)."""
    for leftover in (Path(path), *companions(path)):
        leftover.unlink(missing_ok=True)


def private_file(path: Path | str) -> Path:
    """Create the empty file ``path`` 0600 (its folder too, 0700); raises
    :class:`FileExistsError` if something is there already."""
    path = Path(path)
    os.close(paths.open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    return path


def tighten(path: Path | str) -> str | None:
    """Take away what others may do with the existing ``path`` and its companions (group and
    others lose every permission). Returns a sentence for the user when that was not possible
    (the file belongs to someone else), else None."""
    for file in (Path(path), *companions(path)):
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
        except FileNotFoundError:
            continue
        except OSError:
            return None  # unreadable: opening it says why
        if mode & 0o077:
            try:
                file.chmod(mode & 0o700)
            except OSError as error:
                return (
                    f"{file} can be read by other users of this computer, and its permissions "
                    f"could not be narrowed ({error.strerror or error}); change them with "
                    f"“chmod 600 {file}”."
                )
    return None


def sync_file(path: Path) -> None:
    """Flush a finished file to the disk before it is renamed into place."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def sync_folder(folder: Path) -> None:
    """Make a rename durable where the system allows it (POSIX); elsewhere it already is."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
