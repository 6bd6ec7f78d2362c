"""The search page driven as a user would: the true count, every match as the list scrolls,
the filters from the keyboard, the order remembered, Enter opening the entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from coachjournal import sample
from coachjournal.coaching import search
from coachjournal.coaching.search import Order
from coachjournal.kinds import TouchpointKind
from tests.ui.conftest import MakeWindow
from ui.main_window import SYNTAX_HELP, MainWindow
from ui.search.page import ORDER_KEY, SearchPage


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    sample.create_sample_journal(path, managers=4, years=1.0, today=dt.date(2026, 6, 15))
    return path


def searched(window: MainWindow, qtbot, text: str) -> SearchPage:
    window.search_action.trigger()
    window.search_edit.setText(text)
    page = window.search_page
    page.run()
    qtbot.waitUntil(lambda: page.counts is not None)
    return page


def test_the_true_count_then_every_match_as_the_list_scrolls(
    make_window: MakeWindow, team: Path, qtbot, qtmodeltester
) -> None:
    window = make_window(team)
    page = searched(window, qtbot, "the")
    total = sum(search.count(search.parse("the")).values())
    assert total > 2 * search.DEFAULT_LIMIT
    assert page.summary.text().startswith(f"{total:,} results for “the”")
    assert page.model.rowCount() == search.DEFAULT_LIMIT
    qtmodeltester.check(page.model)
    bar = page.view.verticalScrollBar()
    while page.model.rowCount() < total:  # scroll to the bottom: the next page comes
        rows = page.model.rowCount()
        qtbot.waitUntil(
            lambda rows=rows: bar.maximum() > bar.value() or page.model.rowCount() > rows
        )
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda rows=rows: page.model.rowCount() > rows)
    assert page.model.rowCount() == total
    assert not page.model.canFetchMore()
    keys = [(hit.source, hit.id) for hit in page.model.hits]
    assert len(set(keys)) == total


def test_filters_from_the_keyboard_narrow_the_results(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = searched(window, qtbot, "the")
    everything = page.total()
    assert everything is not None
    page.filter_bar.kind.setFocus()
    kind = page.filter_bar.kind
    qtbot.keyClicks(kind, "Field")  # a combo box selects the item typed
    assert kind.currentData() == TouchpointKind.FIELD_VISIT
    qtbot.waitUntil(lambda: page.counts is not None and page.total() != everything)
    narrowed = page.total()
    assert narrowed is not None and 0 < narrowed < everything
    assert {hit.label for hit in page.model.hits} <= {"Field visit", "Action item"}
    # the query box's field syntax and the bar apply together
    window.search_edit.setText("the in:notes")
    page.run()
    qtbot.waitUntil(lambda: page.counts is not None)
    assert {hit.label for hit in page.model.hits} == {"Field visit"}
    assert (page.total() or 0) < narrowed


def test_the_order_is_remembered(
    make_window: MakeWindow, team: Path, qtbot, settings: QSettings
) -> None:
    window = make_window(team)
    page = searched(window, qtbot, "pricing")
    newest = [hit.id for hit in page.model.hits]
    order = page.filter_bar.order
    order.setCurrentIndex(order.findData(Order.RELEVANCE))
    assert settings.value(ORDER_KEY) == "relevance"
    assert page.model.order is Order.RELEVANCE
    ranked = [hit.id for hit in page.model.hits]
    assert len(ranked) == len(newest) and ranked != newest
    again = SearchPage(settings)
    qtbot.addWidget(again)
    assert again.filter_bar.chosen_order() is Order.RELEVANCE


def test_enter_asks_to_open_the_entry_at_the_match(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = searched(window, qtbot, "pricing")
    first = page.model.hits[0]
    assert first.touchpoint_id is not None
    assert (
        "manager:" in window.search_edit.toolTip() and window.search_edit.toolTip() == SYNTAX_HELP
    )
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert opened.args == [first.touchpoint_id, "pricing"]
    assert window.pages.currentWidget() is window.manager_page
