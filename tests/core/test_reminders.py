"""What is due today: one-on-ones past their ideal date and action items due, per manager."""

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


def test_one_on_ones_past_their_ideal_date_are_due_and_on_the_ideal_day_are_not(
    journal_path: Path,
) -> None:
    on_time = add_manager("Ada")
    log(on_time, ONE_ON_ONE, days_ago(7))  # ideal 7 days: due today is still on track
    due = add_manager("Ben")
    log(due, ONE_ON_ONE, days_ago(8))
    late = add_manager("Cleo")
    log(late, ONE_ON_ONE, days_ago(20))  # past the 14-day maximum
    found = reminders.due_today(TODAY)
    by_id = {manager.manager_id: manager for manager in found.managers}
    assert set(by_id) == {due, late}
    assert [manager.name for manager in found.managers] == ["Cleo", "Ben"]  # most pressing first
    assert by_id[due].one_on_one is not None
    assert by_id[due].one_on_one.status is CadenceStatus.DUE
    assert not by_id[due].overdue
    assert by_id[late].overdue
    assert by_id[late].describe() == "One-on-one 20 days ago (at most every 14 days)"
    assert found.one_on_ones == 2 and found.items == 0
    assert found.summary() == "Due today: 2 managers past the ideal date for a one-on-one."
    assert found.short() == "Due today: 2 one-on-ones"
    assert reminders.due_today(TODAY, cadence.dashboard(TODAY)) == found


def test_a_career_conversation_counts_as_the_one_on_one_and_other_kinds_do_not_remind(
    journal_path: Path,
) -> None:
    ada = add_manager("Ada")
    log(ada, TouchpointKind.CAREER, days_ago(2))
    # A field visit never happened, so that kind is due, but it is not a reminder.
    assert not reminders.due_today(TODAY)


def test_action_items_due_today_or_before_remind_and_later_done_or_trashed_ones_do_not(
    journal_path: Path,
) -> None:
    ada = add_manager("Ada")
    log(ada, ONE_ON_ONE, days_ago(1))
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
    assert manager.one_on_one is None
    assert [item.id for item in manager.items] == [late_item.id, today_item.id]
    assert [item.describe() for item in manager.items] == [
        "Them: Call Acme (3 days overdue)",
        "You: Send the deck (due today)",
    ]
    assert manager.overdue
    assert manager.describe() == "2 action items due (1 overdue)"
    assert found.summary() == "Due today: 2 action items due today or overdue."


def test_one_item_is_named_and_a_manager_with_both_gets_one_line(journal_path: Path) -> None:
    ada = add_manager("Ada", added=days_ago(30))
    touchpoints.add_action_item(ada, "Book the visit", Owner.ME, TODAY, None)
    (manager,) = reminders.due_today(TODAY).managers
    assert manager.overdue  # thirty days without a one-on-one, though the item is on time
    assert manager.describe() == (
        "No one-on-one in 30 days (at most every 14) · You: Book the visit (due today)"
    )
    due = reminders.due_today(TODAY)
    assert due.summary() == (
        "Due today: 1 manager past the ideal date for a one-on-one "
        "and 1 action item due today or overdue."
    )


def test_archived_managers_are_left_out(journal_path: Path) -> None:
    gone = add_manager("Gone", archived=True)
    touchpoints.add_action_item(gone, "Old promise", Owner.ME, days_ago(5), None)
    assert not reminders.due_today(TODAY)
