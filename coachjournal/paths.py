"""Where the journal lives and where the app's resources are (installed, editable or frozen)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from coachjournal import APP_NAME

#: Environment variable that points the app at another journal file.
DB_ENV = "COACHJOURNAL_DB"

_dirs = PlatformDirs(APP_NAME, appauthor=False)


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
