"""Cadence: team defaults and overrides, what counts as a one-on-one, status, the dashboard."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal.coaching import cadence
from coachjournal.coaching.cadence import CadenceRule, CadenceSource, CadenceStatus
from coachjournal.errors import ValidationError
from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import (
    ActionItem,
    Assignment,
    Cadence,
    Manager,
    Setting,
    database,
)
from tests.core.builders import add_manager, log

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE
FIELD_VISIT = TouchpointKind.FIELD_VISIT
CALL_REVIEW = TouchpointKind.CALL_REVIEW
CAREER = TouchpointKind.CAREER
TEAM_MEETING = TouchpointKind.TEAM_MEETING

TODAY = dt.date(2025, 3, 17)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


# --- Cadences ---------------------------------------------------------------------------------


def test_a_journal_without_team_defaults_uses_the_built_in_ones(journal_path: Path) -> None:
    defaults = cadence.team_defaults()
    assert {kind: (rule.ideal_days, rule.max_days) for kind, rule in defaults.items()} == {
        ONE_ON_ONE: (7, 14),
        FIELD_VISIT: (30, 60),
        CALL_REVIEW: (14, 28),
        CAREER: (90, 180),
        TEAM_MEETING: (7, 14),
    }
    assert {rule.source for rule in defaults.values()} == {CadenceSource.BUILT_IN}


def test_override_then_team_default_then_built_in(journal_path: Path) -> None:
    ada, ben = add_manager("Ada"), add_manager("Ben")
    assert cadence.set_team_default("one_on_one", 10, 20) == CadenceRule(
        ONE_ON_ONE, 10, 20, CadenceSource.TEAM
    )
    cadence.set_override(ada, ONE_ON_ONE, 14, 21)
    cadence.set_override(ada, ONE_ON_ONE, 14, 28)
    assert cadence.cadence_for(ada)[ONE_ON_ONE] == CadenceRule(
        ONE_ON_ONE, 14, 28, CadenceSource.MANAGER
    )
    assert cadence.cadence_for(ben)[ONE_ON_ONE] == CadenceRule(
        ONE_ON_ONE, 10, 20, CadenceSource.TEAM
    )
    assert cadence.cadence_for(ada)[FIELD_VISIT].source is CadenceSource.BUILT_IN
    assert Cadence.select().count() == 2

    assert cadence.clear_override(ada, ONE_ON_ONE) == CadenceRule(
        ONE_ON_ONE, 10, 20, CadenceSource.TEAM
    )
    assert cadence.cadence_for(ada)[ONE_ON_ONE].source is CadenceSource.TEAM
    cadence.clear_team_default(ONE_ON_ONE)
    assert cadence.cadence_for(ada)[ONE_ON_ONE] == CadenceRule(
        ONE_ON_ONE, 7, 14, CadenceSource.BUILT_IN
    )
    assert Cadence.select().count() == 0


def test_informal_rows_in_the_table_are_ignored(journal_path: Path) -> None:
    """The sample generator writes one; informal touchpoints never fall due."""
    Cadence.create(manager=None, kind="informal", ideal_days=14, max_days=60)
    assert TouchpointKind.INFORMAL not in cadence.team_defaults()


@pytest.mark.parametrize(
    ("kind", "ideal", "most", "field", "message"),
    [
        ("one_on_one", 0, 14, "ideal_days", "at least 1 day"),
        ("one_on_one", -7, 14, "ideal_days", "at least 1 day"),
        ("one_on_one", 7, 0, "max_days", "at least 1 day"),
        ("one_on_one", 14, 7, "max_days", "(7 days) cannot be shorter than the ideal gap (14"),
        ("one_on_one", 7, 3651, "max_days", "at most 3650 days"),
        ("one_on_one", 4000, 4000, "ideal_days", "at most 3650 days"),
        ("one_on_one", "7", 14, "ideal_days", "whole number"),
        ("one_on_one", True, 14, "ideal_days", "whole number"),
        ("informal", 7, 14, "kind", "Informal touchpoints have no cadence"),
        ("coffee", 7, 14, "kind", "“coffee” is not a kind of touchpoint"),
    ],
)
def test_invalid_cadences_are_refused_and_nothing_is_written(
    journal_path: Path, kind: str, ideal: object, most: object, field: str, message: str
) -> None:
    ada = add_manager("Ada")
    for save in (
        lambda: cadence.set_team_default(kind, ideal, most),
        lambda: cadence.set_override(ada, kind, ideal, most),
    ):
        with pytest.raises(ValidationError) as raised:
            save()
        assert raised.value.field == field
        assert message in raised.value.message
    assert Cadence.select().count() == 0


def test_the_longest_cadence_allowed_is_saved(journal_path: Path) -> None:
    assert cadence.set_team_default(CAREER, 3650, 3650).max_days == 3650


# --- What counts as a one-on-one --------------------------------------------------------------


def test_counts_as_one_on_one_defaults_to_career_conversations_and_can_change(
    journal_path: Path,
) -> None:
    assert cadence.counts_as_one_on_one() == {CAREER}
    assert cadence.set_counts_as_one_on_one(["team_meeting", ONE_ON_ONE, CAREER]) == {
        TEAM_MEETING,
        CAREER,
    }
    stored = Setting.get_by_id(cadence.COUNTS_AS_ONE_ON_ONE_KEY).value
    assert json.loads(stored) == ["career_conversation", "team_meeting"]
    assert cadence.counts_as_one_on_one() == {TEAM_MEETING, CAREER}
    assert cadence.set_counts_as_one_on_one([]) == frozenset()
    assert cadence.counts_as_one_on_one() == frozenset()
    with pytest.raises(ValidationError, match="“coffee” is not a kind"):
        cadence.set_counts_as_one_on_one(["coffee"])
    assert cadence.counts_as_one_on_one() == frozenset()


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("not json", {CAREER}),
        ('{"kinds": []}', {CAREER}),
        ('["field_visit", "video_call", 3]', {FIELD_VISIT}),
    ],
)
def test_an_unreadable_setting_never_stops_the_dashboard(
    journal_path: Path, stored: str, expected: set[TouchpointKind]
) -> None:
    Setting.create(key=cadence.COUNTS_AS_ONE_ON_ONE_KEY, value=stored)
    assert cadence.counts_as_one_on_one() == expected


# --- Status -----------------------------------------------------------------------------------

WEEKLY = CadenceRule(ONE_ON_ONE, 7, 14, CadenceSource.BUILT_IN)


@pytest.mark.parametrize(
    ("days_since", "status", "past_due"),
    [
        (0, CadenceStatus.ON_TRACK, -7),
        (7, CadenceStatus.ON_TRACK, 0),
        (8, CadenceStatus.DUE, 1),
        (14, CadenceStatus.DUE, 7),
        (15, CadenceStatus.OVERDUE, 8),
    ],
)
def test_status_turns_due_after_the_ideal_and_overdue_after_the_maximum(
    days_since: int, status: CadenceStatus, past_due: int
) -> None:
    result = cadence.kind_status(WEEKLY, days_ago(days_since), dt.date(2020, 1, 1), TODAY)
    assert result.status is status
    assert result.days_since == days_since
    assert result.days_past_due == past_due
    assert result.next_due == days_ago(days_since) + dt.timedelta(days=7)
    assert not result.never_held


@pytest.mark.parametrize(
    ("tracked_for", "status", "text"),
    [
        (0, CadenceStatus.ON_TRACK, "First one-on-one due in 7 days"),
        (7, CadenceStatus.ON_TRACK, "First one-on-one due today"),
        (8, CadenceStatus.DUE, "No one-on-one yet"),
        (14, CadenceStatus.DUE, "No one-on-one yet"),
        (15, CadenceStatus.OVERDUE, "No one-on-one in 15 days (at most every 14)"),
    ],
)
def test_a_kind_never_held_is_first_due_one_interval_after_the_start(
    tracked_for: int, status: CadenceStatus, text: str
) -> None:
    result = cadence.kind_status(WEEKLY, None, days_ago(tracked_for), TODAY)
    assert result.never_held
    assert (result.status, result.days_since, result.next_due) == (
        status,
        None,
        days_ago(tracked_for) + dt.timedelta(days=7),
    )
    assert result.describe() == text
    assert result.days_counted == tracked_for


def test_a_manager_added_today_is_due_for_nothing(journal_path: Path) -> None:
    add_manager("Ned", added=TODAY)
    (row,) = cadence.dashboard(TODAY)
    assert row.status is CadenceStatus.ON_TRACK
    assert row.needs == ()
    assert row.urgency == 0
    assert {status.status for status in row.kinds} == {CadenceStatus.ON_TRACK}
    assert row.status_text == "On track · First one-on-one due in 7 days"
    assert row.kind(FIELD_VISIT).next_due == TODAY + dt.timedelta(days=30)  # type: ignore[union-attr]


def test_the_first_due_date_counts_from_manager_since_when_it_is_later(
    journal_path: Path,
) -> None:
    """Added to the journal a year ago as a rep about to be promoted; a manager since ten days
    ago: the weekly activities are due, the monthly ones not yet."""
    ida = add_manager("Ida", added=days_ago(365))
    Manager.update(manager_since=days_ago(10)).where(Manager.id == ida).execute()
    statuses = {status.kind: status for status in cadence.statuses_for(ida, TODAY)}
    assert statuses[ONE_ON_ONE].status is CadenceStatus.DUE
    assert statuses[ONE_ON_ONE].next_due == days_ago(3)
    assert statuses[FIELD_VISIT].status is CadenceStatus.ON_TRACK
    assert statuses[FIELD_VISIT].next_due == days_ago(10) + dt.timedelta(days=30)
    # a manager since long before they were added: counted from the day they were added
    Manager.update(manager_since=days_ago(3000)).where(Manager.id == ida).execute()
    late = {status.kind: status for status in cadence.statuses_for(ida, TODAY)}
    assert late[FIELD_VISIT].status is CadenceStatus.OVERDUE
    assert late[FIELD_VISIT].describe() == "No field visit in 365 days (at most every 60)"


# --- Who each activity is for -----------------------------------------------------------------


def test_a_manager_with_team_meetings_switched_off_is_never_overdue_for_them(
    journal_path: Path,
) -> None:
    """Even after years without one, and with a team meeting long ago."""
    solo = add_manager("Solo", added=days_ago(3 * 365))
    log(solo, TEAM_MEETING, days_ago(2 * 365))
    for kind in (ONE_ON_ONE, FIELD_VISIT, CALL_REVIEW, CAREER):
        log(solo, kind, days_ago(1))
    cadence.set_applies(TEAM_MEETING, False, manager_id=solo)
    for years in (0, 1, 5, 10):
        today = TODAY + dt.timedelta(days=365 * years)
        (row,) = (row for row in cadence.dashboard(today) if row.manager_id == solo)
        meeting = row.kind(TEAM_MEETING)
        assert meeting is not None
        assert meeting.status is CadenceStatus.NOT_APPLICABLE
        assert meeting.urgency == 0
        assert TEAM_MEETING not in [status.kind for status in row.needs]
        assert row.attention.kind is not TEAM_MEETING
        assert meeting.reason() == "Team meeting: not for them"
        assert meeting.describe() == "No team meeting expected"
    assert cadence.dashboard(TODAY)[0].status is CadenceStatus.ON_TRACK
    # switched on again: the two-year gap is overdue at once
    cadence.set_applies(TEAM_MEETING, None, manager_id=solo)
    (row,) = cadence.dashboard(TODAY)
    assert row.status is CadenceStatus.OVERDUE
    assert [status.kind for status in row.needs] == [TEAM_MEETING]


def test_the_most_specific_mark_wins(journal_path: Path) -> None:
    """Everyone's default, then the team's (by name, whatever its case and spacing), then the
    manager's own; removing a mark falls back to the next one."""
    ivy, ian, fox = add_manager("Ivy"), add_manager("Ian"), add_manager("Fox")
    for manager_id, team in ((ivy, "Inside Sales"), (ian, "inside  sales"), (fox, "Field")):
        Manager.update(team=team).where(Manager.id == manager_id).execute()
    cadence.set_applies(FIELD_VISIT, False, team="Inside Sales")
    cadence.set_applies(FIELD_VISIT, True, manager_id=ian)
    cadence.set_applies(CAREER, False)
    cadence.set_applies(CAREER, True, team=" INSIDE sales ")

    def marks(manager_id: int, team: str) -> dict[TouchpointKind, tuple[bool, str]]:
        found = cadence.applicability(manager_id, team)
        return {kind: (each.applies, each.source.value) for kind, each in found.items()}

    assert marks(ivy, "Inside Sales")[FIELD_VISIT] == (False, "team")
    assert marks(ian, "inside  sales")[FIELD_VISIT] == (True, "manager")
    assert marks(fox, "Field")[FIELD_VISIT] == (True, "built_in")
    assert marks(fox, "Field")[CAREER] == (False, "everyone")
    assert marks(ivy, "Inside Sales")[CAREER] == (True, "team")
    # one mark per team and kind, kept under the name first written
    assert cadence.team_marks() == {"Inside Sales": {FIELD_VISIT: False, CAREER: True}}
    rows = {row.name: row for row in cadence.dashboard(TODAY)}
    assert rows["Ivy"].kind(FIELD_VISIT).status is CadenceStatus.NOT_APPLICABLE  # type: ignore[union-attr]
    assert rows["Ian"].kind(FIELD_VISIT).status is not CadenceStatus.NOT_APPLICABLE  # type: ignore[union-attr]
    assert rows["Fox"].kind(CAREER).status is CadenceStatus.NOT_APPLICABLE  # type: ignore[union-attr]
    cadence.set_applies(FIELD_VISIT, None, team="inside sales")
    assert marks(ivy, "Inside Sales")[FIELD_VISIT] == (True, "built_in")
    cadence.set_applies(CAREER, None)
    assert marks(fox, "Field")[CAREER] == (True, "built_in")


