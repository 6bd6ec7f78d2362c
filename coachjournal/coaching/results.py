"""Each manager's team results next to their coaching: periods, figures, attainment, trends.

The executive records, per manager and period, the team's plan (quota) and actual, the number
of reps, and how the manager coached those reps (one-on-ones, joint customer calls, team
meetings, as the manager reports them). Periods are calendar months or quarters of a fiscal year
that starts in any month (:class:`ResultSettings`, stored in the journal's ``setting`` table so
they travel with it).

Conventions:

* Money is kept in cents (whole numbers), so sums are exact; an empty figure is None, "not
  known", never zero.
* Attainment is actual / plan. A plan of zero or no plan gives no attainment ("no plan"), never
  a division by zero; a plan without an actual gives none either.
* Rep coaching is the coaching a rep got from their manager per month: (one-on-ones + joint
  calls) / reps / months in the period. Team meetings are reported beside it, not in it: a
  meeting of the whole team is not coaching of each rep.
* A fiscal year is named after the calendar year it ends in (a year starting in April 2025 is
  FY2026), as most companies do; with a January start it is the calendar year.
* A manager's periods run from the one they became a manager in (``manager_since``) to the
  end of the fiscal year (the next one too in the last quarter of a year), so that a year's plans
  can be entered when it starts. Without a date, or for a veteran, they start at most
  :data:`YEARS_SHOWN` years back, or at the first figures recorded, whichever is earlier.
* A period that has not started takes a plan and a note only: nothing else has happened yet.
* The period in progress is not a finished one. Its attainment is the *pace*: the actual against
  the plan so far, the plan pro rata to the working days (Monday to Friday) gone, today included.
  (A straight-line projection of the actual to the period's end, over the plan, is the same
  number; "pace" says better that it is a rate, not a result.) Working days rather than calendar
  days, because sales are booked on them: on a Monday the calendar would count a weekend that
  sold nothing. It is marked month-to-date (or quarter-to-date) and sets no trend arrow until the
  period closes. Quarter- and year-to-date attainment add up the fiscal quarter's and year's
  periods the same way (:func:`to_date_totals`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from coachjournal import rules
from coachjournal.errors import ValidationError
from coachjournal.kinds import ResultPeriod
from coachjournal.periods import (
    MONTH_ABBREVIATIONS,
    add_months,
    fiscal_period_start,
    fiscal_quarter,
    fiscal_year,
)
from coachjournal.storage.models import Manager, Result, Setting, database, utcnow

PERIOD_KEY = "results.period"
FISCAL_START_KEY = "results.fiscal_year_start"
TARGET_KEY = "results.rep_coaching_target"
#: A one-on-one or a joint call with each rep most weeks: the yardstick until one is set.
DEFAULT_TARGET = 3.0
#: How far back a manager's periods go when they became a manager long ago (or no one knows).
YEARS_SHOWN = 5
#: Changes smaller than these read as flat: attainment in points of a percent (0.02 = 2 points),
#: rep coaching in touches per rep per month.
ATTAINMENT_FLAT = 0.02
REP_COACHING_FLAT = 0.1
#: The grid runs to the end of the fiscal year that holds the day this many months ahead: in a
#: year's last quarter, the next year's plans can be entered too.
PLAN_AHEAD_MONTHS = 3
#: The largest amount a figure may hold (a trillion): anything more is a typing slip.
MAX_CENTS = rules.CENTS.high
MAX_COUNT = rules.COUNT.high


# --- Settings ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ResultSettings:
    period: ResultPeriod = ResultPeriod.MONTH
    #: The month the fiscal year starts in, 1 (January) to 12.
    fiscal_start: int = 1
    #: Rep coaching per rep per month the executive expects of every manager.
    target: float = DEFAULT_TARGET


def _stored(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return None if row is None else str(row.value)


def load_settings() -> ResultSettings:
    """The journal's choices; a value this version cannot read falls back to its default (a
    preference must never stop a screen from opening)."""
    default = ResultSettings()
    period = _stored(PERIOD_KEY)
    start = _stored(FISCAL_START_KEY)
    target = _stored(TARGET_KEY)
    try:
        fiscal_start = int(start) if start is not None else default.fiscal_start
    except ValueError:
        fiscal_start = default.fiscal_start
    try:
        value = float(target) if target is not None else default.target
    except ValueError:
        value = default.target
    return ResultSettings(
        period=ResultPeriod(period) if period in set(ResultPeriod) else default.period,
        fiscal_start=fiscal_start if 1 <= fiscal_start <= 12 else default.fiscal_start,
        target=value if math.isfinite(value) and value > 0 else default.target,
    )


def setting_fault(key: str, value: str) -> str | None:
    """What is wrong with ``value`` stored under one of these settings' keys, as a sentence (an
    import checks a file with it), or None; None too for any other key."""
    current = ResultSettings()
    try:
        if key == PERIOD_KEY:
            _check(dataclasses.replace(current, period=ResultPeriod(value)))
        elif key == FISCAL_START_KEY:
            _check(dataclasses.replace(current, fiscal_start=int(value)))
        elif key == TARGET_KEY:
            _check(dataclasses.replace(current, target=float(value)))
    except ValueError:
        return "This setting cannot take that value."
    except ValidationError as error:
        return error.message
    return None


def _check(settings: ResultSettings) -> None:
    if not 1 <= settings.fiscal_start <= 12:
        raise ValidationError("fiscal_start", "The fiscal year starts in a month from 1 to 12.")
    if not (math.isfinite(settings.target) and 0 < settings.target <= 100):
        raise ValidationError(
            "target", "The rep coaching target is a number above 0 and at most 100."
        )


def save_settings(settings: ResultSettings) -> ResultSettings:
    """Store the choices, after checking them."""
    _check(settings)
    values = {
        PERIOD_KEY: ResultPeriod(settings.period).value,
        FISCAL_START_KEY: str(settings.fiscal_start),
        TARGET_KEY: f"{settings.target:g}",
    }
    with database.atomic():
        for key, value in values.items():
            Setting.insert(key=key, value=value).on_conflict_replace().execute()
    return settings


# --- Periods ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class FiscalPeriod:
    """A month or a fiscal quarter, known by its first day."""

    start: dt.date
    period: ResultPeriod
    fiscal_start: int = 1

    @property
    def months(self) -> int:
        return 1 if self.period is ResultPeriod.MONTH else 3

    @property
    def after(self) -> dt.date:
        """The first day of the next period."""
        return add_months(self.start, self.months)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return self.after - dt.timedelta(days=1)

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.start, self.fiscal_start)

    @property
    def label(self) -> str:
        """``Apr 2025``, or ``Q1 FY2026`` for a quarter."""
        if self.period is ResultPeriod.MONTH:
            return f"{MONTH_ABBREVIATIONS[self.start.month - 1]} {self.start.year}"
        return f"Q{fiscal_quarter(self.start, self.fiscal_start)} FY{self.fiscal_year}"

    @property
    def span(self) -> str:
        """The months a quarter covers, ``Apr–Jun 2025`` (``Nov 2025–Jan 2026`` across years);
        a month's own label."""
        if self.period is ResultPeriod.MONTH:
            return self.label
        last = add_months(self.start, 2)
        first = MONTH_ABBREVIATIONS[self.start.month - 1]
        if last.year != self.start.year:
            first += f" {self.start.year}"
        return f"{first}–{MONTH_ABBREVIATIONS[last.month - 1]} {last.year}"

    @property
    def to_date(self) -> str:
        """``month-to-date`` or ``quarter-to-date``: what a figure of the open period is."""
        return f"{self.period.value}-to-date"

    @property
    def to_date_short(self) -> str:
        """``MTD`` or ``QTD``."""
        return "MTD" if self.period is ResultPeriod.MONTH else "QTD"

    def next(self) -> FiscalPeriod:
        return FiscalPeriod(self.after, self.period, self.fiscal_start)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.after

    def has_started(self, today: dt.date) -> bool:
        return self.start <= today

    def working_days(self, today: dt.date | None = None) -> int:
        """Its working days (Monday to Friday), or those gone by ``today``, today included."""
        last = self.after if today is None else min(self.after, today + dt.timedelta(days=1))
        return working_days(self.start, last)

    def share_gone(self, today: dt.date) -> float:
        """How much of the period is behind ``today`` in working days: 1 once it has closed,
        0 before it starts."""
        if today >= self.after:
            return 1.0
        return self.working_days(today) / self.working_days()


