"""The numbers behind every chart and the monthly scorecard, as plain frozen dataclasses.

Computed here, not in the charts, so they are tested against hand counts and the GUI, the
command line and any report draw the same numbers.

Rules shared by every function:

* Touchpoints in the trash never count.
* Archived managers are left out (their touchpoints too, also from totals and shares) unless
  ``include_archived`` is set; a manager asked for by id is always shown.
* ``start`` and ``end`` are days, both included. A touchpoint's ``occurred_at`` is the local
  wall-clock time the user entered, so it is bucketed by its own calendar date, never through
  a timestamp: a meeting at 00:30 on the night the clocks change belongs to that day, and a
  week is seven calendar days whether it had 167, 168 or 169 hours.
* Each function reads with one or two aggregate queries (``GROUP BY`` a day, a month or a
  manager), then shapes the few rows in Python. Days and months are cut from the stored text
  (``substr``: peewee writes ``YYYY-MM-DD HH:MM:SS``, and every range test relies on that text
  sorting as time does), which is faster than parsing it with ``date()``. The whole-team,
  ten-year frequency series costs the most, nearly all of it SQLite reading the table rows
  (the kind and the trash mark are in no index), and the cost grows with the span shown.

Planned by the cadence (:class:`PlannedHeld`): a manager's cadence asks for one touchpoint every
``ideal_days``, so over the days of a month they were tracked (see
:func:`coachjournal.coaching.cadence.tracked_managers`, and never after ``today``) it plans
``days / ideal_days`` of them. ``expected`` rounds that to whole touchpoints, half up: a weekly
cadence expects 4 in any full month (4.0 to 4.4), so a month that happens to hold a fifth Monday
does not make a perfect record look like 90%; a fortnightly one expects 2. Held counts the
touchpoints of the kind in those days; for one-on-ones it also counts the kinds that count as
one (:func:`coachjournal.coaching.cadence.counts_as_one_on_one`).

Two measures of coaching, kept apart and named on every chart (:class:`Measure`): **contacts**
count a touchpoint once for each manager who was there (a huddle with eight managers is eight
contacts: what the cadence and the scorecard's activities count), and **your time** counts a
meeting's minutes once. Time per manager splits a shared meeting's minutes evenly among those
who were there, so the managers' hours add up to the executive's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType

from coachjournal.coaching import cadence, results
from coachjournal.coaching.cadence import CADENCE_KINDS, TrackedManager
from coachjournal.errors import ValidationError
from coachjournal.kinds import TouchpointKind
from coachjournal.periods import MONTH_ABBREVIATIONS, month_start, next_month
from coachjournal.storage.models import Manager, database


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


class Measure(StrEnum):
    """What a chart of coaching counts (see the module docstring)."""

    CONTACTS = "contacts"
    TIME = "time"

    @property
    def label(self) -> str:
        return "Contacts" if self is Measure.CONTACTS else "Your time"

    @property
    def explanation(self) -> str:
        """How a meeting with several managers counts, as a chart says it."""
        if self is Measure.CONTACTS:
            return "a meeting counts once for each manager there"
        return "a meeting's minutes count once"


#: How a touchpoint's minutes are shared among its attendees (an expression over ``t``).
_SPLIT_MINUTES = (
    "t.duration_minutes * 1.0 / "
    "(SELECT count(*) FROM touchpoint_attendee AS b WHERE b.touchpoint_id = t.id)"
)


# --- Calendar ---------------------------------------------------------------------------------


def period_start(day: dt.date, period: Period, week_start: int = 0) -> dt.date:
    """The first day of the week (starting on ``week_start``, Monday = 0) or month of ``day``."""
    if period is Period.MONTH:
        return month_start(day)
    return day - dt.timedelta(days=(day.weekday() - week_start) % 7)


def next_period(start: dt.date, period: Period) -> dt.date:
    return next_month(start) if period is Period.MONTH else start + dt.timedelta(days=7)


def month_label(month: dt.date) -> str:
    """``Jan 2025``: English month names whatever the locale Qt set, like the rest of the app."""
    return f"{MONTH_ABBREVIATIONS[month.month - 1]} {month.year}"


def date_label(day: dt.date) -> str:
    """``30 Dec 2024``."""
    return f"{day.day} {month_label(day)}"


def period_label(start: dt.date, period: Period) -> str:
    """A week is named by its first day (``30 Dec 2024``), never by its week number: the week
    of 30 December 2024 is ISO week 1 of 2025, which reads as a mistake on a chart."""
    return month_label(start) if period is Period.MONTH else date_label(start)


def months_between(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return tuple(months)


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError("end", f"The period ends ({end}) before it starts ({start}).")


def _bounds(first: dt.date, after: dt.date) -> tuple[str, str]:
    """``occurred_at >= ? AND occurred_at < ?`` for the days ``first`` up to (not including)
    ``after``: the stored text sorts as the time does."""
    return first.isoformat(), after.isoformat()


def _days_tracked(manager: TrackedManager, first: dt.date, last: dt.date, today: dt.date) -> int:
    """Days from ``first`` to ``last`` (included) that the manager was tracked, up to today."""
    low, high = max(first, manager.tracked_since), min(last, today)
    return max(0, (high - low).days + 1)


def _manager_name(manager_id: int) -> str:
    """The manager's name; :class:`LookupError` if there is no such manager."""
    manager = Manager.get_or_none(Manager.id == manager_id)
    if manager is None:
        raise LookupError(f"there is no manager with id {manager_id}")
    name: str = manager.name
    return name


