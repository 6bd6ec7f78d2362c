"""The Team plan tab: what the team should look like by a date, and how far it is.

One plan is shown at a time (a list picks another): its goals in a table (each with how far the
team was when the plan was made, how far it is today, and the managers furthest from it), and
one chart of each planned skill's distribution month by month up to the plan's date. The plan
is written in a small dialog (:class:`PlanEditor`): a title, a target date, a note, and goals,
each a skill at a level or a coaching rhythm at a rate, for every manager or at least a number.
Saving, editing and deleting go through the session, so Edit ▸ Undo takes them back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching.catalogue import SKILLS
from coachjournal.coaching.team import plan as team_plan
from coachjournal.coaching.team.plan import Goal, GoalProgress, Plan
from coachjournal.coaching.team.skills import skill_matrix
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import GoalKind, Rhythm
from ui import dates, dialogs
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.chart_canvas import ChartView
from ui.widgets.date_edit import DateField
from ui.widgets.refresh import RefreshWhenShown
from ui.widgets.wheel import pass_wheel_unless_focused

_Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Goal", "When the plan was made", "Today", "Furthest from it")
GOAL, THEN, NOW, FURTHEST = range(len(HEADERS))
#: The level a new skill goal starts at ("good": most plans ask for it).
DEFAULT_LEVEL = 4


def share_text(progress: GoalProgress) -> str:
    """ "3 of 8 (5 asked for)", or "reached: 6 of 8" once enough meet it."""
    if progress.team_size == 0:
        return "No managers"
    text = f"{progress.met} of {progress.team_size}"
    if progress.reached:
        return f"Reached: {text}"
    asked = "all" if progress.goal.at_least is None else f"{progress.required}"
    return f"{text} (asked: {asked})"


def furthest_text(progress: GoalProgress) -> str:
    """The managers furthest from the goal: "Ana (3), Dan (not rated)"."""
    names = []
    rhythm = progress.goal.rhythm
    for standing in progress.furthest():
        if standing.value is None:
            what = "not rated" if rhythm is None else "no figures"
        else:
            what = f"{standing.value:.1f}" if rhythm is not None else f"{standing.value:g}"
        names.append(f"{standing.name} ({what})")
    return ", ".join(names) if names else "—"


class GoalsModel(QAbstractTableModel):
    """A plan's goals: each with the team's standing then and today."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[GoalProgress, GoalProgress]] = []

    def set_rows(self, then: list[GoalProgress], now: list[GoalProgress]) -> None:
        self.beginResetModel()
        self.rows = list(zip(then, now, strict=True))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        then, now = self.rows[index.row()]
        column = index.column()
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            if column == GOAL:
                return now.goal.describe(now.team_size)
            if column == THEN:
                return share_text(then)
            if column == NOW:
                return share_text(now)
            return furthest_text(now)
        if role == Qt.ItemDataRole.FontRole and column == NOW and now.reached:
            font = QFont()
            font.setBold(True)
            return font
        return None


class GoalRow(QWidget):
    """One goal in the editor: what (a skill, or a rhythm), the level, and for whom."""

    removed = Signal(QWidget)

    def __init__(self, skills: list[str], goal: Goal | None = None) -> None:
        super().__init__()
        self.what = QComboBox()
        self.what.setAccessibleName("What the goal is about")
        self.what.setMinimumContentsLength(36)
        self.what.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for skill in skills:
            self.what.addItem(skill, (GoalKind.SKILL, skill))
        for rhythm in Rhythm:
            self.what.addItem(f"Rhythm: {rhythm.label}", (GoalKind.RHYTHM, rhythm.value))
        self.level = QDoubleSpinBox()
        self.level.setAccessibleName("Level")
        self.level.setFixedWidth(120)
        self.who = QComboBox()
        self.who.setAccessibleName("For whom")
        self.who.addItems(["every manager", "at least"])
        self.count = QSpinBox()
        self.count.setAccessibleName("How many managers at least")
        self.count.setRange(1, 10_000)
        pass_wheel_unless_focused(self.what, self.level, self.who, self.count)
        remove = QPushButton(icon("delete"), "")
        remove.setToolTip("Remove this goal")
        remove.setAccessibleName("Remove this goal")
        remove.clicked.connect(lambda: self.removed.emit(self))
        self.what.currentIndexChanged.connect(self._what_changed)
        self.who.currentIndexChanged.connect(
            lambda: self.count.setEnabled(self.who.currentIndex() == 1)
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.what, 3)
        layout.addWidget(label("at", "mutedLabel"))
        layout.addWidget(self.level)
        layout.addWidget(label("or more, for", "mutedLabel"))
        layout.addWidget(self.who)
        layout.addWidget(self.count)
        layout.addWidget(label("managers", "mutedLabel"))
        layout.addWidget(remove)
        if goal is not None:
            wanted = (goal.kind, goal.subject)
            found = next(
                (i for i in range(self.what.count()) if self.what.itemData(i) == wanted), -1
            )
            if found < 0:
                self.what.addItem(goal.subject, (goal.kind, goal.subject))
                found = self.what.count() - 1
            self.what.setCurrentIndex(found)
            self._what_changed()
            self.level.setValue(goal.level)
            self.who.setCurrentIndex(0 if goal.at_least is None else 1)
            self.count.setValue(goal.at_least or 1)
        else:
            self._what_changed()
            self.level.setValue(DEFAULT_LEVEL)
        self.count.setEnabled(self.who.currentIndex() == 1)

    @Slot()
    def _what_changed(self) -> None:
        kind, _ = self.what.currentData()
        if kind is GoalKind.SKILL:
            self.level.setDecimals(0)
            self.level.setRange(1, 5)
            self.level.setSuffix("")
        else:
            self.level.setDecimals(1)
            self.level.setRange(team_plan.LEAST_A_MONTH, team_plan.MOST_A_MONTH)
            self.level.setSuffix(" a month")

    def goal(self) -> Goal:
        kind, subject = self.what.currentData()
        at_least = None if self.who.currentIndex() == 0 else self.count.value()
        return Goal(kind, subject, self.level.value(), at_least)


