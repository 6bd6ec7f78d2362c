"""Builders for the widgets the app makes most often: a styled label, a line edit with a
placeholder, a list you may also type into, a table of records to pick one from, a restartable
single-shot timer, a row that wraps rather than cut its text; and the busy cursor around short
blocking work."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)


def label(
    text: str = "",
    name: str = "",
    *,
    wrap: bool = False,
    align: Qt.AlignmentFlag | None = None,
) -> QLabel:
    """A label, styled by its object ``name`` (see resources/styles/app.qss)."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if align is not None:
        widget.setAlignment(align)
    return widget


def line_edit(placeholder: str = "", accessible_name: str = "") -> QLineEdit:
    widget = QLineEdit()
    widget.setPlaceholderText(placeholder)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    return widget


def editable_combo(accessible_name: str, placeholder: str) -> QComboBox:
    """A list to pick from or type into; what is typed is not added to the list."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(accessible_name)
    combo_line(combo).setPlaceholderText(placeholder)
    return combo


def combo_line(combo: QComboBox) -> QLineEdit:
    """The line an editable combo box is typed in (Qt has none for a combo box that is not)."""
    line = combo.lineEdit()
    assert line is not None, "the combo box is not editable"
    return line


def record_table(accessible_name: str, model: QAbstractItemModel, row_height: int) -> QTableView:
    """A read-only table of records, one a row, picked a whole row at a time: alternating
    colours, no grid, no row numbers, one line a row, columns the user may resize."""
    table = QTableView()
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def action_buttons(
    action: str, accepted: Callable[[], object], rejected: Callable[[], object]
) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and a default button named for what the dialog does ("Set Up Sync"), rather
    than "OK"; the button is returned too, to be enabled and disabled as the form fills."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = QPushButton(action)
    ok.setAccessibleName(action)
    ok.setDefault(True)
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(accepted)
    buttons.rejected.connect(rejected)
    return buttons, ok


def delay_timer(parent: QObject, milliseconds: int, slot: Callable[[], object]) -> QTimer:
    """A single-shot timer that calls ``slot``: restart it to postpone the call."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    """The busy cursor while a short piece of work blocks the window, put back whatever
    happens (before any message about a failure is shown)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class FittingRow(QWidget):
    """Widgets side by side, or one above the other when the row is too narrow for them (a
    narrow pane, long words or a large font), so that no text is ever cut short."""

    def __init__(self, *widgets: QWidget, stretch_first: bool = True) -> None:
        super().__init__()
        self.widgets = widgets
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        for index, widget in enumerate(widgets):
            self.box.addWidget(widget, 1 if stretch_first and index == 0 else 0)

    def fit(self) -> None:
        """Choose the direction for the current width (call it after a text changed)."""
        needed = sum(
            widget.sizeHint().width() for widget in self.widgets if widget.isVisibleTo(self)
        )
        needed += self.box.spacing() * (len(self.widgets) - 1)
        wanted = (
            QBoxLayout.Direction.TopToBottom
            if self.width() < needed
            else QBoxLayout.Direction.LeftToRight
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
