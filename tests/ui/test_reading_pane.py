"""Reading the history without editing it: the journal tab's reading pane, turned page by page
with the keyboard, edited only on Ctrl+E; and the Markdown it renders, whose links open only on
a click and only to the web or mail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from coachjournal.coaching import development, roster, touchpoints
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow, type_text
from ui.journal.editor import TouchpointDialog
from ui.journal.reader import MARK_LIMIT, READ_LIMIT, cut
from ui.journal.tab import JournalTab
from ui.main_window import MainWindow
from ui.theme import apply_theme, dark_palette
from ui.widgets.markdown import MarkdownView, list_enter

NOTES = (
    "# Pipeline\n\n- **Acme** negotiation stalled on price\n- next: CFO call\n\n"
    "See [the plan](https://example.com/plan)."
)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """One manager with three entries, newest first: a one-on-one with everything, a field visit
    and a career conversation."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    manager = roster.create_manager("Marta Kowalska", title="Regional Sales Manager")
    assignment = development.add_assignment(manager.id, "Run the QBR with Acme")
    touchpoints.create_touchpoint(
        manager.id,
        dt.datetime(2026, 9, 1, 10),
        TouchpointKind.CAREER,
        summary="Where next",
        aspiration="Lead the enterprise team in two years",
    )
    touchpoints.create_touchpoint(
        manager.id,
        dt.datetime(2026, 9, 8, 9),
        TouchpointKind.FIELD_VISIT,
        summary="Joint visit at Tidewater",
        account="Tidewater Ports",
        objective="Position Premium Support",
        observations="Jumped in twice.\nToo many people on our side.",
        debrief="Over lunch",
    )
    newest = touchpoints.create_touchpoint(
        manager.id,
        dt.datetime(2026, 9, 15, 14),
        TouchpointKind.ONE_ON_ONE,
        summary="Pipeline review",
        notes=NOTES,
        mood=4,
        duration_minutes=45,
        assignment_id=assignment.id,
    )
    touchpoints.add_action_item(
        manager.id, "Send the pricing deck", Owner.ME, dt.date(2026, 9, 20), newest.id
    )
    done = touchpoints.add_action_item(manager.id, "Book the CFO call", Owner.THEM, None, newest.id)
    touchpoints.set_action_status(done.id, ActionStatus.DONE)
    db.close_journal()
    return path


def journal_tab(window: MainWindow, qtbot) -> JournalTab:
    (manager,) = roster.list_managers()
    window.open_manager(manager.id)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window.manager_page.journal


def shown_text(tab: JournalTab) -> str:
    return tab.reader.page.toPlainText()


