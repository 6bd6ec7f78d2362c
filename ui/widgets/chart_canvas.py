"""A chart of :mod:`coachjournal.render.charts` inside the app, on matplotlib's Qt canvas.

Importing matplotlib and its Qt canvas is slow and takes much memory, and the first screen has
no chart, so nothing here imports matplotlib when the module is imported: the
canvas class is made by :func:`canvas_class` the first time :class:`ChartView` draws.
The main window calls :func:`preload` once its first frame is painted: matplotlib's figure and
Agg renderer (about 0.3 s of imports, and the fonts) load on a worker thread while the user
reads the dashboard, so the Charts page opens fast the first time. The worker yields the
interpreter lock every few milliseconds, so the window stays responsive meanwhile (the
benchmark's "event loop stall" row measures it).

Drawing a chart of 200 managers is slow (laying out 200 labels). A view never
draws when asked: it says "Drawing…" and draws on the next turn of the event loop, so the
click that asked for it is answered at once, and a burst of requests (paging through periods)
draws only the last. The figure follows the widget's palette (:func:`palette_theme`), and is
redrawn when the palette changes.
"""

from __future__ import annotations

import importlib
import io
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from ui.widgets.basic import delay_timer, label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import Event
    from matplotlib.figure import Figure

    from coachjournal.render.charts import ChartData, Theme

log = logging.getLogger(__name__)

#: What :func:`preload` imports: what drawing a chart needs, the Qt canvas aside (Qt classes
#: are best made on the GUI thread; that import is small).
PRELOADED = ("matplotlib.figure", "matplotlib.backends.backend_agg", "coachjournal.render.charts")

#: Says what is under the pointer: (the chart's data, its main axes, x and y in the figure's
#: display pixels) -> a line of text, or None where there is nothing to say.
Describe = Callable[["ChartData", "Axes", float, float], "str | None"]

#: The tallest figure drawn, in inches (at 100 dpi, 8,000 pixels: 300 managers' rows). Agg
#: allocates the whole figure, so a journal of thousands of managers squeezes its rows rather
#: than asking for a gigabyte.
MAX_HEIGHT_INCHES = 80.0
#: Quiet time after the last resize before the figure is laid out again at its new size.
REFIT_DELAY_MS = 120


def _mix(colour: QColor, other: QColor, amount: float) -> str:
    """``amount`` of ``colour`` over ``other``, as ``#RRGGBB``."""
    channels = (
        round(getattr(colour, part)() * amount + getattr(other, part)() * (1 - amount))
        for part in ("red", "green", "blue")
    )
    return "#{:02X}{:02X}{:02X}".format(*channels)


def palette_theme(palette: QPalette) -> Theme:
    """The chart colours of a Qt palette: the window's background and text, and the muted
    text, grid lines and empty heatmap cells blended between them, so any palette (light,
    dark, high contrast) gives a chart that belongs on the page."""
    from coachjournal.render.charts import Theme

    background = palette.color(QPalette.ColorRole.Window)
    foreground = palette.color(QPalette.ColorRole.WindowText)
    return Theme(
        background=background.name().upper(),
        foreground=foreground.name().upper(),
        muted=_mix(foreground, background, 0.62),
        grid=_mix(foreground, background, 0.18),
        empty=_mix(foreground, background, 0.07),
    )


#: Held by whoever draws with matplotlib, which is not safe to use from two threads at once:
#: the preload, a chart on screen, the prep sheet's worker (two at once crashed the process).
_drawing = threading.Lock()


@contextmanager
def charting() -> Iterator[None]:
    """Hold while drawing with matplotlib, on any thread: the preload is over, and no other
    thread draws meanwhile."""
    with _drawing:
        yield


def _load_charting() -> None:
    with _drawing:
        _warm_up()


