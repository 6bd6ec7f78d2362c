"""A strength or development area in the Development tab's detail page, and the form that adds
one.

The pane edits the skill, its detail and its target as the user types (no Save button), rates
it (each rating joins the dated history, drawn beneath), switches a development area to a
strength and back, and lists the touchpoints where it showed. Switching, deleting, unlinking a
touchpoint and removing a rating from the history are undoable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import development
from coachjournal.coaching.catalogue import SKILL_HINTS
from coachjournal.coaching.development import TraitRecord, kind_label
from coachjournal.errors import ValidationError
from coachjournal.kinds import TraitKind
from ui import dates
from ui.development import dialogs
from ui.development.chart import RatingChart
from ui.development.forms import RatingPicker, fit_rows, on_delete_key, row
from ui.development.models import IdRole, RatingHistoryModel, TouchpointListModel
from ui.development.pane import DetailPane
from ui.development.text import RATING_WORDS
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import combo_line, editable_combo, label, line_edit
from ui.widgets.date_edit import DateField
from ui.widgets.fields import error_label, show_field_error, with_error
from ui.widgets.wheel import pass_wheel_unless_focused

_KIND_ICONS = {TraitKind.STRENGTH: "strength", TraitKind.DEVELOPMENT: "growth"}


def skill_combo(accessible_name: str) -> QComboBox:
    """An editable list of skills: pick from the catalogue, or type your own."""
    return editable_combo(accessible_name, "Choose a skill or type your own")


def fill_skills(combo: QComboBox, manager_id: int) -> None:
    """The catalogue's skills the manager has not got yet, each with what it covers."""
    taken = {record.skill.casefold() for record in development.list_traits(manager_id)}
    combo.clear()
    for skill, hint in SKILL_HINTS.items():
        if skill.casefold() not in taken:
            combo.addItem(skill)
            combo.setItemData(combo.count() - 1, hint, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(-1)
    combo.setEditText("")


def target_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem("No target", None)
    for value, words in RATING_WORDS.items():
        combo.addItem(f"{value} of 5", value)
        combo.setItemData(combo.count() - 1, words, Qt.ItemDataRole.ToolTipRole)
    pass_wheel_unless_focused(combo)
    return combo


class TraitPane(DetailPane[TraitRecord]):
    """Everything about one trait; ``touchpoint_requested`` asks to open a touchpoint."""

    touchpoint_requested = Signal(int)
    #: "Plan an assignment…" for this trait (its id).
    assignment_requested = Signal(int)

    def _build(self) -> None:
        self.kind_icon = QLabel()
        self.kind_label = label("", "kindTag")
        self.switch_button = QPushButton()
        self.switch_button.clicked.connect(self.switch_kind)
        self.plan_button = QPushButton(icon("assignment"), "Plan an assignment…")
        self.plan_button.setToolTip("A stretch assignment that grows this skill")
        self.plan_button.clicked.connect(self._plan_assignment)
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.delete_button.setToolTip("Delete it with its ratings and links (Ctrl+Z undoes)")
        self.delete_button.clicked.connect(lambda: self.delete())
        self.skill_edit = line_edit("Skill", "Skill")
        self.skill_edit.setObjectName("paneTitle")
        self.skill_edit.textEdited.connect(lambda text: self._edited("skill", text))
        self.detail_edit = QPlainTextEdit()
        self.detail_edit.setAccessibleName("What you see")
        self.detail_edit.setPlaceholderText("What you see: an example, a pattern, a quote…")
        self.detail_edit.setTabChangesFocus(True)
        self.detail_edit.setFixedHeight(64)
        self.detail_edit.textChanged.connect(
            lambda: self._edited("detail", self.detail_edit.toPlainText())
        )

        self.rating = RatingPicker("Rating")
        self.rated_on = DateField(leaning="past", optional=False)
        self.rated_on.setAccessibleName("Rated on")
        self.rating_note = line_edit("Why this rating? (optional)", "Rating note")
        self.rating_note.returnPressed.connect(self.record_rating)
        self.rate_button = QPushButton("Record rating")
        self.rate_button.setObjectName("primaryButton")
        self.rate_button.setEnabled(False)
        self.rate_button.clicked.connect(self.record_rating)
        self.rating.changed.connect(lambda: self.rate_button.setEnabled(True))
        self.rating_error = error_label()
        self.errors["rating"] = self.errors["rated_on"] = self.rating_error

        self.target_rating = target_combo("Target rating")
        self.target_rating.currentIndexChanged.connect(
            lambda: self._edited("target_rating", self.target_rating.currentData())
        )
        self.target_date = DateField()
        self.target_date.setAccessibleName("Target date")
        self.target_date.value_changed.connect(
            lambda: self._edited("target_date", self.target_date.value())
        )
        self.target_state = label("", "mutedLabel", wrap=True)

        self.chart = RatingChart()
        self.history_model = RatingHistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setAccessibleName("Rating history")
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.verticalHeader().hide()
        self.history_view.setShowGrid(False)
        self.history_view.setWordWrap(False)
        header = self.history_view.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 110), (1, 70), (2, 70)):
            self.history_view.setColumnWidth(column, width)
        self.history_view.setToolTip("Delete removes the selected rating (Ctrl+Z undoes)")
        on_delete_key(self.history_view, "Remove rating", self.remove_rating)

        self.evidence_model = TouchpointListModel(self)
        self.evidence_view = QListView()
        self.evidence_view.setAccessibleName("Touchpoints where it showed")
        self.evidence_view.setModel(self.evidence_model)
        self.evidence_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.evidence_view.setSpacing(2)
        self.evidence_view.activated.connect(self._open_evidence)
        on_delete_key(self.evidence_view, "Unlink touchpoint", self.unlink)
        self.evidence_empty = label(
            "Not linked to a touchpoint yet. Link the one-on-one, visit or call review where "
            "you saw it, to have the examples at hand in the next conversation.",
            "mutedLabel",
            wrap=True,
        )
        self.link_button = QPushButton(icon("link"), "Link a touchpoint…")
        self.link_button.clicked.connect(self.link)
        self.unlink_button = QPushButton(icon("unlink"), "Unlink")
        self.unlink_button.clicked.connect(self.unlink)
        self.open_button = QPushButton(icon("open"), "Open")
        self.open_button.clicked.connect(
            lambda: self._open_evidence(self.evidence_view.currentIndex())
        )
        self.evidence_title = label("", "sectionTitle")

        rate = QGridLayout()
        rate.setHorizontalSpacing(8)
        rate.setVerticalSpacing(6)
        rate.addWidget(label("Rate it", "fieldLabel"), 0, 0)
        rate.addLayout(row(self.rating, label("on"), self.rated_on, 1, spacing=6), 0, 1)
        rate.addLayout(row(self.rating_note, self.rate_button, spacing=6), 1, 1)
        rate.addWidget(self.rating_error, 2, 1)
        rate.addWidget(label("Target", "fieldLabel"), 3, 0)
        target_row = row(self.target_rating, label("by"), self.target_date, 1, spacing=6)
        rate.addWidget(with_error(target_row, self.errors, "target_date"), 3, 1)
        rate.addWidget(self.target_state, 4, 1)
        self.errors["target_rating"] = self.errors["target_date"]
        rate.setColumnStretch(1, 1)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(with_error(self.skill_edit, self.errors, "skill"))
        left.addWidget(with_error(self.detail_edit, self.errors, "detail"))
        left.addLayout(rate)
        left.addSpacing(8)
        left.addLayout(
            row(self.evidence_title, 1, self.link_button, self.unlink_button, self.open_button)
        )
        left.addWidget(self.evidence_view)
        left.addWidget(self.evidence_empty)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(self.chart)
        right.addWidget(self.history_view)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(
            row(
                self.kind_icon,
                self.kind_label,
                1,
                self.plan_button,
                self.switch_button,
                self.delete_button,
            )
        )
        layout.addLayout(columns, 1)

    # Showing ------------------------------------------------------------------------------

    def show_trait(self, trait_id: int) -> None:
        """Show a trait afresh (its fields included); pending edits of another are saved."""
        if self.record is not None and self.record.id != trait_id:
            self.flush()
        record = development.get_trait(trait_id)
        self._loading = True
        try:
            self.skill_edit.setText(record.skill)
            self.skill_edit.setCursorPosition(0)
            self.detail_edit.setPlainText(record.detail)
            self.target_rating.setCurrentIndex(
                max(0, self.target_rating.findData(record.target_rating))
            )
            self.target_date.set_value(record.target_date)
            self.rating.set_value(None)
            self.rating_note.clear()
            today = dt.date.today()
            self.rated_on.set_maximum(today)
            self.rated_on.set_value(today)
        finally:
            self._loading = False
        self.autosave.discard()
        self.rate_button.setEnabled(False)
        self.record = record
        self.refresh()

    def refresh(self) -> None:
        """Show what changed elsewhere (a rating, the kind, links) without touching what the
        user is typing."""
        if self.record is None:
            return
        try:
            record = development.get_trait(self.record.id)
        except LookupError:
            return
        self.record = record
        self.kind_icon.setPixmap(icon(_KIND_ICONS[record.kind]).pixmap(18, 18))
        self.kind_label.setText(kind_label(record.kind).upper())
        if record.kind is TraitKind.DEVELOPMENT:
            self.switch_button.setText("Now a strength")
            self.switch_button.setToolTip(
                "They have grown: make it a strength, keeping its history (Ctrl+Z undoes)"
            )
        else:
            self.switch_button.setText("Make it a development area")
            self.switch_button.setToolTip("Keep working on it, with its history (Ctrl+Z undoes)")
        self.target_state.setText(self._target_state(record))
        self.chart.plot(record.history)
        self.history_model.load(record.ratings)
        rows = len(record.ratings)
        self.history_view.setVisible(rows > 0)
        self.history_view.setFixedHeight(
            self.history_view.horizontalHeader().sizeHint().height() + min(rows, 5) * 30 + 4
        )
        evidence = development.evidence_of(record.id)
        self.evidence_model.load_records(evidence)
        self.evidence_title.setText(f"Where it showed ({len(evidence)})")
        self.evidence_view.setVisible(bool(evidence))
        fit_rows(self.evidence_view, len(evidence))
        self.evidence_empty.setVisible(not evidence)
        self.unlink_button.setEnabled(bool(evidence))
        self.open_button.setEnabled(bool(evidence))

    @staticmethod
    def _target_state(record: TraitRecord) -> str:
        if record.target_rating is None:
            return ""
        if record.target_met:
            return "reached"
        if record.target_missed(dt.date.today()):
            return "missed: set a new date?"
        return ""

    # Editing ------------------------------------------------------------------------------

    def _write(self, changes: dict[str, Any]) -> None:
        assert self.record is not None
        self.session.update_trait(self.record.id, **changes)

    @Slot()
    def _plan_assignment(self) -> None:
        if self.record is not None:
            self.assignment_requested.emit(self.record.id)

    @Slot()
    def record_rating(self) -> None:
        value = self.rating.value()
        if self.record is None or value is None:
            return
        try:
            record = self.session.rate_trait(
                self.record.id,
                value,
                self.rated_on.checked_day("rated_on"),
                self.rating_note.text(),
            )
        except ValidationError as error:
            show_field_error(self.errors, error)
            return
        self.rating_error.hide()
        self.rating.set_value(None)
        self.rating_note.clear()
        self.rate_button.setEnabled(False)
        self.status.emit(f"Rated {record.skill} {value} of 5")

    @Slot()
    def switch_kind(self) -> None:
        if self.record is None:
            return
        self.flush()
        before = self.record
        wanted = (
            TraitKind.STRENGTH if before.kind is TraitKind.DEVELOPMENT else TraitKind.DEVELOPMENT
        )
        words = kind_label(wanted).lower()
        self.history.change(
            f"make “{before.skill}” a {words}",
            lambda: self.session.set_trait_kind(before.id, wanted),
        )
        self.status.emit(f"“{before.skill}” is now a {words}")

    def delete(self, trait_id: int | None = None) -> None:
        """Delete the shown trait, or ``trait_id``: undoable, so nothing is asked."""
        record = self._to_delete(trait_id, development.get_trait)
        if record is not None:
            self._delete_undoably(
                record.skill,
                lambda: self.session.delete_trait(record.id),
            )

    @Slot()
    def remove_rating(self) -> None:
        rows = self.history_view.selectionModel().selectedRows()
        if self.record is None or not rows:
            return
        rating_id = int(rows[0].data(IdRole))
        trait = self.record

        _, point = self.history.change(
            f"remove a rating of “{trait.skill}”", lambda: self.session.delete_rating(rating_id)
        )
        self.status.emit(f"Removed the rating of {dates.date_text(point.rated_on)}. Ctrl+Z undoes.")

    @Slot()
    def link(self) -> None:
        if self.record is None:
            return
        record = self.record
        touchpoint_id = dialogs.pick_touchpoint(self, record.manager_id, record.skill)
        if touchpoint_id is None:
            return
        try:
            self.session.link_evidence(record.id, touchpoint_id)
        except ValidationError as error:
            self.status.emit(error.message)
            return
        self.status.emit(f"Linked a touchpoint to “{record.skill}”")

    @Slot()
    def unlink(self) -> None:
        index = self.evidence_view.currentIndex()
        if self.record is None or not index.isValid():
            return
        trait_id, touchpoint_id = self.record.id, int(index.data(IdRole))
        self.history.change(
            "unlink a touchpoint",
            lambda: self.session.unlink_evidence(trait_id, touchpoint_id),
        )
        self.status.emit("Unlinked. Ctrl+Z links it again.")

    @Slot(QModelIndex)
    def _open_evidence(self, index: QModelIndex) -> None:
        if index.isValid():
            self.touchpoint_requested.emit(int(index.data(IdRole)))