def test_applicability_is_checked(journal_path: Path) -> None:
    with pytest.raises(ValidationError, match="no cadence"):
        cadence.set_applies(TouchpointKind.INFORMAL, False)
    with pytest.raises(ValidationError, match="Name the team"):
        cadence.set_applies(FIELD_VISIT, False, team="   ")
    with pytest.raises(ValidationError, match="line breaks"):
        cadence.set_applies(FIELD_VISIT, False, team="Inside\x00Sales")


def test_kinds_counting_as_a_one_on_one_reset_its_clock(journal_path: Path) -> None:
    ada = add_manager("Ada")
    log(ada, ONE_ON_ONE, days_ago(30))
    log(ada, CAREER, days_ago(2))
    statuses = {status.kind: status for status in cadence.statuses_for(ada, TODAY)}
    assert (statuses[ONE_ON_ONE].days_since, statuses[ONE_ON_ONE].status) == (
        2,
        CadenceStatus.ON_TRACK,
    )
    assert statuses[CAREER].days_since == 2

    cadence.set_counts_as_one_on_one([])
    statuses = {status.kind: status for status in cadence.statuses_for(ada, TODAY)}
    assert (statuses[ONE_ON_ONE].days_since, statuses[ONE_ON_ONE].status) == (
        30,
        CadenceStatus.OVERDUE,
    )


