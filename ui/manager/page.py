"""The page of the selected manager: name, title and team, archive and delete, and the tabs.

The page opens on the journal; the profile, development and results tabs are built after its
first paint, one per turn of the event loop, or earlier when shown or asked for
(:class:`LazyTabs`), and then show the manager of the moment: the first manager opened no longer
waits for four tabs to see one.
"""

from __future__ import annotations

from functools import cached_property
from typing import TypeAlias, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coachjournal.coaching.development import list_traits
from coachjournal.coaching.roster import ManagerRecord, get_manager
from coachjournal.coaching.team.skills import skill_key
from ui import dialogs
from ui.development.tab import TRAIT, DevelopmentTab
from ui.icons import icon
from ui.journal.tab import JournalTab
from ui.profile.editor import ProfileEditor
from ui.results.tab import ResultsTab
from ui.roster.model import subtitle
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.lazy_tabs import LazyTabs

AnyTab: TypeAlias = JournalTab | ProfileEditor | DevelopmentTab | ResultsTab
Tab = TypeVar("Tab", JournalTab, ProfileEditor, DevelopmentTab, ResultsTab)


class ManagerPage(QWidget):
    """Everything about one manager. ``status`` carries confirmations for the status bar."""

    status = Signal(str)
    #: The user asked for the prep sheet of the shown manager (manager id).
    prep_requested = Signal(int)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None

        self.name_label = label("", "profileName", wrap=True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = label("", "mutedLabel", wrap=True)
        self.archived_badge = label("Archived", "badge")
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button = QPushButton(icon("delete"), "Delete…")
        self.delete_button.setObjectName("dangerButton")
        self.delete_button.setToolTip("Delete this manager and everything written about them")
        self.delete_button.clicked.connect(self.delete_current)
        self.prep_button = QPushButton(icon("journal"), "Prepare one-on-one…")
        self.prep_button.setAccessibleName("Prepare the next one-on-one")
        self.prep_button.setToolTip(
            "Open items, what happened since the last one-on-one, questions and an agenda "
            "(Ctrl+Shift+P)"
        )
        self.prep_button.clicked.connect(self._prep_clicked)

        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label, 1)
        name_row.addWidget(self.archived_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addLayout(name_row)
        titles.addWidget(self.subtitle_label)
        header = QHBoxLayout()
        header.setContentsMargins(20, 14, 20, 4)
        header.addLayout(titles, 1)
        header.addWidget(self.prep_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.archive_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)

        self.tabs = LazyTabs(build_after_paint=True)
        self._journal_at = self.tabs.add_lazy(self._journal, icon("journal"), "Journal")
        self._profile_at = self.tabs.add_lazy(self._profile, icon("people"), "Profile")
        self._development_at = self.tabs.add_lazy(self._development, icon("growth"), "Development")
        self._results_at = self.tabs.add_lazy(self._results, icon("chart"), "Results")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        session.manager_changed.connect(self._on_manager_changed)

    # --- The tabs, each built when first needed -----------------------------------------------

    def _showing(self, tab: Tab) -> Tab:
        """A tab just built, showing the manager shown now."""
        if self.manager_id is not None:
            tab.show_manager(self.manager_id)
        return tab

    def _journal(self) -> JournalTab:
        tab = JournalTab(self.session)
        tab.status.connect(self.status)
        return self._showing(tab)

    def _profile(self) -> ProfileEditor:
        tab = ProfileEditor(self.session)
        tab.saved.connect(self.status)
        return self._showing(tab)

    def _development(self) -> DevelopmentTab:
        tab = DevelopmentTab(self.session)
        tab.status.connect(self.status)
        tab.touchpoint_requested.connect(self.read_touchpoint)
        return self._showing(tab)

    def _results(self) -> ResultsTab:
        tab = ResultsTab(self.session)
        tab.status.connect(self.status)
        return self._showing(tab)

    def _tab(self, index: int, kind: type[Tab]) -> Tab:
        tab = self.tabs.page(index)
        assert isinstance(tab, kind)
        return tab

    @cached_property
    def journal(self) -> JournalTab:
        return self._tab(self._journal_at, JournalTab)

    @cached_property
    def profile(self) -> ProfileEditor:
        return self._tab(self._profile_at, ProfileEditor)

    @cached_property
    def development(self) -> DevelopmentTab:
        return self._tab(self._development_at, DevelopmentTab)

    @cached_property
    def results(self) -> ResultsTab:
        return self._tab(self._results_at, ResultsTab)

    def _built_tabs(self) -> list[AnyTab]:
        built: list[AnyTab] = []
        for index in range(self.tabs.count()):
            if self.tabs.is_built(index):
                tab = self.tabs.page(index)
                assert isinstance(tab, JournalTab | ProfileEditor | DevelopmentTab | ResultsTab)
                built.append(tab)
        return built

    def show_manager(self, manager_id: int) -> None:
        self.flush()
        self.manager_id = manager_id
        self._show_header(get_manager(manager_id))
        for tab in self._built_tabs():
            tab.show_manager(manager_id)

    def clear(self) -> None:
        """No manager is shown any more (none selected, or another journal was opened)."""
        self.flush()
        self.manager_id = None
        for tab in self._built_tabs():
            if isinstance(tab, ProfileEditor):
                tab.manager_id = None
            else:
                tab.show_manager(None)

    def flush(self) -> None:
        """Save what the profile and development tabs hold (those built: the others hold
        nothing)."""
        for tab in self._built_tabs():
            if isinstance(tab, ProfileEditor | DevelopmentTab):
                tab.flush()

    def unsaved_work(self) -> str | None:
        """What the development tab holds typed and not added yet (see
        :meth:`DevelopmentTab.unsaved_work`); None while it was never shown."""
        if not self.tabs.is_built(self._development_at):
            return None
        return self.development.unsaved_work()

    @Slot(int)
    def read_touchpoint(self, touchpoint_id: int, highlight: str = "") -> None:
        """Show one entry in the journal's reading pane (editing it is a step of its own)."""
        self.tabs.setCurrentWidget(self.journal)
        self.journal.read(touchpoint_id, highlight)

    def open_assignment(self, assignment_id: int) -> None:
        """Show the Development tab on one of the shown manager's assignments."""
        self.tabs.setCurrentWidget(self.development)
        self.development.open_assignment(assignment_id)

    def open_skill(self, manager_id: int, skill: str) -> None:
        """Show the Development tab of ``manager_id`` (the manager shown) at ``skill``: its page
        if they have it, else their list of skills."""
        if self.manager_id != manager_id:
            self.show_manager(manager_id)
        self.tabs.setCurrentWidget(self.development)
        key = skill_key(skill)
        trait = next((t for t in list_traits(manager_id) if skill_key(t.skill) == key), None)
        if trait is None:
            self.development.show_overview()
        else:
            self.development.open_record(TRAIT, trait.id)

    def _show_header(self, record: ManagerRecord) -> None:
        self.name_label.setText(record.name)
        self.subtitle_label.setText(subtitle(record) or "Add a title and a team in the profile.")
        self.archived_badge.setVisible(record.archived)
        self.archive_button.setIcon(icon("unarchive" if record.archived else "archive"))
        self.archive_button.setText("Unarchive" if record.archived else "Archive")
        self.archive_button.setToolTip(
            "Bring this manager back to the roster"
            if record.archived
            else "Hide this manager from the roster, keeping their history"
        )

    @Slot(int)
    def _on_manager_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self._show_header(get_manager(manager_id))

    @Slot()
    def _prep_clicked(self) -> None:
        if self.manager_id is not None:
            self.prep_requested.emit(self.manager_id)

    @Slot()
    def toggle_archived(self) -> None:
        if self.manager_id is None:
            return
        self.flush()
        record = get_manager(self.manager_id)
        updated = self.session.set_archived(self.manager_id, not record.archived)
        done = "Archived" if updated.archived else "Unarchived"
        self.status.emit(f"{done} {updated.name}")

    @Slot()
    def delete_current(self) -> None:
        if self.manager_id is None:
            return
        self.flush()
        record = get_manager(self.manager_id)
        if not dialogs.confirm(
            self,
            "Delete manager",
            f"Delete {record.name} and everything you wrote about them?",
            "Their touchpoints, notes, action items and assignments are deleted too. "
            "To keep their history, archive them instead.",
            "Delete",
        ):
            return
        manager_id, self.manager_id = self.manager_id, None
        self.session.delete_manager(manager_id)
        self.status.emit(f"Deleted {record.name}")
