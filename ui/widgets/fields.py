"""Forms that save as the user types (the profile, the development panes, a journal entry): no
Save button, so an edit is written a moment after the typing stops, and a refused value stays on
screen with its message under its field until it is fixed.

Forms that do have a Save (a new strength, a new assignment, the question bank, the settings)
follow one rule for Esc, Cancel and the close button: if something typed is not saved, ask
first (:func:`may_discard`, :class:`GuardedDialog`), Keep editing being the default. The
touchpoint editor keeps a draft instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QVBoxLayout, QWidget

from coachjournal.errors import ValidationError
from ui import dialogs
from ui.widgets.basic import delay_timer, label

#: Milliseconds of quiet after the last keystroke before an edit is written...
SAVE_DELAY_MS = 400
#: ...and the longest an edit waits while the user keeps typing without a pause.
SAVE_MAX_WAIT_MS = 2000


class Autosave(QObject):
    """Collects edits and writes them a moment after the user stops typing.

    ``write(changes)`` saves a dict of field -> value and raises :class:`ValidationError`
    naming the bad field: that field's message is shown (``errors[field]``, announced by
    ``refused``) and its edit is kept out, while the other fields are saved (``saved``).
    """

    saved = Signal()
    refused = Signal()

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
        """Write pending edits now. Valid fields are saved even when another one is not."""
        self._quiet.stop()
        self._max_wait.stop()
        pending, self._pending = self._pending, {}
        wrote = False
        while pending:
            try:
                self._write(pending)
            except ValidationError as error:
                show_field_error(self.errors, error)
                self.refused.emit()
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


def show_field_error(errors: dict[str, QLabel], error: ValidationError) -> None:
    """Show ``error`` under its field, or under the form's general message line ("")."""
    target = errors.get(error.field) or errors.get("")
    if target is not None:
        target.setText(error.message)
        target.show()


def error_label() -> QLabel:
    """A message line for a refused value, hidden until there is one."""
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


def may_discard(parent: QWidget, unsaved: str | None) -> bool:
    """Whether a form may close: nothing typed is unsaved (``unsaved`` is None), or the user
    chose to discard it (``unsaved`` names it: "the new strength")."""
    return unsaved is None or dialogs.ask_discard(parent, unsaved)


class GuardedDialog(QDialog):
    """A dialog that asks before Esc, Cancel or its close button loses typed work: a
    subclass says what is unsaved in :meth:`unsaved_work`."""

    def unsaved_work(self) -> str | None:
        """What closing now would lose ("the question you typed"), or None."""
        return None

    def reject(self) -> None:
        if may_discard(self, self.unsaved_work()):
            super().reject()
