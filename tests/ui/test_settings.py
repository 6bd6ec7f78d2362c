"""The settings dialog: live theme, dates and week start, reminders, lock and backups, saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QSpinBox,
)

from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db, preferences
from coachjournal.storage.preferences import Preferences
from tests.ui.conftest import MakeWindow
from ui import dates, dialogs, theme
from ui.icons import icon
from ui.settings.dialog import SettingsDialog
from ui.widgets.chart_canvas import palette_theme
from ui.widgets.date_edit import DateField


@pytest.fixture(autouse=True)
def restore_look(qapp: QApplication) -> Iterator[None]:
    """Tests here switch the whole app's theme and date format: put them back after each."""
    yield
    theme.apply_theme(qapp, "system")
    dates.configure(Preferences())


@pytest.fixture
def prefs_path(tmp_path: Path) -> Path:
    return tmp_path / "preferences.json"


def make_dialog(qtbot, make_window: MakeWindow, prefs_path: Path) -> SettingsDialog:
    window = make_window()
    dialog = SettingsDialog(window.session, window, prefs_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def ink(pixmap: QPixmap) -> float:
    """The mean lightness of an icon's drawn (opaque) pixels."""
    image = pixmap.toImage()
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert values
    return sum(values) / len(values)


def choose(box: QComboBox, data: object) -> None:
    box.setCurrentIndex(box.findData(data))


def test_the_menu_action_opens_the_dialog_on_the_saved_values(
    qtbot, make_window: MakeWindow, monkeypatch
) -> None:
    preferences.save(Preferences(theme="dark", lock_after_minutes=0, reminders=False))
    window = make_window()
    opened: list[SettingsDialog] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.settings_action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.theme.currentText() == "Dark"
    assert dialog.lock_after.text() == "Never"
    assert not dialog.reminders.isChecked()
    assert window.settings_action in window.menuBar().actions()[0].menu().actions()
    preferences.preferences_path().unlink()


def test_the_theme_applies_live_charts_follow_and_cancel_puts_it_back(
    qtbot, make_window: MakeWindow, prefs_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog = make_dialog(qtbot, make_window, prefs_path)
    assert not theme.is_dark(app.palette())
    add = icon("add")  # built before the switch: it recolours when painted again
    ink_before = ink(add.pixmap(24, 24))
    choose(dialog.theme, "dark")
    assert theme.is_dark(app.palette())
    assert ink_before < 100 < ink(add.pixmap(24, 24))
    chart = palette_theme(app.palette())
    assert chart.background == theme.dark_palette().window().color().name().upper()
    choose(dialog.theme, "light")
    assert not theme.is_dark(app.palette())
    choose(dialog.theme, "dark")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_discard", lambda _parent, what: asked.append(what) or True)
    dialog.reject()
    assert asked == ["your changes"], "Cancel asks before the changes go"
    assert not theme.is_dark(app.palette())
    assert not prefs_path.exists()


def test_ok_saves_every_value_and_dates_follow_at_once(
    qtbot, make_window: MakeWindow, prefs_path: Path, tmp_path: Path, monkeypatch
) -> None:
    dialog = make_dialog(qtbot, make_window, prefs_path)
    saved: list[Preferences] = []
    dialog.saved.connect(saved.append)
    choose(dialog.date_format, "iso")
    choose(dialog.week_start, 6)
    dialog.reminders.setChecked(False)
    dialog.lock_after.setValue(0)
    assert dialog.lock_after.text() == "Never"
    dialog.daily.setValue(3)
    dialog.weekly.setValue(12)
    folder = tmp_path / "backups"
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_args: str(folder))
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "chooseFolder"), Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == str(folder)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    expected = Preferences(
        date_format="iso",
        week_start=6,
        reminders=False,
        lock_after_minutes=0,
        backup_folder=folder,
        daily_backups=3,
        weekly_backups=12,
    )
    assert preferences.load(prefs_path) == expected
    assert saved == [expected]
    assert dates.date_text(dt.date(2026, 3, 4)) == "2026-03-04"
    assert dates.week_start() == 6
    field = DateField()
    field.set_value(dt.date(2026, 3, 4))
    qtbot.addWidget(field)
    field.show()
    assert field.line.text() == "Wed 2026-03-04"
    field.open_calendar()
    assert field.popup is not None
    assert field.popup.calendar.firstDayOfWeek() == Qt.DayOfWeek.Sunday
    field.popup.close()


def test_a_file_is_refused_as_backup_folder_and_default_comes_back(
    qtbot, make_window: MakeWindow, prefs_path: Path, tmp_path: Path, monkeypatch
) -> None:
    dialog = make_dialog(qtbot, make_window, prefs_path)
    assert dialog.folder.text().endswith("(default)")
    assert not dialog.default_folder.isEnabled()
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_args: str(not_a_folder))
    dialog._choose_folder()
    assert dialog.error.isVisible() and "is a file, not a folder" in dialog.error.text()
    assert dialog.values().backup_folder is None
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_args: str(tmp_path))
    dialog._choose_folder()
    assert not dialog.error.isVisible()
    assert dialog.default_folder.isEnabled()
    dialog.default_folder.click()
    assert dialog.values().backup_folder is None


