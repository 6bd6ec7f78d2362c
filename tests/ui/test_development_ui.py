"""The Development tab driven as a user would: add and re-rate a skill, drag a motivator up,
move an assignment through its statuses, undo, link evidence from both sides, the team's
assignments, and all of it still there after the journal is closed and opened again."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import QApplication, QListView

from coachjournal.coaching import development, roster, touchpoints
from coachjournal.coaching.development import AssignmentView, Confirmation, RatingTrend
from coachjournal.kinds import AssignmentStatus, TraitKind
from coachjournal.storage import db
from coachjournal.storage.models import Motivator
from tests.ui.conftest import type_text
from ui.development import dialogs as development_dialogs
from ui.development.dialogs import TouchpointPicker
from ui.development.evidence import TouchpointTraits
from ui.development.models import (
    AssignmentColumn,
    AssignmentFilter,
    AssignmentModel,
    IdRole,
    RatingHistoryModel,
    RecordRole,
    TouchpointListModel,
)
from ui.development.tab import DevelopmentTab
from ui.development.team_assignments import TeamAssignmentsPage
from ui.development.text import warning_colour
from ui.manager.page import ManagerPage
from ui.session import JournalSession

TODAY = dt.date.today()
ROOT = Path(__file__).resolve().parents[2]
MakePage = Callable[[Path], ManagerPage]


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A journal with one manager and two touchpoints with her."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    noor = roster.create_manager("Noor Haddad", title="Regional Sales Manager")
    for days, kind, summary in ((20, "field_visit", "Visit at Acme"), (6, "one_on_one", "1:1")):
        moment = dt.datetime.combine(days_ago(days), dt.time(10))
        touchpoints.create_touchpoint(noor.id, moment, kind, summary=summary)
    db.close_journal()
    return path


@pytest.fixture
def make_page(qtbot) -> Iterator[MakePage]:
    """A shown manager page on a journal, on its Development tab, with the first manager."""
    sessions: list[JournalSession] = []

    def make(path: Path) -> ManagerPage:
        session = JournalSession(path)
        sessions.append(session)
        page = ManagerPage(session)
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        qtbot.waitExposed(page)
        page.show_manager(roster.list_managers()[0].id)
        page.tabs.setCurrentWidget(page.development)
        with qtbot.waitActive(page):
            page.activateWindow()
        return page

    yield make
    for session in sessions:
        session.close()


def manager_id(page: ManagerPage) -> int:
    assert page.manager_id is not None
    return page.manager_id


def add_trait(tab: DevelopmentTab, qtbot, kind: TraitKind, skill: str, detail: str = "") -> int:
    tab.new_trait(kind)
    form = tab.new_trait_form
    form.skill.setCurrentIndex(form.skill.findText(skill))
    type_text(form.detail, detail)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert tab.details.currentWidget() is tab.trait_pane
    assert tab.trait_pane.record is not None
    return tab.trait_pane.record.id


def rate(tab: DevelopmentTab, qtbot, rating: int, on: dt.date, note: str = "") -> None:
    pane = tab.trait_pane
    pane.rating.buttons[rating].click()
    pane.rated_on.set_value(on)
    type_text(pane.rating_note, note)
    qtbot.mouseClick(pane.rate_button, Qt.MouseButton.LeftButton)


def add_motivator(tab: DevelopmentTab, name: str) -> None:
    tab.motivator_input.setEditText(name)
    tab.add_motivator_button.click()


def plan_assignment(
    tab: DevelopmentTab, qtbot, title: str, skill: str, assigned: dt.date, due: dt.date
) -> int:
    tab.add_assignment_button.click()
    form = tab.new_assignment_form
    type_text(form.title_edit, title)
    form.develops.setCurrentIndex(form.develops.findText(skill))
    form.assigned.set_value(assigned, notify=True)
    form.due.set_value(due, notify=True)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert tab.details.currentWidget() is tab.assignment_pane
    assert tab.assignment_pane.record is not None
    return tab.assignment_pane.record.id


def drag(view: QListView, source_row: int, onto_row: int) -> None:
    """Drag a row and drop it on the upper edge of another, with real drag events."""
    model = view.model()
    data = model.mimeData([model.index(source_row, 0)])
    target = view.visualRect(model.index(onto_row, 0))
    point = QPoint(target.center().x(), target.top() + 2)
    move, no_key = Qt.DropAction.MoveAction, Qt.KeyboardModifier.NoModifier
    left = Qt.MouseButton.LeftButton
    for event in (
        QDragEnterEvent(point, move, data, left, no_key),
        QDragMoveEvent(point, move, data, left, no_key),
        QDropEvent(QPointF(point), move, data, left, no_key),
    ):
        QApplication.sendEvent(view.viewport(), event)
        assert event.isAccepted()


# --- Skills -----------------------------------------------------------------------------------


def test_add_a_skill_and_rate_it_again(make_page: MakePage, team: Path, qtbot) -> None:
    page = make_page(team)
    tab = page.development
    assert tab.trait_section.stack.currentWidget() is tab.trait_section.empty
    trait_id = add_trait(tab, qtbot, TraitKind.DEVELOPMENT, "Forecasting", "Commits low")
    pane = tab.trait_pane
    assert pane.skill_edit.text() == "Forecasting"
    assert pane.history_model.rowCount() == 0
    assert pane.chart.history is not None and pane.chart.history.is_empty

    rate(tab, qtbot, 2, days_ago(60), "Sandbagging again")
    rate(tab, qtbot, 3, TODAY, "Called it within 4%")
    record = development.get_trait(trait_id)
    assert [(p.rating, p.rated_on, p.note) for p in record.ratings] == [
        (2, days_ago(60), "Sandbagging again"),
        (3, TODAY, "Called it within 4%"),
    ]
    assert [
        pane.history_model.index(row, column).data() for row in range(2) for column in (1, 2)
    ] == ["3 of 5", "+1", "2 of 5", "first"]
    axes = pane.chart.canvas.figure.axes[0]
    assert list(axes.get_lines()[0].get_ydata()) == [2, 3, 3]
    assert "3 now" not in [text.get_text() for text in axes.texts]

    (row,) = range(tab.traits.rowCount())
    listed = tab.traits.index(row).data(RecordRole)
    assert (listed.rating, listed.trend) == (3, RatingTrend.UP)
    assert "rated 3 of 5" in tab.traits.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "up from 2" in tab.traits.index(row).data(Qt.ItemDataRole.AccessibleTextRole)

    pane.target_rating.setCurrentIndex(pane.target_rating.findData(4))
    pane.target_date.set_value(TODAY + dt.timedelta(days=90), notify=True)
    pane.flush()
    assert development.get_trait(trait_id).target_rating == 4
    (target,) = pane.chart.canvas.figure.axes[0].texts
    assert target.get_text().startswith("Target 4 by ")


def test_refused_values_show_their_message_beside_the_field(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    trait_id = add_trait(tab, qtbot, TraitKind.STRENGTH, "Hiring")
    pane = tab.trait_pane
    pane.target_date.set_value(days_ago(3), notify=True)
    pane.flush()
    assert not pane.errors["target_date"].isHidden()
    assert "has passed" in pane.errors["target_date"].text()
    assert development.get_trait(trait_id).target_date is None

    tab.new_trait(TraitKind.DEVELOPMENT)
    form = tab.new_trait_form
    form.skill.setEditText("hiring")
    form.add()
    assert form.errors["skill"].text() == "“Hiring” is already listed as a strength: rate it there."
    assert len(development.list_traits(manager_id(page))) == 1

    tab.add_assignment_button.click()
    plan = tab.new_assignment_form
    type_text(plan.title_edit, "Shadow the CFO")
    plan.assigned.set_value(TODAY, notify=True)
    plan.due.set_value(days_ago(1), notify=True)
    plan.add()
    assert plan.errors["due_on"].text().startswith("The due date (")
    assert "is before the assigned date" in plan.errors["due_on"].text()
    assert development.list_assignments(manager_id(page)) == []


def test_a_development_area_becomes_a_strength_and_back_with_undo(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    trait_id = add_trait(tab, qtbot, TraitKind.DEVELOPMENT, "Deal strategy")
    rate(tab, qtbot, 2, days_ago(9))
    qtbot.mouseClick(tab.trait_pane.switch_button, Qt.MouseButton.LeftButton)
    assert development.get_trait(trait_id).kind is TraitKind.STRENGTH
    assert tab.trait_pane.kind_label.text() == "STRENGTH"
    assert len(development.get_trait(trait_id).ratings) == 1
    assert tab.undo_action.text() == "Undo make “Deal strategy” a strength"
    tab.trait_pane.skill_edit.setFocus()
    tab.undo_action.trigger()
    assert development.get_trait(trait_id).kind is TraitKind.DEVELOPMENT
    assert tab.trait_pane.switch_button.text() == "Now a strength"


def test_deleting_a_skill_is_undone_with_its_history_and_links(
    make_page: MakePage, team: Path, qtbot, monkeypatch
) -> None:
    page = make_page(team)
    tab = page.development
    trait_id = add_trait(tab, qtbot, TraitKind.DEVELOPMENT, "Coaching reps")
    rate(tab, qtbot, 2, days_ago(30))
    rate(tab, qtbot, 3, TODAY)
    visit = touchpoints.timeline_page(manager_id(page))[-1].id
    monkeypatch.setattr(development_dialogs, "pick_touchpoint", lambda *args: visit)
    qtbot.mouseClick(tab.trait_pane.link_button, Qt.MouseButton.LeftButton)
    assignment_id = plan_assignment(
        tab, qtbot, "Coach Sam through a cycle", "Coaching reps", days_ago(5), TODAY
    )
    before = development.get_trait(trait_id)

    tab.show_overview()
    tab.reveal("trait", trait_id)
    assert tab.trait_view.hasFocus()
    qtbot.keyClick(tab.trait_view, Qt.Key.Key_Return)
    assert tab.pages.currentWidget() is tab.details_scroll
    assert tab.crumb.text() == "›  Coaching reps"
    qtbot.keyClick(tab.trait_pane.skill_edit, Qt.Key.Key_Escape)
    assert tab.pages.currentWidget() is tab.overview
    assert tab.trait_view.hasFocus(), "back on the list, on the same row"
    qtbot.keyClick(tab.trait_view, Qt.Key.Key_Delete)
    assert development.list_traits(manager_id(page)) == []
    assert development.get_assignment(assignment_id).trait_id is None
    assert tab.trait_section.stack.currentWidget() is tab.trait_section.empty
    assert tab.undo_action.text() == "Undo delete “Coaching reps”"
    tab.undo_action.trigger()  # the keys are the window's: see test_undo_ui
    assert development.get_trait(trait_id) == before
    assert [t.id for t in development.evidence_of(trait_id)] == [visit]
    assert development.get_assignment(assignment_id).trait_id == trait_id
    assert tab.traits.row_of(trait_id) == 0
    assert tab.trait_view.currentIndex().data(IdRole) == trait_id
    tab.redo_action.trigger()
    assert development.list_traits(manager_id(page)) == []


# --- Motivators -------------------------------------------------------------------------------


def motivator_names(page: ManagerPage) -> list[str]:
    return [m.name for m in development.list_motivators(manager_id(page))]


def test_drag_a_motivator_up_and_rank_with_the_keyboard(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    for name in ("Recognition", "Autonomy", "Mastery and learning"):
        add_motivator(tab, name)
    assert motivator_names(page) == ["Recognition", "Autonomy", "Mastery and learning"]
    assert tab.motivator_input.findText("Recognition") == -1, "offers only what is not listed"

    drag(tab.motivator_view, 2, 0)
    assert motivator_names(page) == ["Mastery and learning", "Recognition", "Autonomy"]
    assert [tab.motivators.index(r).data() for r in range(3)] == motivator_names(page)
    assert tab.undo_action.text() == "Undo rank the motivators"

    tab.motivator_view.setFocus()
    tab.motivator_view.setCurrentIndex(tab.motivators.index(2))
    qtbot.keyClick(tab.motivator_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert motivator_names(page) == ["Mastery and learning", "Autonomy", "Recognition"]
    assert tab.motivator_view.currentIndex().row() == 1, "the moved row stays selected"

    tab.undo_action.trigger()
    assert motivator_names(page) == ["Mastery and learning", "Recognition", "Autonomy"]
    tab.undo_action.trigger()
    assert motivator_names(page) == ["Recognition", "Autonomy", "Mastery and learning"]
    tab.redo_action.trigger()
    assert motivator_names(page) == ["Mastery and learning", "Recognition", "Autonomy"]


def test_a_stale_motivator_is_flagged_in_words_and_confirmed(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    add_motivator(tab, "Security")
    (record,) = development.list_motivators(manager_id(page))
    tab.open_record("motivator", record.id)
    pane = tab.motivator_pane
    # just added: "not confirmed yet", neutral, no warning
    assert pane.flag.isHidden()
    tooltip = tab.motivators.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Not confirmed yet" in tooltip
    assert "to confirm" not in tab.motivator_section.count.text()
    # a month after it was added, still never confirmed: flagged
    month_ago = dt.datetime.combine(days_ago(40), dt.time(12))
    Motivator.update(created_at=month_ago).where(Motivator.id == record.id).execute()
    pane.refresh()
    assert pane.flag.isVisible()
    assert pane.flag_text.text().startswith("Never confirmed")
    pane.confirmed_edit.set_value(days_ago(200), notify=True)
    pane.flush()
    assert not pane.flag.isHidden()
    assert pane.flag_text.text().startswith("Stale: last confirmed")
    tooltip = tab.motivators.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Stale: last confirmed" in tooltip
    qtbot.mouseClick(pane.confirm_button, Qt.MouseButton.LeftButton)
    assert development.get_motivator(record.id).confirmed_on == TODAY
    assert pane.flag.isHidden()

    qtbot.mouseClick(pane.delete_button, Qt.MouseButton.LeftButton)
    assert motivator_names(page) == []
    assert tab.pages.currentWidget() is tab.overview
    tab.undo_action.trigger()
    assert motivator_names(page) == ["Security"]


# --- Assignments ------------------------------------------------------------------------------


def test_an_assignment_moves_through_its_statuses_with_undo(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    add_trait(tab, qtbot, TraitKind.DEVELOPMENT, "Forecasting")
    assignment_id = plan_assignment(
        tab, qtbot, "Land the forecast", "Forecasting", days_ago(40), days_ago(-20)
    )
    pane = tab.assignment_pane

    def status() -> AssignmentStatus:
        return development.get_assignment(assignment_id).status

    assert status() is AssignmentStatus.PLANNED
    assert development.get_assignment(assignment_id).trait_id is not None
    assert pane.start_button.isVisible() and not pane.done_button.isVisible()
    qtbot.mouseClick(pane.start_button, Qt.MouseButton.LeftButton)
    assert status() is AssignmentStatus.ACTIVE
    assert pane.done_button.isVisible() and not pane.start_button.isVisible()

    pane.done_on.line.setText("yesterday")
    qtbot.mouseClick(pane.done_button, Qt.MouseButton.LeftButton)
    done = development.get_assignment(assignment_id)
    assert (done.status, done.completed_on) == (AssignmentStatus.DONE, days_ago(1))
    assert pane.reopen_button.isVisible() and pane.completed_box.isVisible()
    assert "DONE" in pane.state_label.text()

    pane.title_edit.setFocus()
    qtbot.keyClick(pane.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status() is AssignmentStatus.DONE, "Ctrl+Z in a text field undoes the typing"
    tab.undo_action.trigger()
    assert (status(), development.get_assignment(assignment_id).completed_on) == (
        AssignmentStatus.ACTIVE,
        None,
    )
    tab.redo_action.trigger()
    assert status() is AssignmentStatus.DONE

    qtbot.mouseClick(pane.reopen_button, Qt.MouseButton.LeftButton)
    assert status() is AssignmentStatus.ACTIVE
    qtbot.mouseClick(pane.drop_button, Qt.MouseButton.LeftButton)
    assert status() is AssignmentStatus.DROPPED
    type_text(pane.outcome, "The quarter was restructured")
    pane.outcome_rating.setCurrentIndex(pane.outcome_rating.findData(2))
    pane.flush()
    saved = development.get_assignment(assignment_id)
    assert (saved.outcome, saved.outcome_rating) == ("The quarter was restructured", 2)
    assert tab.undo_action.text() == "Undo Edit Assignment"
    tab.undo_action.trigger()
    undone = development.get_assignment(assignment_id)
    assert (undone.outcome, undone.outcome_rating, undone.status) == (
        "",
        None,
        AssignmentStatus.DROPPED,
    )
    assert pane.outcome.toPlainText() == "", "the open page shows what Undo put back"
    assert tab.undo_action.text() == "Undo drop “Land the forecast”"


def test_an_assignment_lists_the_touchpoints_that_worked_on_it(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    assignment_id = plan_assignment(tab, qtbot, "Run the QBR", "Hiring", days_ago(30), TODAY)
    one_on_one = touchpoints.timeline_page(manager_id(page))[0].id
    page.session.update_touchpoint(one_on_one, assignment_id=assignment_id)
    pane = tab.assignment_pane
    assert pane.touchpoints_model.rowCount() == 1
    assert pane.touchpoints_title.text() == "Touchpoints that worked on it (1)"
    pane.touchpoints_view.activated.emit(pane.touchpoints_model.index(0))
    assert page.tabs.currentWidget() is page.journal
    assert page.journal.reader.touchpoint_id == one_on_one
    assert one_on_one not in page.journal.dialogs, "read, not opened for editing"


# --- Evidence, both sides ---------------------------------------------------------------------


def test_evidence_is_linked_and_seen_from_both_sides(
    make_page: MakePage, team: Path, qtbot, monkeypatch
) -> None:
    page = make_page(team)
    tab = page.development
    trait_id = add_trait(tab, qtbot, TraitKind.STRENGTH, "Customer relationships")
    pane = tab.trait_pane
    assert pane.evidence_empty.isVisible()
    visit = touchpoints.timeline_page(manager_id(page))[-1].id
    monkeypatch.setattr(development_dialogs, "pick_touchpoint", lambda *args: visit)
    qtbot.mouseClick(pane.link_button, Qt.MouseButton.LeftButton)
    assert pane.evidence_title.text() == "Where it showed (1)"
    assert "Field visit · Visit at Acme" in pane.evidence_model.index(0).data()
    pane.evidence_view.activated.emit(pane.evidence_model.index(0))
    assert (page.tabs.currentWidget(), page.journal.reader.touchpoint_id) == (page.journal, visit)
    page.tabs.setCurrentWidget(tab)  # back to the skill

    other_side = TouchpointTraits(page.session)
    qtbot.addWidget(other_side)
    other_side.show_touchpoint(visit)
    assert [other_side.model.index(r).data() for r in range(other_side.model.rowCount())] == [
        "Customer relationships"
    ]
    other_side.view.setCurrentIndex(other_side.model.index(0))
    other_side.unlink()
    assert development.evidence_of(trait_id) == []
    assert pane.evidence_empty.isVisible(), "the trait's page follows"
    other_side.choice.setCurrentIndex(other_side.choice.findData(trait_id))
    other_side.link()
    assert [t.id for t in development.evidence_of(trait_id)] == [visit]
    assert pane.evidence_model.rowCount() == 1

    pane.evidence_view.setFocus()
    pane.evidence_view.setCurrentIndex(pane.evidence_model.index(0))
    qtbot.keyClick(pane.evidence_view, Qt.Key.Key_Delete)
    assert development.evidence_of(trait_id) == []
    assert other_side.model.rowCount() == 0
    tab.undo_action.trigger()
    assert other_side.model.rowCount() == 1

    unsaved = TouchpointTraits(page.session)
    qtbot.addWidget(unsaved)
    assert unsaved.message.text().startswith("Log the touchpoint first")
    assert not unsaved.link_button.isEnabled()


def test_the_touchpoint_picker_returns_the_chosen_touchpoint(team: Path, qtbot) -> None:
    db.open_journal(team)
    try:
        (noor,) = roster.list_managers()
        picker = TouchpointPicker(noor.id, "Hiring")
        qtbot.addWidget(picker)
        rows = touchpoints.timeline_page(noor.id)
        assert picker.chosen() == rows[0].id
        picker.table.selectRow(1)
        assert picker.chosen() == rows[1].id
        assert picker.windowTitle() == "Where did “Hiring” show?"
        nobody = roster.create_manager("New Person")
        empty = TouchpointPicker(nobody.id, "Hiring")
        qtbot.addWidget(empty)
        assert empty.chosen() is None and not empty.ok_button.isEnabled()
    finally:
        db.close_journal()


# --- The team's assignments and the acceptance check ------------------------------------------


def fill_profile(page: ManagerPage, qtbot) -> tuple[int, int]:
    """A skill rated twice, three ranked motivators (one stale), an overdue assignment: all
    through the widgets."""
    tab = page.development
    trait_id = add_trait(tab, qtbot, TraitKind.DEVELOPMENT, "Pipeline management", "Thin")
    rate(tab, qtbot, 2, days_ago(120))
    rate(tab, qtbot, 3, days_ago(10))
    for name in ("Autonomy", "Recognition", "Security"):
        add_motivator(tab, name)
    drag(tab.motivator_view, 2, 0)
    for row, confirmed in ((0, days_ago(14)), (1, days_ago(250)), (2, days_ago(30))):
        tab.open_record("motivator", int(tab.motivators.index(row).data(IdRole)))
        tab.motivator_pane.confirmed_edit.set_value(confirmed, notify=True)
        tab.motivator_pane.flush()
    assignment_id = plan_assignment(
        tab,
        qtbot,
        "Run a pipeline-generation week",
        "Pipeline management",
        days_ago(60),
        days_ago(9),
    )
    qtbot.mouseClick(tab.assignment_pane.start_button, Qt.MouseButton.LeftButton)
    tab.show_overview()
    return trait_id, assignment_id


def test_a_filled_profile_shows_everything_and_survives_a_restart(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    trait_id, assignment_id = fill_profile(page, qtbot)
    team_page = TeamAssignmentsPage(page.session)
    qtbot.addWidget(team_page)
    team_page.show()
    page.flush()
    page.session.close()
    page.close()

    reopened = make_page(team)
    tab = reopened.development
    assert tab.summary.text() == (
        "1 of 1 rated skills grew at their last rating · 1 motivator to confirm · "
        "1 assignment overdue"
    )
    tab.open_record("trait", trait_id)
    history = tab.trait_pane.history_model
    assert [history.index(r, 0).data() for r in range(history.rowCount())] == [
        f"{days_ago(10).day} {days_ago(10):%b %Y}",
        f"{days_ago(120).day} {days_ago(120):%b %Y}",
    ]
    assert list(tab.trait_pane.chart.canvas.figure.axes[0].get_lines()[0].get_ydata()) == [
        2,
        3,
        3,
    ]
    motivators = [tab.motivators.index(r).data(RecordRole) for r in range(3)]
    assert [(m.rank, m.name) for m in motivators] == [
        (1, "Security"),
        (2, "Autonomy"),
        (3, "Recognition"),
    ]
    assert [m.confirmation(TODAY) for m in motivators] == [
        Confirmation.CONFIRMED,
        Confirmation.STALE,
        Confirmation.CONFIRMED,
    ]
    assert "Stale" in tab.motivators.index(1).data(Qt.ItemDataRole.ToolTipRole)

    team_page = TeamAssignmentsPage(reopened.session)
    qtbot.addWidget(team_page)
    team_page.resize(1100, 600)
    team_page.show()
    team_page.set_view(AssignmentView.OVERDUE)
    assert team_page.view_text(AssignmentView.OVERDUE) == "Overdue (1)"
    assert team_page.proxy.rowCount() == 1
    due = team_page.proxy.index(0, AssignmentColumn.DUE)
    assert due.data().endswith("· 9 days overdue")
    assert due.data(Qt.ItemDataRole.DecorationRole) is not None
    assert due.data(Qt.ItemDataRole.ForegroundRole) == warning_colour(QApplication.palette())
    font = team_page.proxy.index(0, AssignmentColumn.TITLE).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert team_page.proxy.index(0, AssignmentColumn.MANAGER).data() == "Noor Haddad"
    with qtbot.waitSignal(team_page.assignment_opened) as opened:
        team_page.table.activated.emit(team_page.proxy.index(0, 0))
    assert opened.args == [manager_id(reopened), assignment_id]
    reopened.open_assignment(assignment_id)
    assert tab.details.currentWidget() is tab.assignment_pane
    assert tab.assignment_pane.title_edit.text() == "Run a pipeline-generation week"


def test_the_team_view_filters_sorts_and_says_when_nothing_matches(
    make_page: MakePage, team: Path, qtbot, qtmodeltester
) -> None:
    page = make_page(team)
    tab = page.development
    for title, due in (("Beta", 30), ("Alpha", -5), ("Gamma", 10)):
        plan_assignment(tab, qtbot, title, "Hiring", days_ago(40), days_ago(-due))
    team_page = TeamAssignmentsPage(page.session)
    qtbot.addWidget(team_page)
    team_page.show()
    proxy = team_page.proxy
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Alpha", "Gamma", "Beta"]
    team_page.table.sortByColumn(AssignmentColumn.TITLE, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Gamma", "Beta", "Alpha"]
    team_page.filter_edit.setText("alp")
    assert proxy.rowCount() == 1
    team_page.filter_edit.setText("zzz")
    assert team_page.stack.currentWidget() is team_page.empty
    assert team_page.empty.text() == "No assignment matches “zzz” here."
    team_page.filter_edit.clear()
    team_page.set_view(AssignmentView.FINISHED_THIS_QUARTER)
    assert team_page.empty.text() == "No assignment was finished this quarter yet."
    assert team_page.view_text(AssignmentView.PLANNED) == "Planned (3)"
    qtmodeltester.check(proxy)
    qtmodeltester.check(team_page.model)
    page.session.update_manager(manager_id(page), name="Noor H.")
    team_page.set_view(AssignmentView.ALL)
    assert proxy.index(0, AssignmentColumn.MANAGER).data() == "Noor H."


# --- Empty states, models, start-up -----------------------------------------------------------


def test_an_empty_profile_says_what_to_do(make_page: MakePage, team: Path) -> None:
    page = make_page(team)
    tab = page.development
    for section in (tab.trait_section, tab.motivator_section, tab.assignment_section):
        assert section.stack.currentWidget() is section.empty
        assert len(section.hint.text()) > 60
    assert tab.summary.text().startswith("Start with the end in mind: where should Noor be")
    assert not tab.undo_action.isEnabled()


def test_every_model_passes_the_model_tester(
    make_page: MakePage, team: Path, qtbot, qtmodeltester
) -> None:
    page = make_page(team)
    fill_profile(page, qtbot)
    tab = page.development
    for model in (tab.traits, tab.motivators, tab.assignments):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    history = RatingHistoryModel()
    history.load(development.list_traits(manager_id(page))[0].ratings)
    qtmodeltester.check(history)
    touchpoints = TouchpointListModel()
    touchpoints.load_records(development.assignment_touchpoints(1))
    qtmodeltester.check(touchpoints)
    table = AssignmentModel()
    table.load(development.team_assignments())
    proxy = AssignmentFilter()
    proxy.setSourceModel(table)
    qtmodeltester.check(proxy)


def test_the_undo_history_is_the_journals_not_the_managers(
    make_page: MakePage, team: Path, qtbot
) -> None:
    page = make_page(team)
    tab = page.development
    add_motivator(tab, "Autonomy")
    add_motivator(tab, "Security")
    tab.motivator_view.setCurrentIndex(tab.motivators.index(0))
    tab.move_motivator(1)
    assert tab.undo_action.text() == "Undo rank the motivators"
    first = manager_id(page)
    other = page.session.add_manager("Ben Okafor")
    page.show_manager(other.id)
    assert tab.motivators.rowCount() == 0
    assert tab.undo_action.text() == "Undo Add Manager"
    tab.undo_action.trigger()
    assert [m.id for m in roster.list_managers()] == [first]
    assert tab.undo_action.text() == "Undo rank the motivators"
    page.show_manager(first)
    tab.undo_action.trigger()
    assert motivator_names(page) == ["Autonomy", "Security"]
    assert [tab.motivators.index(r).data() for r in range(2)] == ["Autonomy", "Security"]


def test_the_chart_imports_matplotlib_only_when_a_skill_is_opened(team: Path) -> None:
    code = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from coachjournal.coaching import development, roster
        from coachjournal.storage import db
        db.open_journal(Path({str(team)!r}))
        manager = roster.list_managers()[0]
        trait = development.add_trait(manager.id, "development", "Hiring", rating=2)
        db.close_journal()
        from ui.app import create_application
        from ui.manager.page import ManagerPage
        from ui.session import JournalSession
        app = create_application()
        session = JournalSession(Path({str(team)!r}))
        page = ManagerPage(session)
        page.show()
        page.show_manager(manager.id)
        page.tabs.setCurrentWidget(page.development)
        app.processEvents()
        loaded = [m for m in sys.modules if m.startswith("matplotlib")]
        assert not loaded, loaded[:5]
        page.development.open_record("trait", trait.id)
        app.processEvents()
        assert "matplotlib.backends.backend_qtagg" in sys.modules
        assert "matplotlib.pyplot" not in sys.modules
        session.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
