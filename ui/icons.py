"""The app's SVG icons, tinted to the current palette so they read in light and dark themes."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from coachjournal.paths import resource

_SIZES = (16, 20, 24, 32, 48, 64)


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg``, with ``currentColor`` drawn in the palette's text colour."""
    colour = QApplication.palette().color(QPalette.ColorRole.ButtonText)
    return _tinted(name, colour.name())


@cache
def _tinted(name: str, colour: str) -> QIcon:
    svg = resource("icons", f"{name}.svg").read_bytes().replace(b"currentColor", colour.encode())
    renderer = QSvgRenderer(QByteArray(svg))
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(Qt.GlobalColor.transparent))
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