def working_days(start: dt.date, after: dt.date) -> int:
    """Monday-to-Friday days from ``start`` up to ``after`` (not included)."""
    days = (after - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for offset in range(rest) if (first + offset) % 7 < 5)


def fiscal_year_start(day: dt.date, fiscal_start: int) -> dt.date:
    """The first day of the fiscal year holding ``day``."""
    year = day.year if day.month >= fiscal_start else day.year - 1
    return dt.date(year, fiscal_start, 1)


def period_of(day: dt.date, settings: ResultSettings) -> FiscalPeriod:
    """The period of ``settings``' kind that holds ``day``."""
    start = fiscal_period_start(day, settings.period, settings.fiscal_start)
    return FiscalPeriod(start, settings.period, settings.fiscal_start)


def periods_between(first: dt.date, last: dt.date, settings: ResultSettings) -> list[FiscalPeriod]:
    """Every period from the one holding ``first`` to the one holding ``last``, both included."""
    periods = []
    period = period_of(first, settings)
    while period.start <= last:
        periods.append(period)
        period = period.next()
    return periods


def first_day(manager_id: int, today: dt.date) -> dt.date:
    """The first day of a manager's results (see the module docstring)."""
    manager = Manager.get_or_none(Manager.id == manager_id)
    if manager is None:
        raise LookupError(f"there is no manager with id {manager_id}")
    floor = dt.date(today.year - YEARS_SHOWN, today.month, 1)
    since: dt.date | None = manager.manager_since
    start = floor if since is None else max(since, floor)
    recorded = Result.select(Result.starts_on).where(Result.manager == manager_id)
    earliest = min((row.starts_on for row in recorded), default=None)
    if earliest is not None and earliest < start:
        start = earliest
    return min(start, today)


