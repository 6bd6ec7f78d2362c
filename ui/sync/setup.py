"""File ▸ Set Up Sync… and File ▸ Join a Synced Journal…: the two dialogs that start sync.

Each collects what it needs (a folder, the sync passphrase, where to keep a joined journal),
says plainly what is missing, and then does the slow part itself on a worker thread (the key
derivation is memory-hard on purpose and takes seconds; joining reads a whole snapshot) with a
busy bar in the dialog, so the window stays painted. A failure is shown as its one sentence in
the dialog, which stays open with what was typed; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal import paths
from coachjournal.errors import CoachJournalError
from coachjournal.safety import encryption
from ui import dialogs
from ui.icons import icon
from ui.lock.fields import ErrorLine, PassphraseField, StrengthMeter
from ui.tasks import Tasks
from ui.widgets.basic import action_buttons, label
from ui.widgets.fields import GuardedDialog

#: What sync does, in the two sentences both dialogs open with.
EXPLANATION = (
    "Sync keeps this journal the same on your computers by leaving encrypted files in a folder "
    "that your own sync service already carries between them: Dropbox, OneDrive, iCloud Drive, "
    "Syncthing, or a USB stick. Your notes never go to a server of ours, and without the sync "
    "passphrase nobody can read those files."
)
WARNING = (
    "You will type this passphrase again on your other computer. Keep it somewhere safe: if it "
    "is lost, it cannot be recovered, and sync has to be set up again."
)
#: The journal a join builds, in the usual data folder, unless the user picks another place.
JOINED_NAME = "Synced journal.db"


def choose_folder(parent: QWidget, title: str, start: str) -> Path | None:
    """Ask for a folder (tests replace this function); None when the user cancels."""
    chosen = dialogs.choose_folder(parent, title, start)
    return Path(chosen) if chosen else None


def choose_journal_file(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to keep the joined journal (tests replace this function)."""
    chosen = dialogs.ask_save_path(
        parent, "Keep the Synced Journal", str(suggested), "Journals (*.db)"
    )
    return Path(chosen) if chosen else None


def _header(title: str, detail: str) -> QHBoxLayout:
    picture = QLabel()
    picture.setPixmap(icon("sync").pixmap(QSize(40, 40)))
    picture.setFixedSize(QSize(40, 40))
    head = label(title, wrap=True)
    head.setStyleSheet("font-size: 13pt; font-weight: 600;")
    texts = QVBoxLayout()
    texts.setSpacing(4)
    texts.addWidget(head)
    texts.addWidget(label(detail, "mutedLabel", wrap=True))
    row = QHBoxLayout()
    row.setSpacing(14)
    row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
    row.addLayout(texts, 1)
    return row


