"""Settings (Ctrl+, or the platform's Preferences key): every machine-wide preference and the
team's cadence in one dialog.

The preferences are saved through the session (:meth:`JournalSession.save_preferences`) when
the user presses OK; the theme is shown live as it is picked and put back on Cancel. The
cadence page is the Team Cadence editor itself, which saves each change at once (it belongs
to the journal, not to this machine), as its page says. Every field offers only valid values:
lists, bounded spin boxes and a folder chooser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachjournal.errors import CoachJournalError
from ui import dates, dialogs, theme
from ui.cadence.editor import CadenceEditor
from ui.session import (
    BACKUPS_KEPT_RANGE,
    DATE_FORMATS,
    LOCK_MINUTES_RANGE,
    DateFormat,
    JournalSession,
    Preferences,
    Theme,
)
from ui.sync.settings import SyncSettings
from ui.widgets.basic import label
from ui.widgets.fields import error_label, may_discard

THEME_NAMES: dict[Theme, str] = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
}
_SAMPLE_DAY = dt.date(2026, 11, 26)


def date_format_name(date_format: DateFormat) -> str:
    """The choice with an example: "Day, month, year (26 Nov 2026)"."""
    sample = dates.date_text(_SAMPLE_DAY, date_format=date_format)
    names: dict[DateFormat, str] = {
        "system": "As the system",
        "iso": "ISO 8601",
        "day-month": "Day, month, year",
        "month-day": "Month, day, year",
    }
    return f"{names[date_format]} ({sample})"


def _combo(accessible_name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    return box


class SettingsDialog(QDialog):
    """``saved`` carries the preferences just written, for the screens that follow them."""

    saved = Signal(object)

    def __init__(
        self,
        session: JournalSession,
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.path = path
        self.session = session
        self.original = session.load_preferences(path)
        self._backup_folder = self.original.backup_folder

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings pages")
        self.tabs.addTab(self._general_page(), "General")
        self.tabs.addTab(self._cadence_page(session), "Cadence")
        self.tabs.addTab(self._privacy_page(), "Privacy && Backups")
        self.tabs.addTab(
            self._page(
                "Keeping this journal the same on your computers. These choices take effect at "
                "once.",
                SyncSettings(session),
            ),
            "Sync",
        )

        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)
        self._show(self.original)

    # --- Pages -------------------------------------------------------------------------------

    def _general_page(self) -> QWidget:
        self.theme = _combo("Theme")
        for value, name in THEME_NAMES.items():
            self.theme.addItem(name, value)
        self.theme.currentIndexChanged.connect(self._preview_theme)
        self.date_format = _combo("Date format")
        for date_format in DATE_FORMATS:
            self.date_format.addItem(date_format_name(date_format), date_format)
        self.week_start = _combo("Week starts on")
        system_day = dates.WEEKDAYS[dates.week_start_of_locale()]
        self.week_start.addItem(f"As the system ({system_day})", None)
        for number, day in enumerate(dates.WEEKDAYS):
            self.week_start.addItem(day, number)
        self.reminders = QCheckBox("Show what is due today when the app starts")
        self.reminders.setAccessibleName("Show what is due today when the app starts")

        look = QGroupBox("Look")
        look_form = QFormLayout(look)
        look_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        look_form.addRow("&Theme:", self.theme)
        look_form.addRow("&Dates:", self.date_format)
        look_form.addRow("&Week starts on:", self.week_start)
        start = QGroupBox("When the app starts")
        QVBoxLayout(start).addWidget(self.reminders)
        return self._page(
            "How the app looks on this computer. The theme changes as you pick it.", look, start
        )

    def _cadence_page(self, session: JournalSession) -> QWidget:
        self.cadence_editor = CadenceEditor(session)
        self.cadence_editor.show_manager(None)
        group = QGroupBox("Cadence for the whole team")
        QVBoxLayout(group).addWidget(self.cadence_editor)
        return self._page(
            "How often you mean to meet each manager, unless their profile sets their own "
            "rhythm. These belong to the journal and are saved as you change them; Manager ▸ "
            "Team Cadence also chooses what counts as a one-on-one.",
            group,
        )

    def _privacy_page(self) -> QWidget:
        self.lock_after = QSpinBox()
        self.lock_after.setAccessibleName("Lock the journal after this many idle minutes")
        self.lock_after.setRange(LOCK_MINUTES_RANGE.start, LOCK_MINUTES_RANGE.stop - 1)
        self.lock_after.setSpecialValueText("Never")
        self.lock_after.setSuffix(" minutes idle")
        self.lock_after.setMinimumWidth(160)
        lock = QGroupBox("Lock")
        lock_form = QFormLayout(lock)
        lock_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lock_form.addRow("&Lock the window after:", self.lock_after)
        lock_form.addRow(label("Never (0) leaves it open until you lock it.", "mutedLabel"))

        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Backup folder")
        choose = QPushButton("&Choose…")
        choose.setObjectName("chooseFolder")
        choose.setAccessibleName("Choose the backup folder")
        choose.clicked.connect(self._choose_folder)
        self.default_folder = QPushButton("Use d&efault")
        self.default_folder.setAccessibleName("Use the default backup folder")
        self.default_folder.clicked.connect(self._use_default_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(self.default_folder)
        self.daily = self._kept_box("Daily backups kept", " days")
        self.weekly = self._kept_box("Weekly backups kept", " weeks")
        backups = QGroupBox("Automatic backups")
        backup_form = QFormLayout(backups)
        folder_label = label("Backup f&older:")
        folder_label.setBuddy(choose)
        backup_form.addRow(folder_label, folder_row)
        backup_form.addRow("&Daily backups kept:", self.daily)
        backup_form.addRow("&Weekly backups kept:", self.weekly)
        return self._page(
            "Your journal stays on this computer. Automatic backups are copies of it, kept in "
            "the folder below; the oldest go once there are more than you keep.",
            lock,
            backups,
        )

    @staticmethod
    def _kept_box(name: str, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setAccessibleName(name)
        box.setRange(BACKUPS_KEPT_RANGE.start, BACKUPS_KEPT_RANGE.stop - 1)
        box.setSuffix(suffix)
        box.setMinimumWidth(120)
        box.setMaximumWidth(160)
        return box

    @staticmethod
    def _page(intro: str, *groups: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(label(intro, "mutedLabel", wrap=True))
        for group in groups:
            layout.addWidget(group)
        layout.addStretch(1)
        return page

    # --- Values ------------------------------------------------------------------------------

    def _show(self, values: Preferences) -> None:
        self.theme.setCurrentIndex(self.theme.findData(values.theme))
        self.date_format.setCurrentIndex(self.date_format.findData(values.date_format))
        self.week_start.setCurrentIndex(0 if values.week_start is None else values.week_start + 1)
        self.reminders.setChecked(values.reminders)
        self.lock_after.setValue(values.lock_after_minutes)
        self.daily.setValue(values.daily_backups)
        self.weekly.setValue(values.weekly_backups)
        self._show_folder()

    def _show_folder(self) -> None:
        default = self._backup_folder is None
        folder = Preferences(backup_folder=self._backup_folder).backup_dir()
        self.folder.setText(f"{folder} (default)" if default else str(folder))
        self.folder.setToolTip(str(folder))
        self.default_folder.setEnabled(not default)

    def values(self) -> Preferences:
        """The preferences as the dialog shows them."""
        week = self.week_start.currentData()
        return dataclasses.replace(
            self.original,
            theme=self.theme.currentData(),
            date_format=self.date_format.currentData(),
            week_start=None if week is None else int(week),
            reminders=self.reminders.isChecked(),
            lock_after_minutes=self.lock_after.value(),
            backup_folder=self._backup_folder,
            daily_backups=self.daily.value(),
            weekly_backups=self.weekly.value(),
        )

    @Slot()
    def _preview_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, self.theme.currentData())

    @Slot()
    def _choose_folder(self) -> None:
        start = Preferences(backup_folder=self._backup_folder).backup_dir()
        chosen = dialogs.choose_folder(self, "Backup folder", str(start))
        if chosen is None:
            return
        folder = Path(chosen)
        if folder.exists() and not folder.is_dir():
            self._fail(f"{folder} is a file, not a folder. Choose a folder for the backups.")
            return
        self._backup_folder = folder
        self.error.hide()
        self._show_folder()

    @Slot()
    def _use_default_folder(self) -> None:
        self._backup_folder = None
        self._show_folder()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        """Save, tell the screens, close; a failed save says why and keeps the dialog open."""
        values = self.values()
        try:
            self.session.save_preferences(values, self.path)
        except (OSError, CoachJournalError) as error:
            reason = str(error).rstrip(".")
            self._fail(
                f"The settings could not be saved ({reason}). Check that the settings folder "
                "can be written to, then press OK again."
            )
            return
        dates.configure(values)
        self.saved.emit(values)
        super().accept()

    def reject(self) -> None:
        """Cancel, Esc or the close button: asks before changed settings are lost, then puts
        the theme back as it was."""
        if not may_discard(self, "your changes" if self.values() != self.original else None):
            return
        if self.theme.currentData() != self.original.theme:
            self.theme.setCurrentIndex(self.theme.findData(self.original.theme))
        super().reject()