def manager_periods(
    manager_id: int, settings: ResultSettings, today: dt.date | None = None
) -> list[FiscalPeriod]:
    """The manager's periods, oldest first, up to the current one."""
    today = today or dt.date.today()
    return periods_between(first_day(manager_id, today), today, settings)


def plan_horizon(today: dt.date, settings: ResultSettings) -> dt.date:
    """The last day that takes plans ahead: the end of the fiscal year holding the day
    :data:`PLAN_AHEAD_MONTHS` months from ``today``."""
    ahead = add_months(today, PLAN_AHEAD_MONTHS)
    return add_months(fiscal_year_start(ahead, settings.fiscal_start), 12) - dt.timedelta(days=1)


def grid_periods(
    manager_id: int, settings: ResultSettings, today: dt.date | None = None
) -> list[FiscalPeriod]:
    """The periods the grid offers: the manager's, then those ahead up to the
    :func:`plan_horizon` (or to the last with figures, if one lies further)."""
    today = today or dt.date.today()
    recorded = Result.select(Result.starts_on).where(
        (Result.manager == manager_id) & (Result.period == settings.period.value)
    )
    latest = max((row.starts_on for row in recorded), default=today)
    return periods_between(
        first_day(manager_id, today), max(plan_horizon(today, settings), latest), settings
    )


# --- Figures ----------------------------------------------------------------------------------


class Figure(StrEnum):
    """The columns of a manager's results, in the order the grid shows them."""

    PLAN = "plan"
    ACTUAL = "actual"
    ATTAINMENT = "attainment"
    REPS = "reps"
    ONE_ON_ONES = "one_on_ones"
    JOINT_CALLS = "joint_calls"
    TEAM_MEETINGS = "team_meetings"
    REP_COACHING = "rep_coaching"
    NOTE = "note"

    @property
    def label(self) -> str:
        return _FIGURE_LABELS[self]

    @property
    def editable(self) -> bool:
        return self not in (Figure.ATTAINMENT, Figure.REP_COACHING)

    @property
    def is_money(self) -> bool:
        return self in (Figure.PLAN, Figure.ACTUAL)


_FIGURE_LABELS = {
    Figure.PLAN: "Plan",
    Figure.ACTUAL: "Actual",
    Figure.ATTAINMENT: "Attainment",
    Figure.REPS: "Reps",
    Figure.ONE_ON_ONES: "1:1s with reps",
    Figure.JOINT_CALLS: "Joint calls",
    Figure.TEAM_MEETINGS: "Team meetings",
    Figure.REP_COACHING: "Coaching per rep",
    Figure.NOTE: "Note",
}
#: The figures stored, and their columns.
STORED: Mapping[Figure, str] = MappingProxyType(
    {
        Figure.PLAN: "plan_cents",
        Figure.ACTUAL: "actual_cents",
        Figure.REPS: "reps",
        Figure.ONE_ON_ONES: "rep_one_on_ones",
        Figure.JOINT_CALLS: "joint_calls",
        Figure.TEAM_MEETINGS: "team_meetings",
        Figure.NOTE: "note",
    }
)

#: What a figure holds: cents or a count (None: empty), or the note's text.
Value = int | str | None


def attainment(plan_cents: int | None, actual_cents: int | None) -> float | None:
    """actual / plan; None with no plan, a zero plan or no actual."""
    if not plan_cents or actual_cents is None:
        return None
    return actual_cents / plan_cents


def rep_coaching(
    one_on_ones: int | None, joint_calls: int | None, reps: int | None, months: int = 1
) -> float | None:
    """(one-on-ones + joint calls) per rep per month; None without reps or without either
    count (one of the two missing counts as none held)."""
    if not reps or (one_on_ones is None and joint_calls is None):
        return None
    return ((one_on_ones or 0) + (joint_calls or 0)) / reps / months


@dataclasses.dataclass(frozen=True, slots=True)
class PeriodFigures:
    """One manager's figures in one period (all empty when nothing was recorded)."""

    period: FiscalPeriod
    plan_cents: int | None = None
    actual_cents: int | None = None
    reps: int | None = None
    one_on_ones: int | None = None
    joint_calls: int | None = None
    team_meetings: int | None = None
    note: str = ""

    @property
    def attainment(self) -> float | None:
        return attainment(self.plan_cents, self.actual_cents)

    def pace(self, today: dt.date) -> float | None:
        """The attainment as of ``today``: actual / plan once the period has closed, actual /
        the plan so far while it is open (see the module docstring); None before a working day
        of it has gone."""
        share = self.period.share_gone(today)
        value = self.attainment
        return None if value is None or share == 0 else value / share

    @property
    def has_plan(self) -> bool:
        return bool(self.plan_cents)

    @property
    def rep_coaching(self) -> float | None:
        return rep_coaching(self.one_on_ones, self.joint_calls, self.reps, self.period.months)

    @property
    def is_empty(self) -> bool:
        return all(self.value(figure) in (None, "") for figure in STORED)

    def value(self, figure: Figure) -> Value:
        """The stored value of an editable figure."""
        if figure is Figure.ONE_ON_ONES:
            return self.one_on_ones
        if figure is Figure.NOTE:
            return self.note
        if figure not in STORED:
            raise ValueError(f"{figure} is worked out, not stored")
        value: Value = getattr(self, STORED[figure].removeprefix("rep_"))
        return value

    def values(self) -> dict[Figure, Value]:
        return {figure: self.value(figure) for figure in STORED}


