"""The profile editor. Every edit is saved a moment after the user stops typing (no Save
button); invalid input is kept on screen with a message beside it and saved once it is fixed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachjournal.errors import ValidationError
from coachjournal.roster import ManagerRecord, describe_tenure, get_manager
from ui import dialogs
from ui.icons import icon
from ui.roster.model import subtitle
from ui.session import JournalSession
from ui.widgets.date_edit import OptionalDateEdit

#: Milliseconds of quiet after the last keystroke before an edit is written...
SAVE_DELAY_MS = 400
#: ...and the longest an edit waits while the user keeps typing without a pause.
SAVE_MAX_WAIT_MS = 2000

_LINE_FIELDS = (
    ("name", "Name", "Full name"),
    ("title", "Title", "e.g. Regional Sales Manager"),
    ("team", "Team or region", "e.g. Enterprise West"),
    ("email", "E-mail", "name@company.com"),
    ("phone", "Phone", ""),
)


class ProfileEditor(QWidget):
    """Shows one manager and writes the user's edits through the session."""

    saved = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self._pending: dict[str, Any] = {}
        self._loading = False
        self._quiet_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._quiet_timer.timeout.connect(self.flush)
        self._max_wait_timer = QTimer(self, singleShot=True, interval=SAVE_MAX_WAIT_MS)
        self._max_wait_timer.timeout.connect(self.flush)

        self.name_label = QLabel(objectName="profileName", wordWrap=True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = QLabel(objectName="mutedLabel", wordWrap=True)
        self.archived_badge = QLabel("Archived", objectName="badge")
        self.save_state = QLabel(objectName="mutedLabel")
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button = QPushButton(icon("delete"), "Delete…")
        self.delete_button.setObjectName("dangerButton")
        self.delete_button.clicked.connect(self.delete_current)

        titles = QVBoxLayout()
        titles.setSpacing(2)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label, 1)
        name_row.addWidget(self.archived_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        titles.addLayout(name_row)
        titles.addWidget(self.subtitle_label)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.archive_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)

        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for field, label, placeholder in _LINE_FIELDS:
            edit = QLineEdit(placeholderText=placeholder)
            edit.setAccessibleName(label)
            edit.textEdited.connect(lambda text, f=field: self._edited(f, text))
            self.fields[field] = edit
            form.addRow(f"{label}:", self._with_error(field, edit))

        self.since_edit = OptionalDateEdit()
        self.since_edit.setAccessibleName("Manager since")
        self.since_edit.value_changed.connect(
            lambda: self._edited("manager_since", self.since_edit.value())
        )
        self.tenure_label = QLabel(objectName="mutedLabel")
        since_row = QHBoxLayout()
        since_row.addWidget(self.since_edit)
        since_row.addWidget(self.tenure_label, 1)
        form.addRow("Manager since:", self._with_error("manager_since", since_row))

        self.promoted_check = QCheckBox("Promoted from a sales role")
        self.promoted_check.setAccessibleName("Promoted from a sales role")
        self.promoted_check.toggled.connect(
            lambda checked: self._edited("promoted_from_sales", checked)
        )
        form.addRow("", self.promoted_check)

        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes about this manager")
        self.notes_edit.setPlaceholderText(
            "Background, family, what they are proud of, how they like to be coached…"
        )
        self.notes_edit.setMinimumHeight(140)
        self.notes_edit.textChanged.connect(
            lambda: self._edited("notes", self.notes_edit.toPlainText())
        )

        card = QFrame(objectName="card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(18, 16, 18, 18)
        card_layout.addLayout(form)
        notes_title = QLabel("Notes", objectName="sectionTitle")
        card_layout.addSpacing(6)
        card_layout.addWidget(notes_title)
        card_layout.addWidget(self.notes_edit, 1)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(20, 16, 20, 20)
        content_layout.setSpacing(14)
        content_layout.addLayout(header)
        content_layout.addWidget(card, 1)
        content.setMaximumWidth(980)
        page = QWidget()
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(content, 1)
        page_layout.addStretch(0)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        session.manager_changed.connect(self._on_manager_changed)

    def _with_error(self, field: str, editor: QWidget | QHBoxLayout) -> QWidget:
        """Wraps an editor with a message line beneath it, shown only when the value is bad."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if isinstance(editor, QHBoxLayout):
            layout.addLayout(editor)
        else:
            layout.addWidget(editor)
        error = QLabel(objectName="fieldError", wordWrap=True)
        error.hide()
        layout.addWidget(error)
        self.errors[field] = error
        return box

    def show_manager(self, manager_id: int) -> None:
        """Save any pending edit of the previous manager, then show this one."""
        self.flush()
        self.manager_id = manager_id
        self._load(get_manager(manager_id))
        self.save_state.clear()

    def _load(self, record: ManagerRecord) -> None:
        self._loading = True
        try:
            for field, edit in self.fields.items():
                edit.setText(getattr(record, field))
            self.since_edit.set_maximum(dt.date.today())
            self.since_edit.set_value(record.manager_since)
            self.promoted_check.setChecked(record.promoted_from_sales)
            self.notes_edit.setPlainText(record.notes)
        finally:
            self._loading = False
        for error in self.errors.values():
            error.hide()
        self._show_header(record)

    def _show_header(self, record: ManagerRecord) -> None:
        self.name_label.setText(record.name)
        self.subtitle_label.setText(subtitle(record) or "Add a title and a team below.")
        self.archived_badge.setVisible(record.archived)
        self.archive_button.setIcon(icon("unarchive" if record.archived else "archive"))
        self.archive_button.setText("Unarchive" if record.archived else "Archive")
        self.archive_button.setToolTip(
            "Bring this manager back to the roster"
            if record.archived
            else "Hide this manager from the roster, keeping their history"
        )
        since = record.manager_since
        self.tenure_label.setText(f"a manager for {describe_tenure(since)}" if since else "")

    @Slot(int)
    def _on_manager_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self._show_header(get_manager(manager_id))

    def _edited(self, field: str, value: Any) -> None:
        if self._loading or self.manager_id is None:
            return
        self._pending[field] = value
        self.save_state.setText("Saving…")
        self._quiet_timer.start()
        if not self._max_wait_timer.isActive():
            self._max_wait_timer.start()

    @Slot()
    def flush(self) -> None:
        """Write pending edits now. Valid fields are saved even when another one is not."""
        self._quiet_timer.stop()
        self._max_wait_timer.stop()
        if self.manager_id is None or not self._pending:
            return
        pending, self._pending = self._pending, {}
        record: ManagerRecord | None = None
        while pending:
            try:
                record = self.session.update_manager(self.manager_id, **pending)
            except ValidationError as error:
                self._show_error(error.field, error.message)
                del pending[error.field]
                continue
            for field in pending:
                if field in self.errors:
                    self.errors[field].hide()
            break
        if record is not None:
            self.save_state.setText("All changes saved")
            self.saved.emit(f"Saved {record.name}")

    def _show_error(self, field: str, message: str) -> None:
        label = self.errors.get(field)
        if label is not None:
            label.setText(message)
            label.show()
        self.save_state.setText("Not saved: see the message below")

    @Slot()
    def toggle_archived(self) -> None:
        if self.manager_id is None:
            return
        self.flush()
        record = get_manager(self.manager_id)
        updated = self.session.set_archived(self.manager_id, not record.archived)
        self.saved.emit(f"{'Archived' if updated.archived else 'Unarchived'} {updated.name}")

    @Slot()
    def delete_current(self) -> None:
        if self.manager_id is None:
            return
        self.flush()
        record = get_manager(self.manager_id)
        if not dialogs.confirm(
            self,
            "Delete manager",
            f"Delete {record.name} and everything you wrote about them?",
            "Their touchpoints, notes, action items and assignments are deleted too. "
            "To keep their history, archive them instead.",
            "Delete",
        ):
            return
        manager_id, self.manager_id = self.manager_id, None
        self.session.delete_manager(manager_id)
        self.saved.emit(f"Deleted {record.name}")
