"""Applying batches: idempotent, in any order, later wins per field, text never lost."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from coachjournal import sync
from coachjournal.coaching import roster, touchpoints
from coachjournal.coaching.development import motivators
from coachjournal.exchange import ics
from coachjournal.storage.models import Manager, Motivator, Touchpoint, TouchpointAttendee
from coachjournal.storage.undo import UndoLog
from coachjournal.sync import Keep
from coachjournal.sync.errors import SyncDataError, SyncError
from tests.core.sync.journals import Journals

MONDAY = dt.datetime(2026, 1, 5, 9)


@pytest.fixture
def pair(tmp_path: Path) -> Journals:
    journals = Journals(tmp_path, 2)
    with journals.on(0):
        ann = roster.create_manager("Ann", notes="first")
        touchpoints.create_touchpoint(ann.id, MONDAY, "one_on_one", notes="hello")
    journals.exchange()
    return journals


def test_a_new_journal_gets_the_other_ones_records(pair: Journals) -> None:
    assert pair.content(0) == pair.content(1)
    with pair.on(1):
        assert Manager.get().name == "Ann"
        assert Touchpoint.get().notes == "hello"
        assert Touchpoint.get().manager_id == Manager.get().id


def test_a_batch_applied_twice_changes_nothing_and_an_older_one_takes_nothing_back(
    pair: Journals,
) -> None:
    with pair.on(0):
        roster.update_manager(Manager.get().id, notes="second")
    older = pair.send(0)
    with pair.on(0):
        roster.update_manager(Manager.get().id, notes="third")
    newer = pair.send(0)
    assert pair.receive(1, newer).changed == 1
    assert pair.receive(1, newer).changed == 0
    # The older batch may still carry a field the newer one did not touch (``updated_at`` is
    # kept to the second: two edits in the same second change it once), so it is not nothing;
    # what it must not do is take back the newer text. Then the journals are the same.
    pair.receive(1, older)
    assert pair.receive(1, older).changed == 0
    with pair.on(1):
        assert Manager.get().notes == "third"
    assert pair.content(1) == pair.content(0)
    assert pair.conflict_texts(1) == set()


def test_batches_in_any_order_end_in_the_same_journal(tmp_path: Path) -> None:
    journals = Journals(tmp_path, 3)
    with journals.on(0):
        ann = roster.create_manager("Ann")
    first = journals.send(0)
    with journals.on(0):
        touchpoints.create_touchpoint(ann.id, MONDAY, "one_on_one", summary="Plan")
        roster.update_manager(ann.id, title="Head of Sales")
    second = journals.send(0)
    journals.receive(1, first)
    journals.receive(1, second)
    applied = journals.receive(2, second)  # the touchpoint waits for its manager
    assert applied.skipped > 0
    journals.receive(2, first)
    assert journals.content(1) == journals.content(2) == journals.content(0)


def test_a_tombstone_wins_over_an_older_edit_and_keeps_its_text(pair: Journals) -> None:
    with pair.on(1):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="edited on the desktop")
    edit = pair.send(1)
    with pair.on(0):
        touchpoints.trash_touchpoint(Touchpoint.get().id)
        assert touchpoints.delete_forever([Touchpoint.get().id]) == 1
    tombstone = pair.send(0)
    pair.receive(1, tombstone)
    pair.receive(0, edit)
    assert pair.content(0) == pair.content(1)
    with pair.on(0):
        assert Touchpoint.select().count() == 0
    assert "edited on the desktop" in pair.conflict_texts(1)
    assert "edited on the desktop" in pair.conflict_texts(0)


def test_concurrent_text_edits_keep_both_texts(pair: Journals) -> None:
    with pair.on(0):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="laptop text")
    with pair.on(1):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="desktop text")
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(0):
        kept = Touchpoint.get().notes
    assert kept == "desktop text"  # edited later
    for index in (0, 1):
        (conflict,) = _conflicts(pair, index)
        assert conflict.other_text == "laptop text" and conflict.kept_text == "desktop text"
        assert conflict.what == "Notes of the one-on-one on 5 Jan 2026"
        assert conflict.manager_name == "Ann"


def _conflicts(journals: Journals, index: int) -> list[sync.Conflict]:
    with journals.on(index) as database:
        return sync.conflicts(database)


def test_resolving_keeps_the_chosen_text_and_syncs_it(pair: Journals) -> None:
    with pair.on(0):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="laptop text")
    with pair.on(1):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="desktop text")
    pair.exchange()
    with pair.on(1) as database:
        (conflict,) = sync.conflicts(database)
        sync.resolve_conflict(database, conflict.id, Keep.OTHER)
        assert sync.conflict_count(database) == 0
        assert Touchpoint.get().notes == "laptop text"
    with pair.on(0) as database:
        (conflict,) = sync.conflicts(database)
        sync.resolve_conflict(database, conflict.id, Keep.THIS)
    pair.exchange()
    with pair.on(0) as database:
        assert Touchpoint.get().notes == "laptop text"
        assert sync.conflict_count(database) == 0
    assert pair.content(0) == pair.content(1)


def test_keeping_both_puts_both_texts_in_place_and_syncs_them(pair: Journals) -> None:
    """Each computer added a paragraph: both are kept, the one in place first; a summary (one
    line) joins them with a slash; both together past the field's limit are refused."""
    with pair.on(0):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="laptop", summary="L")
    with pair.on(1):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="desktop", summary="D")
    pair.exchange()
    with pair.on(1) as database:
        for conflict in sync.conflicts(database):
            sync.resolve_conflict(database, conflict.id, Keep.BOTH)
        kept = Touchpoint.get()
        assert {kept.notes, kept.summary} <= {
            "laptop\n\ndesktop",
            "desktop\n\nlaptop",
            "L / D",
            "D / L",
        }
        assert sync.conflict_count(database) == 0
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(0):
        touchpoints.update_touchpoint(Touchpoint.get().id, summary="x" * 400)
    with pair.on(1):
        touchpoints.update_touchpoint(Touchpoint.get().id, summary="y" * 400)
    pair.exchange()
    with pair.on(1) as database:
        (conflict,) = sync.conflicts(database)
        with pytest.raises(SyncError, match="longer than this field holds"):
            sync.resolve_conflict(database, conflict.id, Keep.BOTH)
        assert sync.conflict_count(database) == 1


