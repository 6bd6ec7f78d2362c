"""What the import dialogs share: a file is read in a worker while the dialog says so, then
either its preview is shown with a button to go ahead, or one sentence says what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.errors import CoachJournalError
from ui.icons import icon
from ui.session import JournalSession
from ui.tasks import Tasks
from ui.widgets.basic import label
from ui.widgets.fields import GuardedDialog

T = TypeVar("T")
R = TypeVar("R")


class ExchangeDialog(GuardedDialog):
    """A dialog that reads a file in a worker, then shows ``body`` (its preview) or a fault.
    What the user typed or chose in it is guarded against Esc as in every form
    (:meth:`~ui.widgets.fields.GuardedDialog.unsaved_work`).

    Subclasses build ``body``, call :meth:`read` with the work to do and fill the body in
    :meth:`show_preview`; :meth:`finish` closes the dialog with the sentence for the status bar.
    """

    #: The preview is on screen and the confirm button says what it will do.
    previewed = Signal()
    #: The file could not be read or written; the sentence is on screen.
    failed = Signal(str)
    #: The work is done; the sentence (also in ``outcome``) is for the status bar.
    finished_with = Signal(str)

    def __init__(
        self, session: JournalSession, path: Path, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.outcome = ""
        #: A worker is writing to the journal: the dialog stays until it has finished.
        self.writing = False
        self.tasks = Tasks(self)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(640)

        self.heading = label(title, "sectionTitle")
        self.file_label = label(str(path), "mutedLabel", wrap=True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_icon = QLabel()
        self.status_icon.setFixedSize(20, 20)
        self.status_icon.hide()
        self.message = label("Reading the file…", wrap=True)
        self.message.setAccessibleName("What the file holds")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QHBoxLayout()
        status.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status.addWidget(self.message, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Working")

        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("primaryButton")
        self.confirm_button.setDefault(True)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)

        self.body = QWidget()
        self.body.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(10)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.file_label)
        self.layout_.addLayout(status)
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.body, 1)
        self.layout_.addWidget(self.buttons)

    def read(self, work: Callable[[], object], busy: str) -> None:
        """Run ``work`` (reading the file, no writes) in a worker; then :meth:`show_preview`."""
        self._working(busy)
        self.tasks.start(work, self._previewed, self.show_failure)

    def _working(self, text: str) -> None:
        self.message.setText(text)
        self.status_icon.hide()
        self.progress.show()
        self.confirm_button.setEnabled(False)

    @Slot(object)
    def _previewed(self, result: object) -> None:
        self.progress.hide()
        self.body.show()
        self.show_preview(result)
        self.previewed.emit()

    def show_preview(self, result: object) -> None:
        raise NotImplementedError

    def set_summary(self, text: str, *, warning: bool = False) -> None:
        self.message.setText(text)
        self.status_icon.setPixmap(icon("alert" if warning else "confirm").pixmap(18, 18))
        self.status_icon.show()

    @Slot(str)
    def show_failure(self, message: str) -> None:
        """One sentence, an alert icon, and only a Close button."""
        self.progress.hide()
        self.body.hide()
        self.set_summary(message, warning=True)
        self.confirm_button.hide()
        self.cancel_button.setText("Close")
        self.cancel_button.setAccessibleName("Close")
        self.failed.emit(message)

    def confirm(self) -> None:
        raise NotImplementedError

    def offer(self, count: int, verb: str, noun: str) -> None:
        """The confirm button names what it will do ("Add 3 Managers"); with nothing to do it is
        off and Cancel becomes Close."""
        self.confirm_button.setText(f"{verb} {plural(count, noun)}" if count else verb)
        self.confirm_button.setEnabled(count > 0)
        if not count:
            self.cancel_button.setText("Close")

    def write_plan(self, plan: T | None, write: Callable[[T], R], done: Callable[[R], str]) -> None:
        """Write the previewed ``plan`` through the session; say how it went in one sentence."""
        if plan is None:
            return
        try:
            counts = write(plan)
        except CoachJournalError as error:
            self.show_failure(str(error))
            return
        self.finish(done(counts))

    def finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.finished_with.emit(outcome)
        self.accept()

    def reject(self) -> None:
        """Cancel (or Escape) closes the dialog, except while a worker writes to the journal:
        that runs to its end or rolls back, and the dialog says which."""
        if not self.writing:
            super().reject()


def already(count: int, where: str) -> str:
    """ "1 is already on the roster", "3 are already in the journal"."""
    return f"{count:,} {'is' if count == 1 else 'are'} already {where}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 manager", "2 managers", "1,204 touchpoints"."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem (2).suffix``… if that is taken."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