class PlanEditor(QDialog):
    """A plan's title, target date, note and goals; Save checks them all before writing."""

    def __init__(self, skills: list[str], plan: Plan | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit the team plan" if plan else "New team plan")
        self.setMinimumWidth(900)
        self.skills = skills
        self.title_edit = QLineEdit(plan.title if plan else "")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("What the team should look like, in a few words")
        self.date_field = DateField(optional=False)
        self.date_field.setAccessibleName("Target date")
        today = dt.date.today()
        self.date_field.set_value(plan.target_date if plan else dt.date(today.year + 1, 1, 31))
        self.note_edit = QPlainTextEdit(plan.note if plan else "")
        self.note_edit.setAccessibleName("Why this plan")
        self.note_edit.setPlaceholderText("Why: what the business needs from this team")
        self.note_edit.setFixedHeight(64)
        self.goals_box = QVBoxLayout()
        self.rows: list[GoalRow] = []
        for goal in plan.goals if plan else [Goal(GoalKind.SKILL, SKILLS[0], DEFAULT_LEVEL)]:
            self.add_goal(goal)
        add = QPushButton(icon("add"), "Add a goal")
        add.clicked.connect(lambda: self.add_goal())
        self.error_label = label("", "errorLabel", wrap=True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("By", self.date_field)
        form.addRow("Why", self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(label("Goals", "sectionTitle"))
        layout.addLayout(self.goals_box)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def add_goal(self, goal: Goal | None = None) -> GoalRow:
        row = GoalRow(self.skills, goal)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self.goals_box.addWidget(row)
        return row

    @Slot(QWidget)
    def _remove(self, row: QWidget) -> None:
        assert isinstance(row, GoalRow)
        self.rows.remove(row)
        row.deleteLater()

    def values(self) -> tuple[str, dt.date, list[Goal], str]:
        """What the dialog holds; raises a ValidationError if the date is not one."""
        day = self.date_field.checked_day("target_date")
        return (
            self.title_edit.text(),
            day,
            [row.goal() for row in self.rows],
            self.note_edit.toPlainText(),
        )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def edit_plan(editor: PlanEditor, save: Callable[..., Plan]) -> Plan | None:
    """Run ``editor`` until ``save(*values)`` succeeds or the user cancels (a function tests
    replace)."""
    while editor.exec() == QDialog.DialogCode.Accepted:
        try:
            result: Plan = save(*editor.values())
        except CoachJournalError as error:
            editor.show_error(str(error))
            continue
        return result
    return None


class PlanTab(QWidget):
    """The plan chosen in the list: its goals, then and today, and its chart."""

    #: The tab read the journal again (for tests and screenshots).
    refreshed = Signal()
    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = dt.date.today()
        self.plans: list[Plan] = []
        self.plan_combo = QComboBox()
        self.plan_combo.setAccessibleName("Team plan")
        self.plan_combo.setMinimumContentsLength(30)
        self.plan_combo.currentIndexChanged.connect(self._show_plan)
        self.new_button = QPushButton(icon("add"), "New plan…")
        self.new_button.clicked.connect(self.new_plan)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.title_label = label("", "pageTitle", wrap=True)
        self.dates_label = label("", "mutedLabel", wrap=True)
        self.note_label = label("", wrap=True)
        self.empty_label = label(
            "Start with the end in mind: what should your team look like by a date? "
            "A plan names skills at a level (“every manager at 4 or above in pipeline "
            "management”) and rhythms of coaching (“2 one-on-ones per rep a month”), and "
            "shows how far the team is.",
            "emptyHint",
            wrap=True,
        )
        self.model = GoalsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("The plan's goals")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(GOAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FURTHEST, QHeaderView.ResizeMode.Stretch)
        for column in (THEN, NOW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ChartView()
        self.chart.setAccessibleName("Each planned skill's ratings month by month")
        self.chart.setMinimumHeight(220)

        bar = QHBoxLayout()
        bar.addWidget(label("Plan", "mutedLabel"))
        bar.addWidget(self.plan_combo, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        heading = QGridLayout()
        heading.addWidget(self.title_label, 0, 0)
        heading.addWidget(self.dates_label, 1, 0)
        heading.addWidget(self.note_label, 2, 0)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.table)
        body.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addLayout(heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.body, 1)

        self.refresher = RefreshWhenShown(self, self.refresh, delay_ms=250)
        self.refresher.follow(
            session.journal_opened,
            [
                session.team_plans_changed,
                session.traits_changed,
                session.results_changed,
                session.manager_changed,
                session.manager_removed,
                session.history_replayed,
            ],
        )

    @property
    def current(self) -> Plan | None:
        index = self.plan_combo.currentIndex()
        return self.plans[index] if 0 <= index < len(self.plans) else None

    def refresh(self, select: int | None = None) -> None:
        """Read the plans again, keeping the one shown (or showing ``select``)."""
        self.today = dt.date.today()
        shown = select if select is not None else (self.current.id if self.current else None)
        self.plans = team_plan.list_plans()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan in self.plans:
            self.plan_combo.addItem(f"{plan.title} · by {dates.date_text(plan.target_date)}")
        chosen = next((i for i, plan in enumerate(self.plans) if plan.id == shown), None)
        if chosen is None:
            chosen = next(
                (i for i, plan in enumerate(self.plans) if plan.target_date >= self.today),
                len(self.plans) - 1,
            )
        self.plan_combo.setCurrentIndex(chosen)
        self.plan_combo.blockSignals(False)
        self._show_plan()
        self.refresher.refreshed()
        self.refreshed.emit()

    @Slot()
    def _show_plan(self) -> None:
        plan = self.current
        has_plan = plan is not None
        for widget in (self.edit_button, self.delete_button, self.plan_combo, self.body):
            widget.setEnabled(has_plan)
        self.body.setVisible(has_plan)
        self.empty_label.setVisible(not has_plan)
        if plan is None:
            self.title_label.setText("No team plan yet")
            self.dates_label.setText("")
            self.note_label.setText("")
            self.model.set_rows([], [])
            return
        self.title_label.setText(plan.title)
        left = (plan.target_date - self.today).days
        when = f"{left} days to go" if left >= 0 else f"ended {-left} days ago"
        self.dates_label.setText(
            f"Made {dates.date_text(plan.created_on)} · by {dates.date_text(plan.target_date)} "
            f"({when})"
        )
        self.note_label.setText(plan.note)
        self.note_label.setVisible(bool(plan.note))
        then = team_plan.progress(plan, plan.created_on)
        now = team_plan.progress(plan, min(self.today, plan.target_date))
        self.model.set_rows(then, now)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(row) for row in range(self.model.rowCount()))
        self.table.setFixedHeight(rows + self.table.horizontalHeader().sizeHint().height() + 4)
        self.chart.plot(team_plan.plan_chart(plan, self.today))

    def _skills(self) -> list[str]:
        """What a goal can be about: the matrix's skills (the catalogue's and the shared ones)."""
        return list(skill_matrix(self.today).skills)

    @Slot()
    def new_plan(self) -> None:
        editor = PlanEditor(self._skills(), None, self)
        saved = edit_plan(editor, self.session.add_team_plan)
        if saved is not None:
            self.refresh(select=saved.id)
            self.status.emit(f"Team plan “{saved.title}” saved")

    @Slot()
    def edit_current(self) -> None:
        plan = self.current
        if plan is None:
            return
        editor = PlanEditor(self._skills(), plan, self)
        saved = edit_plan(
            editor,
            lambda title, day, goals, note: self.session.update_team_plan(
                plan.id, title, day, goals, note
            ),
        )
        if saved is not None:
            self.refresh(select=saved.id)
            self.status.emit(f"Team plan “{saved.title}” saved")

    @Slot()
    def delete_current(self) -> None:
        plan = self.current
        if plan is None:
            return
        if not dialogs.confirm(
            self,
            "Delete the team plan",
            f"Delete the team plan “{plan.title}”?",
            "Its goals go with it; Edit ▸ Undo brings it back.",
            "Delete",
        ):
            return
        self.session.delete_team_plan(plan.id)
        self.refresh()