def _figures(row: Mapping[str, Any], period: FiscalPeriod) -> PeriodFigures:
    """The figures of a ``Result.select().dicts()`` row."""
    return PeriodFigures(
        period=period,
        plan_cents=row["plan_cents"],
        actual_cents=row["actual_cents"],
        reps=row["reps"],
        one_on_ones=row["rep_one_on_ones"],
        joint_calls=row["joint_calls"],
        team_meetings=row["team_meetings"],
        note=row["note"],
    )


def figures(manager_id: int, periods: Sequence[FiscalPeriod]) -> list[PeriodFigures]:
    """The manager's figures for each of ``periods`` (empty ones where nothing is recorded)."""
    if not periods:
        return []
    kind = periods[0].period
    rows: Any = (
        Result.select()
        .where(
            (Result.manager == manager_id)
            & (Result.period == kind.value)
            & (Result.starts_on >= periods[0].start)
            & (Result.starts_on <= periods[-1].start)
        )
        .dicts()
    )
    stored = {row["starts_on"]: row for row in rows}
    return [
        _figures(stored[period.start], period) if period.start in stored else PeriodFigures(period)
        for period in periods
    ]


def other_period_count(manager_id: int, settings: ResultSettings) -> int:
    """Figures of the manager recorded in the other kind of period (before a switch from months
    to quarters, say), or in quarters that a change of fiscal year no longer lines up with:
    kept, but not shown."""
    rows = Result.select(Result.period, Result.starts_on).where(Result.manager == manager_id)
    return sum(
        1
        for row in rows
        if row.period != settings.period.value
        or fiscal_period_start(row.starts_on, settings.period, settings.fiscal_start)
        != row.starts_on
    )


# --- Entering figures -------------------------------------------------------------------------

_CURRENCY = re.compile(r"[$€£¥₹¤\s\u00a0\u202f']|(?i:usd|eur|gbp|chf)")
_SCALE = {"k": 100_000, "m": 100_000_000}


def _money(text: str) -> int:
    """Cents from what people type or spreadsheets write: ``125000``, ``125,000.50``,
    ``€125.000,50``, ``$1.2m``, ``80k``. A final ``.`` or ``,`` followed by one or two digits
    (any number of digits before a ``k`` or ``m``) is the decimal mark; other dots and commas,
    spaces and apostrophes group thousands."""
    plain = _CURRENCY.sub("", text).lower()
    scale = 100
    if plain[-1:] in _SCALE:
        scale = _SCALE[plain[-1]]
        plain = plain[:-1]
    if re.fullmatch(r"\d[\d.,]*", plain) is None:
        raise ValueError(text)
    decimals = r"\d{1,2}" if scale == 100 else r"\d+"
    match = re.fullmatch(rf"(.*?)[.,]({decimals})", plain)
    whole, fraction = (match.group(1), match.group(2)) if match else (plain, "")
    whole = whole.replace(",", "").replace(".", "")
    if not whole.isdigit():
        raise ValueError(text)
    return int(whole) * scale + round(int(fraction or 0) * scale / int(10 ** len(fraction)))


def parse(figure: Figure, text: str) -> Value:
    """The value of ``figure`` typed as ``text`` (blank: empty); a :class:`ValidationError`
    that says what is wrong otherwise."""
    text = text.strip()
    if figure is Figure.NOTE:
        return rules.checked(figure.value, text, rules.NOTES, "The note")
    if not figure.editable:
        raise ValidationError(figure.value, f"{figure.label} is worked out from the figures.")
    if not text:
        return None
    if figure.is_money:
        try:
            cents = _money(text)
        except ValueError:
            raise ValidationError(
                figure.value, f"{figure.label} must be an amount, like 125000 or 125,000.50."
            ) from None
        if cents > MAX_CENTS:
            raise ValidationError(figure.value, f"{figure.label} is too large to be right.")
        return cents
    number = re.sub(r"[\s,'\u00a0\u202f]", "", text)
    if number.startswith("-"):
        raise ValidationError(figure.value, f"{figure.label} cannot be negative.")
    if re.fullmatch(r"\d+(\.0*)?", number) is None:
        raise ValidationError(figure.value, f"{figure.label} must be a whole number, like 6.")
    count = int(float(number))
    if count > MAX_COUNT:
        raise ValidationError(figure.value, f"{figure.label} is too large to be right.")
    return count


