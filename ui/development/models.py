"""Item models of the development screens: traits, motivators (ranked by drag and drop),
assignments (one manager's or the whole team's, sortable and filterable), rating histories and
linked touchpoints.

Models read through :mod:`coachjournal.coaching.development` and never write: a change the user
makes in a view (a motivator dragged to a new rank) is announced by a signal, and the screen that
owns the undo stack writes it through the session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from coachjournal.coaching import development
from coachjournal.coaching.development import (
    AssignmentRecord,
    AssignmentView,
    LinkedTouchpoint,
    MotivatorRecord,
    RatingPoint,
    TraitRecord,
    kind_label,
    status_label,
)
from coachjournal.kinds import AssignmentStatus
from ui import dates
from ui.development.text import (
    OUTCOME_WORDS,
    confirmation_text,
    due_text,
    target_text,
    trend_words,
    warning_colour,
)
from ui.icons import icon

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
RecordRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3
#: True on the first row of a group (strengths, development areas): the delegate heads it,
#: with the number of rows in the group.
GroupStartRole = Qt.ItemDataRole.UserRole + 4
GroupSizeRole = Qt.ItemDataRole.UserRole + 5

MOTIVATOR_MIME = "application/x-coachjournal-motivator-ids"


class _RecordList(QAbstractListModel):
    """A list of frozen records with an ``id``; reloading keeps rows (and so the view's
    selection) when the same records come back in the same order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[Any] = []
        self.today = dt.date.today()

    def _replace(self, records: Sequence[Any]) -> None:
        self.today = dt.date.today()
        if [r.id for r in records] == [r.id for r in self.records] and self.records:
            self.records = list(records)
            self.dataChanged.emit(self.index(0), self.index(len(self.records) - 1))
            return
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def record(self, row: int) -> Any:
        return self.records[row]

    def row_of(self, record_id: int) -> int:
        return next((row for row, r in enumerate(self.records) if r.id == record_id), -1)

    def _valid(self, index: _Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self.records)


class TraitModel(_RecordList):
    """A manager's strengths, then development areas."""

    def load(self, manager_id: int | None) -> None:
        self._replace(development.list_traits(manager_id) if manager_id is not None else [])

    def load_records(self, records: Sequence[TraitRecord]) -> None:
        self._replace(records)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        record: TraitRecord = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.skill
        if role == RecordRole:
            return record
        if role == IdRole:
            return record.id
        if role == GroupStartRole:
            row = index.row()
            return row == 0 or self.records[row - 1].kind is not record.kind
        if role == GroupSizeRole:
            return sum(1 for other in self.records if other.kind is record.kind)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [f"{record.skill}: {kind_label(record.kind).lower()}", trend_words(record)]
            target = target_text(record, self.today)
            if target:
                parts.append(target.lower())
            if record.detail and role == Qt.ItemDataRole.ToolTipRole:
                parts.append(record.detail)
            return ", ".join(parts[:2]) + "".join(f"\n{part}" for part in parts[2:])
        return None