_ACTIVE_ONLY = "AND {column} NOT IN (SELECT id FROM manager WHERE archived)"


def _archived_filter(include_archived: bool, column: str = "a.manager_id") -> str:
    return "" if include_archived else _ACTIVE_ONLY.format(column=column)


# --- Frequency --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class FrequencySeries:
    """Contacts (or hours of your time) per period and kind; ``counts[kind][i]`` belongs to
    ``periods[i]``.

    Every period of the range is present, those without touchpoints as zeros, and every kind,
    in :class:`TouchpointKind` order (the order the chart stacks them in).
    """

    period: Period
    #: The first day of each period.
    periods: tuple[dt.date, ...]
    counts: Mapping[TouchpointKind, tuple[float, ...]]
    #: "Whole team" or the manager's name.
    subject: str
    manager_id: int | None = None
    #: The last day counted (the range's end, or today if earlier): the period holding it, if it
    #: runs past it, is still in progress, and its bar is not a whole period's.
    through: dt.date | None = None
    #: Contacts (whole numbers) or your time (hours).
    measure: Measure = Measure.CONTACTS

    @property
    def partial(self) -> tuple[bool, ...]:
        """For each period, whether it is the one in progress: it holds :attr:`through` and
        runs past it. (Periods after it have not begun: they are empty, not partial.)"""
        if self.through is None:
            return tuple(False for _ in self.periods)
        last = self.through
        return tuple(
            start <= last and next_period(start, self.period) > last + dt.timedelta(days=1)
            for start in self.periods
        )

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(period_label(start, self.period) for start in self.periods)

    @property
    def totals(self) -> tuple[float, ...]:
        return tuple(sum(column) for column in zip(*self.counts.values(), strict=True))

    @property
    def total(self) -> float:
        return sum(sum(values) for values in self.counts.values())

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def end(self) -> dt.date:
        """The last day covered (the last period's last day)."""
        return next_period(self.periods[-1], self.period) - dt.timedelta(days=1)


#: Contacts: one per attendee.
_FREQUENCY_SQL = """
SELECT substr(t.occurred_at, 1, 10) AS day, t.kind, COUNT(*)
FROM touchpoint AS t JOIN touchpoint_attendee AS a ON a.touchpoint_id = t.id
WHERE t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ? {where}
GROUP BY day, t.kind
"""
#: Your time with the team: each meeting's minutes once, if any manager counted was there.
_TEAM_TIME_SQL = """
SELECT substr(t.occurred_at, 1, 10) AS day, t.kind, COALESCE(SUM(t.duration_minutes), 0) / 60.0
FROM touchpoint AS t
WHERE t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ?
  AND EXISTS (SELECT 1 FROM touchpoint_attendee AS a WHERE a.touchpoint_id = t.id {where})
GROUP BY day, t.kind
"""
#: Your time with one manager: their even share of each meeting they were at.
_MANAGER_TIME_SQL = f"""
SELECT substr(t.occurred_at, 1, 10) AS day, t.kind, COALESCE(SUM({_SPLIT_MINUTES}), 0) / 60.0
FROM touchpoint AS t JOIN touchpoint_attendee AS a ON a.touchpoint_id = t.id
WHERE t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ? AND a.manager_id = ?
GROUP BY day, t.kind
"""


