"""The user's preferences that belong to this machine rather than to a journal.

They live in ``preferences.json`` in the settings folder, readable before a locked journal is
opened (the theme of the unlock dialog, where backups go, when to lock). They never hold note
text. A missing, unreadable or hand-broken file, or a value out of range, falls back to the
default for that value, so a bad preference never stops the app from starting.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any, Final, Literal, get_args

from coachjournal import paths

log = logging.getLogger(__name__)

FILE_NAME: Final = "preferences.json"

Theme = Literal["system", "light", "dark"]
DateFormat = Literal["system", "iso", "day-month", "month-day"]

THEMES: Final[tuple[Theme, ...]] = get_args(Theme)
DATE_FORMATS: Final[tuple[DateFormat, ...]] = get_args(DateFormat)
#: Monday is 0, as in :meth:`datetime.date.weekday`; ``None`` follows the system locale.
WEEKDAYS: Final = range(7)
#: Bounds the settings dialog offers; a file holding a value outside them gets the default.
LOCK_MINUTES_RANGE: Final = range(24 * 60 + 1)
BACKUPS_KEPT_RANGE: Final = range(1, 366)


@dataclasses.dataclass(frozen=True, slots=True)
class Preferences:
    """Every machine-wide preference, with its default."""

    theme: Theme = "system"
    date_format: DateFormat = "system"
    week_start: int | None = None
    #: ``None``: :func:`coachjournal.paths.default_backup_dir`.
    backup_folder: Path | None = None
    daily_backups: int = 7
    weekly_backups: int = 8
    #: Lock the window after this many idle minutes; 0 never locks by itself.
    lock_after_minutes: int = 10
    #: Show what is due today when the app starts.
    reminders: bool = True
    #: The journal the app opens; ``None``: ``journal.db`` in the data folder. Set when the
    #: user restores an export into a new journal and keeps working in it.
    journal_file: Path | None = None

    def backup_dir(self) -> Path:
        """The folder automatic backups go to."""
        return self.backup_folder if self.backup_folder is not None else paths.default_backup_dir()


_PATHS = frozenset({"backup_folder", "journal_file"})


def journal_path() -> Path:
    """The journal the app and the command line open when no ``--db`` is given."""
    return paths.default_journal_path(load().journal_file)


def remember_journal(path: Path) -> None:
    """Open ``path`` from now on when no other journal is named."""
    save(dataclasses.replace(load(), journal_file=path))


def preferences_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _valid(field: str, value: Any) -> bool:
    match field:
        case "theme":
            return value in THEMES
        case "date_format":
            return value in DATE_FORMATS
        case "week_start":
            return value is None or (type(value) is int and value in WEEKDAYS)
        case "backup_folder" | "journal_file":
            return value is None or (isinstance(value, str) and bool(value.strip()))
        case "daily_backups" | "weekly_backups":
            return type(value) is int and value in BACKUPS_KEPT_RANGE
        case "lock_after_minutes":
            return type(value) is int and value in LOCK_MINUTES_RANGE
        case "reminders":
            return type(value) is bool
    return False


def load(path: Path | None = None) -> Preferences:
    """The saved preferences; defaults for anything missing or not understood."""
    path = path or preferences_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        log.warning("Ignoring unreadable preferences in %s: %s", path, error)
        return Preferences()
    if not isinstance(raw, dict):
        log.warning("Ignoring preferences in %s: not a JSON object", path)
        return Preferences()
    values: dict[str, Any] = {}
    for field in dataclasses.fields(Preferences):
        if field.name not in raw:
            continue
        value = raw[field.name]
        if not _valid(field.name, value):
            log.warning("Ignoring preference %s=%r in %s", field.name, value, path)
            continue
        is_path = field.name in _PATHS and value is not None
        values[field.name] = Path(value).expanduser() if is_path else value
    return Preferences(**values)


def save(preferences: Preferences, path: Path | None = None) -> None:
    """Write the preferences atomically (the old file stays whole if the write fails)."""
    data: dict[str, Any] = {}
    for field in dataclasses.fields(Preferences):
        value = getattr(preferences, field.name)
        data[field.name] = str(value) if isinstance(value, Path) else value
        if not _valid(field.name, data[field.name]):
            raise ValueError(f"{field.name}={value!r} is not a valid preference")
    from coachjournal.storage import exports  # its atomic write; start-up only reads

    with exports.new_file(path or preferences_path(), force=True) as stream:
        stream.write(json.dumps(data, indent=2, sort_keys=True).encode("utf-8") + b"\n")
