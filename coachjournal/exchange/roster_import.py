"""Add managers from a CSV file (an HR or CRM export, or a sheet typed by hand), with a preview.

Columns are found by their header, whatever the order, the case, the spacing and the usual
names ("Full name", "Job title", "Region", "Email address"...); "First name" and "Last name"
columns are joined when there is no name column. Columns the journal does not keep are ignored
and listed. Spreadsheets save CSV in many ways, so the text may be UTF-8 (with or without a byte
order mark), UTF-16 (Excel's "Unicode text") or Windows-1252, and the delimiter a comma, a
semicolon (Excel in most of Europe) or a tab; it is read from the header line.

HR exports have two habits of their own:

* **A start date** ("Start date", "Manager since", "Hire date", "Date started"...) fills
  "manager since". It is written in the file's own way: ISO (``2021-03-25``), day first
  (``25/03/2021``), month first (``03/25/2021``), a month name (``25 Mar 2021``), with a time
  after it (``3/25/2021 0:00``), or as an Excel serial number (``44280``, days since 30 December
  1899). Whether numbers are day or month first is decided once per file, from the values that
  read only one way (a 25 can only be a day); when every value reads both ways, the caller's
  order (the user's date order) decides, and the plan says so. Each value is then read by
  :mod:`coachjournal.typed_dates`, the parser of every date field. A date that cannot be read,
  or is in the future, is named in a note on its row, and the row is added without it.
* **"Last, First" names** ("Kelly, Siobhán", "van der Berg, Anna") are offered as "First Last";
  the plan keeps the name as written, and :func:`apply_roster` can keep every name of the file
  as written instead. A comma before a suffix ("King, Jr.") is not a turned-around name.

:func:`preview_roster` reads and checks every row, writing nothing: each row is new, a
duplicate (of a manager already in the journal, or of an earlier row, by e-mail, or by name when
there is no e-mail) or invalid (with "row N, column X: …"); blank rows are passed over.
:func:`apply_roster` adds the new ones in one transaction, through
:mod:`coachjournal.coaching.roster`'s own validation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path

from coachjournal import rules, typed_dates
from coachjournal.coaching import roster
from coachjournal.errors import CoachJournalError, ValidationError
from coachjournal.exchange.csv_input import (
    header_index,
    ignored_headers,
    is_blank,
    one_line,
    read_records,
    simplify,
)
from coachjournal.storage.models import database

#: The fields a roster file can fill, in the order a preview shows them.
FIELDS = ("name", "title", "team", "email", "phone")
#: Header names per field, as :func:`_simplify` leaves them (letters and digits, lower case).
SYNONYMS: Mapping[str, frozenset[str]] = {
    "name": frozenset(
        {"name", "fullname", "manager", "managername", "employee", "employeename", "displayname"}
    ),
    "title": frozenset({"title", "jobtitle", "position", "role", "job", "function"}),
    "team": frozenset(
        {"team", "region", "territory", "department", "area", "district", "businessunit"}
    ),
    "email": frozenset(
        {"email", "emailaddress", "mail", "workemail", "businessemail", "primaryemail"}
    ),
    "phone": frozenset(
        {"phone", "phonenumber", "mobile", "mobilephone", "cell", "telephone", "workphone"}
    ),
}
#: Header names of a start-date column, which fills "manager since".
_SINCE = frozenset(
    {
        "startdate",
        "managersince",
        "hiredate",
        "datestarted",
        "startedon",
        "dateofhire",
        "hired",
        "datejoined",
        "joindate",
        "inrolesince",
        "roledate",
        "rolestartdate",
        "positionstartdate",
    }
)
_FIRST = frozenset({"firstname", "givenname", "forename"})
_LAST = frozenset({"lastname", "surname", "familyname"})
_LABELS = {
    "name": "Name",
    "title": "Title",
    "team": "Team",
    "email": "E-mail",
    "phone": "Phone",
    "manager_since": "Manager since",
}
#: What follows a comma in a name without turning it around ("Martin King, Jr.").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "mba", "esq", "cpa"})
#: A date written as numbers: day and month in some order, then the year.
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
#: A time after a date, as spreadsheets write a date cell: "3/25/2021 0:00", "...T00:00:00".
_TIME = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]\.?m\.?)?)$", re.IGNORECASE)
#: An Excel serial day: five or six digits (1950 to 2200), maybe with ".0" from a number cell.
_SERIAL = re.compile(r"(\d{5,6})(?:\.0+)?")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_YEAR = re.compile(r"\b\d{4}\b")


class RosterImportError(CoachJournalError):
    """The roster file cannot be read at all (nothing was imported)."""


class RowStatus(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    INVALID = "invalid"


@dataclasses.dataclass(frozen=True, slots=True)
class RosterRow:
    """One data row of the file (blank rows are left out)."""

    #: The row's number as a spreadsheet shows it (the header is row 1).
    number: int
    values: Mapping[str, str]
    status: RowStatus
    #: Why a row is a duplicate or invalid: "row 7, column Email: …".
    message: str = ""
    #: The start date read from the file, when it could be read.
    manager_since: dt.date | None = None
    #: The name as the file writes it, when ``values["name"]`` turned "Last, First" around.
    written_name: str = ""
    #: What was left out of a row that is still added: "row 4, column Start date: …".
    note: str = ""

    def name(self, *, as_written: bool = False) -> str:
        """The name the manager gets: as offered, or as the file writes it."""
        return self.written_name if as_written and self.written_name else self.values["name"]


@dataclasses.dataclass(frozen=True, slots=True)
class RosterPlan:
    source: str
    #: Field -> the header of the column it is read from ("name" may be "First name + Last name").
    columns: Mapping[str, str]
    #: Headers of columns the journal does not keep.
    ignored: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    #: How the start dates' numbers were read: "day-month", "month-day" (or "iso").
    date_order: typed_dates.Order = "day-month"
    #: Why: "from the file (25/03/2021 on row 4)", or the caller's order when nothing tells.
    date_order_reason: str = ""

    def with_status(self, status: RowStatus) -> tuple[RosterRow, ...]:
        return tuple(row for row in self.rows if row.status is status)

    @property
    def turned_names(self) -> tuple[RosterRow, ...]:
        """The rows whose "Last, First" name is offered as "First Last"."""
        return tuple(row for row in self.rows if row.written_name)


@dataclasses.dataclass(frozen=True, slots=True)
class RosterCounts:
    created: int
    duplicates: int
    invalid: int


# --- Reading ----------------------------------------------------------------------------------


def _columns(headers: Sequence[str]) -> tuple[dict[str, int], dict[str, str], tuple[str, ...]]:
    """Field -> column index, field -> header shown, and the ignored headers.

    The first column that fits a field wins; "First name" and "Last name" stand in for a
    missing name column (under the field "name", joined at read time).
    """
    found: dict[str, int] = {}
    used: set[int] = set()
    for index, header in enumerate(headers):
        simple = simplify(header)
        for field, names in (*SYNONYMS.items(), ("manager_since", _SINCE)):
            if field not in found and simple in names:
                found[field] = index
                used.add(index)
    for part, names in (("first", _FIRST), ("last", _LAST)):
        at = next((i for i, h in enumerate(headers) if simplify(h) in names), None)
        if at is not None and "name" not in found:
            found[part] = at
            used.add(at)
    shown = {field: one_line(headers[index]) for field, index in found.items()}
    if "name" not in found and ("first" in found or "last" in found):
        shown["name"] = " + ".join(shown.pop(p) for p in ("first", "last") if p in shown)
    return found, shown, ignored_headers(headers, used)


def _values(record: Sequence[str], found: Mapping[str, int]) -> dict[str, str]:
    def cell(field: str) -> str:
        index = found.get(field)
        return record[index].strip() if index is not None and index < len(record) else ""

    values = {field: cell(field) for field in FIELDS}
    if "name" not in found:
        values["name"] = " ".join(part for part in (cell("first"), cell("last")) if part)
    if "manager_since" in found:
        values["manager_since"] = cell("manager_since")
    return values


def turned_around(name: str) -> str | None:
    """ "Kelly, Siobhán" as "Siobhán Kelly" ("van der Berg, Anna": "Anna van der Berg"), or None
    when the name is not written "Last, First" (no comma, more than one, or a suffix)."""
    last, comma, first = name.partition(",")
    last, first = " ".join(last.split()), " ".join(first.split())
    if not comma or "," in first or not last or not first:
        return None
    if first.replace(".", "").casefold() in _SUFFIXES:
        return None
    return f"{first} {last}"


# --- Start dates ------------------------------------------------------------------------------


def _without_time(text: str) -> str:
    return _TIME.sub("", " ".join(text.split()))


def file_date_order(
    texts: Iterable[tuple[int, str]], fallback: typed_dates.Order
) -> tuple[typed_dates.Order, str]:
    """The order of a file's numeric dates, from the first (row, text) that reads only one
    way; ``fallback`` when none does. Returns the order and why, in words."""
    for number, text in texts:
        match = _NUMERIC_DATE.fullmatch(_without_time(text))
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            return "day-month", f"day first, as {one_line(text)} on row {number} shows"
        if second > 12 >= first:
            return "month-day", f"month first, as {one_line(text)} on row {number} shows"
    words = {"day-month": "day first", "month-day": "month first", "iso": "year first"}
    return fallback, f"{words[fallback]}, your date order: no date in the file tells"


def read_start_date(text: str, order: typed_dates.Order, today: dt.date) -> dt.date | None:
    """A start date as an HR file writes it (see the module docstring), or None if empty.
    Raises :class:`ValidationError` saying why it is not one."""
    cleaned = _without_time(text)
    serial = _SERIAL.fullmatch(cleaned)
    if serial is not None:
        day = _EXCEL_EPOCH + dt.timedelta(days=int(serial[1]))
        if not rules.plausible_day(day):
            raise ValidationError("manager_since", "Not a date.")
        return day
    # "12", "fri" or "+2w" are dates to type in a field, not to find in an HR file
    if _YEAR.search(cleaned) is None and _NUMERIC_DATE.fullmatch(cleaned) is None:
        raise ValidationError("manager_since", "Not a date with its year.")
    return typed_dates.parse(cleaned, today, order, leaning="past")


# --- Checking ---------------------------------------------------------------------------------


def _existing() -> tuple[set[str], set[str]]:
    """E-mails and names (folded) of the managers already in the journal, archived included;
    a name typed "Last, First" also as "First Last"."""
    emails, names = set(), set()
    for name, email in database.execute_sql("SELECT name, email FROM manager"):
        names.add(name.strip().casefold())
        turned = turned_around(name)
        if turned is not None:
            names.add(turned.casefold())
        if email.strip():
            emails.add(email.strip().casefold())
    return emails, names


@dataclasses.dataclass(slots=True)
class _Seen:
    emails: set[str]
    names: set[str]
    #: Keys first seen in this file: key -> row number.
    in_file: dict[str, int] = dataclasses.field(default_factory=dict)

    def duplicate(self, values: Mapping[str, str], written: str = "") -> str | None:
        """Why the row repeats a manager, or None (``written``: its name as the file wrote
        it, which a manager typed in that way would have)."""
        email, name = values["email"].casefold(), values["name"].casefold()
        key = f"email:{email}" if email else f"name:{name}"
        if key in self.in_file:
            return f"the same {'e-mail' if email else 'name'} as row {self.in_file[key]}"
        if email and email in self.emails:
            return f"a manager with the e-mail {values['email']} is already in the journal"
        if not email:
            known = next((n for n in (values["name"], written) if n.casefold() in self.names), None)
            if known is not None:
                return f"a manager with the name {known} is already in the journal"
        return None

    def remember(self, values: Mapping[str, str], number: int) -> None:
        email, name = values["email"].casefold(), values["name"].casefold()
        self.in_file[f"email:{email}" if email else f"name:{name}"] = number


def _start_date(
    text: str, number: int, column: str, order: typed_dates.Order, today: dt.date
) -> tuple[dt.date | None, str]:
    """The row's start date, or None and a note saying why it was left out."""
    if not text:
        return None, ""
    try:
        day = read_start_date(text, order, today)
        roster.clean_fields({"manager_since": day}, today)
    except ValidationError as error:
        reason = one_line(error.message).removesuffix(".")
        note = f"row {number}, column {column}: “{one_line(text)}” is left out ({reason})."
        return None, note
    return day, ""


