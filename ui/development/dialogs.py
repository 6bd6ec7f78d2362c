"""The development screens' modal questions, as small functions that tests replace."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.timeline import TimelineModel


class TouchpointPicker(QDialog):
    """A manager's touchpoints, newest first (loaded page by page as the list scrolls), to
    choose the one where a skill showed."""

    def __init__(self, manager_id: int, skill: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Where did “{skill}” show?")
        fit_to_screen(self, "touchpointPicker", QSize(760, 520))
        self.model = TimelineModel(self)
        self.model.load(manager_id)
        self.table = QTableView()
        self.table.setAccessibleName("Touchpoints to link")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4, 5):
            self.table.hideColumn(column)
        self.table.setColumnWidth(0, 190)
        self.table.activated.connect(self._chosen)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Link")
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(
            lambda: self.ok_button.setEnabled(self.chosen() is not None)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "Choose the one-on-one, field visit or call review where you saw it. "
                "It is listed with the skill, and the skill with it.",
                "mutedLabel",
                wrap=True,
            )
        )
        self.empty = label(
            "No touchpoints with this manager yet. Log one on the Journal tab first.",
            "emptyHint",
            wrap=True,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        stack = QStackedWidget()
        stack.addWidget(self.table)
        stack.addWidget(self.empty)
        layout.addWidget(stack, 1)
        if self.model.total:
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            stack.setCurrentWidget(self.empty)
        layout.addWidget(buttons)

    def chosen(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    @Slot(QModelIndex)
    def _chosen(self, _index: QModelIndex) -> None:
        self.accept()


def pick_touchpoint(parent: QWidget, manager_id: int, skill: str) -> int | None:
    """Ask which touchpoint a skill showed in; None when the user cancels."""
    picker = TouchpointPicker(manager_id, skill, parent)
    try:
        if picker.exec() != QDialog.DialogCode.Accepted:
            return None
        return picker.chosen()
    finally:
        picker.deleteLater()
