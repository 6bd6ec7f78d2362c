"""The main window driven as a user would: typing, clicking, choosing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coachjournal.coaching import roster
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow, type_text
from ui import dialogs
from ui.main_window import MainWindow


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A journal with three managers, one of them archived."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    roster.create_manager("Carla Núñez", title="Regional Sales Manager", team="South")
    roster.create_manager("Ben Okafor", title="Inside Sales Lead", team="Central")
    gone = roster.create_manager("Ann Archer", team="North")
    roster.set_archived(gone.id, True)
    db.close_journal()
    return path


def show_selected_manager(window: MainWindow, qtbot) -> None:
    """The window opens on the team dashboard: click the manager the roster has selected."""
    view = window.roster.list_view
    position = view.visualRect(view.currentIndex()).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert window.pages.currentWidget() is window.manager_page


def test_an_empty_journal_opens_on_the_welcome(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    assert window.roster.count_label.text() == "0 managers"
    assert not window.sample_banner.isVisible()


def test_adding_the_first_manager(make_window: MakeWindow, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "  Zoë Ångström ")
    window = make_window()
    qtbot.mouseClick(window.welcome.add_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.manager_page
    assert window.manager_page.name_label.text() == "Zoë Ångström"
    assert [r.name for r in roster.list_managers()] == ["Zoë Ångström"]
    assert window.roster.count_label.text() == "1 manager"
    assert window.focusWidget() is window.manager_page.profile.fields["title"]


def test_cancelling_the_new_manager_dialog_adds_nobody(
    make_window: MakeWindow, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: None)
    window = make_window()
    window.add_action.trigger()
    assert roster.count_managers() == 0
    assert window.pages.currentWidget() is window.welcome


def test_edits_save_themselves(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    window.manager_page.tabs.setCurrentWidget(window.manager_page.profile)
    window.roster.select(roster.list_managers()[0].id)
    show_selected_manager(window, qtbot)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    title = window.manager_page.profile.fields["title"]
    title.selectAll()
    type_text(title, "VP of Sales 🚀")
    type_text(window.manager_page.profile.notes_edit, "Wants to lead ליאור's team.")
    qtbot.mouseClick(window.manager_page.profile.promoted_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: roster.get_manager(manager_id).title == "VP of Sales 🚀", timeout=3000)
    saved = roster.get_manager(manager_id)
    assert saved.notes == "Wants to lead ליאור's team."
    assert saved.promoted_from_sales is True
    assert window.manager_page.profile.save_state.text() == "All changes saved"
    assert "Saved" in window.statusBar().currentMessage()
    assert "VP of Sales 🚀" in window.roster.model.record(manager_id).title


def test_manager_since_is_saved_and_cleared(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    window.manager_page.tabs.setCurrentWidget(window.manager_page.profile)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    window.manager_page.profile.since_edit.set_value(dt.date(2019, 4, 1), notify=True)
    qtbot.waitUntil(
        lambda: roster.get_manager(manager_id).manager_since == dt.date(2019, 4, 1), timeout=3000
    )
    assert window.manager_page.profile.tenure_label.text().startswith("a manager for ")
    qtbot.mouseClick(window.manager_page.profile.since_edit.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: roster.get_manager(manager_id).manager_since is None, timeout=3000)


def test_a_bad_email_is_kept_on_screen_with_a_message(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    show_selected_manager(window, qtbot)
    window.manager_page.tabs.setCurrentWidget(window.manager_page.profile)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    email = window.manager_page.profile.fields["email"]
    qtbot.keyClicks(email, "ben at example")
    qtbot.keyClicks(window.manager_page.profile.fields["phone"], "555-0100")
    error = window.manager_page.profile.errors["email"]
    qtbot.waitUntil(error.isVisible, timeout=3000)
    assert "does not look like an e-mail" in error.text()
    assert email.text() == "ben at example"
    stored = roster.get_manager(manager_id)
    assert stored.email == ""
    assert stored.phone == "555-0100"
    email.clear()
    qtbot.keyClicks(email, "ben@example.com")
    qtbot.waitUntil(lambda: roster.get_manager(manager_id).email == "ben@example.com", timeout=3000)
    assert not error.isVisible()


def test_clearing_the_name_is_refused(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    show_selected_manager(window, qtbot)
    window.manager_page.tabs.setCurrentWidget(window.manager_page.profile)
    manager_id = window.manager_page.manager_id
    assert manager_id is not None
    name = roster.get_manager(manager_id).name
    window.manager_page.profile.fields["name"].selectAll()
    qtbot.keyClick(window.manager_page.profile.fields["name"], Qt.Key.Key_Delete)
    qtbot.waitUntil(window.manager_page.profile.errors["name"].isVisible, timeout=3000)
    assert roster.get_manager(manager_id).name == name
    assert window.manager_page.profile.save_state.text() == "Not saved: see the message below"


def test_filter_as_you_type(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    panel = window.roster
    assert panel.proxy.rowCount() == 2
    assert panel.count_label.text() == "2 managers"
    qtbot.keyClicks(panel.filter_edit, "nun")
    assert panel.proxy.rowCount() == 0
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "south")
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == [
        "Carla Núñez"
    ]
    assert panel.count_label.text() == "1 of 2 managers"
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "zzz")
    assert panel.empty_label.isVisible()
    assert "zzz" in panel.empty_label.text()


def test_enter_in_the_filter_opens_the_first_match(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    qtbot.keyClicks(window.roster.filter_edit, "carla")
    qtbot.keyClick(window.roster.filter_edit, Qt.Key.Key_Return)
    assert window.manager_page.name_label.text() == "Carla Núñez"
    assert window.focusWidget() is window.roster.list_view


def test_archive_and_unarchive(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    panel = window.roster
    ben = next(r for r in roster.list_managers() if r.name == "Ben Okafor")
    panel.select(ben.id)
    qtbot.mouseClick(window.manager_page.archive_button, Qt.MouseButton.LeftButton)
    assert roster.get_manager(ben.id).archived
    assert panel.count_label.text() == "1 manager"
    assert window.manager_page.name_label.text() == "Carla Núñez"
    assert "Archived Ben Okafor" in window.statusBar().currentMessage()
    panel.show_archived.setChecked(True)
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert names == ["Ann Archer", "Ben Okafor", "Carla Núñez"]
    assert panel.show_archived.text() == "Show archived (2)"
    panel.select(ben.id)
    assert window.manager_page.archived_badge.isVisible()
    qtbot.mouseClick(window.manager_page.archive_button, Qt.MouseButton.LeftButton)
    assert not roster.get_manager(ben.id).archived
    assert window.manager_page.archive_button.text() == "Archive"


def test_delete_asks_first(make_window: MakeWindow, team: Path, qtbot, monkeypatch) -> None:
    window = make_window(team)
    carla = next(r for r in roster.list_managers() if r.name == "Carla Núñez")
    window.roster.select(carla.id)
    asked: list[str] = []

    def refuse(parent, title, question, detail, action):
        asked.append(question)
        return False

    monkeypatch.setattr(dialogs, "confirm", refuse)
    window.delete_action.trigger()
    assert asked == ["Delete Carla Núñez and everything you wrote about them?"]
    assert roster.get_manager(carla.id).name == "Carla Núñez"
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    window.delete_action.trigger()
    assert [r.name for r in roster.list_managers(include_archived=True)] == [
        "Ann Archer",
        "Ben Okafor",
    ]
    assert window.manager_page.name_label.text() == "Ben Okafor"


def test_window_geometry_and_selection_persist(make_window: MakeWindow, team: Path, qtbot) -> None:
    window = make_window(team)
    window.resize(780, 520)
    window.splitter.setSizes([260, 520])
    ben = next(r for r in roster.list_managers() if r.name == "Ben Okafor")
    window.roster.select(ben.id)
    window.close()
    reopened = make_window(team)
    assert reopened.size().width() == 780
    assert reopened.size().height() == 520
    assert reopened.splitter.sizes()[0] == 260
    assert reopened.manager_page.name_label.text() == "Ben Okafor"


def test_the_sample_team_lives_in_its_own_file(
    make_window: MakeWindow, qtbot, tmp_path: Path
) -> None:
    window = make_window()
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.session.is_sample
    assert window.sample_banner.isVisible()
    assert window.windowTitle().startswith("Sample team")
    assert window.roster.model.total == 8
    assert window.pages.currentWidget() is window.dashboard
    window.home_action.trigger()
    assert not window.session.is_sample
    assert not window.sample_banner.isVisible()
    assert window.pages.currentWidget() is window.welcome
    assert roster.count_managers() == 0


def test_item_models_follow_the_qt_contract(
    make_window: MakeWindow, team: Path, qtmodeltester
) -> None:
    window = make_window(team)
    qtmodeltester.check(window.roster.model)
    qtmodeltester.check(window.roster.proxy)


def test_the_assignments_view_and_team_cadence_are_one_action_away(
    make_window: MakeWindow, team: Path, qtbot, monkeypatch
) -> None:
    window = make_window(team)
    window.assignments_action.trigger()
    assert window.pages.currentWidget() is window.assignments_page
    assert window.assignments_action.isChecked()
    window.team_action.trigger()
    assert window.pages.currentWidget() is window.dashboard
    shown: list[object] = []
    monkeypatch.setattr(
        "ui.cadence.team_dialog.TeamCadenceDialog.exec", lambda self: shown.append(self)
    )
    window.team_cadence_action.trigger()
    assert len(shown) == 1


def test_a_manager_page_opens_on_the_journal_and_builds_its_other_tabs_after_painting(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    window.show()
    qtbot.waitExposed(window)
    carla = next(m for m in roster.list_managers() if m.name == "Carla Núñez")
    window.open_manager(carla.id)
    page = window.manager_page
    tabs = page.tabs
    built = [tabs.is_built(i) for i in range(tabs.count())]
    assert built == [True, False, False, False]  # the journal alone, until the page has painted
    assert page.unsaved_work() is None  # and asking does not build the development tab
    assert [tabs.is_built(i) for i in range(tabs.count())] == built
    assert tabs.currentWidget() is page.journal
    qtbot.waitUntil(lambda: all(tabs.is_built(i) for i in range(tabs.count())))
    assert page.profile.fields["title"].text() == "Regional Sales Manager"  # built for Carla
    ben = next(m for m in roster.list_managers() if m.name == "Ben Okafor")
    window.open_manager(ben.id)
    assert page.profile.fields["title"].text() == "Inside Sales Lead"
    assert page.development.manager_id == ben.id
    assert page.results.manager_id == ben.id


def test_opening_another_journal_saves_the_page_and_forgets_its_manager(
    make_window: MakeWindow, team: Path, tmp_path: Path, qtbot
) -> None:
    """A restore opens the new journal and fills it while the event loop runs: the page's tabs
    built after the switch must not ask the new journal for the last one's manager."""
    window = make_window(team)
    window.show()
    qtbot.waitExposed(window)
    carla = next(m for m in roster.list_managers() if m.name == "Carla Núñez")
    window.open_manager(carla.id)
    page = window.manager_page
    page.tabs.setCurrentWidget(page.profile)
    title = page.profile.fields["title"]
    title.selectAll()
    type_text(title, "Area Director")  # typed, its autosave not due yet
    built = [page.tabs.is_built(i) for i in range(page.tabs.count())]
    assert not all(built)
    window.session.open(tmp_path / "empty.db")
    assert page.manager_id is None
    for index in range(page.tabs.count()):  # as the build after painting would, had it painted
        page.tabs.page(index)
    assert page.development.manager_id is None and page.results.manager_id is None
    window.session.open(team)
    assert roster.get_manager(carla.id).title == "Area Director"  # saved into its own journal
