"""Capture: every local write to a synced table is recorded, and collected as one batch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal import sync
from coachjournal.coaching import roster, touchpoints
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Setting
from coachjournal.storage.undo import UndoLog
from coachjournal.sync import changes, clock, identity
from coachjournal.sync.errors import SyncError

DEVICE = "a" * 32


def _ops(batch: dict | None) -> list[tuple[str, str]]:
    assert batch is not None
    return [(change["table"], change["op"]) for change in batch["changes"]]


def test_enabling_counts_the_whole_journal_as_changed(journal_path: Path) -> None:
    ann = roster.create_manager("Ann", notes="first")
    assert not changes.is_enabled(db.database)
    changes.enable(db.database, DEVICE)
    assert changes.is_enabled(db.database) and changes.device_of(db.database) == DEVICE
    batch = changes.collect(db.database)
    assert batch is not None and batch["device"] == DEVICE
    (change,) = batch["changes"]
    assert change["uid"] == Manager.get_by_id(ann.id).uid
    assert change["op"] == "insert" and change["values"]["notes"] == "first"
    assert changes.collect(db.database) == batch, "the same batch until it is confirmed"
    changes.confirm_collected(db.database, batch)
    assert changes.collect(db.database) is None


def test_a_field_edit_is_collected_with_what_its_writer_had_seen(journal_path: Path) -> None:
    changes.enable(db.database, DEVICE)
    ann = roster.create_manager("Ann")
    first = changes.collect(db.database)
    assert _ops(first) == [("manager", "insert")]
    changes.confirm_collected(db.database, first)  # type: ignore[arg-type]
    roster.update_manager(ann.id, notes="second")
    batch = changes.collect(db.database)
    assert batch is not None
    (change,) = batch["changes"]
    assert change["op"] == "update" and change["values"] == {"notes": "second"}
    assert change["seen"] == {"notes": first["hlc_to"]}  # type: ignore[index]
    assert change["hlc"] > first["hlc_to"]  # type: ignore[index]


def test_deleting_cascades_and_every_row_gone_is_a_tombstone(journal_path: Path) -> None:
    changes.enable(db.database, DEVICE)
    ann = roster.create_manager("Ann")
    touchpoints.create_touchpoint(ann.id, dt.datetime(2026, 1, 5, 9), "one_on_one", notes="x")
    changes.confirm_collected(db.database, changes.collect(db.database))  # type: ignore[arg-type]
    roster.delete_manager(ann.id)
    assert sorted(_ops(changes.collect(db.database))) == [
        ("manager", "delete"),
        ("touchpoint", "delete"),
        ("touchpoint_attendee", "delete"),
    ]


def test_an_undo_is_captured_like_any_write(journal_path: Path) -> None:
    changes.enable(db.database, DEVICE)
    log = UndoLog()
    with log.step("Add Manager"):
        roster.create_manager("Ann")
    changes.confirm_collected(db.database, changes.collect(db.database))  # type: ignore[arg-type]
    uid = Manager.get().uid
    log.undo()
    batch = changes.collect(db.database)
    assert batch is not None
    assert [(c["op"], c["uid"]) for c in batch["changes"]] == [("delete", uid)]
    changes.confirm_collected(db.database, batch)
    log.redo()
    batch = changes.collect(db.database)
    assert batch is not None
    assert [(c["op"], c["uid"]) for c in batch["changes"]] == [("insert", uid)]


def test_settings_travel_by_key_and_local_ones_stay(journal_path: Path) -> None:
    changes.enable(db.database, DEVICE)
    Setting.insert(key="results.period", value="quarter").on_conflict_replace().execute()
    Setting.insert(key="prep.suggested.4", value="[]").on_conflict_replace().execute()
    batch = changes.collect(db.database)
    assert batch is not None
    assert [(c["table"], c["uid"]) for c in batch["changes"]] == [("setting", "results.period")]


def test_nothing_is_captured_once_sync_is_off(journal_path: Path) -> None:
    changes.enable(db.database, DEVICE)
    roster.create_manager("Ann")
    db.database.execute_sql("INSERT INTO sync_local (key, value) VALUES ('folder.key', x'00')")
    changes.disable(db.database)
    assert db.database.execute_sql("SELECT count(*) FROM sync_local").fetchone() == (0,)
    roster.create_manager("Bob")
    assert not changes.is_enabled(db.database)
    assert changes.collect(db.database) is None
    assert db.database.execute_sql("SELECT count(*) FROM sync_change").fetchone() == (0,)


def test_a_device_id_must_be_one(journal_path: Path) -> None:
    with pytest.raises(ValueError):
        changes.enable(db.database, "laptop")
    assert identity.is_uid(identity.new_uid())


def test_the_clock_never_goes_backwards(journal_path: Path) -> None:
    changes.enable(db.database, DEVICE)
    hlcs = clock.Clock(db.database)
    later = hlcs.tick(clock.wall_ms() + 60_000)
    again = hlcs.tick(clock.wall_ms())  # the wall clock is behind the last stamp
    assert again > later and clock.parts(again)[0] == clock.parts(later)[0]
    future = clock.stamp(clock.wall_ms() + 3_600_000, 5, "b" * 32)
    hlcs.receive(future)
    assert hlcs.tick() > future


def test_changes_are_not_applied_to_a_journal_that_does_not_sync(journal_path: Path) -> None:
    with pytest.raises(SyncError, match="not set up"):
        sync.apply(db.database, {"device": DEVICE, "changes": []})
