"""The charts page: real charts of a journal whose touchpoints were counted by hand."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.colors import to_hex, to_rgb
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.text import Text
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coachjournal import colours
from coachjournal.coaching import roster, touchpoints
from coachjournal.coaching.stats import Period, date_label, month_label
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow
from ui import dialogs
from ui.charts.page import Chart, ChartsPage
from ui.charts.periods import PRESETS, months_back, period_range
from ui.main_window import MainWindow
from ui.theme import dark_palette
from ui.widgets import chart_files as files

ROOT = Path(__file__).resolve().parents[2]
ONE_ON_ONE = TouchpointKind.ONE_ON_ONE
FIELD_VISIT = TouchpointKind.FIELD_VISIT
CALL_REVIEW = TouchpointKind.CALL_REVIEW
TODAY = dt.date.today()
#: The Monday of last week and of the week before: whole weeks, all in the past.
LAST_WEEK = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
WEEK_BEFORE = LAST_WEEK - dt.timedelta(days=7)


def at(day: dt.date, plus_days: int = 0, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=plus_days), dt.time(hour))


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Last week: Ada a one-on-one (Monday, an hour, mood 4) and a field visit (Tuesday, eight
    hours); Ben a one-on-one (Wednesday, an hour) and a call review (Thursday, half an hour).
    The week before: Ada a one-on-one (Monday, half an hour, mood 2). Ada 9.5 h, Ben 1.5 h."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    ada = roster.create_manager("Ada Lovelace").id
    ben = roster.create_manager("Ben Okafor").id
    touchpoints.create_touchpoint(ada, at(LAST_WEEK), ONE_ON_ONE, duration_minutes=60, mood=4)
    touchpoints.create_touchpoint(ada, at(LAST_WEEK, 1), FIELD_VISIT, duration_minutes=480)
    touchpoints.create_touchpoint(ben, at(LAST_WEEK, 2), ONE_ON_ONE, duration_minutes=60)
    touchpoints.create_touchpoint(ben, at(LAST_WEEK, 3), CALL_REVIEW, duration_minutes=30)
    touchpoints.create_touchpoint(ada, at(WEEK_BEFORE), ONE_ON_ONE, duration_minutes=30, mood=2)
    db.close_journal()
    return path


def manager_id(name: str) -> int:
    return next(r.id for r in roster.list_managers() if r.name == name)


def show_charts(window: MainWindow, qtbot) -> ChartsPage:
    """The Charts button, then the first chart on screen (drawn and painted)."""
    page = window.charts_page
    with qtbot.waitSignal(page.view.rendered, timeout=20_000):
        window.charts_action.trigger()
        assert window.pages.currentWidget() is page
        assert page.view.placeholder.text() == "Drawing…"
    return page


def redraw(page: ChartsPage, qtbot, change) -> None:
    """Make ``change`` and wait until the chart it asks for is painted."""
    with qtbot.waitSignal(page.view.rendered, timeout=20_000):
        change()


def bars(page: ChartsPage) -> dict[tuple[int, TouchpointKind], float]:
    """The stacked bars as drawn: (period index, kind) -> bar height, read from the figure."""
    kinds = {colour.upper(): kind for kind, colour in colours.KIND_COLOURS.items()}
    assert page.view.figure is not None
    axes = page.view.figure.axes[0]
    heights = {}
    for collection in axes.collections:
        kind = kinds[to_hex(collection.get_facecolor()[0]).upper()]
        for path in collection.get_paths():
            xs, ys = path.vertices[:, 0], path.vertices[:, 1]
            heights[round((xs.min() + xs.max()) / 2), kind] = float(ys.max() - ys.min())
    return heights


def hover(page: ChartsPage, x: float, y: float) -> str:
    """Move the pointer over data point (``x``, ``y``) of the chart; the text it shows."""
    canvas = page.view.canvas
    figure = page.view.figure
    assert figure is not None
    px, py = figure.axes[0].transData.transform((x, y))
    event = MouseEvent("motion_notify_event", canvas, px, py)
    canvas.callbacks.process("motion_notify_event", event)
    return page.view.hover_text


def test_the_frequency_chart_draws_the_hand_count(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)
    assert window.charts_action.isChecked()
    assert page.chart is Chart.FREQUENCY
    assert page.manager.currentText() == "Whole team"
    data = page.view.data
    assert data is not None and data.period is Period.WEEK
    last = data.periods.index(LAST_WEEK)
    assert bars(page) == {
        (last, ONE_ON_ONE): 2,
        (last, FIELD_VISIT): 1,
        (last, CALL_REVIEW): 1,
        (last - 1, ONE_ON_ONE): 1,
    }
    assert page.view.stack.currentWidget() is page.view.scroll_area
    assert not page.view.busy.isVisible()


def test_a_bar_says_its_numbers_under_the_pointer(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)
    last = page.view.data.periods.index(LAST_WEEK)
    week = f"Week of {date_label(LAST_WEEK)}"
    assert hover(page, last, 0.5) == f"{week} · One-on-one: 2"
    assert hover(page, last + 0.3, 2.5) == f"{week} · Field visit: 1"
    assert hover(page, last, 3.5) == f"{week} · Call review: 1"
    assert hover(page, last, 6) == ""
    assert hover(page, last - 1, 0.2) == f"Week of {date_label(WEEK_BEFORE)} · One-on-one: 1"


def test_period_grouping_and_manager_redraw_the_chart(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)
    first_weeks = len(page.view.data.periods)

    redraw(page, qtbot, lambda: page.set_preset("Last 3 months"))
    start, _end = period_range(page.preset, TODAY)
    assert start == months_back(TODAY, 2)
    assert page.view.data.periods[0] <= start < page.view.data.periods[1]
    assert len(page.view.data.periods) < first_weeks

    redraw(page, qtbot, lambda: page.set_manager(manager_id("Ada Lovelace")))
    assert page.view.data.subject == "Ada Lovelace"
    last = page.view.data.periods.index(LAST_WEEK)
    assert bars(page) == {
        (last, ONE_ON_ONE): 1,
        (last, FIELD_VISIT): 1,
        (last - 1, ONE_ON_ONE): 1,
    }

    redraw(page, qtbot, lambda: page.grouping.setCurrentIndex(page.grouping.findData("month")))
    assert page.view.data.period is Period.MONTH
    assert page.view.data.total == 3

    redraw(page, qtbot, lambda: page.set_manager(None))
    assert page.view.data.subject == "Whole team"
    assert page.view.data.total == 5


def test_a_new_touchpoint_redraws_the_shown_chart(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)
    ben = manager_id("Ben Okafor")
    with qtbot.waitSignal(page.view.drawn, timeout=5000):
        window.session.log_touchpoint(ben, at(LAST_WEEK, 4), ONE_ON_ONE, [], None)
    last = page.view.data.periods.index(LAST_WEEK)
    assert bars(page)[last, ONE_ON_ONE] == 3


def test_every_chart_draws_and_answers_the_pointer(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)

    redraw(page, qtbot, lambda: page.set_chart(Chart.ADHERENCE))
    matrix = page.view.data
    assert [m.name for m in matrix.managers] == ["Ada Lovelace", "Ben Okafor"]
    column = len(matrix.months) - 1
    text = hover(page, column, 0)
    cell = matrix.cells[0][column]
    assert text.startswith(f"Ada Lovelace · {month_label(matrix.months[column])}: ")
    if cell.ratio is not None:
        assert text.endswith(f"{cell.held} of {cell.expected} ({cell.ratio:.0%})")
    assert not page.manager.isVisible() and not page.grouping.isVisible()

    redraw(page, qtbot, lambda: page.set_chart(Chart.TIME))
    assert [row.name for row in page.view.data.rows] == ["Ben Okafor", "Ada Lovelace"]
    assert hover(page, 2.0, 1) == ("Ada Lovelace: 9.5 h · 3 contacts · 86% of your time")
    assert hover(page, 0.5, 0).startswith("Ben Okafor: 1.5 h · 2 contacts")

    redraw(page, qtbot, lambda: page.set_chart(Chart.MOOD))
    assert page.manager.isVisible() and not page.grouping.isVisible()
    assert page.manager.findText("Whole team") < 0
    assert page.view.data.name == "Ada Lovelace"
    monday = dt.datetime.combine(LAST_WEEK, dt.time(9))
    assert hover(page, date2num(monday), 4) == f"Mood 4 on {date_label(LAST_WEEK)} (one-on-one)"
    assert hover(page, date2num(monday), 1) == ""

    redraw(page, qtbot, lambda: page.set_chart(Chart.FREQUENCY))
    assert page.manager.currentText() == "Whole team"


def test_export_writes_png_svg_and_pdf(
    make_window: MakeWindow, team: Path, qtbot, tmp_path: Path, monkeypatch
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)
    asked: list[str] = []
    for name, magic in (
        ("chart.png", b"\x89PNG\r\n\x1a\n"),
        ("chart.svg", b"<svg"),
        ("c.pdf", b"%PDF"),
    ):
        target = tmp_path / name

        def choose(parent, title, default_name, filters, target=target):
            asked.append(default_name)
            assert "PNG" in filters and "SVG" in filters and "PDF" in filters
            return target

        monkeypatch.setattr(files, "ask_chart_path", choose)
        page.export_button.click()
        head = target.read_bytes()[:400]
        assert head.startswith(magic) if magic != b"<svg" else magic in head
        assert str(target) in window.statusBar().currentMessage()
    assert asked[0] == f"touchpoints-over-time-whole-team-{TODAY.isoformat()}.png"

    errors: list[str] = []
    monkeypatch.setattr(files, "ask_chart_path", lambda *args: tmp_path / "chart.txt")
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, message: errors.append(message)
    )
    page.export_button.click()
    assert errors == ["Cannot save a chart as “.txt”: use .png, .svg or .pdf."]

    monkeypatch.setattr(files, "ask_chart_path", lambda *args: None)
    page.export_button.click()
    assert not (tmp_path / "chart.txt").exists()


def text_colour(figure: Figure) -> str:
    """The colour of the chart's title."""
    (title,) = [t for t in figure.findobj(Text) if t.get_text().startswith("Contacts per")]
    return str(title.get_color())


