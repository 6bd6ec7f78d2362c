"""The Team screen: the team picture, one tab per view (skills across the team, the plan, the
talent review). Each tab is built the first time it is shown (:class:`LazyTabs`): the screen
opens on the skills, and the plan and the talent review cost nothing until they are chosen."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.icons import icon
from ui.session import JournalSession
from ui.team.skills import SkillsTab
from ui.widgets.lazy_tabs import LazyTabs

if TYPE_CHECKING:  # imported by the tab's builder, when it is first shown
    from ui.team.plan import PlanTab
    from ui.team.talent import TalentTab


class TeamPage(QWidget):
    """``skill_opened(manager_id, skill)`` asks for a manager's Development tab at a skill."""

    skill_opened = Signal(int, str)
    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = LazyTabs()
        self._skills_at = self.tabs.add_lazy(self._skills, icon("growth"), "Skills")
        self._plan_at = self.tabs.add_lazy(self._plan, icon("chart"), "Team plan")
        self._talent_at = self.tabs.add_lazy(self._talent, icon("people"), "Talent review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _skills(self) -> SkillsTab:
        tab = SkillsTab(self.session)
        tab.skill_opened.connect(self.skill_opened)
        return tab

    def _plan(self) -> PlanTab:
        from ui.team.plan import PlanTab

        tab = PlanTab(self.session)
        tab.status.connect(self.status)
        return tab

    def _talent(self) -> TalentTab:
        from ui.team.talent import TalentTab

        return TalentTab(self.session)

    @cached_property
    def skills(self) -> SkillsTab:
        tab = self.tabs.page(self._skills_at)
        assert isinstance(tab, SkillsTab)
        return tab

    @cached_property
    def plan(self) -> PlanTab:
        from ui.team.plan import PlanTab

        tab = self.tabs.page(self._plan_at)
        assert isinstance(tab, PlanTab)
        return tab

    @cached_property
    def talent(self) -> TalentTab:
        from ui.team.talent import TalentTab

        tab = self.tabs.page(self._talent_at)
        assert isinstance(tab, TalentTab)
        return tab
