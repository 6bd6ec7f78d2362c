"""Where the journal lives and where the app's resources are (installed, editable or frozen);
how the folders and files that hold journal data are made: private to the user (0700 and 0600)
whatever the umask (every such file is created through :mod:`coachjournal.storage.files`)."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from coachjournal import APP_NAME

#: Environment variable that points the app at another journal file.
DB_ENV = "COACHJOURNAL_DB"

_dirs = PlatformDirs(APP_NAME, appauthor=False)

#: The mode of every file the app creates that holds journal data.
FILE_MODE = 0o600
#: The mode of every folder the app creates for such files.
FOLDER_MODE = 0o700


def private_folder(folder: Path | str) -> Path:
    """Make ``folder`` and any missing parent, each new one 0700 (existing ones are left as
    they are); return it. Raises :class:`OSError` as :meth:`Path.mkdir` does."""
    folder = Path(folder)
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for new in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            new.mkdir(mode=FOLDER_MODE)
            new.chmod(FOLDER_MODE)  # a umask narrower than 077 would take the owner's bits
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    return folder


def open_private(path: Path | str, flags: int) -> int:
    """``os.open`` in a private folder (made if missing) that creates ``path`` 0600 when
    ``flags`` hold ``O_CREAT``; an existing file that others may read is narrowed if it is the
    user's."""
    private_folder(Path(path).parent)
    handle = os.open(path, flags, FILE_MODE)
    if flags & os.O_CREAT:
        with contextlib.suppress(OSError):  # not the owner: the file was there before
            if stat.S_IMODE(os.fstat(handle).st_mode) != FILE_MODE:
                Path(path).chmod(FILE_MODE)
    return handle


def data_dir() -> Path:
    """The user's data folder for CoachJournal (created on first use by whoever writes there)."""
    return Path(_dirs.user_data_dir)


def default_journal_path(remembered: Path | None = None) -> Path:
    """``$COACHJOURNAL_DB`` if set, else ``remembered`` (the journal the user chose to keep
    using, from the preferences), else ``journal.db`` in the user's data folder."""
    override = os.environ.get(DB_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return remembered if remembered is not None else data_dir() / "journal.db"


def sample_journal_path() -> Path:
    """The sample team lives in its own file, never mixed into the user's journal."""
    return data_dir() / "sample-team.db"


def runtime_dir() -> Path:
    """A folder only this user can reach, for the app's lock files and the local socket that
    brings a running window forward: in ``$XDG_RUNTIME_DIR`` when that is the user's own
    private folder (as the system makes it), else in the user's data folder. Never the shared
    temporary folder, where another user could take the names first. Made (0700) if missing."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and _owned_privately(Path(runtime)):
        return private_folder(Path(runtime) / APP_NAME)
    return private_folder(data_dir() / "run")


def _owned_privately(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user that nobody else may enter."""
    try:
        found = folder.lstat()
    except OSError:
        return False
    owner = getattr(os, "getuid", lambda: found.st_uid)()
    return stat.S_ISDIR(found.st_mode) and found.st_uid == owner and not found.st_mode & 0o077


def keep_chart_cache_private() -> None:
    """Point matplotlib's cache (the fonts it found) at a private folder of the app's, before it
    is first imported, unless ``MPLCONFIGDIR`` says otherwise: matplotlib would otherwise make
    its folders 0755 and its files 0644 under the user's home, the only files of the app that
    others could read."""
    if "MPLCONFIGDIR" in os.environ:
        return
    folder = Path(_dirs.user_cache_dir) / "matplotlib"
    try:
        private_folder(folder)
        if folder.is_symlink():  # pointing elsewhere, perhaps somewhere others can read
            return
        if not _owned_privately(folder):
            folder.chmod(FOLDER_MODE)  # an older, looser folder of ours; refused if not ours
            if not _owned_privately(folder):
                return
    except OSError:  # a file, a dangling link, a folder of someone else's: matplotlib's own
        return
    os.environ["MPLCONFIGDIR"] = str(folder)


def log_dir() -> Path:
    return Path(_dirs.user_log_dir)


def resources_dir() -> Path:
    """The ``resources`` folder: beside the packages when installed, in the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A file inside ``resources``, e.g. ``resource("icons", "add.svg")``."""
    return resources_dir().joinpath(*parts)


def config_dir() -> Path:
    """The user's settings folder: preferences that belong to the machine, not to a journal."""
    return Path(_dirs.user_config_dir)


def default_backup_dir() -> Path:
    """Where automatic backups go unless the user picks another folder."""
    return data_dir() / "backups"