def frequency(
    period: Period | str,
    start: dt.date,
    end: dt.date,
    manager_id: int | None = None,
    *,
    week_start: int = 0,
    include_archived: bool = False,
    today: dt.date | None = None,
    measure: Measure | str = Measure.CONTACTS,
) -> FrequencySeries:
    """Contacts (or hours of your time) per week or month and kind, for one manager or the
    whole team (see :class:`Measure`).

    The range is widened to whole periods (the week or month holding ``start`` up to the one
    holding ``end``), so the first and last bars are not cut short. Weeks begin on
    ``week_start`` (0 = Monday, as ISO 8601; 6 = Sunday).
    """
    period = Period(period)
    measure = Measure(measure)
    _check_range(start, end)
    if not 0 <= week_start <= 6:
        raise ValueError(f"week_start is a weekday from 0 (Monday) to 6, not {week_start}")
    first = period_start(start, period, week_start)
    periods, after = [first], next_period(first, period)
    while after <= end:
        periods.append(after)
        after = next_period(after, period)
    if manager_id is None:
        subject = "Whole team"
        team_sql = _FREQUENCY_SQL if measure is Measure.CONTACTS else _TEAM_TIME_SQL
        sql = team_sql.format(where=_archived_filter(include_archived))
        params: tuple[object, ...] = _bounds(first, after)
    else:
        subject = _manager_name(manager_id)
        if measure is Measure.CONTACTS:
            sql = _FREQUENCY_SQL.format(where="AND a.manager_id = ?")
        else:
            sql = _MANAGER_TIME_SQL
        params = (*_bounds(first, after), manager_id)
    counts: dict[TouchpointKind, list[float]] = {
        kind: [0] * len(periods) for kind in TouchpointKind
    }
    for day_text, kind, count in database.execute_sql(sql, params):
        day = dt.date.fromisoformat(day_text)
        if period is Period.WEEK:
            index = (day - first).days // 7
        else:
            index = (day.year - first.year) * 12 + day.month - first.month
        counts[TouchpointKind(kind)][index] += count
    return FrequencySeries(
        period=period,
        periods=tuple(periods),
        counts=MappingProxyType({kind: tuple(values) for kind, values in counts.items()}),
        subject=subject,
        manager_id=manager_id,
        through=min(end, today or dt.date.today()),
        measure=measure,
    )


# --- Planned versus held ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class PlannedHeld:
    """Touchpoints held against those the cadence planned (see the module docstring)."""

    held: int
    #: Days tracked / ideal days: 4.43 for a weekly cadence over 31 days.
    planned: float
    #: In a month in progress, whether the activity is past its ideal date today (cadence
    #: status due or overdue); None for a month that has ended.
    due_now: bool | None = None
    #: False when the activity is not for the manager: nothing planned, never behind.
    applies: bool = True

    @property
    def expected(self) -> int:
        """``planned`` in whole touchpoints, rounded half up."""
        return math.floor(self.planned + 0.5)

    @property
    def in_progress(self) -> bool:
        return self.due_now is not None

    @property
    def due_so_far(self) -> int:
        """In a month in progress, what was due so far: the plan for the days gone (pro rata,
        ``expected``), and at least one when the activity is past its ideal date today, so the
        3rd of the month does not read as a plan met by someone overdue."""
        return max(self.expected, 1 if self.due_now else 0)

    @property
    def behind_pace(self) -> bool:
        """In a month in progress, fewer held than due so far."""
        return self.in_progress and self.held < self.due_so_far

    @property
    def ratio(self) -> float | None:
        """Held / expected, capped at 1.0 (extra meetings do not make up for missed ones
        elsewhere); None when nothing was expected (a few days of a month, or a cadence longer
        than the month)."""
        if self.expected == 0:
            return None
        return min(1.0, self.held / self.expected)


@dataclasses.dataclass(frozen=True, slots=True)
class ManagerRef:
    id: int
    name: str


@dataclasses.dataclass(frozen=True, slots=True)
class AdherenceMatrix:
    """One-on-one adherence per manager (rows) and month (columns).

    A cell is None for a month the manager was not tracked in at all (before they were added,
    or after ``today``).
    """

    months: tuple[dt.date, ...]
    managers: tuple[ManagerRef, ...]
    cells: tuple[tuple[PlannedHeld | None, ...], ...]

    @property
    def is_empty(self) -> bool:
        """True when no cell expects a one-on-one: nothing to judge."""
        return all(cell is None or cell.expected == 0 for row in self.cells for cell in row)


def _counted_kinds(kind: TouchpointKind, counting: frozenset[TouchpointKind]) -> frozenset[str]:
    kinds = {kind, *counting} if kind is TouchpointKind.ONE_ON_ONE else {kind}
    return frozenset(each.value for each in kinds)


