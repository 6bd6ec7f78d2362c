"""The numbers behind the charts, checked against hand counts on journals built here."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal.coaching import cadence, stats
from coachjournal.coaching.stats import Period, PlannedHeld
from coachjournal.errors import ValidationError
from coachjournal.kinds import TouchpointKind
from tests.core.builders import add_manager, log

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE
FIELD_VISIT = TouchpointKind.FIELD_VISIT
CALL_REVIEW = TouchpointKind.CALL_REVIEW
CAREER = TouchpointKind.CAREER
TEAM_MEETING = TouchpointKind.TEAM_MEETING
INFORMAL = TouchpointKind.INFORMAL


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- Frequency --------------------------------------------------------------------------------


@pytest.fixture
def new_year(journal_path: Path) -> int:
    """Touchpoints either side of the turn of 2024 into 2025 (30 Dec 2024 is a Monday)."""
    ada = add_manager("Ada")
    log(ada, ONE_ON_ONE, at("2024-12-29 10:00"))
    log(ada, ONE_ON_ONE, at("2024-12-30 08:00"))
    log(ada, FIELD_VISIT, at("2025-01-01 09:00"))
    log(ada, ONE_ON_ONE, at("2025-01-02 09:00"), trashed=True)
    log(ada, ONE_ON_ONE, at("2025-01-05 23:59"))
    log(ada, CALL_REVIEW, at("2025-01-06 00:00"))
    return ada


def test_weeks_across_a_year_boundary_are_named_by_their_first_day(new_year: int) -> None:
    series = stats.frequency("week", day("2024-12-25"), day("2025-01-08"))
    assert series.periods == (day("2024-12-23"), day("2024-12-30"), day("2025-01-06"))
    assert series.labels == ("23 Dec 2024", "30 Dec 2024", "6 Jan 2025")
    assert day("2024-12-30").isocalendar()[:2] == (2025, 1)
    assert series.counts[ONE_ON_ONE] == (1, 2, 0)
    assert series.counts[FIELD_VISIT] == (0, 1, 0)
    assert series.counts[CALL_REVIEW] == (0, 0, 1)
    assert series.counts[CAREER] == series.counts[INFORMAL] == (0, 0, 0)
    assert series.totals == (1, 3, 1)
    assert series.end == day("2025-01-12")
    assert series.subject == "Whole team"


def test_weeks_can_start_on_sunday(new_year: int) -> None:
    series = stats.frequency("week", day("2024-12-25"), day("2025-01-08"), week_start=6)
    assert series.periods == (day("2024-12-22"), day("2024-12-29"), day("2025-01-05"))
    assert series.counts[ONE_ON_ONE] == (0, 2, 1)
    assert series.totals == (0, 3, 2)


@pytest.fixture
def quarter(journal_path: Path) -> dict[str, int]:
    ada, eve = add_manager("Ada"), add_manager("Eve", archived=True)
    log(ada, ONE_ON_ONE, at("2025-01-15 10:00"))
    log(ada, TEAM_MEETING, at("2025-03-31 23:30"))
    log(ada, ONE_ON_ONE, at("2025-04-30 10:00"))
    log(eve, ONE_ON_ONE, at("2025-03-10 10:00"))
    return {"Ada": ada, "Eve": eve}


def test_months_without_touchpoints_are_zeros(quarter: dict[str, int]) -> None:
    series = stats.frequency(Period.MONTH, day("2025-01-10"), day("2025-04-05"))
    assert series.labels == ("Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025")
    assert series.totals == (1, 0, 1, 1)
    assert series.counts[TEAM_MEETING] == (0, 0, 1, 0)


def test_archived_managers_are_left_out_unless_asked_for(quarter: dict[str, int]) -> None:
    first, last = day("2025-01-01"), day("2025-03-31")
    assert stats.frequency("month", first, last).totals == (1, 0, 1)
    assert stats.frequency("month", first, last, include_archived=True).totals == (1, 0, 2)
    eve = stats.frequency("month", first, last, quarter["Eve"])
    assert (eve.totals, eve.subject, eve.manager_id) == ((0, 0, 1), "Eve", quarter["Eve"])


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process runs in a zone with daylight saving, so any conversion through UTC would
    move the touchpoints near midnight into another day."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_daylight_saving_changes_keep_touchpoints_in_their_local_day_and_week(
    journal_path: Path, berlin: None
) -> None:
    ada = add_manager("Ada")
    # Clocks went forward at 02:00 on Sunday 30 March 2025 and back at 03:00 on Sunday 26
    # October 2025 (02:30 happened twice that night).
    for moment in (
        "2025-03-30 01:30",
        "2025-03-30 03:30",
        "2025-03-30 23:30",
        "2025-03-31 00:30",
        "2025-10-26 02:30",
        "2025-10-26 02:30",
        "2025-10-26 23:45",
        "2025-10-27 00:15",
    ):
        log(ada, ONE_ON_ONE, at(moment), mood=3)
    spring = stats.frequency("week", day("2025-03-24"), day("2025-04-06"))
    assert spring.totals == (3, 1)
    autumn = stats.frequency("week", day("2025-10-20"), day("2025-11-02"))
    assert autumn.totals == (3, 1)
    months = stats.frequency("month", day("2025-03-01"), day("2025-04-30"))
    assert months.totals == (4, 0)
    monthly_mood = stats.mood(ada, day("2025-03-01"), day("2025-04-30")).months
    assert [(m.month, m.count) for m in monthly_mood] == [
        (day("2025-03-01"), 4),
        (day("2025-04-01"), 0),
    ]


def test_frequency_refuses_a_period_that_ends_before_it_starts(journal_path: Path) -> None:
    with pytest.raises(ValidationError, match="ends"):
        stats.frequency("week", day("2025-02-01"), day("2025-01-01"))
    with pytest.raises(ValueError):
        stats.frequency("fortnight", day("2025-01-01"), day("2025-02-01"))
    with pytest.raises(ValueError):
        stats.frequency("week", day("2025-01-01"), day("2025-02-01"), week_start=7)
    with pytest.raises(LookupError):
        stats.frequency("week", day("2025-01-01"), day("2025-02-01"), manager_id=404)


# --- Adherence --------------------------------------------------------------------------------


@pytest.fixture
def adherence_team(journal_path: Path) -> None:
    """Today is 10 April 2025. Ada (weekly) since January, Ben (every 14 days) since 20 Feb,
    Ed (weekly) since 29 March; Cleo left, Dora joins in June."""
    ada = add_manager("Ada", added=day("2025-01-01"))
    for when in ("2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27", "2025-02-03"):
        log(ada, ONE_ON_ONE, day(when))
    log(ada, ONE_ON_ONE, day("2025-02-10"), trashed=True)
    log(ada, ONE_ON_ONE, day("2025-02-17"))
    log(ada, CAREER, day("2025-02-24"))
    log(ada, FIELD_VISIT, day("2025-03-05"))
    log(ada, ONE_ON_ONE, day("2025-04-07"))
    log(ada, ONE_ON_ONE, day("2025-04-14"))
    ben = add_manager("Ben", added=day("2025-02-20"))
    cadence.set_override(ben, ONE_ON_ONE, 14, 21)
    for when in ("2025-03-03", "2025-03-10", "2025-03-24"):
        log(ben, ONE_ON_ONE, day(when))
    add_manager("Ed", added=day("2025-03-29"))
    cleo = add_manager("Cleo", added=day("2024-06-01"), archived=True)
    log(cleo, ONE_ON_ONE, day("2025-01-06"))
    add_manager("Dora", added=day("2025-06-01"))


def _cells(matrix: stats.AdherenceMatrix) -> dict[str, list[tuple[int, int, float | None] | None]]:
    return {
        manager.name: [
            None if cell is None else (cell.held, cell.expected, cell.ratio) for cell in row
        ]
        for manager, row in zip(matrix.managers, matrix.cells, strict=True)
    }


def test_adherence_is_held_over_expected_by_month(adherence_team: None) -> None:
    matrix = stats.adherence(day("2025-01-15"), day("2025-05-02"), today=day("2025-04-10"))
    assert matrix.months == tuple(day(f"2025-0{month}-01") for month in range(1, 6))
    assert _cells(matrix) == {
        "Ada": [(4, 4, 1.0), (3, 4, 0.75), (0, 4, 0.0), (1, 1, 1.0), None],
        "Ben": [None, (0, 1, 0.0), (3, 2, 1.0), (0, 1, 0.0), None],
        "Ed": [None, None, (0, 0, None), (0, 1, 0.0), None],
    }
    ada_january = matrix.cells[0][0]
    assert ada_january is not None and ada_january.planned == pytest.approx(31 / 7)
    ben_february = matrix.cells[1][1]
    assert ben_february is not None and ben_february.planned == pytest.approx(9 / 14)
    assert not matrix.is_empty


def test_adherence_can_include_archived_managers(adherence_team: None) -> None:
    matrix = stats.adherence(
        day("2025-01-01"), day("2025-01-31"), today=day("2025-04-10"), include_archived=True
    )
    assert _cells(matrix)["Cleo"] == [(1, 4, 0.25)]


def test_expected_rounds_half_up_and_ratio_is_capped() -> None:
    assert PlannedHeld(held=0, planned=0.49).expected == 0
    assert PlannedHeld(held=0, planned=0.5).expected == 1
    assert PlannedHeld(held=0, planned=2.5).expected == 3
    assert PlannedHeld(held=7, planned=4.43).ratio == 1.0
    assert PlannedHeld(held=1, planned=0.2).ratio is None


# --- Time per manager -------------------------------------------------------------------------


@pytest.fixture
def march(journal_path: Path) -> dict[str, int]:
    ids = {name: add_manager(name, added=day("2025-01-01")) for name in ("Ada", "Ben", "Cleo")}
    log(ids["Ada"], ONE_ON_ONE, day("2025-03-03"), minutes=60)
    log(ids["Ada"], FIELD_VISIT, day("2025-03-10"), minutes=30)
    log(ids["Ada"], INFORMAL, day("2025-03-12"))
    log(ids["Ben"], FIELD_VISIT, at("2025-02-28 23:59"), minutes=300)
    log(ids["Ben"], FIELD_VISIT, at("2025-04-01 00:00"), minutes=300)
    log(ids["Cleo"], ONE_ON_ONE, at("2025-03-31 23:59"), minutes=120)
    log(ids["Cleo"], ONE_ON_ONE, day("2025-03-05"), minutes=1000, trashed=True)
    ids["Eve"] = add_manager("Eve", archived=True)
    log(ids["Eve"], FIELD_VISIT, day("2025-03-05"), minutes=500)
    add_manager("Dora", added=day("2025-04-02"))
    return ids


def test_time_per_manager_lists_the_least_attended_first(march: dict[str, int]) -> None:
    share = stats.time_per_manager(day("2025-03-01"), day("2025-03-31"))
    assert share.total_minutes == 210
    assert [
        (row.name, row.minutes, row.touchpoints, row.without_duration) for row in share.rows
    ] == [("Ben", 0, 0, 0), ("Ada", 90, 3, 1), ("Cleo", 120, 1, 0)]
    assert [row.share for row in share.rows] == pytest.approx([0, 90 / 210, 120 / 210])
    assert share.rows[1].hours == 1.5
    assert share.even_share == pytest.approx(1 / 3)
    assert not share.is_empty


def test_time_per_manager_with_archived_managers(march: dict[str, int]) -> None:
    share = stats.time_per_manager(day("2025-03-01"), day("2025-03-31"), include_archived=True)
    assert share.total_minutes == 710
    assert [row.name for row in share.rows] == ["Ben", "Ada", "Cleo", "Eve"]


# --- Mood -------------------------------------------------------------------------------------


def test_mood_points_and_monthly_means(journal_path: Path) -> None:
    ada, ben = add_manager("Ada"), add_manager("Ben")
    log(ada, ONE_ON_ONE, at("2025-01-06 09:00"), mood=4)
    log(ada, CAREER, at("2025-01-20 14:00"), mood=2)
    log(ada, ONE_ON_ONE, at("2025-03-03 09:00"), mood=5)
    log(ada, ONE_ON_ONE, at("2025-03-10 09:00"))
    log(ada, ONE_ON_ONE, at("2025-03-17 09:00"), mood=1, trashed=True)
    log(ada, ONE_ON_ONE, at("2025-04-01 09:00"), mood=1)
    log(ben, ONE_ON_ONE, at("2025-03-03 09:00"), mood=1)
    series = stats.mood(ada, day("2025-01-01"), day("2025-03-31"))
    assert series.name == "Ada"
    assert [(p.occurred_at, p.mood, p.kind) for p in series.points] == [
        (at("2025-01-06 09:00"), 4, ONE_ON_ONE),
        (at("2025-01-20 14:00"), 2, CAREER),
        (at("2025-03-03 09:00"), 5, ONE_ON_ONE),
    ]
    assert [(m.month, m.average, m.count) for m in series.months] == [
        (day("2025-01-01"), 3.0, 2),
        (day("2025-02-01"), None, 0),
        (day("2025-03-01"), 5.0, 1),
    ]
    assert stats.mood(ben, day("2025-04-01"), day("2025-04-30")).is_empty


# --- Scorecard --------------------------------------------------------------------------------


def test_scorecard_plans_by_cadence_and_shares_the_time(journal_path: Path) -> None:
    ada = add_manager("Ada", added=day("2025-01-01"))
    for when in ("2025-03-03", "2025-03-10", "2025-03-17"):
        log(ada, ONE_ON_ONE, day(when), minutes=60)
    log(ada, CAREER, day("2025-03-24"), minutes=90)
    log(ada, FIELD_VISIT, day("2025-03-12"), minutes=240)
    log(ada, ONE_ON_ONE, day("2025-04-01"), minutes=60)
    ben = add_manager("Ben", added=day("2025-03-20"))
    cadence.set_override(ben, ONE_ON_ONE, 14, 21)
    log(ben, ONE_ON_ONE, day("2025-03-25"), minutes=30)
    log(ben, INFORMAL, day("2025-03-26"), minutes=15)

    card = stats.scorecard(day("2025-03-15"), today=day("2025-04-10"))
    assert card.month == day("2025-03-01")
    assert card.kinds == cadence.CADENCE_KINDS
    assert card.total_minutes == 555
    ada_row, ben_row = card.rows
    assert {kind: (a.held, a.expected, a.ratio) for kind, a in ada_row.activities.items()} == {
        ONE_ON_ONE: (4, 4, 1.0),
        FIELD_VISIT: (1, 1, 1.0),
        CALL_REVIEW: (0, 2, 0.0),
        CAREER: (1, 0, None),
        TEAM_MEETING: (0, 4, 0.0),
    }
    assert ada_row.activities[CAREER].planned == pytest.approx(31 / 90)
    assert (ben_row.name, ben_row.minutes) == ("Ben", 45)
    ben_one_on_ones = ben_row.activities[ONE_ON_ONE]
    assert (ben_one_on_ones.held, ben_one_on_ones.planned) == (1, pytest.approx(12 / 14))
    assert (ada_row.share, ben_row.share) == (pytest.approx(510 / 555), pytest.approx(45 / 555))
    assert not card.in_progress
    assert all(
        cell.due_now is None and not cell.behind_pace for cell in ada_row.activities.values()
    )


def test_the_scorecard_judges_a_share_of_time_by_the_days_tracked(journal_path: Path) -> None:
    """Ada tracked all March; Ben from the 20th (12 days), Cleo from the 28th (4 days): Ben's
    fair share is 12/47 of the time, so 45 of 555 minutes is too little; Cleo, with none, is
    not judged yet; Ada, with most of the time, is not low."""
    ada = add_manager("Ada", added=day("2025-01-01"))
    ben = add_manager("Ben", added=day("2025-03-20"))
    add_manager("Cleo", added=day("2025-03-28"))
    log(ada, ONE_ON_ONE, day("2025-03-03"), minutes=510)
    log(ben, ONE_ON_ONE, day("2025-03-25"), minutes=45)
    card = stats.scorecard(day("2025-03-01"), today=day("2025-04-10"))
    assert [(row.name, row.days) for row in card.rows] == [("Ada", 31), ("Ben", 12), ("Cleo", 4)]
    assert [card.gets_too_little(row) for row in card.rows] == [False, True, False]
    in_progress = stats.scorecard(day("2025-03-01"), today=day("2025-03-29"))
    assert [row.days for row in in_progress.rows] == [29, 10, 2]
    assert not in_progress.gets_too_little(in_progress.rows[2])


def test_an_activity_not_for_them_plans_nothing_and_is_never_behind(journal_path: Path) -> None:
    """Team meetings off for Ada, never held: the scorecard plans none and she is on pace; the
    adherence chart plans no one-on-ones for Ben, whose one-on-ones are off."""
    ada = add_manager("Ada", added=day("2025-01-01"))
    ben = add_manager("Ben", added=day("2025-01-01"))
    for manager in (ada, ben):
        for kind in (ONE_ON_ONE, FIELD_VISIT, CALL_REVIEW, CAREER):
            log(manager, kind, day("2025-03-02"))
    cadence.set_applies(TEAM_MEETING, False, manager_id=ada)
    cadence.set_applies(ONE_ON_ONE, False, manager_id=ben)
    log(ada, TEAM_MEETING, day("2025-03-04"))  # held all the same: counted, never asked for
    card = stats.scorecard(day("2025-03-01"), today=day("2025-03-05"))
    ada_row, ben_row = card.rows
    meetings = ada_row.activities[TEAM_MEETING]
    assert (meetings.applies, meetings.held, meetings.planned, meetings.due_now) == (
        False,
        1,
        0.0,
        False,
    )
    assert TEAM_MEETING not in ada_row.behind
    assert ben_row.activities[TEAM_MEETING].applies
    matrix = stats.adherence(day("2025-02-01"), day("2025-02-01"), today=day("2025-03-05"))
    ada_cell, ben_cell = (row[0] for row in matrix.cells)
    assert ada_cell is not None and ada_cell.expected == 4
    assert ben_cell is not None and (ben_cell.applies, ben_cell.expected) == (False, 0)


def test_on_day_three_a_manager_due_twice_a_month_and_never_seen_is_behind_pace(
    journal_path: Path,
) -> None:
    """A month in progress compares what was held with what was due so far: on 3 December a
    fortnightly one-on-one plans 3/14 of a meeting (0 in whole meetings), yet one that was never
    held is due now, so the manager is behind pace, not "every plan met"."""
    never = add_manager("Nev", added=day("2026-09-01"))
    cadence.set_override(never, ONE_ON_ONE, 14, 28)
    seen = add_manager("Sam", added=day("2026-09-01"))
    cadence.set_override(seen, ONE_ON_ONE, 14, 28)
    log(seen, ONE_ON_ONE, day("2026-11-30"))
    card = stats.scorecard(day("2026-12-01"), today=day("2026-12-03"))
    assert card.in_progress and card.through == day("2026-12-03")
    never_row, seen_row = card.rows
    nev = never_row.activities[ONE_ON_ONE]
    assert (nev.held, nev.expected, nev.due_now, nev.due_so_far) == (0, 0, True, 1)
    assert nev.behind_pace and ONE_ON_ONE in never_row.behind
    sam = seen_row.activities[ONE_ON_ONE]
    assert (sam.held, sam.due_now, sam.due_so_far, sam.behind_pace) == (0, False, 0, False)
    # later in the month the plan so far counts: two fortnights gone, one held
    log(seen, ONE_ON_ONE, day("2026-12-05"))
    late = stats.scorecard(day("2026-12-01"), today=day("2026-12-29")).rows[1]
    assert (late.activities[ONE_ON_ONE].due_so_far, late.activities[ONE_ON_ONE].behind_pace) == (
        2,
        True,
    )
    # the month once over is judged as a finished month
    over = stats.scorecard(day("2026-12-01"), today=day("2027-01-02"))
    assert not over.in_progress
    assert not over.rows[0].activities[ONE_ON_ONE].behind_pace
