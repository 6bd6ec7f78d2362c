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
  current one. Without a date, or for a veteran, they start at most :data:`YEARS_SHOWN` years
  back, or at the first figures recorded, whichever is earlier.
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

    def next(self) -> FiscalPeriod:
        return FiscalPeriod(self.after, self.period, self.fiscal_start)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.after


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


def _write(manager_id: int, period: FiscalPeriod, values: Mapping[Figure, Value]) -> None:
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
    merged = {**current.values(), **{f: check(f, v) for f, v in values.items()}}
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
    manager_id: int, period: FiscalPeriod, values: Mapping[Figure, Value]
) -> PeriodFigures:
    """Change some of a manager's figures in one period; return all of them as stored."""
    if Manager.get_or_none(Manager.id == manager_id) is None:
        raise LookupError(f"there is no manager with id {manager_id}")
    with database.atomic():
        _write(manager_id, period, values)
    return figures(manager_id, [period])[0]


def set_many(
    manager_id: int, changes: Iterable[tuple[FiscalPeriod, Mapping[Figure, Value]]]
) -> int:
    """Several periods' changes (a pasted block) in one transaction: all or none. Returns the
    number of periods written."""
    count = 0
    with database.atomic():
        for period, values in changes:
            _write(manager_id, period, values)
            count += 1
    return count


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
    """The latest value of a figure, the period it is from and how it moved since the last."""

    value: float
    period: FiscalPeriod
    trend: ResultTrend | None
    #: The value of the previous period that had one (the trend is from it).
    previous: float | None = None


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
        """``104% ↑ (Oct 2026)``; "no figures" when there are none."""
        return _latest_text(self.attainment, lambda value: f"{value:.0%}")

    @property
    def rep_coaching_text(self) -> str:
        """``2.8 per rep a month ↓ (Oct 2026)``."""
        return _latest_text(self.rep_coaching, lambda value: f"{value:.1f} per rep a month")


def _latest_text(latest: Latest | None, shown: Any) -> str:
    if latest is None:
        return "no figures"
    arrow = f" {latest.trend.arrow} {latest.trend.value}" if latest.trend else ""
    return f"{shown(latest.value)}{arrow} ({latest.period.label})"


def _latest(points: Sequence[tuple[FiscalPeriod, float]], flat_within: float) -> Latest | None:
    if not points:
        return None
    period, value = points[-1]
    previous = points[-2][1] if len(points) > 1 else None
    return Latest(value, period, trend(value, previous, flat_within), previous)


#: The last two periods with a value, per manager: the latest and the one its trend is from.
#: Each manager's two rows come from the (manager, period, starts_on) index read backwards,
#: which reads far fewer rows than ranking every row with a window function.
_LATEST_SQL = """
SELECT r.manager_id, r.starts_on, {value}
FROM manager AS m
JOIN result AS r ON r.id IN (
    SELECT id FROM result
    WHERE manager_id = m.id AND period = ? AND starts_on <= ? AND {known}
    ORDER BY starts_on DESC
    LIMIT 2
)
{managers}
ORDER BY r.manager_id, r.starts_on
"""
_ATTAINMENT_SQL = ("actual_cents * 1.0 / plan_cents", "plan_cents > 0 AND actual_cents IS NOT NULL")
_REP_COACHING_SQL = (
    "(COALESCE(rep_one_on_ones, 0) + COALESCE(joint_calls, 0)) * 1.0 / reps / ?",
    "reps > 0 AND (rep_one_on_ones IS NOT NULL OR joint_calls IS NOT NULL)",
)


def _last_two(
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
    for manager_id, starts_on, number in database.execute_sql(
        _LATEST_SQL.format(value=value, known=known, managers=managers), params
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
    trend since the previous period that had one. Two queries, whatever the team's size."""
    today = today or dt.date.today()
    settings = load_settings()
    wanted = None if manager_ids is None else sorted(set(manager_ids))
    reached = _last_two(_ATTAINMENT_SQL, settings, today, wanted)
    coached = _last_two(_REP_COACHING_SQL, settings, today, wanted)
    ids = wanted if wanted is not None else sorted(set(reached) | set(coached))
    return {
        manager_id: ResultSummary(
            manager_id=manager_id,
            attainment=_latest(reached.get(manager_id, []), ATTAINMENT_FLAT),
            rep_coaching=_latest(coached.get(manager_id, []), REP_COACHING_FLAT),
            target=settings.target,
        )
        for manager_id in ids
    }


def summary(manager_id: int, today: dt.date | None = None) -> ResultSummary:
    """One manager's latest attainment and rep coaching, with their trends."""
    return summaries([manager_id], today)[manager_id]


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


def correlation_strength(rho: float) -> str:
    """How strong a rank correlation is, in words (Cohen's usual cut-offs: 0.1, 0.3, 0.5)."""
    size = abs(rho)
    if size < 0.1:
        return "no clear link"
    word = "a weak" if size < 0.3 else "a moderate" if size < 0.5 else "a strong"
    return f"{word} {'positive' if rho > 0 else 'negative'} link"


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
