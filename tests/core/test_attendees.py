"""Touchpoints with several managers: who was there, notes about each, action items per
person, each attendee's timeline, the trash and undo, and merging a meeting logged N times."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import prep, roster, search, stats, touchpoints
from coachjournal.coaching.touchpoints import NewActionItem
from coachjournal.errors import ValidationError
from coachjournal.kinds import Owner, TouchpointKind
from coachjournal.storage.models import ActionItem, Touchpoint, TouchpointAttendee, database
from coachjournal.storage.undo import UndoLog
from tests.core.builders import table_rows

MONDAY = dt.datetime(2025, 3, 3, 9, 30)


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The base tables' rows (an FTS index's pages differ in bytes after an undo)."""
    return {table: content for table, content in table_rows(path).items() if "_fts" not in table}


@pytest.fixture
def team(journal_path: Path) -> list[int]:
    return [roster.create_manager(name).id for name in ("Ana", "Ben", "Cleo", "Dev", "Eli")]


def test_a_huddle_shows_in_every_attendees_timeline_with_the_others(team: list[int]) -> None:
    ana, ben, cleo, dev, eli = team
    record = touchpoints.create_touchpoint(
        ana,
        MONDAY,
        TouchpointKind.TEAM_MEETING,
        with_managers=[ben, cleo, dev, eli, ben],
        observed={cleo: "Ran the pipeline review well", ana: "Quiet today"},
        summary="Monday huddle",
        duration_minutes=45,
    )
    assert record.attendee_ids == (ana, ben, cleo, dev, eli)
    assert {a.manager_id: a.note for a in record.attendees}[cleo] == "Ran the pipeline review well"
    for manager_id in team:
        (row,) = touchpoints.timeline_page(manager_id)
        assert row.id == record.id
        assert manager_id not in [a.manager_id for a in record.attendees if a.name in row.others]
        assert len(row.others) == 4
        assert touchpoints.timeline_count(manager_id) == 1
    (row,) = touchpoints.timeline_page(cleo)
    assert touchpoints.with_line(row.others) == "with Ana, Ben +2"


def test_with_line() -> None:
    assert touchpoints.with_line([]) == ""
    assert touchpoints.with_line(["Ana"]) == "with Ana"
    assert touchpoints.with_line(["Ana", "Ben"]) == "with Ana, Ben"
    assert touchpoints.with_line(["Ana", "Ben", "Cleo"]) == "with Ana, Ben +1"


def test_unknown_attendees_and_notes_about_someone_absent_are_refused(team: list[int]) -> None:
    ana, ben, *_ = team
    with pytest.raises(ValidationError, match="in the journal"):
        touchpoints.create_touchpoint(ana, MONDAY, "team_meeting", with_managers=[999])
    with pytest.raises(ValidationError, match="who was there"):
        touchpoints.create_touchpoint(ana, MONDAY, "team_meeting", observed={ben: "x"})
    assert Touchpoint.select().count() == 0


def test_action_items_belong_to_one_attendee(team: list[int]) -> None:
    ana, ben, cleo, *_ = team
    record = touchpoints.log_touchpoint(
        ana,
        MONDAY,
        TouchpointKind.FIELD_VISIT,
        [NewActionItem("Send the proposal", manager_id=ben), NewActionItem("Book the next visit")],
        with_managers=[ben],
    )
    assert [(i.text, i.manager_id) for i in touchpoints.action_items_of(record.id)] == [
        ("Send the proposal", ben),
        ("Book the next visit", ana),
    ]
    assert [i.text for i in touchpoints.open_action_items(ben)] == ["Send the proposal"]
    with pytest.raises(ValidationError, match="who were there"):
        touchpoints.log_touchpoint(
            ana, MONDAY, "field_visit", [NewActionItem("x", Owner.ME, manager_id=cleo)]
        )
    assert Touchpoint.select().count() == 1


def test_editing_the_attendees_keeps_notes_and_gives_orphan_items_to_the_first(
    team: list[int],
) -> None:
    ana, ben, cleo, *_ = team
    record = touchpoints.log_touchpoint(
        ana,
        MONDAY,
        "team_meeting",
        [NewActionItem("Ben's follow-up", manager_id=ben)],
        with_managers=[ben, cleo],
        observed={cleo: "Strong"},
    )
    updated = touchpoints.update_touchpoint(record.id, with_managers=[cleo], summary="Huddle")
    assert updated.attendee_ids == (ana, cleo)
    assert updated.attendees[1].note == "Strong"
    assert touchpoints.timeline_count(ben) == 0
    assert [i.manager_id for i in touchpoints.action_items_of(record.id)] == [ana]
    moved = touchpoints.update_touchpoint(record.id, manager_id=cleo)
    assert moved.attendee_ids == (cleo,)


def test_trash_of_a_shared_touchpoint_and_its_undo_bring_back_every_attendee(
    journal_path: Path, team: list[int]
) -> None:
    record = touchpoints.create_touchpoint(
        team[0], MONDAY, "team_meeting", with_managers=team[1:], observed={team[2]: "Led it"}
    )
    log = UndoLog()
    before = rows(journal_path)
    with log.step("Delete Touchpoint"):
        touchpoints.trash_touchpoint(record.id)
    assert all(touchpoints.timeline_count(m) == 0 for m in team)
    log.undo()
    assert rows(journal_path) == before
    assert all(touchpoints.timeline_count(m) == 1 for m in team)
    with log.step("Delete Forever"):
        touchpoints.trash_touchpoint(record.id)
        touchpoints.empty_trash()
    assert TouchpointAttendee.select().count() == 0
    log.undo()
    assert rows(journal_path) == before
    assert touchpoints.get_touchpoint(record.id).attendees[2].note == "Led it"


