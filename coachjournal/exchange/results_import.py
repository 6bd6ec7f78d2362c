"""Results from a CSV file (a CRM or BI export, or a sheet typed by hand), with a preview.

Columns are found by their header, whatever the order, the case and the spacing, under the names
CRMs use ("Manager", "Owner", "Quota", "Plan", "Actual", "Bookings", "Rep count", "Month",
"Quarter"...); columns the journal does not keep are ignored and listed. The text encodings and
delimiters are those :mod:`coachjournal.exchange.csv_input` reads (UTF-8, UTF-16, Windows-1252;
comma, semicolon or tab).

Each row names a manager (by name, any case, or e-mail) and a period: a month (``2025-03``,
``2025-03-01``, ``Mar 2025``, ``03/2025``) or a quarter (``Q1 FY2026``, ``FY2026 Q1``, ``2025
Q3``, ``2025-Q3``: the year is the fiscal year, as the journal's settings define it). In a
column headed "Quarter", a date stands for the quarter that holds it. Figures are written in
the kind of period the row gives. A blank cell leaves that figure as it is.

:func:`preview_results` reads and checks every row, writing nothing. If any row is invalid, the
preview says which ("row 7, column Quota: …") and :func:`apply_results` refuses to write
anything: a results file is imported whole or not at all, since half a quarter's figures would
be wrong figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

from coachjournal import rules
from coachjournal.coaching import results
from coachjournal.coaching.results import Figure, FiscalPeriod, ResultSettings, Value
from coachjournal.errors import CoachJournalError, ValidationError
from coachjournal.exchange.csv_input import (
    header_index,
    ignored_headers,
    is_blank,
    one_line,
    read_records,
    simplify,
)
from coachjournal.kinds import ResultPeriod
from coachjournal.periods import add_months
from coachjournal.storage.models import Manager, database

#: Header names per column, as :func:`coachjournal.exchange.csv_input.simplify` leaves them.
SYNONYMS: Mapping[str, frozenset[str]] = {
    "manager": frozenset(
        {
            "manager",
            "managername",
            "salesmanager",
            "owner",
            "ownername",
            "teamlead",
            "teamleader",
            "name",
            "fullname",
            "email",
            "manageremail",
        }
    ),
    "period": frozenset(
        {"period", "month", "quarter", "date", "periodstart", "monthstart", "fiscalperiod"}
    ),
    Figure.PLAN: frozenset(
        {"plan", "quota", "target", "budget", "quotaamount", "planamount", "forecastquota"}
    ),
    Figure.ACTUAL: frozenset(
        {
            "actual",
            "actuals",
            "bookings",
            "revenue",
            "sales",
            "closedwon",
            "closedwonamount",
            "achieved",
            "actualamount",
        }
    ),
    Figure.REPS: frozenset(
        {"reps", "repcount", "numberofreps", "teamsize", "headcount", "salesreps"}
    ),
    Figure.ONE_ON_ONES: frozenset(
        {
            "oneonones",
            "11s",
            "1on1s",
            "1on1",
            "onetoones",
            "rep11s",
            "repcoaching1on1s",
            "coachingsessions",
            "oneononeswithreps",
        }
    ),
    Figure.JOINT_CALLS: frozenset(
        {
            "jointcalls",
            "ridealongs",
            "jointvisits",
            "fieldrides",
            "jointcustomercalls",
            "fieldvisits",
            "coachingcalls",
        }
    ),
    Figure.TEAM_MEETINGS: frozenset({"teammeetings", "meetings", "teamcalls", "huddles"}),
    Figure.NOTE: frozenset({"note", "notes", "comment", "comments", "remarks"}),
}
_LABELS = {"manager": "Manager", "period": "Period"}
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


class ResultsImportError(CoachJournalError):
    """The results file cannot be imported (nothing was written)."""


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    #: A manager and a period without a single figure: nothing to write, passed over.
    EMPTY = "empty"
    INVALID = "invalid"


@dataclasses.dataclass(frozen=True, slots=True)
class ResultRow:
    #: The row's number as a spreadsheet shows it (the header is row 1).
    number: int
    manager: str
    period_text: str
    status: RowStatus
    manager_id: int | None = None
    period: FiscalPeriod | None = None
    values: Mapping[Figure, Value] = dataclasses.field(default_factory=dict)
    #: Why a row is invalid: "row 7, column Quota: …".
    message: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class ResultsPlan:
    source: str
    #: "manager", "period" or a figure -> the header of the column it is read from.
    columns: Mapping[str, str]
    ignored: tuple[str, ...]
    rows: tuple[ResultRow, ...]
    settings: ResultSettings

    def with_status(self, status: RowStatus) -> tuple[ResultRow, ...]:
        return tuple(row for row in self.rows if row.status is status)

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The figures the file fills, in the grid's order."""
        return tuple(figure for figure in Figure if figure in self.columns)

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(row.message for row in self.with_status(RowStatus.INVALID))

    @property
    def other_kind(self) -> int:
        """Rows in a kind of period the journal does not show now (monthly rows while it
        shows quarters): imported, but kept aside until the setting is switched."""
        return sum(
            1
            for row in self.rows
            if row.period is not None and row.period.period is not self.settings.period
        )


