"""The week in progress on the Charts page: drawn apart from the whole weeks, and the pointer
says it is not finished."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent

from coachjournal.coaching import roster, touchpoints
from coachjournal.coaching.stats import date_label
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow
from ui.charts.page import ChartsPage
from ui.main_window import MainWindow

TODAY = dt.date.today()
THIS_WEEK = TODAY - dt.timedelta(days=TODAY.weekday())


@pytest.fixture
def today_only(tmp_path: Path) -> Path:
    """Ada had a one-on-one at midnight today: the only touchpoint, in the week in progress."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    ada = roster.create_manager("Ada Lovelace").id
    midnight = dt.datetime.combine(TODAY, dt.time(0, 0))
    touchpoints.create_touchpoint(ada, midnight, TouchpointKind.ONE_ON_ONE)
    db.close_journal()
    return path


def show_charts(window: MainWindow, qtbot) -> ChartsPage:
    page = window.charts_page
    with qtbot.waitSignal(page.view.rendered, timeout=20_000):
        window.charts_action.trigger()
    return page


def test_the_week_in_progress_is_marked_and_says_so(
    make_window: MakeWindow, today_only: Path, qtbot
) -> None:
    window = make_window(today_only)
    page = show_charts(window, qtbot)
    data = page.view.data
    assert data is not None and data.periods[-1] == THIS_WEEK
    assert data.partial[-1] and not any(data.partial[:-1])
    figure = page.view.figure
    assert figure is not None
    axes = figure.axes[0]
    legend = axes.get_legend()
    assert legend is not None
    assert "Week in progress (so far)" in [t.get_text() for t in legend.get_texts()]
    last = len(data.periods) - 1
    px, py = axes.transData.transform((last, 0.5))
    canvas = page.view.canvas
    event = MouseEvent("motion_notify_event", canvas, px, py)
    canvas.callbacks.process("motion_notify_event", event)
    assert page.view.hover_text == (
        f"Week of {date_label(THIS_WEEK)} (in progress, to {date_label(TODAY)}) · One-on-one: 1"
    )