def _in_range(managers: Iterable[TrackedManager], last: dt.date) -> list[TrackedManager]:
    return [manager for manager in managers if manager.tracked_since <= last]


def adherence(
    start_month: dt.date,
    end_month: dt.date,
    *,
    today: dt.date | None = None,
    include_archived: bool = False,
) -> AdherenceMatrix:
    """Cadence adherence for one-on-ones, manager by month, from ``start_month``'s month to
    ``end_month``'s.

    Each cell holds the one-on-ones held in the month (with the kinds that count as one) and
    those the manager's one-on-one cadence planned for the days of the month they were tracked,
    up to ``today``; its ``ratio`` is held / expected, capped at 1.0. A manager is listed if
    they were tracked in any of the months. The journal does not record when a manager was
    archived, so with ``include_archived`` the months after they left count as missed.
    """
    today = today or dt.date.today()
    _check_range(start_month, end_month)
    months = months_between(start_month, end_month)
    after = min(next_month(months[-1]), today + dt.timedelta(days=1))
    last_day = after - dt.timedelta(days=1)
    managers = _in_range(cadence.tracked_managers(include_archived=include_archived), last_day)
    book = cadence.load_cadences()
    kinds = sorted(_counted_kinds(TouchpointKind.ONE_ON_ONE, cadence.counts_as_one_on_one()))
    sql = f"""
        SELECT a.manager_id, substr(t.occurred_at, 1, 7) AS month, COUNT(*)
        FROM touchpoint AS t JOIN touchpoint_attendee AS a ON a.touchpoint_id = t.id
        WHERE t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ?
          AND t.kind IN ({", ".join("?" for _ in kinds)})
        GROUP BY a.manager_id, month
    """
    held: dict[tuple[int, str], int] = {}
    for manager_id, month, count in database.execute_sql(sql, (*_bounds(months[0], after), *kinds)):
        held[manager_id, month] = count
    rows = []
    for manager in managers:
        ideal = book.for_manager(manager.id)[TouchpointKind.ONE_ON_ONE].ideal_days
        applies = book.applicability(manager.id, manager.team)[TouchpointKind.ONE_ON_ONE].applies
        row: list[PlannedHeld | None] = []
        for month in months:
            last = next_month(month) - dt.timedelta(days=1)
            days = _days_tracked(manager, month, last, today)
            count = held.get((manager.id, month.isoformat()[:7]), 0)
            planned = days / ideal if applies else 0.0
            row.append(PlannedHeld(count, planned, applies=applies) if days else None)
        rows.append(tuple(row))
    return AdherenceMatrix(
        months=months,
        managers=tuple(ManagerRef(manager.id, manager.name) for manager in managers),
        cells=tuple(rows),
    )


# --- Time per manager -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ManagerTime:
    manager_id: int
    name: str
    #: Their even share of the minutes of each meeting they were at.
    minutes: float
    #: Contacts: touchpoints they were at.
    touchpoints: int
    #: Touchpoints without a recorded duration: they count, but add no minutes.
    without_duration: int
    #: Of the executive's coaching minutes in the period (0.0 when there are none).
    share: float

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclasses.dataclass(frozen=True, slots=True)
class TimeShare:
    """Coaching time per manager, the least attended first: a meeting's minutes split evenly
    among those there, so the rows add up to the executive's own time."""

    start: dt.date
    end: dt.date
    rows: tuple[ManagerTime, ...]
    total_minutes: float

    @property
    def even_share(self) -> float:
        """Each manager's share if time were split evenly: the yardstick for "too little"."""
        return 1 / len(self.rows) if self.rows else 0.0

    @property
    def is_empty(self) -> bool:
        return all(row.touchpoints == 0 for row in self.rows)


_TIME_SQL = f"""
SELECT a.manager_id, t.kind, COUNT(*), COALESCE(SUM({_SPLIT_MINUTES}), 0),
       COUNT(*) - COUNT(t.duration_minutes)
FROM touchpoint AS t JOIN touchpoint_attendee AS a ON a.touchpoint_id = t.id
WHERE t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ? {{where}}
GROUP BY a.manager_id, t.kind
"""


@dataclasses.dataclass(slots=True)
class _Tally:
    """What one manager got in a period: touchpoints per kind, minutes, missing durations."""

    by_kind: dict[TouchpointKind, int] = dataclasses.field(default_factory=dict)
    minutes: float = 0
    without_duration: int = 0

    @property
    def touchpoints(self) -> int:
        return sum(self.by_kind.values())