def test_a_history_typed_in_later_counts_from_its_first_touchpoint(journal_path: Path) -> None:
    ada = add_manager("Ada", added=days_ago(2))
    log(ada, FIELD_VISIT, days_ago(106))
    one_on_one = cadence.statuses_for(ada, TODAY)[0]
    assert one_on_one.kind is ONE_ON_ONE and one_on_one.never_held
    assert one_on_one.status is CadenceStatus.OVERDUE
    assert one_on_one.describe() == "No one-on-one in 106 days (at most every 14)"


def test_statuses_for_an_unknown_manager(journal_path: Path) -> None:
    with pytest.raises(LookupError):
        cadence.statuses_for(404, TODAY)


# --- The dashboard ----------------------------------------------------------------------------


def _on_track_elsewhere(manager_id: int) -> None:
    """Recent call review, team meeting and career conversation: only 1:1s and visits vary."""
    log(manager_id, CALL_REVIEW, days_ago(3))
    log(manager_id, TEAM_MEETING, days_ago(3))
    log(manager_id, CAREER, days_ago(66))


@pytest.fixture
def team(journal_path: Path) -> dict[str, int]:
    """Seven managers whose days since their last 1:1 and field visit are known (today is
    Monday 17 March 2025)."""
    ids = {}
    for name, one_on_one, visit in (
        ("Ada", 3, 16),
        ("Ben", 10, 16),
        ("Cleo", 21, 16),
        ("Dan", 7, 66),
        ("Gus", 14, 16),
        ("Eve", 1, 1),
    ):
        ids[name] = add_manager(name, archived=name == "Eve")
        log(ids[name], ONE_ON_ONE, days_ago(one_on_one))
        log(ids[name], FIELD_VISIT, days_ago(visit))
        _on_track_elsewhere(ids[name])
    log(ids["Gus"], ONE_ON_ONE, days_ago(3), trashed=True)
    log(ids["Ben"], ONE_ON_ONE, TODAY + dt.timedelta(days=1))
    ids["Fay"] = add_manager("Fay", added=days_ago(10))
    return ids


