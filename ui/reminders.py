"""Reminders while the app is open: what is due today (see :mod:`coachjournal.coaching.reminders`).

On start, if the preference is on, a banner above the dashboard lists the managers due for
coaching (the table's top rows, in its words), then those with action items due, each manager
a button that opens them; it can be dismissed and stays away until the next day or another
journal is opened. Where the platform has a system tray, a notification says the same in one
sentence. The status bar always carries the count. Everything follows the journal as it
changes: logging the one-on-one takes the manager off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import reminders
from coachjournal.coaching.cadence import DashboardRow
from coachjournal.coaching.reminders import Reminders
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import delay_timer, label

if TYPE_CHECKING:
    from ui.dashboard.page import DashboardPage

#: Managers listed in the banner; the rest are counted ("and 4 more").
SHOWN = 3
REFRESH_DELAY_MS = 300
NOTIFICATION_MS = 10_000


class ReminderBanner(QFrame):
    """The non-modal "Due today" banner. ``manager_opened`` asks to show a manager."""

    manager_opened = Signal(int)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setAccessibleName("Due today")
        self.title = label("Due today", "reminderTitle")
        self.summary = label("", "reminderSummary", wrap=True)
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("clear"))
        self.close_button.setToolTip("Dismiss until tomorrow")
        self.close_button.setAccessibleName("Dismiss the reminders until tomorrow")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._dismiss)
        heading = QHBoxLayout()
        heading.addWidget(icon_label("alert"))
        heading.addWidget(self.title)
        heading.addWidget(self.summary, 1)
        heading.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(12)
        self.rows.setVerticalSpacing(2)
        self.rows.setColumnStretch(1, 1)
        self.more = label("", "mutedLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addLayout(self.rows)
        layout.addWidget(self.more)
        self.buttons: list[QPushButton] = []
        self.shown: Reminders | None = None

    def show_reminders(self, due: Reminders) -> None:
        """List the first managers of ``due`` with what each needs (kept as it is when
        nothing changed: the dashboard refreshes after every save)."""
        if due == self.shown:
            return
        self.shown = due
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = []
        self.summary.setText(due.summary().removeprefix("Due today: "))
        for line, manager in enumerate(due.managers[:SHOWN]):
            button = QPushButton(manager.name)
            button.setObjectName("reminderLink")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(f"Open {manager.name}")
            button.setToolTip(f"Open {manager.name}")
            button.clicked.connect(
                lambda _checked=False, manager_id=manager.manager_id: self.manager_opened.emit(
                    manager_id
                )
            )
            what = label(manager.describe(), "reminderText", wrap=True)
            what.setToolTip(manager.describe())
            self.rows.addWidget(button, line, 0, Qt.AlignmentFlag.AlignLeft)
            self.rows.addWidget(what, line, 1)
            self.buttons.append(button)
        hidden = len(due.managers) - SHOWN
        # Counted with those who have only an action item due, so it need not add up with
        # the managers due for coaching: said in full.
        self.more.setText(
            f"and {hidden} more manager{'s' if hidden != 1 else ''} with coaching or an action "
            "item due: see the table below."
            if hidden > 0
            else ""
        )
        self.more.setVisible(hidden > 0)

    @Slot()
    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


def icon_label(name: str) -> QLabel:
    """A small icon beside a heading (the text next to it says what it means)."""
    widget = label()
    widget.setPixmap(icon(name).pixmap(20, 20))
    widget.setAccessibleName("Attention")
    return widget


class ReminderController(QObject):
    """Keeps the banner, the status bar and the tray notification in step with the journal."""

    def __init__(
        self,
        window: QMainWindow,
        session: JournalSession,
        banner: ReminderBanner,
        dashboard: DashboardPage,
        *,
        on_start: bool,
    ) -> None:
        super().__init__(window)
        self.dashboard = dashboard
        self.window = window
        self.session = session
        self.banner = banner
        self.on_start = on_start
        self.due: Reminders | None = None
        self.dismissed_on: dt.date | None = None
        self.tray: QSystemTrayIcon | None = None
        self.status = label("", "mutedLabel")
        self.status.setAccessibleName("What is due today")
        window.statusBar().addPermanentWidget(self.status)
        banner.hide()
        banner.dismissed.connect(self._dismissed)
        self._timer = delay_timer(self, REFRESH_DELAY_MS, self.refresh)
        for signal in (
            session.entries_changed,
            session.manager_added,
            session.manager_changed,
            session.manager_removed,
        ):
            signal.connect(self._timer.start)
        session.cadence_changed.connect(self._timer.start)
        session.journal_opened.connect(self._journal_opened)
        # The first reading shares the dashboard's, which the window shows first: start-up
        # reads the journal once, not twice. Built after the first paint, the controller
        # finds the dashboard's reading already made.
        self._notified = False
        dashboard.refreshed.connect(self._dashboard_refreshed)
        if dashboard.has_read:
            self._dashboard_refreshed()

    @Slot()
    def _dashboard_refreshed(self) -> None:
        if self.refresh(self.dashboard.rows, self.dashboard.today) and not self._notified:
            self._notified = True
            if self.on_start:
                self.notify()

    @Slot()
    def _journal_opened(self) -> None:
        self.dismissed_on = None
        self.refresh()

    @Slot()
    def _dismissed(self) -> None:
        self.dismissed_on = dt.date.today()

    @Slot()
    def refresh(
        self, rows: Sequence[DashboardRow] | None = None, today: dt.date | None = None
    ) -> Reminders:
        """Read what is due again (from the dashboard's ``rows`` of ``today`` if given); show or
        hide the banner and update the status bar."""
        due = self.due = reminders.due_today(today, rows)
        self.status.setText(due.short() if due else "")
        self.status.setToolTip(due.summary() if due else "")
        if self.dismissed_on is not None and self.dismissed_on != due.today:
            self.dismissed_on = None
        show = bool(due) and self.on_start and self.dismissed_on is None
        if show:
            self.banner.show_reminders(due)
        self.banner.setVisible(show)
        return due

    def set_on_start(self, on_start: bool) -> None:
        """The preference changed: show or hide the banner at once."""
        self.on_start = on_start
        self.refresh()

    def notify(self) -> bool:
        """A tray notification, where the platform has a tray; False where it has none."""
        if self.due is None or not self.due or not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        if self.tray is None:
            app = QApplication.instance()
            app_icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
            self.tray = QSystemTrayIcon(app_icon, self)
            self.tray.messageClicked.connect(self._raise_window)
            self.tray.activated.connect(self._raise_window)
        self.tray.setToolTip(self.due.summary())
        self.tray.show()
        self.tray.showMessage(
            "Due today",
            self.due.summary(),
            QSystemTrayIcon.MessageIcon.Information,
            NOTIFICATION_MS,
        )
        return True

    @Slot()
    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
