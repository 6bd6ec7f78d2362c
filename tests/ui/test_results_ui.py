"""The Results tab: figures typed into the grid reach the journal and the charts; a results CSV
is previewed, and a malformed one writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView

from coachjournal import periods
from coachjournal.coaching import results, roster, touchpoints
from coachjournal.coaching.results import Figure, ResultSettings
from coachjournal.coaching.stats import AttainmentSeries, CoachingVsResults, RepCoachingSeries
from coachjournal.exchange.results_import import preview_results
from coachjournal.kinds import ResultPeriod, TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Result
from tests.ui.conftest import MakeWindow, type_text
from ui import dialogs
from ui.charts.page import Chart, ChartsPage
from ui.dashboard import model as dashboard
from ui.main_window import MainWindow
from ui.results import dialogs as results_dialogs
from ui.results.dialogs import ImportPreviewDialog, ResultsPreviewModel
from ui.results.grid import COLUMNS
from ui.results.tab import HINT, ResultsTab

TODAY = dt.date.today()
THIS_MONTH = TODAY.replace(day=1)
#: Three months ago: Ada became a manager then, so her grid has four monthly rows.
SINCE = periods.add_months(THIS_MONTH, -3)
PLAN, ACTUAL, REPS, ONE_ON_ONES = (
    COLUMNS.index(f) for f in (Figure.PLAN, Figure.ACTUAL, Figure.REPS, Figure.ONE_ON_ONES)
)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Ada (a manager for four months, two touchpoints last month) and Ben."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    ada = roster.create_manager("Ada Lovelace").id
    roster.create_manager("Ben Okafor")
    Manager.update(manager_since=SINCE).execute()
    last_month = periods.add_months(THIS_MONTH, -1)
    for day in (3, 17):
        when = dt.datetime.combine(last_month.replace(day=day), dt.time(9))
        touchpoints.create_touchpoint(ada, when, TouchpointKind.ONE_ON_ONE, duration_minutes=45)
    db.close_journal()
    return path


def results_tab(window: MainWindow, qtbot, name: str = "Ada Lovelace") -> ResultsTab:
    manager_id = next(m.id for m in roster.list_managers() if m.name == name)
    window.open_manager(manager_id)
    page = window.manager_page
    page.tabs.setCurrentWidget(page.results)
    tab = page.results
    qtbot.waitUntil(lambda: isinstance(tab.view.data, AttainmentSeries), timeout=5000)
    return tab


def type_into(tab: ResultsTab, qtbot, row: int, column: int, text: str) -> None:
    """Select a cell and type into it as a user would, then press Enter."""
    grid = tab.grid
    grid.setFocus()
    grid.setCurrentIndex(tab.model.index(row, column))
    type_text(grid, text[0])
    editor = grid.focusWidget()
    assert editor is not grid, "typing on a cell opens its editor"
    type_text(editor, text[1:])
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes the editor on the next turn of the event loop.
    qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=2000)


def test_typed_figures_are_saved_and_change_the_chart(
    make_window: MakeWindow, team: Path, qtbot, qtmodeltester
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    qtmodeltester.check(tab.model)
    starts = [row.period.start for row in tab.model.rows]
    assert starts[:4] == [periods.add_months(THIS_MONTH, n) for n in (-3, -2, -1, 0)]
    # Then the periods ahead, to take plans: to the end of the fiscal year.
    assert tab.model.rows[-1].period.end == results.plan_horizon(TODAY, ResultSettings())
    assert tab.view.data.is_empty
    last = 2
    type_into(tab, qtbot, last, PLAN, "100,000")
    assert tab.grid.currentIndex().row() == last + 1, "Enter moves down"
    tab.grid.setCurrentIndex(tab.model.index(last, ACTUAL))
    with qtbot.waitSignal(tab.view.drawn, timeout=5000):
        type_into(tab, qtbot, last, ACTUAL, "112000")
    stored = Result.get()
    assert (stored.plan_cents, stored.actual_cents) == (100_000_00, 112_000_00)
    assert tab.model.index(last, COLUMNS.index(Figure.ATTAINMENT)).data() == "112%"
    data = tab.view.data
    assert isinstance(data, AttainmentSeries)
    assert data.attainment == (1.12,)
    assert data.touchpoints == (2,), "the executive's touchpoints in the same period"
    assert tab.summary.text().startswith(f"Attainment 112% ({data.periods[0].label})")

    tab.chart_tabs.setCurrentIndex(1)
    type_into(tab, qtbot, last, REPS, "5")
    with qtbot.waitSignal(tab.view.drawn, timeout=5000):
        type_into(tab, qtbot, last, ONE_ON_ONES, "15")
    data = tab.view.data
    assert isinstance(data, RepCoachingSeries)
    assert data.values == (3.0,)


def test_a_malformed_figure_is_refused_with_a_message(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    period = tab.model.rows[1].period.label
    type_into(tab, qtbot, 1, REPS, "six")
    assert tab.message.text() == f"⚠ {period}, Reps: Reps must be a whole number, like 6."
    assert Result.select().count() == 0
    type_into(tab, qtbot, 1, REPS, "6")
    assert tab.message.text() == HINT
    assert Result.get().reps == 6


def test_paste_delete_and_undo(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    grid = tab.grid
    grid.setCurrentIndex(tab.model.index(0, PLAN))
    # Plan, Actual, Reps from a spreadsheet: the worked-out Attainment column is passed over.
    grid.paste_text("100000\t90000\t6\r\n120000\t126000\t6\r\n")
    figures = results.figures(tab.model.manager_id, [r.period for r in tab.model.rows[:2]])
    assert [(f.plan_cents, f.actual_cents, f.reps) for f in figures] == [
        (100_000_00, 90_000_00, 6),
        (120_000_00, 126_000_00, 6),
    ]
    grid.paste_text("1\tnope\n")
    assert "Actual: Actual must be an amount" in tab.message.text()
    assert Result.select().where(Result.plan_cents == 100).count() == 0, "nothing pasted"
    grid.setCurrentIndex(tab.model.index(len(tab.model.rows) - 1, PLAN))
    grid.paste_text("1\n2\n")
    assert Result.select().count() == 2, "a block running past the last period is not pasted"

    selection = grid.selectionModel()
    selection.select(tab.model.index(0, PLAN), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.select(tab.model.index(1, PLAN), QItemSelectionModel.SelectionFlag.Select)
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_Delete)
    assert [r.plan_cents for r in Result.select().order_by(Result.starts_on)] == [None, None]
    QTest.keyClick(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.plan_cents for r in Result.select().order_by(Result.starts_on)] == [
        100_000_00,
        120_000_00,
    ]


def test_the_settings_switch_the_grid_to_fiscal_quarters(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    chosen = ResultSettings(ResultPeriod.QUARTER, fiscal_start=4, target=2.5)
    monkeypatch.setattr(results_dialogs, "ask_result_settings", lambda parent, settings: chosen)
    tab.settings_button.click()
    assert results.load_settings() == chosen
    labels = [row.period.label for row in tab.model.rows]
    assert labels[-1] == results.period_of(results.plan_horizon(TODAY, chosen), chosen).label
    assert results.period_of(TODAY, chosen).label in labels
    assert all(label.startswith("Q") and " FY" in label for label in labels)
    assert "fiscal year from April" in tab.setup.text()


def test_a_malformed_csv_row_is_named_and_nothing_is_written(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    month = THIS_MONTH.isoformat()[:7]
    csv = tmp_path / "crm.csv"
    csv.write_text(
        f"Manager,Month,Quota,Bookings\nAda Lovelace,{month},1000,900\nBen Okafor,{month},x,1\n",
        encoding="utf-8",
    )
    shown: list[ImportPreviewDialog] = []

    def preview(parent, plan) -> bool:
        dialog = ImportPreviewDialog(plan, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return dialog.import_button.isEnabled()

    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: str(csv))
    monkeypatch.setattr(results_dialogs, "confirm_results_import", preview)
    tab.import_button.click()
    dialog = shown[0]
    assert not dialog.import_button.isEnabled()
    assert "row 3, column Quota: Plan must be an amount" in dialog.problems.text()
    assert Result.select().count() == 0

    csv.write_text(
        f"Manager,Month,Quota,Bookings\nAda Lovelace,{month},1000,900\n", encoding="utf-8"
    )
    with qtbot.waitSignal(tab.status, timeout=2000) as status:
        tab.import_button.click()
    assert status.args == ["Imported results: 1 new period, 0 updated"]
    # This month is in progress: its attainment is the pace, marked month-to-date.
    pace = tab.model.rows[3].pace(TODAY)
    expected = "too early" if pace is None else f"{pace:.0%} MTD"
    assert tab.model.index(3, COLUMNS.index(Figure.ATTAINMENT)).data() == expected


def test_the_preview_lists_rows_as_they_will_be_written(team: Path, qtbot, qtmodeltester) -> None:
    db.open_journal(team)
    try:
        plan = preview_results(b"Manager,Quarter,Plan\nAda Lovelace,Q1 FY2026,125000.5\n")
        model = ResultsPreviewModel(plan)
        qtmodeltester.check(model)
        row = [model.index(0, column).data() for column in range(model.columnCount())]
        assert row == ["2", "New", "Ada Lovelace", "Q1 FY2026", "125,000.50"]
    finally:
        db.close_journal()


def test_the_dashboard_and_the_charts_page_show_results(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    tab.grid.setCurrentIndex(tab.model.index(1, PLAN))
    tab.grid.paste_text("1000\t900\t5\t10\n1000\t1100\t5\t12\n")
    window.show_team()
    page = window.dashboard
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    row = page.model.row_of(tab.model.manager_id)
    text = page.model.index(row, dashboard.ATTAINMENT).data()
    assert text == "110% ↑"
    assert page.model.index(row, dashboard.REP_COACHING).data() == "2.4 ↑"
    tip = page.model.index(row, dashboard.ATTAINMENT).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("up from 90% the period before")
    other = 1 - row
    assert page.model.index(other, dashboard.ATTAINMENT).data() == "–"

    window.show_charts()
    charts = window.findChild(ChartsPage)
    charts.set_chart(Chart.RESULTS)
    qtbot.waitUntil(lambda: isinstance(charts.view.data, CoachingVsResults), timeout=5000)
    assert [p.name for p in charts.view.data.points] == ["Ada Lovelace"]
    assert charts.view.data.without_results == ("Ben Okafor",)


def test_the_file_menu_imports_a_results_file(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(team)
    csv = tmp_path / "bookings.csv"
    csv.write_text(
        "Owner;Quarter;Quota;Bookings\nBen Okafor;Q1 FY2026;300000;240000\n", encoding="utf-8"
    )
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: str(csv))
    monkeypatch.setattr(results_dialogs, "confirm_results_import", lambda parent, plan: True)
    with qtbot.waitSignal(window.session.results_changed, timeout=2000) as changed:
        window.results_import_action.trigger()
    ben = next(m.id for m in roster.list_managers() if m.name == "Ben Okafor")
    assert changed.args == [ben]
    stored = Result.get()
    assert (stored.period, stored.starts_on) == ("quarter", dt.date(2026, 1, 1))
    assert window.statusBar().currentMessage() == "Imported results: 1 new period, 0 updated"


def test_the_month_in_progress_is_month_to_date_without_an_arrow(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    now = 3  # the row of this month
    # Last month at 104%, this month 19% of its plan so far.
    tab.grid.setCurrentIndex(tab.model.index(now - 1, PLAN))
    tab.grid.paste_text("100000\t104000\n100000\t19000\n")
    share = tab.model.rows[now].period.share_gone(TODAY)
    cell = tab.model.index(now, COLUMNS.index(Figure.ATTAINMENT))
    if share == 0:  # a weekend before the month's first working day
        assert cell.data() == "too early"
        return
    assert cell.data() == f"{0.19 / share:.0%} MTD"
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Month-to-date: 19,000 of a plan")
    assert "month-to-date: 19% of the month's plan" in tab.summary.text()
    assert not set("↑↓→") & set(tab.summary.text())
    assert tab.model.index(now - 1, COLUMNS.index(Figure.ATTAINMENT)).data() == "104%"

    window.show_team()
    page = window.dashboard
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    row = page.model.row_of(tab.model.manager_id)
    text = page.model.index(row, dashboard.ATTAINMENT).data()
    assert text == f"{0.19 / share:.0%} MTD"
    tip = page.model.index(row, dashboard.ATTAINMENT).data(Qt.ItemDataRole.ToolTipRole)
    assert "month-to-date" in tip and "the trend is set when the month closes" in tip


def test_periods_ahead_take_plans_but_not_actuals(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    ahead = 4  # next month
    model = tab.model
    assert not model.rows[ahead].period.has_started(TODAY)
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(ahead, PLAN)) & editable
    assert not model.flags(model.index(ahead, ACTUAL)) & editable
    assert "has not started" in model.index(ahead, ACTUAL).data(Qt.ItemDataRole.ToolTipRole)
    tab.grid.setCurrentIndex(model.index(ahead, PLAN))
    tab.grid.paste_text("100000\t5000\n")
    assert "has not started: only its plan and a note" in tab.message.text()
    assert Result.select().count() == 0
    type_into(tab, qtbot, ahead, PLAN, "120000")
    assert results.figures(model.manager_id, [model.rows[ahead].period])[0].plan_cents == (
        120_000_00
    )
    tab.message.clear()
    tab.grid.setFocus()
    tab.grid.setCurrentIndex(model.index(ahead, ACTUAL))
    type_text(tab.grid, "5")  # a cell that cannot take it says why, rather than nothing
    assert "has not started: only its plan and a note" in tab.message.text()
    current = ahead - 1
    type_into(tab, qtbot, current, PLAN, "90000")
    attainment = COLUMNS.index(Figure.ATTAINMENT)
    assert model.index(current, attainment).data() == "", "a plan waiting for its actual"


def test_plan_the_year_spreads_a_yearly_figure_and_undoes(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(team)
    tab = results_tab(window, qtbot)
    shown: list[results_dialogs.PlanYearDialog] = []

    def ask(parent, years):
        dialog = results_dialogs.PlanYearDialog(years, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        dialog.year.setCurrentIndex(dialog.year.count() - 1)
        dialog.total.setText("abc")
        assert not dialog.plan_button.isEnabled()
        assert "must be an amount" in dialog.outcome.text()
        dialog.total.setText("1,200,000")
        assert dialog.plan_button.isEnabled()
        return dialog.plans()

    monkeypatch.setattr(results_dialogs, "ask_year_plan", ask)
    with qtbot.waitSignal(tab.status, timeout=2000) as status:
        tab.plan_button.click()
    dialog = shown[0]
    last_year = dialog.year.currentData()
    periods = [r.period for r in tab.model.rows if f"FY{r.period.fiscal_year}" == last_year]
    assert periods[-1] == tab.model.rows[-1].period, "the last year offered is the grid's last"
    plans = [f.plan_cents for f in results.figures(tab.model.manager_id, periods)]
    assert sum(p or 0 for p in plans) == 1_200_000_00
    assert max(p or 0 for p in plans) - min(p or 0 for p in plans) <= 1
    assert dialog.outcome.text().startswith(f"{len(periods)} months of ")
    assert status.args[0].startswith(f"Entered {len(periods)} plans")
    assert "Year to date" in tab.to_date.text() and "Quarter to date" in tab.to_date.text()

    tab.grid.setFocus()
    QTest.keyClick(tab.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert Result.select().count() == 0


def test_the_dashboard_line_reads_the_team_year_to_date(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    window.show_team()
    page = window.dashboard
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=3000)
    ids = [m.id for m in roster.list_managers()]
    january, mid_march = dt.date(2027, 1, 4), dt.date(2027, 3, 15)
    year = results.fiscal_year_periods(dt.date(2027, 1, 1), ResultSettings())
    for manager_id in ids:
        plans = [(p, {Figure.PLAN: cents}) for p, cents in results.spread(1_200_000_00, year)]
        results.set_many(manager_id, plans, january)
    for index, actual in enumerate((95_000_00, 110_000_00, 50_000_00)):
        results.set_figures(ids[0], year[index], {Figure.ACTUAL: actual}, mid_march)
    page.team_to_date.show_team(ids, mid_march)
    assert page.team_to_date.isVisible()
    # Ada: 255,000 against 200,000 and 11/23 of March's 100,000; Ben has no actuals yet.
    expected = 255_000_00 / (200_000_00 + 100_000_00 * 11 / 23)
    assert page.team_to_date.text() == (
        f"Team attainment · year to date (FY2027): {expected:.0%} · quarter to date "
        f"(Q1 FY2027): {expected:.0%}"
    )
    page.team_to_date.show_team(ids, dt.date(2026, 6, 1))
    assert not page.team_to_date.isVisible()