def _warm_up() -> None:
    try:
        for module in PRELOADED:
            importlib.import_module(module)
    except ImportError:
        # Nothing lost: the first chart imports the same modules and says what is missing.
        log.exception("Could not load the charting library ahead of the first chart")
        return
    from matplotlib.figure import Figure

    # A first drawing, off screen, loads what matplotlib loads on its first draw (the font
    # files, the text layout's caches) rather than the first chart the user asks for.
    figure = Figure(figsize=(4, 3), layout="constrained")
    axes = figure.add_subplot()
    axes.bar([0, 1], [1, 2], label="warm-up")
    axes.set_title("warm-up")
    axes.legend()
    figure.savefig(io.BytesIO(), format="png")


_preloading: threading.Thread | None = None


def preload() -> None:
    """Start loading the charting library on a worker thread (once).

    A chart asked for meanwhile waits for the worker to finish (:func:`charting`), so
    matplotlib never draws on two threads at once. Not a daemon thread: a daemon still running
    when Python exits is stopped inside matplotlib's C++ code, which aborts the process
    ("terminate called without an active exception"); quitting waits for it instead (a
    fraction of a second at most).
    """
    global _preloading
    if _preloading is None:
        _preloading = threading.Thread(target=_load_charting, name="chart-preload")
        _preloading.start()


@cache
def canvas_class() -> type[Any]:
    """matplotlib's Qt canvas, imported here, the first time a chart is shown.

    The wheel scrolls the page rather than being taken by the canvas (no chart here zooms).
    """
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        def wheelEvent(self, event: Any) -> None:
            event.ignore()

    return ChartCanvas


