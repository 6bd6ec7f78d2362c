"""A snapshot brings a new computer the whole journal, with its clocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachjournal import sync
from coachjournal.coaching import roster, search, touchpoints
from coachjournal.coaching.development import motivators
from coachjournal.storage.models import Manager, Setting, Touchpoint
from tests.core.sync.journals import Journals

MONDAY = dt.datetime(2026, 1, 5, 9)


def _filled(journals: Journals) -> dict:
    with journals.on(0) as database:
        ann = roster.create_manager("Ann", notes="about Ann")
        bob = roster.create_manager("Bob")
        touchpoints.create_touchpoint(
            ann.id, MONDAY, "team_meeting", with_managers=[bob.id], notes="Zürich kick-off"
        )
        motivators.add_motivator(ann.id, "Autonomy")
        Setting.insert(key="results.period", value="quarter").execute()
        gone = roster.create_manager("Gone")
        sync.confirm_collected(database, sync.collect(database))
        roster.delete_manager(gone.id)
        roster.update_manager(ann.id, notes="about Ann, later")
        sync.confirm_collected(database, sync.collect(database))
        return sync.snapshot(database)


def test_a_new_computer_gets_the_same_journal_from_a_snapshot(tmp_path: Path) -> None:
    journals = Journals(tmp_path, 2)
    snapshot = _filled(journals)
    with journals.on(1) as database:
        applied = sync.load_snapshot(database, snapshot)
        assert applied.changed > 0
        assert sorted(m.name for m in Manager.select()) == ["Ann", "Bob"]
        assert [hit.id for hit in search.search("kick-off")] == [Touchpoint.get().id]
        assert sync.collect(database) is None, "what was loaded is no local change"
    assert journals.content(0) == journals.content(1)
    with journals.on(1) as database:
        assert sync.snapshot(database)["changes"] == snapshot["changes"]


def test_edits_after_the_snapshot_merge_as_usual(tmp_path: Path) -> None:
    journals = Journals(tmp_path, 2)
    snapshot = _filled(journals)
    with journals.on(1) as database:
        sync.load_snapshot(database, snapshot)
        roster.update_manager(Manager.get(Manager.name == "Ann").id, notes="desktop")
    with journals.on(0):
        roster.update_manager(Manager.get(Manager.name == "Ann").id, title="Head")
    journals.exchange()
    assert journals.content(0) == journals.content(1)
    with journals.on(0):
        ann = Manager.get(Manager.name == "Ann")
        assert (ann.notes, ann.title) == ("desktop", "Head")
    assert journals.conflict_texts(0) == set()


def test_a_snapshot_loads_into_a_journal_that_has_it_already(tmp_path: Path) -> None:
    journals = Journals(tmp_path, 2)
    snapshot = _filled(journals)
    with journals.on(1) as database:
        sync.load_snapshot(database, snapshot)
        again = sync.load_snapshot(database, snapshot)
        assert again.changed == 0
    assert journals.content(0) == journals.content(1)
