"""Light and dark palettes for the Fusion style, for platforms that do not provide a dark one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

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
