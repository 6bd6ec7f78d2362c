"""Pieces the development forms share: a 1-5 rating picker, a card with a heading, list
shortcuts. Saving as the user types and the message line under a field are
:mod:`ui.widgets.fields`, shared with the profile and the journal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.development.text import RATING_WORDS
from ui.widgets.basic import label


class RatingPicker(QWidget):
    """Five buttons, 1 to 5, at most one pressed; each says what its rating means."""

    changed = Signal()

    def __init__(self, name: str, words: dict[int, str] = RATING_WORDS) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: dict[int, QToolButton] = {}
        for value in range(1, 6):
            button = QToolButton()
            button.setObjectName("ratingButton")
            button.setText(str(value))
            button.setCheckable(True)
            button.setToolTip(f"{value}: {words[value]}")
            button.setAccessibleName(f"{name} {value}: {words[value]}")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.group.addButton(button, value)
            self.buttons[value] = button
            layout.addWidget(button)
        self.group.idToggled.connect(self._toggled)

    @Slot(int, bool)
    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return chosen if chosen > 0 else None

    def set_value(self, value: int | None) -> None:
        self.group.setExclusive(False)
        for rating, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(rating == value)
            button.blockSignals(False)
        self.group.setExclusive(True)


def card(title: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A rounded card (as in the profile) and its layout, with a heading if given."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(8)
    if title:
        layout.addWidget(label(title, "sectionTitle"))
    return frame, layout


def row(*widgets: QWidget | int, spacing: int = 8) -> QHBoxLayout:
    """A horizontal row; an int is a stretch of that factor."""
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for widget in widgets:
        if isinstance(widget, int):
            layout.addStretch(widget)
        else:
            layout.addWidget(widget)
    return layout


def shortcut(
    view: QWidget, text: str, keys: list[QKeySequence], slot: Callable[[], object]
) -> QAction:
    """An action on ``view`` alone (it has the focus), with ``keys``."""
    action = QAction(text, view)
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    view.addAction(action)
    return action


def on_delete_key(view: QAbstractItemView, text: str, slot: Callable[[], object]) -> QAction:
    """Delete (or Backspace) on a focused list does ``slot``."""
    keys = [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
    return shortcut(view, text, keys, slot)


def fit_rows(view: QListView, rows: int, most: int = 5) -> None:
    """Make a short list as tall as its rows (up to ``most``; it scrolls beyond)."""
    shown = range(min(rows, most))
    height = sum(view.sizeHintForRow(line) + 2 * view.spacing() for line in shown)
    view.setFixedHeight(height + 2 * view.frameWidth() + 4)