def test_the_pane_shows_the_entry_rendered_with_its_fields_and_items(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    tab = journal_tab(make_window(history), qtbot)
    assert tab.model.rowCount() == 3
    assert tab.reader.touchpoint_id == tab.model.row_id(0)  # the newest, without a click
    text = shown_text(tab)
    for expected in (
        "Pipeline review",
        "One-on-one",
        "45 min",
        "mood 4 · good",
        "Assignment: Run the QBR with Acme",
        "Action items (2)",
        "Send the pricing deck",
        "OVERDUE",
        "Book the CFO call",
        "They · done",
    ):
        assert expected in text, expected
    assert "**" not in text and "# Pipeline" not in text  # rendered, not the source
    html = tab.reader.page.toHtml()
    assert "font-weight:700" in html and "<li" in html
    assert 'href="https://example.com/plan"' in html
    assert tab.reader.position.text() == "1 of 3"
    assert not tab.reader.newer_button.isEnabled() and tab.reader.older_button.isEnabled()

    tab.read(tab.model.row_id(1))
    text = shown_text(tab)
    for expected in ("Field visit", "Account", "Tidewater Ports", "Objective", "Debrief"):
        assert expected in text, expected
    assert "Jumped in twice.\nToo many people" in text  # its line break kept
    assert "Aspiration" not in text
    tab.read(tab.model.row_id(2))
    assert "Aspiration discussed" in shown_text(tab)
    assert "Lead the enterprise team in two years" in shown_text(tab)
    assert "No notes." in shown_text(tab)


def test_the_keyboard_turns_the_pages_from_the_list_and_from_the_pane(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    window = make_window(history)
    tab = journal_tab(window, qtbot)
    ids = [tab.model.row_id(row) for row in range(3)]
    window.show_team()  # Ctrl+J: from any view to the selected manager's journal list
    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.manager_page.isVisible() and tab.isVisible()
    assert tab.table.hasFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.reader.touchpoint_id == ids[1]
    assert tab.reader.position.text() == "2 of 3"
    qtbot.keyClick(tab.table, Qt.Key.Key_J)
    assert tab.reader.touchpoint_id == ids[2]
    qtbot.keyClick(tab.table, Qt.Key.Key_J)  # the last page stays
    assert tab.reader.touchpoint_id == ids[2]
    qtbot.keyClick(tab.table, Qt.Key.Key_K)
    assert tab.reader.touchpoint_id == ids[1]
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert tab.reader.touchpoint_id == ids[0]

    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter: into the pane, no editor
    assert tab.reader.page.hasFocus()
    assert not tab.dialogs
    qtbot.keyClick(tab.reader.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tab.reader.touchpoint_id == ids[1]
    qtbot.keyClick(tab.reader.page, Qt.Key.Key_J)
    assert tab.reader.touchpoint_id == ids[2]
    qtbot.keyClick(tab.reader.page, Qt.Key.Key_K)
    assert tab.reader.touchpoint_id == ids[1]
    assert tab.table.currentIndex().row() == 1  # the list follows the pane


def test_keys_pressed_while_reading_change_nothing(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    tab = journal_tab(make_window(history), qtbot)
    touchpoint_id = tab.model.row_id(0)
    before = touchpoints.get_touchpoint(touchpoint_id)
    tab.reader.page.setFocus()
    type_text(tab.reader.page, "typed by mistake\n")
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
        qtbot.keyClick(tab.reader.page, key)
    assert tab.reader.page.isReadOnly()
    assert "typed by mistake" not in shown_text(tab)
    assert touchpoints.get_touchpoint(touchpoint_id) == before
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, TouchpointDialog)]


def test_editing_is_an_explicit_step_and_the_pane_follows_the_saves(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    tab = journal_tab(make_window(history), qtbot)
    tab.read(tab.model.row_id(1))
    touchpoint_id = tab.reader.touchpoint_id
    assert touchpoint_id is not None
    tab.reader.page.setFocus()
    qtbot.keyClick(tab.reader.page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialogs[touchpoint_id]
    assert dialog.isVisible() and dialog.touchpoint_id == touchpoint_id
    assert dialog.state.text() == "Changes save themselves."
    dialog.summary.setFocus()
    dialog.summary.end(False)
    type_text(dialog.summary, " and Acme")
    qtbot.waitUntil(lambda: "Joint visit at Tidewater and Acme" in shown_text(tab), timeout=4000)
    assert touchpoints.get_touchpoint(touchpoint_id).summary == "Joint visit at Tidewater and Acme"
    assert tab.reader.touchpoint_id == touchpoint_id  # still reading the same entry
    dialog.close()

    qtbot.mouseClick(tab.reader.edit_button, Qt.MouseButton.LeftButton)
    assert tab.dialogs[touchpoint_id].isVisible()


def test_read_shows_an_entry_deep_in_the_history_at_a_search_term(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    db.open_journal(history)
    (manager,) = roster.list_managers()
    oldest = touchpoints.create_touchpoint(
        manager.id,
        dt.datetime(2019, 1, 7, 9),
        TouchpointKind.ONE_ON_ONE,
        summary="The first one",
        notes="Intro.\n\n"
        + "Filler paragraph about the week.\n\n" * 80
        + "Talked **négociation** at last.",
    )
    start = dt.datetime(2020, 1, 6, 9)
    for day in range(touchpoints.PAGE_SIZE + 20):
        touchpoints.create_touchpoint(manager.id, start + dt.timedelta(days=day), "one_on_one")
    db.close_journal()
    tab = journal_tab(make_window(history), qtbot)
    assert tab.model.row_of(oldest.id) is None  # not on the first page

    tab.read(oldest.id, "négociation")
    assert tab.reader.touchpoint_id == oldest.id
    assert tab.model.row_id(tab.table.currentIndex().row()) == oldest.id
    assert tab.reader.page.textCursor().selectedText() == "négociation"
    assert tab.reader.page.verticalScrollBar().value() > 0  # scrolled down to it
    marks = tab.reader.page.extraSelections()
    assert [mark.cursor.selectedText() for mark in marks] == ["négociation"]
    assert marks[0].format.background().color().name().lower() == "#ffe08a"
    assert "**" not in tab.reader.page.toPlainText()  # marked over the page, not in it

    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData(TouchpointKind.CAREER))
    tab.read(oldest.id)  # hidden by the filter: shown all the same, without a row
    assert tab.reader.touchpoint_id == oldest.id
    assert tab.reader.position.text() == "Not among the entries listed"
    assert not tab.table.selectionModel().hasSelection()


def test_an_entry_just_logged_is_the_page_the_pane_opens_on(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    window = make_window(history)
    tab = journal_tab(window, qtbot)
    tab.read(tab.model.row_id(2))
    window.log_action.trigger()
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]
    type_text(dialog.summary, "Forecast call")
    dialog.save()
    assert tab.model.rowCount() == 4
    assert tab.reader.touchpoint_id == dialog.touchpoint_id == tab.model.row_id(0)
    assert "Forecast call" in shown_text(tab)


def test_a_book_length_entry_is_shown_in_part_and_whole_in_the_editor(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    notes = "Zoë 👩‍💼 ليلى négociation 🚀 — line\n" * 40_000  # 1.4 million characters
    db.open_journal(history)
    (manager,) = roster.list_managers()
    long = touchpoints.create_touchpoint(
        manager.id, dt.datetime(2026, 10, 1, 9), "one_on_one", notes=notes, debrief=notes
    )
    db.close_journal()
    tab = journal_tab(make_window(history), qtbot)
    tab.read(long.id, "négociation")
    assert tab.reader.touchpoint_id == long.id
    assert tab.reader.page.document().characterCount() < 2 * READ_LIMIT + 5_000
    assert "more characters: the editor (Edit, Ctrl+E) shows them all." in shown_text(tab)
    assert len(tab.reader.page.extraSelections()) == MARK_LIMIT
    shown, rest = cut(notes)
    assert shown.endswith("line") and len(shown) + rest == len(notes) and len(shown) <= READ_LIMIT
    tab.reader.page.setFocus()
    qtbot.keyClick(tab.reader.page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert tab.dialogs[long.id].notes.toPlainText() == notes


def test_the_pane_follows_a_trashed_entry_and_the_filters(
    make_window: MakeWindow, history: Path, qtbot
) -> None:
    tab = journal_tab(make_window(history), qtbot)
    second, third = tab.model.row_id(1), tab.model.row_id(2)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert touchpoints.get_touchpoint(second).deleted_at is not None
    assert tab.reader.touchpoint_id == third  # the entry that took its place
    assert tab.reader.position.text() == "2 of 2"
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData(TouchpointKind.CAREER))
    assert tab.model.total == 1
    assert "Where next" in shown_text(tab)
    tab.to_date.set_value(dt.date(2020, 1, 1), notify=True)
    assert tab.model.total == 0
    assert not tab.reader.isVisible()


def test_the_layout_fits_small_laptops_in_both_palettes_and_remembers_its_split(
    make_window: MakeWindow, history: Path, qtbot, settings: QSettings, qapp
) -> None:
    window = make_window(history)
    tab = journal_tab(window, qtbot)
    for width, height in ((1280, 720), (1366, 768)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        QApplication.processEvents()
        assert tab.reader.width() >= 320 and tab.table.width() >= 300
        for button in (tab.reader.edit_button, tab.reader.older_button):
            corner = button.mapTo(window, QPoint(button.width(), button.height()))
            assert window.rect().contains(corner)
        assert tab.reader.page.viewport().height() >= 200
    assert tab.model.compact == tab.table.isColumnHidden(3)

    try:
        apply_theme(qapp, "dark")
        muted = dark_palette().color(QPalette.ColorRole.PlaceholderText).name()
        qtbot.waitUntil(lambda: muted in tab.reader.page.toHtml().lower())
    finally:
        apply_theme(qapp, "light")

    tab.splitter.setSizes([700, 400])
    chosen = tab.splitter.sizes()
    assert tab.model.compact is False and not tab.table.isColumnHidden(4)  # wide: every column
    window.save_state()
    window.close()
    again = journal_tab(make_window(history, with_settings=settings), qtbot)
    again.window().resize(window.size())
    QApplication.processEvents()
    assert again.splitter.sizes() == chosen


class _Browser(QObject):
    """Where QDesktopServices sends a link, in place of the user's browser."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def _click_link(view: MarkdownView, qtbot, href: str) -> None:
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(view.document())
                cursor.setPosition(fragment.position() + 1)
                point = view.cursorRect(cursor).center()
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_links_open_on_click_only_to_the_web_or_mail_and_nothing_is_loaded(qtbot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_markdown(
        "[web](https://example.com/a) [mail](mailto:a@example.com) "
        "[file](file:///etc/passwd) [script](javascript:alert(1))\n\n"
        "<b>raw html</b> ![picture](file:///etc/hostname)"
    )
    browser = _Browser()
    for scheme in ("https", "mailto", "file", "javascript"):
        QDesktopServices.setUrlHandler(scheme, browser, "open")
    try:
        refused: list[str] = []
        view.link_refused.connect(refused.append)
        for href in (
            "https://example.com/a",
            "mailto:a@example.com",
            "file:///etc/passwd",
            "javascript:alert(1)",
        ):
            _click_link(view, qtbot, href)
    finally:
        for scheme in ("https", "mailto", "file", "javascript"):
            QDesktopServices.unsetUrlHandler(scheme)
    assert browser.opened == ["https://example.com/a", "mailto:a@example.com"]
    assert len(refused) == 2 and "file:///etc/passwd" in refused[0]
    assert "<b>raw html</b>" in view.toPlainText()  # shown as text, never as markup
    image = QTextDocument.ResourceType.ImageResource.value
    assert view.loadResource(image, QUrl("file:///etc/hostname")) is None
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # links take no keyboard focus: Tab leaves
    assert browser.opened == ["https://example.com/a", "mailto:a@example.com"]


@pytest.mark.parametrize(
    ("line", "column", "insert", "ends"),
    [
        ("- milk", 6, "\n- ", False),
        ("* eggs", 3, "\n* ", False),
        ("+ flour", 7, "\n+ ", False),
        ("1. one", 6, "\n2. ", False),
        ("9) nine", 7, "\n10) ", False),
        ("    - nested", 12, "\n    - ", False),
        ("- [x] done", 10, "\n- [ ] ", False),
        ("- ", 2, "", True),
        ("  12.   ", 8, "", True),
    ],
)
def test_enter_on_a_list_line(line: str, column: int, insert: str, ends: bool) -> None:
    action = list_enter(line, column)
    assert action is not None
    assert (action.insert, action.end_list) == (insert, ends)


@pytest.mark.parametrize(
    ("line", "column"),
    [("plain text", 10), ("-dash without space", 5), ("- item", 1), ("", 0), ("1.5 million", 11)],
)
def test_enter_elsewhere_is_a_plain_line_break(line: str, column: int) -> None:
    assert list_enter(line, column) is None