def check(figure: Figure, value: Value) -> Value:
    """A value given as a number (by the import or a test) checked like a typed one."""
    if figure is Figure.NOTE:
        if not isinstance(value, str):
            raise ValidationError(figure.value, "The note must be text.")
        return rules.checked(figure.value, value.strip(), rules.NOTES, "The note")
    if not figure.editable:
        raise ValidationError(figure.value, f"{figure.label} is worked out from the figures.")
    if value is None:
        return None
    if isinstance(value, str):
        return parse(figure, value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(figure.value, f"{figure.label} must be a whole number.")
    if value < 0:
        raise ValidationError(figure.value, f"{figure.label} cannot be negative.")
    if value > (MAX_CENTS if figure.is_money else MAX_COUNT):
        raise ValidationError(figure.value, f"{figure.label} is too large to be right.")
    return value


#: What a period that has not started takes: the rest has not happened yet.
AHEAD = frozenset({Figure.PLAN, Figure.NOTE})


def check_started(period: FiscalPeriod, values: Mapping[Figure, Value], today: dt.date) -> None:
    """A :class:`ValidationError` if ``values`` fill a figure of a period that has not started
    other than its plan and note (emptying one is always allowed)."""
    if period.has_started(today):
        return
    for figure, value in values.items():
        if figure not in AHEAD and value not in (None, ""):
            raise ValidationError(
                figure.value,
                f"{period.label} has not started: only its plan and a note can be entered "
                f"ahead, not {figure.label.lower()}.",
            )


def _write(
    manager_id: int, period: FiscalPeriod, values: Mapping[Figure, Value], today: dt.date
) -> None:
    """Store ``values`` over what the period holds; a period left with nothing is deleted."""
    row: Any = (
        Result.select()
        .where(
            (Result.manager == manager_id)
            & (Result.period == period.period.value)
            & (Result.starts_on == period.start)
        )
        .dicts()
        .get_or_none()
    )
    current = PeriodFigures(period) if row is None else _figures(row, period)
    checked = {f: check(f, v) for f, v in values.items()}
    check_started(period, checked, today)
    merged = {**current.values(), **checked}
    columns = {STORED[figure]: value for figure, value in merged.items()}
    if all(value in (None, "") for value in merged.values()):
        if row is not None:
            Result.delete_by_id(row["id"])
        return
    if row is None:
        Result.create(
            manager=manager_id, period=period.period.value, starts_on=period.start, **columns
        )
    else:
        Result.update(**columns, updated_at=utcnow()).where(Result.id == row["id"]).execute()


def set_figures(
    manager_id: int,
    period: FiscalPeriod,
    values: Mapping[Figure, Value],
    today: dt.date | None = None,
) -> PeriodFigures:
    """Change some of a manager's figures in one period; return all of them as stored."""
    if Manager.get_or_none(Manager.id == manager_id) is None:
        raise LookupError(f"there is no manager with id {manager_id}")
    with database.atomic():
        _write(manager_id, period, values, today or dt.date.today())
    return figures(manager_id, [period])[0]


def set_many(
    manager_id: int,
    changes: Iterable[tuple[FiscalPeriod, Mapping[Figure, Value]]],
    today: dt.date | None = None,
) -> int:
    """Several periods' changes (a pasted block) in one transaction: all or none. Returns the
    number of periods written."""
    today = today or dt.date.today()
    count = 0
    with database.atomic():
        for period, values in changes:
            _write(manager_id, period, values, today)
            count += 1
    return count


def spread(total_cents: int, periods: Sequence[FiscalPeriod]) -> list[tuple[FiscalPeriod, int]]:
    """A yearly figure split evenly over ``periods``, to the cent: the cents left over go one
    each to the first periods, so the parts add up to the whole."""
    if not periods:
        return []
    share, left = divmod(total_cents, len(periods))
    return [(period, share + (1 if index < left else 0)) for index, period in enumerate(periods)]


def plan_year(
    total_cents: int, year: Sequence[PeriodFigures], keep: bool = False
) -> list[tuple[FiscalPeriod, int]]:
    """The plans that spread a yearly figure over ``year``'s periods (:func:`spread`). With
    ``keep``, the plans already entered stay and what they leave of the figure is spread over
    the periods without one; a :class:`ValidationError` if they already add up to more."""
    if not keep:
        return spread(total_cents, [figures.period for figures in year])
    kept = sum(figures.plan_cents or 0 for figures in year)
    empty = [figures.period for figures in year if not figures.plan_cents]
    if not empty:
        raise ValidationError("plan", "Every period of the year already has a plan.")
    if kept > total_cents:
        raise ValidationError(
            "plan",
            f"The plans already entered add up to {money_text(kept)}, more than the year's "
            f"{money_text(total_cents)}.",
        )
    return spread(total_cents - kept, empty)


def fiscal_year_periods(year_start: dt.date, settings: ResultSettings) -> list[FiscalPeriod]:
    """The months or quarters of the fiscal year starting on ``year_start``."""
    return periods_between(year_start, add_months(year_start, 11), settings)


# --- Trends and the summary -------------------------------------------------------------------


class ResultTrend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"

    @property
    def arrow(self) -> str:
        return {ResultTrend.UP: "↑", ResultTrend.DOWN: "↓", ResultTrend.FLAT: "→"}[self]


def trend(latest: float, previous: float | None, flat_within: float) -> ResultTrend | None:
    """Up, down or flat from ``previous`` to ``latest``; None without a previous value."""
    if previous is None:
        return None
    if latest - previous > flat_within:
        return ResultTrend.UP
    if previous - latest > flat_within:
        return ResultTrend.DOWN
    return ResultTrend.FLAT


@dataclasses.dataclass(frozen=True, slots=True)
class Latest:
    """The latest value of a figure, the period it is from and how it moved since the last.

    For the period in progress, ``value`` is the pace (see the module docstring), ``so_far`` the
    figure as it stands and ``days`` the working days gone and in all; its trend is None until
    the period closes."""

    value: float
    period: FiscalPeriod
    trend: ResultTrend | None
    #: The value of the previous period that had one (the trend is from it).
    previous: float | None = None
    so_far: float | None = None
    days: tuple[int, int] | None = None

    @property
    def is_to_date(self) -> bool:
        return self.days is not None

    @property
    def marker(self) -> str:
        """``MTD`` or ``QTD`` for the period in progress, else empty."""
        return self.period.to_date_short if self.is_to_date else ""


@dataclasses.dataclass(frozen=True, slots=True)
class ResultSummary:
    """What the dashboard and the prep sheet show of a manager's results."""

    manager_id: int
    attainment: Latest | None
    rep_coaching: Latest | None
    target: float

    @property
    def is_empty(self) -> bool:
        return self.attainment is None and self.rep_coaching is None

    @property
    def attainment_text(self) -> str:
        """``104% ↑ up (Oct 2026)``; ``146% of the plan to date (Dec 2026 month-to-date: 19%
        of the month's plan, 3 of 23 working days gone)``; "no figures" when there are none."""
        latest = self.attainment
        unit = "" if latest is None else latest.period.period.value
        return _latest_text(
            latest,
            lambda value: f"{value:.0%}",
            ("of the plan to date", f"of the {unit}'s plan"),
        )

    @property
    def rep_coaching_text(self) -> str:
        """``2.8 per rep a month ↓ down (Oct 2026)``; ``2.8 per rep a month at this pace (Dec
        2026 month-to-date: 0.4 so far, 3 of 23 working days gone)``."""
        return _latest_text(
            self.rep_coaching,
            lambda value: f"{value:.1f} per rep a month",
            ("at this pace", "so far"),
            lambda value: f"{value:.1f}",
        )


def _latest_text(
    latest: Latest | None, shown: Any, words: tuple[str, str], short: Any = None
) -> str:
    """The latest value, its trend and period; the period in progress as its pace, with
    ``words`` (after the pace, after the figure so far)."""
    if latest is None:
        return "no figures"
    if latest.days is not None and latest.so_far is not None:
        gone, total = latest.days
        so_far = (short or shown)(latest.so_far)
        return (
            f"{shown(latest.value)} {words[0]} ({latest.period.label} {latest.period.to_date}: "
            f"{so_far} {words[1]}, {gone} of {total} working days gone)"
        )
    arrow = f" {latest.trend.arrow} {latest.trend.value}" if latest.trend else ""
    return f"{shown(latest.value)}{arrow} ({latest.period.label})"


def _latest(
    points: Sequence[tuple[FiscalPeriod, float]], flat_within: float, today: dt.date
) -> Latest | None:
    """The last point with its trend from the one before; the period in progress as its pace
    and without a trend, or left out before a working day of it has gone."""
    if not points:
        return None
    period, value = points[-1]
    previous = points[-2][1] if len(points) > 1 else None
    if not period.contains(today):
        return Latest(value, period, trend(value, previous, flat_within), previous)
    share = period.share_gone(today)
    if share == 0:
        return _latest(points[:-1], flat_within, today)
    days = (period.working_days(today), period.working_days())
    return Latest(value / share, period, None, previous, so_far=value, days=days)


#: The last two periods with a value, per manager: the latest and the one its trend is from
#: (three before the first working day of the period in progress, which is then left out).
#: Each manager's rows come from the (manager, period, starts_on) index read backwards, which
#: reads far fewer rows than ranking every row with a window function.
_LATEST_SQL = """
SELECT r.manager_id, r.starts_on, {value}
FROM manager AS m
JOIN result AS r ON r.id IN (
    SELECT id FROM result
    WHERE manager_id = m.id AND period = ? AND starts_on <= ? AND {known}
    ORDER BY starts_on DESC
    LIMIT {limit}
)
{managers}
ORDER BY r.manager_id, r.starts_on
"""
_ATTAINMENT_SQL = ("actual_cents * 1.0 / plan_cents", "plan_cents > 0 AND actual_cents IS NOT NULL")
_REP_COACHING_SQL = (
    "(COALESCE(rep_one_on_ones, 0) + COALESCE(joint_calls, 0)) * 1.0 / reps / ?",
    "reps > 0 AND (rep_one_on_ones IS NOT NULL OR joint_calls IS NOT NULL)",
)


def _last_values(
    sql: tuple[str, str],
    settings: ResultSettings,
    today: dt.date,
    wanted: Sequence[int] | None,
) -> dict[int, list[tuple[FiscalPeriod, float]]]:
    value, known = sql
    managers = "" if wanted is None else f"WHERE m.id IN ({', '.join('?' * len(wanted))})"
    params: list[object] = (
        [] if "?" not in value else [1 if settings.period is ResultPeriod.MONTH else 3]
    )
    params += [settings.period.value, period_of(today, settings).start.isoformat(), *(wanted or ())]
    found: dict[int, list[tuple[FiscalPeriod, float]]] = {}
    limit = 3 if period_of(today, settings).share_gone(today) == 0 else 2
    for manager_id, starts_on, number in database.execute_sql(
        _LATEST_SQL.format(value=value, known=known, managers=managers, limit=limit), params
    ):
        period = FiscalPeriod(
            dt.date.fromisoformat(starts_on), settings.period, settings.fiscal_start
        )
        found.setdefault(manager_id, []).append((period, number))
    return found


def summaries(
    manager_ids: Iterable[int] | None = None, today: dt.date | None = None
) -> dict[int, ResultSummary]:
    """The summary of every manager asked for (all with figures, by default): the latest
    period up to today's with an attainment, and with a rep-coaching figure, each with its
    trend since the previous period that had one (the period in progress: its pace, without a
    trend). Two queries, whatever the team's size."""
    today = today or dt.date.today()
    settings = load_settings()
    wanted = None if manager_ids is None else sorted(set(manager_ids))
    reached = _last_values(_ATTAINMENT_SQL, settings, today, wanted)
    coached = _last_values(_REP_COACHING_SQL, settings, today, wanted)
    ids = wanted if wanted is not None else sorted(set(reached) | set(coached))
    return {
        manager_id: ResultSummary(
            manager_id=manager_id,
            attainment=_latest(reached.get(manager_id, []), ATTAINMENT_FLAT, today),
            rep_coaching=_latest(coached.get(manager_id, []), REP_COACHING_FLAT, today),
            target=settings.target,
        )
        for manager_id in ids
    }


def summary(manager_id: int, today: dt.date | None = None) -> ResultSummary:
    """One manager's latest attainment and rep coaching, with their trends."""
    return summaries([manager_id], today)[manager_id]


# --- Quarter and year to date ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ToDate:
    """Attainment over a fiscal quarter or year so far: the actuals over the plans of its
    periods that have both, the period in progress counting its plan pro rata."""

    #: ``QTD`` or ``YTD``.
    short: str
    #: ``Q4 FY2026`` or ``FY2026``.
    span: str
    plan_cents: float
    actual_cents: int
    #: Periods (per manager) with a plan and an actual, and periods begun (per manager).
    counted: int
    begun: int

    @property
    def attainment(self) -> float | None:
        return self.actual_cents / self.plan_cents if self.plan_cents > 0 else None

    @property
    def text(self) -> str:
        """``YTD 97%`` (``YTD –`` without figures)."""
        value = self.attainment
        return f"{self.short} {'–' if value is None else f'{value:.0%}'}"

    @property
    def description(self) -> str:
        """The figure in a sentence, with what it counts."""
        what = "Quarter to date" if self.short == "QTD" else "Year to date"
        value = self.attainment
        if value is None:
            return f"{what} ({self.span}): no periods with a plan and an actual yet"
        return (
            f"{what} ({self.span}): {value:.0%} of plan, {money_text(self.actual_cents)} of "
            f"{money_text(round(self.plan_cents))} (the period in progress pro rata), from "
            f"{self.counted} of {self.begun} periods begun that have a plan and an actual"
        )


def to_date_totals(
    manager_ids: Iterable[int],
    today: dt.date | None = None,
    settings: ResultSettings | None = None,
) -> tuple[ToDate, ToDate]:
    """Quarter- and year-to-date attainment of the managers' teams together (one manager's, or
    the whole team's): the fiscal quarter and year holding ``today``. One query."""
    today = today or dt.date.today()
    settings = settings or load_settings()
    wanted = sorted(set(manager_ids))
    current = period_of(today, settings)
    year_start = fiscal_year_start(today, settings.fiscal_start)
    quarter_start = fiscal_period_start(today, ResultPeriod.QUARTER, settings.fiscal_start)
    begun = periods_between(year_start, today, settings)
    rows = database.execute_sql(
        f"""
        SELECT starts_on, SUM(plan_cents), SUM(actual_cents), COUNT(*) FROM result
        WHERE period = ? AND starts_on >= ? AND starts_on <= ?
          AND manager_id IN ({", ".join("?" * len(wanted))})
          AND plan_cents > 0 AND actual_cents IS NOT NULL
        GROUP BY starts_on
        """,
        [settings.period.value, year_start.isoformat(), current.start.isoformat(), *wanted],
    )
    shares = {period.start: period.share_gone(today) for period in begun}
    sums = {"QTD": [0.0, 0, 0], "YTD": [0.0, 0, 0]}
    for starts_on, plan, actual, count in rows:
        start = dt.date.fromisoformat(starts_on)
        if start not in shares or shares[start] == 0:
            continue
        spans = ("QTD", "YTD") if start >= quarter_start else ("YTD",)
        for span in spans:
            sums[span][0] += plan * shares[start]
            sums[span][1] += actual
            sums[span][2] += count
    in_quarter = sum(1 for period in begun if period.start >= quarter_start)
    quarter = f"Q{fiscal_quarter(today, settings.fiscal_start)} FY{current.fiscal_year}"
    return (
        ToDate(
            "QTD",
            quarter,
            sums["QTD"][0],
            int(sums["QTD"][1]),
            int(sums["QTD"][2]),
            in_quarter * len(wanted),
        ),
        ToDate(
            "YTD",
            f"FY{current.fiscal_year}",
            sums["YTD"][0],
            int(sums["YTD"][1]),
            int(sums["YTD"][2]),
            len(begun) * len(wanted),
        ),
    )


# --- Rank correlation -------------------------------------------------------------------------


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing the mean of the ranks they span ([10, 20, 20] -> 1, 2.5, 2.5)."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    result = [0.0] * len(values)
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and values[order[end + 1]] == values[order[position]]:
            end += 1
        shared = (position + end) / 2 + 1
        for index in order[position : end + 1]:
            result[index] = shared
        position = end + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation: the Pearson correlation of the ranks (which handles ties
    correctly, where the textbook 1 - 6Σd²/(n(n²-1)) does not). None with fewer than three
    pairs, or when either side has every value equal (no order to compare)."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs as many x values as y values")
    if len(xs) < 3:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mean = (len(xs) + 1) / 2
    dx = [r - mean for r in rx]
    dy = [r - mean for r in ry]
    sxx = sum(d * d for d in dx)
    syy = sum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)


