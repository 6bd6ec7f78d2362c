"""The main window: the roster on the left; on the right the team dashboard (the home screen),
the charts, or the selected manager.

Which of those is on the right is the window's *view*: the toolbar's Team and Charts buttons
choose the dashboard and the charts, a manager picked in the roster or the dashboard chooses the
manager page. The roster keeps its selection whatever the view (the manager page and its
actions need one), drawn muted while the manager page is not shown, and clicking that selected
manager brings their page back.

Start-up builds what the first frame shows, the roster and the team dashboard, and nothing else:
the other pages are built the first time they are shown, and the window's background parts
(the reminders, backups, the lock, export and import, the command palette) right after the
first paint
(:meth:`MainWindow.finish_start`), or earlier if something asks for them. Their modules are
imported then too, so the first screen's import graph stays small.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, QSize, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from coachjournal import APP_NAME, __version__
from coachjournal.errors import CoachJournalError
from ui import dialogs
from ui.backup.banner import StorageBanner
from ui.dashboard.page import DashboardPage
from ui.icons import icon
from ui.roster.panel import RosterPanel
from ui.session import JournalSession, Preferences
from ui.widgets.basic import label, line_edit
from ui.widgets.fields import may_discard
from ui.widgets.screen_fit import available_room
from ui.widgets.undo import UndoActions, UndoNotice

if TYPE_CHECKING:
    # Imported where first used: none of these is on the first screen, and the manager page
    # alone brings in some thirty modules (journal, development, results, profile).
    from coachjournal.coaching.search import SearchHit
    from ui.backup.controller import BackupController
    from ui.charts.page import ChartsPage
    from ui.development.team_assignments import TeamAssignmentsPage
    from ui.exchange.actions import ExchangeActions
    from ui.lock.controller import LockController
    from ui.manager.page import ManagerPage
    from ui.palette.popup import CommandPalette
    from ui.prep.page import PrepWindow
    from ui.reminders import ReminderBanner, ReminderController
    from ui.search.page import SearchPage
    from ui.sync.controller import SyncController
    from ui.team.page import TeamPage
    from ui.welcome.page import WelcomePage


class View(Enum):
    """What the right-hand side shows (the search results aside, which follow the search box)."""

    TEAM = "team"
    CHARTS = "charts"
    ASSIGNMENTS = "assignments"
    TEAM_PICTURE = "team_picture"
    MANAGER = "manager"


def standard_or(key: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's standard key, or ``fallback`` where the platform has none for it."""
    sequence = QKeySequence(key)
    return sequence if not sequence.isEmpty() else QKeySequence(fallback)


#: The search box's help (the box is on the first screen; the search page is built on use).
SYNTAX_HELP = (
    "<p><b>Search everything</b> (Ctrl+F): notes, action items, assignments, skills and "
    "profiles.</p>"
    "<p>Words match their beginnings (<i>negot</i> finds <i>negotiation</i>); all must match. "
    '<i>"double quotes"</i> match a phrase.</p>'
    "<p>Narrow it as you type:<br/>"
    '<b>manager:</b>rania &nbsp; <b>manager:</b>"Rania Haddad"<br/>'
    "<b>kind:</b>field &nbsp; (one, field, call, career, team, informal; several: "
    "kind:field,call)<br/>"
    "<b>since:</b>2026-01 &nbsp; <b>until:</b>2026-06-30 &nbsp; (a year, month or day)<br/>"
    "<b>in:</b>notes &nbsp; (notes, actions, assignments, skills, profiles)</p>"
    "<p>Anything not understood is searched as words. Down moves into the results; Enter opens "
    "one.</p>"
)


