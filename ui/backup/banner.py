"""The banner that says a write failed because of the disk (full, read-only, failing).

It stays until a write succeeds again, so the user knows their latest change is not saved
until then; the editor where they typed keeps its text and shows the same sentence.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label


class StorageBanner(QFrame):
    """Hidden until :attr:`JournalSession.write_failed`; hidden again on ``write_recovered``."""

    def __init__(self, session: JournalSession) -> None:
        super().__init__()
        self.setObjectName("callout")
        self.setAccessibleName("Not saved")
        warning = QLabel()
        warning.setPixmap(icon("alert").pixmap(20, 20))
        self.text = label("", wrap=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss the message about the failed save")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(warning)
        layout.addWidget(label("Not saved:", "sectionTitle"))
        layout.addWidget(self.text, 1)
        layout.addWidget(dismiss)
        self.hide()
        session.write_failed.connect(self.show_failure)
        session.write_recovered.connect(self.hide)

    @Slot(str)
    def show_failure(self, message: str) -> None:
        self.text.setText(message)
        self.show()
