"""Cadence settings: a manager's own rhythm in their profile, and the team's defaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.coaching.cadence import CadenceSource, CadenceStatus
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow
from ui.cadence.team_dialog import TeamCadenceDialog

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
