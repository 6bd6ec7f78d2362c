"""File ▸ Restore from Backup…: this journal's backups, newest first, or a backup file chosen
elsewhere. The dialog only chooses; the controller confirms and restores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachjournal.safety.backup import BackupFile
from ui import dates, dialogs
from ui.icons import icon
from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen

Index = QModelIndex | QPersistentModelIndex
#: Pixels added to the width of the narrow columns.
COLUMN_GAP = 28


def age_text(taken_at: dt.datetime, now: dt.datetime) -> str:
    """How long ago, in the words a person would use: "today", "3 days ago", "5 weeks ago"."""
    days = (now.date() - taken_at.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 61:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


def size_text(size: int) -> str:
    if size < 1_000_000:
        return f"{max(size, 1) / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


class BackupListModel(QAbstractTableModel):
    """One row per backup: when, how long ago, size, whether it is encrypted."""

    HEADERS = ("Taken", "Age", "Size", "Protection")

    def __init__(self, backups: list[BackupFile], now: dt.datetime | None = None) -> None:
        super().__init__()
        self.backups = backups
        self.now = now or dt.datetime.now()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{dates.long_date_text(item.taken_at.date())}, {item.taken_at:%H:%M}"
            if column == 1:
                return age_text(item.taken_at, self.now)
            if column == 2:
                return size_text(item.size)
            return "Encrypted" if item.encrypted else "Not encrypted"
        if role == Qt.ItemDataRole.DecorationRole and column == 3 and item.encrypted:
            return icon("lock")
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        return None


class RestoreDialog(QDialog):
    """Pick the backup to restore. :attr:`chosen` is the file once the dialog is accepted."""

    def __init__(self, backups: list[BackupFile], folder: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.setAccessibleName("Restore from backup")
        fit_to_screen(self, "restoreBackup", QSize(640, 420))
        self.folder = folder
        self.chosen: Path | None = None

        intro = label(
            "Choose the backup to bring back. Your journal as it is now is kept as a copy "
            "beside it, so a restore can be undone.",
            wrap=True,
        )
        self.model = BackupListModel(backups)
        self.view = QTableView()
        self.view.setAccessibleName("Backups of this journal, newest first")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            # Room to breathe between the columns: their contents plus a gap.
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            width = max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, width + COLUMN_GAP)
        self.view.doubleClicked.connect(self._restore_selected)
        self.empty = label(
            "No backups of this journal yet.\n\nUse File ▸ Back Up Now to make one, or "
            "choose a backup file kept elsewhere.",
            "emptyHint",
            wrap=True,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.view if backups else self.empty)
        where = label(f"Backups are kept in {folder}", "mutedLabel", wrap=True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.other_button = QPushButton(icon("open"), "Choose a File…")
        self.other_button.setAccessibleName("Choose a backup file kept elsewhere")
        self.other_button.clicked.connect(self._choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(icon("restore"), "Restore")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._restore_selected)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label("Restore from a backup", "sectionTitle"))
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(where)
        layout.addLayout(row)

        self.view.selectionModel().selectionChanged.connect(self._update_button)
        if backups:
            self.view.selectRow(0)
        else:
            self.restore_button.hide()  # nothing to restore here: Choose a File is the way
            self.other_button.setDefault(True)
        self._update_button()

    def selected(self) -> BackupFile | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    @Slot()
    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    @Slot()
    def _restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        self.chosen = backup.path
        self.accept()

    @Slot()
    def _choose_file(self) -> None:
        path = dialogs.ask_open_path(
            self,
            "Choose a backup",
            str(self.folder if self.folder.is_dir() else Path.home()),
            "CoachJournal backups (*.db);;All files (*)",
        )
        if path:
            self.chosen = Path(path)
            self.accept()
