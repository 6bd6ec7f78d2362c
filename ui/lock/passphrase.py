"""The dialogs that protect the journal with a passphrase, change it, or remove it.

They only collect and check what the user typed: the current passphrase is tried on the file
(cheap, changes nothing) before the dialog closes, so a typo is caught here; the conversion
itself runs afterwards, in a worker (:mod:`ui.lock.controller`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from coachjournal.errors import CoachJournalError, WrongPassphrase
from coachjournal.safety import encryption
from ui.icons import icon
from ui.lock.fields import ErrorLine, PassphraseField, StrengthMeter, lock_pixmap
from ui.widgets.basic import action_buttons, label, wait_cursor
from ui.widgets.fields import GuardedDialog


class Mode(enum.Enum):
    PROTECT = "protect"
    CHANGE = "change"
    REMOVE = "remove"


_TEXT = {
    Mode.PROTECT: (
        "Protect with Passphrase",
        "Protect your journal with a passphrase",
        "The journal and its backups are encrypted on this computer: without the passphrase "
        "nobody can read them. You will type it each time you open the app or unlock it.",
        "Protect Journal",
    ),
    Mode.CHANGE: (
        "Change Passphrase",
        "Change the journal's passphrase",
        "The journal and its backups are encrypted again with the new passphrase; the old one "
        "stops working.",
        "Change Passphrase",
    ),
    Mode.REMOVE: (
        "Remove Passphrase",
        "Remove the journal's passphrase",
        "The journal and its backups will be stored unencrypted again: anyone who can read "
        "your files can read your notes.",
        "Remove Passphrase",
    ),
}
WARNING = (
    "Keep the passphrase somewhere safe. If it is lost, the journal cannot be recovered: not "
    "by you, not by support, not by anyone."
)

Check = Callable[[str], None]


class PassphraseDialog(GuardedDialog):
    """Collects the current and/or new passphrase for ``mode``. Esc, Cancel or the close button
    ask before a typed passphrase goes (:class:`~ui.widgets.fields.GuardedDialog`).

    ``check_current`` tries a current passphrase on the journal and raises
    :class:`~coachjournal.errors.WrongPassphrase` if it does not open it.
    """

    def __init__(self, mode: Mode, check_current: Check, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.check_current = check_current
        title, heading, detail, action = _TEXT[mode]
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        padlock = QLabel()
        padlock.setPixmap(lock_pixmap(40))
        padlock.setFixedSize(QSize(40, 40))
        head = label(heading, wrap=True)
        head.setStyleSheet("font-size: 13pt; font-weight: 600;")
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(padlock, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(head)
        texts.addWidget(label(detail, "mutedLabel", wrap=True))
        header.addLayout(texts, 1)

        self.current = PassphraseField("Current passphrase")
        self.new = PassphraseField("New passphrase")
        self.repeat = PassphraseField("Repeat the new passphrase")
        self.meter = StrengthMeter()
        for field in (self.current, self.new, self.repeat):
            field.setMinimumHeight(0)  # the form's usual height, level with its label
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        if mode is not Mode.PROTECT:
            form.addRow("&Current passphrase:", self.current)
        if mode is not Mode.REMOVE:
            form.addRow("&New passphrase:", self.new)
            form.addRow("", self.meter)
            form.addRow("&Repeat it:", self.repeat)

        self.understood = QCheckBox("I understand that a lost passphrase cannot be recovered")
        self.understood.setAccessibleName("I understand that a lost passphrase cannot be recovered")
        self.error = ErrorLine()
        self.buttons, self.ok = action_buttons(action, self.submit, self.reject)

        body = QWidget()
        body.setFixedWidth(500)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 22, 24, 18)
        outer.addWidget(body)
        # Sized from its contents, so the wrapped sentences are never cut short.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(header)
        if mode is not Mode.REMOVE:
            layout.addWidget(self._warning())
        layout.addLayout(form)
        if mode is not Mode.REMOVE:
            layout.addWidget(self.understood)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)
        self.understood.toggled.connect(self._update)
        self._update()
        (self.new if mode is Mode.PROTECT else self.current).setFocus()

    def _warning(self) -> QFrame:
        box = QFrame()
        box.setObjectName("callout")
        sign = QLabel()
        sign.setPixmap(icon("alert").pixmap(QSize(18, 18)))
        text = label(WARNING, wrap=True, align=Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout(box)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(10)
        row.addWidget(sign, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text, 1)
        return box

    @Slot()
    def _update(self) -> None:
        """Enable the action only when what was typed can be used; say why not, plainly."""
        self.error.clear()
        ready = True
        if self.mode is not Mode.PROTECT:
            ready = bool(self.current.text())
        if self.mode is not Mode.REMOVE:
            new, repeat = self.new.text(), self.repeat.text()
            strong_enough = self.meter.show_strength(new) is not encryption.Strength.TOO_SHORT
            same = new == repeat
            if repeat and not new.startswith(repeat):
                self.error.show_message("The two new passphrases are not the same.")
            ready = ready and strong_enough and same and self.understood.isChecked()
        self.ok.setEnabled(ready)

    @Slot()
    def submit(self) -> None:
        """Check the current passphrase on the file, then close with the values."""
        if not self.ok.isEnabled():
            return
        if self.mode is not Mode.PROTECT:
            try:
                with wait_cursor():
                    self.check_current(self.current.text())
            except WrongPassphrase:
                self.error.show_message("The current passphrase is not right.")
                self.current.selectAll()
                self.current.setFocus()
                return
            except CoachJournalError as error:
                self.error.show_message(str(error))
                return
        if self.mode is not Mode.REMOVE:
            try:
                encryption.check_new_passphrase(self.new.text())
            except CoachJournalError as error:
                self.error.show_message(str(error))
                return
        self.accept()

    def values(self) -> tuple[str | None, str | None]:
        """``(current, new)``: None for what this mode does not ask."""
        current = None if self.mode is Mode.PROTECT else self.current.text()
        new = None if self.mode is Mode.REMOVE else self.new.text()
        return current, new

    def unsaved_work(self) -> str | None:
        typed = any(field.text() for field in (self.current, self.new, self.repeat))
        return "the passphrase you typed" if typed else None

    def done(self, result: int) -> None:
        super().done(result)
        if result != QDialog.DialogCode.Accepted:
            for field in (self.current, self.new, self.repeat):
                field.forget()
