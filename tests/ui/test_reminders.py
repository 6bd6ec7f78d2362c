"""Reminders while the app is open: the dashboard banner, the status bar, the tray."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import Owner, TouchpointKind
from coachjournal.storage import db, preferences
from coachjournal.storage.preferences import Preferences
from tests.core.builders import add_manager, log
from tests.ui.conftest import MakeWindow
from ui.dashboard import model as columns
from ui.dashboard.model import ReasonRole
from ui.main_window import MainWindow

TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def due_journal(tmp_path: Path) -> Iterator[Path]:
    """Ada is three weeks past her one-on-one; Ben met last week but owes an item due today;
    Cleo is on track with nothing due. Every other coaching activity is on track."""
    path = tmp_path / "due.db"
    db.open_journal(path)
    ada = add_manager("Ada Lovelace", added=ago(90))
    log(ada, TouchpointKind.ONE_ON_ONE, ago(21))
    ben = add_manager("Ben Okafor", added=ago(90))
    log(ben, TouchpointKind.ONE_ON_ONE, ago(2))
    touchpoints.add_action_item(ben, "Send the territory plan", Owner.THEM, TODAY, None)
    cleo = add_manager("Cleo Park", added=ago(90))
    log(cleo, TouchpointKind.ONE_ON_ONE, ago(1))
    for manager_id in (ada, ben, cleo):
        on_track_elsewhere(manager_id)
    db.close_journal()
    yield path


def on_track_elsewhere(manager_id: int) -> None:
    """A field visit, a call review and a team meeting a few days ago, and a career
    conversation 60 days ago (older than any one-on-one here, so it does not stand in for one)."""
    for kind in (
        TouchpointKind.FIELD_VISIT,
        TouchpointKind.CALL_REVIEW,
        TouchpointKind.TEAM_MEETING,
    ):
        log(manager_id, kind, ago(3))
    log(manager_id, TouchpointKind.CAREER, ago(60))


def banner_names(window: MainWindow) -> list[str]:
    return [button.text() for button in window.reminder_banner.buttons]


def test_the_banner_lists_who_is_due_and_a_button_opens_them(
    qtbot, make_window: MakeWindow, due_journal: Path
) -> None:
    window = make_window(due_journal)
    window.show_team()
    banner = window.reminder_banner
    assert banner.isVisible()
    assert banner_names(window) == ["Ada Lovelace", "Ben Okafor"]
    texts = [window.reminder_banner.rows.itemAtPosition(row, 1).widget().text() for row in (0, 1)]
    assert texts[0] == "Overdue: One-on-one 21 days ago"
    assert texts[1] == "Them: Send the territory plan (due today)"
    assert window.reminders.status.text() == "Due today: 1 manager · 1 item"
    assert window.reminders.status.toolTip() == (
        "Due today: 1 manager due for coaching (1 overdue) and 1 action item due today or overdue."
    )
    assert banner.buttons[0].accessibleName() == "Open Ada Lovelace"
    banner.buttons[0].click()
    assert window.pages.currentWidget() is window.manager_page
    assert window.manager_page.manager_id == window.roster.selected_id()
    assert window.roster.model.record(window.roster.selected_id()).name == "Ada Lovelace"


def test_the_banner_lists_the_tables_top_rows_in_its_order_and_words(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    """One computation: five managers due for coaching in different ways, and one with only an
    action item due; the banner's managers are the table's first rows, with the table's words."""
    path = tmp_path / "five.db"
    db.open_journal(path)
    for name, days in (("Ann", 20), ("Bob", 9), ("Cat", 40), ("Dev", 80), ("Eli", 16)):
        manager_id = add_manager(name, added=ago(200))
        log(manager_id, TouchpointKind.ONE_ON_ONE, ago(days))
        on_track_elsewhere(manager_id)
    items_only = add_manager("Aaron", added=ago(200))
    log(items_only, TouchpointKind.ONE_ON_ONE, ago(1))
    on_track_elsewhere(items_only)
    touchpoints.add_action_item(items_only, "Call Acme", Owner.THEM, ago(30), None)
    db.close_journal()
    window = make_window(path)
    window.show_team()
    page = window.dashboard
    banner = window.reminder_banner
    shown = len(banner.buttons)
    assert shown == 3
    table_names = [
        page.proxy.index(row, columns.MANAGER).data() for row in range(page.proxy.rowCount())
    ]
    assert banner_names(window) == table_names[:shown] == ["Dev", "Cat", "Ann"]
    texts = [banner.rows.itemAtPosition(row, 1).widget().text() for row in range(shown)]
    reasons = [page.proxy.index(row, columns.STATUS).data(ReasonRole) for row in range(shown)]
    assert texts == reasons
    assert banner.summary.text() == (
        "5 managers due for coaching (4 overdue) and 1 action item due today or overdue."
    )
    assert banner.more.text() == (
        "and 3 more managers with coaching or an action item due: see the table below."
    )


def test_logging_the_one_on_one_takes_the_manager_off(
    qtbot, make_window: MakeWindow, due_journal: Path
) -> None:
    window = make_window(due_journal)
    ada = next(r.id for r in roster.list_managers() if r.name == "Ada Lovelace")
    window.session.log_touchpoint(
        ada, dt.datetime.combine(TODAY, dt.time(9)), TouchpointKind.ONE_ON_ONE.value, [], None
    )
    qtbot.waitUntil(lambda: banner_names(window) == ["Ben Okafor"], timeout=3000)
    assert window.reminders.status.text() == "Due today: 1 item"


def test_dismissed_stays_away_until_another_journal_opens(
    qtbot, make_window: MakeWindow, due_journal: Path
) -> None:
    window = make_window(due_journal)
    window.show_team()
    window.reminder_banner.close_button.click()
    assert not window.reminder_banner.isVisible()
    window.reminders.refresh()
    assert not window.reminder_banner.isVisible()
    assert window.reminders.status.text().startswith("Due today")  # the count stays
    window.session.open(due_journal)
    assert window.reminder_banner.isVisible()


def test_with_the_preference_off_only_the_status_bar_says_it(
    qtbot, make_window: MakeWindow, due_journal: Path
) -> None:
    preferences.save(Preferences(reminders=False))
    try:
        window = make_window(due_journal)
    finally:
        preferences.preferences_path().unlink()
    assert not window.reminder_banner.isVisible()
    assert window.reminders.status.text().startswith("Due today")
    window.reminders.set_on_start(True)
    window.show_team()
    assert window.reminder_banner.isVisible()


def test_nothing_due_shows_nothing_and_the_tray_is_used_only_where_there_is_one(
    qtbot, make_window: MakeWindow
) -> None:
    window = make_window()
    assert not window.reminder_banner.isVisible()
    assert window.reminders.status.text() == ""
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen has no tray
    assert window.reminders.notify() is False
    assert window.reminders.tray is None