def _callout(text: str) -> QFrame:
    box = QFrame()
    box.setObjectName("callout")
    sign = QLabel()
    sign.setPixmap(icon("alert").pixmap(QSize(18, 18)))
    row = QHBoxLayout(box)
    row.setContentsMargins(12, 10, 12, 10)
    row.setSpacing(10)
    row.addWidget(sign, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(label(text, wrap=True, align=Qt.AlignmentFlag.AlignTop), 1)
    return box


class PathField(QWidget):
    """A path shown in a read-only line, and a button that asks for another one."""

    changed = Signal()

    def __init__(self, accessible_name: str, ask: Callable[[], Path | None]) -> None:
        super().__init__()
        self.path: Path | None = None
        self._ask = ask
        self.line = QLineEdit()
        self.line.setReadOnly(True)
        self.line.setAccessibleName(accessible_name)
        self.line.setPlaceholderText("No folder chosen yet")
        self.button = QPushButton("Choose…")
        self.button.setAccessibleName(f"Choose {accessible_name.lower()}")
        self.button.clicked.connect(self.choose)
        self.setFocusProxy(self.button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.line.setText("" if path is None else str(path))
        self.line.setCursorPosition(0)
        self.changed.emit()

    @Slot()
    def choose(self) -> None:
        chosen = self._ask()
        if chosen is not None:
            self.set_path(chosen)


class _SyncDialog(GuardedDialog):
    """What both dialogs share: the header, a form, the error line, a busy bar and the buttons;
    the work runs in a worker while the dialog shows the busy bar and takes no input."""

    def __init__(self, title: str, heading: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._tasks = Tasks(self)
        #: What takes input, disabled while the work runs.
        self.inputs: list[QWidget] = []
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setVerticalSpacing(10)
        self.error = ErrorLine()
        self.working = label("", "mutedLabel")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(6)
        self.busy.setAccessibleName("Working")
        for widget in (self.working, self.busy):
            widget.hide()
        self.buttons, self.ok = action_buttons(action, self.submit, self.reject)

        self.body = QWidget()
        self.body.setFixedWidth(540)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 22, 24, 18)
        outer.addWidget(self.body)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(16)
        self.layout_.addLayout(_header(heading, EXPLANATION))

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.working)
        self.layout_.addWidget(self.busy)
        self.layout_.addWidget(self.buttons)

    @property
    def running(self) -> bool:
        return self._tasks.busy

    def ready(self) -> bool:
        """Whether what was typed can be used (the subclass says)."""
        raise NotImplementedError

    def work(self) -> Callable[[], object]:
        """The slow part, for a worker (the subclass says)."""
        raise NotImplementedError

    def succeeded(self, result: object) -> None:
        self.accept()

    @Slot()
    def update_ready(self) -> None:
        self.ok.setEnabled(not self.running and self.ready())

    @Slot()
    def submit(self) -> None:
        self.update_ready()
        if not self.ok.isEnabled():
            return
        try:
            work = self.work()
        except CoachJournalError as error:
            self.error.show_message(str(error))
            return
        self.error.clear()
        self._set_running(True)
        self._tasks.start(
            work,
            self._succeeded,
            self._failed,
            unexpected="Something unexpected went wrong, and sync was not set up.",
        )

    def _set_running(self, running: bool) -> None:
        self.working.setVisible(running)
        self.busy.setVisible(running)
        for widget in self.inputs:
            widget.setEnabled(not running)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not running)
        self.update_ready()

    def _succeeded(self, result: object) -> None:
        self._set_running(False)
        self.succeeded(result)

    def _failed(self, message: str) -> None:
        self._set_running(False)
        self.failed(message)
        self.error.show_message(message)

    def failed(self, message: str) -> None:
        """The work failed with ``message`` (before it shows in the dialog)."""

    def reject(self) -> None:
        if not self.running:  # the worker writes; it is not cancelled halfway
            super().reject()


