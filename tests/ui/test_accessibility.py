"""Every control a user can reach has a name a screen reader can say, as Qt's accessibility
layer computes it (its own text, its label's buddy, or an accessible name set in code), on every
main screen, every tab of a manager, the prep sheet and the dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from coachjournal import sample
from coachjournal.coaching import roster
from ui.main_window import MainWindow

from .conftest import MakeWindow

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def _part_of_another_control(widget: QWidget) -> bool:
    """Qt's own inner parts (a spin box's text field, a line edit's clear button, a table's
    corner button) are named through the control they belong to."""
    parent = widget.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(
        parent, QAbstractSpinBox | QComboBox | QLineEdit
    )


def unnamed(root: QWidget) -> list[str]:
    """The visible, focusable controls under ``root`` that have no accessible name."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or _part_of_another_control(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            found.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    return found


@pytest.fixture
def window(make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    path = tmp_path / "team.db"
    sample.create_sample_journal(path)
    return make_window(path)


def test_every_control_of_every_screen_has_a_name(window: MainWindow, qtbot) -> None:
    window.show_team()
    assert unnamed(window) == []
    window.show_charts()
    assert unnamed(window) == []
    window.show_assignments()
    assert unnamed(window) == []
    window.show_team_picture()
    picture = window.team_page.tabs
    for index in range(picture.count()):
        picture.setCurrentIndex(index)
        assert unnamed(window) == [], picture.tabText(index)
    window.open_manager(roster.list_managers()[0].id)
    tabs = window.manager_page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        assert unnamed(window) == [], tabs.tabText(index)


def test_the_prep_sheet_and_the_editor_name_every_control(window: MainWindow, qtbot) -> None:
    manager_id = roster.list_managers()[0].id
    prep = window.open_prep(manager_id)
    qtbot.addWidget(prep)
    assert unnamed(prep) == []
    window.open_manager(manager_id)
    editor = window.manager_page.journal.log_new()
    assert editor is not None
    assert unnamed(editor) == []


def test_the_settings_palette_and_shortcuts_name_every_control(window: MainWindow, qtbot) -> None:
    from ui.help.shortcuts import ShortcutsDialog
    from ui.settings.dialog import SettingsDialog

    settings = SettingsDialog(window.session, window)
    qtbot.addWidget(settings)
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        assert unnamed(settings) == [], index
    shortcuts = ShortcutsDialog(window)
    qtbot.addWidget(shortcuts)
    shortcuts.show()
    assert unnamed(shortcuts) == []
    window.palette_popup.open()
    assert unnamed(window.palette_popup) == []


def test_the_team_plan_editor_names_every_control(window: MainWindow, qtbot) -> None:
    from coachjournal.coaching.team.plan import list_plans
    from ui.team.plan import PlanEditor

    editor = PlanEditor(["Coaching reps"], list_plans()[0], window)
    qtbot.addWidget(editor)
    editor.show()
    assert unnamed(editor) == []


def test_a_control_without_a_name_is_found(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout

    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    layout.addRow("&Team:", QLineEdit())
    layout.addRow(QLineEdit())
    form.show()
    assert unnamed(form) == ["QLineEdit in QWidget"]
