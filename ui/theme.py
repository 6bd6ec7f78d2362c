"""Light and dark palettes for the Fusion style, and the user's choice between them.

The app follows the system's palette unless the user picks light or dark in the settings
(:func:`apply_theme`). The system palette is remembered the first time a theme is applied, so
"system" can be chosen again later in the same run. The style sheet is set again after each
change: its ``palette(...)`` colours are resolved when it is applied. Widgets that draw with
their own colours (the charts) follow through Qt's palette-change events.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from coachjournal.paths import resource
from ui.session import Theme

_DARK = {
    QPalette.ColorRole.Window: "#1F2227",
    QPalette.ColorRole.WindowText: "#E7E9EC",
    QPalette.ColorRole.Base: "#15171B",
    QPalette.ColorRole.AlternateBase: "#272B31",
    QPalette.ColorRole.ToolTipBase: "#2C3036",
    QPalette.ColorRole.ToolTipText: "#E7E9EC",
    QPalette.ColorRole.PlaceholderText: "#8D939C",
    QPalette.ColorRole.Text: "#E7E9EC",
    QPalette.ColorRole.Button: "#2B2F36",
    QPalette.ColorRole.ButtonText: "#E7E9EC",
    QPalette.ColorRole.BrightText: "#FF6B6B",
    QPalette.ColorRole.Light: "#3A3F47",
    QPalette.ColorRole.Midlight: "#33373F",
    QPalette.ColorRole.Mid: "#5B616B",
    QPalette.ColorRole.Dark: "#121418",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3B7DD8",
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.Link: "#6CA8FF",
    QPalette.ColorRole.LinkVisited: "#B18CFF",
}


def dark_palette() -> QPalette:
    """A dark palette with every role Fusion draws with, and dimmed disabled colours."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6C727B"))
    return palette


_system_palette: QPalette | None = None


def is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _system(app: QApplication) -> QPalette:
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    return QPalette(_system_palette)


def palette_for(app: QApplication, theme: Theme) -> QPalette:
    """The palette a theme stands for on this machine.

    "system" is the platform's palette, or the dark one where the platform asks for a dark
    scheme but only gives a light palette; "light" is the platform's palette when it is light,
    else Fusion's own light one.
    """
    system = _system(app)
    if theme == "dark":
        return dark_palette()
    if theme == "light":
        return system if not is_dark(system) else app.style().standardPalette()
    wants_dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return dark_palette() if wants_dark and not is_dark(system) else system


def alert_colour(palette: QPalette) -> QColor:
    """The red of overdue items and field errors that reads on this palette: dark red on light,
    light red on dark (their words say the same: the colour never carries it alone)."""
    return QColor("#FF8A80" if is_dark(palette) else "#B3261E")


def style_sheet(palette: QPalette) -> str:
    """The app's style sheet for ``palette``: ``{icons}`` becomes the icon folder's path (the
    sheet names a check mark by file) and ``{error}`` the red that reads on it."""
    text = resource("styles", "app.qss").read_text(encoding="utf-8")
    text = text.replace("{icons}", resource("icons").as_posix())
    return text.replace("{error}", alert_colour(palette).name())


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Switch the whole app to ``theme`` now: open windows repaint, charts redraw."""
    app.setPalette(palette_for(app, theme))
    app.setStyleSheet(style_sheet(app.palette()))