def test_the_dashboard_orders_managers_by_need_with_correct_day_counts(
    team: dict[str, int],
) -> None:
    rows = cadence.dashboard(TODAY)
    assert [
        (
            row.name,
            row.status,
            row.attention.kind,
            row.attention.days_past_due,
            row.days_since_one_on_one,
            row.days_since_field_visit,
        )
        for row in rows
    ] == [
        ("Cleo", CadenceStatus.OVERDUE, ONE_ON_ONE, 14, 21, 16),
        ("Dan", CadenceStatus.OVERDUE, FIELD_VISIT, 36, 7, 66),
        ("Gus", CadenceStatus.DUE, ONE_ON_ONE, 7, 14, 16),
        ("Fay", CadenceStatus.DUE, ONE_ON_ONE, 3, None, None),
        ("Ben", CadenceStatus.DUE, ONE_ON_ONE, 3, 10, 16),
        ("Ada", CadenceStatus.ON_TRACK, ONE_ON_ONE, -4, 3, 16),
    ]
    # weight × days since ÷ maximum gap, summed over what is due or overdue
    assert [round(row.urgency, 2) for row in rows] == [
        round(3 * 21 / 14, 2),
        round(3 * 66 / 60, 2),
        round(3 * 14 / 14, 2),
        round(3 * 10 / 14 + 10 / 14, 2),
        round(3 * 10 / 14, 2),
        0,
    ]
    by_name = {row.name: row for row in rows}
    assert by_name["Dan"].status_text == "Overdue · Field visit 66 days ago (at most every 60 days)"
    assert by_name["Cleo"].status_text == "Overdue · One-on-one 21 days ago (at most every 14 days)"
    assert by_name["Ben"].status_text == "Due · One-on-one 10 days ago (ideally every 7 days)"
    # added ten days ago: the weekly activities are due, the others not yet
    assert by_name["Fay"].reasons == "Due: No one-on-one yet, No team meeting yet"
    assert by_name["Ada"].status_text == "On track · Next one-on-one due in 4 days"
    assert by_name["Ada"].next_due == dt.date(2025, 3, 21)
    assert by_name["Dan"].next_due == dt.date(2025, 2, 9)
    assert by_name["Dan"].colour != by_name["Ben"].colour != by_name["Ada"].colour
    assert [kind.kind for kind in by_name["Ada"].kinds] == list(cadence.CADENCE_KINDS)


