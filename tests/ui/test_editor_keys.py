"""The log dialog's keyboard flow: Tab from the summary to what one writes next, Enter that
continues a Markdown list, and carried-over items that wrap rather than scroll sideways."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import Owner, TouchpointKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow, type_text
from ui.journal.editor import TouchpointDialog
from ui.main_window import MainWindow

LONG_ITEM = (
    "Send the revised territory plan, with the split between the enterprise and the mid-market "
    "accounts and the named exceptions, to the regional VP before the planning offsite"
)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    db.open_journal(path)
    manager = roster.create_manager("Marta Kowalska")
    earlier = touchpoints.create_touchpoint(manager.id, dt.datetime(2026, 9, 1, 9), "one_on_one")
    touchpoints.add_action_item(manager.id, LONG_ITEM, Owner.ME, dt.date(2026, 9, 4), earlier.id)
    db.close_journal()
    return path


def new_entry(window: MainWindow, qtbot) -> TouchpointDialog:
    window.log_action.trigger()
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]
    # Offscreen there is no window manager: the dialog is made active, and the test waits
    # until the platform has handed it the keyboard (a few turns of the event loop).
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def test_tab_goes_from_the_summary_to_the_notes_then_to_write_and_preview(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    dialog = new_entry(make_window(team), qtbot)
    assert dialog.summary.hasFocus()
    assert dialog.carried_box.isVisible()  # a list stands between them on the page
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Tab)
    assert dialog.notes.hasFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert dialog.notes_tabs.tabBar().hasFocus()  # Write/Preview: after the notes
    qtbot.keyClick(dialog.notes_tabs.tabBar(), Qt.Key.Key_Tab)
    assert dialog.carried.hasFocus()
    qtbot.keyClick(dialog.carried, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(
        dialog.notes_tabs.tabBar(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert dialog.notes.hasFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.summary.hasFocus()


def test_tab_from_the_summary_of_a_field_visit_goes_to_its_fields_first(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    dialog = new_entry(make_window(team), qtbot)
    dialog.kind.setCurrentIndex(dialog.kind.findData(TouchpointKind.FIELD_VISIT))
    dialog.summary.setFocus()
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Tab)
    assert dialog.kind_fields["account"].hasFocus()
    for field in ("account", "objective", "observations"):
        qtbot.keyClick(dialog.kind_fields[field], Qt.Key.Key_Tab)
    assert dialog.kind_fields["debrief"].hasFocus()
    qtbot.keyClick(dialog.kind_fields["debrief"], Qt.Key.Key_Tab)
    assert dialog.notes.hasFocus()  # the career field between them is hidden


def test_enter_continues_and_ends_markdown_lists_in_the_notes(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    dialog = new_entry(make_window(team), qtbot)
    notes = dialog.notes
    notes.setFocus()
    type_text(notes, "Agenda\n- pipeline\nforecast\n\nnext")
    assert notes.toPlainText() == "Agenda\n- pipeline\n- forecast\n\nnext"  # Enter on "- " ended it
    notes.clear()
    type_text(notes, "1. hire\nonboard")
    assert notes.toPlainText() == "1. hire\n2. onboard"
    notes.clear()
    type_text(notes, "* one\ntwo")
    assert notes.toPlainText() == "* one\n* two"
    notes.clear()
    type_text(notes, "- first")
    qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert notes.toPlainText() == "- first\n"  # Shift+Enter: a plain line break
    notes.clear()
    type_text(notes, "- a")
    notes.moveCursor(notes.textCursor().MoveOperation.StartOfLine)
    type_text(notes, "\n")
    assert notes.toPlainText() == "\n- a"  # before the marker: a plain line break
    notes.clear()
    type_text(notes, "- one\n")
    notes.undo()
    assert notes.toPlainText() == "- one"  # one undo takes the new item back whole


def test_long_carried_over_items_wrap_and_keep_overdue_in_sight(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    dialog = new_entry(make_window(team), qtbot)
    dialog.resize(640, 700)
    QApplication.processEvents()
    carried = dialog.carried
    (item,) = [carried.item(i) for i in range(carried.count())]
    assert item.text().endswith("OVERDUE")
    assert not carried.horizontalScrollBar().isVisible()
    rect = carried.visualItemRect(item)
    assert rect.right() <= carried.viewport().width()
    assert rect.height() >= 2 * carried.fontMetrics().height()  # wrapped onto more lines
    assert carried.height() >= rect.height()  # the list grew to show it whole
