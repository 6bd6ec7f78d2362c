"""The trash: deleted touchpoints, to restore or to remove for good."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import touchpoints
from ui import dates, dialogs
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen


class TrashDialog(QDialog):
    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Trash")
        fit_to_screen(self, "trash", QSize(760, 440))
        self.list = QTreeWidget()
        self.list.setAccessibleName("Touchpoints in the trash")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["Manager", "When", "Kind", "Summary", "Deleted"])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.empty = label(
            "The trash is empty. Touchpoints you delete wait here until you empty it.",
            "emptyHint",
            align=Qt.AlignmentFlag.AlignCenter,
            wrap=True,
        )
        self.restore_button = QPushButton(icon("restore"), "Restore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button = QPushButton(icon("delete"), "Delete for good…")
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty_button = QPushButton(icon("trash"), "Empty trash…")
        self.empty_button.clicked.connect(self.empty_trash)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.empty_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        session.trash_changed.connect(self.reload)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.list.clear()
        for row in touchpoints.trash():
            item = QTreeWidgetItem(
                [
                    row.manager_name,
                    dates.date_time_text(row.occurred_at),
                    row.kind.label,
                    row.summary or "(no summary)",
                    dates.date_text(row.deleted_at.date()),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            self.list.addTopLevelItem(item)
        for column in (0, 1, 2, 4):
            self.list.resizeColumnToContents(column)
        has_rows = self.list.topLevelItemCount() > 0
        self.list.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.empty_button.setEnabled(has_rows)
        self._update_buttons()

    def _selected_ids(self) -> list[int]:
        return [int(item.data(0, Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()]

    @Slot()
    def _update_buttons(self) -> None:
        selected = bool(self._selected_ids())
        self.restore_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    @Slot()
    def restore_selected(self) -> None:
        for touchpoint_id in self._selected_ids():
            self.session.restore_touchpoint(touchpoint_id)

    @Slot()
    def delete_selected(self) -> None:
        ids = self._selected_ids()
        if ids and dialogs.confirm(
            self,
            "Delete for good",
            f"Delete {len(ids)} touchpoint{'s' if len(ids) != 1 else ''} for good?",
            "Their notes and action items cannot be brought back.",
            "Delete",
        ):
            self.session.delete_forever(ids)

    @Slot()
    def empty_trash(self) -> None:
        count = self.list.topLevelItemCount()
        if count and dialogs.confirm(
            self,
            "Empty trash",
            f"Delete the {count} touchpoint{'s' if count != 1 else ''} in the trash for good?",
            "Their notes and action items cannot be brought back.",
            "Empty trash",
        ):
            self.session.empty_trash()
