"""Welcome: what the app is for, and two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.icons import icon
from ui.widgets.basic import label

WELCOME_TEXT = (
    "CoachJournal keeps your private notes on each manager you coach: their strengths, what "
    "motivates them, the assignments that stretch them and every conversation you have. "
    "It tells you who is due a one-on-one and prepares you for it. "
    "Everything stays on this computer."
)


class WelcomePage(QWidget):
    add_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = label("Welcome to CoachJournal", "welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = label(WELCOME_TEXT, "welcomeText", wrap=True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)

        self.add_button = QPushButton(icon("add"), "Add your first manager")
        self.add_button.setObjectName("primaryButton")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_requested)
        self.sample_button = QPushButton(icon("people"), "Explore the sample team")
        self.sample_button.setToolTip(
            "Opens eight made-up managers with two years of history, in a separate file"
        )
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch()

        hint = label(
            "The sample team lives in its own file: nothing in it mixes with your journal.",
            "mutedLabel",
            wrap=True,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(10)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(22)
        layout.addLayout(buttons)
        layout.addSpacing(10)
        layout.addWidget(hint)
        layout.addStretch(3)
