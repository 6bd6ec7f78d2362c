"""The team dashboard and the monthly scorecard, on journals whose dates are known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from coachjournal import colours
from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.kinds import Owner, TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import Assignment, Manager
from tests.ui.conftest import MakeWindow
from ui import dialogs
from ui.dashboard import model as columns
from ui.dashboard.delegate import StatusDelegate
from ui.dashboard.model import (
    GroupsRole,
    IdRole,
    ReasonRole,
    StatusColourRole,
    StatusLabelRole,
    long_date,
    summary,
)
from ui.dashboard.page import DashboardPage
from ui.main_window import MainWindow

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE
TODAY = dt.date.today()


def days_ago(days: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(hour))


#: name: (days since the last one-on-one, days since every other planned activity)
TEAM = {
    "Dana Ortiz": (30, 2),
    "Ana Silva": (20, 3),
    "Ben Okafor": (10, 2),
    "Cleo Park": (1, 1),
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Four active managers, each a career conversation 60 days ago (on track: every 90 days),
    field visits, call reviews and team meetings a few days ago, and one-on-ones 30, 20, 10 and
    1 days ago; an archived manager; Ben has two open action items, Ana two assignments under
    way, one of them past its due date."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    ids = {}
    for name, (one_on_one, others) in TEAM.items():
        manager = roster.create_manager(name, team="North")
        ids[name] = manager.id
        touchpoints.create_touchpoint(manager.id, days_ago(60), TouchpointKind.CAREER)
        touchpoints.create_touchpoint(manager.id, days_ago(one_on_one), ONE_ON_ONE)
        for kind in (
            TouchpointKind.FIELD_VISIT,
            TouchpointKind.CALL_REVIEW,
            TouchpointKind.TEAM_MEETING,
        ):
            touchpoints.create_touchpoint(manager.id, days_ago(others), kind)
    source = touchpoints.create_touchpoint(
        ids["Ben Okafor"], days_ago(10, 15), TouchpointKind.INFORMAL
    )
    for text in ("Send the deck", "Book the QBR"):
        touchpoints.add_action_item(ids["Ben Okafor"], text, Owner.THEM, None, source.id)
    Assignment.create(manager=ids["Ana Silva"], title="Lead the kick-off", status="active")
    Assignment.create(
        manager=ids["Ana Silva"],
        title="Coach a new rep",
        status="active",
        due_on=TODAY - dt.timedelta(days=1),
    )
    gone = roster.create_manager("Eve Archer")
    roster.set_archived(gone.id, True)
    db.close_journal()
    return path


def cells(page: DashboardPage, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list:
    """A column of the dashboard as the table shows it (through the sorting proxy)."""
    proxy = page.proxy
    return [proxy.index(row, column).data(role) for row in range(proxy.rowCount())]


def manager_id(name: str) -> int:
    return next(r.id for r in roster.list_managers(include_archived=True) if r.name == name)


def test_the_dashboard_opens_first_and_orders_managers_by_need(
    make_window: MakeWindow, team: Path
) -> None:
    window = make_window(team)
    page = window.dashboard
    assert window.pages.currentWidget() is page
    assert window.team_action.isChecked()
    assert cells(page, columns.MANAGER) == ["Dana Ortiz", "Ana Silva", "Ben Okafor", "Cleo Park"]
    assert cells(page, columns.ONE_ON_ONE) == [
        "30 days ago",
        "20 days ago",
        "10 days ago",
        "yesterday",
    ]
    assert cells(page, columns.FIELD_VISIT) == [
        "2 days ago",
        "3 days ago",
        "2 days ago",
        "yesterday",
    ]
    assert cells(page, columns.STATUS, StatusLabelRole) == ["Overdue", "Overdue", "Due", "On track"]
    assert cells(page, columns.ACTIONS) == ["0", "0", "2", "0"]
    assert cells(page, columns.ASSIGNMENTS) == ["none", "2 active · 1 overdue", "none", "none"]
    # The next due day is the most pressing activity's: Dana's one-on-one was due 23 days ago.
    dana_due = TODAY - dt.timedelta(days=23)
    tip = page.proxy.index(0, columns.NEXT_DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("One-on-one due ") and tip.endswith("(23 days ago)")
    assert cells(page, columns.NEXT_DUE)[0].startswith(str(dana_due.day))
    # Cleo's one-on-one falls due in six days: this week only when today is a Monday.
    needing = 4 if TODAY.weekday() == 0 else 3
    assert page.summary_label.text() == (
        f"{needing} managers need a one-on-one this week · 2 overdue · 1 due · 1 on track"
    )
    assert page.date_label.text() == long_date(TODAY)
    assert "Eve Archer" not in cells(page, columns.MANAGER)


def test_the_status_is_said_in_words_and_drawn_as_a_coloured_pill(
    make_window: MakeWindow, team: Path
) -> None:
    window = make_window(team)
    page = window.dashboard
    texts = cells(page, columns.STATUS)
    assert texts[0] == "Overdue · One-on-one 30 days ago (at most every 14 days)"
    assert texts[2] == "Due · One-on-one 10 days ago (ideally every 7 days)"
    assert texts[3].startswith("On track · Next ")
    assert cells(page, columns.STATUS, Qt.ItemDataRole.AccessibleTextRole) == texts
    assert cells(page, columns.STATUS, ReasonRole)[:3] == [
        "Overdue: One-on-one 30 days ago",
        "Overdue: One-on-one 20 days ago",
        "Due: One-on-one 10 days ago",
    ]
    tooltip = page.proxy.index(0, columns.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    for kind in ("One-on-one", "Field visit", "Call review", "Career conversation", "Team meeting"):
        assert f"\n{kind}: " in tooltip
    assert cells(page, columns.STATUS, StatusColourRole)[0] == colours.VERMILLION

    # The delegate paints the pill in the status colour, beside the words.
    image = page.table.viewport().grab().toImage()
    rect = page.table.visualRect(page.proxy.index(0, columns.STATUS))
    vermillion = QColor(colours.VERMILLION).rgb()
    filled = sum(
        image.pixel(x, y) == vermillion
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    )
    assert filled > 100


def test_a_click_or_enter_on_a_row_opens_the_manager(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    table = window.dashboard.table
    ana = window.dashboard.proxy.index(1, columns.MANAGER)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(ana).center()
    )
    assert window.pages.currentWidget() is window.manager_page
    assert window.manager_page.name_label.text() == "Ana Silva"
    assert window.roster.selected_id() == manager_id("Ana Silva")
    assert not window.team_action.isChecked()

    assert window.team_action.shortcut() == QKeySequence("Ctrl+1")
    assert window.charts_action.shortcut() == QKeySequence("Ctrl+2")
    window.team_action.trigger()
    assert window.pages.currentWidget() is window.dashboard
    assert window.team_action.isChecked()
    table.setFocus()
    table.setCurrentIndex(window.dashboard.proxy.index(2, columns.MANAGER))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.manager_page
    assert window.manager_page.name_label.text() == "Ben Okafor"

    # Back on the dashboard, a click on the manager the roster still shows selected reopens them.
    window.team_action.trigger()
    view = window.roster.list_view
    position = view.visualRect(view.currentIndex()).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert window.pages.currentWidget() is window.manager_page
    assert window.manager_page.name_label.text() == "Ben Okafor"


def test_archive_and_delete_act_only_on_the_manager_on_screen(
    make_window: MakeWindow, team: Path
) -> None:
    window = make_window(team)
    assert window.roster.selected_id() is not None
    assert not window.archive_action.isEnabled()
    assert not window.delete_action.isEnabled()
    window.open_manager(manager_id("Cleo Park"))
    assert window.archive_action.isEnabled()
    assert window.delete_action.isEnabled()


def test_a_burst_of_edits_refreshes_the_dashboard_once(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    page = window.dashboard
    refreshes: list[int] = []
    page.refreshed.connect(lambda: refreshes.append(1))
    dana = manager_id("Dana Ortiz")
    with qtbot.waitSignal(page.refreshed, timeout=3000):
        for hour in (8, 9, 10):
            window.session.log_touchpoint(
                dana, dt.datetime.combine(TODAY, dt.time(hour)), ONE_ON_ONE, [], None
            )
    # Nothing is left scheduled: the burst cost that one refresh.
    assert not page._refresher.timer.isActive()
    assert refreshes == [1]
    assert cells(page, columns.MANAGER) == ["Ana Silva", "Ben Okafor", "Dana Ortiz", "Cleo Park"]
    assert cells(page, columns.ONE_ON_ONE)[2] == "today"

    # Hidden, the page only notes the change, and reads the journal when shown again.
    window.open_manager(dana)
    window.session.log_touchpoint(dana, days_ago(0, 7), TouchpointKind.FIELD_VISIT, [], None)
    assert page._refresher.stale
    assert not page._refresher.timer.isActive()
    assert refreshes == [1]
    with qtbot.waitSignal(page.refreshed, timeout=3000):
        window.show_team()
    assert cells(page, columns.FIELD_VISIT)[2] == "today"


def test_renaming_a_manager_shows_on_the_dashboard(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    with qtbot.waitSignal(window.dashboard.refreshed, timeout=3000):
        window.session.update_manager(manager_id("Cleo Park"), name="Cleo Parker")
    assert "Cleo Parker" in cells(window.dashboard, columns.MANAGER)


def test_no_active_managers_points_to_add_manager(
    make_window: MakeWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    path = tmp_path / "archived.db"
    db.open_journal(path)
    roster.set_archived(roster.create_manager("Eve Archer").id, True)
    db.close_journal()
    window = make_window(path)
    page = window.dashboard
    assert window.pages.currentWidget() is page
    assert page.attention.currentIndex() == 1
    assert "No active managers" in page.empty_label.text()
    assert page.summary_label.text() == "No active managers."
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "Fay Nguyen")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.manager_page
    assert window.manager_page.name_label.text() == "Fay Nguyen"
    window.show_team()
    assert page.attention.currentWidget() is page.table
    assert cells(page, columns.MANAGER) == ["Fay Nguyen"]


def test_another_journal_shows_its_own_team_at_once(make_window: MakeWindow, team: Path) -> None:
    window = make_window(team)
    window.open_sample()
    assert window.pages.currentWidget() is window.dashboard
    names = cells(window.dashboard, columns.MANAGER)
    assert sorted(names) == sorted(record.name for record in roster.list_managers())
    assert "Dana Ortiz" not in names


def test_an_empty_journal_keeps_the_welcome(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    assert not window.team_action.isEnabled()
    window.show_team()
    assert window.pages.currentWidget() is window.welcome


def test_summary_sentences() -> None:
    assert summary([], TODAY) == "No active managers."


# --- Scorecard --------------------------------------------------------------------------------

MARCH = dt.date(2025, 3, 1)
LOW = "0.0% · low"


@pytest.fixture
def march(tmp_path: Path) -> Path:
    """March 2025 (31 days), both managers tracked from February. Ada: one-on-ones on the 3rd,
    10th and 17th (an hour each), a field visit on the 12th (three hours), team meetings every
    Friday (half an hour); Ben: nothing at all in March."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    ada = roster.create_manager("Ada Lovelace").id
    ben = roster.create_manager("Ben Okafor").id
    for manager in (ada, ben):
        touchpoints.create_touchpoint(manager, dt.datetime(2025, 2, 3, 9), ONE_ON_ONE)

    def log(kind: TouchpointKind, day: int, minutes: int) -> None:
        when = dt.datetime(2025, 3, day, 10)
        touchpoints.create_touchpoint(ada, when, kind, duration_minutes=minutes)

    for day in (3, 10, 17):
        log(ONE_ON_ONE, day, 60)
    log(TouchpointKind.FIELD_VISIT, 12, 180)
    for day in (7, 14, 21, 28):
        log(TouchpointKind.TEAM_MEETING, day, 30)
    db.close_journal()
    return path


