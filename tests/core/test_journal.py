"""Touchpoints, action items that carry over, the timeline, drafts and the trash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.coaching.touchpoints import TimelineFilter
from coachjournal.errors import ValidationError
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import ActionItem

MONDAY = dt.datetime(2025, 3, 3, 9, 30)


@pytest.fixture
def manager_id(journal_path: Path) -> int:
    return roster.create_manager("Priya Raman").id


def test_a_touchpoint_keeps_every_field(manager_id: int) -> None:
    notes = "# Pipeline\n\n- **Acme** renewal\n- [plan](https://example.com)\n"
    record = touchpoints.create_touchpoint(
        manager_id,
        MONDAY,
        TouchpointKind.FIELD_VISIT,
        duration_minutes=240,
        summary="  Visit at Acme  ",
        notes=notes,
        mood=4,
        account="Acme GmbH",
        objective="Renewal",
        observations="Great discovery",
        debrief="Ask more about budget",
    )
    loaded = touchpoints.get_touchpoint(record.id)
    assert loaded == record
    assert loaded.summary == "Visit at Acme"
    assert loaded.notes == notes
    assert loaded.kind is TouchpointKind.FIELD_VISIT
    assert (loaded.account, loaded.debrief) == ("Acme GmbH", "Ask more about budget")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mood", 6, "1 to 5"),
        ("duration_minutes", -5, "between 0 and 24 hours"),
        ("duration_minutes", 24 * 60 + 1, "between 0 and 24 hours"),
        ("kind", "lunch", "not a kind of touchpoint"),
        ("summary", "x" * 501, "under 500"),
    ],
)
def test_bad_values_are_refused_with_a_message(
    manager_id: int, field: str, value: object, message: str
) -> None:
    fields: dict[str, object] = {"kind": TouchpointKind.ONE_ON_ONE, field: value}
    kind = fields.pop("kind")
    with pytest.raises(ValidationError, match=message):
        touchpoints.create_touchpoint(manager_id, MONDAY, kind, **fields)  # type: ignore[arg-type]
    assert touchpoints.timeline_count(manager_id) == 0


def test_a_year_out_of_range_is_refused(manager_id: int) -> None:
    with pytest.raises(ValidationError, match="not a plausible year"):
        touchpoints.create_touchpoint(manager_id, dt.datetime(1900, 1, 1), "one_on_one")


def test_unicode_and_a_megabyte_of_notes_survive(manager_id: int, journal_path: Path) -> None:
    notes = ("Zoë 👩‍💼 ליאור ليلى négociation 🚀 — " * 40_000)[:1_000_000]
    record = touchpoints.create_touchpoint(manager_id, MONDAY, "one_on_one", notes=notes)
    db.close_journal()
    db.open_journal(journal_path)
    assert touchpoints.get_touchpoint(record.id).notes == notes


def _one_on_one(manager_id: int, when: dt.datetime, summary: str = "") -> int:
    return touchpoints.create_touchpoint(manager_id, when, "one_on_one", summary=summary).id


def test_open_items_carry_over_from_every_touchpoint(manager_id: int) -> None:
    first = _one_on_one(manager_id, MONDAY)
    field = touchpoints.create_touchpoint(
        manager_id, MONDAY + dt.timedelta(days=3), "field_visit"
    ).id
    send = touchpoints.add_action_item(
        manager_id, "Send the pricing deck", Owner.ME, dt.date(2025, 3, 5), first
    )
    hire = touchpoints.add_action_item(manager_id, "Open the SDR req", "them", None, field)
    done = touchpoints.add_action_item(manager_id, "Book QBR", "them", dt.date(2025, 3, 4), first)
    loose = touchpoints.add_action_item(manager_id, "Read the coaching book", "them")
    touchpoints.set_action_status(done.id, ActionStatus.DONE, on=dt.date(2025, 3, 4))

    carried = touchpoints.open_action_items(manager_id)
    assert [item.id for item in carried] == [send.id, hire.id, loose.id]
    assert carried[0].written_at == MONDAY
    assert carried[0].is_overdue(dt.date(2025, 3, 6))
    assert not carried[1].is_overdue(dt.date(2030, 1, 1))
    closed = touchpoints.get_action_item(done.id)
    assert closed.status is ActionStatus.DONE and closed.closed_on == dt.date(2025, 3, 4)
    assert [
        i.id for i in touchpoints.open_action_items(manager_id, excluding_touchpoint=first)
    ] == [
        hire.id,
        loose.id,
    ]

    touchpoints.trash_touchpoint(field)
    assert hire.id not in [item.id for item in touchpoints.open_action_items(manager_id)]
    touchpoints.restore_touchpoint(field)
    assert hire.id in [item.id for item in touchpoints.open_action_items(manager_id)]

    reopened = touchpoints.set_action_status(done.id, "open")
    assert reopened.closed_on is None


def test_action_items_need_text_and_a_known_owner(manager_id: int) -> None:
    with pytest.raises(ValidationError, match="Write what needs doing"):
        touchpoints.add_action_item(manager_id, "   ")
    with pytest.raises(ValidationError, match="owned by you or by them"):
        touchpoints.add_action_item(manager_id, "Call", owner="boss")
    item = touchpoints.add_action_item(manager_id, "Call Acme")
    updated = touchpoints.update_action_item(
        item.id, text="Call Acme's CFO", owner="me", due_on=dt.date(2025, 4, 1)
    )
    assert (updated.text, updated.owner, updated.due_on) == (
        "Call Acme's CFO",
        Owner.ME,
        dt.date(2025, 4, 1),
    )


def test_the_timeline_pages_newest_first_without_gaps_or_repeats(manager_id: int) -> None:
    same_time = MONDAY + dt.timedelta(days=30)
    ids = [_one_on_one(manager_id, MONDAY + dt.timedelta(days=day)) for day in range(25)]
    ids += [_one_on_one(manager_id, same_time) for _ in range(7)]
    seen: list[int] = []
    after = None
    while page := touchpoints.timeline_page(manager_id, after=after, limit=4):
        seen += [row.id for row in page]
        after = (page[-1].occurred_at, page[-1].id)
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(set(seen))
    times = [touchpoints.get_touchpoint(i).occurred_at for i in seen]
    assert times == sorted(times, reverse=True)
    assert touchpoints.timeline_count(manager_id) == 32


def test_the_timeline_filters_by_kind_and_date_and_counts_open_items(manager_id: int) -> None:
    visit = touchpoints.create_touchpoint(manager_id, dt.datetime(2025, 1, 31, 17), "field_visit")
    _one_on_one(manager_id, dt.datetime(2025, 2, 1, 9))
    call = touchpoints.create_touchpoint(
        manager_id, dt.datetime(2025, 2, 28, 23, 59), "call_review"
    )
    touchpoints.add_action_item(manager_id, "a", touchpoint_id=call.id)
    touchpoints.add_action_item(manager_id, "b", touchpoint_id=call.id)
    closed = touchpoints.add_action_item(manager_id, "c", touchpoint_id=call.id)
    touchpoints.set_action_status(closed.id, "dropped")

    february = TimelineFilter(start=dt.date(2025, 2, 1), end=dt.date(2025, 2, 28))
    assert [r.kind for r in touchpoints.timeline_page(manager_id, february)] == [
        TouchpointKind.CALL_REVIEW,
        TouchpointKind.ONE_ON_ONE,
    ]
    assert touchpoints.timeline_page(manager_id, february)[0].open_items == 2
    visits = TimelineFilter(kinds=frozenset({TouchpointKind.FIELD_VISIT}))
    assert [r.id for r in touchpoints.timeline_page(manager_id, visits)] == [visit.id]
    assert touchpoints.timeline_count(manager_id, february) == 2


def test_the_trash_restores_everything_and_empties_for_good(manager_id: int) -> None:
    keep = _one_on_one(manager_id, MONDAY, "keep")
    gone = _one_on_one(manager_id, MONDAY + dt.timedelta(days=1), "gone")
    touchpoints.add_action_item(manager_id, "follow up", touchpoint_id=gone)
    touchpoints.trash_touchpoint(gone)
    assert [row.id for row in touchpoints.timeline_page(manager_id)] == [keep]
    assert [(row.id, row.summary, row.manager_name) for row in touchpoints.trash()] == [
        (gone, "gone", "Priya Raman")
    ]
    touchpoints.restore_touchpoint(gone)
    assert touchpoints.trash() == []
    assert [item.text for item in touchpoints.action_items_of(gone)] == ["follow up"]

    touchpoints.trash_touchpoint(gone)
    assert touchpoints.delete_forever([keep]) == 0
    assert touchpoints.empty_trash() == 1
    assert touchpoints.trash() == []
    assert ActionItem.select().count() == 0
    assert [row.id for row in touchpoints.timeline_page(manager_id)] == [keep]


def test_moving_a_touchpoint_to_another_manager_moves_its_items(manager_id: int) -> None:
    other = roster.create_manager("Other").id
    touchpoint = _one_on_one(manager_id, MONDAY)
    touchpoints.add_action_item(manager_id, "x", touchpoint_id=touchpoint)
    touchpoints.update_touchpoint(touchpoint, manager_id=other)
    assert touchpoints.open_action_items(manager_id) == []
    assert [item.text for item in touchpoints.open_action_items(other)] == ["x"]


def test_drafts_survive_closing_the_journal(manager_id: int, journal_path: Path) -> None:
    draft = touchpoints.save_draft(None, manager_id, {"summary": "Half-written", "notes": "Zoë 🚀"})
    assert touchpoints.save_draft(draft, manager_id, {"summary": "Still writing"}) == draft
    db.close_journal()
    db.open_journal(journal_path)
    ((draft_id, owner, fields, _),) = touchpoints.drafts()
    assert (draft_id, owner, fields) == (draft, manager_id, {"summary": "Still writing"})
    touchpoints.discard_draft(draft)
    assert touchpoints.drafts() == []


def test_logging_a_touchpoint_with_items_is_all_or_nothing(manager_id: int) -> None:
    draft = touchpoints.save_draft(None, manager_id, {"summary": "Weekly"})
    items = [
        touchpoints.NewActionItem("Send the deck", Owner.ME, dt.date(2025, 3, 7)),
        touchpoints.NewActionItem("   "),
        touchpoints.NewActionItem("Call Acme", done=True),
    ]
    record = touchpoints.log_touchpoint(
        manager_id, MONDAY, "one_on_one", items, draft_id=draft, summary="Weekly"
    )
    saved = touchpoints.action_items_of(record.id)
    assert [(i.text, i.status) for i in saved] == [
        ("Send the deck", ActionStatus.OPEN),
        ("Call Acme", ActionStatus.DONE),
    ]
    assert saved[1].closed_on == MONDAY.date()
    assert touchpoints.drafts() == []

    draft = touchpoints.save_draft(None, manager_id, {"summary": "Broken"})
    with pytest.raises(ValidationError):
        touchpoints.log_touchpoint(
            manager_id,
            MONDAY,
            "one_on_one",
            [touchpoints.NewActionItem("x", owner="boss")],  # type: ignore[arg-type]
            draft_id=draft,
        )
    assert touchpoints.timeline_count(manager_id) == 1
    assert [d[0] for d in touchpoints.drafts()] == [draft]