def test_the_manager_most_past_their_one_on_one_ranks_above_a_late_career_conversation(
    journal_path: Path,
) -> None:
    """Eighty days without a one-on-one and ninety-four without a field visit come before a
    career conversation overdue for months, whose due date is far earlier."""
    neglected = add_manager("Nell", added=days_ago(400))
    log(neglected, ONE_ON_ONE, days_ago(80))
    log(neglected, FIELD_VISIT, days_ago(94))
    log(neglected, CALL_REVIEW, days_ago(3))
    log(neglected, TEAM_MEETING, days_ago(3))
    log(neglected, CAREER, days_ago(85))  # counts as a one-on-one: older than the last
    career_only = add_manager("Abe", added=days_ago(400))
    for kind in (ONE_ON_ONE, FIELD_VISIT, CALL_REVIEW, TEAM_MEETING):
        log(career_only, kind, days_ago(2))
    log(career_only, CAREER, days_ago(300))
    just_late = add_manager("Bea", added=days_ago(400))
    _on_track_elsewhere(just_late)
    log(just_late, FIELD_VISIT, days_ago(5))
    log(just_late, ONE_ON_ONE, days_ago(15))
    rows = cadence.dashboard(TODAY)
    assert [row.name for row in rows] == ["Nell", "Bea", "Abe"]
    # the old order (furthest past the due date first) put the career conversation first
    assert rows[2].attention.days_past_due > rows[0].attention.days_past_due
    nell = rows[0]
    assert [status.kind for status in nell.needs] == [ONE_ON_ONE, FIELD_VISIT]
    assert nell.reasons == "Overdue: One-on-one 80 days ago, Field visit 94 days ago"
    assert nell.attention.kind is ONE_ON_ONE
    assert nell.next_due == days_ago(80 - 7)


