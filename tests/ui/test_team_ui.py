"""The Team Picture screen: the skills matrix (its model, sorting, filtering, footer, largest
gaps, a cell opening the manager's Development tab) and the team plan tab (a plan written in
its editor, shown then and today, undone), on a hand-built journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from coachjournal.coaching import development as dev
from coachjournal.coaching import roster
from coachjournal.coaching.team import plan as team_plan
from coachjournal.coaching.team.plan import Goal
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import GoalKind, Rhythm, TraitKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow
from ui.main_window import MainWindow
from ui.team import plan as plan_ui
from ui.team.page import TeamPage
from ui.team.plan import PlanEditor
from ui.team.skills import FOOTER_ROWS, CellRole, GapRole

TODAY = dt.date.today()
PIPELINE, COACHING = "Pipeline management", "Coaching reps"


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Ana (Enterprise US East): pipeline 2 → 3, target 5; Ben (Mid-Market US East): pipeline
    4, coaching 5 → 3, target 4; Cleo (Inside Sales LATAM): pipeline 5; Dan (Enterprise
    LATAM): nothing rated."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    teams = {
        "Ana": "Enterprise US East",
        "Ben": "Mid-Market US East",
        "Cleo": "Inside Sales LATAM",
        "Dan": "Enterprise LATAM",
    }
    ids = {name: roster.create_manager(name, team=team).id for name, team in teams.items()}

    def rate(name: str, skill: str, *ratings: tuple[int, int], target: int | None = None) -> None:
        trait = dev.add_trait(ids[name], TraitKind.DEVELOPMENT, skill, target_rating=target)
        for rating, days in ratings:
            dev.rate_trait(trait.id, rating, ago(days))

    rate("Ana", PIPELINE, (2, 90), (3, 10), target=5)
    rate("Ben", PIPELINE, (4, 60))
    rate("Ben", COACHING, (5, 90), (3, 10), target=4)
    rate("Cleo", PIPELINE, (5, 30))
    db.close_journal()
    return path


def open_team_page(make_window: MakeWindow, path: Path, qtbot: Any) -> tuple[MainWindow, TeamPage]:
    window = make_window(path)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.team_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    qtbot.waitUntil(lambda: not page.skills.refresher.stale)
    return window, page


def column_of(page: TeamPage, skill: str) -> int:
    return page.skills.model.matrix.skills.index(skill)


def names(page: TeamPage) -> list[str]:
    proxy = page.skills.proxy
    return [
        proxy.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        for row in range(proxy.rowCount())
    ]


def test_the_screen_opens_on_the_skills_and_builds_another_tab_when_it_is_chosen(
    team: Path, make_window: MakeWindow, qtbot: Any
) -> None:
    _, page = open_team_page(make_window, team, qtbot)
    assert page.tabs.currentWidget() is page.skills
    assert not page.tabs.is_built(page.tabs.count() - 1)  # the talent review: not yet
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    assert page.tabs.currentWidget() is page.talent
    assert page.talent.isVisible()


def test_the_models_pass_the_model_tester(
    team: Path, make_window: MakeWindow, qtbot: Any, qtmodeltester: Any
) -> None:
    window, page = open_team_page(make_window, team, qtbot)
    qtmodeltester.check(page.skills.model)
    qtmodeltester.check(page.skills.proxy)
    qtmodeltester.check(page.skills.footer_model)
    session = window.session
    session.add_team_plan(
        "Next year", TODAY + dt.timedelta(days=200), [Goal(GoalKind.SKILL, PIPELINE, 4)]
    )
    page.tabs.setCurrentWidget(page.plan)
    qtbot.waitUntil(lambda: page.plan.model.rowCount() == 1)
    qtmodeltester.check(page.plan.model)


def test_the_matrix_shows_each_cell_and_the_footer(
    team: Path, make_window: MakeWindow, qtbot: Any
) -> None:
    _, page = open_team_page(make_window, team, qtbot)
    tab = page.skills
    assert names(page) == ["Ana", "Ben", "Cleo", "Dan"]
    pipeline, coaching = column_of(page, PIPELINE), column_of(page, COACHING)
    model = tab.model
    assert model.index(0, pipeline).data() == "3 ↑"
    assert model.index(1, coaching).data() == "3 ↓"
    assert model.index(2, pipeline).data() == "5"  # a first rating has no trend arrow
    assert model.index(3, pipeline).data() is None  # not assessed: an empty cell
    assert "Target 5 (2 to go)" in model.index(0, pipeline).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, pipeline).data(CellRole).target == 5
    # The footer: mean 4.0 over the three rated, spread 3–5, "3 of 4".
    footer = tab.footer_model
    values = [footer.index(row, pipeline).data() for row in range(len(FOOTER_ROWS))]
    assert values == ["4.0", "3–5", "3 of 4"]
    assert [footer.index(row, column_of(page, "Hiring")).data() for row in range(3)] == [
        "–",
        "–",
        "0 of 4",
    ]
    # The largest gaps: Ana's pipeline (2 to go), then Ben's coaching (1); their cells framed.
    gaps = [tab.gaps_list.item(row).text() for row in range(tab.gaps_list.count())]
    assert gaps[0].startswith("Ana\nPipeline management: 3 now, target 5")
    assert gaps[1].startswith("Ben\nCoaching reps: 3 now, target 4")
    assert model.index(0, pipeline).data(GapRole) is True
    assert model.index(2, pipeline).data(GapRole) is False


def test_sorting_by_a_skill_and_filtering_by_team_or_region(
    team: Path, make_window: MakeWindow, qtbot: Any
) -> None:
    _, page = open_team_page(make_window, team, qtbot)
    tab = page.skills
    header = tab.table.horizontalHeader()
    pipeline = column_of(page, PIPELINE)
    tab.table.sortByColumn(pipeline, Qt.SortOrder.DescendingOrder)
    assert names(page) == ["Cleo", "Ben", "Ana", "Dan"]
    tab.table.sortByColumn(pipeline, Qt.SortOrder.AscendingOrder)
    # the weakest rated first; Dan, never rated in it, last whichever way
    assert names(page) == ["Ana", "Ben", "Cleo", "Dan"]
    assert header.sortIndicatorSection() == pipeline
    entries = [tab.filter_combo.itemText(i) for i in range(tab.filter_combo.count())]
    assert entries[:3] == ["All teams", "Region: LATAM", "Region: US East"]
    assert "Team: Inside Sales LATAM" in entries
    tab.filter_combo.setCurrentText("Region: US East")
    assert sorted(names(page)) == ["Ana", "Ben"]
    assert tab.count_label.text() == "2 of 4 managers"
    # The footer and the gaps follow the filter.
    assert tab.footer_model.index(2, pipeline).data() == "2 of 2"
    assert tab.footer_model.index(0, pipeline).data() == "3.5"
    tab.filter_combo.setCurrentText("Team: Inside Sales LATAM")
    assert names(page) == ["Cleo"]
    assert tab.gaps_list.count() == 0 and tab.empty_label.isVisibleTo(tab)
    # A change elsewhere is read again, the filter kept.
    ana = next(r.id for r in roster.list_managers() if r.name == "Ana")
    page.skills.session.update_manager(ana, team="Inside Sales LATAM")
    qtbot.waitUntil(lambda: sorted(names(page)) == ["Ana", "Cleo"])
    assert tab.filter_combo.currentText() == "Team: Inside Sales LATAM"


def test_a_cell_opens_the_managers_development_tab_at_that_skill(
    team: Path, make_window: MakeWindow, qtbot: Any
) -> None:
    window, page = open_team_page(make_window, team, qtbot)
    tab = page.skills
    coaching = column_of(page, COACHING)
    index = tab.proxy.index(1, coaching)  # Ben's coaching
    tab.table.setCurrentIndex(index)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    manager_page = window.manager_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is manager_page)
    assert manager_page.name_label.text() == "Ben"
    assert manager_page.tabs.currentWidget() is manager_page.development
    development = manager_page.development
    qtbot.waitUntil(lambda: development.details.currentWidget() is development.trait_pane)
    assert development.crumb.text() == f"›  {COACHING}"
    # A cell of a skill the manager does not have opens their list of skills.
    window.show_team_picture()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    hiring = tab.proxy.index(3, column_of(page, "Hiring"))
    tab.table.doubleClicked.emit(hiring)
    qtbot.waitUntil(lambda: manager_page.name_label.text() == "Dan")
    assert manager_page.tabs.currentWidget() is manager_page.development


def test_a_plan_is_written_shown_then_and_today_and_undone(
    team: Path, make_window: MakeWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = open_team_page(make_window, team, qtbot)
    page.tabs.setCurrentWidget(page.plan)
    tab = page.plan
    qtbot.waitUntil(lambda: not tab.refresher.stale)
    assert tab.empty_label.isVisibleTo(tab) and not tab.edit_button.isEnabled()

    def fill(editor: PlanEditor, save: Any) -> Any:
        qtbot.addWidget(editor)
        editor.title_edit.setText("")
        first = editor.rows[0]
        first.what.setCurrentText(PIPELINE)
        first.level.setValue(4)
        second = editor.add_goal()
        second.what.setCurrentText(f"Rhythm: {Rhythm.ONE_ON_ONES.label}")
        second.level.setValue(2)
        second.who.setCurrentIndex(1)
        second.count.setValue(2)
        with pytest.raises(CoachJournalError) as refused:
            save(*editor.values())
        editor.show_error(str(refused.value))  # as edit_plan does, the dialog staying open
        assert "Give the plan a title" in editor.error_label.text()
        editor.title_edit.setText("Ready for next year")
        return save(*editor.values())

    monkeypatch.setattr(plan_ui, "edit_plan", fill)
    tab.new_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert tab.title_label.text() == "Ready for next year"
    goal = tab.model.index(0, plan_ui.GOAL).data()
    assert goal == "Every manager at 4 or above in Pipeline management"
    # Today Ben and Cleo are at 4 or above; on the day it was made (today), the same.
    assert tab.model.index(0, plan_ui.NOW).data() == "2 of 4 (asked: all)"
    assert tab.model.index(0, plan_ui.FURTHEST).data() == "Ana (3), Dan (not rated)"
    assert tab.model.index(1, plan_ui.NOW).data() == "0 of 4 (asked: 2)"
    qtbot.waitUntil(lambda: tab.chart.data is not None)
    assert tab.chart.figure is not None and len(tab.chart.figure.axes) == 1
    (plan,) = team_plan.list_plans()
    assert plan.goals[1] == Goal(GoalKind.RHYTHM, Rhythm.ONE_ON_ONES.value, 2.0, 2)
    # Edit ▸ Undo takes the plan back, and the tab follows.
    assert window.session.undo_text == "Add Team Plan"
    window.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: tab.empty_label.isVisibleTo(tab))
    assert team_plan.list_plans() == []


def test_deleting_a_plan_asks_first_and_can_be_undone(
    team: Path, make_window: MakeWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = open_team_page(make_window, team, qtbot)
    window.session.add_team_plan(
        "Next year", TODAY + dt.timedelta(days=100), [Goal(GoalKind.SKILL, COACHING, 3)]
    )
    page.tabs.setCurrentWidget(page.plan)
    tab = page.plan
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    asked: list[str] = []
    monkeypatch.setattr(
        plan_ui.dialogs, "confirm", lambda _parent, _title, question, *_: asked.append(question)
    )
    tab.delete_button.click()
    assert asked == ["Delete the team plan “Next year”?"] and len(team_plan.list_plans()) == 1
    monkeypatch.setattr(plan_ui.dialogs, "confirm", lambda *_: True)
    tab.delete_button.click()
    qtbot.waitUntil(lambda: tab.empty_label.isVisibleTo(tab))
    window.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.title_label.text() == "Next year"


def test_the_team_picture_action_is_in_the_view_menu(
    team: Path, make_window: MakeWindow, qtbot: Any
) -> None:
    window = make_window(team)
    action = window.team_picture_action
    assert action.shortcut() == QKeySequence("Ctrl+4")
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.team_page)
    assert action.isChecked() and not window.team_action.isChecked()


def test_the_editor_shows_a_plan_as_it_is_stored(team: Path, qtbot: Any) -> None:
    goals = [
        Goal(GoalKind.SKILL, "Negotiating with procurement", 3.0, 2),
        Goal(GoalKind.RHYTHM, Rhythm.TEAM_MEETINGS.value, 1.5),
    ]
    db.open_journal(team)
    try:
        plan = team_plan.create_plan("Plan", TODAY + dt.timedelta(days=30), goals, note="Why")
        editor = PlanEditor([PIPELINE, COACHING], plan, None)
        qtbot.addWidget(editor)
        assert [row.goal() for row in editor.rows] == goals
        assert editor.rows[1].what.currentText() == f"Rhythm: {Rhythm.TEAM_MEETINGS.label}"
        assert not editor.rows[1].count.isEnabled() and editor.rows[0].count.isEnabled()
        assert editor.values() == ("Plan", plan.target_date, goals, "Why")
    finally:
        db.close_journal()