def scorecard_rows(window: MainWindow) -> list[list[str]]:
    proxy = window.dashboard.scorecard.proxy
    return [
        [proxy.index(row, column).data() for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_the_scorecard_shows_planned_against_held(
    make_window: MakeWindow, march: Path, qtbot
) -> None:
    window = make_window(march)
    page = window.dashboard
    page.tabs.setCurrentWidget(page.scorecard)
    panel = page.scorecard
    panel.show_month(MARCH)
    assert panel.month_label.text() == "March 2025"
    # Weekly one-on-ones over 31 days plan 4; fortnightly call reviews 2; monthly field visits
    # 1; career conversations (every 90 days) none; weekly team meetings 4.
    assert scorecard_rows(window) == [
        ["Ada Lovelace", "3 / 4 (−1)", "1 / 1", "0 / 2 (−2)", "–", "4 / 4", "8.0 h", "100%"],
        ["Ben Okafor", "0 / 4 (−4)", "0 / 1 (−1)", "0 / 2 (−2)", "–", "0 / 4 (−4)", "0.0 h", LOW],
    ]
    proxy = panel.proxy
    short = proxy.index(0, 1)
    assert short.data(Qt.ItemDataRole.AccessibleTextRole) == "One-on-ones: 3 of 4, 1 short"
    assert short.data(Qt.ItemDataRole.DecorationRole) is not None
    assert short.data(Qt.ItemDataRole.BackgroundRole) is not None
    met = proxy.index(0, 2)
    assert met.data(Qt.ItemDataRole.DecorationRole) is None
    assert "planned 1" in met.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.summary_label.text() == (
        "8.0 h of your time (each meeting once) with 2 managers · 14 of 22 planned activities "
        "short · 1 getting too little of your time"
    )

    panel.previous_button.click()
    assert panel.month_label.text() == "February 2025"
    assert panel.next_button.isEnabled()
    panel.this_month_button.click()
    assert panel.month_label.text().endswith(str(TODAY.year))
    assert not panel.next_button.isEnabled()
    assert not panel.this_month_button.isEnabled()


def test_the_scorecard_says_not_for_them_and_plans_nothing(
    make_window: MakeWindow, march: Path
) -> None:
    """Field visits are not for Ben's team, team meetings not for Ada (who held four anyway)."""
    db.open_journal(march)
    Manager.update(team="Inside Sales").where(Manager.name == "Ben Okafor").execute()
    cadence.set_applies(TouchpointKind.FIELD_VISIT, False, team="inside sales")
    cadence.set_applies(TouchpointKind.TEAM_MEETING, False, manager_id=manager_id("Ada Lovelace"))
    db.close_journal()
    window = make_window(march)
    page = window.dashboard
    page.tabs.setCurrentWidget(page.scorecard)
    page.scorecard.show_month(MARCH)
    ada, ben = scorecard_rows(window)
    assert ada[1:] == [
        "3 / 4 (−1)",
        "1 / 1",
        "0 / 2 (−2)",
        "–",
        "4 · not for them",
        "8.0 h",
        "100%",
    ]
    assert ben[1:] == ["0 / 4 (−4)", "not for them", "0 / 2 (−2)", "–", "0 / 4 (−4)", "0.0 h", LOW]
    assert (ada[0], ben[0]) == ("Ada Lovelace", "Ben Okafor")
    visits = page.scorecard.proxy.index(1, 2)
    assert visits.data(Qt.ItemDataRole.AccessibleTextRole) == "Field visits: 0 held, not for them"
    assert visits.data(Qt.ItemDataRole.DecorationRole) is None
    assert "not for them" in visits.data(Qt.ItemDataRole.ToolTipRole)
    assert page.scorecard.summary_label.text() == (
        "8.0 h of your time (each meeting once) with 2 managers · 13 of 17 planned activities "
        "short · 1 getting too little of your time"
    )


def test_the_scorecard_sorts_by_share_of_time(make_window: MakeWindow, march: Path) -> None:
    window = make_window(march)
    panel = window.dashboard.scorecard
    panel.show_month(MARCH)
    panel.table.sortByColumn(panel.proxy.columnCount() - 1, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in scorecard_rows(window)] == ["Ben Okafor", "Ada Lovelace"]


def test_on_day_three_the_scorecard_says_behind_pace_not_every_plan_met(
    make_window: MakeWindow, tmp_path: Path, qtbot, qtmodeltester
) -> None:
    """3 December: Nev, due a one-on-one twice a month, was never seen; Sam had one on 30
    November. Finished-month arithmetic would plan no meeting yet for either ("every plan
    met"); the month in progress says Nev is behind pace."""
    path = tmp_path / "december.db"
    db.open_journal(path)
    created = dt.datetime(2026, 9, 1, 12)
    for name in ("Nev Ernst", "Sam Seen"):
        manager = roster.create_manager(name)
        Manager.update(created_at=created).where(Manager.id == manager.id).execute()
        cadence.set_override(manager.id, ONE_ON_ONE, 14, 28)
        for kind in (TouchpointKind.FIELD_VISIT, TouchpointKind.CALL_REVIEW):
            touchpoints.create_touchpoint(manager.id, dt.datetime(2026, 11, 28, 9), kind)
        touchpoints.create_touchpoint(
            manager.id, dt.datetime(2026, 11, 30, 9), TouchpointKind.TEAM_MEETING
        )
        touchpoints.create_touchpoint(
            manager.id, dt.datetime(2026, 10, 1, 9), TouchpointKind.CAREER
        )
        if name == "Sam Seen":
            touchpoints.create_touchpoint(manager.id, dt.datetime(2026, 11, 30, 10), ONE_ON_ONE)
    db.close_journal()
    window = make_window(path)
    page = window.dashboard
    page.tabs.setCurrentWidget(page.scorecard)
    panel = page.scorecard
    panel.month = dt.date(2026, 12, 1)
    panel.refresh(today=dt.date(2026, 12, 3))
    qtmodeltester.check(panel.model)
    model = panel.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Pace"
    rows = scorecard_rows(window)
    assert [row[:3] for row in rows] == [
        ["Nev Ernst", "Behind pace", "0 / 1 (−1)"],
        ["Sam Seen", "On pace", "–"],
    ]
    pace = panel.proxy.index(0, 1)
    assert pace.data(Qt.ItemDataRole.ToolTipRole).startswith("Behind pace: one-on-ones")
    assert pace.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "due so far" in panel.proxy.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.progress_label.text() == "In progress: day 3 of 31"
    summary_text = panel.summary_label.text()
    assert "every plan met" not in summary_text
    assert " so far · " in summary_text
    assert summary_text.endswith("1 behind pace, 1 on pace")

    panel.month = dt.date(2026, 12, 1)
    panel.refresh(today=dt.date(2027, 1, 5))  # December over: a finished month again
    assert model.headerData(1, Qt.Orientation.Horizontal) == "One-on-ones"
    assert not panel.progress_label.isVisibleTo(panel)


def test_a_month_before_anyone_was_tracked_says_so(make_window: MakeWindow, march: Path) -> None:
    window = make_window(march)
    page = window.dashboard
    page.tabs.setCurrentWidget(page.scorecard)
    panel = page.scorecard
    panel.show_month(dt.date(2001, 1, 1))
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisibleTo(panel) and not panel.table.isVisibleTo(panel)
    assert panel.empty.text() == "No managers were tracked in January 2001."


def test_the_dashboard_models_follow_the_qt_contract(
    make_window: MakeWindow, team: Path, qtmodeltester
) -> None:
    window = make_window(team)
    page = window.dashboard
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.scorecard.show_month(TODAY)
    qtmodeltester.check(page.scorecard.model)
    qtmodeltester.check(page.scorecard.proxy)
    assert page.model.index(0, 0).data(IdRole) == manager_id("Dana Ortiz")
    assert page.model.data(QModelIndex()) is None


def test_at_the_default_width_every_reason_shows_in_full(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    """Four activities overdue: the status names all four and the row grows to hold them,
    nothing cut short, in the window's default 1180 px; "Next due" names the activity."""
    path = tmp_path / "late.db"
    db.open_journal(path)
    late = roster.create_manager("Charlotte Thompson")
    for kind, days in (
        (ONE_ON_ONE, 72),
        (TouchpointKind.CALL_REVIEW, 64),
        (TouchpointKind.FIELD_VISIT, 83),
        (TouchpointKind.CAREER, 258),
    ):
        touchpoints.create_touchpoint(late.id, days_ago(days), kind)
    touchpoints.create_touchpoint(late.id, days_ago(2), TouchpointKind.TEAM_MEETING)
    on_track = roster.create_manager("Ann Ontrack")
    for kind in (ONE_ON_ONE, *TouchpointKind):
        if kind is not TouchpointKind.INFORMAL:
            touchpoints.create_touchpoint(on_track.id, days_ago(1), kind)
    db.close_journal()
    window = make_window(path)
    window.resize(1180, 760)  # its default on a laptop (the offscreen screen is 800 wide)
    assert window.width() == 1180
    page = window.dashboard
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    index = page.proxy.index(0, columns.STATUS)
    reasons = index.data(ReasonRole)
    assert reasons == (
        "Overdue: One-on-one 72 days ago, Call review 64 days ago, Field visit 83 days ago, "
        "Career conversation 258 days ago"
    )  # most urgent first: 3 × 72/14, 2 × 64/28, 3 × 83/60, 1 × 258/180
    assert "(at most every" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Urgency " in index.data(Qt.ItemDataRole.ToolTipRole)
    next_due = page.proxy.index(0, columns.NEXT_DUE).data().replace("\N{NON-BREAKING HYPHEN}", "-")
    assert next_due.endswith(" · One-on-one")

    table = page.table
    qtbot.waitUntil(lambda: not page._refit.isActive())
    cell = table.visualRect(index)
    assert cell.width() >= 200  # the status keeps room at the default width
    delegate = table.itemDelegateForColumn(columns.STATUS)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.font = table.font()
    lines = delegate.layout(option, index.data(GroupsRole), cell.width() - 12)
    metrics = QFontMetrics(table.font())
    for line in lines:
        wrapped = metrics.boundingRect(line.text, int(Qt.TextFlag.TextWordWrap), line.reasons)
        assert wrapped.width() <= line.text.width() and wrapped.height() <= line.text.height()
        assert line.text.bottom() + 3 < cell.height()  # the row grew to hold every line
    on_track_cell = table.visualRect(page.proxy.index(1, columns.STATUS))
    assert page.proxy.index(1, columns.STATUS).data(ReasonRole).startswith("On track: Next ")
    assert cell.height() > on_track_cell.height() >= 2 * table.fontMetrics().lineSpacing()
    # Sorted by name, the heights follow their rows.
    table.sortByColumn(columns.MANAGER, Qt.SortOrder.AscendingOrder)
    assert page.proxy.index(0, columns.MANAGER).data() == "Ann Ontrack"
    assert table.rowHeight(0) == on_track_cell.height()
    assert table.rowHeight(1) == cell.height()


def test_sorting_by_status_again_gives_back_the_order_of_need(
    make_window: MakeWindow, team: Path
) -> None:
    window = make_window(team)
    page, table = window.dashboard, window.dashboard.table
    need = ["Dana Ortiz", "Ana Silva", "Ben Okafor", "Cleo Park"]
    assert cells(page, columns.MANAGER) == need
    table.sortByColumn(columns.MANAGER, Qt.SortOrder.AscendingOrder)
    assert cells(page, columns.MANAGER) == sorted(need)
    table.sortByColumn(columns.STATUS, Qt.SortOrder.DescendingOrder)
    assert cells(page, columns.MANAGER) == need[::-1]
    table.sortByColumn(columns.STATUS, Qt.SortOrder.AscendingOrder)
    assert cells(page, columns.MANAGER) == need
    assert table.horizontalHeader().sortIndicatorSection() == columns.STATUS


def test_a_status_that_changes_is_measured_again(qtbot: QtBot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    delegate = StatusDelegate(table)
    option = QStyleOptionViewItem()
    option.font = table.font()
    short = (("Due", "#E69F00", ("Call review 20 days ago",)),)
    long = (("Overdue", "#D55E00", ("One-on-one 72 days ago", "Field visit 83 days ago")),)
    first = delegate.heights(option, [short, long], 240)
    assert first[1] > first[0]
    # The same texts measure the same; a row whose text changed is measured for its new text.
    assert delegate.heights(option, [long, short], 240) == first[::-1]
    assert delegate.heights(option, [long, long], 240) == [first[1], first[1]]
    assert delegate.heights(option, [short], 240) == [first[0]]