def _check(
    values: Mapping[str, str],
    number: int,
    shown: Mapping[str, str],
    seen: _Seen,
    order: typed_dates.Order,
    today: dt.date,
) -> RosterRow:
    text = {field: values[field] for field in FIELDS}
    since, note = _start_date(
        values.get("manager_since", ""), number, shown.get("manager_since", ""), order, today
    )
    written = ""
    if "name" in shown and " + " not in shown["name"]:
        turned = turned_around(text["name"])
        if turned is not None:
            written, text["name"] = one_line(text["name"]), turned
    shown_values = {**values, "name": text["name"]}
    try:
        text = roster.clean_fields(text)  # as it will be stored: invisible overrides dropped
        shown_values = {**values, **text}
        if written:  # kept as written if the user asks: it must be a name the app can keep too
            roster.clean_fields({**text, "name": written})
    except ValidationError as error:
        column = shown.get(error.field, _LABELS.get(error.field, error.field))
        message = f"row {number}, column {column}: {one_line(error.message)}"
        return RosterRow(number, shown_values, RowStatus.INVALID, message, since, written)
    reason = seen.duplicate(text, written)
    if reason is not None:
        message = f"row {number}: {reason}"
        return RosterRow(number, shown_values, RowStatus.DUPLICATE, message, since, written)
    seen.remember(text, number)
    return RosterRow(number, shown_values, RowStatus.NEW, "", since, written, note)


