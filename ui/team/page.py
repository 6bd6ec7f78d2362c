"""The Team screen: a tab per view of the whole team's picture."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.session import JournalSession
from ui.team.talent import TalentTab


class TeamPage(QWidget):
    """The team picture's tabs."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.talent = TalentTab(session)
        self.tabs.addTab(self.talent, "Talent review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