def test_a_choice_made_on_one_computer_is_no_conflict_on_the_other(pair: Journals) -> None:
    """The desktop's edit lost to the laptop's later one; the desktop keeps its own text all
    the same. On the laptop, the desktop's first text arriving late is a conflict until the
    choice arrives, and then none: it was shown again there, with the same text on both sides."""
    with pair.on(1):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="desktop text")
    with pair.on(0):
        touchpoints.update_touchpoint(Touchpoint.get().id, notes="laptop text")
    desktop_edit, laptop_edit = pair.send(1), pair.send(0)
    pair.receive(1, laptop_edit)
    with pair.on(1) as database:
        (conflict,) = sync.conflicts(database)
        assert (conflict.kept_text, conflict.other_text) == ("laptop text", "desktop text")
        sync.resolve_conflict(database, conflict.id, Keep.OTHER)
    pair.receive(0, desktop_edit)
    assert pair.conflict_texts(0) == {"desktop text"}
    pair.exchange()
    with pair.on(0) as database:
        assert Touchpoint.get().notes == "desktop text"
        assert sync.conflict_count(database) == 0
    assert pair.content(0) == pair.content(1)


def test_the_same_calendar_event_imported_on_both_is_one_touchpoint(pair: Journals) -> None:
    for index, notes in ((0, "from the laptop"), (1, "from the desktop")):
        with pair.on(index) as database, database.atomic():
            imported = Touchpoint.create(
                manager=Manager.get(),
                occurred_at=MONDAY + dt.timedelta(days=1),
                kind="team_meeting",
                source_key="event-1",
                notes=notes,
            )
            TouchpointAttendee.create(touchpoint=imported, manager=Manager.get(), position=0)
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(0):
        assert Touchpoint.select().where(Touchpoint.source_key == "event-1").count() == 1
    texts = pair.conflict_texts(0) | pair.conflict_texts(1)
    assert {"from the laptop", "from the desktop"} & texts


def test_a_calendar_imported_on_both_gives_one_touchpoint_whatever_the_local_ids(
    pair: Journals,
) -> None:
    """The same .ics read on both computers, where Bo has another local id on each: its event
    is one touchpoint after they meet (the event's key once named the lead's local id)."""
    with pair.on(1):
        roster.create_manager("Placeholder")
    with pair.on(0):
        roster.create_manager("Bo", email="bo@example.com")
    pair.exchange()
    with pair.on(0):
        here = Manager.get(Manager.name == "Bo").id
    with pair.on(1):
        assert Manager.get(Manager.name == "Bo").id != here
    event = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:weekly-bo@example.com\r\nDTSTART:20260106T090000Z\r\nDURATION:PT30M\r\n"
        b"SUMMARY:Bo 1:1\r\nATTENDEE:mailto:bo@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    for index in (0, 1):
        with pair.on(index):
            ics.import_ics(event, now=dt.datetime(2026, 1, 7, 9), zone=dt.UTC)
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(0):
        assert Touchpoint.select().where(Touchpoint.source_key.is_null(False)).count() == 1


