"""The charts page: touchpoints over time, one-on-one adherence, time per manager and mood.

The numbers come from :mod:`coachjournal.coaching.stats` (aggregate queries, quick on a large
journal) and are drawn by :mod:`coachjournal.render.charts` in a :class:`ChartView`, which imports
matplotlib the first time a chart is shown; this module imports none of it, so the main window
can build the page at start-up for free.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import cadence, stats
from coachjournal.coaching.cadence import TrackedManager
from coachjournal.coaching.stats import Period
from coachjournal.errors import CoachJournalError
from ui import dates, dialogs
from ui.charts import hover
from ui.charts.periods import DEFAULT, PRESETS, Preset, period_range
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets import chart_files as files
from ui.widgets import results_hover
from ui.widgets.basic import label, wait_cursor
from ui.widgets.chart_canvas import ChartView
from ui.widgets.refresh import RefreshWhenShown

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from coachjournal.render.charts import ChartData

#: Quiet time after the last change to the journal before a shown chart is drawn again.
REDRAW_DELAY_MS = 400


class Chart(StrEnum):
    FREQUENCY = "frequency"
    ADHERENCE = "adherence"
    TIME = "time"
    MOOD = "mood"
    RESULTS = "results"

    @property
    def label(self) -> str:
        return _TITLES[self]

    @property
    def hint(self) -> str:
        return _HINTS[self]


_TITLES = {
    Chart.FREQUENCY: "Touchpoints over time",
    Chart.ADHERENCE: "One-on-one adherence",
    Chart.TIME: "Time per manager",
    Chart.MOOD: "Mood and engagement",
    Chart.RESULTS: "Coaching and results",
}
_HINTS = {
    Chart.FREQUENCY: "Contacts count a meeting once for each manager there (a huddle with "
    "eight managers is eight); your time counts its minutes once. Stacked by kind; point at a "
    "bar to see its number.",
    Chart.ADHERENCE: "One-on-ones held against those each manager's cadence planned, per "
    "month (capped at 100%). Point at a cell for the numbers.",
    Chart.TIME: "Your time per manager, the least first: a meeting with several managers is "
    "split evenly among them, so the rows add up to your own hours; the dashed line is an even "
    "split. Point at a row for the details.",
    Chart.MOOD: "The mood you noted at each meeting (dots) and its monthly average (line). "
    "Point at a dot for its date.",
    Chart.RESULTS: "Your coaching of each manager against their team's attainment over the "
    "same periods, with the rank correlation. Point at a dot for the numbers.",
}


def describe(data: ChartData, axes: Axes, x: float, y: float) -> str | None:
    """The pointer's text over any chart of this page (the results chart has its own)."""
    if results_hover.is_results(data):
        return results_hover.describe(data, axes, x, y)
    return hover.describe(data, axes, x, y)