#: Below this many managers the rank correlation is not put into words. The 95% interval of
#: Spearman's ρ by Fisher's z (standard error √(1.06 / (n − 3)), Fieller, Hartley and Pearson)
#: is an approximation meant for ten pairs or more; and with nine, even ρ = 0.6 has an interval
#: from about −0.1 to 0.9, which says nothing about the link's size.
MIN_CORRELATION_PAIRS = 10
#: Cohen's usual cut-offs between no link, a weak, a moderate and a strong one.
_STRENGTHS = ((0.1, "no"), (0.3, "weak"), (0.5, "moderate"), (math.inf, "strong"))


def correlation_interval(rho: float, count: int) -> tuple[float, float] | None:
    """The 95% interval of Spearman's ρ over ``count`` pairs, by Fisher's z with the
    standard error √(1.06 / (n − 3)); None below :data:`MIN_CORRELATION_PAIRS`."""
    if count < MIN_CORRELATION_PAIRS:
        return None
    clipped = max(-0.999999, min(0.999999, rho))
    z = math.atanh(clipped)
    half = 1.959964 * math.sqrt(1.06 / (count - 3))
    return math.tanh(z - half), math.tanh(z + half)


def _strength(size: float) -> str:
    return next(word for limit, word in _STRENGTHS if size < limit)