class NewTraitForm(QWidget):
    """Adds a strength or development area: the skill, what you see, a first rating and, if
    you like, a target. ``added`` carries the new trait's id."""

    added = Signal(int)
    cancelled = Signal()

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self.errors: dict[str, QLabel] = {}
        self.title = label("", "paneHeading")
        self.strength = QRadioButton("Strength")
        self.development = QRadioButton("Development area")
        self.skill = skill_combo("Skill")
        self.hint = label("", "mutedLabel", wrap=True)
        self.skill.currentTextChanged.connect(
            lambda text: self.hint.setText(SKILL_HINTS.get(text, ""))
        )
        self.detail = line_edit("What you see: an example, a pattern, a quote…", "What you see")
        self.rating = RatingPicker("First rating")
        self.target_rating = target_combo("Target rating")
        self.target_date = DateField()
        self.target_date.setAccessibleName("Target date")
        self.add_button = QPushButton(icon("add"), "Add")
        self.add_button.setObjectName("primaryButton")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add)
        combo_line(self.skill).returnPressed.connect(self.add)
        self.detail.returnPressed.connect(self.add)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.cancelled)

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        entries: list[tuple[str, QWidget | Any, str]] = [
            ("It is a", row(self.strength, self.development, 1), "kind"),
            ("Skill", self.skill, "skill"),
            ("", self.hint, ""),
            ("What you see", self.detail, "detail"),
            ("Rating now", row(self.rating, label("optional", "mutedLabel"), 1), "rating"),
            (
                "Target",
                row(self.target_rating, label("by"), self.target_date, 1),
                "target_date",
            ),
        ]
        for line, (title, widget, field) in enumerate(entries):
            form.addWidget(label(title, "fieldLabel"), line, 0)
            form.addWidget(with_error(widget, self.errors, field), line, 1)
        self.errors["target_rating"] = self.errors["target_date"]
        self.errors[""] = self.errors["kind"]
        form.setColumnStretch(1, 1)
        self.setMaximumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(
            label(
                "Start with the end in mind: rate where they are today, and say where they "
                "should be, and by when.",
                "mutedLabel",
                wrap=True,
            )
        )
        layout.addLayout(form)
        layout.addLayout(row(1, cancel, self.add_button))
        layout.addStretch(1)

    def start(self, manager_id: int, kind: TraitKind) -> None:
        """A blank form for ``manager_id``, ``kind`` chosen."""
        self.manager_id = manager_id
        fill_skills(self.skill, manager_id)
        self.hint.clear()
        self.detail.clear()
        self.rating.set_value(None)
        self.target_rating.setCurrentIndex(0)
        self.target_date.set_value(None)
        (self.strength if kind is TraitKind.STRENGTH else self.development).setChecked(True)
        self.title.setText(f"New {kind_label(kind).lower()}")
        for error in self.errors.values():
            error.hide()
        self.skill.setFocus()

    def unsaved_work(self) -> str | None:
        """What leaving the form now would lose ("the new strength"), or None."""
        typed = [self.skill.currentText(), self.detail.text(), self.target_date.line.text()]
        chosen = self.rating.value() is not None or self.target_rating.currentIndex() > 0
        if not chosen and not any(text.strip() for text in typed):
            return None
        kind = TraitKind.STRENGTH if self.strength.isChecked() else TraitKind.DEVELOPMENT
        return f"the new {kind_label(kind).lower()}"

    @Slot()
    def add(self) -> None:
        if self.manager_id is None:
            return
        for error in self.errors.values():
            error.hide()
        kind = TraitKind.STRENGTH if self.strength.isChecked() else TraitKind.DEVELOPMENT
        try:
            record = self.session.add_trait(
                self.manager_id,
                kind,
                self.skill.currentText(),
                self.detail.text(),
                rating=self.rating.value(),
                target_rating=self.target_rating.currentData(),
                target_date=self.target_date.checked("target_date"),
            )
        except ValidationError as error:
            show_field_error(self.errors, error)
            return
        self.added.emit(record.id)
