"""Item models for the roster: every manager, and a filtered, sorted view of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)

from coachjournal.coaching import roster
from coachjournal.coaching.roster import ManagerRecord

_Index = QModelIndex | QPersistentModelIndex

#: Custom roles: the whole record, and the id on its own.
RecordRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


def subtitle(record: ManagerRecord) -> str:
    """'Title · Team' with whichever parts are known."""
    return " · ".join(part for part in (record.title, record.team) if part)


class RosterModel(QAbstractListModel):
    """Every manager of the journal, archived ones included (the proxy hides them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[ManagerRecord] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, (record.name, subtitle(record), record.email)))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [record.name, subtitle(record), "archived" if record.archived else ""]
            return ", ".join(part for part in parts if part)
        if role == RecordRole:
            return record
        if role == IdRole:
            return record.id
        return None

    def row_of(self, manager_id: int) -> int:
        return next((row for row, r in enumerate(self._records) if r.id == manager_id), -1)

    def record(self, manager_id: int) -> ManagerRecord | None:
        row = self.row_of(manager_id)
        return self._records[row] if row >= 0 else None

    @property
    def total(self) -> int:
        return len(self._records)

    @property
    def archived_count(self) -> int:
        return sum(record.archived for record in self._records)

    @Slot()
    def reload(self) -> None:
        self.beginResetModel()
        self._records = roster.list_managers(include_archived=True)
        self.endResetModel()

    @Slot(int)
    def add(self, manager_id: int) -> None:
        row = len(self._records)
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.append(roster.get_manager(manager_id))
        self.endInsertRows()

    @Slot(int)
    def refresh(self, manager_id: int) -> None:
        row = self.row_of(manager_id)
        if row < 0:
            return
        self._records[row] = roster.get_manager(manager_id)
        index = self.index(row)
        self.dataChanged.emit(index, index)

    @Slot(int)
    def remove(self, manager_id: int) -> None:
        row = self.row_of(manager_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._records[row]
        self.endRemoveRows()


class RosterFilter(QSortFilterProxyModel):
    """Sorts by name and keeps the managers that match the typed text (name, title, team,
    e-mail), hiding archived ones unless asked to show them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._show_archived = False
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)
        self.sort(0)

    @property
    def show_archived(self) -> bool:
        return self._show_archived

    @Slot(str)
    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @Slot(bool)
    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        record: ManagerRecord = (
            self.sourceModel().index(source_row, 0, source_parent).data(RecordRole)
        )
        if record.archived and not self._show_archived:
            return False
        if not self._needle:
            return True
        haystack = " ".join((record.name, record.title, record.team, record.email)).casefold()
        return all(word in haystack for word in self._needle.split())