def test_every_due_and_overdue_activity_is_named_worst_status_first(journal_path: Path) -> None:
    ada = add_manager("Ada", added=days_ago(400))
    log(ada, ONE_ON_ONE, days_ago(10))
    log(ada, FIELD_VISIT, days_ago(70))
    log(ada, CALL_REVIEW, days_ago(20))
    log(ada, TEAM_MEETING, days_ago(2))
    log(ada, CAREER, days_ago(10))
    (row,) = cadence.dashboard(TODAY)
    assert row.status is CadenceStatus.OVERDUE
    assert row.reasons == (
        "Overdue: Field visit 70 days ago · Due: One-on-one 10 days ago, Call review 20 days ago"
    )
    assert row.status_text == (
        "Overdue · Field visit 70 days ago (at most every 60 days) · "
        "Due · One-on-one 10 days ago (ideally every 7 days); "
        "Call review 20 days ago (ideally every 14 days)"
    )
    assert row.attention.kind is FIELD_VISIT


def test_the_dashboard_counts_open_action_items_and_assignments(team: dict[str, int]) -> None:
    ada = team["Ada"]
    kept = log(ada, ONE_ON_ONE, days_ago(20))
    trashed = log(ada, ONE_ON_ONE, days_ago(27), trashed=True)
    ActionItem.create(manager=ada, touchpoint=kept, text="Send the deck")
    ActionItem.create(manager=ada, touchpoint=None, text="Book the offsite")
    ActionItem.create(manager=ada, touchpoint=kept, text="Done already", status="done")
    ActionItem.create(manager=ada, touchpoint=trashed, text="In the trash")
    ActionItem.create(manager=team["Ben"], touchpoint=None, text="Ben's")
    for status, due in (
        ("active", dt.date(2025, 3, 1)),
        ("active", dt.date(2025, 4, 1)),
        ("active", None),
        ("planned", dt.date(2025, 3, 10)),
        ("planned", TODAY),
        ("done", dt.date(2025, 1, 1)),
        ("dropped", dt.date(2025, 1, 1)),
    ):
        Assignment.create(manager=ada, title="Stretch", status=status, due_on=due)
    row = next(row for row in cadence.dashboard(TODAY) if row.manager_id == ada)
    assert (row.open_action_items, row.active_assignments, row.overdue_assignments) == (2, 3, 2)
    cleo = next(row for row in cadence.dashboard(TODAY) if row.name == "Cleo")
    assert (cleo.open_action_items, cleo.active_assignments, cleo.overdue_assignments) == (0, 0, 0)