def _tally(first: dt.date, after: dt.date, include_archived: bool) -> dict[int, _Tally]:
    sql = _TIME_SQL.format(where=_archived_filter(include_archived))
    tallies: dict[int, _Tally] = {}
    for manager_id, kind, count, minutes, missing in database.execute_sql(
        sql, _bounds(first, after)
    ):
        tally = tallies.setdefault(manager_id, _Tally())
        tally.by_kind[TouchpointKind(kind)] = count
        tally.minutes += minutes
        tally.without_duration += missing
    return tallies


def time_per_manager(start: dt.date, end: dt.date, *, include_archived: bool = False) -> TimeShare:
    """Minutes of coaching per manager from ``start`` to ``end``, and each one's share.

    Every manager tracked by ``end`` is listed, those who got no time too (they matter most).
    Rows go from the least minutes to the most, then by name.
    """
    _check_range(start, end)
    managers = _in_range(cadence.tracked_managers(include_archived=include_archived), end)
    tallies = _tally(start, end + dt.timedelta(days=1), include_archived)
    total = sum(tallies[manager.id].minutes for manager in managers if manager.id in tallies)
    rows = []
    for manager in managers:
        tally = tallies.get(manager.id, _Tally())
        rows.append(
            ManagerTime(
                manager_id=manager.id,
                name=manager.name,
                minutes=tally.minutes,
                touchpoints=tally.touchpoints,
                without_duration=tally.without_duration,
                share=tally.minutes / total if total else 0.0,
            )
        )
    rows.sort(key=lambda row: (row.minutes, row.name.casefold(), row.manager_id))
    return TimeShare(start=start, end=end, rows=tuple(rows), total_minutes=total)


# --- Mood -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class MoodPoint:
    occurred_at: dt.datetime
    mood: int
    kind: TouchpointKind


@dataclasses.dataclass(frozen=True, slots=True)
class MonthlyMood:
    month: dt.date
    #: Mean of the month's moods, None in a month where none was noted.
    average: float | None
    count: int


@dataclasses.dataclass(frozen=True, slots=True)
class MoodSeries:
    manager_id: int
    name: str
    start: dt.date
    end: dt.date
    points: tuple[MoodPoint, ...]
    #: Every month of the range, in order.
    months: tuple[MonthlyMood, ...]

    @property
    def is_empty(self) -> bool:
        return not self.points


def mood(manager_id: int, start: dt.date, end: dt.date) -> MoodSeries:
    """The mood (engagement, 1-5) noted at each touchpoint of one manager, and its monthly mean.

    Touchpoints without a mood are left out rather than counted as anything.
    """
    _check_range(start, end)
    name = _manager_name(manager_id)
    rows = database.execute_sql(
        """
        SELECT t.occurred_at, t.mood, t.kind
        FROM touchpoint_attendee AS a JOIN touchpoint AS t ON t.id = a.touchpoint_id
        WHERE a.manager_id = ? AND t.deleted_at IS NULL AND t.mood IS NOT NULL
          AND t.occurred_at >= ? AND t.occurred_at < ?
        ORDER BY t.occurred_at
        """,
        (manager_id, *_bounds(start, end + dt.timedelta(days=1))),
    )
    points = tuple(
        MoodPoint(dt.datetime.fromisoformat(at), value, TouchpointKind(kind))
        for at, value, kind in rows
    )
    by_month: dict[dt.date, list[int]] = {}
    for point in points:
        by_month.setdefault(month_start(point.occurred_at.date()), []).append(point.mood)
    months = tuple(
        MonthlyMood(
            month,
            sum(values) / len(values) if (values := by_month.get(month)) else None,
            len(values or ()),
        )
        for month in months_between(start, end)
    )
    return MoodSeries(manager_id, name, start, end, points, months)


# --- Scorecard --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ScorecardRow:
    manager_id: int
    name: str
    #: Per coaching activity (every kind of :data:`~coachjournal.coaching.cadence.CADENCE_KINDS`).
    activities: Mapping[TouchpointKind, PlannedHeld]
    #: Minutes of your time in the month, every kind (informal chats too), a shared meeting's
    #: split evenly among those there.
    minutes: float
    #: Of the executive's coaching minutes in the month.
    share: float
    #: Days of the month the manager was tracked, up to today (a manager added on the 20th
    #: has 12 of December's, on the 31st).
    days: int = 0

    @property
    def behind(self) -> tuple[TouchpointKind, ...]:
        """In a month in progress, the activities behind pace."""
        return tuple(kind for kind, cell in self.activities.items() if cell.behind_pace)


#: Days a manager is tracked in a month before the scorecard judges their share of your time.
JUDGED_AFTER_DAYS = 7


