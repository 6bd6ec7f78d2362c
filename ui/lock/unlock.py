"""Asking for the passphrase: the unlock dialog at start and the lock screen of a locked window.

Both hold the same :class:`UnlockForm`. It hands each passphrase to an ``attempt`` function
(which opens the journal, or raises :class:`~coachjournal.errors.WrongPassphrase` and changes
nothing) and counts the wrong ones: after :data:`MAX_TRIES` in a row it says so and gives up,
and the app closes. A guess costs SQLCipher's key derivation (a tenth of a second or so) on
top, which bounds guessing through the window; the limit mostly stops someone at an unlocked
desk from trying their luck for long.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal import APP_NAME
from coachjournal.errors import CoachJournalError, WrongPassphrase
from ui import dialogs
from ui.lock.fields import ErrorLine, PassphraseField, app_icon_label, lock_pixmap
from ui.widgets.basic import label, wait_cursor
from ui.widgets.fields import GuardedDialog

#: Wrong passphrases in a row before the app gives up.
MAX_TRIES = 5
GIVE_UP = (
    f"{MAX_TRIES} wrong passphrases in a row, so {APP_NAME} will close. Your journal was not "
    "changed; start the app again to try once more."
)

Attempt = Callable[[str], None]


def _tries_left(left: int) -> str:
    return "1 try left" if left == 1 else f"{left} tries left"


class UnlockForm(QWidget):
    """Heading, passphrase field, error line and Unlock button."""

    #: The passphrase opened the journal.
    unlocked = Signal()
    #: :data:`MAX_TRIES` wrong passphrases in a row.
    exhausted = Signal()

    def __init__(self, attempt: Attempt, heading: str, detail: str) -> None:
        super().__init__()
        self.attempt = attempt
        self.failures = 0
        self.heading = label(heading, "unlockHeading", wrap=True)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.detail = label(detail, "mutedLabel", wrap=True)
        self.field = PassphraseField("Passphrase", "Passphrase")
        self.field.returnPressed.connect(self.submit)
        self.field.textChanged.connect(self._typed)
        self.error = ErrorLine()
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("primaryButton")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.setEnabled(False)
        self.unlock_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail)
        layout.addSpacing(4)
        layout.addWidget(self.field)
        layout.addWidget(self.error)

    @Slot(str)
    def _typed(self, text: str) -> None:
        self.unlock_button.setEnabled(bool(text))

    @Slot()
    def submit(self) -> None:
        """Try the passphrase in the field; on success emit :attr:`unlocked`."""
        passphrase = self.field.text()
        if not passphrase:
            return
        try:
            with wait_cursor():
                self.attempt(passphrase)
        except WrongPassphrase:
            self._wrong()
            return
        except CoachJournalError as error:
            self.error.show_message(str(error))
            return
        self.failures = 0
        self.field.forget()
        self.error.clear()
        self.unlocked.emit()

    def _wrong(self) -> None:
        self.failures += 1
        self.field.forget()
        left = MAX_TRIES - self.failures
        if left <= 0:
            self.exhausted.emit()
            return
        self.error.show_message(
            f"That passphrase did not unlock the journal ({_tries_left(left)})."
        )
        self.field.setFocus()

    def reset(self) -> None:
        """Ready for a new lock: empty field, no error, a fresh count."""
        self.failures = 0
        self.field.forget()
        self.error.clear()


class UnlockDialog(GuardedDialog):
    """The dialog an encrypted journal shows at start, before any window with its content. Esc
    or Quit with a passphrase typed asks first: Quit may have been meant for something else.

    Accepted once ``attempt`` succeeded; rejected on Quit or after too many wrong tries (then
    :attr:`gave_up` is True and the user has been told).
    """

    def __init__(self, attempt: Attempt, journal_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Unlock — {APP_NAME}")
        self.setAccessibleName("Unlock the journal")
        self.gave_up = False
        self.form = UnlockForm(
            attempt,
            "Unlock your journal",
            f"“{journal_name}” is protected with a passphrase. Enter it to open the journal.",
        )
        self.form.unlocked.connect(self.accept)
        self.form.exhausted.connect(self._give_up)
        quit_button = QPushButton("Quit")
        quit_button.setAccessibleName("Quit")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.form.unlock_button)
        body = QVBoxLayout()
        body.setSpacing(14)
        body.addWidget(self.form)
        body.addLayout(buttons)
        icon = app_icon_label(56)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 20)
        layout.setSpacing(20)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)
        # Sized from its contents, so the wrapped sentences are never cut short.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.form.setFixedWidth(380)
        self.form.field.setFocus()

    def unsaved_work(self) -> str | None:
        return "the passphrase you typed" if self.form.field.text() else None

    @Slot()
    def _give_up(self) -> None:
        self.gave_up = True
        dialogs.show_error(self, APP_NAME, GIVE_UP)
        self.reject()


class LockScreen(QWidget):
    """What a locked window shows instead of the journal: a lock and the passphrase field."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__()
        self.setObjectName("lockScreen")
        self.setAccessibleName("Journal locked")
        self.form = UnlockForm(
            attempt,
            "Your journal is locked",
            "Enter your passphrase to carry on where you left off.",
        )
        self.form.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.form.detail.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        padlock = QLabel()
        padlock.setPixmap(lock_pixmap(48))
        padlock.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        padlock.setAccessibleName("Locked")

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(440)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(padlock)
        inner.addWidget(self.form)
        inner.addWidget(self.form.unlock_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