class MainWindow(QMainWindow):
    def __init__(self, session: JournalSession, settings: QSettings | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings if settings is not None else QSettings()
        self.setMinimumSize(760, 480)

        self.roster = RosterPanel(session)
        self.roster.setMinimumWidth(240)
        # Built when first shown: the app opens on the dashboard, and this page is the heaviest.
        self._manager_page: ManagerPage | None = None
        self._prep_windows: dict[int, PrepWindow] = {}
        self._restoring_selection = False
        self._first_painted = False
        #: Whether :meth:`finish_start` has run (the window's background parts are built).
        self.started = False
        self.nothing_selected = label(
            "Select a manager on the left to see their profile.",
            "emptyHint",
            align=Qt.AlignmentFlag.AlignCenter,
        )
        self.dashboard = DashboardPage(session)
        self.view = View.TEAM
        self._roster_muted: bool | None = None
        self.pages = QStackedWidget()
        # The other pages join the stack when first shown (see their properties below).
        for page in (self.nothing_selected, self.dashboard):
            self.pages.addWidget(page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.roster)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 800])

        self.sample_banner = self._make_sample_banner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sample_banner)
        self.storage_banner = StorageBanner(session)
        layout.addWidget(self.storage_banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._make_actions()
        self._make_toolbar()
        self.statusBar()

        self.roster.manager_selected.connect(self._show_manager)
        self.roster.list_view.clicked.connect(self._roster_clicked)
        self.dashboard.manager_opened.connect(self.open_manager)
        self.dashboard.add_requested.connect(self.add_manager)
        self.roster.selection_cleared.connect(self._on_selection_cleared)
        self.roster.add_requested.connect(self.add_manager)
        session.encryption_changed.connect(self._update_welcome)
        session.journal_closing.connect(self._forget_manager)
        session.journal_opened.connect(self._on_journal_opened)
        session.manager_added.connect(self.roster.select)
        session.manager_removed.connect(self._after_removal)
        session.manager_changed.connect(self._update_actions)

        self._restore_state()
        self._on_journal_opened()

    # --- Built after the first paint, or when first asked for ---------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._first_painted:
            self._first_painted = True
            QTimer.singleShot(0, self, self.finish_start)

    @Slot()
    def finish_start(self) -> None:
        """Build the window's background parts once the first frame is on screen, one per turn
        of the event loop so that the window answers in between: the reminders, the lock (its
        idle timer starts now), backups, export and import, the command palette. Then the
        manager page's modules are imported, one per turn too, and the charting library starts
        loading on a worker thread, so a manager's page and the Charts page open fast."""
        unbuilt = [part for part in self._BACKGROUND_PARTS if not self._built(part)]
        if unbuilt:
            getattr(self, unbuilt[0])
            QTimer.singleShot(0, self, self.finish_start)
            return
        unimported = [name for name in self._PRELOADED if name not in sys.modules]
        if unimported:
            importlib.import_module(unimported[0])
            QTimer.singleShot(0, self, self.finish_start)
            return
        from ui.fonts import register_fonts
        from ui.widgets.chart_canvas import preload

        register_fonts()  # emoji show as emoji everywhere, not only on the prep sheet
        preload()
        self.started = True

    #: What :meth:`finish_start` builds, in this order.
    _BACKGROUND_PARTS = (
        "reminders",
        "lock_controller",
        "backups",
        "exchange",
        "palette_popup",
        "sync",
    )
    #: What :meth:`finish_start` imports then, one a turn (none holds the window up for long),
    #: in this order: the manager page's modules, what they import first. A page built on the
    #: first visit of a manager took a tenth of a second more to import them.
    _PRELOADED = (
        "coachjournal.coaching.development",
        "coachjournal.coaching.stats",
        "coachjournal.coaching.touchpoints",
        "coachjournal.coaching.questions",
        "coachjournal.coaching.prep",
        "coachjournal.coaching.search",
        "coachjournal.exchange.results_import",
        "ui.widgets.date_edit",
        "ui.development.tab",
        "ui.journal.tab",
        "ui.profile.editor",
        "ui.results.tab",
        "ui.manager.page",
    )

    def _built(self, part: str) -> bool:
        """Whether the lazily built ``part`` (one of the cached properties) exists yet."""
        return part in self.__dict__

    @cached_property
    def reminders(self) -> ReminderController:
        """What is due today: the banner above the dashboard's table and the status bar's
        count, from the rows the dashboard read for the first frame (background work: the
        first frame shows the team, the banner joins it right after)."""
        from ui.reminders import ReminderBanner, ReminderController

        banner = ReminderBanner()
        banner.manager_opened.connect(self.open_manager)
        self.dashboard.add_banner(banner)
        return ReminderController(
            self,
            self.session,
            banner,
            self.dashboard,
            on_start=self.session.load_preferences().reminders,
        )

    @property
    def reminder_banner(self) -> ReminderBanner:
        return self.reminders.banner

    @cached_property
    def lock_controller(self) -> LockController:
        from ui.lock.controller import LockController

        controller = LockController(self, self)
        self.file_menu.insertActions(self._lock_place, controller.file_actions())
        return controller

    @cached_property
    def backups(self) -> BackupController:
        from ui.backup.controller import BackupController

        controller = BackupController(self.session, self, self.flush_pending)
        controller.status.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.file_menu.insertActions(self._backup_place, controller.file_actions())
        return controller

    @cached_property
    def exchange(self) -> ExchangeActions:
        from ui.exchange.actions import ExchangeActions

        actions = ExchangeActions(
            self, self.session, self.settings, self.file_menu, self.trash_action
        )
        self.results_import_action = actions.import_menu.addAction("R&esults (CSV)…")
        self.results_import_action.setStatusTip(
            "Read plans, actuals and coaching of reps for your managers from a CRM export"
        )
        self.results_import_action.triggered.connect(self.import_results)
        return actions

    @cached_property
    def palette_popup(self) -> CommandPalette:
        from ui.palette.popup import CommandPalette

        popup = CommandPalette(self, self.settings)
        popup.skip.append(self.palette_action)
        popup.manager_chosen.connect(self.open_manager)
        self.roster.manager_selected.connect(popup.remember)
        return popup

    @cached_property
    def sync(self) -> SyncController:
        """Sync through a folder: its File entries, its status line, and its rounds (the
        first one now, after the first paint)."""
        from ui.sync.controller import SyncController

        controller = SyncController(
            self, self.session, lambda: self.lock_controller.locked, self.flush_pending
        )
        self.file_menu.insertActions(self._sync_place, controller.file_actions())
        QTimer.singleShot(0, self, controller.start)
        return controller

    @cached_property
    def welcome(self) -> WelcomePage:
        """What an empty journal shows instead of the dashboard."""
        from ui.welcome.page import WelcomePage

        page = WelcomePage()
        page.add_requested.connect(self.add_manager)
        page.sample_requested.connect(self.open_sample)
        page.import_requested.connect(lambda: self.exchange.import_roster())
        page.protect_requested.connect(lambda: self.lock_controller.protect_action.trigger())
        self._offer_protection(page)
        self.pages.addWidget(page)
        return page

    @cached_property
    def search_page(self) -> SearchPage:
        from ui.search.page import SearchPage

        page = SearchPage(self.settings)
        page.hit_opened.connect(self.open_hit)
        page.open_requested.connect(self.open_match)
        self.pages.addWidget(page)
        return page

    @cached_property
    def charts_page(self) -> ChartsPage:
        from ui.charts.page import ChartsPage

        page = ChartsPage(self.session)
        page.status.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.pages.addWidget(page)
        return page

    @cached_property
    def assignments_page(self) -> TeamAssignmentsPage:
        from ui.development.team_assignments import TeamAssignmentsPage

        page = TeamAssignmentsPage(self.session)
        page.assignment_opened.connect(self._open_assignment)
        self.pages.addWidget(page)
        return page

    @cached_property
    def team_page(self) -> TeamPage:
        from ui.team.page import TeamPage

        page = TeamPage(self.session)
        page.skill_opened.connect(self._open_skill)
        page.status.connect(lambda message: self.statusBar().showMessage(message, 5000))
        self.pages.addWidget(page)
        return page

    def _make_sample_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("sampleBanner")
        text = label(
            "You are exploring the sample team. These people are made up, and nothing you do "
            "here touches your own journal.",
            wrap=True,
        )
        back = QPushButton(icon("back"), "Back to my journal")
        back.clicked.connect(self.open_home)
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(text, 1)
        layout.addWidget(back)
        return banner

    def _make_actions(self) -> None:
        self.team_action = QAction(icon("dashboard"), "&Team", self)
        self.team_action.setShortcut(QKeySequence("Ctrl+1"))
        self.team_action.setToolTip("Your team: who needs you first, and the monthly scorecard")
        self.team_action.triggered.connect(self.show_team)
        self.charts_action = QAction(icon("chart"), "&Charts", self)
        self.charts_action.setShortcut(QKeySequence("Ctrl+2"))
        self.charts_action.setToolTip("Charts of your coaching: frequency, adherence, time, mood")
        self.charts_action.triggered.connect(self.show_charts)
        self.assignments_action = QAction(icon("assignment"), "&Assignments", self)
        self.assignments_action.setShortcut(QKeySequence("Ctrl+3"))
        self.assignments_action.setToolTip(
            "Growth assignments across the team: active, overdue, finished this quarter"
        )
        self.assignments_action.triggered.connect(self.show_assignments)
        self.team_picture_action = QAction(icon("people"), "Team &Picture", self)
        self.team_picture_action.setShortcut(QKeySequence("Ctrl+4"))
        self.team_picture_action.setToolTip(
            "The team picture: skills across the team, the team plan, and talent reviews"
        )
        self.team_picture_action.triggered.connect(self.show_team_picture)
        self.team_cadence_action = QAction("Team &Cadence…", self)
        self.team_cadence_action.triggered.connect(self.show_team_cadence)
        views = QActionGroup(self)
        views.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for action in (
            self.team_action,
            self.charts_action,
            self.assignments_action,
            self.team_picture_action,
        ):
            action.setCheckable(True)
            views.addAction(action)
        self.add_action = QAction(icon("add"), "&New Manager…", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_action.triggered.connect(self.add_manager)
        self.archive_action = QAction(icon("archive"), "&Archive Manager", self)
        self.archive_action.triggered.connect(lambda: self.manager_page.toggle_archived())
        self.delete_action = QAction(icon("delete"), "&Delete Manager…", self)
        self.delete_action.triggered.connect(lambda: self.manager_page.delete_current())
        self.log_action = QAction(icon("new-entry"), "&Log Touchpoint…", self)
        self.log_action.setShortcut(QKeySequence.StandardKey.New)
        self.log_action.triggered.connect(lambda: self.manager_page.journal.log_new())
        self.read_action = QAction(icon("journal"), "&Read the Journal", self)
        self.read_action.setShortcut(QKeySequence("Ctrl+J"))
        self.read_action.setToolTip(
            "The selected manager's journal, the keyboard in its list: Up and Down turn the pages"
        )
        self.read_action.triggered.connect(self.read_journal)
        self.prep_action = QAction(icon("journal"), "&Prepare One-on-One…", self)
        self.prep_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.prep_action.setToolTip(
            "The prep sheet of the selected manager: open items, what happened since the last "
            "one-on-one, suggested questions and today's agenda"
        )
        self.prep_action.triggered.connect(self.prepare_one_on_one)
        self.search_action = QAction(icon("search"), "&Search Everything", self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.focus_search)
        self.trash_action = QAction(icon("trash"), "&Trash…", self)
        self.trash_action.triggered.connect(self.show_trash)
        self.logged_twice_action = QAction("Find Meetings Logged &Twice…", self)
        self.logged_twice_action.setToolTip(
            "Meetings logged once per manager (same kind, start and summary), to merge into one"
        )
        self.logged_twice_action.triggered.connect(self.show_logged_twice)
        self.filter_action = QAction("&Filter Managers", self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.filter_action.triggered.connect(self._focus_filter)
        self.show_archived_action = QAction("Show &Archived Managers", self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.toggled.connect(self.roster.show_archived.setChecked)
        self.roster.show_archived.toggled.connect(self.show_archived_action.setChecked)
        self.sample_action = QAction(icon("people"), "Explore the &Sample Team", self)
        self.sample_action.triggered.connect(self.open_sample)
        self.home_action = QAction(icon("back"), "Back to &My Journal", self)
        self.home_action.triggered.connect(self.open_home)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        about_action = QAction(f"&About {APP_NAME}", self)
        about_action.triggered.connect(self._about)
        self.palette_action = QAction(icon("search"), "&Go to Manager or Action…", self)
        self.palette_action.setShortcut(QKeySequence("Ctrl+K"))
        self.palette_action.triggered.connect(self.show_palette)
        self.shortcuts_action = QAction("&Keyboard Shortcuts", self)
        self.shortcuts_action.setShortcut(standard_or(QKeySequence.StandardKey.HelpContents, "F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.settings_action = QAction("Se&ttings…", self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setShortcut(
            standard_or(QKeySequence.StandardKey.Preferences, "Ctrl+,")
        )
        self.settings_action.triggered.connect(self.show_settings)

        menus = self.menuBar()
        file_menu = self.file_menu = menus.addMenu("&File")
        file_menu.setToolTipsVisible(True)  # says why Lock is disabled on an unprotected journal
        file_menu.addActions([self.sample_action, self.home_action])
        file_menu.addSeparator()
        file_menu.addAction(self.trash_action)
        file_menu.addSeparator()
        # Export and import (before Trash), backups and the lock's actions are put before these
        # separators when they are built (see finish_start).
        self._backup_place = file_menu.addSeparator()
        self._lock_place = file_menu.addSeparator()
        self._sync_place = file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.undo = UndoActions(self.session, self, shortcuts=True)
        self.undo.done.connect(lambda message: self.statusBar().showMessage(message, 5000))
        self.undo.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.undo_notice = UndoNotice(self.session, self.undo, self)
        menus.addMenu("&Edit").addActions([self.undo.undo_action, self.undo.redo_action])
        manager_menu = menus.addMenu("&Manager")
        manager_menu.addAction(self.log_action)
        manager_menu.addAction(self.prep_action)
        manager_menu.addAction(self.add_action)
        manager_menu.addSeparator()
        manager_menu.addActions([self.archive_action, self.delete_action])
        manager_menu.addSeparator()
        manager_menu.addAction(self.team_cadence_action)
        manager_menu.addAction(self.logged_twice_action)
        view_menu = menus.addMenu("&View")
        view_menu.addActions(
            [
                self.team_action,
                self.charts_action,
                self.assignments_action,
                self.team_picture_action,
            ]
        )
        view_menu.addAction(self.read_action)
        view_menu.addSeparator()
        view_menu.addActions([self.search_action, self.filter_action, self.show_archived_action])
        view_menu.addSeparator()
        view_menu.addAction(self.palette_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(about_action)

    def _make_toolbar(self) -> None:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.team_action)
        toolbar.addAction(self.charts_action)
        toolbar.addAction(self.assignments_action)
        toolbar.addAction(self.team_picture_action)
        toolbar.addSeparator()
        toolbar.addAction(self.log_action)
        toolbar.addAction(self.add_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_edit = line_edit("Search everything (Ctrl+F)")
        self.search_edit.setAccessibleName("Search the journal")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(SYNTAX_HELP)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setMinimumWidth(280)
        self.search_edit.setMaximumWidth(420)
        self.search_edit.textChanged.connect(self._search_changed)
        self.search_edit.returnPressed.connect(self._search_enter)
        self.search_edit.installEventFilter(self)
        toolbar.addWidget(self.search_edit)
        self.addToolBar(toolbar)

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        if text.strip():
            self.search_page.query(text)
            self.pages.setCurrentWidget(self.search_page)
            self._update_actions()  # no view button stays pressed over the results
        else:
            if self._built("search_page"):
                self.search_page.query("")
            self._refresh_page()

    @Slot()
    def _search_enter(self) -> None:
        self.search_page.run()
        self.search_page.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down moves from the search box into the results; Escape clears the search."""
        if watched is self.search_edit and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
                self.search_page.run()
                self.search_page.view.setFocus()
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    @Slot(object)
    def open_hit(self, hit: SearchHit) -> None:
        """Show the manager of a search hit and open the entry at the match."""
        if not self.roster.select(hit.manager_id):
            return
        self.view = View.MANAGER
        self._refresh_page()
        from coachjournal.coaching.search import Source  # imported with the search page

        if hit.source == Source.MANAGER:
            self.manager_page.tabs.setCurrentWidget(self.manager_page.profile)
        else:
            self.manager_page.tabs.setCurrentWidget(self.manager_page.journal)

    @Slot(int, str)
    def open_match(self, touchpoint_id: int, terms: str) -> None:
        """Show the touchpoint of a search hit in its manager's reading pane, at the match."""
        from coachjournal.coaching import touchpoints  # not on the first screen

        manager_id = touchpoints.get_touchpoint(touchpoint_id).manager_id
        if not self.roster.select(manager_id):
            return
        self.view = View.MANAGER
        self._refresh_page()
        self.manager_page.read_touchpoint(touchpoint_id, terms)

    @Slot()
    def show_team(self) -> None:
        """The team dashboard (Ctrl+1)."""
        self._show_view(View.TEAM)

    @Slot()
    def show_charts(self) -> None:
        """The charts (Ctrl+2)."""
        self._show_view(View.CHARTS)

    @Slot()
    def show_assignments(self) -> None:
        """Growth assignments across the team (Ctrl+3)."""
        self._show_view(View.ASSIGNMENTS)

    @Slot()
    def show_team_picture(self) -> None:
        """The team picture: skills, the team plan and talent reviews (Ctrl+4)."""
        self._show_view(View.TEAM_PICTURE)

    @Slot(int, str)
    def _open_skill(self, manager_id: int, skill: str) -> None:
        self.open_manager(manager_id)
        self.manager_page.open_skill(manager_id, skill)

    @Slot(int, int)
    def _open_assignment(self, manager_id: int, assignment_id: int) -> None:
        self.open_manager(manager_id)
        self.manager_page.open_assignment(assignment_id)

    @Slot()
    def show_team_cadence(self) -> None:
        from ui.cadence.team_dialog import TeamCadenceDialog

        TeamCadenceDialog(self.session, self).exec()

    def _show_view(self, view: View) -> None:
        self.view = view
        if self.search_edit.text():
            self.search_edit.clear()  # which shows the view again
        else:
            self._refresh_page()

    @Slot()
    def read_journal(self) -> None:
        """The selected manager's Journal tab, the keyboard in its list (Ctrl+J)."""
        manager_id = self.roster.selected_id()
        if manager_id is None:
            return
        self.open_manager(manager_id)
        self.manager_page.tabs.setCurrentWidget(self.manager_page.journal)
        self.manager_page.journal.focus_list()

    @Slot(int)
    def open_manager(self, manager_id: int) -> None:
        """Show a manager's page (from the dashboard), selecting them in the roster."""
        if self.roster.select(manager_id):
            self._show_view(View.MANAGER)

    @Slot(QModelIndex)
    def _roster_clicked(self, _index: QModelIndex) -> None:
        """A click on the manager already selected brings their page back from the dashboard."""
        if self.view is not View.MANAGER:
            self._show_view(View.MANAGER)

    @Slot()
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()
        if self.search_edit.text().strip():
            self.pages.setCurrentWidget(self.search_page)

    @Slot()
    def show_palette(self) -> None:
        """Go to any manager or action by typing (Ctrl+K)."""
        self.palette_popup.open()

    @Slot()
    def show_shortcuts(self) -> None:
        """The keyboard shortcuts cheat sheet (F1)."""
        from ui.help.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    @Slot()
    def show_settings(self) -> None:
        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.session, self)
        dialog.saved.connect(self._settings_saved)
        dialog.exec()

    @Slot(object)
    def _settings_saved(self, values: Preferences) -> None:
        self.reminders.set_on_start(values.reminders)
        self.lock_controller.apply_preferences(values)
        self.statusBar().showMessage("Settings saved", 4000)

    @Slot()
    def prepare_one_on_one(self) -> None:
        """The prep sheet of the selected manager (Ctrl+Shift+P)."""
        selected = self.roster.selected_id()
        if selected is not None:
            self.open_prep(selected)

    @Slot(int)
    def open_prep(self, manager_id: int) -> PrepWindow:
        """Show the prep window of ``manager_id``, the one already open if there is one."""
        from ui.prep.page import PrepWindow  # built on first use: start-up does not pay for it

        window = self._prep_windows.get(manager_id)
        if window is None:
            window = PrepWindow(self.session, manager_id, self)
            window.log_requested.connect(self._log_from_prep)
            window.status.connect(lambda message: self.statusBar().showMessage(message, 8000))
            window.destroyed.connect(lambda: self._prep_windows.pop(manager_id, None))
            self._prep_windows[manager_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    @Slot(int)
    def _log_from_prep(self, manager_id: int) -> None:
        """Log the one-on-one a prep window was for: it opens with the agenda as its notes."""
        self.open_manager(manager_id)
        self.manager_page.journal.log_new(manager_id=manager_id)

    @Slot()
    def import_results(self) -> None:
        from ui.results.tab import import_results

        message = import_results(self, self.session)
        if message:
            self.statusBar().showMessage(message, 8000)

    def show_trash(self) -> None:
        from ui.journal.trash import TrashDialog

        TrashDialog(self.session, self).exec()

    def show_logged_twice(self) -> None:
        from ui.journal.logged_twice import LoggedTwiceDialog

        LoggedTwiceDialog(self.session, self).exec()

    def reopen_touchpoint(self, touchpoint_id: int) -> None:
        """Open a touchpoint's editor again (after the window was unlocked)."""
        self.manager_page.journal.open_touchpoint(touchpoint_id)

    def recover_drafts(self) -> None:
        """Reopen the entries that were being written when the app last stopped."""
        from coachjournal.coaching import prep, touchpoints  # not on the first screen

        for draft_id, manager_id, fields, saved_at in touchpoints.drafts():
            if prep.is_agenda(fields):
                continue  # a prep agenda waits for its one-on-one; it is not a lost entry
            self.manager_page.journal.log_new(
                draft=(draft_id, fields, saved_at), manager_id=manager_id
            )
            self.statusBar().showMessage("Recovered an unsaved touchpoint", 8000)

    @Slot()
    def add_manager(self) -> None:
        name = dialogs.ask_text(self, "New manager", "Name of the manager you coach:")
        if name is None:
            return
        try:
            record = self.session.add_manager(name)
        except CoachJournalError as error:
            dialogs.show_error(self, "New manager", str(error))
            return
        self.statusBar().showMessage(f"Added {record.name}", 4000)
        self.manager_page.tabs.setCurrentWidget(self.manager_page.profile)
        self.manager_page.profile.fields["title"].setFocus()

    @Slot()
    def open_sample(self) -> None:
        self._switch_journal(self.session.open_sample)

    @Slot()
    def open_home(self) -> None:
        self._switch_journal(self.lock_controller.open_home)

    def _switch_journal(self, switch: Callable[[], None]) -> None:
        self.search_edit.clear()
        try:
            switch()
        except CoachJournalError as error:
            dialogs.show_error(self, APP_NAME, str(error))
            return
        self.recover_drafts()

    @Slot()
    def _forget_manager(self) -> None:
        """Save what the manager's page holds while its journal is still open, and show no one
        until the next journal says whom (its tabs built later must not ask for a stale id)."""
        if self._manager_page is not None:
            self._manager_page.clear()

    @Slot()
    def _on_journal_opened(self) -> None:
        sample = self.session.is_sample
        self.sample_banner.setVisible(sample)
        self.sample_action.setVisible(not sample)
        self.home_action.setVisible(sample)
        where = "Sample team" if sample else self.session.path.name
        self.setWindowTitle(f"{where} — {APP_NAME} {__version__}")
        last = self.settings.value("roster/last_manager", 0, type=int)
        # Back on the roster's last manager, without leaving the dashboard for their page.
        self._restoring_selection = True
        try:
            if sample or not (isinstance(last, int) and last and self.roster.select(last)):
                self.roster.select_first()
        finally:
            self._restoring_selection = False
        self.view = View.TEAM
        self._update_welcome()
        self._refresh_page()

    @Slot()
    def _update_welcome(self) -> None:
        if self._built("welcome"):
            self._offer_protection(self.welcome)

    def _offer_protection(self, welcome: WelcomePage) -> None:
        welcome.set_protection(
            encrypted=self.session.encrypted, available=not self.session.is_sample
        )

    @property
    def manager_page(self) -> ManagerPage:
        """The selected manager's page, built the first time it is needed."""
        if self._manager_page is None:
            from ui.manager.page import ManagerPage

            page = ManagerPage(self.session)
            page.status.connect(lambda message: self.statusBar().showMessage(message, 5000))
            page.prep_requested.connect(self.open_prep)
            page.journal.restore_layout(self.settings)
            self.pages.addWidget(page)
            self._manager_page = page
            selected = self.roster.selected_id()
            if selected is not None:
                page.show_manager(selected)
        return self._manager_page

    @Slot(int)
    def _show_manager(self, manager_id: int) -> None:
        if self._restoring_selection:
            if self._manager_page is not None:
                self._manager_page.show_manager(manager_id)
            return
        self.view = View.MANAGER
        self._refresh_page()

    @Slot(int)
    def _after_removal(self, _manager_id: int) -> None:
        self.roster.select_first()
        self._refresh_page()

    @Slot()
    def _on_selection_cleared(self) -> None:
        """The shown manager left the list (archived, or filtered out): show the first one left."""
        self.roster.select_first()
        self._refresh_page()

    @Slot()
    def _refresh_page(self) -> None:
        if self.roster.model.total == 0:
            self.pages.setCurrentWidget(self.welcome)
            self.welcome.add_button.setFocus()
        elif self.view is View.TEAM:
            self.pages.setCurrentWidget(self.dashboard)
        elif self.view is View.CHARTS:
            self.pages.setCurrentWidget(self.charts_page)
        elif self.view is View.ASSIGNMENTS:
            self.pages.setCurrentWidget(self.assignments_page)
        elif self.view is View.TEAM_PICTURE:
            self.pages.setCurrentWidget(self.team_page)
        elif (selected := self.roster.selected_id()) is None:
            if self._manager_page is not None:
                self._manager_page.clear()
            self.pages.setCurrentWidget(self.nothing_selected)
        else:
            page = self.manager_page
            if page.manager_id != selected:
                if page.manager_id is not None and not self._may_leave_manager():
                    self.roster.select(page.manager_id)  # back: which shows their page again
                    return
                page.show_manager(selected)
            self.pages.setCurrentWidget(page)
        self._update_actions()

    def _may_leave_manager(self) -> bool:
        """Whether the manager page may show someone else or close: asked (Keep editing /
        Discard) when a new strength, area or assignment on it holds typed text."""
        page = self._manager_page
        return page is None or may_discard(self, page.unsaved_work())

    @Slot()
    def _update_actions(self) -> None:
        selected = self.roster.selected_id()
        record = self.roster.model.record(selected) if selected is not None else None
        on_page = self._manager_page is not None and (
            self.pages.currentWidget() is self._manager_page
        )
        # Archive and delete act on the manager on screen, never on one only the roster shows.
        self.archive_action.setEnabled(record is not None and on_page)
        self.log_action.setEnabled(record is not None)
        self.read_action.setEnabled(record is not None)
        self.prep_action.setEnabled(record is not None)
        self.delete_action.setEnabled(record is not None and on_page)
        archived = record is not None and record.archived
        self.archive_action.setText("Un&archive Manager" if archived else "&Archive Manager")
        has_team = self.roster.model.total > 0
        current = self.pages.currentWidget()
        for action, page in (
            (self.team_action, "dashboard"),
            (self.charts_action, "charts_page"),
            (self.assignments_action, "assignments_page"),
            (self.team_picture_action, "team_page"),
        ):
            action.setEnabled(has_team)
            action.setChecked(current is not None and current is self.__dict__.get(page))
        self._mute_roster_selection(not on_page)

    def changeEvent(self, event: QEvent) -> None:
        """A theme switched while the app runs: blend the roster's muted selection again, once
        the new style sheet has polished the roster (on the next turn of the event loop)."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._retint_roster)
        super().changeEvent(event)

    @Slot()
    def _retint_roster(self) -> None:
        if self._roster_muted is not None:
            muted, self._roster_muted = self._roster_muted, None
            self._mute_roster_selection(muted)

    def _mute_roster_selection(self, muted: bool) -> None:
        """Draw the roster's selection faintly while its manager is not the page on screen."""
        if muted == self._roster_muted:
            return
        self._roster_muted = muted
        view = self.roster.list_view
        if not muted:
            view.setPalette(QPalette())
            return
        colours = QPalette(self.palette())
        tint = QColor(colours.color(QPalette.ColorRole.Highlight))
        base = colours.color(QPalette.ColorRole.Base)
        blend = QColor(
            (tint.red() + 3 * base.red()) // 4,
            (tint.green() + 3 * base.green()) // 4,
            (tint.blue() + 3 * base.blue()) // 4,
        )
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            colours.setColor(group, QPalette.ColorRole.Highlight, blend)
            colours.setColor(
                group, QPalette.ColorRole.HighlightedText, colours.color(QPalette.ColorRole.Text)
            )
        view.setPalette(colours)

    @Slot()
    def _focus_filter(self) -> None:
        self.roster.filter_edit.setFocus()
        self.roster.filter_edit.selectAll()

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><p>A private coaching journal for sales leaders."
            f"</p><p>Your journal: {self.session.path}</p>",
        )

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(QSize(1180, 760).boundedTo(available_room(self)))
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self._manager_page is not None:
            self._manager_page.journal.save_layout(self.settings)
        selected = self.roster.selected_id()
        if selected is not None and not self.session.is_sample:
            self.settings.setValue("roster/last_manager", selected)
        self.settings.sync()

    def flush_pending(self) -> None:
        """Write what the manager page's editors hold (before quitting, locking, converting)."""
        if self._manager_page is not None:
            self._manager_page.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_manager():
            event.ignore()
            return
        self.flush_pending()
        self.save_state()
        if self._built("sync"):
            self.sync.finish_on_quit()
        super().closeEvent(event)
