"""The timeline's item model: a manager's touchpoints, newest first, loaded page by page. Shared
by the Journal tab and the development screens' touchpoint picker, so it lives below both."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coachjournal.coaching import touchpoints
from coachjournal.coaching.touchpoints import TimelineFilter, TimelineRow, with_line
from ui import dates

_Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("When", "Kind", "Summary", "Length", "Mood", "Open items")
MOOD_WORDS = {1: "very low", 2: "low", 3: "steady", 4: "good", 5: "great"}


def duration_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


class TimelineModel(QAbstractTableModel):
    """Touchpoints of one manager; Qt asks for more rows (``fetchMore``) as the view scrolls,
    so opening a manager with ten thousand entries reads one page, not ten thousand rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager_id: int | None = None
        self.where = TimelineFilter()
        self._rows: list[TimelineRow] = []
        self._exhausted = True
        self.total = 0
        #: "When" as the day alone (a narrow list beside the reading pane, which has the time).
        self.compact = False

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def load(self, manager_id: int | None, where: TimelineFilter | None = None) -> None:
        """Show ``manager_id``'s timeline (its first page), optionally with a new filter."""
        self.beginResetModel()
        self.manager_id = manager_id
        if where is not None:
            self.where = where
        if manager_id is None:
            self._rows, self.total = [], 0
        else:
            self._rows = touchpoints.timeline_page(manager_id, self.where)
            self.total = touchpoints.timeline_count(manager_id, self.where)
        self._exhausted = len(self._rows) >= self.total
        self.endResetModel()

    def reload(self) -> None:
        """Read the rows again (after an edit), keeping as many loaded as before."""
        shown = len(self._rows)
        self.load(self.manager_id)
        while len(self._rows) < shown and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self.manager_id is None:
            return
        last = self._rows[-1] if self._rows else None
        after = (last.occurred_at, last.id) if last else None
        page = touchpoints.timeline_page(self.manager_id, self.where, after)
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._exhausted = len(page) < touchpoints.PAGE_SIZE or len(self._rows) >= self.total

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def row_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, touchpoint_id: int) -> int | None:
        """The row of ``touchpoint_id`` among those loaded so far, or None."""
        return next((row for row, line in enumerate(self._rows) if line.id == touchpoint_id), None)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0 and self.compact:
                return dates.date_text(row.occurred_at.date(), weekday=True)
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            others = f"With {', '.join(row.others)}" if row.others else ""
            return "\n".join(part for part in (row.summary, others) if part) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and self.compact:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: TimelineRow, column: int) -> str:
        if column == 0:
            return dates.date_time_text(row.occurred_at, weekday=True)
        if column == 1:
            return row.kind.label
        if column == 2:
            summary = row.summary or "(no summary)"
            return f"{summary} · {with_line(row.others)}" if row.others else summary
        if column == 3:
            return duration_text(row.duration_minutes)
        if column == 4:
            return f"{row.mood} · {MOOD_WORDS[row.mood]}" if row.mood else ""
        if column == 5:
            return str(row.open_items) if row.open_items else ""
        return ""
