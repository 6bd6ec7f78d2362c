"""Welcome: what the app is for in three sentences, then the two things a first hour needs —
the team, and whether to lock the journal with a passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.widgets.basic import label

WELCOME_TEXT = (
    "CoachJournal is your private notebook for coaching the managers on your team: who they "
    "are, what drives them, what they are working on and every conversation you have. "
    "It tells you who is due your time and puts everything you need for a one-on-one on one "
    "page. Your notes stay in one file on this computer, and you can lock them with a "
    "passphrase."
)

PROTECT_TEXT = (
    "Your notes are about people's careers. A passphrase encrypts the journal on this "
    "computer, so the file is unreadable without it. Nobody can recover a lost passphrase, "
    "so keep it somewhere safe."
)
PROTECTED_TEXT = (
    "This journal is encrypted with a passphrase. Lock it any time with Ctrl+L; it also "
    "locks itself after a while without use."
)


def _button(text: str, icon_name: str, accessible: str, primary: bool = False) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setAccessibleName(accessible)
    if primary:
        button.setObjectName("primaryButton")
        button.setDefault(True)
    return button


def _step(number: int, title: str, text: QWidget, buttons: list[QPushButton]) -> QFrame:
    """A numbered card: a title, a sentence or two, and its buttons in a row."""
    card = QFrame()
    card.setObjectName("card")
    heading = label(f"{number}  {title}", "welcomeStep")
    row = QHBoxLayout()
    row.setSpacing(8)
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 16, 20, 18)
    layout.setSpacing(8)
    layout.addWidget(heading)
    layout.addWidget(text)
    layout.addSpacing(4)
    layout.addLayout(row)
    return card


class WelcomePage(QWidget):
    """Shown while the journal has no manager."""

    add_requested = Signal()
    import_requested = Signal()
    sample_requested = Signal()
    protect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = label("Welcome to CoachJournal", "welcomeTitle", align=Qt.AlignmentFlag.AlignLeft)
        text = label(WELCOME_TEXT, "welcomeText", wrap=True)

        self.add_button = _button("Add a manager…", "add", "Add your first manager", True)
        self.add_button.setToolTip("Type a name; fill in the rest of the profile when you like")
        self.add_button.clicked.connect(self.add_requested)
        self.import_button = _button(
            "Import from a spreadsheet (CSV)…", "open", "Import your team from a CSV file"
        )
        self.import_button.setToolTip(
            "A CSV with columns such as Name, Title, Team and E-mail, matched by their headers; "
            "you see a preview before anything is added"
        )
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button = _button(
            "Or explore the sample team first", "people", "Explore the sample team"
        )
        self.sample_button.setFlat(True)
        self.sample_button.setToolTip(
            "Opens eight made-up managers with two years of history, in a separate file"
        )
        self.sample_button.clicked.connect(self.sample_requested)
        team_text = label(
            "Start with the managers you coach, one by one or from a spreadsheet. The sample "
            "team lives in its own file: nothing in it mixes with your journal.",
            "welcomeStepText",
            wrap=True,
        )
        team = _step(1, "Add your team", team_text, [self.add_button, self.import_button])
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch()
        team_layout = team.layout()
        assert isinstance(team_layout, QVBoxLayout)
        team_layout.addLayout(sample_row)

        self.protect_text = label(PROTECT_TEXT, "welcomeStepText", wrap=True)
        self.protect_button = _button(
            "Set a passphrase…", "lock", "Protect the journal with a passphrase"
        )
        self.protect_button.clicked.connect(self.protect_requested)
        self.protect_card = _step(2, "Protect your notes", self.protect_text, [self.protect_button])

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(10)
        column.addWidget(team)
        column.addWidget(self.protect_card)
        holder = QWidget()
        holder.setMaximumWidth(720)
        holder.setLayout(column)

        # Centred by stretches, not by an alignment flag: an aligned widget gets its size hint
        # only, and the wrapped sentences in the cards would lose their second line.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(holder, 4)
        centred.addStretch(1)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(24, 24, 24, 24)
        content_layout.addStretch(2)
        content_layout.addLayout(centred)
        content_layout.addStretch(3)
        # In a scroll area, so a narrow window or a large font scrolls instead of squeezing the
        # roster beside it or cutting a sentence short.
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setTabOrder(self.add_button, self.import_button)
        self.setTabOrder(self.import_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.protect_button)

    def set_protection(self, *, encrypted: bool, available: bool) -> None:
        """Say whether the journal is encrypted; offer a passphrase only where one applies (never
        on the sample team)."""
        self.protect_card.setVisible(available)
        self.protect_text.setText(PROTECTED_TEXT if encrypted else PROTECT_TEXT)
        self.protect_button.setVisible(not encrypted)