@pytest.fixture
def dark_app(qapp: QApplication) -> Iterator[None]:
    """The app in the dark palette, as it starts on a desktop without a dark one of its own."""
    before = QPalette(qapp.palette())
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(before)


def test_the_chart_follows_a_dark_palette(
    dark_app: None, make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = show_charts(window, qtbot)
    figure = page.view.figure
    assert figure is not None
    assert to_hex(figure.get_facecolor()) == "#1f2227"
    assert to_hex(figure.axes[0].get_facecolor()) == "#1f2227"
    assert sum(to_rgb(text_colour(figure))) > 2.4

    # A palette of its own (light here) draws the chart again in its colours.
    light = QPalette(QColor("#FFFFFF"))
    redraw(page, qtbot, lambda: page.view.setPalette(light))
    assert sum(to_rgb(figure.get_facecolor())) > 2.9
    assert sum(to_rgb(text_colour(figure))) < 0.5


def test_a_large_team_gets_a_tall_scrolling_chart(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "large.db"
    db.open_journal(path)
    for number in range(60):
        manager = roster.create_manager(f"Manager {number:02d}").id
        touchpoints.create_touchpoint(manager, at(LAST_WEEK), ONE_ON_ONE, duration_minutes=30)
    db.close_journal()
    window = make_window(path)
    page = show_charts(window, qtbot)
    redraw(page, qtbot, lambda: page.set_chart(Chart.TIME))
    view = page.view
    figure = view.figure
    assert figure is not None
    # One readable row per manager: charts.figure_size gives 1.6 + 0.26 × 60 inches.
    assert view.canvas.height() == round(
        (1.6 + 0.26 * 60) * figure.dpi / view.canvas.device_pixel_ratio
    )
    assert view.canvas.height() > view.scroll_area.viewport().height()
    assert view.scroll_area.verticalScrollBar().maximum() > 0
    assert figure.axes[0].xaxis.get_tick_params()["labeltop"]

    # The wheel over the chart scrolls the page (the canvas does not keep it).
    inside = view.canvas.mapTo(window, QPoint(200, 100))
    QTest.wheelEvent(window.windowHandle(), QPointF(inside), QPoint(0, -120))
    qtbot.waitUntil(lambda: view.scroll_area.verticalScrollBar().value() > 0, timeout=3000)

    # A new request shows "Drawing…" over the old chart until the new one is painted.
    view.plot(view.data)
    assert view.pending and view.busy.isVisible()
    qtbot.waitUntil(lambda: not view.busy.isVisible(), timeout=20_000)


def test_no_manager_to_chart_says_so(make_window: MakeWindow, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "archived.db"
    db.open_journal(path)
    roster.set_archived(roster.create_manager("Eve Archer").id, True)
    db.close_journal()
    window = make_window(path)
    page = show_charts(window, qtbot)
    page.set_chart(Chart.MOOD)
    assert page.view.stack.currentWidget() is page.view.placeholder
    assert page.view.placeholder.text() == "Add a manager to see their mood over time."
    assert not page.export_button.isEnabled()


def test_every_period_preset_covers_today() -> None:
    first_day = dt.date(2015, 6, 9)
    for preset in PRESETS:
        start, end = period_range(preset, TODAY, first_day)
        assert start <= end == TODAY
    assert period_range(PRESETS[-1], TODAY, first_day) == (first_day, TODAY)
    assert period_range(PRESETS[0], TODAY)[0] == TODAY - dt.timedelta(days=27)


@pytest.mark.slow
def test_matplotlib_is_imported_only_when_a_chart_is_shown(team: Path, tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from ui.app import create_application
        from ui.main_window import MainWindow
        from ui.session import JournalSession

        app = create_application()
        settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
        window = MainWindow(JournalSession(Path(sys.argv[1])), settings)
        window.show()
        app.processEvents()
        print("dashboard", window.pages.currentWidget() is window.dashboard)
        print("at start", "matplotlib" in sys.modules)
        window.show_charts()
        deadline = time.monotonic() + 60
        while window.charts_page.view.figure is None and time.monotonic() < deadline:
            app.processEvents()
        print("with a chart", "matplotlib" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(team), str(tmp_path / "settings.ini")],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["dashboard True", "at start False", "with a chart True"]