@dataclasses.dataclass(frozen=True, slots=True)
class ResultsCounts:
    created: int
    updated: int


# --- Columns ----------------------------------------------------------------------------------


def _columns(headers: Sequence[str]) -> tuple[dict[str, int], dict[str, str], tuple[str, ...]]:
    """Column key -> index, column key -> header shown, and the ignored headers (the first
    column that fits a key wins)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        simple = simplify(header)
        for key, names in SYNONYMS.items():
            if key not in found and (simple in names or simple.rstrip("s") in names):
                found[key] = index
                break
    shown = {key: one_line(headers[index]) for key, index in found.items()}
    used = set(found.values())
    return found, shown, ignored_headers(headers, used)


# --- Periods ----------------------------------------------------------------------------------


def _month_period(year: int, month: int) -> FiscalPeriod:
    if not 1 <= month <= 12 or not rules.MIN_YEAR <= year <= rules.MAX_YEAR:
        raise ValueError
    return FiscalPeriod(dt.date(year, month, 1), ResultPeriod.MONTH, 1)


def _quarter_period(fiscal: int, quarter: int, settings: ResultSettings) -> FiscalPeriod:
    """Quarter ``quarter`` of fiscal year ``fiscal`` (named after the year it ends in)."""
    if not 1 <= quarter <= 4 or not rules.MIN_YEAR < fiscal <= rules.MAX_YEAR:
        raise ValueError
    first = dt.date(fiscal if settings.fiscal_start == 1 else fiscal - 1, settings.fiscal_start, 1)
    start = add_months(first, 3 * (quarter - 1))
    return FiscalPeriod(start, ResultPeriod.QUARTER, settings.fiscal_start)


def parse_period(
    text: str, settings: ResultSettings, *, quarter_column: bool = False
) -> FiscalPeriod:
    """The month or quarter that ``text`` names; :class:`ValueError` if it names none."""
    plain = re.sub(r"\s+", " ", text.strip().lower())
    match = re.fullmatch(r"(?:q([1-4])\s?(?:fy\s?)?(\d{4})|(?:fy\s?)?(\d{4})[\s-]?q([1-4]))", plain)
    if match:
        quarter = int(match.group(1) or match.group(4))
        year = int(match.group(2) or match.group(3))
        return _quarter_period(year, quarter, settings)
    month: FiscalPeriod | None = None
    if found := re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ t].*)?", plain):
        if found.group(3):
            dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        month = _month_period(int(found.group(1)), int(found.group(2)))
    elif found := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", plain):
        month = _month_period(int(found.group(2)), int(found.group(1)))
    elif found := re.fullmatch(r"([a-z]+)\.?[\s-]?(\d{4})", plain):
        if found.group(1) not in _MONTH_NAMES:
            raise ValueError(text)
        month = _month_period(int(found.group(2)), _MONTH_NAMES[found.group(1)])
    if month is None:
        raise ValueError(text)
    if quarter_column:
        quarters = ResultSettings(ResultPeriod.QUARTER, settings.fiscal_start, settings.target)
        return results.period_of(month.start, quarters)
    return month


# --- Rows -------------------------------------------------------------------------------------


def _managers() -> tuple[dict[str, list[int]], dict[str, int]]:
    """Managers by folded name (namesakes share a key) and by e-mail, archived included."""
    names: dict[str, list[int]] = {}
    emails: dict[str, int] = {}
    for manager_id, name, email in database.execute_sql("SELECT id, name, email FROM manager"):
        names.setdefault(" ".join(name.split()).casefold(), []).append(manager_id)
        if email.strip():
            emails[email.strip().casefold()] = manager_id
    return names, emails


def _existing() -> set[tuple[int, str, str]]:
    """(manager id, kind of period, first day) of every period that holds figures."""
    return {
        (manager_id, period, starts_on)
        for manager_id, period, starts_on in database.execute_sql(
            "SELECT manager_id, period, starts_on FROM result"
        )
    }


@dataclasses.dataclass(slots=True)
class _Context:
    found: Mapping[str, int]
    shown: Mapping[str, str]
    settings: ResultSettings
    names: Mapping[str, list[int]]
    emails: Mapping[str, int]
    existing: set[tuple[int, str, str]]
    #: (manager id, kind, first day) -> the row that first gave it.
    seen: dict[tuple[int, str, str], int] = dataclasses.field(default_factory=dict)

    def cell(self, record: Sequence[str], key: str) -> str:
        index = self.found.get(key)
        return record[index].strip() if index is not None and index < len(record) else ""

    def column(self, key: str) -> str:
        return self.shown.get(key, _LABELS.get(key, key))


def _manager_id(text: str, context: _Context) -> int:
    if "@" in text and text.casefold() in context.emails:
        return context.emails[text.casefold()]
    ids = context.names.get(" ".join(text.split()).casefold(), [])
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise ValueError(f"{len(ids)} managers are called “{text}”; use their e-mail instead")
    raise ValueError(f"no manager in the journal is called “{text}”")


def _check(number: int, record: Sequence[str], context: _Context) -> ResultRow:
    name, when = context.cell(record, "manager"), context.cell(record, "period")

    def invalid(key: str, message: str) -> ResultRow:
        text = f"row {number}, column {context.column(key)}: {message}"
        return ResultRow(number, name, when, RowStatus.INVALID, message=text)

    if not name:
        return invalid("manager", "the manager is missing")
    try:
        manager_id = _manager_id(name, context)
    except ValueError as error:
        return invalid("manager", f"{error}.")
    if not when:
        return invalid("period", "the period is missing")
    quarter_column = simplify(context.shown["period"]) == "quarter"
    try:
        period = parse_period(when, context.settings, quarter_column=quarter_column)
    except ValueError:
        return invalid(
            "period", f"“{when}” is not a month (2025-03, Mar 2025) or a quarter (Q1 FY2026)."
        )
    values: dict[Figure, Value] = {}
    for figure in Figure:
        if figure not in context.found:
            continue
        text = context.cell(record, figure)
        if not text:
            continue
        try:
            values[figure] = results.parse(figure, text)
        except ValidationError as error:
            return invalid(figure, error.message)
    try:
        results.check_started(period, values, dt.date.today())
    except ValidationError as error:
        return invalid(error.field, error.message)
    key = (manager_id, period.period.value, period.start.isoformat())
    if key in context.seen:
        return invalid("period", f"{name}, {period.label} is already on row {context.seen[key]}.")
    context.seen[key] = number
    if not values:
        return ResultRow(number, name, when, RowStatus.EMPTY, manager_id, period)
    status = RowStatus.UPDATE if key in context.existing else RowStatus.NEW
    return ResultRow(number, name, when, status, manager_id, period, values)


def _plan(source: str, records: list[list[str]], settings: ResultSettings) -> ResultsPlan:
    start = header_index(source, records, ResultsImportError)
    headers = records[start]
    found, shown, ignored = _columns(headers)
    listed = ", ".join(one_line(h) for h in headers if h.strip())
    for key, example in (("manager", "“Manager”"), ("period", "“Month” or “Quarter”")):
        if key not in found:
            raise ResultsImportError(
                f"{source} has no column for the {key} (a header such as {example}); its "
                f"columns are: {listed}."
            )
    if not any(figure in found for figure in Figure):
        raise ResultsImportError(
            f"{source} has no column of figures (such as “Quota”, “Actual” or “Rep count”); "
            f"its columns are: {listed}."
        )
    context = _Context(found, shown, settings, *_managers(), _existing())
    rows = [
        _check(number, record, context)
        for number, record in enumerate(records[start + 1 :], start=start + 2)
        if not is_blank(record)
    ]
    return ResultsPlan(source, shown, ignored, tuple(rows), settings)


def preview_results(source: Path | str | bytes) -> ResultsPlan:
    """Read a results CSV (a path, or its bytes) and check it against the open journal."""
    name, records = read_records(source, "The results file", ResultsImportError)
    return _plan(name, records, results.load_settings())


def apply_results(plan: ResultsPlan) -> ResultsCounts:
    """Write every row of the plan in one transaction; nothing if any row is invalid."""
    problems = plan.problems
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ResultsImportError(f"Nothing was imported: {problems[0]}{more}")
    existing = _existing()
    created = updated = 0
    with database.atomic():
        for row in plan.rows:
            if row.status is RowStatus.EMPTY:
                continue
            assert row.manager_id is not None and row.period is not None
            if Manager.get_or_none(Manager.id == row.manager_id) is None:
                raise ResultsImportError(
                    f"Nothing was imported: {row.manager} (row {row.number}) was deleted "
                    "since the preview."
                )
            key = (row.manager_id, row.period.period.value, row.period.start.isoformat())
            if key in existing:
                updated += 1
            else:
                created += 1
            results.set_figures(row.manager_id, row.period, row.values)
    return ResultsCounts(created=created, updated=updated)