def test_an_override_changes_who_is_due(team: dict[str, int]) -> None:
    cadence.set_override(team["Cleo"], ONE_ON_ONE, 14, 28)
    cleo = next(row for row in cadence.dashboard(TODAY) if row.name == "Cleo")
    assert (cleo.status, cleo.attention.days_past_due) == (CadenceStatus.DUE, 7)


@pytest.fixture
def statements(journal_path: Path) -> Iterator[list[str]]:
    """Every SQL statement the journal's connection runs, with its parameters filled in."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    yield seen
    connection.set_trace_callback(None)


def _queries(journal_managers: int, statements: list[str]) -> list[str]:
    for number in range(journal_managers):
        manager_id = add_manager(f"Manager {number:03}")
        for week in range(4):
            log(manager_id, ONE_ON_ONE, days_ago(7 * week))
    statements.clear()
    cadence.dashboard(TODAY)
    return [sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]


def test_the_dashboard_asks_the_same_few_queries_whatever_the_team_size(
    journal_path: Path, statements: list[str]
) -> None:
    small = _queries(2, statements)
    large = _queries(40, statements)
    assert len(small) == len(large) <= 7


def test_the_dashboard_never_scans_the_touchpoints(
    journal_path: Path, statements: list[str]
) -> None:
    """The latest touchpoint per manager and kind is a seek per manager and kind down the live
    touchpoints they led and one pass over the recent part of the live touchpoints' index
    joined to their shared attendances by index, and no query reads the whole touchpoint
    table."""
    queries = _queries(3, statements)
    plans = {
        sql: " | ".join(row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in queries
    }
    touching = {sql: plan for sql, plan in plans.items() if "touchpoint" in sql}
    assert len(touching) >= 3
    for plan in touching.values():
        assert "SCAN t " not in f"{plan} " and "SCAN touchpoint" not in plan, plan
    latest = [plan for sql, plan in touching.items() if "max(t.occurred_at)" in sql]
    led = "INDEX touchpoint_live_by_manager (manager_id=? AND kind=? AND occurred_at<?)"
    assert any(led in plan for plan in latest), latest
    recent = next(plan for plan in latest if "touchpoint_live (" in plan)
    assert "SEARCH t USING INDEX touchpoint_live (occurred_at>? AND occurred_at<?)" in recent
    assert "INDEX touchpoint_attendee_shared_by_touchpoint (touchpoint_id=?)" in recent


def test_a_meeting_shared_long_ago_counts_when_none_came_since(journal_path: Path) -> None:
    """The team's recent shared meetings are read for everyone at once: a manager whose latest
    of a kind is an older shared one, led by someone else and with none of theirs since, is
    still found; one who led a later one is not held to the older shared one."""
    team = TouchpointKind.TEAM_MEETING
    career = TouchpointKind.CAREER
    lead, guest, other = add_manager("Lead"), add_manager("Guest"), add_manager("Other")
    log(guest, team, days_ago(900))
    log(lead, team, days_ago(700), with_managers=(guest,))
    log(lead, team, days_ago(500), with_managers=(guest, other))
    log(other, team, days_ago(3))
    log(lead, career, days_ago(450), with_managers=(other,))
    log(other, career, days_ago(100))
    rows = {row.name: row for row in cadence.dashboard(TODAY)}
    assert [rows[name].kind(team).last for name in ("Lead", "Guest", "Other")] == [
        days_ago(500),
        days_ago(500),
        days_ago(3),
    ]
    assert rows["Other"].kind(career).last == days_ago(100)
    assert rows["Lead"].kind(career).last == days_ago(450)
    assert rows["Guest"].kind(career).last is None
    for row in rows.values():
        assert cadence.statuses_for(row.manager_id, TODAY) == row.kinds