class ChartsPage(QWidget):
    """``status`` carries confirmations for the status bar."""

    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._managers: list[TrackedManager] = []
        #: The manager picked per chart (None: the whole team), kept while the list is rebuilt.
        self._picks: dict[Chart, int | None] = {Chart.FREQUENCY: None, Chart.MOOD: None}

        self.tabs = QTabBar()
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.setAccessibleName("Chart")
        for chart in Chart:
            self.tabs.addTab(chart.label)
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for preset in PRESETS:
            self.period.addItem(preset.label, preset)
        self.period.setCurrentIndex(PRESETS.index(DEFAULT))
        self.grouping = QComboBox()
        self.grouping.setAccessibleName("Count touchpoints per")
        self.grouping.addItem("By week", Period.WEEK)
        self.grouping.addItem("By month", Period.MONTH)
        self.counting = QComboBox()
        self.counting.setAccessibleName("Measure")
        self.counting.setToolTip(
            "What the chart counts, and how a meeting with several managers counts"
        )
        for measure in stats.Measure:
            self.counting.addItem(f"{measure.label}: {measure.explanation}", measure)
        self.measure = QComboBox()
        self.measure.setAccessibleName("Count your coaching in")
        self.measure.addItem("Contacts", stats.CoachingMeasure.TOUCHPOINTS)
        self.measure.addItem("Your time (hours)", stats.CoachingMeasure.HOURS)
        self.manager = QComboBox()
        self.manager.setAccessibleName("Manager")
        self.manager.setToolTip("Whose touchpoints to chart")
        self.manager.setMinimumContentsLength(14)
        self.manager.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.export_button = QPushButton(icon("export"), "Export…")
        self.export_button.setToolTip("Save this chart as a PNG image, an SVG drawing or a PDF")
        self.hint = label("", "mutedLabel", wrap=True)
        self.view = ChartView(describe)
        self.view.setAccessibleName("Chart")

        self.period_label = QLabel("Period")
        self.period_label.setBuddy(self.period)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        controls.addWidget(self.period_label)
        controls.addWidget(self.period)
        controls.addSpacing(6)
        controls.addWidget(self.grouping)
        controls.addWidget(self.counting)
        controls.addWidget(self.measure)
        controls.addSpacing(6)
        controls.addWidget(self.manager)
        controls.addStretch()
        heading = QHBoxLayout()
        heading.addWidget(label("Charts", "pageTitle"))
        heading.addStretch()
        heading.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.tabs)
        layout.addLayout(controls)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)

        self.tabs.currentChanged.connect(self._chart_changed)
        self.period.currentIndexChanged.connect(self.refresh)
        self.grouping.currentIndexChanged.connect(self.refresh)
        self.counting.currentIndexChanged.connect(self.refresh)
        self.measure.currentIndexChanged.connect(self.refresh)
        self.manager.currentIndexChanged.connect(self._manager_picked)
        self.export_button.clicked.connect(self.export)
        self._refresher = RefreshWhenShown(self, self.refresh, delay_ms=REDRAW_DELAY_MS)
        self._refresher.follow(
            session.journal_opened,
            session.team_changes,
        )
        self._show_controls()

    @property
    def chart(self) -> Chart:
        return list(Chart)[self.tabs.currentIndex()]

    def set_chart(self, chart: Chart) -> None:
        self.tabs.setCurrentIndex(list(Chart).index(chart))

    def set_measure(self, measure: stats.Measure) -> None:
        """Count contacts or your time (the frequency chart)."""
        self.counting.setCurrentIndex(self.counting.findData(measure))

    @property
    def preset(self) -> Preset:
        preset: Preset = self.period.currentData()
        return preset

    def set_preset(self, label_text: str) -> None:
        self.period.setCurrentIndex(self.period.findText(label_text))

    @property
    def manager_id(self) -> int | None:
        """The manager charted (None: the whole team, or no manager picker on this chart)."""
        return self._picks.get(self.chart)

    def set_manager(self, manager_id: int | None) -> None:
        """Chart one manager (None: the whole team, where the chart allows it)."""
        index = self._find(manager_id)
        if index >= 0:
            self.manager.setCurrentIndex(index)

    def _find(self, manager_id: int | None) -> int:
        if manager_id is None:
            return 0 if self.chart is Chart.FREQUENCY and self.manager.count() else -1
        return self.manager.findData(manager_id)

    @Slot(int)
    def _chart_changed(self, _index: int) -> None:
        self._show_controls()
        self.refresh()

    @Slot(int)
    def _manager_picked(self, _index: int) -> None:
        if self.chart in self._picks:
            self._picks[self.chart] = self.manager.currentData()
        self.refresh()

    def _show_controls(self) -> None:
        chart = self.chart
        self.grouping.setVisible(chart is Chart.FREQUENCY)
        self.counting.setVisible(chart is Chart.FREQUENCY)
        self.measure.setVisible(chart is Chart.RESULTS)
        picks_manager = chart in (Chart.FREQUENCY, Chart.MOOD)
        self.manager.setVisible(picks_manager)
        self.hint.setText(chart.hint)

    def _fill_managers(self) -> None:
        """The manager picker: "Whole team" first for the frequency chart, then every active
        manager by name; the one picked before stays picked if still there."""
        chart = self.chart
        if chart not in self._picks:
            return
        self.manager.blockSignals(True)
        self.manager.clear()
        if chart is Chart.FREQUENCY:
            self.manager.addItem("Whole team", None)
        for manager in self._managers:
            if not manager.archived:
                self.manager.addItem(manager.name, manager.id)
        self.manager.setCurrentIndex(max(self._find(self._picks[chart]), 0))
        self.manager.blockSignals(False)
        self._picks[chart] = self.manager.currentData()

    @Slot()
    def refresh(self) -> None:
        """Read the numbers for the chart, period and manager picked, and draw them."""
        self._refresher.refreshed()
        self._managers = cadence.tracked_managers(include_archived=True)
        self._fill_managers()
        data = self._data(dt.date.today())
        if data is None:
            self.view.show_message(
                "Add a manager to see their mood over time."
                if not self.manager.count()
                else "Pick a manager to see their mood over time."
            )
        else:
            self.view.plot(data)
        self.export_button.setEnabled(data is not None)

    def _data(self, today: dt.date) -> ChartData | None:
        first_day = min((m.tracked_since for m in self._managers), default=None)
        start, end = period_range(self.preset, today, first_day)
        chart = self.chart
        if chart is Chart.FREQUENCY:
            return stats.frequency(
                self.grouping.currentData(),
                start,
                end,
                self.manager_id,
                week_start=dates.week_start(),
                measure=self.counting.currentData(),
            )
        if chart is Chart.ADHERENCE:
            return stats.adherence(start, end, today=today)
        if chart is Chart.TIME:
            return stats.time_per_manager(start, end)
        if chart is Chart.RESULTS:
            return stats.coaching_vs_results(start, end, self.measure.currentData())
        if self.manager_id is None:
            return None
        return stats.mood(self.manager_id, start, end)

    @Slot()
    def export(self) -> None:
        """Save the chart shown, as the file type the user picks (PNG, SVG or PDF)."""
        subject = self.manager.currentText() if self.manager.isVisible() else "team"
        name = files.file_name(f"{self.chart.label} {subject}", dt.date.today())
        path = files.ask_chart_path(self, "Export chart", name, files.CHART_FILTERS)
        if path is None:
            return
        try:
            with wait_cursor():
                self.view.save(path)
        except CoachJournalError as error:
            dialogs.show_error(self, "Export chart", str(error))
            return
        self.status.emit(f"Saved the chart to {path}")
