import dataclasses
import json
from pathlib import Path

import pytest

from coachjournal import paths
from coachjournal.storage import preferences
from coachjournal.storage.preferences import Preferences


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    loaded = preferences.load(tmp_path / "missing.json")
    assert loaded == Preferences()
    assert loaded.backup_dir() == paths.default_backup_dir()


def test_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "preferences.json"
    chosen = Preferences(
        theme="dark",
        date_format="iso",
        week_start=6,
        backup_folder=tmp_path / "backups",
        daily_backups=3,
        weekly_backups=2,
        lock_after_minutes=0,
        reminders=False,
        journal_file=tmp_path / "restored.db",
    )
    preferences.save(chosen, target)
    assert preferences.load(target) == chosen
    assert preferences.load(target).backup_dir() == tmp_path / "backups"


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "\xff\xfe", "null"])
def test_broken_file_gives_defaults(tmp_path: Path, text: str) -> None:
    target = tmp_path / "preferences.json"
    target.write_bytes(text.encode("latin-1"))
    assert preferences.load(target) == Preferences()


def test_bad_values_fall_back_one_by_one(tmp_path: Path) -> None:
    target = tmp_path / "preferences.json"
    target.write_text(
        json.dumps(
            {
                "theme": "purple",
                "week_start": 7,
                "daily_backups": 0,
                "weekly_backups": True,
                "lock_after_minutes": 15,
                "reminders": "yes",
                "backup_folder": "   ",
                "unknown": 1,
            }
        ),
        encoding="utf-8",
    )
    assert preferences.load(target) == Preferences(lock_after_minutes=15)


def test_saving_an_invalid_value_is_refused_and_keeps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "preferences.json"
    preferences.save(Preferences(theme="light"), target)
    before = target.read_bytes()
    broken = dataclasses.replace(Preferences(), daily_backups=0)
    with pytest.raises(ValueError, match="daily_backups"):
        preferences.save(broken, target)
    assert target.read_bytes() == before


def test_default_location_is_the_settings_folder() -> None:
    assert preferences.preferences_path().parent == paths.config_dir()


def test_the_remembered_journal_is_opened_unless_the_environment_names_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    assert preferences.journal_path() == paths.data_dir() / "journal.db"
    preferences.remember_journal(tmp_path / "restored.db")
    assert preferences.journal_path() == tmp_path / "restored.db"
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "named.db"))
    assert preferences.journal_path() == tmp_path / "named.db"
