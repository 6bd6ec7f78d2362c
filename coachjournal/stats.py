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
  sorting as time does), which is 30% faster than parsing it with ``date()``. On 125,000
  touchpoints the whole-team, ten-year frequency series takes 130-160 ms, nearly all of it
  SQLite reading the table rows (the kind and the trash mark are in no index); a year, 20 ms.

Planned by the cadence (:class:`PlannedHeld`): a manager's cadence asks for one touchpoint every
``ideal_days``, so over the days of a month they were tracked (see
:func:`coachjournal.cadence.tracked_managers`, and never after ``today``) it plans
``days / ideal_days`` of them. ``expected`` rounds that to whole touchpoints, half up: a weekly
cadence expects 4 in any full month (4.0 to 4.4), so a month that happens to hold a fifth Monday
does not make a perfect record look like 90%; a fortnightly one expects 2. Held counts the
touchpoints of the kind in those days; for one-on-ones it also counts the kinds that count as
one (:func:`coachjournal.cadence.counts_as_one_on_one`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType

from coachjournal import cadence
from coachjournal.cadence import CADENCE_KINDS, TrackedManager
from coachjournal.errors import ValidationError
from coachjournal.models import Manager, TouchpointKind, database

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


# --- Calendar ---------------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_start(day: dt.date, period: Period, week_start: int = 0) -> dt.date:
    """The first day of the week (starting on ``week_start``, Monday = 0) or month of ``day``."""
    if period is Period.MONTH:
        return month_start(day)
    return day - dt.timedelta(days=(day.weekday() - week_start) % 7)


def next_period(start: dt.date, period: Period) -> dt.date:
    return next_month(start) if period is Period.MONTH else start + dt.timedelta(days=7)


def month_label(month: dt.date) -> str:
    """``Jan 2025``: English month names whatever the locale Qt set, like the rest of the app."""
    return f"{_MONTH_NAMES[month.month - 1]} {month.year}"


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


_ACTIVE_ONLY = "AND manager_id NOT IN (SELECT id FROM manager WHERE archived)"


def _archived_filter(include_archived: bool) -> str:
    return "" if include_archived else _ACTIVE_ONLY


# --- Frequency --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class FrequencySeries:
    """Touchpoints per period and kind; ``counts[kind][i]`` belongs to ``periods[i]``.

    Every period of the range is present, those without touchpoints as zeros, and every kind,
    in :class:`TouchpointKind` order (the order the chart stacks them in).
    """

    period: Period
    #: The first day of each period.
    periods: tuple[dt.date, ...]
    counts: Mapping[TouchpointKind, tuple[int, ...]]
    #: "Whole team" or the manager's name.
    subject: str
    manager_id: int | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(period_label(start, self.period) for start in self.periods)

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.counts.values(), strict=True))

    @property
    def total(self) -> int:
        return sum(sum(values) for values in self.counts.values())

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def end(self) -> dt.date:
        """The last day covered (the last period's last day)."""
        return next_period(self.periods[-1], self.period) - dt.timedelta(days=1)


_FREQUENCY_SQL = """
SELECT substr(occurred_at, 1, 10) AS day, kind, COUNT(*) FROM touchpoint
WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? {where}
GROUP BY day, kind
"""


def frequency(
    period: Period | str,
    start: dt.date,
    end: dt.date,
    manager_id: int | None = None,
    *,
    week_start: int = 0,
    include_archived: bool = False,
) -> FrequencySeries:
    """Touchpoints per week or month and kind, for one manager or the whole team.

    The range is widened to whole periods (the week or month holding ``start`` up to the one
    holding ``end``), so the first and last bars are not cut short. Weeks begin on
    ``week_start`` (0 = Monday, as ISO 8601; 6 = Sunday).
    """
    period = Period(period)
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
        sql = _FREQUENCY_SQL.format(where=_archived_filter(include_archived))
        params: tuple[object, ...] = _bounds(first, after)
    else:
        subject = _manager_name(manager_id)
        sql = _FREQUENCY_SQL.format(where="AND manager_id = ?")
        params = (*_bounds(first, after), manager_id)
    counts = {kind: [0] * len(periods) for kind in TouchpointKind}
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
    )