def correlation_strength(rho: float, count: int) -> str:
    """How strong a rank correlation is, in words, judged by its 95% interval rather than the
    point: "too few managers to tell" below :data:`MIN_CORRELATION_PAIRS`; "no clear link"
    when the interval holds zero (or only links too small to matter); else the strengths the
    interval spans, "a weak to strong positive link"."""
    interval = correlation_interval(rho, count)
    if interval is None:
        return f"too few managers to tell (it takes {MIN_CORRELATION_PAIRS})"
    low, high = interval
    if low <= 0 <= high:
        return "no clear link (the interval runs from a negative to a positive one)"
    near, far = sorted((abs(low), abs(high)))
    weakest, strongest = _strength(near), _strength(far)
    if strongest == "no":
        return "no link worth the name"
    if weakest == "no":
        weakest = "negligible"
    words = weakest if weakest == strongest else f"{weakest} to {strongest}"
    return f"a {words} {'positive' if rho > 0 else 'negative'} link"


# --- Money as shown ---------------------------------------------------------------------------


def money_text(cents: int | None) -> str:
    """``125,000`` (cents only when there are some: ``125,000.50``); empty for None."""
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return f"{whole:,}" + (f".{part:02d}" if part else "")


def short_money(cents: int) -> str:
    """``1.2M``, ``125k``, ``950``: for chart labels."""
    value = cents / 100
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 10_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:,.0f}"
