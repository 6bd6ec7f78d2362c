"""What is due today: coaching past its ideal date and action items due, per manager."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachjournal.coaching import cadence, reminders, touchpoints
from coachjournal.coaching.cadence import CadenceStatus
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from tests.core.builders import add_manager, log

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE
TODAY = dt.date(2025, 3, 17)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_an_empty_journal_has_nothing_due(journal_path: Path) -> None:
    due = reminders.due_today(TODAY)
    assert not due
    assert due.summary() == "Nothing is due today."
    assert due.short() == "Nothing is due today"


def on_track_but(manager_id: int, kind: TouchpointKind, days: int) -> None:
    """Every coaching activity held three days ago, except ``kind``, held ``days`` ago, and the
    career conversation (which counts as a one-on-one), held 89 days ago unless it is ``kind``."""
    for each in cadence.CADENCE_KINDS:
        usual = 89 if each is TouchpointKind.CAREER else 3
        log(manager_id, each, days_ago(days if each is kind else usual))


def test_coaching_past_its_ideal_date_is_due_and_on_the_ideal_day_is_not(
    journal_path: Path,
) -> None:
    on_time = add_manager("Ada", added=days_ago(100))
    on_track_but(on_time, ONE_ON_ONE, 7)  # ideal 7 days: due today is still on track
    due = add_manager("Ben", added=days_ago(100))
    on_track_but(due, TouchpointKind.FIELD_VISIT, 50)
    late = add_manager("Cleo", added=days_ago(100))
    on_track_but(late, TouchpointKind.CALL_REVIEW, 30)  # past the 28-day maximum
    found = reminders.due_today(TODAY)
    by_id = {manager.manager_id: manager for manager in found.managers}
    assert set(by_id) == {due, late}
    assert [manager.name for manager in found.managers] == ["Ben", "Cleo"]  # 3 × 50/60 > 2 × 30/28
    assert [status.status for status in by_id[due].needs] == [CadenceStatus.DUE]
    assert not by_id[due].overdue
    assert by_id[late].overdue
    assert by_id[late].describe() == "Overdue: Call review 30 days ago"
    assert found.coaching == 2 and found.coaching_overdue == 1 and found.items == 0
    assert found.summary() == "Due today: 2 managers due for coaching (1 overdue)."
    assert found.short() == "Due today: 2 managers"
    assert reminders.due_today(TODAY, cadence.dashboard(TODAY)) == found


def test_the_reminders_list_the_dashboards_top_rows_in_its_words(journal_path: Path) -> None:
    """One computation: the managers due for coaching are the table's first rows, in its order
    and with its words, before a manager who only has an action item due."""
    for number, days in enumerate((20, 9, 40, 80, 2)):
        manager_id = add_manager(f"Manager {number}", added=days_ago(200))
        on_track_but(manager_id, ONE_ON_ONE, days)
    items_only = add_manager("Zoe", added=days_ago(200))
    on_track_but(items_only, ONE_ON_ONE, 1)
    touchpoints.add_action_item(items_only, "Call Acme", Owner.THEM, days_ago(30), None)
    rows = cadence.dashboard(TODAY)
    found = reminders.due_today(TODAY, rows)
    needing = [row for row in rows if row.needs]
    assert [manager.row for manager in found.managers[: len(needing)]] == needing
    assert [manager.name for manager in found.managers] == [
        "Manager 3",
        "Manager 2",
        "Manager 0",
        "Manager 1",
        "Zoe",
    ]
    assert [manager.describe() for manager in found.managers[:2]] == [
        row.reasons for row in rows[:2]
    ]
    assert found.summary() == (
        "Due today: 4 managers due for coaching (3 overdue) and 1 action item due today or overdue."
    )


def test_a_career_conversation_counts_as_the_one_on_one(journal_path: Path) -> None:
    ada = add_manager("Ada", added=days_ago(100))
    on_track_but(ada, TouchpointKind.CAREER, 2)
    log(ada, ONE_ON_ONE, days_ago(60))
    assert not reminders.due_today(TODAY)


def test_action_items_due_today_or_before_remind_and_later_done_or_trashed_ones_do_not(
    journal_path: Path,
) -> None:
    ada = add_manager("Ada")
    on_track_but(ada, ONE_ON_ONE, 1)
    trashed = log(ada, ONE_ON_ONE, days_ago(3), trashed=True)
    today_item = touchpoints.add_action_item(ada, "Send the deck", Owner.ME, TODAY, None)
    late_item = touchpoints.add_action_item(ada, "Call Acme", Owner.THEM, days_ago(3), None)
    touchpoints.add_action_item(ada, "Later", Owner.ME, TODAY + dt.timedelta(days=1), None)
    touchpoints.add_action_item(ada, "Whenever", Owner.ME, None, None)
    done = touchpoints.add_action_item(ada, "Done", Owner.ME, days_ago(2), None)
    touchpoints.set_action_status(done.id, ActionStatus.DONE)
    touchpoints.add_action_item(ada, "From the trash", Owner.ME, days_ago(2), trashed)

    found = reminders.due_today(TODAY)
    (manager,) = found.managers
    assert not manager.needs
    assert [item.id for item in manager.items] == [late_item.id, today_item.id]
    assert [item.describe() for item in manager.items] == [
        "Them: Call Acme (3 days overdue)",
        "You: Send the deck (due today)",
    ]
    assert manager.overdue
    assert manager.describe() == "2 action items due (1 overdue)"
    assert found.summary() == "Due today: 2 action items due today or overdue."


def test_one_item_is_named_and_a_manager_with_both_gets_one_line(journal_path: Path) -> None:
    ada = add_manager("Ada", added=days_ago(100))
    on_track_but(ada, ONE_ON_ONE, 30)
    touchpoints.add_action_item(ada, "Book the visit", Owner.ME, TODAY, None)
    (manager,) = reminders.due_today(TODAY).managers
    assert manager.overdue  # thirty days without a one-on-one, though the item is on time
    assert manager.describe() == (
        "Overdue: One-on-one 30 days ago · You: Book the visit (due today)"
    )
    due = reminders.due_today(TODAY)
    assert due.summary() == (
        "Due today: 1 manager due for coaching (1 overdue) and 1 action item due today or overdue."
    )


def test_archived_managers_are_left_out(journal_path: Path) -> None:
    gone = add_manager("Gone", archived=True)
    touchpoints.add_action_item(gone, "Old promise", Owner.ME, days_ago(5), None)
    assert not reminders.due_today(TODAY)