class ChartView(QWidget):
    """A scrollable chart: as wide as the view, and as tall as the chart needs (one readable
    row per manager) or the view, whichever is more.

    ``drawn`` is emitted once the figure holds the chart asked for (its artists can be read);
    ``rendered`` once the canvas has painted it.
    """

    drawn = Signal()
    rendered = Signal()

    def __init__(self, describe: Describe | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._describe = describe
        #: The data asked for (drawn on the next turn) and the data in the figure.
        self._wanted: ChartData | None = None
        self.data: ChartData | None = None
        self.canvas: Any = None
        self.figure: Figure | None = None
        self.hover_text = ""
        self._height_inches: float | None = None

        self.placeholder = label("", "emptyHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.viewport().installEventFilter(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.busy = label("Drawing…", "chartBusy")
        self.busy.setParent(self)
        self.busy.hide()
        self._draw_timer = delay_timer(self, 0, self._draw)
        self._fit_timer = delay_timer(self, REFIT_DELAY_MS, self._fit)

    @property
    def pending(self) -> bool:
        """A chart was asked for and is not drawn yet."""
        return self._draw_timer.isActive()

    def plot(self, data: ChartData) -> None:
        """Show ``data``'s chart: "Drawing…" now, the chart on the next turn of the loop."""
        self._wanted = data
        self._draw_timer.start()
        if self.canvas is None or self.stack.currentWidget() is not self.scroll_area:
            self.placeholder.setText("Drawing…")
            self.stack.setCurrentWidget(self.placeholder)
        else:
            self._show_busy()

    def show_message(self, text: str) -> None:
        """Nothing to draw (no manager to chart, say): a sentence instead of a chart."""
        self._draw_timer.stop()
        self._wanted = self.data = None
        self.busy.hide()
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def flush(self) -> None:
        """Draw now what was asked for (before saving it, say)."""
        if self._draw_timer.isActive():
            self._draw_timer.stop()
            self._draw()

    def save(self, path: Path) -> None:
        """Write the chart as shown to PNG, SVG or PDF (by ``path``'s suffix).

        Raises :class:`coachjournal.errors.CoachJournalError` with a sentence for the user.
        """
        from coachjournal.render.charts import save_figure

        self.flush()
        if self.figure is None or self.data is None:
            raise ValueError("there is no chart to save")
        save_figure(self.figure, path)

    def _show_busy(self) -> None:
        self.busy.adjustSize()
        self.busy.move(self.width() - self.busy.width() - 16, 10)
        self.busy.show()
        self.busy.raise_()
        # Painted now: the draw that follows keeps the event loop busy for a while.
        self.busy.repaint()

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.figure import Figure

        self.figure = Figure()
        self.canvas = canvas_class()(self.figure)
        self.canvas.setMouseTracking(True)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("figure_leave_event", self._on_leave)
        self.canvas.mpl_connect("draw_event", self._on_rendered)
        self.scroll_area.setWidget(self.canvas)

    @Slot()
    def _draw(self) -> None:
        from coachjournal.coaching.stats import AdherenceMatrix, TimeShare
        from coachjournal.coaching.team.plan import PlanChart
        from coachjournal.render import charts

        data = self._wanted
        if data is None:
            return
        with charting():
            self._ensure_canvas()
            assert self.figure is not None
            self.stack.setCurrentWidget(self.scroll_area)
            charts.draw(self.figure, data, theme=palette_theme(self.palette()))
        self.data = data
        # A row per manager, or a panel per planned skill: as tall as they need, scrolled (a
        # panel squeezed into a short view collapsed to nothing).
        tall = isinstance(data, (AdherenceMatrix, TimeShare, PlanChart))
        self._height_inches = min(charts.figure_size(data)[1], MAX_HEIGHT_INCHES) if tall else None
        self.scroll_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if tall else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self._fit()
        if self.canvas.height() > self.scroll_area.viewport().height() and self.figure.axes:
            # Taller than the view: the axis is labelled at the top as well, so the months (or
            # the hours) can be read without scrolling to the bottom of 200 rows.
            self.figure.axes[0].tick_params(axis="x", labeltop=True)
        self.canvas.draw_idle()
        self.drawn.emit()

    def _fit(self) -> None:
        """Size the canvas: the view's width, and the chart's height or the view's."""
        if self.canvas is None:
            return
        viewport = self.scroll_area.viewport().size()
        width, height = viewport.width(), viewport.height()
        if self._height_inches is not None:
            scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
            pixels_per_inch = (
                self.figure.dpi / self.canvas.device_pixel_ratio if self.figure else 100
            )
            wanted = round(self._height_inches * pixels_per_inch)
            if wanted > height:
                width = self.scroll_area.width() - scrollbar
            height = max(height, wanted)
        if self.canvas.width() != width or self.canvas.height() != height:
            self.canvas.resize(max(width, 200), max(height, 150))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.busy.isVisible():
            self.busy.move(self.width() - self.busy.width() - 16, 10)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light to dark): draw the chart again in its colours."""
        super().changeEvent(event)
        recolour = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in recolour and self.data is not None:
            self.plot(self.data)

    def _on_motion(self, event: Event) -> None:
        x, y = getattr(event, "x", None), getattr(event, "y", None)
        text = None
        if x is not None and y is not None:
            text = self._text_at(x, y)
        self.hover_text = text or ""
        if text and x is not None and y is not None:
            QToolTip.showText(self._global_position(x, y), text, self.canvas)
        else:
            QToolTip.hideText()

    def _text_at(self, x: float, y: float) -> str | None:
        if self._describe is None or self.data is None or self.figure is None:
            return None
        if not self.figure.axes:
            return None
        return self._describe(self.data, self.figure.axes[0], x, y)

    def _global_position(self, x: float, y: float) -> QPoint:
        """Where the pointer is on screen, from the figure's pixels (origin bottom left)."""
        ratio = self.canvas.device_pixel_ratio or 1
        local = QPoint(round(x / ratio), round(self.canvas.height() - y / ratio))
        position: QPoint = self.canvas.mapToGlobal(local + QPoint(12, 16))
        return position

    def _on_leave(self, _event: Event) -> None:
        self.hover_text = ""
        QToolTip.hideText()

    def _on_rendered(self, _event: Event) -> None:
        """The canvas painted the figure; a paint of the old chart while a new one waits to be
        drawn (the busy label's own repaint can cause one) is not the end of the wait."""
        if self.pending:
            return
        self.busy.hide()
        self.rendered.emit()
