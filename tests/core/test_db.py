"""Opening journals: pragmas, refusal of foreign or newer files, schema integrity."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from coachjournal.errors import JournalOpenError
from coachjournal.storage import db, migrations
from coachjournal.storage.models import ALL_MODELS, Setting, database


def test_a_new_journal_is_marked_versioned_and_durable(journal_path: Path) -> None:
    pragma = lambda name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("application_id") == db.APPLICATION_ID
    assert pragma("user_version") == migrations.LATEST
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert db.is_journal(journal_path)


def test_every_model_field_is_a_column_of_the_migrated_schema(journal_path: Path) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {column.name for column in database.get_columns(table)}
        fields = {field.column_name for field in model._meta.sorted_fields}
        assert fields == columns, f"{table}: model and schema disagree"


def test_the_schema_enforces_ratings_and_choices(journal_path: Path) -> None:
    database.execute_sql(
        "INSERT INTO manager (name, title, team, email, phone, promoted_from_sales, notes,"
        " archived, created_at, updated_at) VALUES ('A', '', '', '', '', 0, '', 0, '', '')"
    )
    with pytest.raises(Exception, match="CHECK"):
        database.execute_sql(
            "INSERT INTO trait_rating (trait_id, rating, rated_on, note) VALUES (1, 6, '', '')"
        )
    with pytest.raises(Exception, match="CHECK"):
        database.execute_sql(
            "INSERT INTO touchpoint (manager_id, occurred_at, kind, summary, notes, account,"
            " objective, observations, debrief, aspiration, created_at, updated_at)"
            " VALUES (1, '2025-01-01', 'lunch', '', '', '', '', '', '', '', '', '')"
        )


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    with pytest.raises(JournalOpenError, match="not a CoachJournal journal"):
        db.open_journal(path)
    assert path.read_text() == "my shopping list\n"


def test_another_apps_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    before = path.read_bytes()
    with pytest.raises(JournalOpenError, match="not a CoachJournal journal"):
        db.open_journal(path)
    assert path.read_bytes() == before
    assert not db.is_journal(path)


def test_a_journal_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    db.open_journal(path)
    database.execute_sql(f"PRAGMA user_version = {migrations.LATEST + 1}")
    db.close_journal()
    before = path.read_bytes()
    with pytest.raises(JournalOpenError, match="newer CoachJournal"):
        db.open_journal(path)
    assert path.read_bytes() == before


def test_missing_and_folder_paths_get_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(JournalOpenError, match="There is no journal"):
        db.open_journal(tmp_path / "absent.db", create=False)
    with pytest.raises(JournalOpenError, match="is a folder"):
        db.open_journal(tmp_path)


def test_an_empty_file_becomes_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    db.open_journal(path)
    db.close_journal()
    assert db.is_journal(path)


def test_round_trip_check_leaves_the_journal_unchanged(journal_path: Path) -> None:
    db.round_trip_check()
    assert Setting.select().count() == 0


def test_closing_checkpoints_the_wal(journal_path: Path) -> None:
    database.execute_sql("INSERT INTO setting VALUES ('k', 'v')")
    db.close_journal()
    assert not journal_path.with_name(journal_path.name + "-wal").exists() or (
        journal_path.with_name(journal_path.name + "-wal").stat().st_size == 0
    )
    with sqlite3.connect(journal_path) as connection:
        assert connection.execute("SELECT value FROM setting").fetchone() == ("v",)
    db.open_journal(journal_path)


def _posix_locks(path: Path) -> list[str]:
    """This process's POSIX locks on ``path``, as Linux lists them in /proc/locks."""
    inode, pid = path.stat().st_ino, os.getpid()
    lines = Path("/proc/locks").read_text().splitlines()
    return [line for line in lines if f":{inode} " in line and f" {pid} " in line]


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="Linux lists locks in /proc/locks")
def test_asking_whether_the_open_journal_is_encrypted_keeps_sqlites_locks(
    journal_path: Path,
) -> None:
    """Reading the header with a file of its own and closing it dropped every POSIX lock the
    process held on the journal, SQLite's in the middle of a transaction included, so another
    process could write under it (the automatic backup asks, with the journal open)."""
    with database.atomic():
        Setting.create(key="in-a-transaction", value="yes")
        held = _posix_locks(journal_path)
        assert held, "SQLite holds a lock on the journal inside a transaction"
        assert not db.is_encrypted(journal_path)
        assert db.is_journal(journal_path)
        assert _posix_locks(journal_path) == held
