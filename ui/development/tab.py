"""The Development tab of a manager: who they are as a manager, and what grows them.

The overview shows three lists side by side: strengths and development areas (latest rating
as dots, the change since the rating before, a sparkline, the target), what drives them
(ranked by dragging, or Ctrl+Up and Ctrl+Down; stale ones flagged in words with an icon), and
growth assignments (overdue ones flagged the same way). Enter or a double-click opens a
record's page, full width, with its history, chart and links; Esc (or the Back key) returns to
the overview on the same row, as a touchpoint opens from the Journal tab's timeline. Each list
says what to do while it is empty, with the buttons that do it.

One undo stack per tab: reordering, status changes and deletions are undoable with the
standard shortcuts while the focus is in the tab (a text field keeps Ctrl+Z for its own
typing). The stack is cleared when another manager is shown, because undoing a change to
someone no longer on screen would change data out of sight.

The tab reads a manager's development only when it is on screen (opening a manager on the
Journal tab costs nothing more), and the rating chart imports matplotlib only when drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import development, roster
from coachjournal.errors import ValidationError
from coachjournal.kinds import TraitKind
from ui.development.assignments import AssignmentPane, NewAssignmentForm
from ui.development.commands import UndoHistory
from ui.development.delegates import AssignmentDelegate, MotivatorDelegate, TraitDelegate
from ui.development.forms import card, on_delete_key, row, shortcut
from ui.development.models import AssignmentModel, IdRole, MotivatorModel, TraitModel
from ui.development.motivators import MotivatorPane, fill_motivators, motivator_combo
from ui.development.traits import NewTraitForm, TraitPane
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import combo_line, label
from ui.widgets.fields import error_label, may_discard
from ui.widgets.undo import UndoActions

TRAIT, MOTIVATOR, ASSIGNMENT = "trait", "motivator", "assignment"


def _list_view(name: str) -> QListView:
    view = QListView()
    view.setAccessibleName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setUniformItemSizes(False)
    return view


class _Section:
    """A card of the overview: heading, its list, or while the list is empty a sentence on
    what to do, with the buttons that do it."""

    def __init__(
        self, title: str, view: QListView, empty_text: str, actions: tuple[QPushButton, ...] = ()
    ) -> None:
        self.frame, self.layout = card()
        self.title = label(title, "sectionTitle")
        self.count = label("", "mutedLabel")
        # In a narrow window the count gives way first, then the heading, so the tab is no
        # wider at least than the Journal tab (the window's smallest size stays as it was).
        self.title.setMinimumWidth(80)
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.header = row(self.title, self.count)
        self.header.setStretch(1, 1)
        self.view = view
        self.hint = label(empty_text, "sectionHint", wrap=True)
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 4, 0, 0)
        empty_layout.addWidget(self.hint)
        for action in actions:
            empty_layout.addWidget(action, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.layout.addLayout(self.header)
        self.layout.addWidget(self.stack, 1)

    def show_empty(self, empty: bool) -> None:
        self.stack.setCurrentWidget(self.empty if empty else self.view)


def _action(icon_name: str, text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.clicked.connect(lambda: slot())
    return button


class DevelopmentTab(QWidget):
    """``status`` carries confirmations for the status bar; ``touchpoint_requested`` asks the
    manager page to open a touchpoint (evidence, or work on an assignment)."""

    status = Signal(str)
    touchpoint_requested = Signal(int)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self._loaded_id: int | None = None
        self._stale = False
        #: The record whose page is open: (kind, id); None on the overview or a new-record form.
        self.detail: tuple[str, int] | None = None

        self.history = UndoHistory(session)
        # The buttons of the app-wide history; its keys are the window's (Edit menu).
        undo = UndoActions(session, self)
        undo.failed.connect(self.status)
        undo.done.connect(self.status)
        self.undo_action, self.redo_action = undo.undo_action, undo.redo_action

        self._build_lists()
        self._build_details()
        self._build_layout()

        session.traits_changed.connect(self._on_traits_changed)
        session.motivators_changed.connect(self._on_motivators_changed)
        session.assignments_changed.connect(self._on_assignments_changed)
        session.entries_changed.connect(self._on_entries_changed)
        session.record_restored.connect(self._on_record_restored)
        session.history_replayed.connect(self._after_undo)
        session.journal_opened.connect(lambda: self.show_manager(None))

    # Building -----------------------------------------------------------------------------

    def _build_lists(self) -> None:
        self.traits = TraitModel(self)
        self.trait_view = _list_view("Strengths and development areas")
        self.trait_view.setModel(self.traits)
        self.trait_view.setItemDelegate(TraitDelegate(self.trait_view))
        self.trait_section = _Section(
            "Strengths and development areas",
            self.trait_view,
            "What are they great at, and what must they get better at? Add a strength or a "
            "development area, rate it from 1 to 5, and rate it again as they grow: the "
            "history and its trend stay.",
            (
                _action("strength", "Add a strength", lambda: self.new_trait(TraitKind.STRENGTH)),
                _action(
                    "growth",
                    "Add a development area",
                    lambda: self.new_trait(TraitKind.DEVELOPMENT),
                ),
            ),
        )
        self.add_trait_button = QToolButton()
        self.add_trait_button.setIcon(icon("add"))
        self.add_trait_button.setText("Add")
        self.add_trait_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_trait_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_trait_button.setAccessibleName("Add a strength or development area")
        menu = QMenu(self.add_trait_button)
        menu.addAction(icon("strength"), "Strength", lambda: self.new_trait(TraitKind.STRENGTH))
        menu.addAction(
            icon("growth"), "Development area", lambda: self.new_trait(TraitKind.DEVELOPMENT)
        )
        self.add_trait_button.setMenu(menu)
        self.trait_section.header.addWidget(self.add_trait_button)
        on_delete_key(self.trait_view, "Delete", lambda: self._delete_selected(TRAIT))

        self.motivators = MotivatorModel(self)
        self.motivators.reordered.connect(self._motivators_reordered)
        self.motivator_view = _list_view("What drives them, most important first")
        self.motivator_view.setModel(self.motivators)
        self.motivator_view.setItemDelegate(MotivatorDelegate(self.motivator_view))
        # DragDrop rather than InternalMove: a drag within the list still moves rows
        # (moveRows), and a drop that reaches the list as MIME data (moveRows through
        # dropMimeData) is taken too; the MIME type is the app's own, so nothing else lands.
        self.motivator_view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.motivator_view.setDragDropOverwriteMode(False)
        self.motivator_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.motivator_view.setDragEnabled(True)
        self.motivator_view.setAcceptDrops(True)
        self.motivator_view.setDropIndicatorShown(True)
        self.motivator_view.setToolTip(
            "Drag to rank, or Ctrl+Up and Ctrl+Down; Delete removes (Ctrl+Z undoes)"
        )
        shortcut(
            self.motivator_view,
            "Rank higher",
            [QKeySequence("Ctrl+Up")],
            lambda: self.move_motivator(-1),
        )
        shortcut(
            self.motivator_view,
            "Rank lower",
            [QKeySequence("Ctrl+Down")],
            lambda: self.move_motivator(1),
        )
        on_delete_key(self.motivator_view, "Delete", lambda: self._delete_selected(MOTIVATOR))
        self.motivator_section = _Section(
            "What drives them",
            self.motivator_view,
            "What makes them give their best: recognition, money, career, autonomy, mastery…? "
            "Add what you know below, rank it by dragging, and confirm it with them every few "
            "months.",
        )
        self.motivator_input = motivator_combo()
        combo_line(self.motivator_input).returnPressed.connect(self.add_motivator)
        self.add_motivator_button = QPushButton(icon("add"), "Add")
        self.add_motivator_button.clicked.connect(self.add_motivator)
        self.motivator_error = error_label()
        adding = row(self.motivator_input, self.add_motivator_button, spacing=6)
        adding.setStretch(0, 1)
        self.motivator_section.layout.addLayout(adding)
        self.motivator_section.layout.addWidget(self.motivator_error)

        self.assignments = AssignmentModel(self)
        self.assignment_view = _list_view("Growth assignments")
        self.assignment_view.setModel(self.assignments)
        self.assignment_view.setItemDelegate(AssignmentDelegate(self.assignment_view))
        on_delete_key(self.assignment_view, "Delete", lambda: self._delete_selected(ASSIGNMENT))
        self.assignment_section = _Section(
            "Growth assignments",
            self.assignment_view,
            "A stretch assignment grows a skill faster than advice does: plan one for a "
            "development area, with a due date to talk about how it went.",
            (_action("assignment", "Plan an assignment", lambda: self.new_assignment()),),
        )
        self.add_assignment_button = QToolButton()
        self.add_assignment_button.setIcon(icon("add"))
        self.add_assignment_button.setText("Plan one")
        self.add_assignment_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_assignment_button.clicked.connect(lambda: self.new_assignment())
        self.assignment_section.header.addWidget(self.add_assignment_button)

        for kind, view in (
            (TRAIT, self.trait_view),
            (MOTIVATOR, self.motivator_view),
            (ASSIGNMENT, self.assignment_view),
        ):
            view.activated.connect(lambda index, k=kind: self._on_activated(k, index))

    def _build_details(self) -> None:
        self.trait_pane = TraitPane(self.session, self.history)
        self.motivator_pane = MotivatorPane(self.session, self.history)
        self.motivator_pane.move_requested.connect(self.move_motivator)
        self.assignment_pane = AssignmentPane(self.session, self.history)
        for pane in (self.trait_pane, self.motivator_pane, self.assignment_pane):
            pane.status.connect(self.status)
        self.trait_pane.touchpoint_requested.connect(self.touchpoint_requested)
        self.trait_pane.assignment_requested.connect(self.new_assignment)
        self.assignment_pane.touchpoint_requested.connect(self.touchpoint_requested)
        self.new_trait_form = NewTraitForm(self.session)
        self.new_trait_form.added.connect(lambda trait_id: self.reveal(TRAIT, trait_id))
        self.new_trait_form.cancelled.connect(self.leave_details)
        self.new_assignment_form = NewAssignmentForm(self.session)
        self.new_assignment_form.added.connect(
            lambda assignment_id: self.reveal(ASSIGNMENT, assignment_id)
        )
        self.new_assignment_form.cancelled.connect(self.leave_details)
        self.details = QStackedWidget()
        for page in (
            self.trait_pane,
            self.new_trait_form,
            self.motivator_pane,
            self.assignment_pane,
            self.new_assignment_form,
        ):
            self.details.addWidget(page)

    def _build_layout(self) -> None:
        self.summary = label("", "mutedLabel", wrap=True)
        undo_button, redo_button = QToolButton(), QToolButton()
        undo_button.setDefaultAction(self.undo_action)
        redo_button.setDefaultAction(self.redo_action)
        for button in (undo_button, redo_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAutoRaise(True)
        self.undo_button, self.redo_button = undo_button, redo_button
        self.back_button = QPushButton(icon("back"), "Development")
        self.back_button.setToolTip("Back to the overview (Esc)")
        self.back_button.clicked.connect(self.leave_details)
        self.crumb = label("", "mutedLabel")
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.crumb, 1)
        bar.addWidget(self.summary, 1)
        bar.addWidget(undo_button)
        bar.addWidget(redo_button)

        side = QSplitter(Qt.Orientation.Vertical)
        side.setChildrenCollapsible(False)
        side.addWidget(self.motivator_section.frame)
        side.addWidget(self.assignment_section.frame)
        side.setStretchFactor(0, 1)
        side.setStretchFactor(1, 1)
        self.overview = QSplitter(Qt.Orientation.Horizontal)
        self.overview.setChildrenCollapsible(False)
        self.overview.addWidget(self.trait_section.frame)
        self.overview.addWidget(side)
        self.overview.setStretchFactor(0, 1)
        self.overview.setStretchFactor(1, 1)
        self.overview.setSizes([1000, 1000])

        self.details.setMaximumWidth(1120)
        page = QWidget()
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(4, 6, 4, 6)
        page_layout.addWidget(self.details, 1)
        page_layout.addStretch(0)
        self.details_scroll = QScrollArea()
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll.setWidget(page)
        shortcut(
            self.details_scroll,
            "Back to the overview",
            [QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Back)],
            self.leave_details,
        ).setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.overview)
        self.pages.addWidget(self.details_scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self._show_page(self.overview)

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        detail = page is self.details_scroll
        self.back_button.setVisible(detail)
        self.crumb.setVisible(detail)
        self.summary.setVisible(not detail)

    # Showing a manager --------------------------------------------------------------------

    def show_manager(self, manager_id: int | None) -> None:
        """Show ``manager_id`` (None: nobody); read from the journal once the tab is seen."""
        self.flush()
        self.manager_id = manager_id
        self._stale = True
        if self.isVisible() or manager_id is None:
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def ensure_loaded(self) -> None:
        if self._stale:
            self._load()

    def _load(self) -> None:
        self._stale = False
        changed = self._loaded_id != self.manager_id
        self._loaded_id = self.manager_id
        self.traits.load(self.manager_id)
        self.motivators.load(self.manager_id)
        self._load_assignments()
        self._refresh_motivator_input()
        self._refresh_overview()
        if changed or self.detail is None:
            self.detail = None
            self._show_page(self.overview)
        else:
            self._follow_detail()

    def _load_assignments(self) -> None:
        records = (
            development.list_assignments(self.manager_id) if self.manager_id is not None else []
        )
        current = self._current_id(self.assignment_view)
        self.assignments.load(records)
        if current is not None:
            self._select(ASSIGNMENT, current)

    def flush(self) -> None:
        """Save what is being typed in the detail pane."""
        for pane in (self.trait_pane, self.motivator_pane, self.assignment_pane):
            pane.flush()

    def _refresh_overview(self) -> None:
        """Counts on the cards, the summary line, and the empty states."""
        today = dt.date.today()
        motivators = self.motivators.records
        stale = sum(record.is_stale(today) for record in motivators)
        assignments = self.assignments.records
        active = sum(record.is_open for record in assignments)
        overdue = sum(record.is_overdue(today) for record in assignments)
        self.motivator_section.count.setText(
            (f"{len(motivators)}" + (f" · {stale} to confirm" if stale else ""))
            if motivators
            else ""
        )
        self.assignment_section.count.setText(
            (f"{active} open" + (f" · {overdue} overdue" if overdue else "")) if assignments else ""
        )
        self.trait_section.show_empty(not self.traits.records)
        self.motivator_section.show_empty(not motivators)
        self.assignment_section.show_empty(not assignments)
        for widget in (self.add_trait_button, self.add_assignment_button, self.motivator_input):
            widget.setEnabled(self.manager_id is not None)
        self.add_motivator_button.setEnabled(self.manager_id is not None)
        parts = []
        if self.traits.records:
            rated = [r for r in self.traits.records if r.rating is not None]
            if rated:
                growing = sum(1 for r in rated if r.change is not None and r.change > 0)
                parts.append(f"{growing} of {len(rated)} rated skills grew at their last rating")
        if stale:
            parts.append(f"{stale} motivator{'s' if stale != 1 else ''} to confirm")
        if overdue:
            parts.append(f"{overdue} assignment{'s' if overdue != 1 else ''} overdue")
        if self.manager_id is not None and not (self.traits.records or motivators or assignments):
            first = roster.get_manager(self.manager_id).name.split()[0]
            parts.append(
                f"Start with the end in mind: where should {first} be in a year, and what "
                "will get them there?"
            )
        self.summary.setText(" · ".join(parts))

    # The detail pane ----------------------------------------------------------------------

    @Slot()
    def leave_details(self) -> None:
        """Esc, Back or a form's Cancel: back to the overview, asking first when a new
        strength, area or assignment holds typed text (Keep editing is the default)."""
        if not may_discard(self, self.unsaved_work()):
            return
        self.show_overview()

    def unsaved_work(self) -> str | None:
        """What a new strength, area or assignment on screen holds typed and not added yet ("the
        new strength"), or None: leaving it, or showing another manager, would lose it."""
        form = self.details.currentWidget()
        on_screen = self.pages.currentWidget() is self.details_scroll
        if on_screen and isinstance(form, NewTraitForm | NewAssignmentForm):
            return form.unsaved_work()
        return None

    def show_overview(self) -> None:
        """Back from a detail page to the three lists (the record stays selected)."""
        self.flush()
        came_from = self.detail
        self.detail = None
        self._show_page(self.overview)
        if came_from is not None and self._select(*came_from):
            self._view(came_from[0]).setFocus()
        elif self.manager_id is not None:
            self.trait_view.setFocus()

    def _on_activated(self, kind: str, index: QModelIndex) -> None:
        if index.isValid():
            self._show_detail(kind, int(index.data(IdRole)))

    def _show_detail(self, kind: str, record_id: int) -> None:
        """Open a record's page (Enter or a double-click in its list)."""
        self._select(kind, record_id)
        self.detail = (kind, record_id)
        if kind == TRAIT:
            self.trait_pane.show_trait(record_id)
            self.details.setCurrentWidget(self.trait_pane)
            crumb = self.trait_pane.skill_edit.text()
        elif kind == MOTIVATOR:
            self.motivator_pane.show_motivator(record_id)
            self.details.setCurrentWidget(self.motivator_pane)
            crumb = self.motivator_pane.name_edit.text()
        else:
            self.assignment_pane.show_assignment(record_id)
            self.details.setCurrentWidget(self.assignment_pane)
            crumb = self.assignment_pane.title_edit.text()
        self._open_page(crumb)

    def _open_page(self, crumb: str) -> None:
        self.crumb.setText(f"›  {crumb}")
        self._show_page(self.details_scroll)
        self.details_scroll.verticalScrollBar().setValue(0)

    def reveal(self, kind: str, record_id: int) -> None:
        """Select a record in its list (after adding it, or undoing its delete); if a detail
        page is open, show the record's page."""
        self.ensure_loaded()
        self._reload(kind)
        if not self._select(kind, record_id):
            return
        if self.pages.currentWidget() is self.details_scroll:
            self._show_detail(kind, record_id)
        else:
            self._view(kind).setFocus()

    def open_record(self, kind: str, record_id: int) -> None:
        """Open a record's page: ``kind`` is "trait", "motivator" or "assignment"."""
        self.ensure_loaded()
        self._reload(kind)
        if self._select(kind, record_id):
            self._show_detail(kind, record_id)

    def open_assignment(self, assignment_id: int) -> None:
        """Open one assignment's page (from the team's list, say)."""
        self.open_record(ASSIGNMENT, assignment_id)

    def _view(self, kind: str) -> QListView:
        return {
            TRAIT: self.trait_view,
            MOTIVATOR: self.motivator_view,
            ASSIGNMENT: self.assignment_view,
        }[kind]

    def _pane(self, kind: str) -> TraitPane | MotivatorPane | AssignmentPane:
        panes: dict[str, TraitPane | MotivatorPane | AssignmentPane] = {
            TRAIT: self.trait_pane,
            MOTIVATOR: self.motivator_pane,
            ASSIGNMENT: self.assignment_pane,
        }
        return panes[kind]

    def _model(self, kind: str) -> TraitModel | MotivatorModel | AssignmentModel:
        models: dict[str, TraitModel | MotivatorModel | AssignmentModel] = {
            TRAIT: self.traits,
            MOTIVATOR: self.motivators,
            ASSIGNMENT: self.assignments,
        }
        return models[kind]

    def _select(self, kind: str, record_id: int) -> bool:
        """Make ``record_id`` the current row of its list."""
        row_ = self._model(kind).row_of(record_id)
        if row_ < 0:
            return False
        view = self._view(kind)
        view.selectionModel().setCurrentIndex(
            view.model().index(row_, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    @staticmethod
    def _current_id(view: QListView) -> int | None:
        index = view.currentIndex()
        return int(index.data(IdRole)) if index.isValid() else None

    def _follow_detail(self) -> None:
        """After a reload: keep the detail pane on its record, or show the hint if it is gone."""
        if self.detail is None:
            return
        kind, record_id = self.detail
        if not self._select(kind, record_id):
            self.show_overview()
            return
        self._pane(kind).refresh()

    # Reacting to the session --------------------------------------------------------------

    def _reload(self, kind: str) -> None:
        if kind == TRAIT:
            self.traits.load(self.manager_id)
        elif kind == MOTIVATOR:
            self.motivators.load(self.manager_id)
            self._refresh_motivator_input()
        else:
            self._load_assignments()
        self._refresh_overview()

    def _changed(self, kind: str, manager_id: int) -> None:
        if manager_id != self.manager_id:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._reload(kind)
        if self.detail is not None and self.detail[0] == kind:
            self._follow_detail()

    @Slot(int)
    def _on_traits_changed(self, manager_id: int) -> None:
        self._changed(TRAIT, manager_id)

    @Slot(int)
    def _on_motivators_changed(self, manager_id: int) -> None:
        self._changed(MOTIVATOR, manager_id)

    @Slot(int)
    def _on_assignments_changed(self, manager_id: int) -> None:
        self._changed(ASSIGNMENT, manager_id)

    @Slot()
    def _after_undo(self) -> None:
        """Edit ▸ Undo or Redo may have changed the open record's fields: show it afresh."""
        if self.detail is not None and self.isVisible() and self._select(*self.detail):
            self._show_detail(*self.detail)

    @Slot(str, int, int)
    def _on_record_restored(self, table: str, record_id: int, manager_id: int) -> None:
        """An undo brought a record back: show it, as after adding it."""
        if manager_id == self.manager_id and table in (TRAIT, MOTIVATOR, ASSIGNMENT):
            self.reveal(table, record_id)

    @Slot(int)
    def _on_entries_changed(self, manager_id: int) -> None:
        """A touchpoint was saved, trashed or restored: evidence and work lists may change."""
        if manager_id != self.manager_id:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._load_assignments()
        self._refresh_overview()
        if self.detail is not None and self.detail[0] in (TRAIT, ASSIGNMENT):
            self._follow_detail()

    # Actions ------------------------------------------------------------------------------

    def new_trait(self, kind: TraitKind) -> None:
        if self.manager_id is None:
            return
        self.ensure_loaded()
        self.flush()
        self.detail = None
        self.new_trait_form.start(self.manager_id, kind)
        self.details.setCurrentWidget(self.new_trait_form)
        self._open_page(self.new_trait_form.title.text())
        self.new_trait_form.skill.setFocus()

    def new_assignment(self, trait_id: int | None = None) -> None:
        if self.manager_id is None:
            return
        self.ensure_loaded()
        self.flush()
        self.detail = None
        self.new_assignment_form.start(self.manager_id, trait_id)
        self.details.setCurrentWidget(self.new_assignment_form)
        self._open_page("New growth assignment")
        self.new_assignment_form.title_edit.setFocus()

    @Slot()
    def add_motivator(self) -> None:
        name = self.motivator_input.currentText()
        if self.manager_id is None or not name.strip():
            return
        try:
            record = self.session.add_motivator(self.manager_id, name)
        except ValidationError as error:
            self.motivator_error.setText(error.message)
            self.motivator_error.show()
            return
        self.motivator_error.hide()
        self.motivator_input.setEditText("")
        self._select(MOTIVATOR, record.id)
        self.motivator_input.setFocus()
        self.status.emit(f"Added “{record.name}”: drag it to its rank")

    def _refresh_motivator_input(self) -> None:
        text = self.motivator_input.currentText()
        fill_motivators(
            self.motivator_input, {record.name.casefold() for record in self.motivators.records}
        )
        self.motivator_input.setEditText(text)

    def move_motivator(self, offset: int) -> None:
        """Move the selected motivator up (-1) or down (+1) a rank: undoable."""
        index = self.motivator_view.currentIndex()
        if index.isValid():
            self.motivators.move(index.row(), offset)

    @Slot(list, list)
    def _motivators_reordered(self, before: list[int], after: list[int]) -> None:
        """The list was reordered (dragged, or moved with the keyboard): write it, undoably."""
        manager_id = self.manager_id
        if manager_id is None:
            return
        try:
            self.history.change(
                "rank the motivators",
                lambda: self.session.reorder_motivators(manager_id, after),
            )
        except ValidationError as error:
            self.status.emit(error.message)
            self._reload(MOTIVATOR)
            return
        for moved_id in self.motivators.moved[:1]:
            name = self.motivators.record(self.motivators.row_of(moved_id)).name
            self.status.emit(f"“{name}” is now number {after.index(moved_id) + 1}. Ctrl+Z undoes.")

    def _delete_selected(self, kind: str) -> None:
        """Delete (undoably) what is selected in a list, from the list itself."""
        record_id = self._current_id(self._view(kind))
        if record_id is None:
            return
        self._pane(kind).delete(record_id)
        self._view(kind).setFocus()