@dataclasses.dataclass(frozen=True, slots=True)
class Scorecard:
    """The executive's month: per manager and activity, planned by the cadence versus held.

    A month in progress (``today`` in it) is judged on pace: held against what was due so far
    (:attr:`PlannedHeld.due_so_far`), never as a finished month.
    """

    month: dt.date
    kinds: tuple[TouchpointKind, ...]
    rows: tuple[ScorecardRow, ...]
    #: Your time: each meeting's minutes once.
    total_minutes: float
    #: The last day counted: the month's last, or ``today`` in a month in progress.
    through: dt.date | None = None
    #: ``today`` is in the month (its last day too: the day is not over).
    in_progress: bool = False

    def gets_too_little(self, row: ScorecardRow) -> bool:
        """Under half the share of your time that an even split by days tracked would give
        ``row``'s manager; one tracked for less than :data:`JUDGED_AFTER_DAYS` is not judged
        yet (a manager added today has had no time to get any)."""
        tracked = sum(each.days for each in self.rows)
        if self.total_minutes <= 0 or row.days < JUDGED_AFTER_DAYS or tracked == 0:
            return False
        return row.share < 0.5 * row.days / tracked


def scorecard(
    month: dt.date, *, today: dt.date | None = None, include_archived: bool = False
) -> Scorecard:
    """The scorecard of ``month``'s month, for the managers tracked in it, sorted by name.

    A career conversation (or any kind set to count as a one-on-one) counts in its own column
    and in the one-on-ones', as it does for the cadence. Shares are of the minutes of the
    managers listed. In the month of ``today``, each activity also carries whether the cadence
    has it past its ideal date today, for its pace.
    """
    today = today or dt.date.today()
    first = month_start(month)
    last = next_month(first) - dt.timedelta(days=1)
    managers = _in_range(cadence.tracked_managers(include_archived=include_archived), last)
    after = min(last, today) + dt.timedelta(days=1)
    tallies = _tally(first, max(first, after), include_archived)
    book = cadence.load_cadences()
    counting = cadence.counts_as_one_on_one()
    total = sum(tallies[manager.id].minutes for manager in managers if manager.id in tallies)
    open_month = first <= today <= last
    statuses = cadence.statuses_of(managers, today) if open_month else {}
    rows = []
    for manager in managers:
        tally = tallies.get(manager.id, _Tally())
        days = _days_tracked(manager, first, last, today)
        rules = book.for_manager(manager.id)
        applicable = book.applicability(manager.id, manager.team)
        now = {status.kind: status.status for status in statuses.get(manager.id, ())}
        activities = {}
        for kind in CADENCE_KINDS:
            counted = _counted_kinds(kind, counting)
            held = sum(count for each, count in tally.by_kind.items() if each.value in counted)
            applies = applicable[kind].applies
            due_now = now[kind].needs_attention if open_month else None
            planned = days / rules[kind].ideal_days if applies else 0.0
            activities[kind] = PlannedHeld(held, planned, due_now, applies)
        rows.append(
            ScorecardRow(
                manager_id=manager.id,
                name=manager.name,
                activities=MappingProxyType(activities),
                minutes=tally.minutes,
                share=tally.minutes / total if total else 0.0,
                days=days,
            )
        )
    return Scorecard(
        month=first,
        kinds=CADENCE_KINDS,
        rows=tuple(rows),
        total_minutes=total,
        through=min(last, today),
        in_progress=open_month,
    )


# --- Coaching next to results -----------------------------------------------------------------


def _touchpoints_by_month(
    first: dt.date, after: dt.date, manager_id: int | None = None
) -> dict[tuple[int, str], tuple[int, int]]:
    """(manager id, ``YYYY-MM``) -> (contacts, minutes: their share of each meeting) the
    executive gave, trash left out."""
    where = "" if manager_id is None else "AND a.manager_id = ?"
    params: tuple[object, ...] = _bounds(first, after)
    if manager_id is not None:
        params = (*params, manager_id)
    rows = database.execute_sql(
        f"""
        SELECT a.manager_id, substr(t.occurred_at, 1, 7) AS month, COUNT(*),
               CAST(round(COALESCE(SUM({_SPLIT_MINUTES}), 0)) AS INTEGER)
        FROM touchpoint AS t JOIN touchpoint_attendee AS a ON a.touchpoint_id = t.id
        WHERE t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ? {where}
        GROUP BY a.manager_id, month
        """,
        params,
    )
    return {(manager, month): (count, minutes) for manager, month, count, minutes in rows}


