"""The command palette (Ctrl+K) and the shortcuts cheat sheet (F1): driven by the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from tests.ui.conftest import MakeWindow
from ui.help.shortcuts import IN_WIDGET_KEYS, ShortcutsDialog, native, window_shortcuts
from ui.main_window import MainWindow
from ui.palette import matching
from ui.palette.model import Entry, EntryKind, PaletteModel, plain, rank
from ui.palette.popup import RECENT_KEY, CommandPalette


def team(window: MainWindow) -> dict[str, int]:
    ids = {}
    for name, team_name, title in (
        ("Dana Whitfield", "Enterprise East", "Regional Sales Manager"),
        ("Daniel Okafor", "Mid-Market", "Sales Manager"),
        ("Priya Raman", "Enterprise West", "Area Director"),
        ("Zoë Lindqvist", "Channel", "Partner Manager"),
    ):
        record = window.session.add_manager(name)
        window.session.update_manager(record.id, team=team_name, title=title)
        ids[name] = record.id
    window.settings.remove(RECENT_KEY)  # adding selects each in turn: start with no history
    return ids


def open_palette(qtbot, window: MainWindow) -> CommandPalette:
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.palette_popup
    qtbot.waitUntil(palette.isVisible, timeout=3000)
    assert palette.search.hasFocus() or palette.search.text() == ""
    return palette


def test_ctrl_k_then_part_of_a_name_and_enter_opens_that_manager(
    qtbot, make_window: MakeWindow
) -> None:
    window = make_window()
    ids = team(window)
    window.show_team()
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "prI")
    assert palette.titles()[0] == "Priya Raman"
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not palette.isVisible(), timeout=3000)
    assert window.roster.selected_id() == ids["Priya Raman"]
    assert window.pages.currentWidget() is window.manager_page
    assert palette.recent()[0] == ids["Priya Raman"]


def test_arrows_choose_among_matches_and_escape_closes(qtbot, make_window: MakeWindow) -> None:
    window = make_window()
    ids = team(window)
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "dan")
    assert palette.titles()[:2] == ["Dana Whitfield", "Daniel Okafor"]
    qtbot.keyClick(palette.search, Qt.Key.Key_Down)
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.roster.selected_id() == ids["Daniel Okafor"], timeout=3000)
    palette = open_palette(qtbot, window)
    assert palette.titles()[0] == "Daniel Okafor"  # the last one opened comes first
    qtbot.keyClick(palette.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not palette.isVisible(), timeout=3000)


def test_typing_an_action_and_enter_triggers_it(qtbot, make_window: MakeWindow) -> None:
    window = make_window()
    team(window)
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "charts")
    entry = palette.model.entry(0)
    assert entry is not None and entry.action is window.charts_action
    assert entry.shortcut == QKeySequence("Ctrl+2").toString(QKeySequence.SequenceFormat.NativeText)
    with qtbot.waitSignal(window.charts_action.triggered, timeout=3000):
        qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.charts_page, timeout=3000)


def test_disabled_actions_are_listed_as_unavailable_and_not_triggered(
    qtbot, make_window: MakeWindow
) -> None:
    window = make_window()
    assert not window.log_action.isEnabled()  # nobody is selected in an empty journal
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "log touch")
    entry = palette.model.entry(0)
    assert entry is not None and entry.action is window.log_action and not entry.enabled
    index = palette.model.index(0)
    assert not palette.model.flags(index) & Qt.ItemFlag.ItemIsEnabled
    assert "not available now" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    triggered: list[bool] = []
    window.log_action.triggered.connect(lambda: triggered.append(True))
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert triggered == [] and palette.isVisible()


def test_actions_added_to_a_menu_later_are_found_without_registering(
    qtbot, make_window: MakeWindow
) -> None:
    window = make_window()
    extra = QAction("&Quarterly Review Pack…", window)
    window.menuBar().actions()[0].menu().addAction(extra)
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "quart rev")
    entry = palette.model.entry(0)
    assert entry is not None and entry.action is extra and entry.title == "Quarterly Review Pack"
    assert entry.detail == "File"
    palette.search.setText("go to manager")
    assert window.palette_action not in [e.action for e in palette.entries()]


def test_nothing_matching_says_what_to_try(qtbot, make_window: MakeWindow) -> None:
    window = make_window()
    palette = open_palette(qtbot, window)
    qtbot.keyClicks(palette.search, "qqxz")
    assert not palette.list_view.isVisible()
    assert "Nothing matches “qqxz”" in palette.empty.text()


def test_palette_model_passes_the_model_tester(qtmodeltester) -> None:
    model = PaletteModel()
    model.set_entries(
        [
            Entry(EntryKind.MANAGER, "Dana Whitfield", "East", manager_id=1),
            Entry(EntryKind.ACTION, "Trash", "File", enabled=False),
        ]
    )
    qtmodeltester.check(model)
    model.set_query("da")
    qtmodeltester.check(model)


def test_matching_prefers_prefix_then_word_starts_then_inside_then_fuzzy() -> None:
    prefix = matching.score("tea", "Team Cadence")
    word_start = matching.score("cad", "Team Cadence")
    words = matching.score("te ca", "Team Cadence")
    inside = matching.score("ade", "Team Cadence")
    fuzzy = matching.score("tc", "Team Cadence")
    assert None not in (prefix, word_start, words, inside, fuzzy)
    assert prefix > word_start >= words > inside > fuzzy  # type: ignore[operator]
    assert matching.score("xyz", "Team Cadence") is None
    assert matching.score("zoe", "Zoë Lindqvist") is not None  # accents do not matter
    # Fuzzy letters on word starts beat the same letters inside words.
    assert matching.score("tcd", "Team Cadence") > matching.score("tcd", "Stock Ad")  # type: ignore[operator]
    # One or two letters in order match only as initials: "rs" is not "tRaSh".
    assert matching.score("rs", "Trash") is None
    assert matching.score("tc", "Stock") is None
    assert matching.score("trs", "Trash") is not None


def test_rank_puts_names_before_teams_and_recent_managers_first() -> None:
    entries = [
        Entry(EntryKind.MANAGER, "Ana East", "West", manager_id=1),
        Entry(EntryKind.MANAGER, "Bo Smith", "East", manager_id=2),
        Entry(EntryKind.MANAGER, "Cy Smith", "North", manager_id=3, recent=0),
        Entry(EntryKind.ACTION, "Search Everything", "View"),
    ]
    assert [e.title for e in rank(entries, "east")] == ["Ana East", "Bo Smith"]
    assert [e.title for e in rank(entries, "smith")] == ["Cy Smith", "Bo Smith"]
    assert [e.title for e in rank(entries, "")] == [
        "Cy Smith",
        "Search Everything",
        "Ana East",
        "Bo Smith",
    ]
    assert plain("&Trash…") == "Trash" and plain("Q&&A") == "Q&A"


def test_f1_lists_every_action_with_a_shortcut_in_native_text(
    qtbot, make_window: MakeWindow, monkeypatch
) -> None:
    window = make_window()
    shown: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    listed = dialog.listed()
    with_shortcuts = [
        action
        for action in window.findChildren(QAction)
        if action.parent() is window and not action.shortcut().isEmpty() and action.text()
    ]
    assert len(with_shortcuts) >= 10
    for action in with_shortcuts:
        keys = native(action.shortcuts())
        assert (plain(action.text()), keys) in listed, action.text()
    assert ("Go to Manager or Action", "Ctrl+K") in listed
    assert ("Log Touchpoint", native([QKeySequence.StandardKey.New])) in listed
    in_widget = {what for _group, keys in IN_WIDGET_KEYS for _seq, what in keys}
    assert in_widget <= {what for what, _keys in listed}
    assert {group for group, _what, _keys in window_shortcuts(window)} >= {"File", "View", "Help"}

    dialog.search.setText("charts")
    assert dialog.listed() == [("Charts", "Ctrl+2")]
