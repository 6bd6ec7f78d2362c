"""The Results tab of a manager's page: their figures as a grid, and two charts of them.

The grid is the quick way in (see :mod:`ui.results.grid`); a CRM export comes in through
"Import CSV…" with a preview, and a year's plans through "Plan the year…" (a yearly figure spread
over its periods). Above the grid: the latest attainment, and quarter- and year-to-date. Under
the grid: the team's attainment next to the touchpoints the executive gave the manager, or the
manager's coaching of their reps against the target. Every write goes through the session, so
the dashboard and the charts page follow; Ctrl+Z takes back the last writes made here, one at a
time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import results, stats
from coachjournal.coaching.results import ResultSettings
from coachjournal.errors import CoachJournalError
from coachjournal.exchange.results_import import preview_results
from coachjournal.kinds import ResultPeriod
from coachjournal.periods import MONTH_NAMES
from ui import dialogs
from ui.icons import icon
from ui.results import dialogs as results_dialogs
from ui.results.grid import Changes, ResultsGrid, ResultsGridModel
from ui.session import JournalSession
from ui.widgets import chart_files as files
from ui.widgets import results_hover as hover
from ui.widgets.basic import delay_timer, label
from ui.widgets.chart_canvas import ChartView
from ui.widgets.refresh import RefreshWhenShown

if TYPE_CHECKING:
    from coachjournal.render.charts import ChartData

#: Quiet time after the last change before the chart is drawn again (typing a column of
#: figures redraws once).
REDRAW_DELAY_MS = 300
HINT = (
    "Type to enter a figure; Enter moves down, Tab right. Delete clears, Ctrl+V pastes a block "
    "from a spreadsheet, Ctrl+Z undoes."
)
_CHARTS = ("Attainment and your coaching", "Coaching of reps")


class ResultsTab(QWidget):
    """``status`` carries confirmations for the status bar."""

    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self.settings = ResultSettings()
        self._scroll_pending = False

        self.summary = label("", "sectionTitle", wrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setup = label("", "mutedLabel", wrap=True)
        self.to_date = label("", "", wrap=True)
        self.to_date.setAccessibleName("Quarter and year to date")
        self.plan_button = QPushButton("Plan the year…")
        self.plan_button.setToolTip("Spread a yearly plan over the fiscal year's periods")
        self.import_button = QPushButton(icon("open"), "Import CSV…")
        self.import_button.setToolTip(
            "Read figures from a CRM export or a spreadsheet saved as CSV"
        )
        self.settings_button = QPushButton("Settings…")
        self.settings_button.setToolTip(
            "Months or quarters, the fiscal year's first month and the rep coaching target"
        )
        self.message = label(HINT, "mutedLabel", wrap=True)
        self.message.setAccessibleName("Results message")
        self.model = ResultsGridModel(self)
        self.model.commit = self.session.set_result_figures  # Edit ▸ Undo takes it back
        self.model.problem.connect(self._show_problem)
        self.grid = ResultsGrid(self.model)
        self.grid.message.connect(self._show_message)
        self.chart_tabs = QTabBar()
        self.chart_tabs.setDocumentMode(True)
        self.chart_tabs.setExpanding(False)
        self.chart_tabs.setAccessibleName("Results chart")
        for title in _CHARTS:
            self.chart_tabs.addTab(title)
        self.export_button = QPushButton(icon("export"), "Export…")
        self.export_button.setToolTip("Save this chart as a PNG image, an SVG drawing or a PDF")
        self.view = ChartView(hover.describe)
        self.view.setAccessibleName("Results chart")

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.summary)
        titles.addWidget(self.to_date)
        titles.addWidget(self.setup)
        top.addLayout(titles, 1)
        top.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignTop)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.grid, 1)
        upper_layout.addWidget(self.message)
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(self.chart_tabs)
        chart_bar.addStretch()
        chart_bar.addWidget(self.export_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(chart_bar)
        lower_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([360, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.addWidget(self.splitter)

        self._redraw = delay_timer(self, REDRAW_DELAY_MS, self.draw_chart)
        #: Nothing is read (and matplotlib not imported) until the tab is shown.
        self._refresher = RefreshWhenShown(self, self.reload)
        self.import_button.clicked.connect(self.import_csv)
        self.plan_button.clicked.connect(self.plan_year)
        self.settings_button.clicked.connect(self.edit_settings)
        self.chart_tabs.currentChanged.connect(lambda _index: self.draw_chart())
        self.export_button.clicked.connect(self.export)
        session.results_changed.connect(self._on_results_changed)
        session.entries_changed.connect(self._on_results_changed)
        session.result_settings_changed.connect(self._refresher.changed)

    # --- Showing ---

    def show_manager(self, manager_id: int | None) -> None:
        """Show ``manager_id``'s results (None: nobody's), now if the tab is shown, else when
        it is."""
        if manager_id != self.manager_id:
            self._scroll_pending = True
        self.manager_id = manager_id
        self._refresher.changed()

    @Slot()
    def reload(self) -> None:
        """Read the settings, the grid and the summary again, and redraw the chart."""
        self._refresher.refreshed()
        self.settings = results.load_settings()
        self.model.load(self.manager_id, self.settings, dt.date.today())
        self.grid.size_columns()
        self._show_setup()
        self._show_summary()
        self.draw_chart()
        if self._scroll_pending:
            self._scroll_pending = False
            self._scroll_to_today()

    def _scroll_to_today(self) -> None:
        row = self.model.row_of(dt.date.today())
        if row >= 0:
            index = self.model.index(row, 0)
            self.grid.setCurrentIndex(index)
            # In the middle: the months before it and the plans ahead both in view.
            self.grid.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _show_setup(self) -> None:
        if self.settings.period is ResultPeriod.MONTH:
            kind = "Monthly figures"
        else:
            month = MONTH_NAMES[self.settings.fiscal_start - 1]
            kind = f"Quarterly figures, fiscal year from {month}"
        text = f"{kind} · rep coaching target {self.settings.target:g} per rep a month"
        if self.manager_id is not None and (
            other := results.other_period_count(self.manager_id, self.settings)
        ):
            text += (
                f" · {other} period{'s' if other != 1 else ''} recorded otherwise (kept; "
                "switch in Settings to see them)"
            )
        self.setup.setText(text)

    def _show_summary(self) -> None:
        self._show_to_date()
        if self.manager_id is None:
            self.summary.setText("")
            return
        found = results.summary(self.manager_id)
        if found.is_empty:
            self.summary.setText("No results yet: type the first figures into the grid.")
            return
        self.summary.setText(
            f"Attainment {found.attainment_text} · Coaching of reps {found.rep_coaching_text}"
        )

    def _show_to_date(self) -> None:
        """``Year to date (FY2027): 102% · Quarter to date (Q1 FY2027): 98%``, the sums in the
        tooltip."""
        if self.manager_id is None:
            self.to_date.setText("")
            return
        quarter, year = results.to_date_totals([self.manager_id], dt.date.today(), self.settings)
        parts = []
        for total, words in ((year, "Year to date"), (quarter, "Quarter to date")):
            value = total.attainment
            parts.append(f"{words} ({total.span}): {'–' if value is None else f'{value:.0%}'}")
        self.to_date.setText(" · ".join(parts))
        self.to_date.setToolTip(f"{year.description}.\n{quarter.description}.")

    def chart_data(self) -> ChartData | None:
        if self.manager_id is None:
            return None
        if self.chart_tabs.currentIndex() == 0:
            return stats.attainment_series(self.manager_id, settings=self.settings)
        return stats.rep_coaching_series(self.manager_id, settings=self.settings)

    @Slot()
    def draw_chart(self) -> None:
        self._redraw.stop()
        data = self.chart_data()
        if data is None:
            self.view.show_message("Pick a manager to see their results.")
        else:
            self.view.plot(data)
        self.export_button.setEnabled(data is not None)

    @Slot(int)
    def _on_results_changed(self, manager_id: int) -> None:
        if manager_id != self.manager_id:
            return
        if not self.isVisible():
            self._refresher.stale = True
            return
        self.model.reload_rows()
        self._show_summary()
        self._show_setup()
        self._redraw.start()

    # --- Writing ---

    @Slot(str)
    def _show_problem(self, text: str) -> None:
        self.message.setObjectName("fieldError" if text else "mutedLabel")
        self.message.setText(f"⚠ {text}" if text else HINT)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    @Slot(str)
    def _show_message(self, text: str) -> None:
        self._show_problem("")
        self.status.emit(text)

    @Slot()
    def plan_year(self) -> None:
        """Ask for a yearly plan and enter it (one write, which Ctrl+Z takes back)."""
        if self.manager_id is None:
            return
        today = dt.date.today()
        current = results.period_of(today, self.settings).fiscal_year
        years: dict[str, list[results.PeriodFigures]] = {}
        for row in self.model.rows:
            if row.period.fiscal_year >= current:
                years.setdefault(f"FY{row.period.fiscal_year}", []).append(row)
        plans = results_dialogs.ask_year_plan(self, years)
        if not plans:
            return
        changes: Changes = [(period, {results.Figure.PLAN: cents}) for period, cents in plans]
        try:
            self.session.set_result_figures(self.manager_id, changes)
        except CoachJournalError as error:
            self._show_problem(str(error))
            return
        first, last = plans[0][0].label, plans[-1][0].label
        self._show_message(f"Entered {len(plans)} plans, {first} to {last}")

    @Slot()
    def edit_settings(self) -> None:
        chosen = results_dialogs.ask_result_settings(self, self.settings)
        if chosen is None or chosen == self.settings:
            return
        try:
            self.session.save_result_settings(chosen)
        except CoachJournalError as error:
            dialogs.show_error(self, "Results settings", str(error))
            return
        self.status.emit("Saved the results settings")

    @Slot()
    def import_csv(self) -> None:
        message = import_results(self, self.session)
        if message:
            self.status.emit(message)

    @Slot()
    def export(self) -> None:
        if self.manager_id is None:
            return
        data = self.view.data
        subject = (
            data.name if isinstance(data, stats.AttainmentSeries | stats.RepCoachingSeries) else ""
        )
        name = files.file_name(
            f"{_CHARTS[self.chart_tabs.currentIndex()]} {subject}", dt.date.today()
        )
        path = files.ask_chart_path(self, "Export chart", name, files.CHART_FILTERS)
        if path is None:
            return
        try:
            self.view.save(path)
        except CoachJournalError as error:
            dialogs.show_error(self, "Export chart", str(error))
            return
        self.status.emit(f"Saved the chart to {path}")


def import_results(parent: QWidget, session: JournalSession, path: Path | None = None) -> str:
    """Ask for a results CSV (unless ``path`` is given), preview it and, if the user agrees,
    import it. Returns what happened, for the status bar ("" when nothing was done)."""
    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = dialogs.ask_open_path(
            parent, "Import results", folder, "CSV files (*.csv *.txt);;All files (*)"
        )
        if chosen is None:
            return ""
        path = Path(chosen)
    try:
        plan = preview_results(path)
    except CoachJournalError as error:
        dialogs.show_error(parent, "Import results", str(error))
        return ""
    if not results_dialogs.confirm_results_import(parent, plan):
        return ""
    try:
        counts = session.import_results(plan)
    except CoachJournalError as error:
        dialogs.show_error(parent, "Import results", str(error))
        return ""
    added = f"{counts.created} new period{'s' if counts.created != 1 else ''}"
    return f"Imported results: {added}, {counts.updated} updated"