def _plan(
    source: str, records: list[list[str]], order: typed_dates.Order, today: dt.date
) -> RosterPlan:
    start = header_index(source, records, RosterImportError)
    headers = records[start]
    found, shown, ignored = _columns(headers)
    if "name" not in shown:
        raise RosterImportError(
            f"{source} has no column for names (a header such as “Name” or “Full name”); its "
            f"columns are: {', '.join(one_line(h) for h in headers if h.strip())}."
        )
    data = [
        (number, _values(record, found))
        for number, record in enumerate(records[start + 1 :], start=start + 2)
        if not is_blank(record)
    ]
    reason = ""
    if "manager_since" in found:
        dates = ((number, values["manager_since"]) for number, values in data)
        order, reason = file_date_order(dates, order)
    seen = _Seen(*_existing())
    rows = tuple(_check(values, number, shown, seen, order, today) for number, values in data)
    return RosterPlan(source, shown, ignored, rows, order, reason)


def preview_roster(
    source: Path | str | bytes,
    *,
    date_order: typed_dates.Order = "day-month",
    today: dt.date | None = None,
) -> RosterPlan:
    """Read a roster CSV (a path, or its bytes) and check it against the open journal.

    ``date_order`` reads the file's start dates when none of them says which comes first.
    """
    records = read_records(source, "The roster", RosterImportError)
    return _plan(*records, date_order, today or dt.date.today())


def apply_roster(plan: RosterPlan, *, names_as_written: bool = False) -> RosterCounts:
    """Add the plan's new managers in one transaction, checked again as they are written (a
    manager added since the preview is then a duplicate). ``names_as_written`` keeps "Last,
    First" names as the file writes them."""
    created = 0
    with database.atomic():
        seen = _Seen(*_existing())
        for row in plan.with_status(RowStatus.NEW):
            fields = {field: row.values[field] for field in FIELDS}
            if seen.duplicate(fields, row.written_name) is None:
                name = row.name(as_written=names_as_written)
                roster.create_manager(**{**fields, "name": name}, manager_since=row.manager_since)
                seen.remember(fields, row.number)
                created += 1
    new = len(plan.with_status(RowStatus.NEW))
    return RosterCounts(
        created=created,
        duplicates=len(plan.with_status(RowStatus.DUPLICATE)) + new - created,
        invalid=len(plan.with_status(RowStatus.INVALID)),
    )
