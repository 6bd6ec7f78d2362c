"""A manager's results as a grid of periods (rows) by figures (columns), edited like a sheet.

The grid runs past today to the end of the fiscal year (the next one too in a year's last
quarter), so a year's plans can be typed or pasted in January: a period that has not started
takes its plan and a note, nothing else. The period in progress shows its attainment as the
pace, marked month-to-date (``146% MTD``), as the core works it out.

Typing on a cell starts editing it with what was typed; Enter saves and moves down, Tab right;
Delete clears the selected cells; Ctrl+V pastes a block copied from a spreadsheet (its columns
fill the grid's editable columns from the current one, passing over the worked-out ones), Ctrl+C
copies the selection as tab-separated text. Nothing invalid is saved: a figure that cannot be
read is refused with a sentence naming the period and the column, and a pasted block with one
bad cell is not pasted at all. The model reads through :mod:`coachjournal.coaching.results` and
writes through a callable the owner gives it (the session's, which tells the other screens).
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
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from coachjournal.coaching import results
from coachjournal.coaching.results import Figure, FiscalPeriod, PeriodFigures, ResultSettings, Value
from coachjournal.errors import ValidationError
from ui import dates

_Index = QModelIndex | QPersistentModelIndex
#: A write: for each period, the figures to set (None clears one).
Changes = list[tuple[FiscalPeriod, dict[Figure, Value]]]

COLUMNS: tuple[Figure, ...] = tuple(Figure)
EDITABLE: tuple[int, ...] = tuple(i for i, figure in enumerate(COLUMNS) if figure.editable)
_TIPS = {
    Figure.PLAN: "The team's plan (quota) for the period",
    Figure.ACTUAL: "What the team sold in the period",
    Figure.ATTAINMENT: "Actual / plan, worked out; for the period in progress, against the plan "
    "so far (MTD: month-to-date); “no plan” when the plan is empty or zero",
    Figure.REPS: "Team size: the reps this manager leads",
    Figure.ONE_ON_ONES: "One-on-ones the manager held with their reps",
    Figure.JOINT_CALLS: "Customer calls and ride-alongs the manager made with their reps",
    Figure.TEAM_MEETINGS: "Team meetings the manager held",
    Figure.REP_COACHING: "One-on-ones and joint calls per rep per month, worked out (at this "
    "pace, for the period in progress)",
    Figure.NOTE: "Anything that explains the period",
}


def header_text(figure: Figure) -> str:
    """A column's header, on two lines when it has several words: the columns stay narrow
    enough for every figure and the note to fit beside the roster."""
    return figure.label.replace(" ", "\n", 1) if " " in figure.label else figure.label


def shown(figures: PeriodFigures, figure: Figure, today: dt.date) -> str:
    """A cell as the grid shows it on ``today``: the period in progress as its pace, marked
    ``MTD`` (``QTD``); nothing worked out for a period that has not started."""
    period = figures.period
    if figure in (Figure.ATTAINMENT, Figure.REP_COACHING) and not period.has_started(today):
        return ""
    marker = f" {period.to_date_short}" if period.contains(today) else ""
    share = period.share_gone(today)
    if figure is Figure.ATTAINMENT:
        if figures.attainment is not None:
            pace = figures.pace(today)
            return "too early" if pace is None else f"{pace:.0%}{marker}"
        if figures.is_empty or figures.value(Figure.ACTUAL) is None:
            return ""  # nothing yet, or a plan waiting for its actual
        return "no plan"
    if figure is Figure.REP_COACHING:
        coaching = figures.rep_coaching
        if coaching is None:
            return ""
        return "too early" if share == 0 else f"{coaching / share:.1f}{marker}"
    stored = figures.value(figure)
    if figure.is_money:
        return results.money_text(stored if isinstance(stored, int) else None)
    return "" if stored is None else str(stored)


def edit_text(figures: PeriodFigures, figure: Figure) -> str:
    """A cell as its editor starts: amounts without thousands separators, so they read back
    the same whatever the locale."""
    stored = figures.value(figure)
    if figure.is_money and isinstance(stored, int):
        whole, cents = divmod(stored, 100)
        return f"{whole}.{cents:02d}" if cents else str(whole)
    return "" if stored is None else str(stored)


class ResultsGridModel(QAbstractTableModel):
    """The periods of one manager. ``problem`` carries a refused entry, in a sentence."""

    problem = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager_id: int | None = None
        self.rows: list[PeriodFigures] = []
        self.settings = ResultSettings()
        self.today = dt.date.today()
        #: Writes the changes (all or none); raises ValidationError if one is refused.
        self.commit: Callable[[int, Changes], object] | None = None

    def load(self, manager_id: int | None, settings: ResultSettings, today: dt.date) -> None:
        self.beginResetModel()
        self.manager_id, self.settings, self.today = manager_id, settings, today
        if manager_id is None:
            self.rows = []
        else:
            periods = results.grid_periods(manager_id, settings, today)
            self.rows = results.figures(manager_id, periods)
        self.endResetModel()

    def reload_rows(self) -> None:
        """Read every row's figures again (after a write), keeping the periods."""
        if self.manager_id is None or not self.rows:
            return
        self.rows = results.figures(self.manager_id, [row.period for row in self.rows])
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def row_of(self, day: dt.date) -> int:
        """The row of the period holding ``day``; -1 if none does."""
        return next((i for i, row in enumerate(self.rows) if row.period.contains(day)), -1)

    # --- Qt's model interface ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(COLUMNS):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return header_text(COLUMNS[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _TIPS[COLUMNS[section]]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                side = (
                    Qt.AlignmentFlag.AlignLeft
                    if COLUMNS[section] is Figure.NOTE
                    else (Qt.AlignmentFlag.AlignRight)
                )
                return int(side | Qt.AlignmentFlag.AlignVCenter)
            return None
        if not 0 <= section < len(self.rows):
            return None
        period = self.rows[section].period
        if role == Qt.ItemDataRole.DisplayRole:
            return period.label
        if role == Qt.ItemDataRole.ToolTipRole:
            span = (
                f"{period.span} ({dates.date_text(period.start)} to {dates.date_text(period.end)})"
            )
            if not period.has_started(self.today):
                return f"{span}: not started; enter its plan ahead"
            if period.contains(self.today):
                gone, total = period.working_days(self.today), period.working_days()
                return f"{span}: in progress, {gone} of {total} working days gone"
            return span
        if role == Qt.ItemDataRole.ForegroundRole and not period.has_started(self.today):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def is_editable(self, row: int, figure: Figure) -> bool:
        """Whether the cell takes typing: a stored figure, and for a period that has not started
        only its plan and note."""
        if not figure.editable:
            return False
        return figure in results.AHEAD or self.rows[row].period.has_started(self.today)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.is_editable(index.row(), COLUMNS[index.column()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, figure = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(row, figure, self.today)
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(row, figure) if figure.editable else shown(row, figure, self.today)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if figure is Figure.NOTE:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, figure)
        if role == Qt.ItemDataRole.FontRole and not figure.editable:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (
            shown(row, figure, self.today) in ("no plan", "too early")
            or (not self.is_editable(index.row(), figure) and figure.editable)
        ):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _tooltip(self, row: PeriodFigures, figure: Figure) -> str | None:
        period = row.period
        if figure.editable and not period.has_started(self.today) and figure not in results.AHEAD:
            return f"{period.label} has not started: enter its plan now, the rest once it has"
        if figure is Figure.ATTAINMENT and row.attainment is not None:
            plan, actual = results.money_text(row.plan_cents), results.money_text(row.actual_cents)
            if period.contains(self.today):
                gone, total = period.working_days(self.today), period.working_days()
                pace = row.pace(self.today)
                shown_pace = "too early to tell" if pace is None else f"{pace:.0%}"
                return (
                    f"{period.to_date.capitalize()}: {actual} of a plan of {plan} "
                    f"({row.attainment:.0%}) with {gone} of {total} working days gone. Against "
                    f"the plan so far, {shown_pace}; the trend is set when the "
                    f"{period.period.value} closes."
                )
            return f"{actual} of a plan of {plan}"
        if figure is Figure.ATTAINMENT and not row.is_empty:
            return "No attainment: the plan is empty or zero"
        if figure is Figure.REP_COACHING and row.rep_coaching is not None:
            touches = (row.one_on_ones or 0) + (row.joint_calls or 0)
            months = "" if row.period.months == 1 else f" over {row.period.months} months"
            return f"{touches} one-on-ones and joint calls with {row.reps} reps{months}"
        if figure is Figure.NOTE and row.note:
            return row.note
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        figure = COLUMNS[index.column()]
        row = self.rows[index.row()]
        text = "" if value is None else str(value)
        if text.strip() == edit_text(row, figure).strip():
            return False
        return self.write({(index.row(), index.column()): text})

    def write(self, cells: dict[tuple[int, int], str]) -> bool:
        """Read and save typed cells ((row, column) -> text) in one write; on a refused cell,
        say why (period and column) through ``problem`` and save none of them."""
        if self.manager_id is None or self.commit is None:
            return False
        changes: dict[int, dict[Figure, Value]] = {}
        for (row, column), text in sorted(cells.items()):
            figure = COLUMNS[column]
            if not figure.editable:
                continue
            try:
                value = results.parse(figure, text)
            except ValidationError as error:
                self.problem.emit(f"{self.rows[row].period.label}, {figure.label}: {error.message}")
                return False
            try:
                results.check_started(self.rows[row].period, {figure: value}, self.today)
            except ValidationError as error:
                self.problem.emit(error.message)
                return False
            changes.setdefault(row, {})[figure] = value
        if not changes:
            return False
        try:
            self.commit(self.manager_id, [(self.rows[r].period, v) for r, v in changes.items()])
        except ValidationError as error:
            self.problem.emit(error.message)
            return False
        self.problem.emit("")
        self.reload_rows()
        return True


class ResultsGrid(QTableView):
    """The grid's keys, as a spreadsheet has them (see the module docstring)."""

    #: A sentence for the user (a paste that did not fit, say).
    message = Signal(str)

    def __init__(self, model: ResultsGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName("Results")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    @property
    def results_model(self) -> ResultsGridModel:
        model = self.model()
        assert isinstance(model, ResultsGridModel)
        return model

    def size_columns(self) -> None:
        """Widths that fit a seven-figure amount and each header, without clipping either."""
        metrics = self.fontMetrics()
        for column, figure in enumerate(COLUMNS):
            if figure is Figure.NOTE:
                continue
            sample = "99,999,999" if figure.is_money else "100% MTD"
            lines = header_text(figure).split("\n")
            wide = max(metrics.horizontalAdvance(text) for text in (sample, *lines))
            self.setColumnWidth(column, wide + 22)
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 10)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter saves the cell and moves down, as in a spreadsheet."""
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move(1)
            return
        super().closeEditor(editor, hint)

    def _move(self, rows: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        below = self.model().index(current.row() + rows, current.column())
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move(1)
                return
            if event.text().strip() and not self.currentIndex().flags() & (
                Qt.ItemFlag.ItemIsEditable
            ):
                self.results_model.problem.emit(self._why_not_editable(self.currentIndex()))
                return
        super().keyPressEvent(event)

    def _why_not_editable(self, index: QModelIndex) -> str:
        """Why typing into ``index`` does nothing, for the user who just tried."""
        row, figure = self.results_model.rows[index.row()], COLUMNS[index.column()]
        if not figure.editable:
            return f"{figure.label} is worked out from the other figures."
        try:
            results.check_started(row.period, {figure: 1}, self.results_model.today)
        except ValidationError as error:
            return error.message
        return f"{row.period.label}, {figure.label}: this cell cannot be typed in."

    def _selected_cells(self) -> list[tuple[int, int]]:
        return sorted((index.row(), index.column()) for index in self.selectedIndexes())

    def clear_selection(self) -> None:
        """Empty every selected figure that can be edited (worked-out ones stay)."""
        cells = {
            (row, column): ""
            for row, column in self._selected_cells()
            if COLUMNS[column].editable and edit_text(self.results_model.rows[row], COLUMNS[column])
        }
        if cells and self.results_model.write(cells):
            self.message.emit(f"Cleared {len(cells)} figure{'s' if len(cells) != 1 else ''}")

    def copy(self) -> None:
        cells = self._selected_cells()
        if not cells:
            return
        rows = sorted({row for row, _ in cells})
        columns = sorted({column for _, column in cells})
        model = self.results_model
        lines = [
            "\t".join(
                str(model.data(model.index(row, column), Qt.ItemDataRole.EditRole))
                for column in columns
            )
            for row in rows
        ]
        QGuiApplication.clipboard().setText("\n".join(lines))

    def paste(self) -> None:
        """Paste a tab-separated block at the current cell (see the module docstring)."""
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        current = self.currentIndex()
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        if not current.isValid() or not text.strip():
            return
        block = [line.split("\t") for line in lines]
        model = self.results_model
        first = next((i for i, c in enumerate(EDITABLE) if c >= current.column()), None)
        width = max(len(cells) for cells in block)
        if first is None or first + width > len(EDITABLE):
            self.message.emit(
                f"The block is {width} column{'s' if width != 1 else ''} wide and does not fit "
                "from this column; nothing was pasted."
            )
            return
        if current.row() + len(block) > len(model.rows):
            self.message.emit(
                f"The block has {len(block)} rows and runs past the last period; nothing was "
                "pasted."
            )
            return
        cells = {
            (current.row() + r, EDITABLE[first + c]): value
            for r, values in enumerate(block)
            for c, value in enumerate(values)
        }
        if model.write(cells):
            self.message.emit(f"Pasted {len(block)} × {width} figures")