def _per_period(
    periods: Iterable[results.FiscalPeriod],
    tally: Mapping[tuple[int, str], tuple[int, int]],
    manager_id: int,
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Touchpoints and minutes per period, from the monthly tally."""
    counts, minutes = [], []
    for period in periods:
        months = months_between(period.start, period.end)
        found = [tally.get((manager_id, month.isoformat()[:7]), (0, 0)) for month in months]
        counts.append(sum(count for count, _ in found))
        minutes.append(sum(spent for _, spent in found))
    return tuple(counts), tuple(minutes)


@dataclasses.dataclass(frozen=True, slots=True)
class AttainmentSeries:
    """One manager's attainment per period next to the touchpoints the executive gave them.

    ``attainment[i]`` is None where period ``i`` had no plan (or no actual yet); for the period
    in progress (``in_progress``: the last one) it is the pace, the actual against the plan so
    far (:meth:`coachjournal.coaching.results.PeriodFigures.pace`).
    """

    manager_id: int
    name: str
    periods: tuple[results.FiscalPeriod, ...]
    attainment: tuple[float | None, ...]
    plans: tuple[int | None, ...]
    actuals: tuple[int | None, ...]
    touchpoints: tuple[int, ...]
    minutes: tuple[int, ...]
    in_progress: bool = False

    @property
    def is_empty(self) -> bool:
        return all(value is None for value in self.attainment)


@dataclasses.dataclass(frozen=True, slots=True)
class RepCoachingSeries:
    """One manager's coaching of their reps per period, against the executive's target.

    ``values[i]`` is touches (one-on-ones and joint calls) per rep per month, None where the
    period's figures are missing.
    """

    manager_id: int
    name: str
    periods: tuple[results.FiscalPeriod, ...]
    values: tuple[float | None, ...]
    reps: tuple[int | None, ...]
    target: float
    #: The last period is in progress: its value is the pace (so far, per month gone).
    in_progress: bool = False

    @property
    def is_empty(self) -> bool:
        return all(value is None for value in self.values)

    @property
    def below_target(self) -> tuple[bool, ...]:
        return tuple(value is not None and value < self.target for value in self.values)


def _series_periods(
    manager_id: int, settings: results.ResultSettings, today: dt.date, start: dt.date | None
) -> list[results.FiscalPeriod]:
    periods = results.manager_periods(manager_id, settings, today)
    if start is not None:
        periods = [period for period in periods if period.end >= start]
    return periods or [results.period_of(today, settings)]


def _kept(used: Iterable[bool]) -> slice:
    """The periods a chart shows: from the first that holds anything to the last that does (a
    veteran's years before the journal, the month not reported yet and the months after a
    manager left are left out; the grid keeps them all, to fill in). All of them when none
    holds anything."""
    flags = list(used)
    found = [index for index, has in enumerate(flags) if has]
    return slice(found[0], found[-1] + 1) if found else slice(0, len(flags))


def attainment_series(
    manager_id: int,
    *,
    start: dt.date | None = None,
    today: dt.date | None = None,
    settings: results.ResultSettings | None = None,
) -> AttainmentSeries:
    """The manager's periods (from ``start``'s, or since they became a manager) to today's."""
    today = today or dt.date.today()
    settings = settings or results.load_settings()
    name = _manager_name(manager_id)
    periods = _series_periods(manager_id, settings, today, start)
    shown = results.figures(manager_id, periods)
    tally = _touchpoints_by_month(periods[0].start, periods[-1].after, manager_id)
    counts, minutes = _per_period(periods, tally, manager_id)
    if start is None:
        keep = _kept(f.pace(today) is not None for f in shown)
        periods, shown, counts, minutes = periods[keep], shown[keep], counts[keep], minutes[keep]
    return AttainmentSeries(
        manager_id=manager_id,
        name=name,
        periods=tuple(periods),
        attainment=tuple(figures.pace(today) for figures in shown),
        plans=tuple(figures.plan_cents for figures in shown),
        actuals=tuple(figures.actual_cents for figures in shown),
        touchpoints=counts,
        minutes=minutes,
        in_progress=periods[-1].contains(today),
    )


