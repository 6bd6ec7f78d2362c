"""Edit ▸ Undo and Redo over the open journal's history, and the notice that offers Undo.

The history itself is the session's (every write is a step, see :mod:`ui.session`); this
module only shows it. The window's Edit menu holds the actions with the standard shortcuts
(Ctrl+Z, Ctrl+Shift+Z); a text field that has the focus keeps those keys for its own typing,
since Qt gives a focused editor the standard editing keys before any window shortcut. A screen
that shows Undo and Redo buttons builds its own pair here, without shortcuts, so that a key is
never claimed twice.

The notice appears when something went out of sight (moved to the trash, deleted, marked done):
"Moved to trash · Undo". It never takes the focus, hides itself after :data:`NOTICE_SECONDS`
(not while the pointer or the focus is on it), and its button answers Alt+U.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from coachjournal.errors import CoachJournalError
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label

#: How long the notice stays, unless the pointer or the focus is on it.
NOTICE_SECONDS = 8


class UndoActions(QObject):
    """An Undo and a Redo action named after the step they act on ("Undo Move to Trash")."""

    #: An undo or redo was done (a sentence for the status bar: "Undone: Move to Trash").
    done = Signal(str)
    #: An undo or redo could not be done (the sentence why).
    failed = Signal(str)

    def __init__(
        self, session: JournalSession, parent: QWidget, *, shortcuts: bool = False
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_action = QAction(icon("undo"), "Undo", parent)
        self.redo_action = QAction(icon("redo"), "Redo", parent)
        if shortcuts:
            self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
            # Ctrl+Shift+Z first (the menu shows it) on every platform, with the platform's own.
            redo = QKeySequence("Ctrl+Shift+Z")
            others = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
            self.redo_action.setShortcuts([redo, *(key for key in others if key != redo)])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action.triggered.connect(self.redo)
        session.undo_changed.connect(self._update)
        self._update()

    @Slot()
    def _update(self) -> None:
        for action, verb, name in (
            (self.undo_action, "Undo", self.session.undo_text),
            (self.redo_action, "Redo", self.session.redo_text),
        ):
            action.setEnabled(name is not None)
            # A name's own "&" (“R&D”) is shown, not taken for a mnemonic.
            action.setText(f"{verb} {name.replace('&', '&&')}" if name else verb)
            action.setToolTip(f"{verb} {name}" if name else f"Nothing to {verb.lower()}")

    @Slot()
    def undo(self) -> None:
        self._act(self.session.undo, "Undone")

    @Slot()
    def redo(self) -> None:
        self._act(self.session.redo, "Redone")

    def _act(self, step: Callable[[], str], past: str) -> None:
        try:
            name = step()
        except CoachJournalError as error:
            self.failed.emit(str(error))
            return
        self.done.emit(f"{past}: {name}")


class UndoNotice(QFrame):
    """ "Moved to trash · Undo", at the bottom of ``window``, over its content."""

    def __init__(self, session: JournalSession, actions: UndoActions, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("undoNotice")
        self.setAccessibleName("Notice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.session = session
        self.text = label("")
        self.text.setObjectName("undoNoticeText")
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setObjectName("undoNoticeButton")
        self.undo_button.setToolTip("Take it back (Alt+U, or Ctrl+Z)")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo_button.clicked.connect(actions.undo)
        self.undo_button.clicked.connect(self.hide)
        self.close_button = QToolButton()
        self.close_button.setObjectName("undoNoticeClose")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this notice")
        self.close_button.setAccessibleName("Hide this notice")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 6, 6)
        layout.setSpacing(12)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NOTICE_SECONDS * 1000)
        self.timer.timeout.connect(self._expire)
        #: The step the notice offers to undo; another step makes the offer stale.
        self._step: str | None = None
        window.installEventFilter(self)
        session.undoable_removal.connect(self.announce)
        session.undo_changed.connect(self._follow)
        self.hide()

    @Slot(str)
    def announce(self, message: str) -> None:
        """Show ``message`` with an Undo button (for the step just recorded)."""
        self._step = self.session.undo_text
        self.text.setText(message)
        self.setAccessibleDescription(f"{message}. Alt+U undoes.")
        self._place()
        self.show()
        self.raise_()
        self.timer.start()

    @Slot()
    def _follow(self) -> None:
        if self.isVisible() and self.session.undo_text != self._step:
            self.hide()

    @Slot()
    def _expire(self) -> None:
        focused = QApplication.focusWidget()
        if self.underMouse() or (focused is not None and self.isAncestorOf(focused)):
            self.timer.start()
            return
        self.hide()

    def _place(self) -> None:
        window = self.parentWidget()
        assert window is not None
        self.adjustSize()
        width = min(max(self.sizeHint().width(), 320), window.width() - 32)
        self.resize(width, self.sizeHint().height())
        self.move((window.width() - width) // 2, window.height() - self.height() - 40)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
