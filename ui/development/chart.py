"""A skill's rating chart inside the trait's pane.

matplotlib and its Qt canvas are imported the first time a chart is actually shown (a hidden
pane only remembers what to draw), so neither starting the app nor opening a manager on
another tab pays for them. The canvas and the theme come from :mod:`ui.widgets.chart_canvas`,
so this chart follows the palette like the app's other charts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from coachjournal.coaching.development import RatingHistory
from ui import dates
from ui.widgets.basic import label
from ui.widgets.chart_canvas import canvas_class, charting, palette_theme

#: The chart's height in pixels: enough for five readable rating levels.
CHART_HEIGHT = 210


class RatingChart(QWidget):
    """Shows one :class:`RatingHistory`; ``drawn`` is emitted when the figure holds it."""

    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: RatingHistory | None = None
        self.canvas: Any = None
        self._stale = False
        self.placeholder = label("", "mutedLabel", align=Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFixedHeight(CHART_HEIGHT)
        self.setAccessibleName("Rating over time")

    def plot(self, history: RatingHistory) -> None:
        """Draw ``history`` now if the chart is on screen, else when it is first shown."""
        self.history = history
        self._stale = True
        self.setAccessibleDescription(_describe(history))
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._draw()

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light to dark): draw again in its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self._stale = True
            if self.isVisible():
                self._draw()

    def _draw(self) -> None:
        from coachjournal.render import charts

        if self.history is None:
            return
        if self.canvas is None:
            from matplotlib.figure import Figure

            self.canvas = canvas_class()(Figure(figsize=(5.0, CHART_HEIGHT / 100)))
            self.canvas.setMinimumSize(240, 150)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.stack.addWidget(self.canvas)
        with charting():
            charts.draw_ratings(
                self.canvas.figure, self.history, theme=palette_theme(self.palette())
            )
        self.stack.setCurrentWidget(self.canvas)
        self.canvas.draw_idle()
        self._stale = False
        self.drawn.emit()


def _describe(history: RatingHistory) -> str:
    """The chart in words, for screen readers."""
    if history.is_empty:
        return f"{history.skill}: not rated yet"
    ratings = ", ".join(f"{p.rating} on {dates.date_text(p.rated_on)}" for p in history.points)
    text = f"{history.skill}: {ratings}"
    if history.target_rating is not None:
        text += f"; target {history.target_rating}"
        if history.target_date is not None:
            text += f" by {dates.date_text(history.target_date)}"
    return text
