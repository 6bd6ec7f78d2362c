"""Pieces the development forms share: saving edits as the user types (as the profile does),
a 1-5 rating picker, a message line under a field, a card with a heading, list shortcuts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.errors import ValidationError
from ui.development.text import RATING_WORDS
from ui.widgets.basic import delay_timer, label

#: As in the profile: quiet time after the last keystroke, and the longest wait while typing.
SAVE_DELAY_MS = 400
SAVE_MAX_WAIT_MS = 2000


class Autosave(QObject):
    """Collects edits and writes them a moment after the user stops typing.

    ``write(changes)`` saves a dict of field -> value and raises :class:`ValidationError`
    naming the bad field: that field's message is shown (``errors[field]``) and its edit is
    kept out, while the other fields are saved, like the profile editor does.
    """

    saved = Signal()

    def __init__(
        self,
        parent: QObject,
        write: Callable[[dict[str, Any]], object],
        errors: dict[str, QLabel],
    ) -> None:
        super().__init__(parent)
        self._write = write
        self.errors = errors
        self._pending: dict[str, Any] = {}
        self._quiet = delay_timer(self, SAVE_DELAY_MS, self.flush)
        self._max_wait = delay_timer(self, SAVE_MAX_WAIT_MS, self.flush)

    def edited(self, field: str, value: Any) -> None:
        self._pending[field] = value
        self._quiet.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def discard(self) -> None:
        """Forget pending edits (the record they were for is gone) and hide the messages."""
        self._quiet.stop()
        self._max_wait.stop()
        self._pending = {}
        for error in self.errors.values():
            error.hide()

    @Slot()
    def flush(self) -> None:
        self._quiet.stop()
        self._max_wait.stop()
        pending, self._pending = self._pending, {}
        wrote = False
        while pending:
            try:
                self._write(pending)
            except ValidationError as error:
                show_error(self.errors, error)
                pending.pop(error.field, None)
                if error.field not in self.errors:
                    break
                continue
            for field in pending:
                if field in self.errors:
                    self.errors[field].hide()
            wrote = True
            break
        if wrote:
            self.saved.emit()


def show_error(errors: dict[str, QLabel], error: ValidationError) -> None:
    """Show ``error`` under its field, or under the form's general message line ("")."""
    target = errors.get(error.field) or errors.get("")
    if target is not None:
        target.setText(error.message)
        target.show()


def error_label() -> QLabel:
    message = label("", "fieldError", wrap=True)
    message.hide()
    return message


def with_error(widget: QWidget | QLayout, errors: dict[str, QLabel], field: str) -> QWidget:
    """``widget`` with a message line beneath it, shown only when its value is refused."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(widget, QLayout):
        layout.addLayout(widget)
    else:
        layout.addWidget(widget)
    errors[field] = error_label()
    layout.addWidget(errors[field])
    return box


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


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