class MotivatorModel(_RecordList):
    """A manager's motivators in rank order. Rows move by drag and drop (``moveRows``, with a
    MIME type of its own for the drag) and by :meth:`move`; a move changes the rows at once
    and announces the new order with ``reordered(before, after)`` for the owner to write."""

    reordered = Signal(list, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The ids the latest move moved.
        self.moved: list[int] = []

    def load(self, manager_id: int | None) -> None:
        self._replace(development.list_motivators(manager_id) if manager_id is not None else [])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        record: MotivatorRecord = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.name
        if role == RecordRole:
            return record
        if role == IdRole:
            return record.id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            lines = [
                f"{record.rank}. {record.name}",
                confirmation_text(record, self.today),
            ]
            if record.note:
                lines.append(record.note)
            return "\n".join(lines) if role == Qt.ItemDataRole.ToolTipRole else ", ".join(lines)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MOTIVATOR_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = sorted({self.records[index.row()].id for index in indexes if self._valid(index)})
        data.setData(MOTIVATOR_MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(MOTIVATOR_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """A drop the view did not turn into ``moveRows`` itself: move the dragged rows."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(MOTIVATOR_MIME).data()).decode()
        rows = sorted(self.row_of(int(part)) for part in text.split(",") if part)
        if not rows or rows[0] < 0:
            return False
        destination = parent.row() if parent.isValid() else row
        if destination < 0:
            destination = len(self.records)
        return self.moveRows(_NO_PARENT, rows[0], len(rows), _NO_PARENT, destination)

    def moveRows(
        self,
        source_parent: _Index,
        source_row: int,
        count: int,
        destination_parent: _Index,
        destination_child: int,
    ) -> bool:
        """Move ``count`` rows from ``source_row`` to before ``destination_child``."""
        last = source_row + count - 1
        if (
            source_parent.isValid()
            or destination_parent.isValid()
            or count < 1
            or source_row < 0
            or last >= len(self.records)
            or not 0 <= destination_child <= len(self.records)
            or source_row <= destination_child <= last + 1
        ):
            return False
        before = [record.id for record in self.records]
        if not self.beginMoveRows(
            source_parent, source_row, last, destination_parent, destination_child
        ):
            return False
        moving = self.records[source_row : last + 1]
        rest = self.records[:source_row] + self.records[last + 1 :]
        at = destination_child if destination_child < source_row else destination_child - count
        self.records = rest[:at] + moving + rest[at:]
        self.moved = [record.id for record in moving]
        self.endMoveRows()
        self.reordered.emit(before, [record.id for record in self.records])
        return True

    def move(self, row: int, offset: int) -> bool:
        """Move one row up (``offset`` -1) or down (+1): the keyboard's way of dragging."""
        target = row + offset
        if not 0 <= row < len(self.records) or not 0 <= target < len(self.records):
            return False
        return self.moveRow(_NO_PARENT, row, _NO_PARENT, target + (1 if offset > 0 else 0))


class AssignmentColumn:
    TITLE, MANAGER, SKILL, STATUS, ASSIGNED, DUE, COMPLETED, OUTCOME, TOUCHPOINTS = range(9)


COLUMNS = (
    "Assignment",
    "Manager",
    "Skill",
    "Status",
    "Assigned",
    "Due",
    "Completed",
    "How it went",
    "Touchpoints",
)
_STATUS_ORDER = {
    AssignmentStatus.ACTIVE: 0,
    AssignmentStatus.PLANNED: 1,
    AssignmentStatus.DONE: 2,
    AssignmentStatus.DROPPED: 3,
}


def _day_key(day: dt.date | None) -> int:
    """Sorts days in order and missing ones last."""
    return day.toordinal() if day is not None else dt.date.max.toordinal()


class AssignmentModel(QAbstractTableModel):
    """Assignments as a table; the Due column says how overdue an open one is, with an icon,
    and overdue rows are bold and red (never red alone)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[AssignmentRecord] = []
        self.today = dt.date.today()

    def load(self, records: Sequence[AssignmentRecord]) -> None:
        self.beginResetModel()
        self.today = dt.date.today()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def row_of(self, assignment_id: int) -> int:
        return next((row for row, r in enumerate(self.records) if r.id == assignment_id), -1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        column = index.column()
        overdue = record.is_overdue(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == RecordRole:
            return record
        if role == IdRole:
            return record.id
        if role == SortRole:
            return self._sort_key(record, column)
        if role == Qt.ItemDataRole.DecorationRole and overdue and column == AssignmentColumn.DUE:
            return icon("alert")
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return warning_colour(QApplication.palette())
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(record)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == AssignmentColumn.TITLE:
            return self._describe(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AssignmentColumn.TOUCHPOINTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, record: AssignmentRecord, column: int) -> str:
        if column == AssignmentColumn.TITLE:
            return record.title
        if column == AssignmentColumn.MANAGER:
            return record.manager_name
        if column == AssignmentColumn.SKILL:
            return record.skill
        if column == AssignmentColumn.STATUS:
            return status_label(record.status)
        if column == AssignmentColumn.ASSIGNED:
            return dates.date_text(record.assigned_on) if record.assigned_on else ""
        if column == AssignmentColumn.DUE:
            if record.due_on is None:
                return ""
            overdue = record.days_overdue(self.today)
            late = f" · {overdue} day{'s' if overdue != 1 else ''} overdue" if overdue else ""
            return dates.date_text(record.due_on) + late
        if column == AssignmentColumn.COMPLETED:
            return dates.date_text(record.completed_on) if record.completed_on else ""
        if column == AssignmentColumn.OUTCOME:
            rating = record.outcome_rating
            return f"{rating} · {OUTCOME_WORDS[rating]}" if rating else ""
        if column == AssignmentColumn.TOUCHPOINTS:
            return str(record.touchpoints) if record.touchpoints else ""
        return ""

    def _sort_key(self, record: AssignmentRecord, column: int) -> Any:
        if column in (AssignmentColumn.TITLE, AssignmentColumn.MANAGER, AssignmentColumn.SKILL):
            return self._text(record, column).casefold()
        if column == AssignmentColumn.STATUS:
            return _STATUS_ORDER[record.status]
        if column == AssignmentColumn.ASSIGNED:
            return _day_key(record.assigned_on)
        if column == AssignmentColumn.DUE:
            return _day_key(record.due_on)
        if column == AssignmentColumn.COMPLETED:
            return _day_key(record.completed_on)
        if column == AssignmentColumn.OUTCOME:
            return record.outcome_rating or 0
        return record.touchpoints

    def _describe(self, record: AssignmentRecord) -> str:
        parts = [record.title, status_label(record.status).lower()]
        if record.manager_name:
            parts.insert(1, f"for {record.manager_name}")
        if record.skill:
            parts.append(f"develops {record.skill}")
        when = due_text(record, self.today)
        if when:
            parts.append(when)
        return ", ".join(parts)


class AssignmentFilter(QSortFilterProxyModel):
    """Keeps the assignments a view wants (:class:`AssignmentView`) whose title, manager or
    skill contains the typed text; sorts by each column's own order (days as days)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = AssignmentView.ALL
        self.text = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_view(self, view: AssignmentView) -> None:
        self.beginFilterChange()
        self.view = view
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AssignmentModel)
        record = model.records[source_row]
        if not self.view.matches(record, model.today):
            return False
        if not self.text:
            return True
        haystack = f"{record.title}\n{record.manager_name}\n{record.skill}".casefold()
        return self.text in haystack


class RatingHistoryModel(QAbstractTableModel):
    """One trait's ratings, newest first: day, rating, change, note."""

    HEADERS = ("Date", "Rating", "Change", "Note")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.points: list[RatingPoint] = []

    def load(self, points: Sequence[RatingPoint]) -> None:
        self.beginResetModel()
        self.points = list(reversed(points))
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.points)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.points):
            return None
        point = self.points[index.row()]
        if role == IdRole:
            return point.id
        if role == RecordRole:
            return point
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return dates.date_text(point.rated_on)
        if column == 1:
            return f"{point.rating} of 5"
        if column == 2:
            earlier = index.row() + 1
            if earlier >= len(self.points):
                return "first"
            change = point.rating - self.points[earlier].rating
            return f"{change:+d}" if change else "±0"
        return point.note


class TouchpointListModel(_RecordList):
    """Touchpoints linked to a trait (evidence) or worked on an assignment, newest first."""

    def load_records(self, records: Sequence[LinkedTouchpoint]) -> None:
        self._replace(records)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        record: LinkedTouchpoint = self.records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = dates.date_text(record.occurred_at.date(), weekday=True)
            return f"{when} · {record.kind.label} · {record.summary or '(no summary)'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Enter or double-click to open this touchpoint"
        if role == IdRole:
            return record.id
        if role == RecordRole:
            return record
        return None
