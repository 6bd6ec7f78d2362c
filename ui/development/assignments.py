"""A growth assignment in the Development tab's detail page, and the form that plans one.

Fields save themselves as the user types. The status moves with buttons that offer only the
allowed next steps (Start, Mark done on a day, Drop, Reopen); each step is undoable, and so is
deleting. The touchpoints that worked on the assignment are listed and open on Enter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import development
from coachjournal.coaching.catalogue import SKILL_HINTS
from coachjournal.coaching.development import (
    AssignmentRecord,
    kind_label,
    status_label,
)
from coachjournal.errors import ValidationError
from coachjournal.kinds import AssignmentStatus
from ui.development.delegates import STATUS_COLOURS
from ui.development.forms import fit_rows, row
from ui.development.models import IdRole, TouchpointListModel
from ui.development.pane import DetailPane
from ui.development.text import OUTCOME_WORDS, due_text, warning_colour
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import editable_combo, label, line_edit
from ui.widgets.date_edit import DateField
from ui.widgets.fields import error_label, show_field_error, with_error
from ui.widgets.wheel import pass_wheel_unless_focused

_MIDDLE = Qt.AlignmentFlag.AlignVCenter

#: The verb for each status change, for buttons, the undo menu and the status bar.
_STEPS = {
    AssignmentStatus.ACTIVE: "start",
    AssignmentStatus.DONE: "mark done",
    AssignmentStatus.DROPPED: "drop",
}


def develops_combo() -> QComboBox:
    return editable_combo("Skill it develops", "Which skill does it grow?")


def fill_develops(combo: QComboBox, manager_id: int) -> None:
    """The manager's own skills first (development areas, then strengths; linked to the
    trait), then the rest of the catalogue; any other text is a skill of its own."""
    traits = development.list_traits(manager_id)
    traits.sort(key=lambda record: record.kind.value != "development")
    combo.blockSignals(True)
    combo.clear()
    for record in traits:
        combo.addItem(record.skill, record.id)
        combo.setItemData(
            combo.count() - 1,
            f"Their {kind_label(record.kind).lower()}",
            Qt.ItemDataRole.ToolTipRole,
        )
    taken = {record.skill.casefold() for record in traits}
    for skill, hint in SKILL_HINTS.items():
        if skill.casefold() not in taken:
            combo.addItem(skill, None)
            combo.setItemData(combo.count() - 1, hint, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    combo.blockSignals(False)


def develops_value(combo: QComboBox) -> tuple[int | None, str]:
    """(trait id, skill) for what the combo shows: a trait of theirs, or just a skill."""
    text = " ".join(combo.currentText().split())
    for index in range(combo.count()):
        if combo.itemText(index).casefold() == text.casefold():
            trait_id = combo.itemData(index)
            return (int(trait_id) if trait_id is not None else None), combo.itemText(index)
    return None, text


def outcome_combo() -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName("How it went")
    combo.addItem("Not rated", None)
    for value, words in OUTCOME_WORDS.items():
        combo.addItem(f"{value} · {words}", value)
    pass_wheel_unless_focused(combo)
    return combo


class AssignmentPane(DetailPane[AssignmentRecord]):
    """One assignment; ``touchpoint_requested`` asks to open a touchpoint that worked on it."""

    touchpoint_requested = Signal(int)

    def _build(self) -> None:
        self.kind_icon = QLabel()
        self.kind_icon.setPixmap(icon("assignment").pixmap(18, 18))
        self.state_label = label("", "kindTag")
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.delete_button.setToolTip("Delete this assignment (Ctrl+Z undoes)")
        self.delete_button.clicked.connect(lambda: self.delete())

        self.title_edit = line_edit("Title", "Title")
        self.title_edit.setObjectName("paneTitle")
        self.title_edit.textEdited.connect(lambda text: self._edited("title", text))
        self.develops = develops_combo()
        self.develops.editTextChanged.connect(lambda: self._edited("develops", None))
        self.description = self._text_edit(
            "Description", "What they will do, and what good looks like", 64
        )
        self.assigned = DateField(leaning="past", placeholder="Not set")
        self.assigned.setAccessibleName("Assigned on")
        self.assigned.value_changed.connect(
            lambda: self._edited("assigned_on", self.assigned.value())
        )
        self.due = DateField(placeholder="No due date")
        self.due.setAccessibleName("Due on")
        self.due.value_changed.connect(lambda: self._edited("due_on", self.due.value()))
        # A done assignment always has a completion date: it can move, not go.
        self.completed = DateField(leaning="past", optional=False)
        self.completed.setAccessibleName("Completed on")
        self.completed.value_changed.connect(
            lambda: self._edited("completed_on", self.completed.value())
        )

        self.start_button = QPushButton("Start")
        self.start_button.setToolTip("It is under way: make it active (Ctrl+Z undoes)")
        self.done_button = QPushButton(icon("confirm"), "Mark done")
        self.done_button.setToolTip("Finished on the day beside (Ctrl+Z undoes)")
        self.done_on = DateField(leaning="past", optional=False)
        self.done_on.setAccessibleName("Done on")
        self.drop_button = QPushButton("Drop")
        self.drop_button.setToolTip("It will not be finished (Ctrl+Z undoes)")
        self.reopen_button = QPushButton("Reopen")
        self.reopen_button.setToolTip("Back to active (Ctrl+Z undoes)")
        self.start_button.clicked.connect(lambda: self.set_status(AssignmentStatus.ACTIVE))
        self.done_button.clicked.connect(lambda: self.set_status(AssignmentStatus.DONE))
        self.drop_button.clicked.connect(lambda: self.set_status(AssignmentStatus.DROPPED))
        self.reopen_button.clicked.connect(lambda: self.set_status(AssignmentStatus.ACTIVE))
        self.status_error = error_label()
        self.errors["status"] = self.status_error

        self.outcome = self._text_edit("Outcome", "What came of it", 56)
        self.outcome_rating = outcome_combo()
        self.outcome_rating.setMinimumContentsLength(12)
        self.outcome_rating.currentIndexChanged.connect(
            lambda: self._edited("outcome_rating", self.outcome_rating.currentData())
        )
        self.reflection = self._text_edit(
            "Reflection", "What they learned, what you would do differently", 64
        )

        self.touchpoints_model = TouchpointListModel(self)
        self.touchpoints_view = QListView()
        self.touchpoints_view.setAccessibleName("Touchpoints that worked on it")
        self.touchpoints_view.setModel(self.touchpoints_model)
        self.touchpoints_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.touchpoints_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.touchpoints_view.setSpacing(2)
        self.touchpoints_view.activated.connect(self._open_touchpoint)
        self.touchpoints_title = label("", "sectionTitle")
        self.touchpoints_empty = label(
            "No touchpoint worked on it yet. In a one-on-one about it, choose it under "
            "“Assignment” in the touchpoint.",
            "mutedLabel",
            wrap=True,
        )

        plan = QGridLayout()
        plan.setHorizontalSpacing(10)
        plan.setVerticalSpacing(6)
        lines: list[tuple[str, QWidget]] = [
            ("Develops", with_error(self.develops, self.errors, "skill")),
            ("Description", self.description),
            (
                "Assigned",
                with_error(row(self.assigned, label("Due"), self.due), self.errors, "due_on"),
            ),
        ]
        self.errors["trait_id"] = self.errors["skill"]
        self.errors["assigned_on"] = self.errors["due_on"]
        for line, (title, widget) in enumerate(lines, start=1):
            align = Qt.AlignmentFlag.AlignTop if widget is self.description else _MIDDLE
            plan.addWidget(label(title, "fieldLabel"), line, 0, align)
            plan.addWidget(widget, line, 1)
        self.done_on_label = label("on")
        status_row = row(
            self.start_button,
            self.done_button,
            self.done_on_label,
            self.done_on,
            self.drop_button,
            self.reopen_button,
            1,
            spacing=6,
        )
        plan.addWidget(label("Status", "fieldLabel"), 4, 0)
        plan.addLayout(status_row, 4, 1)
        plan.addWidget(self.status_error, 5, 1)
        self.completed_title = label("Completed", "fieldLabel")
        self.completed_box = with_error(self.completed, self.errors, "completed_on")
        plan.addWidget(self.completed_title, 6, 0)
        plan.addWidget(self.completed_box, 6, 1)
        plan.setColumnStretch(1, 1)
        plan.setRowStretch(7, 1)

        outcome = QGridLayout()
        outcome.setHorizontalSpacing(10)
        outcome.setVerticalSpacing(6)
        outcome.addWidget(label("Outcome", "fieldLabel"), 0, 0, Qt.AlignmentFlag.AlignTop)
        outcome.addWidget(self.outcome, 0, 1)
        outcome.addWidget(label("How it went", "fieldLabel"), 1, 0)
        outcome.addWidget(
            with_error(row(self.outcome_rating, 1), self.errors, "outcome_rating"), 1, 1
        )
        outcome.addWidget(label("Reflection", "fieldLabel"), 2, 0, Qt.AlignmentFlag.AlignTop)
        outcome.addWidget(self.reflection, 2, 1)
        outcome.addWidget(self.touchpoints_title, 3, 0, 1, 2)
        outcome.addWidget(self.touchpoints_view, 4, 0, 1, 2)
        outcome.addWidget(self.touchpoints_empty, 5, 0, 1, 2)
        outcome.setColumnStretch(1, 1)
        outcome.setRowStretch(6, 1)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(plan, 1)
        columns.addLayout(outcome, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(row(self.kind_icon, self.state_label, 1, self.delete_button))
        layout.addWidget(with_error(self.title_edit, self.errors, "title"))
        layout.addLayout(columns, 1)

    def _text_edit(self, name: str, placeholder: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        field = name.lower()
        edit.textChanged.connect(lambda: self._edited(field, edit.toPlainText()))
        return edit

    # Showing ------------------------------------------------------------------------------

    def show_assignment(self, assignment_id: int) -> None:
        if self.record is not None and self.record.id != assignment_id:
            self.flush()
        record = development.get_assignment(assignment_id)
        self._loading = True
        try:
            self.title_edit.setText(record.title)
            self.title_edit.setCursorPosition(0)
            fill_develops(self.develops, record.manager_id)
            self.develops.setEditText(record.skill)
            self.description.setPlainText(record.description)
            self.assigned.set_value(record.assigned_on)
            self.due.set_value(record.due_on)
            self.outcome.setPlainText(record.outcome)
            self.outcome_rating.setCurrentIndex(
                max(0, self.outcome_rating.findData(record.outcome_rating))
            )
            self.reflection.setPlainText(record.reflection)
            today = dt.date.today()
            self.done_on.set_maximum(today)
            self.done_on.set_value(today)
        finally:
            self._loading = False
        self.autosave.discard()
        self.record = record
        self.refresh()

    def refresh(self) -> None:
        """The status, its buttons and the touchpoints as they are now; fields are left as
        the user is typing them."""
        if self.record is None:
            return
        try:
            record = development.get_assignment(self.record.id)
        except LookupError:
            return
        self.record = record
        today = dt.date.today()
        status = record.status
        colour = STATUS_COLOURS[status]
        when = due_text(record, today).removeprefix("done ").upper()
        if record.is_overdue(today):
            flag = warning_colour(self.palette()).name()
            when = f'<span style="color:{flag}">{when}</span>'
        self.state_label.setText(
            f'GROWTH ASSIGNMENT &nbsp;<span style="color:{colour}">●</span> '
            f"{status_label(status).upper()}" + (f" · {when}" if when else "")
        )
        self.start_button.setVisible(status is AssignmentStatus.PLANNED)
        active = status is AssignmentStatus.ACTIVE
        for widget in (self.done_button, self.done_on, self.done_on_label):
            widget.setVisible(active)
        self.drop_button.setVisible(record.is_open)
        self.reopen_button.setVisible(not record.is_open)
        done = status is AssignmentStatus.DONE
        self.completed_title.setVisible(done)
        self.completed_box.setVisible(done)
        self.completed.set_maximum(today)
        self.completed.set_value(record.completed_on)
        self.assigned.set_value(record.assigned_on)
        worked = development.assignment_touchpoints(record.id)
        self.touchpoints_model.load_records(worked)
        self.touchpoints_title.setText(f"Touchpoints that worked on it ({len(worked)})")
        self.touchpoints_view.setVisible(bool(worked))
        fit_rows(self.touchpoints_view, len(worked))
        self.touchpoints_empty.setVisible(not worked)

    # Editing ------------------------------------------------------------------------------

    def _write(self, changes: dict[str, Any]) -> None:
        assert self.record is not None
        values = dict(changes)
        if "develops" in values:
            del values["develops"]
            values["trait_id"], values["skill"] = develops_value(self.develops)
        self.session.update_assignment(self.record.id, **values)

    def set_status(self, status: AssignmentStatus) -> None:
        """Move the assignment on (undoable); a refusal shows under the buttons."""
        if self.record is None:
            return
        self.flush()
        before = self.record
        verb = "reopen" if not before.is_open else _STEPS[status]
        self.status_error.hide()
        try:
            day = self.done_on.checked_day("status") if status is AssignmentStatus.DONE else None
            self.history.change(
                f"{verb} “{before.title}”",
                lambda: self.session.set_assignment_status(before.id, status, day),
            )
        except ValidationError as error:
            show_field_error(self.errors, error)
            return
        self.status.emit(f"{verb.capitalize()}: “{before.title}”. Ctrl+Z undoes.")

    def delete(self, assignment_id: int | None = None) -> None:
        """Delete the shown assignment, or ``assignment_id``: undoable, so nothing is asked."""
        record = self._to_delete(assignment_id, development.get_assignment)
        if record is not None:
            self._delete_undoably(
                record.title,
                lambda: self.session.delete_assignment(record.id),
            )

    @Slot(QModelIndex)
    def _open_touchpoint(self, index: QModelIndex) -> None:
        if index.isValid():
            self.touchpoint_requested.emit(int(index.data(IdRole)))


class NewAssignmentForm(QWidget):
    """Plans a growth assignment; ``added`` carries its id."""

    added = Signal(int)
    cancelled = Signal()

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self.errors: dict[str, QLabel] = {}
        self.title_edit = line_edit("e.g. Run the Q3 forecast call without me", "Title")
        self.develops = develops_combo()
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("What they will do, and what good looks like")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(72)
        self.assigned = DateField(leaning="past", placeholder="Not set")
        self.assigned.setAccessibleName("Assigned on")
        self.due = DateField(placeholder="No due date")
        self.due.setAccessibleName("Due on")
        self.add_button = QPushButton(icon("add"), "Plan it")
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add)
        self.title_edit.returnPressed.connect(self.add)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.cancelled)

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        entries: list[tuple[str, QWidget | Any, str]] = [
            ("Title", self.title_edit, "title"),
            ("Develops", self.develops, "skill"),
            ("Description", self.description, "description"),
            ("Assigned", row(self.assigned, label("Due"), self.due), "due_on"),
        ]
        for line, (title, widget, field) in enumerate(entries):
            align = Qt.AlignmentFlag.AlignTop if widget is self.description else _MIDDLE
            form.addWidget(label(title, "fieldLabel"), line, 0, align)
            form.addWidget(with_error(widget, self.errors, field), line, 1)
        self.errors["trait_id"] = self.errors["skill"]
        self.errors["assigned_on"] = self.errors["due_on"]
        self.errors[""] = self.errors["title"]
        form.setColumnStretch(1, 1)
        self.setMaximumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label("New growth assignment", "paneHeading"))
        layout.addWidget(
            label(
                "A stretch that grows a skill: something they have not done yet, with a date "
                "to talk about how it went. It starts as planned.",
                "mutedLabel",
                wrap=True,
            )
        )
        layout.addLayout(form)
        layout.addLayout(row(1, cancel, self.add_button))
        layout.addStretch(1)

    def start(self, manager_id: int, trait_id: int | None = None) -> None:
        self.manager_id = manager_id
        fill_develops(self.develops, manager_id)
        if trait_id is not None:
            self.develops.setCurrentIndex(self.develops.findData(trait_id))
        self.title_edit.clear()
        self.description.clear()
        self.assigned.set_value(dt.date.today())
        self.due.set_value(None)
        for error in self.errors.values():
            error.hide()
        self.title_edit.setFocus()

    def unsaved_work(self) -> str | None:
        """What leaving the form now would lose ("the new assignment"), or None."""
        typed = [self.title_edit.text(), self.description.toPlainText(), self.due.line.text()]
        moved = self.assigned.value() != dt.date.today()
        return "the new assignment" if moved or any(text.strip() for text in typed) else None

    @Slot()
    def add(self) -> None:
        if self.manager_id is None:
            return
        for error in self.errors.values():
            error.hide()
        trait_id, skill = develops_value(self.develops)
        try:
            record = self.session.add_assignment(
                self.manager_id,
                self.title_edit.text(),
                trait_id=trait_id,
                skill=skill,
                description=self.description.toPlainText(),
                assigned_on=self.assigned.checked("assigned_on"),
                due_on=self.due.checked("due_on"),
            )
        except ValidationError as error:
            show_field_error(self.errors, error)
            return
        self.added.emit(record.id)
