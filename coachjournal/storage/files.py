"""Files beside a journal and durable renames: the names of a journal's companions, fsyncs.

SQLite keeps a database's ``-wal``, ``-shm`` (write-ahead log mode) or ``-journal`` (rollback)
beside it; they hold its data too, so whatever copies, moves or removes a journal deals with
them, and their names are built here only.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import NamedTuple


class Companions(NamedTuple):
    """The files SQLite keeps beside a database, which hold its data too."""

    wal: Path
    shm: Path
    journal: Path


def companions(path: Path | str) -> Companions:
    """``<path>-wal``, ``<path>-shm`` (write-ahead log mode) and ``<path>-journal`` (rollback)."""
    return Companions(Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal"))


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
