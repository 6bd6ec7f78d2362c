"""Table models for the import previews: what each calendar event or roster row will become."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from ui.dates import date_text
from ui.icons import icon

if TYPE_CHECKING:
    from coachjournal.exchange.ics import CalendarPlan
    from coachjournal.exchange.roster_import import RosterPlan

Index = QModelIndex | QPersistentModelIndex


class Outcome:
    """What happens to a previewed row; the text says it, the icon only repeats it."""

    CREATE = "create"
    KNOWN = "known"
    SKIP = "skip"


#: The icon of each outcome.
OUTCOME_ICONS = {Outcome.CREATE: "confirm", Outcome.KNOWN: "restore", Outcome.SKIP: "alert"}


@dataclasses.dataclass(frozen=True, slots=True)
class PreviewRow:
    cells: tuple[str, ...]
    outcome: str
    #: Sorts the rows (the event's time, the file's row number).
    order: tuple[Any, ...]


class ImportPreviewModel(QAbstractTableModel):
    """Read-only rows: text cells, the last one the outcome with its icon and a tooltip."""

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self.headers = tuple(headers)
        self.rows: list[PreviewRow] = []
        self._icons: dict[str, QIcon] = {}

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda row: row.order)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        text = row.cells[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        last = index.column() == len(self.headers) - 1
        if role == Qt.ItemDataRole.DecorationRole and last:
            name = OUTCOME_ICONS[row.outcome]
            if name not in self._icons:
                self._icons[name] = icon(name)
            return self._icons[name]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)


def _when(moment: dt.datetime | dt.date | None, all_day: bool = False) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, dt.datetime) and not all_day:
        return f"{date_text(moment.date())} {moment:%H:%M}"
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return f"{date_text(day)}, all day"


def _sort_time(moment: dt.datetime | dt.date | None) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=None)
    if isinstance(moment, dt.date):
        return dt.datetime.combine(moment, dt.time())
    return dt.datetime.max


CALENDAR_HEADERS = ("When", "Event", "Manager", "Kind", "Result")


def calendar_rows(plan: CalendarPlan) -> list[PreviewRow]:
    """One row per touchpoint to create or already there, one per skipped event."""
    rows = []
    for planned, outcome, result in [
        *((p, Outcome.CREATE, "Will be created") for p in plan.new),
        *((p, Outcome.KNOWN, "Already in the journal") for p in plan.duplicates),
    ]:
        rows.append(
            PreviewRow(
                (
                    _when(planned.occurred_at, planned.all_day),
                    planned.title,
                    planned.names,
                    planned.kind.label,
                    result,
                ),
                outcome,
                (_sort_time(planned.occurred_at), planned.title),
            )
        )
    for event in plan.skipped:
        times = f" ({event.occurrences} occurrences)" if event.occurrences > 1 else ""
        rows.append(
            PreviewRow(
                (
                    _when(event.start),
                    event.title or "(no title)",
                    "—",
                    "—",
                    f"Not imported: {event.reason}{times}",
                ),
                Outcome.SKIP,
                (_sort_time(event.start), event.title),
            )
        )
    return rows


def _roster_fields(plan: RosterPlan) -> list[str]:
    from coachjournal.exchange.roster_import import FIELDS

    return [field for field in (*FIELDS, "manager_since") if field in plan.columns]


def roster_headers(plan: RosterPlan) -> tuple[str, ...]:
    return ("Row", *(_FIELD_LABELS[f] for f in _roster_fields(plan)), "Result")


_ROW_PREFIX = re.compile(r"^row \d+[,:]\s*")
_FIELD_LABELS = {
    "name": "Name",
    "title": "Title",
    "team": "Team",
    "email": "E-mail",
    "phone": "Phone",
    "manager_since": "Manager since",
}


def roster_rows(plan: RosterPlan, *, names_as_written: bool = False) -> list[PreviewRow]:
    """One row per row of the file: its values as they will be stored (the name "First Last"
    unless ``names_as_written``, the start date as a date) and what happens to it."""
    from coachjournal.exchange.roster_import import RowStatus

    fields = _roster_fields(plan)
    outcomes = {
        RowStatus.NEW: Outcome.CREATE,
        RowStatus.DUPLICATE: Outcome.KNOWN,
        RowStatus.INVALID: Outcome.SKIP,
    }
    rows = []
    for row in plan.rows:
        # The message starts with the row's number ("row 7, column Email: …"), in its own column.
        message = _ROW_PREFIX.sub("", row.message or row.note)
        result = message[:1].upper() + message[1:]
        if row.status is RowStatus.NEW:
            result = "Will be added" + (f"; {message}" if message else "")
        values = {
            **row.values,
            "name": row.name(as_written=names_as_written),
            "manager_since": "—" if row.manager_since is None else date_text(row.manager_since),
        }
        cells = (str(row.number), *(values.get(field, "") for field in fields), result)
        rows.append(PreviewRow(cells, outcomes[row.status], (row.number,)))
    return rows


def column_mapping(plan: RosterPlan) -> str:
    """ "Name ← Full name, Title ← Job title; not kept: Salary", and how the start dates
    were read."""
    found = ", ".join(
        f"{_FIELD_LABELS[field]} ← “{plan.columns[field]}”" for field in _roster_fields(plan)
    )
    ignored = ", ".join(f"“{header}”" for header in plan.ignored)
    text = f"Columns read: {found}." + (f" Not kept: {ignored}." if ignored else "")
    if plan.date_order_reason:
        text += f" Dates read {plan.date_order_reason}."
    return text
