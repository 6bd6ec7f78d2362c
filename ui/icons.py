"""The app's SVG icons, tinted to the current palette so they read in light and dark themes.

An icon is drawn when it is painted, in the colour the application's palette has then, so a
theme switched while the app runs (Settings ▸ Theme) recolours every icon on screen without
rebuilding a widget. Rendered pixmaps are cached by icon, colour and size in device pixels, so
the SVG is rendered once per size and theme, and crisp on high-DPI screens.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from coachjournal.paths import resource


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg``, with ``currentColor`` drawn in the palette's text colour
    (the highlighted text colour when selected, the disabled one when disabled)."""
    return QIcon(_PaletteIconEngine(name))


def _colour(mode: QIcon.Mode) -> str:
    palette = QApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText).name()
    return palette.color(QPalette.ColorRole.ButtonText).name()


@cache
def _svg(name: str) -> bytes:
    return resource("icons", f"{name}.svg").read_bytes()


@cache
def _rendered(name: str, colour: str, width: int, height: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_svg(name).replace(b"currentColor", colour.encode())))
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


class _PaletteIconEngine(QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def clone(self) -> QIconEngine:
        return _PaletteIconEngine(self._name)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        width = max(1, round(size.width() * scale))
        height = max(1, round(size.height() * scale))
        pixmap = QPixmap(_rendered(self._name, _colour(mode), width, height))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))
