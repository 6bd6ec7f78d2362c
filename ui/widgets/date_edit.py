"""A date field that may also be empty ('Not set'), with a button to clear it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

from ui.icons import icon

_NOT_SET = QDate(1900, 1, 1)


class OptionalDateEdit(QWidget):
    """A calendar date edit whose lowest value stands for 'no date'."""

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _DateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_NOT_SET)
        self.edit.setSpecialValueText("Not set")
        self.edit.setDisplayFormat("d MMMM yyyy")
        self.edit.setDate(_NOT_SET)
        self.edit.dateChanged.connect(self._on_changed)
        self.clear_button = QToolButton()
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setToolTip("Clear the date")
        self.clear_button.setAccessibleName("Clear the date")
        self.clear_button.clicked.connect(lambda: self.set_value(None, notify=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self._notify = True
        self._update_clear_button()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def set_maximum(self, latest: dt.date) -> None:
        self.edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return None if date == _NOT_SET else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None, *, notify: bool = False) -> None:
        """Show ``value``; emits ``value_changed`` only when ``notify`` (a user's action)."""
        self._notify = notify
        try:
            self.edit.setDate(
                _NOT_SET if value is None else QDate(value.year, value.month, value.day)
            )
        finally:
            self._notify = True
        self._update_clear_button()

    @Slot()
    def _on_changed(self) -> None:
        self._update_clear_button()
        if self._notify:
            self.value_changed.emit()

    def _update_clear_button(self) -> None:
        self.clear_button.setEnabled(self.value() is not None)


class _DateEdit(QDateEdit):
    """Opens its calendar on today's month when no date is set yet, not on January 1900."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.date() == _NOT_SET:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        super().mousePressEvent(event)
