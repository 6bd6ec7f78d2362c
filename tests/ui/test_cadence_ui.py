"""Cadence settings: a manager's own rhythm in their profile, and the team's defaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.coaching.cadence import AppliesSource, CadenceSource, CadenceStatus
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import CadenceApplies
from tests.ui.conftest import MakeWindow
from ui.cadence.team_dialog import TeamCadenceDialog
from ui.dashboard.model import MANAGER, STATUS, GroupsRole, ReasonRole, StatusLabelRole

ONE_ON_ONE = TouchpointKind.ONE_ON_ONE


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    db.open_journal(path)
    manager = roster.create_manager("Noor Haddad")
    ten_days_ago = dt.datetime.combine(dt.date.today() - dt.timedelta(days=10), dt.time(9))
    touchpoints.create_touchpoint(manager.id, ten_days_ago, ONE_ON_ONE)
    db.close_journal()
    return path


def test_a_manager_gets_their_own_rhythm_and_goes_back(make_window: MakeWindow, team: Path) -> None:
    window = make_window(team)
    editor = window.manager_page.profile.cadence
    row = editor.rows[ONE_ON_ONE]
    assert row.source.text() == "built-in default"
    assert "Due" in row.status.text() and "10 days ago" in row.status.text()
    assert not row.reset.isEnabled()

    row.maximum.setValue(21)
    row.ideal.setValue(14)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    rule = cadence.cadence_for(manager_id)[ONE_ON_ONE]
    assert (rule.ideal_days, rule.max_days, rule.source) == (14, 21, CadenceSource.MANAGER)
    assert row.source.text() == "set for this manager"
    assert "On track" in row.status.text()
    assert cadence.statuses_for(manager_id)[0].status is CadenceStatus.ON_TRACK

    row.reset.click()
    assert cadence.cadence_for(manager_id)[ONE_ON_ONE].source is CadenceSource.BUILT_IN
    assert row.ideal.value() == 7


def test_a_maximum_below_the_ideal_is_refused(make_window: MakeWindow, team: Path) -> None:
    window = make_window(team)
    editor = window.manager_page.profile.cadence
    editor.rows[ONE_ON_ONE].ideal.setValue(30)
    assert not editor.error.isHidden()
    assert editor.error.text() == (
        "The maximum gap (14 days) cannot be shorter than the ideal gap (30 days)."
    )
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    assert cadence.cadence_for(manager_id)[ONE_ON_ONE].ideal_days == 7


def test_the_team_defaults_and_what_counts_as_a_one_on_one(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    dialog = TeamCadenceDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert dialog.editor.today_header.isHidden()
    visits = dialog.editor.rows[TouchpointKind.FIELD_VISIT]
    visits.maximum.setValue(90)
    visits.ideal.setValue(45)
    rule = cadence.team_defaults()[TouchpointKind.FIELD_VISIT]
    assert (rule.ideal_days, rule.max_days, rule.source) == (45, 90, CadenceSource.TEAM)
    profile_row = window.manager_page.profile.cadence.rows[TouchpointKind.FIELD_VISIT]
    assert profile_row.ideal.value() == 45
    assert profile_row.source.text() == "team default"

    dialog.counts[TouchpointKind.FIELD_VISIT].setChecked(True)
    assert cadence.counts_as_one_on_one() == {
        TouchpointKind.CAREER,
        TouchpointKind.FIELD_VISIT,
    }


def test_a_new_manager_added_today_shows_no_due_on_the_dashboard(
    make_window: MakeWindow, team: Path
) -> None:
    """Through the dashboard's model: the status pill, every activity's reason, the summary
    and the banner of what is due today."""
    window = make_window(team)
    new = window.session.add_manager("Fay Nguyen")
    window.show_team()
    page = window.dashboard
    proxy = page.proxy
    (row,) = [r for r in range(proxy.rowCount()) if proxy.index(r, MANAGER).data() == "Fay Nguyen"]
    status = proxy.index(row, STATUS)
    assert status.data(StatusLabelRole) == "On track"
    assert [word for word, _colour, _reasons in status.data(GroupsRole)] == ["On track"]
    assert "Due" not in status.data(ReasonRole)
    assert "First one-on-one due in 7 days" in status.data(ReasonRole)
    assert all(each.status is CadenceStatus.ON_TRACK for each in cadence.statuses_for(new.id))
    banner = window.reminders.due
    assert banner is not None
    assert new.id not in [manager.manager_id for manager in banner.managers]


def test_an_activity_switched_off_for_a_manager_says_not_for_them(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    row = window.manager_page.profile.cadence.rows[ONE_ON_ONE]
    assert row.applies.isChecked() and "Due" in row.status.text()

    row.applies.setChecked(False)
    marks = cadence.applicability(manager_id, "")
    assert (marks[ONE_ON_ONE].applies, marks[ONE_ON_ONE].source) == (False, AppliesSource.MANAGER)
    assert "Not for them" in row.status.text()
    assert not row.ideal.isEnabled() and row.reset.isEnabled()
    assert row.applies.toolTip() == "Set for this manager."
    window.show_team()
    proxy = window.dashboard.proxy
    # tracked from the one-on-one ten days ago: the weekly team meeting is due, not the 1:1
    qtbot.waitUntil(lambda: proxy.index(0, STATUS).data(ReasonRole) == "Due: No team meeting yet")
    assert "One-on-one: Not for them" in proxy.index(0, STATUS).data(Qt.ItemDataRole.ToolTipRole)

    # ticked again, it follows the default once more: no mark of its own
    row.applies.setChecked(True)
    assert cadence.applicability(manager_id, "")[ONE_ON_ONE].source is AppliesSource.BUILT_IN
    assert "Due" in row.status.text()
    assert CadenceApplies.select().count() == 0


def test_a_team_default_switches_an_activity_off_for_that_team(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    window.session.update_manager(manager_id, team="Inside Sales")
    other = window.session.add_manager("Omar Field")
    window.session.update_manager(other.id, team="Field Sales")
    window.open_manager(manager_id)  # adding Omar showed him
    dialog = TeamCadenceDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert [dialog.team.itemText(i) for i in range(dialog.team.count())] == [
        "Field Sales",
        "Inside Sales",
    ]
    dialog.team.setCurrentText("Inside Sales")
    visits = dialog.team_applies[TouchpointKind.FIELD_VISIT]
    assert visits.isChecked()
    visits.setChecked(False)
    assert cadence.team_marks() == {"Inside Sales": {TouchpointKind.FIELD_VISIT: False}}
    assert not cadence.applicability(manager_id, "Inside Sales")[TouchpointKind.FIELD_VISIT].applies
    assert cadence.applicability(other.id, "Field Sales")[TouchpointKind.FIELD_VISIT].applies
    profile_row = window.manager_page.profile.cadence.rows[TouchpointKind.FIELD_VISIT]
    assert not profile_row.applies.isChecked()
    assert "Inside Sales" in profile_row.applies.toolTip()
    assert "Not for them" in profile_row.status.text()

    # switched off for everyone, then back on for the team: the team's choice wins
    dialog.editor.rows[TouchpointKind.TEAM_MEETING].applies.setChecked(False)
    dialog.team_applies[TouchpointKind.TEAM_MEETING].setChecked(True)
    found = cadence.applicability(manager_id, "Inside Sales")[TouchpointKind.TEAM_MEETING]
    assert (found.applies, found.source) == (True, AppliesSource.TEAM)
    assert not cadence.applicability(other.id, "Field Sales")[TouchpointKind.TEAM_MEETING].applies
    # ticking the team's box back to the whole team's choice removes its mark
    visits.setChecked(True)
    assert cadence.team_marks() == {"Inside Sales": {TouchpointKind.TEAM_MEETING: True}}

    window.session.undo()
    assert not visits.isChecked()
