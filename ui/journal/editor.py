"""The touchpoint editor: log a new coaching contact in seconds, or read and edit an old one.

A new entry is a draft until it is saved: its fields are written to the journal's draft table a
moment after each edit, so a crash loses nothing, and the next start reopens it. An existing
entry saves itself as you type, like the profile.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import prep, roster, touchpoints
from coachjournal.coaching.touchpoints import KIND_FIELDS, ActionItemRecord, TouchpointRecord
from coachjournal.errors import CoachJournalError, ValidationError
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from ui import dates, dialogs
from ui.development.evidence import TouchpointTraits
from ui.icons import icon
from ui.journal.attendees import AttendeeStrip, ObservedNotes
from ui.journal.items import ItemList
from ui.session import JournalSession
from ui.theme import alert_colour
from ui.widgets.basic import delay_timer, label, line_edit
from ui.widgets.date_edit import DateTimeField
from ui.widgets.fields import SAVE_DELAY_MS, SAVE_MAX_WAIT_MS, error_label
from ui.widgets.markdown import MarkdownView, continue_lists
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.timeline import MOOD_WORDS
from ui.widgets.wheel import pass_wheel_unless_focused

DEFAULT_MINUTES = {
    TouchpointKind.ONE_ON_ONE: 45,
    TouchpointKind.FIELD_VISIT: 240,
    TouchpointKind.CALL_REVIEW: 30,
    TouchpointKind.CAREER: 60,
    TouchpointKind.TEAM_MEETING: 45,
    TouchpointKind.INFORMAL: 10,
}
_FIELD_LABELS = {
    "account": "Account",
    "objective": "Objective",
    "observations": "What you observed",
    "debrief": "Debrief",
    "aspiration": "Aspiration discussed",
}
_LONG_FIELDS = ("observations", "debrief", "aspiration")


def _due_text(item: ActionItemRecord, today: dt.date) -> str:
    who = "You" if item.owner == Owner.ME else "They"
    if item.due_on is None:
        return f"{who} · no due date"
    overdue = " · OVERDUE" if item.is_overdue(today) else ""
    return f"{who} · due {dates.date_text(item.due_on)}{overdue}"


class TouchpointDialog(QDialog):
    """Edits one touchpoint. Open it with :meth:`new` or :meth:`existing`."""

    closed = Signal()
    #: Emitted after each automatic write (a draft kept, or edits saved), with a message.
    saved = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.touchpoint_id: int | None = None
        self.draft_id: int | None = None
        #: The prep agenda this new one-on-one started from (put back if it is discarded).
        self.agenda: prep.Agenda | None = None
        self._loading = False
        self._dirty = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(640, 560)
        fit_to_screen(self, "touchpoint", QSize(820, 820))
        self._quiet = delay_timer(self, SAVE_DELAY_MS, self.flush)
        self._max_wait = delay_timer(self, SAVE_MAX_WAIT_MS, self.flush)
        self._build()
        session.history_replayed.connect(self._after_undo)

    def _build(self) -> None:
        self.banner = label("", "draftBanner", wrap=True)
        self.banner.hide()
        self.manager = QComboBox()
        self.manager.setAccessibleName("Manager")
        for record in roster.list_managers():
            self.manager.addItem(record.name, record.id)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of touchpoint")
        for kind in TouchpointKind:
            self.kind.addItem(kind.label, kind)
        self.when = DateTimeField()
        self.when.setAccessibleName("When")
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(" min")
        self.duration.setSpecialValueText("—")
        self.duration.setAccessibleName("Duration in minutes")
        self.mood = QComboBox()
        self.mood.setAccessibleName("Mood and engagement")
        self.mood.addItem("Not noted", None)
        for value, word in MOOD_WORDS.items():
            self.mood.addItem(f"{value} · {word}", value)
        self.summary = line_edit("One line: what was this about?")
        self.summary.setAccessibleName("Summary")
        self.assignment = QComboBox()
        self.assignment.setAccessibleName("Growth assignment worked on")
        pass_wheel_unless_focused(
            self.manager, self.kind, self.duration, self.mood, self.assignment
        )

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, (title, widget) in enumerate(
            (("With", self.manager), ("Kind", self.kind), ("When", self.when))
        ):
            grid.addWidget(label(title, "fieldLabel"), 0, column)
            grid.addWidget(widget, 1, column)
        for column, (title, widget) in enumerate(
            (("Length", self.duration), ("Mood", self.mood), ("Assignment", self.assignment))
        ):
            grid.addWidget(label(title, "fieldLabel"), 2, column)
            grid.addWidget(widget, 3, column)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        self.attendees = AttendeeStrip()
        self.observed = ObservedNotes()
        self.observed_box = QGroupBox("About each manager")
        QVBoxLayout(self.observed_box).addWidget(self.observed)

        self.kind_box = QGroupBox()
        kind_form = QFormLayout(self.kind_box)
        self.kind_fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for field, title in _FIELD_LABELS.items():
            editor: QLineEdit | QPlainTextEdit
            if field in _LONG_FIELDS:
                editor = QPlainTextEdit()
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(64)
                editor.textChanged.connect(self._changed)
            else:
                editor = QLineEdit()
                editor.textEdited.connect(self._changed)
            editor.setAccessibleName(title)
            self.kind_fields[field] = editor
            kind_form.addRow(f"{title}:", editor)

        self.carried = QListWidget()
        self.carried.setAccessibleName("Open action items from earlier conversations")
        # A long item wraps: a horizontal scroll bar would cut its due date and "OVERDUE".
        self.carried.setWordWrap(True)
        self.carried.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carried.setSpacing(3)
        self.carried.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.carried.setMaximumHeight(5 * 28 + 8)
        self.carried.itemChanged.connect(self._carried_toggled)
        self.carried_box = QGroupBox("Still open from earlier conversations")
        carried_layout = QVBoxLayout(self.carried_box)
        carried_layout.addWidget(self.carried)

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        continue_lists(self.notes)
        self.notes.setPlaceholderText(
            "Notes in Markdown: # headings, - lists, **bold**, [links](https://…)"
        )
        self.preview = MarkdownView()
        self.preview.setAccessibleName("Notes preview")
        self.notes_tabs = QTabWidget()
        self.notes_tabs.setDocumentMode(True)
        self.notes_tabs.addTab(self.notes, "Write")
        self.notes_tabs.addTab(self.preview, "Preview")
        self.notes_tabs.currentChanged.connect(self._render_preview)
        self.notes.setMinimumHeight(200)

        self.items = ItemList()
        items_box = QGroupBox("Action items")
        items_layout = QVBoxLayout(items_box)
        items_layout.addWidget(self.items)

        self.traits = TouchpointTraits(self.session)
        self.traits_box = QGroupBox("Strengths and development areas that showed")
        QVBoxLayout(self.traits_box).addWidget(self.traits)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addWidget(self.attendees)
        layout.addWidget(self.summary)
        layout.addWidget(self.carried_box)
        layout.addWidget(self.kind_box)
        layout.addWidget(self.notes_tabs, 1)
        layout.addWidget(self.observed_box)
        layout.addWidget(items_box)
        layout.addWidget(self.traits_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.error = error_label()
        self.state = label("", "mutedLabel")
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip("Save this touchpoint (Ctrl+S)")
        self.discard_button = QPushButton("Discard")
        self.close_button = QPushButton("Close")
        self.trash_button = QPushButton(icon("trash"), "Move to trash")
        footer = QHBoxLayout()
        footer.addWidget(self.state, 1)
        footer.addWidget(self.trash_button)
        footer.addWidget(self.discard_button)
        footer.addWidget(self.close_button)
        footer.addWidget(self.save_button)

        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.error)
        outer.addLayout(footer)

        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.close_button.clicked.connect(self.close)
        self.trash_button.clicked.connect(self.move_to_trash)
        for shortcut in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(shortcut, self).activated.connect(self._save_shortcut)
        QShortcut(QKeySequence("Ctrl+I"), self).activated.connect(
            lambda: self.items.add_row(focus=True)
        )

        # Tab from the summary goes on to what one writes next (the kind's fields, if shown,
        # then the notes); Write/Preview and the items carried over come after the notes.
        chain = [
            self.summary,
            *self.kind_fields.values(),
            self.notes,
            self.notes_tabs.tabBar(),
            self.carried,
        ]
        # The tab widget would pass the focus to its bar (its focus proxy) from where it stands
        # in the chain, before the notes: only the bar takes it, after the notes.
        self.notes_tabs.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes nullptr
        self.notes_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.manager.currentIndexChanged.connect(self._manager_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.when.changed.connect(self._changed)
        self.duration.valueChanged.connect(self._changed)
        self.mood.currentIndexChanged.connect(self._changed)
        self.assignment.currentIndexChanged.connect(self._changed)
        self.summary.textEdited.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.items.changed.connect(self._changed)
        self.items.row_removed.connect(self._item_removed)
        self.attendees.changed.connect(self._attendees_changed)
        self.observed.changed.connect(self._changed)

    # Opening ----------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        session: JournalSession,
        manager_id: int,
        parent: QWidget | None = None,
        *,
        kind: TouchpointKind = TouchpointKind.ONE_ON_ONE,
        draft: tuple[int, dict[str, Any], dt.datetime] | None = None,
    ) -> TouchpointDialog:
        """A new entry for ``manager_id`` now, or the unsaved ``draft`` (id, fields, saved at)."""
        dialog = cls(session, parent)
        dialog._loading = True
        dialog._select(dialog.manager, manager_id)
        dialog._fill_assignments(manager_id)
        dialog._show_attendees(manager_id, [])
        now = dt.datetime.now().replace(second=0, microsecond=0)
        dialog._select(dialog.kind, kind)
        dialog.when.set_moment(now)
        dialog.duration.setValue(DEFAULT_MINUTES[kind])
        if draft is not None:
            dialog.draft_id, fields, saved_at = draft
            dialog._apply(fields)
            dialog.banner.setText(
                f"Recovered the entry you were writing ({dates.date_time_text(saved_at)}). "
                "Save it, or discard it."
            )
            dialog.banner.show()
        elif kind is TouchpointKind.ONE_ON_ONE and (agenda := prep.agenda(manager_id)):
            dialog.agenda = agenda
            dialog.draft_id = agenda.draft_id
            dialog.notes.setPlainText(agenda.text)
            dialog.banner.setText(
                "Today’s agenda from the prep sheet is in the notes: it is logged with this "
                "one-on-one."
            )
            dialog.banner.show()
        dialog._loading = False
        dialog.trash_button.hide()
        dialog.close_button.hide()
        dialog.traits_box.hide()
        dialog._refresh(manager_id)
        dialog.summary.setFocus()
        return dialog

    @classmethod
    def existing(
        cls, session: JournalSession, touchpoint_id: int, parent: QWidget | None = None
    ) -> TouchpointDialog:
        dialog = cls(session, parent)
        record = touchpoints.get_touchpoint(touchpoint_id)
        dialog.touchpoint_id = touchpoint_id
        dialog._loading = True
        if dialog.manager.findData(record.manager_id) < 0:
            dialog.manager.addItem(roster.get_manager(record.manager_id).name, record.manager_id)
        dialog._select(dialog.manager, record.manager_id)
        dialog._fill_assignments(record.manager_id)
        dialog._show_attendees(
            record.manager_id,
            record.attendee_ids[1:],
            {a.manager_id: a.note for a in record.attendees},
        )
        dialog._apply_record(record)
        for item in touchpoints.action_items_of(touchpoint_id):
            dialog.items.add_row(item)
        dialog.traits.show_touchpoint(touchpoint_id)
        dialog._loading = False
        dialog.save_button.hide()
        dialog.discard_button.hide()
        dialog.close_button.setDefault(True)
        dialog._refresh(record.manager_id)
        dialog.state.setText("Changes save themselves.")
        return dialog

    def _apply_record(self, record: TouchpointRecord) -> None:
        self._select(self.kind, record.kind)
        self.when.set_moment(record.occurred_at)
        self.duration.setValue(record.duration_minutes or 0)
        self._select(self.mood, record.mood)
        self._select(self.assignment, record.assignment_id)
        self.summary.setText(record.summary)
        self.notes.setPlainText(record.notes)
        for field, editor in self.kind_fields.items():
            self._set_text(editor, getattr(record, field))

    @Slot()
    def _after_undo(self) -> None:
        """Edit ▸ Undo or Redo may have changed this entry: show it as stored, or close if it
        is gone or in the trash. Typing not saved yet is kept: its save comes next."""
        if self.touchpoint_id is None or self._dirty:
            return
        record = touchpoints.find_touchpoint(self.touchpoint_id)
        if record is None or record.deleted_at is not None:
            self.done(QDialog.DialogCode.Rejected)
            return
        self._loading = True
        try:
            self._apply_record(record)
        finally:
            self._loading = False

    def _apply(self, fields: dict[str, Any]) -> None:
        """Fill the form from a draft's fields (any missing or stale value is skipped)."""
        if "kind" in fields:
            self._select(self.kind, TouchpointKind(fields["kind"]))
        if "occurred_at" in fields:
            self.when.set_moment(dt.datetime.fromisoformat(fields["occurred_at"]))
        self.duration.setValue(int(fields.get("duration_minutes") or 0))
        self._select(self.mood, fields.get("mood"))
        self._select(self.assignment, fields.get("assignment_id"))
        self.summary.setText(fields.get("summary", ""))
        self.notes.setPlainText(fields.get("notes", ""))
        for field, editor in self.kind_fields.items():
            self._set_text(editor, fields.get(field, ""))
        others = [int(m) for m in fields.get("with_managers", []) if str(m).isdigit()]
        observed = {
            int(m): str(note)
            for m, note in dict(fields.get("observed", {})).items()
            if str(m).isdigit()
        }
        known = [m for m in others if self.manager.findData(m) >= 0]
        self._show_attendees(self.manager_id(), known, observed)
        for item in fields.get("items", []):
            self.items.add_row(
                touchpoints.NewActionItem(
                    text=item.get("text", ""),
                    owner=Owner(item.get("owner", Owner.THEM.value)),
                    due_on=dt.date.fromisoformat(item["due_on"]) if item.get("due_on") else None,
                    done=bool(item.get("done")),
                )
            )

    @staticmethod
    def _set_text(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        else:
            editor.setPlainText(text)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _fill_assignments(self, manager_id: int) -> None:
        current = self.assignment.currentData()
        self.assignment.blockSignals(True)
        self.assignment.clear()
        self.assignment.addItem("None", None)
        for assignment_id, title in touchpoints.active_assignments(manager_id):
            self.assignment.addItem(title, assignment_id)
        self._select(self.assignment, current)
        self.assignment.blockSignals(False)

    def _show_attendees(
        self, lead: int, others: Sequence[int], notes: dict[int, str] | None = None
    ) -> None:
        """Show who was there: the strip, and a note field for each of them (only when more
        than one manager was there: a one-on-one's notes are about that manager)."""
        self.attendees.set_attendees(lead, others)
        self.observed.set_attendees(self.attendees.names, notes)
        self.observed_box.setVisible(bool(self.attendees.others))

    # Reacting to edits --------------------------------------------------------------------

    def manager_id(self) -> int:
        return int(self.manager.currentData())

    def attendee_ids(self) -> list[int]:
        return [self.manager_id(), *self.attendees.others]

    @Slot()
    def _attendees_changed(self) -> None:
        self._show_attendees(self.manager_id(), self.attendees.others)
        self._refresh(self.manager_id())
        self._changed()

    def _refresh(self, manager_id: int) -> None:
        """Title, kind-specific fields and carried-over items for the current choices."""
        kind = TouchpointKind(self.kind.currentData())
        name = self.manager.currentText()
        if self.attendees.others:
            name += f" +{len(self.attendees.others)}"
        verb = "New" if self.touchpoint_id is None else "Edit"
        self.setWindowTitle(f"{verb} {kind.label.lower()} with {name}")
        self.attendees.team_button.setVisible(kind is TouchpointKind.TEAM_MEETING)
        shown = KIND_FIELDS.get(kind, ())
        self.kind_box.setVisible(bool(shown))
        self.kind_box.setTitle(kind.label)
        form = self.kind_box.layout()
        assert isinstance(form, QFormLayout)
        for field, editor in self.kind_fields.items():
            form.setRowVisible(editor, field in shown)
        self._fill_carried(manager_id)

    def _fill_carried(self, manager_id: int) -> None:
        today = dt.date.today()
        self.carried.blockSignals(True)
        self.carried.clear()
        for item in touchpoints.open_action_items(
            manager_id, excluding_touchpoint=self.touchpoint_id
        ):
            entry = QListWidgetItem(f"{item.text}   —   {_due_text(item, today)}")
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.is_overdue(today):
                entry.setForeground(alert_colour(self.palette()))
            self.carried.addItem(entry)
        self.carried.blockSignals(False)
        count = self.carried.count()
        self.carried_box.setVisible(count > 0)

    @Slot(QListWidgetItem)
    def _carried_toggled(self, entry: QListWidgetItem) -> None:
        item_id = int(entry.data(Qt.ItemDataRole.UserRole))
        done = entry.checkState() == Qt.CheckState.Checked
        self.session.set_action_status(item_id, ActionStatus.DONE if done else ActionStatus.OPEN)

    @Slot()
    def _manager_changed(self) -> None:
        if self._loading:
            return
        self._fill_assignments(self.manager_id())
        self._show_attendees(self.manager_id(), self.attendees.others)
        self._refresh(self.manager_id())
        self._changed()

    @Slot()
    def _kind_changed(self) -> None:
        if self._loading:
            return
        kind = TouchpointKind(self.kind.currentData())
        if self.touchpoint_id is None and not self._dirty_duration():
            self.duration.setValue(DEFAULT_MINUTES[kind])
        self._refresh(self.manager_id())
        self._changed()

    def _dirty_duration(self) -> bool:
        return self.duration.value() not in (0, *DEFAULT_MINUTES.values())

    @Slot()
    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.state.setText("Saving…" if self.touchpoint_id else "Draft saving…")
        self._quiet.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def fields(self) -> dict[str, Any]:
        kind = TouchpointKind(self.kind.currentData())
        values: dict[str, Any] = {
            "manager_id": self.manager_id(),
            "occurred_at": self.when.moment(),
            "kind": kind,
            "duration_minutes": self.duration.value() or None,
            "mood": self.mood.currentData(),
            "assignment_id": self.assignment.currentData(),
            "summary": self.summary.text(),
            "notes": self.notes.toPlainText(),
            "with_managers": list(self.attendees.others),
            "observed": self.observed.observed(self.attendee_ids()),
        }
        for field, editor in self.kind_fields.items():
            text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            values[field] = text
        return values

    @Slot()
    def flush(self) -> None:
        """Write what changed: to the draft for a new entry, to the touchpoint for an old one."""
        self._quiet.stop()
        self._max_wait.stop()
        if not self._dirty:
            return
        self._dirty = False
        if self.touchpoint_id is None:
            payload = {
                **{k: v for k, v in self.fields().items() if k != "manager_id"},
                "items": [item_payload(item) for item in self.items.values()],
            }
            self.draft_id = self.session.save_draft(self.draft_id, self.manager_id(), payload)
            self.state.setText(f"Draft kept {dt.datetime.now():%H:%M:%S}: not logged yet.")
            self.saved.emit("Draft kept")
            return
        # One step per editing session of this entry (the saves that follow typing join it).
        step = self.session.undo_step(
            "Edit Touchpoint", key=("update_touchpoint", self.touchpoint_id)
        )
        try:
            with step:
                self.session.update_touchpoint(self.touchpoint_id, **self.fields())
                self._sync_items()
        except ValidationError as error:
            self._show_error(error.message)
            return
        self.error.hide()
        self.state.setText("All changes saved")
        self.saved.emit("Touchpoint saved")

    def _sync_items(self) -> None:
        """Store the item rows of an existing touchpoint: new ones, edits, done or reopened."""
        assert self.touchpoint_id is not None
        for row in self.items.rows:
            value = row.value()
            if not value.text.strip():
                continue
            if row.item_id is None:
                item = self.session.add_action_item(
                    self.manager_id(), value.text, value.owner, value.due_on, self.touchpoint_id
                )
                row.item_id = item.id
            else:
                item = self.session.update_action_item(
                    row.item_id, value.text, value.owner, value.due_on
                )
            wanted = ActionStatus.DONE if value.done else ActionStatus.OPEN
            if (item.status == ActionStatus.OPEN) != (wanted == ActionStatus.OPEN):
                self.session.set_action_status(item.id, wanted)

    @Slot(object)
    def _item_removed(self, row: Any) -> None:
        if self.touchpoint_id is not None and row.item_id is not None:
            self.session.delete_action_item(row.item_id)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.state.setText("Not saved: see the message above")

    # Finishing ----------------------------------------------------------------------------

    @Slot()
    def _save_shortcut(self) -> None:
        if self.touchpoint_id is None:
            self.save()
        else:
            self.flush()

    @Slot()
    def save(self) -> None:
        """Log the new touchpoint with its action items; the draft goes with it."""
        values = self.fields()
        try:
            record = self.session.log_touchpoint(
                values.pop("manager_id"),
                values.pop("occurred_at"),
                values.pop("kind"),
                self.items.values(),
                self.draft_id,
                **values,
            )
        except CoachJournalError as error:
            self._show_error(str(error))
            return
        self._quiet.stop()
        self._max_wait.stop()
        self._dirty = False
        self.draft_id = None
        self.touchpoint_id = record.id
        self.done(QDialog.DialogCode.Accepted)

    @Slot()
    def discard(self) -> None:
        self._quiet.stop()
        self._max_wait.stop()
        self._dirty = False
        if self.draft_id is not None:
            self.session.discard_draft(self.draft_id)
            self.draft_id = None
            if self.agenda is not None:  # the agenda waits for the next try
                self.session.save_agenda(self.agenda.manager_id, self.agenda.text)
        self.done(QDialog.DialogCode.Rejected)

    @Slot()
    def move_to_trash(self) -> None:
        if self.touchpoint_id is None:
            return
        self.flush()
        self.session.trash_touchpoint(self.touchpoint_id)
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Escape or the close button: an existing entry is saved; a new one is kept as a
        draft only if the user asks, since it has not been logged."""
        if self.touchpoint_id is None and self._has_content():
            choice = dialogs.ask_unsaved(self)
            if choice == "cancel":
                return
            if choice == "save":
                self.save()
                return
            self.discard()
            return
        if self.touchpoint_id is None:
            self.discard()
            return
        self.flush()
        super().reject()

    def _has_content(self) -> bool:
        values = self.fields()
        text = [values[field] for field in ("summary", "notes", *_FIELD_LABELS)]
        return (
            any(str(value).strip() for value in text)
            or any(item.text.strip() for item in self.items.values())
            or any(note.strip() for note in values["observed"].values())
        )

    def done(self, result: int) -> None:
        super().done(result)
        self.closed.emit()

    @Slot(int)
    def _render_preview(self, tab: int) -> None:
        if tab == 1:
            self.preview.show_markdown(self.notes.toPlainText())


def item_payload(item: touchpoints.NewActionItem) -> dict[str, Any]:
    """An unsaved action item as JSON-friendly values, for the draft."""
    return {
        "text": item.text,
        "owner": item.owner.value,
        "due_on": item.due_on.isoformat() if item.due_on else None,
        "done": item.done,
    }
