"""Pieces shared by the unlock dialog, the lock screen and the passphrase dialogs: a passphrase
field that can show what was typed, an error line with an icon, and the strength meter."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from coachjournal.paths import resource
from coachjournal.safety import encryption
from coachjournal.safety.encryption import Strength
from ui.icons import icon
from ui.widgets.basic import label


def app_icon_label(size: int) -> QLabel:
    """The app's icon, drawn sharp at ``size`` logical pixels."""
    widget = QLabel()
    widget.setPixmap(QIcon(str(resource("icons", "app.svg"))).pixmap(QSize(size, size)))
    widget.setFixedSize(size, size)
    widget.setAccessibleName("CoachJournal")
    return widget


class PassphraseField(QLineEdit):
    """A masked field with an eye button that shows and hides what was typed."""

    def __init__(self, accessible_name: str, placeholder: str = "") -> None:
        super().__init__()
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setMinimumWidth(300)
        self.setMinimumHeight(30)
        self.reveal = self.addAction(icon("eye"), QLineEdit.ActionPosition.TrailingPosition)
        self.reveal.setCheckable(True)
        self.reveal.setToolTip("Show the passphrase")
        self.reveal.toggled.connect(self._toggle)

    @Slot(bool)
    def _toggle(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.reveal.setIcon(icon("eye-off" if shown else "eye"))
        self.reveal.setToolTip("Hide the passphrase" if shown else "Show the passphrase")

    def forget(self) -> None:
        """Empty the field and mask it again."""
        self.clear()
        self.reveal.setChecked(False)


class ErrorLine(QWidget):
    """A warning icon and a sentence: the icon carries the meaning as well as the colour."""

    def __init__(self) -> None:
        super().__init__()
        self.icon = QLabel()
        self.icon.setPixmap(icon("alert").pixmap(QSize(16, 16)))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = label("", "fieldError", wrap=True)
        self.text.setAccessibleName("Error")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()


#: The meter's colour per step; its words say the same, so colour is never the only sign.
_COLOURS = {
    Strength.TOO_SHORT: "#C0392B",
    Strength.WEAK: "#C0392B",
    Strength.FAIR: "#D68910",
    Strength.STRONG: "#1E8449",
}


class StrengthMeter(QWidget):
    """A four-step bar and its words ("Fair: a few more words would make it strong")."""

    def __init__(self) -> None:
        super().__init__()
        self.bar = QProgressBar()
        self.bar.setRange(0, int(Strength.STRONG))
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.bar.setAccessibleName("Passphrase strength")
        self.words = label("", "mutedLabel", wrap=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.words, 3)
        self.show_strength("")

    def show_strength(self, passphrase: str) -> Strength:
        rating = encryption.strength(passphrase)
        self.bar.setValue(int(rating))
        self.bar.setStyleSheet(
            "QProgressBar { border: none; border-radius: 3px; background: palette(midlight); }"
            f"QProgressBar::chunk {{ border-radius: 3px; background: {_COLOURS[rating]}; }}"
        )
        self.words.setText("" if not passphrase else rating.label)
        self.bar.setAccessibleDescription(rating.label)
        return rating


def lock_pixmap(size: int) -> QPixmap:
    return icon("lock").pixmap(QSize(size, size))
