"""Undo anything: every write a click can make is undone and redone through the session, the
journal's rows compared each way; the Edit menu, the notice and the Done section driven as a
user would."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from coachjournal import sample
from coachjournal.coaching import development, prep, questions, results, roster, touchpoints
from coachjournal.coaching.results import Figure, ResultSettings
from coachjournal.coaching.team import talent
from coachjournal.coaching.touchpoints import NewActionItem
from coachjournal.kinds import (
    ActionStatus,
    AssignmentStatus,
    Owner,
    ResultPeriod,
    ReviewPeriod,
    TouchpointKind,
    TraitKind,
)
from tests.core.builders import table_rows
from tests.ui.conftest import MakeWindow, type_text
from ui.journal.editor import TouchpointDialog
from ui.main_window import MainWindow
from ui.session import JournalSession

Rows = dict[str, list[tuple[object, ...]]]


def rows(path: Path) -> Rows:
    """Every row of every base table (the full-text indexes' pages differ in bytes after a
    delete and a re-insert; tests/core/test_undo.py checks they still agree with the rows)."""
    return {table: found for table, found in table_rows(path).items() if "_fts" not in table}


@pytest.fixture(scope="module")
def sample_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("undo") / "sample.db"
    sample.create_sample_journal(path, managers=3, years=0.5)
    return path


@pytest.fixture
def session(sample_team: Path, tmp_path: Path) -> Iterator[JournalSession]:
    path = tmp_path / "journal.db"
    shutil.copyfile(sample_team, path)
    opened = JournalSession(path)
    yield opened
    opened.close()


def first_manager() -> int:
    return roster.list_managers()[0].id


def a_touchpoint() -> int:
    return touchpoints.timeline_page(first_manager())[0].id


def an_item() -> touchpoints.ActionItemRecord:
    return touchpoints.open_action_items(first_manager())[0]


def a_trait() -> development.TraitRecord:
    return next(t for t in development.list_traits(first_manager()) if t.ratings)


def a_motivator_list() -> list[int]:
    return [m.id for m in development.list_motivators(first_manager())]


def an_assignment() -> development.AssignmentRecord:
    return development.list_assignments(first_manager())[0]


def trashed(session: JournalSession) -> int:
    touchpoint_id = a_touchpoint()
    session.trash_touchpoint(touchpoint_id)
    return touchpoint_id


def nothing(session: JournalSession) -> None:
    return None


def a_review(session: JournalSession) -> talent.PlacementRecord:
    """A review with the first manager placed (written outside any step, as a setup)."""
    review = talent.add_review("Q4 2026 review", dt.date(2026, 11, 20))
    return talent.place(review.id, first_manager(), 2, 2)


Case = tuple[str, Callable[[JournalSession], Any], Callable[[JournalSession, Any], object]]

#: (the Edit menu's name, what to set up first, the write under test).
CASES: list[Case] = [
    ("Add Manager", nothing, lambda s, _: s.add_manager("Ines Duarte")),
    ("Edit Profile", nothing, lambda s, _: s.update_manager(first_manager(), notes="New notes")),
    ("Archive Manager", nothing, lambda s, _: s.set_archived(first_manager(), True)),
    ("Delete Manager", nothing, lambda s, _: s.delete_manager(first_manager())),
    (
        "Log Touchpoint",
        nothing,
        lambda s, _: s.log_touchpoint(
            first_manager(),
            dt.datetime(2026, 12, 1, 9),
            TouchpointKind.ONE_ON_ONE,
            [NewActionItem("Send the deck", Owner.THEM, dt.date(2026, 12, 4), False)],
            None,
            summary="Pipeline",
            notes="Henderson renewal",
        ),
    ),
    ("Edit Touchpoint", nothing, lambda s, _: s.update_touchpoint(a_touchpoint(), notes="Redo")),
    ("Move to Trash", nothing, lambda s, _: s.trash_touchpoint(a_touchpoint())),
    ("Restore from Trash", trashed, lambda s, tid: s.restore_touchpoint(tid)),
    ("Delete Forever", trashed, lambda s, tid: s.delete_forever([tid])),
    ("Empty Trash", trashed, lambda s, _: s.empty_trash()),
    (
        "Add Action Item",
        nothing,
        lambda s, _: s.add_action_item(first_manager(), "Call Ines", Owner.ME, None, None),
    ),
    (
        "Edit Action Item",
        nothing,
        lambda s, _: s.update_action_item(an_item().id, "Reworded", Owner.ME, None),
    ),
    ("Mark Done", nothing, lambda s, _: s.set_action_status(an_item().id, ActionStatus.DONE)),
    ("Delete Action Item", nothing, lambda s, _: s.delete_action_item(an_item().id)),
    (
        "Edit Cadence",
        nothing,
        lambda s, _: s.set_cadence(first_manager(), TouchpointKind.ONE_ON_ONE, 5, 9),
    ),
    (
        "Edit Cadence",
        nothing,
        lambda s, _: s.set_cadence(None, TouchpointKind.FIELD_VISIT, 20, 40),
    ),
    (
        "Edit What Counts as a One-on-One",
        nothing,
        lambda s, _: s.set_counts_as_one_on_one(
            {TouchpointKind.ONE_ON_ONE, TouchpointKind.CALL_REVIEW}
        ),
    ),
    (
        "Add Skill",
        nothing,
        lambda s, _: s.add_trait(first_manager(), TraitKind.STRENGTH, "Negotiation", rating=4),
    ),
    ("Edit Skill", nothing, lambda s, _: s.update_trait(a_trait().id, detail="Sharper")),
    ("Change Rating", nothing, lambda s, _: s.rate_trait(a_trait().id, 5, dt.date(2026, 12, 1))),
    ("Delete Rating", nothing, lambda s, _: s.delete_rating(a_trait().ratings[-1].id)),
    ("Delete Skill", nothing, lambda s, _: s.delete_trait(a_trait().id)),
    (
        "Link Touchpoint to Skill",
        nothing,
        lambda s, _: s.link_evidence(a_trait().id, a_touchpoint()),
    ),
    ("Add Motivator", nothing, lambda s, _: s.add_motivator(first_manager(), "Purpose")),
    (
        "Edit Motivator",
        nothing,
        lambda s, _: s.update_motivator(a_motivator_list()[0], note="Said so twice"),
    ),
    ("Confirm Motivator", nothing, lambda s, _: s.confirm_motivator(a_motivator_list()[-1])),
    (
        "Reorder Motivators",
        nothing,
        lambda s, _: s.reorder_motivators(first_manager(), a_motivator_list()[::-1]),
    ),
    ("Delete Motivator", nothing, lambda s, _: s.delete_motivator(a_motivator_list()[0])),
    ("Add Assignment", nothing, lambda s, _: s.add_assignment(first_manager(), "Run the QBR")),
    (
        "Edit Assignment",
        nothing,
        lambda s, _: s.update_assignment(an_assignment().id, outcome="Went well"),
    ),
    (
        "Change Assignment Status",
        nothing,
        lambda s, _: s.set_assignment_status(
            an_assignment().id,
            AssignmentStatus.DROPPED,
        ),
    ),
    ("Delete Assignment", nothing, lambda s, _: s.delete_assignment(an_assignment().id)),
    (
        "Edit Results",
        nothing,
        lambda s, _: s.set_result_figures(
            first_manager(),
            [
                (
                    results.period_of(dt.date(2026, 11, 1), results.load_settings()),
                    {Figure.PLAN: 123_456_00, Figure.REPS: 7},
                )
            ],
        ),
    ),
    (
        "Edit Results Settings",
        nothing,
        lambda s, _: s.save_result_settings(ResultSettings(ResultPeriod.QUARTER, 4)),
    ),
    (
        "Add Question",
        nothing,
        lambda s, _: s.add_question(questions.Category.CAREER, "Where next?"),
    ),
    (
        "Remove Question",
        nothing,
        lambda s, _: s.remove_question(questions.load_bank()[0].id),
    ),
    (
        "New Talent Review",
        a_review,
        lambda s, p: s.add_review(
            "Q1 2027 review", dt.date(2026, 12, 1), ReviewPeriod.QUARTER, p.review_id
        ),
    ),
    (
        "Move on the Talent Grid",
        a_review,
        lambda s, p: s.place_manager(p.review_id, p.manager_id, 3, 3),
    ),
    (
        "Take off the Talent Grid",
        a_review,
        lambda s, p: s.unplace_manager(p.review_id, p.manager_id),
    ),
    (
        "Edit Talent Placement",
        a_review,
        lambda s, p: s.update_placement(p.id, risk="high", risk_reason="Wants a region"),
    ),
    ("Delete Talent Review", a_review, lambda s, p: s.delete_review(p.review_id)),
]


def test_move_skill_switches_kind(session: JournalSession) -> None:
    trait = a_trait()
    other = TraitKind.STRENGTH if trait.kind is TraitKind.DEVELOPMENT else TraitKind.DEVELOPMENT
    before = rows(session.path)
    session.set_trait_kind(trait.id, other)
    assert session.undo_text == "Move Skill"
    session.undo()
    assert rows(session.path) == before


@pytest.mark.parametrize(("name", "setup", "write"), CASES, ids=[case[0] for case in CASES])
def test_each_write_is_undone_and_redone_row_for_row(
    session: JournalSession,
    name: str,
    setup: Callable[[JournalSession], Any],
    write: Callable[[JournalSession, Any], object],
) -> None:
    context = setup(session)
    before = rows(session.path)
    write(session, context)
    after = rows(session.path)
    assert after != before, "the write changed something"
    assert session.undo_text == name
    assert session.undo() == name
    assert rows(session.path) == before
    assert session.redo_text == name
    assert session.redo() == name
    assert rows(session.path) == after
    assert session.undo_text == name


def test_undo_refreshes_the_screens_through_the_session_signals(
    session: JournalSession, qtbot
) -> None:
    manager_id = first_manager()
    session.trash_touchpoint(a_touchpoint())
    with (
        qtbot.waitSignal(session.entries_changed, check_params_cb=lambda m: m == manager_id),
        qtbot.waitSignal(session.trash_changed),
        qtbot.waitSignal(session.undo_changed),
    ):
        session.undo()
    session.delete_manager(manager_id)
    with qtbot.waitSignals([session.manager_added, session.traits_changed]):
        session.undo()
    with qtbot.waitSignal(session.manager_removed, check_params_cb=lambda m: m == manager_id):
        session.redo()


def test_a_deleted_manager_comes_back_with_the_agenda_being_kept_for_them(
    session: JournalSession, qtbot
) -> None:
    manager_id = first_manager()
    session.set_archived(manager_id, True)
    session.save_agenda(manager_id, "Territory split for Q1")
    session.save_agenda(manager_id, "Territory split for Q1, and the hiring plan")
    assert session.undo_text == "Archive Manager", "typing an agenda is no step"
    session.delete_manager(manager_id)
    assert prep.agenda(manager_id) is None
    with qtbot.waitSignal(session.agenda_changed, check_params_cb=lambda m: m == manager_id):
        assert session.undo() == "Delete Manager"
    agenda = prep.agenda(manager_id)
    assert agenda is not None and agenda.text == "Territory split for Q1, and the hiring plan"
    session.redo()
    assert prep.agenda(manager_id) is None
    session.undo()
    session.undo()
    assert not roster.get_manager(manager_id).archived
    assert prep.agenda(manager_id) is not None


def test_a_removal_offers_undo_and_an_edit_does_not(session: JournalSession, qtbot) -> None:
    with qtbot.assertNotEmitted(session.undoable_removal):
        session.update_manager(first_manager(), title="Area Director")
    with qtbot.waitSignal(session.undoable_removal) as notice:
        session.trash_touchpoint(a_touchpoint())
    assert notice.args == ["Moved to trash"]
    # Inside a screen's own step, once that step is recorded (its Undo takes back all of it).
    with qtbot.waitSignal(session.undoable_removal) as notice, session.undo_step("delete “X”"):
        session.delete_motivator(a_motivator_list()[0])
        assert session.undo_text == "Move to Trash"
    assert (notice.args, session.undo_text) == (["Motivator deleted"], "delete “X”")


def test_the_history_is_the_journals_and_goes_when_another_opens_or_it_locks(
    session: JournalSession,
) -> None:
    session.set_archived(first_manager(), True)
    assert session.undo_text == "Archive Manager"
    session.open_sample()
    assert session.undo_text is None
    session.open_home()
    assert session.undo_text is None
    session.set_archived(first_manager(), False)
    session.lock()
    assert session.undo_text is None


def test_at_most_a_hundred_steps_are_kept(session: JournalSession) -> None:
    manager_id = first_manager()
    for number in range(105):
        session.set_archived(manager_id, number % 2 == 0)
    for _ in range(100):
        session.undo()
    assert session.undo_text is None
    assert roster.get_manager(manager_id).archived  # as after the first 5 writes


# --- Through the window ------------------------------------------------------------------------


@pytest.fixture
def window(make_window: MakeWindow, sample_team: Path, tmp_path: Path, qtbot) -> MainWindow:
    path = tmp_path / "journal.db"
    shutil.copyfile(sample_team, path)
    shown = make_window(path)
    shown.resize(1366, 768)
    shown.open_manager(first_manager())
    with qtbot.waitActive(shown):
        shown.activateWindow()
    return shown


def test_trash_with_delete_then_ctrl_z_and_ctrl_shift_z(window: MainWindow, qtbot) -> None:
    tab = window.manager_page.journal
    window.manager_page.tabs.setCurrentWidget(tab)
    total = tab.model.total
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.total == total - 1
    notice = window.undo_notice
    assert notice.isVisible() and notice.text.text() == "Moved to trash"
    assert window.undo.undo_action.text() == "Undo Move to Trash"
    assert window.rect().contains(notice.geometry())

    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.total == total
    assert not notice.isVisible()
    assert window.statusBar().currentMessage() == "Undone: Move to Trash"
    assert window.undo.redo_action.text() == "Redo Move to Trash"
    qtbot.keyClick(
        tab.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tab.model.total == total - 1


def test_the_notice_undoes_with_its_button_or_alt_u_and_hides_by_itself(
    window: MainWindow, qtbot
) -> None:
    tab = window.manager_page.journal
    window.manager_page.tabs.setCurrentWidget(tab)
    count = tab.open_items.count()
    entry = tab.open_items.item(0)
    entry.setCheckState(Qt.CheckState.Checked)
    notice = window.undo_notice
    assert notice.isVisible() and notice.text.text() == "Marked done"
    assert tab.open_items.count() == count - 1
    qtbot.mouseClick(notice.undo_button, Qt.MouseButton.LeftButton)
    assert tab.open_items.count() == count and not notice.isVisible()

    tab.open_items.item(0).setCheckState(Qt.CheckState.Checked)
    assert notice.isVisible()
    with qtbot.waitSignal(notice.undo_button.clicked):
        qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert tab.open_items.count() == count

    tab.open_items.item(0).setCheckState(Qt.CheckState.Checked)
    notice.timer.setInterval(20)
    notice.timer.start()
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=2000)


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_journal(
    window: MainWindow, qtbot
) -> None:
    manager_id = first_manager()
    window.session.set_archived(manager_id, True)
    window.search_edit.setFocus()
    type_text(window.search_edit, "pipeline")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.text() == ""
    assert roster.get_manager(manager_id).archived
    assert window.undo.undo_action.text() == "Undo Archive Manager"


def test_typing_in_an_old_entry_is_one_step(window: MainWindow, qtbot) -> None:
    tab = window.manager_page.journal
    touchpoint_id = a_touchpoint()
    before = touchpoints.get_touchpoint(touchpoint_id).notes
    dialog = tab.open_touchpoint(touchpoint_id)
    assert isinstance(dialog, TouchpointDialog)
    dialog.notes.moveCursor(QTextCursor.MoveOperation.End)
    for word in (" one", " two", " three"):
        type_text(dialog.notes, word)
        dialog.flush()
    assert touchpoints.get_touchpoint(touchpoint_id).notes.endswith("one two three")
    assert window.session.undo_text == "Edit Touchpoint"
    window.undo.undo_action.trigger()
    assert touchpoints.get_touchpoint(touchpoint_id).notes == before
    assert dialog.notes.toPlainText() == before, "the open entry shows what Undo put back"
    assert window.session.undo_text != "Edit Touchpoint"
    with qtbot.waitSignal(dialog.closed):
        window.session.trash_touchpoint(touchpoint_id)
        window.undo.undo_action.trigger()
        window.undo.redo_action.trigger()  # back in the trash: its editor closes


def test_the_profile_shows_what_undo_put_back(window: MainWindow, qtbot) -> None:
    profile = window.manager_page.profile
    window.manager_page.tabs.setCurrentWidget(profile)
    title = profile.fields["title"]
    before = title.text()
    title.setFocus()
    title.selectAll()
    type_text(title, "Area Director")
    profile.flush()
    assert roster.get_manager(first_manager()).title == "Area Director"
    assert window.session.undo_text == "Edit Profile"
    window.manager_page.tabs.setFocus()
    qtbot.keyClick(window.manager_page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert roster.get_manager(first_manager()).title == before
    assert title.text() == before


def test_done_items_stay_in_sight_with_owner_and_day_and_reopen(window: MainWindow, qtbot) -> None:
    tab = window.manager_page.journal
    window.manager_page.tabs.setCurrentWidget(tab)
    done = tab.done_items
    closed = touchpoints.count_closed_action_items(first_manager())
    assert done.toggle.text() == f"&Done ({closed})"
    item = an_item()
    entry = next(
        tab.open_items.item(row)
        for row in range(tab.open_items.count())
        if tab.open_items.item(row).data(Qt.ItemDataRole.UserRole) == item.id
    )
    entry.setCheckState(Qt.CheckState.Checked)
    assert done.toggle.text() == f"&Done ({closed + 1})"
    assert not done.list.isVisible()
    qtbot.mouseClick(done.toggle, Qt.MouseButton.LeftButton)
    assert done.list.isVisible()
    first = done.list.item(0)
    who = "you" if item.owner == Owner.ME else "them"
    assert first.text().startswith(f"{item.text}  —  {who}, done {today_text()}")
    assert first.checkState() == Qt.CheckState.Checked

    done.list.setFocus()
    done.list.setCurrentRow(0)
    qtbot.keyClick(done.list, Qt.Key.Key_Space)
    assert touchpoints.get_action_item(item.id).status == ActionStatus.OPEN
    assert done.toggle.text() == f"&Done ({closed})"
    assert item.id in [
        tab.open_items.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(tab.open_items.count())
    ]
    assert window.undo.undo_action.text() == "Undo Reopen Action Item"


def test_open_items_are_ticked_by_keys_alone_and_ctrl_z_reopens_the_last(
    window: MainWindow, qtbot
) -> None:
    """Alt+O (the box's mnemonic) into the list, Down, Space, Space...: the keyboard stays on
    the next item after each tick; the last one ticked, it goes to the Done section, where
    Ctrl+Z is the journal's (not a text field's) and reopens only that last one."""
    tab = window.manager_page.journal
    window.manager_page.tabs.setCurrentWidget(tab)
    manager_id = first_manager()
    for text in ("Send the territory map", "Book the ride-along"):
        window.session.add_action_item(manager_id, text, Owner.THEM, None, None)
    items = [item.id for item in touchpoints.open_action_items(manager_id)]
    assert len(items) >= 2
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert tab.open_items.hasFocus()
    qtbot.keyClick(tab.open_items, Qt.Key.Key_Down)
    qtbot.keyClick(tab.open_items, Qt.Key.Key_Space)
    statuses = [touchpoints.get_action_item(item).status for item in items]
    assert statuses[:2] == [ActionStatus.OPEN, ActionStatus.DONE]
    assert tab.open_items.hasFocus() and tab.open_items.currentRow() == min(1, len(items) - 2)
    for _ in items[1:]:
        qtbot.keyClick(tab.open_items, Qt.Key.Key_Space)
    assert {touchpoints.get_action_item(item).status for item in items} == {ActionStatus.DONE}
    assert not tab.open_box.isVisible()
    assert tab.done_items.toggle.hasFocus()
    assert window.undo.undo_action.text() == "Undo Mark Done"

    qtbot.keyClick(tab.done_items.toggle, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    statuses = [touchpoints.get_action_item(item).status for item in items]
    assert statuses == [ActionStatus.OPEN] + [ActionStatus.DONE] * (len(items) - 1)
    assert tab.open_box.isVisible() and tab.open_items.count() == 1


def today_text() -> str:
    from ui import dates

    return dates.date_text(dt.date.today())


def test_the_edit_menu_names_the_step_and_the_keys(window: MainWindow) -> None:
    (edit,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    assert [a.text() for a in edit.actions()] == ["Undo", "Redo"]
    assert not any(a.isEnabled() for a in edit.actions())
    window.session.delete_motivator(a_motivator_list()[0])
    undo, redo = edit.actions()
    assert (undo.text(), undo.isEnabled(), redo.isEnabled()) == (
        "Undo Delete Motivator",
        True,
        False,
    )
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert redo.shortcut().toString() == "Ctrl+Shift+Z"


def test_typing_in_one_field_then_choosing_in_another_are_two_steps(window: MainWindow) -> None:
    """The saves of a note typed in a row are one step; choosing a risk after it is another,
    so Undo takes back the risk alone, then the whole note."""
    session, manager_id = window.session, first_manager()
    review = session.add_review("Q4 2026 review", dt.date(2026, 11, 19), ReviewPeriod.QUARTER)
    placed = session.place_manager(review.id, manager_id, 2, 2)
    session.update_placement(placed.id, note="Ready")
    session.update_placement(placed.id, note="Ready for a region")
    session.update_placement(placed.id, risk="high")

    session.undo()
    after = talent.get_placement(review.id, manager_id)
    assert after is not None and (after.note, after.risk) == ("Ready for a region", None)
    session.undo()
    after = talent.get_placement(review.id, manager_id)
    assert after is not None and (after.note, after.box) == ("", (2, 2))
