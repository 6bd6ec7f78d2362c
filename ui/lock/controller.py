"""Locking the window, and turning the journal's passphrase on, changing it, turning it off.

Locking (File ▸ Lock, Ctrl+L, or after ``lock_after_minutes`` without keyboard or mouse
input) first saves what is pending: the pages' autosaving editors and the touchpoint editors
(a new entry's draft is written; it comes back when the journal is unlocked, as after a crash).
It closes every dialog and popup, takes the journal's widgets out of the window (they are not
hidden but detached, so nothing of them can be painted, grabbed or read by accessibility
tools), hides the menus, toolbar and status bar, puts a lock screen in their place, then closes
the database and drops the passphrase. Unlocking reopens the journal and puts the same widgets
back: the same view, manager, tab and search, with the editors reopened.

A conversion (protect, change, remove) runs in a worker thread while the journal is closed,
behind a modal progress dialog, so the window stays painted and nothing can touch the database
meanwhile.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QProgressDialog,
    QToolBar,
    QWidget,
)

from coachjournal import APP_NAME
from coachjournal.errors import CoachJournalError, WrongPassphrase
from ui import dialogs
from ui.icons import icon
from ui.lock.passphrase import Mode, PassphraseDialog
from ui.lock.unlock import GIVE_UP, LockScreen, UnlockDialog
from ui.session import JournalSession, Preferences, is_encrypted
from ui.tasks import Tasks

if TYPE_CHECKING:
    from coachjournal.safety.encryption import Conversion

#: What counts as the user being there: keyboard, mouse, wheel and touch input.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
_MINUTE_MS = 60_000
#: How often a lock checks that pending work is done before it closes the journal, and how
#: many times at most (a timer that keeps re-arming itself must not hold the journal open).
_SETTLE_MS = 20
_SETTLE_ROUNDS = 100

_WORKING = {
    Mode.PROTECT: ("Encrypting your journal and its backups…", "Protected the journal"),
    Mode.CHANGE: ("Encrypting your journal with the new passphrase…", "Changed the passphrase"),
    Mode.REMOVE: ("Decrypting your journal and its backups…", "Removed the passphrase"),
}


def _job(
    mode: Mode, session: JournalSession, current: str | None, new: str | None
) -> Callable[[], Conversion]:
    """The conversion ``mode`` asks for, ready to run in a worker."""
    if mode is Mode.PROTECT and new is not None:
        return functools.partial(session.encrypt, new)
    if mode is Mode.CHANGE and current is not None and new is not None:
        return functools.partial(session.change_passphrase, current, new)
    if mode is Mode.REMOVE and current is not None:
        return functools.partial(session.decrypt, current)
    raise ValueError(f"{mode.value} needs other passphrases")


def unlock_at_start(path: Path, passphrase: str | None) -> JournalSession | None:
    """The session on the journal at ``path``; an encrypted one is unlocked first with the
    unlock dialog (``passphrase``, from the environment, is tried before asking). None when
    the user quit or ran out of tries; nothing on disk has changed then."""
    if passphrase is not None or not is_encrypted(path):
        try:
            return JournalSession(path, passphrase=passphrase)
        except CoachJournalError:
            if not is_encrypted(path):
                raise
    opened: list[JournalSession] = []
    dialog = UnlockDialog(
        lambda typed: opened.append(JournalSession(path, passphrase=typed)), path.name
    )
    dialog.exec()
    return opened[0] if opened else None


class LockHost(Protocol):
    """What the lock needs from the main window beyond its Qt side: the session, the search
    box, and a way to save, reopen and recover the editors around a lock or a conversion."""

    session: JournalSession
    search_edit: QLineEdit

    def flush_pending(self) -> None: ...

    def recover_drafts(self) -> None: ...

    def reopen_touchpoint(self, touchpoint_id: int) -> None: ...

    def open_prep(self, manager_id: int) -> object: ...


class LockController(QObject):
    """Lock, unlock and the passphrase actions of one main window: ``window`` is the window
    as Qt sees it (its menus, bars and central widget), ``host`` the same window as the lock
    uses it."""

    def __init__(self, window: QMainWindow, host: LockHost, idle_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.session: JournalSession = host.session
        self.locked = False
        self.busy = False
        self.screen: LockScreen | None = None
        self._content: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._actions_enabled: dict[QAction, bool] = {}
        self._title = ""
        self._search = ""
        self._touchpoints: list[int] = []
        #: The managers whose prep sheets were open when the window locked.
        self._prep_sheets: list[int] = []
        self._tasks = Tasks(self)

        self.protect_action = QAction(icon("lock"), "&Protect with Passphrase…", self)
        self.protect_action.triggered.connect(lambda: self.change_encryption(Mode.PROTECT))
        self.change_action = QAction("C&hange Passphrase…", self)
        self.change_action.triggered.connect(lambda: self.change_encryption(Mode.CHANGE))
        self.remove_action = QAction("&Remove Passphrase…", self)
        self.remove_action.triggered.connect(lambda: self.change_encryption(Mode.REMOVE))
        self.lock_action = QAction(icon("lock"), "&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        window.addAction(self.lock_action)

        self._last_input = time.monotonic()
        self.idle_ms = 0
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle_check)
        self.set_idle_ms(
            idle_ms
            if idle_ms is not None
            else self.session.load_preferences().lock_after_minutes * _MINUTE_MS
        )
        self.session.journal_opened.connect(self.update_actions)
        self.update_actions()

    def file_actions(self) -> list[QAction]:
        """The File menu's entries, in order."""
        return [self.protect_action, self.change_action, self.remove_action, self.lock_action]

    @property
    def encrypted(self) -> bool:
        return self.session.encrypted

    @Slot()
    def update_actions(self) -> None:
        """Offer what applies: protect a plain journal; change, remove or lock a protected
        one. The sample team is never protected."""
        encrypted = self.encrypted
        usable = not self.locked and not self.busy
        self.protect_action.setEnabled(usable and not encrypted and not self.session.is_sample)
        self.protect_action.setToolTip(
            "The sample team is made up and stays unprotected"
            if self.session.is_sample
            else "Encrypt the journal with a passphrase"
        )
        self.change_action.setEnabled(usable and encrypted)
        self.remove_action.setEnabled(usable and encrypted)
        self.lock_action.setEnabled(usable and encrypted)
        self.lock_action.setToolTip(
            "Hide the journal until its passphrase is entered again"
            if encrypted
            else "Protect the journal with a passphrase first (File ▸ Protect with Passphrase…)"
        )
        self._arm()

    def open_home(self) -> None:
        """Back to the user's own journal from the sample team, asking for its passphrase if
        it has one (nothing changes if the user cancels)."""
        home = self.session.home_path
        if not is_encrypted(home):
            self.session.open_home()
            return
        dialog = UnlockDialog(self.session.open_home, home.name, self.window)
        dialog.exec()
        if dialog.gave_up:
            self.window.close()

    # --- Idle --------------------------------------------------------------------------------

    def set_idle_ms(self, milliseconds: int) -> None:
        """Lock after this long without input; 0 never locks by itself."""
        self.idle_ms = max(0, milliseconds)
        self._arm()

    @Slot(object)
    def apply_preferences(self, chosen: Preferences) -> None:
        """Follow a new ``lock_after_minutes`` (connect the settings dialog's ``saved``)."""
        self.set_idle_ms(chosen.lock_after_minutes * _MINUTE_MS)

    def _arm(self) -> None:
        """Start the idle timer, and watch the input, only while the window can lock by itself:
        the input filter sees every event of every widget (thousands when a screen is first
        built), so a plain journal, or one that never locks by itself, goes without it."""
        app = QApplication.instance()
        if self.idle_ms and self.encrypted and not self.locked:
            self._last_input = time.monotonic()
            self.idle_timer.start(self.idle_ms)
            if app is not None:
                app.installEventFilter(self)
        else:
            self.idle_timer.stop()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note the time of every keyboard and mouse input (cheap: the timer checks later)."""
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    @Slot()
    def _idle_check(self) -> None:
        if self.locked or not self.idle_ms:
            return
        idle = (time.monotonic() - self._last_input) * 1000
        if idle + 1 < self.idle_ms or self.busy:
            self.idle_timer.start(
                max(1, int(self.idle_ms - idle)) if not self.busy else self.idle_ms
            )
            return
        self.lock()

    # --- Lock and unlock ---------------------------------------------------------------------

    def _park_editors(self) -> None:
        """Save what every open editor holds and close every dialog and popup; remember which
        touchpoints were open to reopen them (new entries come back as drafts)."""
        from ui.journal.editor import TouchpointDialog  # big modules start-up does without
        from ui.prep.page import PrepWindow

        self.host.flush_pending()
        self._touchpoints = []
        self._prep_sheets = []
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, TouchpointDialog):
                widget.flush()
                if widget.touchpoint_id is not None:
                    self._touchpoints.append(widget.touchpoint_id)
                widget.done(QDialog.DialogCode.Rejected)
            elif isinstance(widget, PrepWindow):
                self._prep_sheets.append(widget.manager_id)
                widget.done(QDialog.DialogCode.Rejected)  # which keeps its agenda
            elif isinstance(widget, QDialog):
                flush = getattr(widget, "flush", None)
                if callable(flush):
                    flush()
                widget.done(QDialog.DialogCode.Rejected)
            elif widget.isWindow() and widget.windowType() != Qt.WindowType.ToolTip:
                widget.close()

    def _restore_editors(self) -> None:
        self.host.recover_drafts()
        for touchpoint_id in self._touchpoints:
            try:
                self.host.reopen_touchpoint(touchpoint_id)
            except CoachJournalError:
                continue
        for manager_id in self._prep_sheets:
            try:
                self.host.open_prep(manager_id)
            except CoachJournalError:
                continue
        self._touchpoints = []
        self._prep_sheets = []

    @Slot()
    def lock(self) -> None:
        """Save, hide everything, close the journal and drop its passphrase."""
        if self.locked or self.busy or not self.encrypted:
            return
        self._park_editors()
        self._search = self.host.search_edit.text()
        self.host.search_edit.clear()
        self.locked = True
        window = self.window
        self._title = window.windowTitle()
        window.setWindowTitle(f"{APP_NAME} — Locked")
        self._actions_enabled = {
            action: action.isEnabled()
            for action in window.findChildren(QAction)
            if action is not self.lock_action and not isinstance(action.parent(), QDialog)
        }
        for action in self._actions_enabled:
            action.setEnabled(False)
        self._hidden = [
            bar
            for bar in (window.menuBar(), window.statusBar(), *window.findChildren(QToolBar))
            if bar.isVisible()
        ]
        for bar in self._hidden:
            bar.hide()
        window.statusBar().clearMessage()
        self._content = window.takeCentralWidget()
        self.screen = LockScreen(self.unlock)
        self.screen.form.exhausted.connect(self._give_up)
        window.setCentralWidget(self.screen)
        self.screen.form.field.setFocus()
        self.update_actions()
        self._settle(self._close)

    def _close(self) -> None:
        if self.locked and not self.session.locked:
            self.session.lock()

    def _pending(self) -> list[QTimer]:
        """The window's single-shot timers still to fire: deferred saves and refreshes."""
        roots = [self.window] + ([self._content] if self._content is not None else [])
        return [
            timer
            for root in roots
            for timer in root.findChildren(QTimer)
            if timer.isActive() and timer.isSingleShot() and timer is not self.idle_timer
        ]

    def _settle(self, then: Callable[[], None], rounds: int = _SETTLE_ROUNDS) -> None:
        """Run ``then`` once the pending work has run and no modal dialog's event loop is left
        on the stack (code waiting on a dialog just closed may still read the journal as it
        ends): the journal must not close under a deferred save or refresh."""
        for timer in self._pending():
            timer.start(0)

        def attempt(left: int) -> None:
            if left and (QApplication.activeModalWidget() is not None or self._pending()):
                QTimer.singleShot(_SETTLE_MS, lambda: attempt(left - 1))
                return
            then()

        QTimer.singleShot(_SETTLE_MS, lambda: attempt(rounds))

    def unlock(self, passphrase: str) -> None:
        """Reopen the journal with ``passphrase`` (raises WrongPassphrase) and show it again."""
        if not self.locked:
            return
        if not self.session.locked:  # locked a moment ago, still waiting to close
            self.session.lock()
        self.session.unlock(passphrase)
        window = self.window
        screen = window.takeCentralWidget()
        if screen is not None:
            screen.deleteLater()
        self.screen = None
        if self._content is not None:
            window.setCentralWidget(self._content)
            self._content.show()  # detached from the window, it was hidden
        self._content = None
        for bar in self._hidden:
            bar.show()
        self._hidden = []
        for action, enabled in self._actions_enabled.items():
            if shiboken6.isValid(action):  # one of a page's, deleted meanwhile, is skipped
                action.setEnabled(enabled)
        self._actions_enabled = {}
        window.setWindowTitle(self._title)
        self.locked = False
        if self._search:
            self.host.search_edit.setText(self._search)
            self._search = ""
        self._restore_editors()
        self.update_actions()

    @Slot()
    def _give_up(self) -> None:
        """Too many wrong passphrases on the lock screen: say so and close the window (the
        journal is closed and was saved when it locked)."""
        dialogs.show_error(self.window, APP_NAME, GIVE_UP)
        self.window.close()

    # --- Protect, change, remove ---------------------------------------------------------------

    def _check_current(self, passphrase: str) -> None:
        self.session.check_passphrase(passphrase)

    def change_encryption(self, mode: Mode) -> None:
        """Ask for the passphrases of ``mode``, then convert the journal in a worker."""
        if self.busy or self.locked:
            return
        dialog = PassphraseDialog(mode, self._check_current, self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
        current, new = dialog.values()
        dialog.deleteLater()
        if not accepted:
            return
        self.start_conversion(mode, current, new)

    def start_conversion(self, mode: Mode, current: str | None, new: str | None) -> None:
        """Close the journal, convert it in a worker thread behind a progress dialog, reopen
        it (with ``new`` when it worked, with ``current`` when it did not)."""
        job = _job(mode, self.session, current, new)
        working, done = _WORKING[mode]
        self._park_editors()
        self.busy = True
        self.update_actions()
        progress = QProgressDialog(working, "", 0, 0, self.window)
        progress.setWindowTitle(APP_NAME)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAccessibleName(working)
        progress.show()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        def finish(passphrase: str | None, message: str, failed: bool) -> None:
            QGuiApplication.restoreOverrideCursor()
            progress.close()
            progress.deleteLater()
            try:
                self.session.resume(passphrase, changed=not failed)
            except WrongPassphrase:  # it failed after the new file was in place
                self.session.resume(new, changed=True)
            self.busy = False
            self.update_actions()
            self._restore_editors()
            if failed:
                dialogs.show_error(self.window, APP_NAME, message)
            else:
                self.window.statusBar().showMessage(message, 8000)

        def start() -> None:
            self.session.suspend()
            self._tasks.start(
                job,
                lambda result: finish(new, _done_message(done, result), failed=False),
                lambda message: finish(current, message, failed=True),
                unexpected="Something unexpected went wrong while converting the journal.",
            )

        self._settle(start)


def _done_message(done: str, result: Conversion) -> str:
    copies = len(result.converted) + len(result.backups)
    also = f" and {copies} backups" if copies else ""
    return f"{done}{also} in {result.seconds:.1f} s."
