"""One huddle for five managers, logged once through the editor: five journals show it, five
cadences move, the time chart counts its minutes once and the contacts chart five times."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from coachjournal.coaching import cadence, roster, stats, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import Touchpoint
from tests.ui.conftest import MakeWindow, type_text
from tests.ui.test_charts_ui import bars, redraw, show_charts
from ui.charts.page import Chart
from ui.journal.attendees import AttendeePicker
from ui.journal.editor import TouchpointDialog
from ui.journal.logged_twice import LoggedTwiceDialog

NAMES = ("Ana Ruiz", "Ben Okafor", "Cleo Park", "Dev Shah", "Eli Moss")
TEAM_MEETING = TouchpointKind.TEAM_MEETING


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Five active managers, each leading a team of their own, and one who left."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    for name in NAMES:
        roster.create_manager(name, team=f"{name.split()[0]}'s reps")
    roster.set_archived(roster.create_manager("Zoe Former").id, True)
    db.close_journal()
    return path


def ids() -> dict[str, int]:
    return {m.name: m.id for m in roster.list_managers()}


def ids_all() -> dict[str, int]:
    return {m.name: m.id for m in roster.list_managers(include_archived=True)}


def test_a_huddle_logged_once_for_five_managers_counts_for_each_and_its_time_once(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    managers = ids()
    north = [managers[name] for name in NAMES]
    # Last week's Monday: a whole week, drawn in the kind's own colour.
    week = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    before = {m: {s.kind: s for s in cadence.statuses_for(m)}[TEAM_MEETING] for m in north}
    assert all(status.last is None for status in before.values())

    assert window.roster.select(north[0])
    dialog = window.manager_page.journal.log_new(TEAM_MEETING)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.attendees.team_button.isVisible()
    assert not dialog.observed_box.isVisible()
    qtbot.mouseClick(dialog.attendees.team_button, Qt.MouseButton.LeftButton)
    assert dialog.attendees.others == north[1:]
    assert dialog.attendees.text.text() == "Ben Okafor, Cleo Park +2"
    assert dialog.windowTitle() == "New team meeting with Ana Ruiz +4"
    assert dialog.observed_box.isVisible()
    dialog.observed.about.setCurrentIndex(dialog.observed.about.findData(north[2]))
    type_text(dialog.observed.editor, "Ran the forecast review crisply")
    type_text(dialog.summary, "Monday huddle")
    dialog.when.set_moment(dt.datetime.combine(week, dt.time(9)))
    dialog.duration.setValue(45)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    (logged,) = touchpoints.timeline_page(north[0])
    record = touchpoints.get_touchpoint(logged.id)
    assert record.attendee_ids == tuple(north)
    assert record.attendees[2].note == "Ran the forecast review crisply"
    # Five journals show it, each with the others.
    tab = window.manager_page.journal
    for manager_id in north:
        assert window.roster.select(manager_id)
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
        shown = tab.model.index(0, 2).data()
        assert shown.startswith("Monday huddle · with ")
        assert "+2" in shown
        qtbot.waitUntil(lambda: tab.reader.touchpoint_id == record.id)
        reading = tab.reader.page.toPlainText()
        assert "with " in reading and "+2" in reading
    assert not touchpoints.timeline_count(ids_all()["Zoe Former"])
    # Five cadences move.
    for manager_id in north:
        status = {s.kind: s for s in cadence.statuses_for(manager_id)}[TEAM_MEETING]
        assert status.last == week
        assert status.next_due == week + dt.timedelta(days=status.rule.ideal_days)
        assert status.days_since == (dt.date.today() - week).days
        assert before[manager_id].days_since is None

    # The contacts chart counts it five times; the time chart counts its minutes once.
    page = show_charts(window, qtbot)
    assert page.chart is Chart.FREQUENCY
    assert page.counting.currentData() == stats.Measure.CONTACTS
    assert page.counting.isVisible()
    contacts = page.view.data
    assert isinstance(contacts, stats.FrequencySeries)
    assert contacts.measure is stats.Measure.CONTACTS
    column = contacts.periods.index(week)
    assert contacts.counts[TEAM_MEETING][column] == 5
    assert bars(page)[column, TEAM_MEETING] == 5
    assert page.view.figure is not None
    assert page.view.figure.axes[0].get_title(loc="left").startswith("Contacts per week")

    redraw(page, qtbot, lambda: page.set_measure(stats.Measure.TIME))
    time = page.view.data
    assert isinstance(time, stats.FrequencySeries) and time.measure is stats.Measure.TIME
    assert time.counts[TEAM_MEETING][column] == pytest.approx(45 / 60)
    assert bars(page)[column, TEAM_MEETING] == pytest.approx(0.75)
    assert page.view.figure.axes[0].get_title(loc="left").startswith("Your time per week")

    redraw(page, qtbot, lambda: page.set_chart(Chart.TIME))
    share = page.view.data
    assert isinstance(share, stats.TimeShare)
    assert share.total_minutes == pytest.approx(45)
    by_name = {row.name: row for row in share.rows}
    for name in NAMES:
        assert by_name[name].minutes == pytest.approx(9)
        assert by_name[name].touchpoints == 1
    assert "Zoe Former" not in by_name
    assert page.view.figure.axes[0].get_xlabel().startswith("Hours of your time")


def test_the_picker_finds_a_manager_among_two_hundred_by_keyboard(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "big.db"
    db.open_journal(path)
    for number in range(200):
        roster.create_manager(f"Manager {number:03d}", team=f"Team {number % 7}")
    db.close_journal()
    make_window(path)
    lead = ids()["Manager 000"]
    picker = AttendeePicker(lead, [], QApplication.activeWindow())
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.proxy.rowCount() == 199
    type_text(picker.search, "manager 123")
    assert picker.proxy.rowCount() == 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.focusWidget() is picker.list
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.chosen() == [ids()["Manager 123"]]
    assert picker.count.text() == "1 chosen"
    # Enter after a name that finds one manager ticks them and clears the search for the next
    # name; after one that finds several, it goes into the list: it never closes the dialog.
    picker.search.setFocus()
    picker.search.clear()
    type_text(picker.search, "manager 045")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.search.text() == ""
    assert picker.chosen() == [ids()["Manager 045"], ids()["Manager 123"]]
    type_text(picker.search, "manager 19")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.focusWidget() is picker.list
    picker.tick_whole_team()
    assert len(picker.chosen()) == 199
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted


def test_a_meeting_logged_once_per_manager_is_merged_only_when_ticked_and_undone(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    """tests/data/journal-v6.db logged a Monday huddle once for each of its three managers."""
    path = tmp_path / "journal.db"
    shutil.copy(Path(__file__).parent.parent / "data" / "journal-v6.db", path)
    window = make_window(path)
    before = Touchpoint.select().count()
    dialog = LoggedTwiceDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item is not None and item.text(3).startswith("3 managers: ")
    assert not dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert Touchpoint.select().count() == before  # nothing ticked, nothing merged

    item.setCheckState(0, Qt.CheckState.Checked)
    assert dialog.merge_button.text() == "Merge 1 meeting"
    ids = item.data(0, Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert Touchpoint.select().count() == before - 2
    merged = touchpoints.get_touchpoint(ids[0])
    assert len(merged.attendees) == 3
    assert not dialog.list.isVisibleTo(dialog) and dialog.empty.isVisibleTo(dialog)
    assert dialog.list.topLevelItemCount() == 0

    assert window.undo.undo_action.text() == "Undo Merge Meetings"
    window.undo.undo_action.trigger()
    assert Touchpoint.select().count() == before
    assert len(touchpoints.meetings_logged_twice()) == 1


def test_a_draft_keeps_who_was_there_and_the_notes_about_them(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    north = [ids()[name] for name in NAMES]
    assert window.roster.select(north[1])
    dialog = window.manager_page.journal.log_new(TEAM_MEETING)
    assert dialog is not None
    qtbot.mouseClick(dialog.attendees.team_button, Qt.MouseButton.LeftButton)
    dialog.observed.about.setCurrentIndex(dialog.observed.about.findData(north[3]))
    type_text(dialog.observed.editor, "Quiet; ask why")
    dialog.flush()
    ((draft_id, manager_id, fields, saved_at),) = touchpoints.drafts()
    assert manager_id == north[1]
    recovered = TouchpointDialog.new(
        window.session, manager_id, window, kind=TEAM_MEETING, draft=(draft_id, fields, saved_at)
    )
    qtbot.addWidget(recovered)
    assert recovered.attendee_ids() == [north[1], north[0], *north[2:]]
    assert recovered.observed.observed(recovered.attendee_ids()) == {north[3]: "Quiet; ask why"}


def test_undoing_who_was_at_a_meeting_shows_it_again_in_their_journal(
    make_window: MakeWindow, team: Path
) -> None:
    """Cleo taken off a huddle, then Undo: her journal (open on screen) lists it again, though
    only her attendance came back (the huddle's own row is the lead's)."""
    window = make_window(team)
    ana, ben, cleo = (ids()[name] for name in NAMES[:3])
    record = window.session.log_touchpoint(
        ana, dt.datetime(2026, 12, 1, 9), TEAM_MEETING, [], None, with_managers=[ben, cleo]
    )
    assert window.roster.select(cleo)
    journal = window.manager_page.journal
    listed = journal.model.total
    window.session.update_touchpoint(record.id, with_managers=[ben])
    assert journal.model.total == listed - 1
    window.undo.undo_action.trigger()
    assert journal.model.total == listed
    assert journal.reader.touchpoint_id == record.id
