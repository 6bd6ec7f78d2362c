"""Writing export files and folders so that a failure never leaves half of one behind.

An export is often the copy someone keeps in case the journal is lost, so a file that was cut
short (full disk, Ctrl+C, crash) must never look like a finished one. Everything is written
under a temporary name next to the target and renamed into place only once complete.

Replacing is refused unless asked for, and even then never of a journal (an export written over
the journal it came from would destroy it) nor of a folder that holds anything but files this
kind of export writes (``--force`` on a typo'd ``~/Documents`` must not delete it).

An export holds journal data, so it is private like the journal (:mod:`.files`).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from coachjournal import paths
from coachjournal.errors import CoachJournalError
from coachjournal.storage import db, files


class ExportError(CoachJournalError):
    """An export could not be written where it was asked for."""


def _refuse_file_target(target: Path, force: bool) -> None:
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name for the export.")
    if not target.exists():
        return
    if db.is_journal(target):
        raise ExportError(f"{target} is a journal, so it was left untouched; choose another name.")
    if not force:
        raise ExportError(
            f"There is already a file at {target}; choose another name, "
            "or replace it on purpose with --force."
        )


def _refuse_folder_target(target: Path, force: bool, suffixes: frozenset[str]) -> None:
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file; give a folder name for the export.")
    if not target.exists() or not any(target.iterdir()):
        return
    foreign = [
        entry for entry in target.iterdir() if not entry.is_file() or entry.suffix not in suffixes
    ]
    if foreign:
        raise ExportError(
            f"The folder {target} holds other things ({foreign[0].name}…), so it was left "
            "untouched; choose a new or empty folder."
        )
    if not force:
        raise ExportError(
            f"There is already an export in {target}; choose another folder, "
            "or replace it on purpose with --force."
        )


def _failure(target: Path, error: OSError) -> ExportError:
    """The sentence for a write that failed; whatever was written so far is already gone."""
    if error.errno == errno.ENOSPC:
        return ExportError(
            f"The disk is full, so {target} was not written and nothing was left behind; "
            "free some space or choose another place, and try again."
        )
    if error.errno == errno.EFBIG:
        return ExportError(
            f"{target} was not written: it would be larger than this system lets a file be, "
            "and nothing was left behind."
        )
    return ExportError(f"Could not write {target}: {error.strerror or error}.")


#: A temporary file older than this was left by a process that was killed while writing.
_STALE_S = 3600


def _sweep_stale(target: Path) -> None:
    """Remove what an earlier, killed export to ``target`` left (``.<name>.<random>.tmp``, 0600,
    holding part of the journal): the next export to the same place tidies up after it."""
    cutoff = time.time() - _STALE_S
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()


@contextlib.contextmanager
def new_file(target: Path | str, *, force: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary file that becomes ``target`` (fsynced) only if the block completes."""
    target = Path(target).expanduser()
    _refuse_file_target(target, force)
    try:
        paths.private_folder(target.parent)
        _sweep_stale(target)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise _failure(target, error) from error
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _failure(target, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    files.sync_folder(target.parent)


@contextlib.contextmanager
def new_folder(
    target: Path | str, *, suffixes: frozenset[str], force: bool = False
) -> Iterator[Path]:
    """Yield an empty folder that takes the place of ``target`` only if the block completes.

    ``suffixes`` are the kinds of file this export writes: a folder holding only such files is
    taken for an earlier export and may be replaced (with ``force``); any other is refused.
    """
    target = Path(target).expanduser()
    _refuse_folder_target(target, force, suffixes)
    try:
        paths.private_folder(target.parent)
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise _failure(target, error) from error
    try:
        yield temporary
        for written in temporary.rglob("*"):
            written.chmod(paths.FOLDER_MODE if written.is_dir() else paths.FILE_MODE)
        _swap(temporary, target)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise _failure(target, error) from error
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    files.sync_folder(target.parent)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; an earlier export there is removed only afterwards."""
    if not target.exists():
        new.replace(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    old.rmdir()
    target.replace(old)
    new.replace(target)
    shutil.rmtree(old, ignore_errors=True)
