"""Upgrading journals written by earlier schema versions loses nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from coachjournal.storage import db, migrations
from coachjournal.storage.models import Manager, Result, Touchpoint, TouchpointAttendee

DATA = Path(__file__).parent.parent / "data"


def _rows(
    path: Path, tables: list[str] | None = None
) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Every row of ``tables`` (by default all the tables of the file), in rowid order."""
    with sqlite3.connect(path) as connection:
        tables = tables or [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        result = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            result[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    return result


def _as_before(
    before: dict[str, tuple[list[str], list[tuple[object, ...]]]],
    after: dict[str, tuple[list[str], list[tuple[object, ...]]]],
) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """``after`` with only the columns ``before`` had (later steps add columns, such as
    ``uid``), to check that the upgrade changed none of the values that were there."""
    kept = {}
    for table, (columns, _rows_before) in before.items():
        new_columns, new_rows = after[table]
        keep = [new_columns.index(column) for column in columns]
        kept[table] = (columns, [tuple(row[i] for i in keep) for row in new_rows])
    return kept


def _schema(path: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(path) as connection:
        return set(
            connection.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        )


def test_a_version_1_journal_is_upgraded_without_losing_a_row(tmp_path: Path) -> None:
    original = DATA / "journal-v1.db"
    journal = tmp_path / "journal.db"
    shutil.copy(original, journal)
    before = _rows(original)

    db.open_journal(journal)
    try:
        assert migrations.schema_version(db.database) == migrations.LATEST
        zoe = Manager.get_by_id(1)
        assert zoe.name == "Zoë Ångström 👩‍💼"
        assert Touchpoint.get_by_id(1).notes.endswith("Résumé reviewed. 🚀")
        assert Touchpoint.get_by_id(2).account == ""
    finally:
        db.close_journal()

    after = _rows(journal, list(before))
    for table, (columns, rows) in before.items():
        new_columns, new_rows = after[table]
        keep = [new_columns.index(column) for column in columns]
        assert [tuple(row[i] for i in keep) for row in new_rows] == rows, table


def test_the_old_journal_is_backed_up_before_the_upgrade(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v1.db", journal)
    db.open_journal(journal)
    db.close_journal()
    backup = tmp_path / "journal.schema-v1-backup.db"
    assert _rows(backup) == _rows(DATA / "journal-v1.db")
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)


def test_an_upgraded_journal_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    upgraded, fresh = tmp_path / "upgraded.db", tmp_path / "fresh.db"
    shutil.copy(DATA / "journal-v1.db", upgraded)
    for path in (upgraded, fresh):
        db.open_journal(path)
        db.close_journal()
    assert _schema(upgraded) == _schema(fresh)


@pytest.mark.parametrize("fixture", sorted(DATA.glob("journal-v*.db")), ids=lambda path: path.stem)
def test_every_fixture_journal_upgrades_keeping_every_row_and_the_new_schema(
    tmp_path: Path, fixture: Path
) -> None:
    """One journal per released schema (tests/data/README.md): after the upgrade, every row
    of every table it had is still there with every value of every column that still exists,
    and the schema is exactly a new journal's."""
    journal = tmp_path / "journal.db"
    shutil.copy(fixture, journal)
    with sqlite3.connect(fixture) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        ]
    before = _rows(fixture, tables)
    db.open_journal(journal)
    db.close_journal()
    after = _rows(journal, tables)
    for table, (columns, rows) in before.items():
        new_columns, new_rows = after[table]
        kept = [column for column in columns if column in new_columns]
        old = [tuple(row[columns.index(c)] for c in kept) for row in rows]
        new = [tuple(row[new_columns.index(c)] for c in kept) for row in new_rows]
        assert new == old, table
    # The tables added since these journals start empty: an upgrade invents no "applies" mark
    # (every activity applies), no talent review and no team plan.
    added = ["cadence_applies", "talent_review", "talent_placement", "team_plan", "team_plan_goal"]
    assert {table: rows for table, (_, rows) in _rows(journal, added).items()} == {
        table: [] for table in added
    }
    fresh = tmp_path / "fresh.db"
    db.open_journal(fresh)
    db.close_journal()
    assert _schema(journal) == _schema(fresh)


def test_links_broken_before_the_upgrade_do_not_stop_it(tmp_path: Path) -> None:
    """A journal once written with foreign keys off (a touchpoint whose manager is gone, an
    action item whose touchpoint is gone) still opens: only links a step would break stop an
    upgrade, and the rows are kept as they were for the user to see and export."""
    journal = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v6.db", journal)
    with sqlite3.connect(journal) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE touchpoint SET manager_id = 999 WHERE id = 1")
        connection.execute("UPDATE action_item SET touchpoint_id = 998 WHERE id = 1")
    before = _rows(journal, ["touchpoint", "action_item"])
    db.open_journal(journal)
    db.close_journal()
    after = _rows(journal, ["touchpoint", "action_item"])
    assert _as_before(before, after) == before
    with sqlite3.connect(journal) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (migrations.LATEST,)


def test_a_current_journal_is_not_backed_up_again(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    for _ in range(2):
        db.open_journal(journal)
        db.close_journal()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["journal.db"]


def test_a_version_5_journal_is_upgraded_and_gains_the_results_table(tmp_path: Path) -> None:
    """journal-v5.db: a small sample team written by the release before results (schema 5)."""
    original = DATA / "journal-v5.db"
    journal = tmp_path / "journal.db"
    shutil.copy(original, journal)
    with sqlite3.connect(original) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        ]
    before = _rows(original, tables)

    db.open_journal(journal)
    try:
        assert migrations.schema_version(db.database) == migrations.LATEST
        manager = Manager.select().first()
        Result.create(manager=manager, period="month", starts_on="2025-01-01", plan_cents=5)
        assert Result.select().count() == 1
    finally:
        db.close_journal()

    after = _rows(journal, list(before))
    assert _as_before(before, after) == before
    upgraded, fresh = _schema(journal), tmp_path / "fresh.db"
    db.open_journal(fresh)
    db.close_journal()
    assert upgraded == _schema(fresh)


@pytest.mark.parametrize("fixture", sorted(DATA.glob("journal-v*.db")), ids=lambda path: path.stem)
def test_every_touchpoint_gets_its_manager_as_its_one_attendee(
    tmp_path: Path, fixture: Path
) -> None:
    """The attendee step: one attendee per touchpoint (its manager, with an empty note), the
    trash included; a meeting logged once per manager is not merged."""
    journal = tmp_path / "journal.db"
    shutil.copy(fixture, journal)
    with sqlite3.connect(fixture) as connection:
        touchpoints = connection.execute(
            "SELECT id, manager_id FROM touchpoint ORDER BY id"
        ).fetchall()
    db.open_journal(journal)
    db.close_journal()
    with sqlite3.connect(journal) as connection:
        attendees = connection.execute(
            "SELECT touchpoint_id, manager_id, note, position FROM touchpoint_attendee "
            "ORDER BY touchpoint_id"
        ).fetchall()
        kept = connection.execute("SELECT count(*) FROM touchpoint").fetchone()[0]
    assert touchpoints, "the fixture has touchpoints"
    assert attendees == [(id_, manager, "", 0) for id_, manager in touchpoints]
    assert kept == len(touchpoints)


def test_the_huddle_logged_once_per_manager_stays_one_touchpoint_each(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    shutil.copy(DATA / "journal-v6.db", journal)
    db.open_journal(journal)
    db.close_journal()
    with sqlite3.connect(journal) as connection:
        groups = connection.execute(
            "SELECT count(*), count(DISTINCT manager_id) FROM touchpoint "
            "GROUP BY kind, occurred_at, summary HAVING count(*) > 1"
        ).fetchall()
    assert groups == [(3, 3)]


def test_deleting_a_manager_hands_a_shared_touchpoint_to_the_next_attendee(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.db"
    db.open_journal(journal)
    try:
        lead, other = Manager.create(name="Lead"), Manager.create(name="Other")
        shared = Touchpoint.create(manager=lead, occurred_at="2025-01-06 09:00", kind="informal")
        alone = Touchpoint.create(manager=lead, occurred_at="2025-01-07 09:00", kind="informal")
        TouchpointAttendee.create(touchpoint=shared, manager=lead, position=0)
        TouchpointAttendee.create(touchpoint=shared, manager=other, position=1)
        TouchpointAttendee.create(touchpoint=alone, manager=lead, position=0)
        lead.delete_instance()
        assert [t.id for t in Touchpoint.select()] == [shared.id]
        assert Touchpoint.get_by_id(shared.id).manager_id == other.id
        assert [(a.manager_id, a.touchpoint_id) for a in TouchpointAttendee.select()] == [
            (other.id, shared.id)
        ]
    finally:
        db.close_journal()
