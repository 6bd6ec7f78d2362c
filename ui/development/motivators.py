"""A motivator in the Development tab's detail page: its name and note (saved as you type), the
day it was last confirmed with the manager, flagged when that is six months ago or more, and
its rank (moved here, by drag and drop or with Ctrl+Up and Ctrl+Down in the list)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from coachjournal.coaching import development
from coachjournal.coaching.catalogue import MOTIVATOR_HINTS
from coachjournal.coaching.development import Confirmation, MotivatorRecord
from ui.development.forms import row
from ui.development.pane import DetailPane
from ui.development.text import confirmation_text
from ui.icons import icon
from ui.widgets.basic import editable_combo, label, line_edit
from ui.widgets.date_edit import DateField
from ui.widgets.fields import with_error

_ADVICE = {
    Confirmation.STALE: "Ask whether it still drives them: what mattered a year ago may not now.",
    Confirmation.NEVER: "You have not checked this with them yet: ask in the next one-on-one.",
}


def motivator_combo() -> QComboBox:
    """An editable list of motivators: pick from the catalogue, or type your own."""
    combo = editable_combo("Motivator to add", "Add what drives them…")
    combo.setMinimumContentsLength(10)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def fill_motivators(combo: QComboBox, taken: set[str]) -> None:
    """The catalogue's motivators not on the list yet (``taken``, casefolded)."""
    combo.clear()
    for name, hint in MOTIVATOR_HINTS.items():
        if name.casefold() not in taken:
            combo.addItem(name)
            combo.setItemData(combo.count() - 1, hint, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(-1)
    combo.setEditText("")


class MotivatorPane(DetailPane[MotivatorRecord]):
    """One motivator. ``move_requested(offset)`` asks the list to move it up (-1) or down."""

    move_requested = Signal(int)

    def _build(self) -> None:
        self.rank_label = label("", "kindTag")
        self.up_button = QPushButton(icon("move-up"), "")
        self.up_button.setToolTip("Rank it higher (Ctrl+Up in the list)")
        self.up_button.setAccessibleName("Rank it higher")
        self.up_button.clicked.connect(lambda: self.move_requested.emit(-1))
        self.down_button = QPushButton(icon("move-down"), "")
        self.down_button.setToolTip("Rank it lower (Ctrl+Down in the list)")
        self.down_button.setAccessibleName("Rank it lower")
        self.down_button.clicked.connect(lambda: self.move_requested.emit(1))
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.delete_button.setToolTip("Delete this motivator (Ctrl+Z undoes)")
        self.delete_button.clicked.connect(lambda: self.delete())

        self.name_edit = line_edit("What drives them", "Motivator")
        self.name_edit.setObjectName("paneTitle")
        self.name_edit.textEdited.connect(lambda text: self._edited("name", text))
        self.hint = label("", "mutedLabel", wrap=True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText(
            "How it shows, and how you use it: what to praise, what to offer, what to avoid…"
        )
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(96)
        self.note_edit.textChanged.connect(
            lambda: self._edited("note", self.note_edit.toPlainText())
        )
        self.confirmed_edit = DateField(leaning="past", placeholder="Never")
        self.confirmed_edit.setAccessibleName("Last confirmed with them")
        self.confirmed_edit.value_changed.connect(
            lambda: self._edited("confirmed_on", self.confirmed_edit.value())
        )
        self.confirm_button = QPushButton(icon("confirm"), "Confirmed today")
        self.confirm_button.setToolTip("They told you today that it still drives them")
        self.confirm_button.clicked.connect(self.confirm)
        self.flag_icon = QLabel()
        self.flag_icon.setPixmap(icon("stale").pixmap(20, 20))
        self.flag_text = label("", "staleFlag", wrap=True)
        self.flag = QFrame()
        self.flag.setObjectName("callout")
        flag_layout = QHBoxLayout(self.flag)
        flag_layout.setContentsMargins(10, 8, 10, 8)
        flag_layout.addWidget(self.flag_icon, 0, Qt.AlignmentFlag.AlignTop)
        flag_layout.addWidget(self.flag_text, 1)

        self.setMaximumWidth(680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(
            row(self.rank_label, 1, self.up_button, self.down_button, self.delete_button)
        )
        layout.addWidget(with_error(self.name_edit, self.errors, "name"))
        layout.addWidget(self.hint)
        layout.addWidget(label("Note", "sectionTitle"))
        layout.addWidget(self.note_edit)
        layout.addWidget(label("Last confirmed with them", "sectionTitle"))
        confirmed = row(self.confirmed_edit, self.confirm_button, 1)
        layout.addWidget(with_error(confirmed, self.errors, "confirmed_on"))
        layout.addWidget(self.flag)
        layout.addStretch(1)

    def show_motivator(self, motivator_id: int) -> None:
        if self.record is not None and self.record.id != motivator_id:
            self.flush()
        record = development.get_motivator(motivator_id)
        self._loading = True
        try:
            self.name_edit.setText(record.name)
            self.note_edit.setPlainText(record.note)
            self.confirmed_edit.set_maximum(dt.date.today())
            self.confirmed_edit.set_value(record.confirmed_on)
        finally:
            self._loading = False
        self.autosave.discard()
        self.record = record
        self.refresh()

    def refresh(self) -> None:
        """Rank and confirmation as they are now (after a move, say); fields are left alone."""
        if self.record is None:
            return
        try:
            record = development.get_motivator(self.record.id)
        except LookupError:
            return
        self.record = record
        total = len(development.list_motivators(record.manager_id))
        self.rank_label.setText(f"WHAT DRIVES THEM · {record.rank} OF {total}")
        self.up_button.setEnabled(record.rank > 1)
        self.down_button.setEnabled(record.rank < total)
        self.hint.setText(MOTIVATOR_HINTS.get(record.name, ""))
        self.hint.setVisible(bool(self.hint.text()))
        state = record.confirmation(dt.date.today())
        flagged = state.needs_attention
        self.flag.setVisible(flagged)
        if flagged:
            self.flag_text.setText(
                f"{confirmation_text(record, dt.date.today())}. {_ADVICE[state]}"
            )
        if not self._loading and self.confirmed_edit.value() != record.confirmed_on:
            self._loading = True
            self.confirmed_edit.set_value(record.confirmed_on)
            self._loading = False

    def _write(self, changes: dict[str, Any]) -> None:
        assert self.record is not None
        self.session.update_motivator(self.record.id, **changes)

    @Slot()
    def confirm(self) -> None:
        if self.record is None:
            return
        self.flush()
        record = self.session.confirm_motivator(self.record.id)
        self.status.emit(f"“{record.name}” confirmed today")

    def delete(self, motivator_id: int | None = None) -> None:
        """Delete the shown motivator, or ``motivator_id``: undoable, so nothing is asked."""
        record = self._to_delete(motivator_id, development.get_motivator)
        if record is not None:
            self._delete_undoably(
                record.name,
                lambda: self.session.delete_motivator(record.id),
            )