class SetUpDialog(_SyncDialog):
    """File ▸ Set Up Sync…: a folder and the sync passphrase, twice. ``set_up`` gives the work
    that sets sync up in a folder with a passphrase (:meth:`JournalSession.sync_set_up_work`)."""

    def __init__(
        self,
        set_up: Callable[[Path, str], Callable[[], object]],
        start: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Set Up Sync", "Keep this journal in sync", "Set Up Sync", parent)
        self._set_up = set_up
        self.folder = PathField(
            "Sync folder",
            lambda: choose_folder(self, "Choose the Sync Folder", str(start)),
        )
        self.passphrase = PassphraseField("Sync passphrase")
        self.repeat = PassphraseField("Repeat the sync passphrase")
        self.meter = StrengthMeter()
        for field in (self.passphrase, self.repeat):
            field.setMinimumHeight(0)
        self.form.addRow("Sync &folder:", self.folder)
        self.form.addRow("", label("A folder your sync service carries.", "mutedLabel"))
        self.form.addRow("Sync &passphrase:", self.passphrase)
        self.form.addRow("", self.meter)
        self.form.addRow("&Repeat it:", self.repeat)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(_callout(WARNING))
        self.finish_layout()
        self.working.setText("Setting up sync: protecting the key and writing the first copy…")
        self.inputs = [self.folder, self.passphrase, self.repeat]
        self.folder.changed.connect(self.update_ready)
        for field in (self.passphrase, self.repeat):
            field.textChanged.connect(self.update_ready)
        self.update_ready()
        self.folder.button.setFocus()

    def ready(self) -> bool:
        self.error.clear()
        new, repeat = self.passphrase.text(), self.repeat.text()
        strong_enough = self.meter.show_strength(new) is not encryption.Strength.TOO_SHORT
        if repeat and not new.startswith(repeat):
            self.error.show_message("The two passphrases are not the same.")
        return self.folder.path is not None and strong_enough and new == repeat

    def work(self) -> Callable[[], object]:
        encryption.check_new_passphrase(self.passphrase.text())
        assert self.folder.path is not None  # ready() said so
        return self._set_up(self.folder.path, self.passphrase.text())

    def unsaved_work(self) -> str | None:
        typed = self.passphrase.text() or self.repeat.text()
        return "the passphrase you typed" if typed else None

    def done(self, result: int) -> None:
        super().done(result)
        for field in (self.passphrase, self.repeat):
            field.forget()


class JoinDialog(_SyncDialog):
    """File ▸ Join a Synced Journal…: the sync folder, its passphrase, and where to keep the
    journal it builds. ``join(folder, passphrase, target)`` gives the work that builds it
    and returns its path; ``failed`` runs when that work failed; ``protected``: the new
    journal gets the passphrase of the one open now. :attr:`joined` holds the
    path once the dialog is accepted."""

    def __init__(
        self,
        join: Callable[[Path, str, Path], Callable[[], Path]],
        start: Path,
        parent: QWidget | None = None,
        failed: Callable[[], None] = lambda: None,
        *,
        protected: bool = False,
    ) -> None:
        super().__init__("Join a Synced Journal", "Bring your synced journal here", "Join", parent)
        self._join = join
        self._on_failure = failed
        self.joined: Path | None = None
        self.folder = PathField(
            "Sync folder",
            lambda: choose_folder(self, "Choose the Sync Folder", str(start)),
        )
        self.passphrase = PassphraseField("Sync passphrase")
        self.passphrase.setMinimumHeight(0)
        self.target = PathField(
            "Where to keep the journal",
            lambda: choose_journal_file(self, self.target.path or default_target()),
        )
        self.target.set_path(default_target())
        self.form.addRow("Sync &folder:", self.folder)
        self.form.addRow("", label("The folder you chose on your other computer.", "mutedLabel"))
        self.form.addRow("Sync &passphrase:", self.passphrase)
        self.form.addRow("&Keep it in:", self.target)
        if protected:
            self.form.addRow(
                "",
                label(
                    "It is protected with the passphrase of the journal open now.",
                    "mutedLabel",
                    wrap=True,
                ),
            )
        self.layout_.addLayout(self.form)
        self.finish_layout()
        self.working.setText("Building the journal from the sync folder…")
        self.inputs = [self.folder, self.passphrase, self.target]
        self.folder.changed.connect(self.update_ready)
        self.target.changed.connect(self.update_ready)
        self.passphrase.textChanged.connect(self.update_ready)
        self.update_ready()
        self.folder.button.setFocus()

    def ready(self) -> bool:
        return (
            self.folder.path is not None
            and self.target.path is not None
            and bool(self.passphrase.text())
        )

    def work(self) -> Callable[[], object]:
        folder, target, passphrase = self.folder.path, self.target.path, self.passphrase.text()
        assert folder is not None and target is not None  # ready() said so
        if target.exists():
            raise CoachJournalError(
                f"{target} already exists, so it was left untouched; choose another place."
            )
        return self._join(folder, passphrase, target)

    def failed(self, message: str) -> None:
        self._on_failure()

    def succeeded(self, result: object) -> None:
        self.joined = result if isinstance(result, Path) else self.target.path
        super().succeeded(result)

    def unsaved_work(self) -> str | None:
        return "the passphrase you typed" if self.passphrase.text() else None

    def done(self, result: int) -> None:
        super().done(result)
        self.passphrase.forget()


def default_target() -> Path:
    """A journal file in the usual data folder that does not exist yet."""
    folder = paths.data_dir()
    stem, suffix = Path(JOINED_NAME).stem, Path(JOINED_NAME).suffix
    target, number = folder / JOINED_NAME, 2
    while target.exists():
        target = folder / f"{stem} {number}{suffix}"
        number += 1
    return target