def rep_coaching_series(
    manager_id: int,
    *,
    start: dt.date | None = None,
    today: dt.date | None = None,
    settings: results.ResultSettings | None = None,
) -> RepCoachingSeries:
    """The manager's coaching of their reps, per rep per month, in each of their periods."""
    today = today or dt.date.today()
    settings = settings or results.load_settings()
    name = _manager_name(manager_id)
    periods = _series_periods(manager_id, settings, today, start)
    shown = results.figures(manager_id, periods)
    paced = [_paced(figures.rep_coaching, figures.period, today) for figures in shown]
    if start is None:
        keep = _kept(value is not None for value in paced)
        periods, shown, paced = periods[keep], shown[keep], paced[keep]
    return RepCoachingSeries(
        manager_id=manager_id,
        name=name,
        periods=tuple(periods),
        values=tuple(paced),
        reps=tuple(figures.reps for figures in shown),
        target=settings.target,
        in_progress=periods[-1].contains(today),
    )


def _paced(value: float | None, period: results.FiscalPeriod, today: dt.date) -> float | None:
    """A figure of the period in progress at the rate so far (None before a working day)."""
    share = period.share_gone(today)
    return None if value is None or share == 0 else value / share


class CoachingMeasure(StrEnum):
    TOUCHPOINTS = "touchpoints"
    HOURS = "hours"


@dataclasses.dataclass(frozen=True, slots=True)
class CoachingPoint:
    manager_id: int
    name: str
    touchpoints: int
    minutes: float
    plan_cents: int
    actual_cents: int

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def attainment(self) -> float:
        return self.actual_cents / self.plan_cents


@dataclasses.dataclass(frozen=True, slots=True)
class CoachingVsResults:
    """Across the team, the coaching each manager got from the executive against their team's
    attainment over the same periods; one point per manager with a plan in them."""

    periods: tuple[results.FiscalPeriod, ...]
    measure: CoachingMeasure
    points: tuple[CoachingPoint, ...]
    #: Managers tracked in the range without an attainment in it (no plan, or no actual).
    without_results: tuple[str, ...]

    @property
    def start(self) -> dt.date:
        return self.periods[0].start

    @property
    def end(self) -> dt.date:
        return self.periods[-1].end

    @property
    def coaching(self) -> tuple[float, ...]:
        if self.measure is CoachingMeasure.HOURS:
            return tuple(point.hours for point in self.points)
        return tuple(float(point.touchpoints) for point in self.points)

    @property
    def attainment(self) -> tuple[float, ...]:
        return tuple(point.attainment for point in self.points)

    @property
    def rho(self) -> float | None:
        """Spearman's rank correlation of coaching and attainment (None: too few to say)."""
        return results.spearman(self.coaching, self.attainment)

    @property
    def is_empty(self) -> bool:
        return not self.points


def coaching_vs_results(
    start: dt.date,
    end: dt.date,
    measure: CoachingMeasure | str = CoachingMeasure.TOUCHPOINTS,
    *,
    include_archived: bool = False,
    settings: results.ResultSettings | None = None,
    today: dt.date | None = None,
) -> CoachingVsResults:
    """Each manager's touchpoints (or hours) from the executive in the periods that overlap
    ``start``–``end``, against their attainment over those periods: the sum of the actuals over
    the sum of the plans, counting only periods that have both (a period without a plan says
    nothing about attainment), the plan of the period in progress pro rata."""
    _check_range(start, end)
    measure = CoachingMeasure(measure)
    settings = settings or results.load_settings()
    periods = results.periods_between(start, end, settings)
    first, after = periods[0].start, periods[-1].after
    managers = _in_range(
        cadence.tracked_managers(include_archived=include_archived), periods[-1].end
    )
    tally = _tally(first, after, include_archived)
    # The period in progress counts its plan pro rata (the plan so far), as its pace does.
    today = today or dt.date.today()
    shares = {period.start.isoformat(): period.share_gone(today) for period in periods}
    sums: dict[int, list[int]] = {}
    for manager_id, starts_on, plan, actual in database.execute_sql(
        """
        SELECT manager_id, starts_on, plan_cents, actual_cents FROM result
        WHERE period = ? AND starts_on >= ? AND starts_on < ?
          AND plan_cents > 0 AND actual_cents IS NOT NULL
        """,
        (settings.period.value, first.isoformat(), after.isoformat()),
    ):
        share = shares.get(starts_on, 0.0)
        if share > 0:
            found = sums.setdefault(manager_id, [0, 0])
            found[0] += max(1, round(plan * share))
            found[1] += actual
    points, missing = [], []
    for manager in managers:
        if manager.id not in sums:
            missing.append(manager.name)
            continue
        given = tally.get(manager.id, _Tally())
        plan, actual = sums[manager.id]
        points.append(
            CoachingPoint(manager.id, manager.name, given.touchpoints, given.minutes, plan, actual)
        )
    return CoachingVsResults(tuple(periods), measure, tuple(points), tuple(missing))