def _logged_per_manager(team: list[int]) -> list[int]:
    ids = []
    for n, manager_id in enumerate(team[:3]):
        ids.append(
            touchpoints.log_touchpoint(
                manager_id,
                MONDAY,
                "team_meeting",
                [NewActionItem(f"Item {n}")],
                summary="Monday huddle",
                notes="Agenda: pipeline" if n < 2 else "Cleo presented the forecast",
                duration_minutes=30,
            ).id
        )
    return ids


def test_a_meeting_logged_once_per_manager_is_found_and_merged_on_request(
    journal_path: Path, team: list[int]
) -> None:
    ana, ben, cleo, dev, _ = team
    ids = _logged_per_manager(team)
    touchpoints.create_touchpoint(dev, MONDAY, "team_meeting", summary="Other")
    touchpoints.create_touchpoint(dev, MONDAY, "one_on_one", summary="Monday huddle")
    (group,) = touchpoints.meetings_logged_twice()
    assert group.ids == tuple(ids)
    assert group.names == ("Ana", "Ben", "Cleo")
    assert Touchpoint.select().count() == 5  # finding merges nothing

    merged = touchpoints.merge_touchpoints(group.ids)
    assert merged.id == ids[0]
    assert merged.attendee_ids == (ana, ben, cleo)
    assert merged.notes == "Agenda: pipeline"
    assert [a.note for a in merged.attendees] == ["", "", "Cleo presented the forecast"]
    items = touchpoints.action_items_of(merged.id)
    assert [(i.text, i.manager_id) for i in items] == [
        ("Item 0", ana),
        ("Item 1", ben),
        ("Item 2", cleo),
    ]
    assert Touchpoint.select().count() == 3
    assert touchpoints.meetings_logged_twice() == []
    for manager_id in (ana, ben, cleo):
        assert touchpoints.timeline_count(manager_id) == 1


def test_a_merge_is_one_undoable_step(journal_path: Path, team: list[int]) -> None:
    ids = _logged_per_manager(team)
    log = UndoLog()
    before = rows(journal_path)
    with log.step("Merge"):
        touchpoints.merge_touchpoints(ids)
    log.undo()
    assert rows(journal_path) == before
    assert ActionItem.select().count() == 3


def test_entries_that_differ_are_not_merged(team: list[int]) -> None:
    ana, ben, *_ = team
    first = touchpoints.create_touchpoint(ana, MONDAY, "team_meeting", summary="Huddle")
    second = touchpoints.create_touchpoint(ben, MONDAY, "team_meeting", summary="Other")
    with pytest.raises(ValidationError, match="same kind"):
        touchpoints.merge_touchpoints([first.id, second.id])
    assert database.execute_sql("SELECT count(*) FROM touchpoint").fetchone() == (2,)


def test_the_whole_team_is_every_active_manager_the_first_one_first(journal_path: Path) -> None:
    zed, ada, bo = (
        roster.create_manager(name, team=t).id
        for name, t in (("Zed", "N"), ("Ada", "S"), ("Bo", ""))
    )
    gone = roster.create_manager("Ed").id
    roster.set_archived(gone, True)
    assert touchpoints.whole_team(zed) == [zed, ada, bo]
    assert touchpoints.whole_team(bo) == [bo, ada, zed]


def test_prep_search_and_stats_see_a_shared_meeting_for_every_attendee(team: list[int]) -> None:
    ana, ben, cleo, *_ = team
    today = dt.date(2025, 3, 10)
    touchpoints.create_touchpoint(ben, MONDAY - dt.timedelta(days=7), "one_on_one")
    huddle = touchpoints.create_touchpoint(
        ana,
        MONDAY,
        "team_meeting",
        with_managers=[ben, cleo],
        summary="Quarterly zeppelin review",
        duration_minutes=60,
    )
    sheet = prep.build(ben, today)
    assert huddle.id in [entry.id for entry in sheet.since]
    for manager_id in (ana, ben, cleo):
        hits = search.search(f"zeppelin manager:{roster.get_manager(manager_id).name}")
        assert [(hit.id, hit.manager_id) for hit in hits] == [(huddle.id, manager_id)]
    assert not search.search(f"zeppelin manager:{roster.get_manager(team[3]).name}")
    week = stats.frequency("week", MONDAY.date(), MONDAY.date(), today=today)
    assert week.counts[TouchpointKind.TEAM_MEETING] == (3,)
    time = stats.frequency("week", MONDAY.date(), MONDAY.date(), today=today, measure="time")
    assert time.counts[TouchpointKind.TEAM_MEETING] == (1.0,)
    alone = stats.frequency("week", MONDAY.date(), MONDAY.date(), ben, today=today, measure="time")
    assert alone.counts[TouchpointKind.TEAM_MEETING] == (pytest.approx(1 / 3),)
    share = stats.time_per_manager(MONDAY.date(), MONDAY.date())
    assert share.total_minutes == pytest.approx(60)
    assert {row.manager_id: row.minutes for row in share.rows}[cleo] == pytest.approx(20)
    card = stats.scorecard(MONDAY.date(), today=today)
    held = {row.manager_id: row.activities[TouchpointKind.TEAM_MEETING].held for row in card.rows}
    assert (held[ana], held[ben], held[cleo]) == (1, 1, 1)
    assert card.total_minutes == pytest.approx(60)