def test_a_failed_save_says_so_and_keeps_the_dialog_open(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the settings folder should be")
    dialog = make_dialog(qtbot, make_window, blocker / "preferences.json")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("The settings could not be saved")


def test_the_cadence_page_is_the_team_cadence_editor(
    qtbot, make_window: MakeWindow, prefs_path: Path
) -> None:
    dialog = make_dialog(qtbot, make_window, prefs_path)
    dialog.tabs.setCurrentIndex(1)
    row = dialog.cadence_editor.rows[TouchpointKind.ONE_ON_ONE]
    row.maximum.setValue(21)
    row.ideal.setValue(10)
    rule = cadence.team_defaults()[TouchpointKind.ONE_ON_ONE]
    assert (rule.ideal_days, rule.max_days) == (10, 21)


def test_every_field_has_an_accessible_name_or_a_label(
    qtbot, make_window: MakeWindow, prefs_path: Path
) -> None:
    dialog = make_dialog(qtbot, make_window, prefs_path)
    for kind in (QComboBox, QSpinBox, QLineEdit, QAbstractButton):
        for widget in dialog.findChildren(kind):
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(
                widget.parent(), QSpinBox | QComboBox
            ):
                assert widget.accessibleName() or text, widget
    spans = {dialog.date_format.itemText(i) for i in range(dialog.date_format.count())}
    assert "ISO 8601 (2026-11-26)" in spans and "Month, day, year (Nov 26, 2026)" in spans


def test_date_formats_and_the_orders_they_stand_for(monkeypatch) -> None:
    day = dt.date(2026, 3, 4)
    assert dates.date_text(day, date_format="iso") == "2026-03-04"
    assert dates.date_text(day, date_format="day-month") == "4 Mar 2026"
    assert dates.date_text(day, date_format="month-day") == "Mar 4, 2026"
    assert dates.date_text(day, year=False, date_format="month-day") == "Mar 4"
    assert dates.date_text(day, year=False, date_format="iso") == "2026-03-04"
    for locale, expected in (("en_US", "month-day"), ("de_DE", "day-month"), ("ja_JP", "iso")):
        monkeypatch.setattr(dates.QLocale, "system", lambda name=locale: dates.QLocale(name))
        assert dates.order("system") == expected
    dates.configure(Preferences(date_format="month-day"))
    assert dates.long_date_text(day) == "Wednesday, Mar 4, 2026"


def test_dates_with_the_weekday_and_the_time_follow_the_chosen_order() -> None:
    moment = dt.datetime(2026, 3, 4, 9, 5)
    dates.configure(Preferences(date_format="day-month"))
    assert dates.date_text(moment.date(), weekday=True) == "Wed 4 Mar 2026"
    assert dates.date_time_text(moment) == "4 Mar 2026, 09:05"
    assert dates.date_time_text(moment, weekday=True) == "Wed 4 Mar 2026, 09:05"
    dates.configure(Preferences(date_format="month-day"))
    assert dates.date_time_text(moment, weekday=True) == "Wed, Mar 4, 2026, 09:05"
    assert dates.date_text(moment.date(), weekday=True, date_format="iso") == "Wed 2026-03-04"


def test_the_timeline_writes_dates_in_the_chosen_format(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "journal.db"
    db.open_journal(path)
    manager_id = roster.create_manager("Ada Byrne").id
    touchpoints.log_touchpoint(
        manager_id, dt.datetime(2026, 3, 4, 9, 5), TouchpointKind.ONE_ON_ONE, summary="Forecast"
    )
    db.close_journal()
    window = make_window(path)
    window.open_manager(manager_id)
    timeline = window.manager_page.journal.model
    qtbot.waitUntil(lambda: timeline.rowCount() == 1, timeout=3000)
    # Beside the reading pane a narrow list leaves the time out (the pane shows it).
    assert timeline.index(0, 0).data() in ("Wed 4 Mar 2026, 09:05", "Wed 4 Mar 2026")
    dates.configure(Preferences(date_format="iso"))
    assert timeline.index(0, 0).data() in ("Wed 2026-03-04, 09:05", "Wed 2026-03-04")


def test_the_week_ends_the_day_before_it_starts() -> None:
    wednesday = dt.date(2026, 3, 4)
    dates.configure(Preferences(week_start=0))
    assert dates.week_end(wednesday) == dt.date(2026, 3, 8)  # Sunday
    dates.configure(Preferences(week_start=6))
    assert dates.week_end(wednesday) == dt.date(2026, 3, 7)  # Saturday
    assert dates.week_end(dt.date(2026, 3, 7)) == dt.date(2026, 3, 7)
    dates.configure(Preferences(week_start=2))
    assert dates.week_end(wednesday) == dt.date(2026, 3, 10)  # Tuesday next week