# --- Planned versus held ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class PlannedHeld:
    """Touchpoints held against those the cadence planned (see the module docstring)."""

    held: int
    #: Days tracked / ideal days: 4.43 for a weekly cadence over 31 days.
    planned: float

    @property
    def expected(self) -> int:
        """``planned`` in whole touchpoints, rounded half up."""
        return math.floor(self.planned + 0.5)

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
        SELECT manager_id, substr(occurred_at, 1, 7) AS month, COUNT(*) FROM touchpoint
        WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
          AND kind IN ({", ".join("?" for _ in kinds)})
        GROUP BY manager_id, month
    """
    held: dict[tuple[int, str], int] = {}
    for manager_id, month, count in database.execute_sql(sql, (*_bounds(months[0], after), *kinds)):
        held[manager_id, month] = count
    rows = []
    for manager in managers:
        ideal = book.for_manager(manager.id)[TouchpointKind.ONE_ON_ONE].ideal_days
        row: list[PlannedHeld | None] = []
        for month in months:
            last = next_month(month) - dt.timedelta(days=1)
            days = _days_tracked(manager, month, last, today)
            count = held.get((manager.id, month.isoformat()[:7]), 0)
            row.append(PlannedHeld(count, days / ideal) if days else None)
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
    minutes: int
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
    """Coaching time per manager, the least attended first."""

    start: dt.date
    end: dt.date
    rows: tuple[ManagerTime, ...]
    total_minutes: int

    @property
    def even_share(self) -> float:
        """Each manager's share if time were split evenly: the yardstick for "too little"."""
        return 1 / len(self.rows) if self.rows else 0.0

    @property
    def is_empty(self) -> bool:
        return all(row.touchpoints == 0 for row in self.rows)


_TIME_SQL = """
SELECT manager_id, kind, COUNT(*), COALESCE(SUM(duration_minutes), 0),
       COUNT(*) - COUNT(duration_minutes)
FROM touchpoint
WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? {where}
GROUP BY manager_id, kind
"""


@dataclasses.dataclass(slots=True)
class _Tally:
    """What one manager got in a period: touchpoints per kind, minutes, missing durations."""

    by_kind: dict[TouchpointKind, int] = dataclasses.field(default_factory=dict)
    minutes: int = 0
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
        SELECT occurred_at, mood, kind FROM touchpoint
        WHERE manager_id = ? AND deleted_at IS NULL AND mood IS NOT NULL
          AND occurred_at >= ? AND occurred_at < ?
        ORDER BY occurred_at
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
    #: Per coaching activity (every kind of :data:`~coachjournal.cadence.CADENCE_KINDS`).
    activities: Mapping[TouchpointKind, PlannedHeld]
    #: Minutes of coaching in the month, every kind (informal chats too).
    minutes: int
    #: Of the executive's coaching minutes in the month.
    share: float


@dataclasses.dataclass(frozen=True, slots=True)
class Scorecard:
    """The executive's month: per manager and activity, planned by the cadence versus held."""

    month: dt.date
    kinds: tuple[TouchpointKind, ...]
    rows: tuple[ScorecardRow, ...]
    total_minutes: int


def scorecard(
    month: dt.date, *, today: dt.date | None = None, include_archived: bool = False
) -> Scorecard:
    """The scorecard of ``month``'s month, for the managers tracked in it, sorted by name.

    A career conversation (or any kind set to count as a one-on-one) counts in its own column
    and in the one-on-ones', as it does for the cadence. Shares are of the minutes of the
    managers listed.
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
    rows = []
    for manager in managers:
        tally = tallies.get(manager.id, _Tally())
        days = _days_tracked(manager, first, last, today)
        rules = book.for_manager(manager.id)
        activities = {}
        for kind in CADENCE_KINDS:
            counted = _counted_kinds(kind, counting)
            held = sum(count for each, count in tally.by_kind.items() if each.value in counted)
            activities[kind] = PlannedHeld(held, days / rules[kind].ideal_days)
        rows.append(
            ScorecardRow(
                manager_id=manager.id,
                name=manager.name,
                activities=MappingProxyType(activities),
                minutes=tally.minutes,
                share=tally.minutes / total if total else 0.0,
            )
        )
    return Scorecard(month=first, kinds=CADENCE_KINDS, rows=tuple(rows), total_minutes=total)
