"""The journal driven through the UI: log, carry over, search, trash and restore, drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coachjournal.coaching import development, roster, touchpoints
from coachjournal.coaching.search import MATCH_START
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow, type_text
from ui import dialogs
from ui.journal.editor import TouchpointDialog
from ui.journal.trash import TrashDialog
from ui.main_window import MainWindow
from ui.search.page import snippet_html


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    db.open_journal(path)
    roster.create_manager("Marta Kowalska", title="Regional Sales Manager")
    db.close_journal()
    return path


def open_dialogs() -> list[TouchpointDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, TouchpointDialog)]


def log_one_on_one(window: MainWindow, qtbot) -> TouchpointDialog:
    window.log_action.trigger()
    (dialog,) = [d for d in open_dialogs() if d.isVisible()]
    assert dialog.manager.currentText() == "Marta Kowalska"
    assert TouchpointKind(dialog.kind.currentData()) is TouchpointKind.ONE_ON_ONE
    type_text(dialog.summary, "Négociation with Acme")
    type_text(dialog.notes, "# Deal\n- **negotiation** stalled on price\n- next: CFO call")
    for text in ("Send the pricing deck", "Book the CFO call"):
        qtbot.mouseClick(dialog.items.add_button, Qt.MouseButton.LeftButton)
        type_text(dialog.items.rows[-1].text, text)
    dialog.items.rows[0].owner.setCurrentIndex(dialog.items.rows[0].owner.findData(Owner.ME))
    dialog.items.rows[0].due.set_value(dt.date.today() - dt.timedelta(days=1), notify=True)
    return dialog


def test_a_logged_touchpoint_and_its_items_carry_over(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    dialog = log_one_on_one(window, qtbot)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    tab = window.manager_page.journal
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 2).data() == "Négociation with Acme"
    assert tab.model.index(0, 5).data() == "2"
    texts = [tab.open_items.item(i).text() for i in range(tab.open_items.count())]
    assert texts[0].startswith("Send the pricing deck  —  you, due ")
    assert "OVERDUE" in texts[0]
    assert texts[1].startswith("Book the CFO call  —  them")
    assert tab.open_box.title() == "&Open action items (2) — 1 overdue"
    (stored,) = touchpoints.timeline_page(window.manager_page.manager_id)
    assert touchpoints.get_touchpoint(stored.id).notes.startswith("# Deal\n- **negotiation**")
    assert touchpoints.drafts() == []

    window.log_action.trigger()
    (follow_up,) = [d for d in open_dialogs() if d.isVisible()]
    assert follow_up.carried_box.isVisible()
    carried = [follow_up.carried.item(i) for i in range(follow_up.carried.count())]
    assert [item.text().split("   —   ")[0] for item in carried] == [
        "Send the pricing deck",
        "Book the CFO call",
    ]
    carried[1].setCheckState(Qt.CheckState.Checked)
    items = touchpoints.action_items_of(stored.id)
    assert [item.status for item in items] == [ActionStatus.OPEN, ActionStatus.DONE]
    assert tab.open_items.count() == 1


def test_search_finds_the_notes_and_opens_the_entry_at_the_match(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    dialog = log_one_on_one(window, qtbot)
    dialog.save()
    window.search_action.trigger()
    qtbot.keyClicks(window.search_edit, "negot")
    window.search_page.run()
    assert window.pages.currentWidget() is window.search_page
    hits = window.search_page.model.hits
    assert [hit.label for hit in hits] == ["One-on-one"]
    assert MATCH_START in hits[0].snippet
    highlighted = snippet_html(hits[0].snippet, "#FFE08A", "#1A1A1A")
    assert '<b style="background-color:#FFE08A; color:#1A1A1A">negotiation</b>' in highlighted
    assert "**" not in highlighted
    qtbot.waitUntil(lambda: window.search_page.counts is not None)  # counted once painted
    assert window.search_page.summary.text().startswith("1 result for “negot” (1 note)")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    # Read, not edited: the entry is in the reading pane with the match marked.
    assert [d for d in open_dialogs() if d.isVisible() and d.touchpoint_id is not None] == []
    assert window.pages.currentWidget() is window.manager_page
    journal = window.manager_page.journal
    assert window.manager_page.tabs.currentWidget() is journal
    assert (journal.reader.touchpoint_id, journal.reader.highlight) == (
        hits[0].touchpoint_id,
        "negot",
    )
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""


def test_nothing_found_and_odd_queries_are_calm(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    window.show_team()
    assert window.team_action.isChecked()
    for text in ('"unclosed', "OR (", "zzzz"):
        window.search_edit.setText(text)
        window.search_page.run()
        assert window.search_page.empty.isVisible()
        assert "Nothing found" in window.search_page.empty.text()
    assert not window.team_action.isChecked()  # the results are no view of their own


def test_trash_and_restore_keep_everything(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch
) -> None:
    window = make_window(team)
    log_one_on_one(window, qtbot).save()
    tab = window.manager_page.journal
    touchpoint_id = tab.model.row_id(0)
    before = touchpoints.get_touchpoint(touchpoint_id)
    tab.table.selectRow(0)
    tab.trash_selected()
    assert tab.model.total == 0
    assert tab.open_items.count() == 0
    assert "trash" in window.statusBar().currentMessage()

    trash = TrashDialog(window.session, window)
    qtbot.addWidget(trash)
    trash.show()
    assert trash.list.topLevelItemCount() == 1
    trash.list.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert trash.list.topLevelItemCount() == 0
    assert trash.empty.isVisible()
    assert touchpoints.get_touchpoint(touchpoint_id) == before
    assert tab.model.total == 1
    assert tab.open_items.count() == 2

    tab.table.selectRow(0)
    tab.trash_selected()
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    trash.empty_trash()
    assert touchpoints.trash() == []
    assert touchpoints.open_action_items(window.manager_page.manager_id) == []


def test_an_unsaved_entry_survives_as_a_draft(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    window.log_action.trigger()
    (dialog,) = [d for d in open_dialogs() if d.isVisible()]
    type_text(dialog.notes, "Half a thought about ליאור 🚀")
    qtbot.waitUntil(lambda: len(touchpoints.drafts()) == 1, timeout=4000)
    dialog.hide()
    dialog.deleteLater()

    window.recover_drafts()
    (recovered,) = [d for d in open_dialogs() if d.isVisible()]
    assert recovered.notes.toPlainText() == "Half a thought about ליאור 🚀"
    assert recovered.banner.isVisible()
    recovered.save()
    assert touchpoints.drafts() == []
    assert window.manager_page.journal.model.total == 1


def test_closing_an_unsaved_entry_asks_first(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch
) -> None:
    window = make_window(team)
    window.log_action.trigger()
    (dialog,) = [d for d in open_dialogs() if d.isVisible()]
    type_text(dialog.summary, "Quick chat")
    dialog.flush()
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent: "cancel")
    dialog.reject()
    assert dialog.isVisible()
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent: "discard")
    dialog.reject()
    assert not dialog.isVisible()
    assert touchpoints.drafts() == []
    assert window.manager_page.journal.model.total == 0


def test_an_existing_touchpoint_saves_itself(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    log_one_on_one(window, qtbot).save()
    tab = window.manager_page.journal
    touchpoint_id = tab.model.row_id(0)
    assert tab.reader.touchpoint_id == touchpoint_id
    window.open_manager(tab.manager_id)
    with qtbot.waitActive(window):
        window.activateWindow()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialogs[touchpoint_id]
    assert dialog.save_button.isHidden()
    dialog.kind.setCurrentIndex(dialog.kind.findData(TouchpointKind.FIELD_VISIT))
    assert dialog.kind_box.isVisible()
    type_text(dialog.kind_fields["account"], "Acme GmbH")
    dialog.items.rows[1].done.setChecked(True)
    qtbot.waitUntil(
        lambda: touchpoints.get_touchpoint(touchpoint_id).account == "Acme GmbH", timeout=4000
    )
    assert touchpoints.get_touchpoint(touchpoint_id).kind is TouchpointKind.FIELD_VISIT
    assert [i.status for i in touchpoints.action_items_of(touchpoint_id)] == [
        ActionStatus.OPEN,
        ActionStatus.DONE,
    ]
    assert tab.model.index(0, 1).data() == "Field visit"


def test_markdown_notes_render_and_keep_their_source(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    dialog = log_one_on_one(window, qtbot)
    type_text(dialog.notes, "\n\nSee [the plan](https://example.com/plan)")
    dialog.notes_tabs.setCurrentIndex(1)
    rendered = dialog.preview.toHtml()
    assert "<h1" in rendered and "font-weight:700" in rendered
    assert 'href="https://example.com/plan"' in rendered
    assert "<li" in rendered
    dialog.save()
    (row,) = touchpoints.timeline_page(window.manager_page.manager_id)
    assert touchpoints.get_touchpoint(row.id).notes.endswith(
        "See [the plan](https://example.com/plan)"
    )


def test_the_timeline_loads_page_by_page_and_filters(
    make_window: MakeWindow, team: Path, qtbot, qtmodeltester
) -> None:
    db.open_journal(team)
    (manager,) = roster.list_managers()
    start = dt.datetime(2020, 1, 6, 9)
    days = touchpoints.PAGE_SIZE * 2 + 30
    visits = len(range(0, days, 10))
    for day in range(days):
        kind = "field_visit" if day % 10 == 0 else "one_on_one"
        touchpoints.create_touchpoint(manager.id, start + dt.timedelta(days=day), kind)
    db.close_journal()
    window = make_window(team)
    tab = window.manager_page.journal
    assert tab.model.total == days
    assert tab.model.rowCount() == touchpoints.PAGE_SIZE
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() > touchpoints.PAGE_SIZE, timeout=3000)
    qtmodeltester.check(tab.model)
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData(TouchpointKind.FIELD_VISIT))
    assert tab.model.total == visits
    assert tab.count_label.text() == f"{visits} touchpoints"
    tab.from_date.set_value((start + dt.timedelta(days=days // 2)).date(), notify=True)
    assert 0 < tab.model.total < visits
    tab.to_date.set_value(dt.date(2020, 1, 1), notify=True)
    assert tab.model.total == 0
    assert tab.empty.text() == "No touchpoint matches these filters."


def test_a_megabyte_of_unicode_notes_opens_whole(make_window: MakeWindow, team: Path) -> None:
    notes = ("Zoë 👩‍💼 ليلى négociation 🚀 — " * 40_000)[:1_000_000]
    db.open_journal(team)
    (manager,) = roster.list_managers()
    touchpoint = touchpoints.create_touchpoint(
        manager.id, dt.datetime(2025, 1, 6, 9), "one_on_one", notes=notes
    )
    db.close_journal()
    window = make_window(team)
    dialog = window.manager_page.journal.open_touchpoint(touchpoint.id)
    assert dialog.notes.toPlainText() == notes
    assert dialog.state.text() == "Changes save themselves."


def test_skills_that_showed_are_linked_from_the_touchpoint_side(
    make_window: MakeWindow, team: Path
) -> None:
    db.open_journal(team)
    (manager,) = roster.list_managers()
    touchpoint = touchpoints.create_touchpoint(
        manager.id, dt.datetime(2025, 3, 3, 9), "field_visit"
    )
    trait = development.add_trait(manager.id, "development", "Deal strategy")
    db.close_journal()
    window = make_window(team)
    log_new = window.manager_page.journal.log_new()
    assert log_new is not None and log_new.traits_box.isHidden()
    dialog = window.manager_page.journal.open_touchpoint(touchpoint.id)
    assert not dialog.traits_box.isHidden()
    assert dialog.traits.choice.currentData() == trait.id
    dialog.traits.link_button.click()
    assert [linked.id for linked in development.evidence_of(trait.id)] == [touchpoint.id]
    assert dialog.traits.model.rowCount() == 1
