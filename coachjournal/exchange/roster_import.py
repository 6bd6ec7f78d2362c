"""Add managers from a CSV file (an HR or CRM export, or a sheet typed by hand), with a preview.

Columns are found by their header, whatever the order, the case, the spacing and the usual
names ("Full name", "Job title", "Region", "Email address"...); "First name" and "Last name"
columns are joined when there is no name column. Columns the journal does not keep are ignored
and listed. Spreadsheets save CSV in many ways, so the text may be UTF-8 (with or without a byte
order mark), UTF-16 (Excel's "Unicode text") or Windows-1252, and the delimiter a comma, a
semicolon (Excel in most of Europe) or a tab; it is read from the header line.

:func:`preview_roster` reads and checks every row, writing nothing: each row is new, a
duplicate (of a manager already in the journal, or of an earlier row, by e-mail, or by name when
there is no e-mail) or invalid (with "row N, column X: …"); blank rows are passed over.
:func:`apply_roster` adds the new ones in one transaction, through
:mod:`coachjournal.coaching.roster`'s own validation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

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
_FIRST = frozenset({"firstname", "givenname", "forename"})
_LAST = frozenset({"lastname", "surname", "familyname"})
_LABELS = {"name": "Name", "title": "Title", "team": "Team", "email": "E-mail", "phone": "Phone"}


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


@dataclasses.dataclass(frozen=True, slots=True)
class RosterPlan:
    source: str
    #: Field -> the header of the column it is read from ("name" may be "First name + Last name").
    columns: Mapping[str, str]
    #: Headers of columns the journal does not keep.
    ignored: tuple[str, ...]
    rows: tuple[RosterRow, ...]

    def with_status(self, status: RowStatus) -> tuple[RosterRow, ...]:
        return tuple(row for row in self.rows if row.status is status)


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
        for field, names in SYNONYMS.items():
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
    return values


# --- Checking ---------------------------------------------------------------------------------


def _existing() -> tuple[set[str], set[str]]:
    """E-mails and names (folded) of the managers already in the journal, archived included."""
    emails, names = set(), set()
    for name, email in database.execute_sql("SELECT name, email FROM manager"):
        names.add(name.strip().casefold())
        if email.strip():
            emails.add(email.strip().casefold())
    return emails, names


@dataclasses.dataclass(slots=True)
class _Seen:
    emails: set[str]
    names: set[str]
    #: Keys first seen in this file: key -> row number.
    in_file: dict[str, int] = dataclasses.field(default_factory=dict)

    def duplicate(self, values: Mapping[str, str]) -> str | None:
        """Why the row repeats a manager, or None; remembers it otherwise."""
        email, name = values["email"].casefold(), values["name"].casefold()
        key = f"email:{email}" if email else f"name:{name}"
        if key in self.in_file:
            return f"the same {'e-mail' if email else 'name'} as row {self.in_file[key]}"
        if (email and email in self.emails) or (not email and name in self.names):
            what = f"e-mail {values['email']}" if email else f"name {values['name']}"
            return f"a manager with the {what} is already in the journal"
        return None

    def remember(self, values: Mapping[str, str], number: int) -> None:
        email, name = values["email"].casefold(), values["name"].casefold()
        self.in_file[f"email:{email}" if email else f"name:{name}"] = number


def _check(
    values: Mapping[str, str], number: int, shown: Mapping[str, str], seen: _Seen
) -> RosterRow:
    try:
        roster.clean_fields(dict(values))
    except ValidationError as error:
        column = shown.get(error.field, _LABELS.get(error.field, error.field))
        message = f"row {number}, column {column}: {one_line(error.message)}"
        return RosterRow(number, values, RowStatus.INVALID, message)
    reason = seen.duplicate(values)
    if reason is not None:
        return RosterRow(number, values, RowStatus.DUPLICATE, f"row {number}: {reason}")
    seen.remember(values, number)
    return RosterRow(number, values, RowStatus.NEW)


def _plan(source: str, records: list[list[str]]) -> RosterPlan:
    start = header_index(source, records, RosterImportError)
    headers = records[start]
    found, shown, ignored = _columns(headers)
    if "name" not in shown:
        raise RosterImportError(
            f"{source} has no column for names (a header such as “Name” or “Full name”); its "
            f"columns are: {', '.join(one_line(h) for h in headers if h.strip())}."
        )
    seen = _Seen(*_existing())
    rows = []
    for offset, record in enumerate(records[start + 1 :], start=start + 2):
        if not is_blank(record):
            rows.append(_check(_values(record, found), offset, shown, seen))
    return RosterPlan(source, shown, ignored, tuple(rows))


def preview_roster(source: Path | str | bytes) -> RosterPlan:
    """Read a roster CSV (a path, or its bytes) and check it against the open journal."""
    return _plan(*read_records(source, "The roster", RosterImportError))


def apply_roster(plan: RosterPlan) -> RosterCounts:
    """Add the plan's new managers in one transaction, checked again as they are written (a
    manager added since the preview is then a duplicate)."""
    created = 0
    with database.atomic():
        seen = _Seen(*_existing())
        for row in plan.with_status(RowStatus.NEW):
            if seen.duplicate(row.values) is None:
                roster.create_manager(**row.values)
                seen.remember(row.values, row.number)
                created += 1
    new = len(plan.with_status(RowStatus.NEW))
    return RosterCounts(
        created=created,
        duplicates=len(plan.with_status(RowStatus.DUPLICATE)) + new - created,
        invalid=len(plan.with_status(RowStatus.INVALID)),
    )
