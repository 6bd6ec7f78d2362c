"""The profile form. Every edit is saved a moment after the user stops typing (no Save
button); invalid input is kept on screen with a message beside it and saved once it is fixed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching.roster import (
    ManagerRecord,
    describe_tenure,
    get_manager,
    list_managers,
)
from ui.cadence.editor import CadenceEditor
from ui.session import JournalSession
from ui.widgets.basic import label, line_edit
from ui.widgets.date_edit import DateField
from ui.widgets.fields import Autosave, with_error

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
        #: The manager as the last write left them.
        self._written: ManagerRecord | None = None
        self._loading = False

        self.save_state = label("", "mutedLabel")
        self.tenure_label = label("", "mutedLabel")

        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.autosave = Autosave(self, self._write, self.errors)
        self.autosave.saved.connect(self._saved)
        session.history_replayed.connect(self._after_undo)
        self.autosave.refused.connect(
            lambda: self.save_state.setText("Not saved: see the message below")
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for field, title, placeholder in _LINE_FIELDS:
            edit = line_edit(placeholder, title)
            edit.textEdited.connect(lambda text, f=field: self._edited(f, text))
            self.fields[field] = edit
            form.addRow(f"{title}:", with_error(edit, self.errors, field))

        self.since_edit = DateField(leaning="past", placeholder="Not set")
        self.since_edit.setAccessibleName("Manager since")
        self.since_edit.value_changed.connect(
            lambda: self._edited("manager_since", self.since_edit.value())
        )
        since_row = QHBoxLayout()
        since_row.addWidget(self.since_edit)
        since_row.addWidget(self.tenure_label, 1)
        form.addRow("Manager since:", with_error(since_row, self.errors, "manager_since"))

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

        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(18, 16, 18, 18)
        card_layout.addLayout(form)
        notes_title = label("Notes", "sectionTitle")
        card_layout.addSpacing(6)
        card_layout.addWidget(notes_title)
        card_layout.addWidget(self.notes_edit, 1)
        card_layout.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignRight)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(20, 16, 20, 20)
        content_layout.setSpacing(14)
        content_layout.addWidget(card, 1)
        self.cadence = CadenceEditor(session)
        cadence_card = QFrame()
        cadence_card.setObjectName("card")
        cadence_layout = QVBoxLayout(cadence_card)
        cadence_layout.setContentsMargins(18, 14, 18, 16)
        cadence_layout.addWidget(label("Coaching cadence", "sectionTitle"))
        cadence_layout.addWidget(self.cadence)
        content_layout.addWidget(cadence_card)
        content.setMaximumWidth(1100)
        page = QWidget()
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(content, 1)
        page_layout.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_manager(self, manager_id: int) -> None:
        """Save any pending edit of the previous manager, then show this one."""
        self.flush()
        self.cadence.show_manager(manager_id)
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
        self._show_tenure(record)

    @Slot()
    def _after_undo(self) -> None:
        """Edit ▸ Undo or Redo may have changed the shown manager: show their fields afresh."""
        shown = {r.id: r for r in list_managers(include_archived=True)}.get(self.manager_id or 0)
        if shown is not None:
            self.autosave.discard()
            self._load(shown)

    def _show_tenure(self, record: ManagerRecord) -> None:
        since = record.manager_since
        self.tenure_label.setText(f"a manager for {describe_tenure(since)}" if since else "")

    def _edited(self, field: str, value: Any) -> None:
        if self._loading or self.manager_id is None:
            return
        self.save_state.setText("Saving…")
        self.autosave.edited(field, value)

    def _write(self, changes: dict[str, Any]) -> None:
        assert self.manager_id is not None
        self._written = self.session.update_manager(self.manager_id, **changes)

    @Slot()
    def _saved(self) -> None:
        assert self._written is not None
        self._show_tenure(self._written)
        self.save_state.setText("All changes saved")
        self.saved.emit(f"Saved {self._written.name}")

    @Slot()
    def flush(self) -> None:
        """Write pending edits now. Valid fields are saved even when another one is not."""
        self.autosave.flush()
