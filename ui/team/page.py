"""The Team screen: the team picture, one tab per view (skills across the team, the plan, the
talent review)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.icons import icon
from ui.session import JournalSession
from ui.team.plan import PlanTab
from ui.team.skills import SkillsTab
from ui.team.talent import TalentTab


class TeamPage(QWidget):
    """``skill_opened(manager_id, skill)`` asks for a manager's Development tab at a skill."""

    skill_opened = Signal(int, str)
    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.skills = SkillsTab(session)
        self.skills.skill_opened.connect(self.skill_opened)
        self.plan = PlanTab(session)
        self.plan.status.connect(self.status)
        self.talent = TalentTab(session)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.skills, icon("growth"), "Skills")
        self.tabs.addTab(self.plan, icon("chart"), "Team plan")
        self.tabs.addTab(self.talent, icon("people"), "Talent review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