def test_a_link_to_a_record_deleted_elsewhere_is_dropped_with_it(pair: Journals) -> None:
    with pair.on(0):
        roster.delete_manager(Manager.get().id)
    with pair.on(1):
        motivators.add_motivator(Manager.get().id, "Recognition")
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(1):
        assert Manager.select().count() == 0 and Motivator.select().count() == 0


def test_a_change_waiting_for_its_record_is_applied_when_it_arrives(pair: Journals) -> None:
    with pair.on(0):
        bob = roster.create_manager("Bob")
    first = pair.send(0)
    with pair.on(0):
        motivators.add_motivator(bob.id, "Autonomy")
    second = pair.send(0)
    assert pair.receive(1, second).changed == 0
    pair.receive(1, first)
    with pair.on(1):
        assert [m.name for m in Motivator.select()] == ["Autonomy"]
    assert pair.content(0) == pair.content(1)


def test_motivators_ranked_on_both_sides_end_with_distinct_ranks(pair: Journals) -> None:
    for index, name in ((0, "Money"), (1, "Growth")):
        with pair.on(index):
            motivators.add_motivator(Manager.get().id, name)
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(0):
        assert sorted(m.rank for m in Motivator.select()) == [1, 2]


def test_an_invalid_value_is_refused_and_nothing_changes(pair: Journals) -> None:
    with pair.on(0):
        roster.update_manager(Manager.get().id, notes="fine")
        roster.create_manager("Cleo")
    batch = pair.send(0)
    assert batch is not None
    bad = copy.deepcopy(batch)
    bad["changes"][-1]["values"]["name"] = "   "
    before = pair.content(1)
    with pytest.raises(SyncDataError, match="cannot store"):
        pair.receive(1, bad)
    assert pair.content(1) == before
    bad = copy.deepcopy(batch)
    bad["changes"][0]["hlc"] = "yesterday"
    with pytest.raises(SyncDataError):
        pair.receive(1, bad)
    assert pair.content(1) == before
    bad = copy.deepcopy(batch)  # from a clock at the end of time: it would carry every clock
    bad["changes"][0]["hlc"] = "9999999999999.999999." + bad["changes"][0]["hlc"].split(".")[2]
    with pytest.raises(SyncDataError, match="more than 30 days ahead"):
        pair.receive(1, bad)
    assert pair.content(1) == before
    pair.receive(1, batch)
    assert pair.content(1) == pair.content(0)
    with pair.on(1):
        roster.update_manager(Manager.get().id, notes="later, on the desktop")
    pair.exchange()  # its clock was not carried off: what it writes next is taken
    assert pair.content(0) == pair.content(1)


def _sent(database: object) -> dict:
    batch = sync.collect(database)  # type: ignore[arg-type]
    assert batch is not None
    sync.confirm_collected(database, batch)  # type: ignore[arg-type]
    return batch


def test_an_undo_travels_like_any_edit(pair: Journals) -> None:
    log = UndoLog()
    with pair.on(0) as database:
        with log.step("Delete Manager"):
            roster.delete_manager(Manager.get().id)
        deleted = _sent(database)
        log.undo()
        undone = _sent(database)
    pair.receive(1, deleted)
    with pair.on(1):
        assert Manager.select().count() == 0 and Touchpoint.select().count() == 0
    pair.receive(1, undone)
    assert pair.content(0) == pair.content(1)
    with pair.on(1):
        assert [m.name for m in Manager.select()] == ["Ann"]
        assert Touchpoint.get().notes == "hello"


def test_rows_linked_to_a_record_deleted_elsewhere_go_with_it_text_kept(pair: Journals) -> None:
    """A touchpoint logged on one computer for a manager deleted on the other (with another
    manager attending) and an action item added to a touchpoint deleted there: both journals
    end without them, their text in the conflicts of each."""
    with pair.on(0):
        roster.create_manager("Bob")
    pair.exchange()
    with pair.on(1):
        ann = Manager.get(Manager.name == "Ann").id
        bob = Manager.get(Manager.name == "Bob").id
        touchpoints.create_touchpoint(
            ann, MONDAY + dt.timedelta(days=2), "team_meeting", with_managers=[bob], notes="huddle"
        )
        touchpoints.add_action_item(ann, "Send the deck", "them", None, Touchpoint.get().id)
    with pair.on(0):
        roster.delete_manager(Manager.get(Manager.name == "Ann").id)
    pair.exchange()
    assert pair.content(0) == pair.content(1)
    with pair.on(1):
        assert [m.name for m in Manager.select()] == ["Bob"]
        assert Touchpoint.select().count() == 0
    for index in (0, 1):
        assert {"huddle", "Send the deck"} <= pair.conflict_texts(index)
