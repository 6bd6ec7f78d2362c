"""The results settings, planning a year and the preview of a results CSV before it is
imported, each behind a small function that tests replace (like ui/dialogs.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import results
from coachjournal.coaching.results import Figure, FiscalPeriod, PeriodFigures, ResultSettings
from coachjournal.errors import ValidationError
from coachjournal.exchange.results_import import ResultRow, ResultsPlan, RowStatus
from coachjournal.kinds import ResultPeriod
from coachjournal.periods import MONTH_NAMES
from ui.results.grid import COLUMNS
from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen

_Index = QModelIndex | QPersistentModelIndex


class ResultSettingsDialog(QDialog):
    """Months or quarters, the month the fiscal year starts in, and the rep coaching target."""

    def __init__(self, settings: ResultSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Results settings")
        self.period = QComboBox()
        self.period.setAccessibleName("Record results per")
        self.period.addItem("Month", ResultPeriod.MONTH)
        self.period.addItem("Fiscal quarter", ResultPeriod.QUARTER)
        self.period.setCurrentIndex(self.period.findData(settings.period))
        self.fiscal_start = QComboBox()
        self.fiscal_start.setAccessibleName("Fiscal year starts in")
        for number, name in enumerate(MONTH_NAMES, start=1):
            self.fiscal_start.addItem(name, number)
        self.fiscal_start.setCurrentIndex(settings.fiscal_start - 1)
        self.target = QDoubleSpinBox()
        self.target.setAccessibleName("Rep coaching target")
        self.target.setRange(0.1, 100.0)
        self.target.setSingleStep(0.5)
        self.target.setDecimals(1)
        self.target.setSuffix(" per rep a month")
        self.target.setValue(settings.target)
        form = QFormLayout()
        form.addRow("Record results per", self.period)
        form.addRow("Fiscal year starts in", self.fiscal_start)
        form.addRow("Rep coaching target", self.target)
        note = label(
            "A fiscal year is named after the year it ends in: one starting in April 2025 is "
            "FY2026. The target is the one-on-ones and joint calls you expect each rep to get "
            "from their manager in a month. Figures already entered per month are kept when "
            "you switch to quarters, and shown again if you switch back.",
            "mutedLabel",
            wrap=True,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def chosen(self) -> ResultSettings:
        return ResultSettings(
            period=self.period.currentData(),
            fiscal_start=self.fiscal_start.currentData(),
            target=round(self.target.value(), 1),
        )


#: A year's plans: for each period, its plan in cents.
YearPlan = list[tuple[FiscalPeriod, int]]


class PlanYearDialog(QDialog):
    """A yearly plan spread evenly over a fiscal year's months or quarters, to the cent; the
    plans already entered can be kept, the rest of the figure going to the periods without one.
    ``years`` maps each fiscal year offered ("FY2027") to its periods' figures."""

    def __init__(
        self, years: Mapping[str, Sequence[PeriodFigures]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan the year")
        self.years = years
        self.year = QComboBox()
        self.year.setAccessibleName("Fiscal year")
        for name, figures in years.items():
            first, last = figures[0].period, figures[-1].period
            self.year.addItem(f"{name} ({first.label} to {last.label})", name)
        self.total = QLineEdit()
        self.total.setAccessibleName("Plan for the year")
        self.total.setPlaceholderText("1,200,000")
        self.keep = QCheckBox("Keep the plans already entered; spread the rest")
        self.keep.setChecked(True)  # never rewrites a past month's plan unless asked
        self.outcome = label("", "mutedLabel", wrap=True)
        self.outcome.setAccessibleName("What will be entered")
        form = QFormLayout()
        form.addRow("Fiscal year", self.year)
        form.addRow("Plan for the year", self.total)
        form.addRow("", self.keep)
        note = label(
            "The figure is split evenly over the periods, to the cent. To enter a different plan "
            "for each month, paste a column of them into the grid's Plan column instead.",
            "mutedLabel",
            wrap=True,
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = self.buttons.addButton(
            "Enter plans", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.year.currentIndexChanged.connect(self._update)
        self.total.textChanged.connect(self._update)
        self.keep.toggled.connect(self._update)
        self._update()

    def plans(self) -> YearPlan:
        """The plans to enter; a :class:`ValidationError` saying what is wrong otherwise."""
        figures = self.years[self.year.currentData()]
        total = results.parse(Figure.PLAN, self.total.text())
        if not isinstance(total, int) or total == 0:
            raise ValidationError("plan", "Enter the plan for the whole year, like 1,200,000.")
        return results.plan_year(total, figures, keep=self.keep.isChecked())

    def _update(self) -> None:
        try:
            plans = self.plans()
        except ValidationError as error:
            text = error.message if self.total.text().strip() else ""
            self.outcome.setText(text)
            self.plan_button.setEnabled(False)
            return
        amounts = sorted({cents for _, cents in plans})
        unit = "month" if plans[0][0].period.value == "month" else "quarter"
        each = " or ".join(results.money_text(cents) for cents in amounts[-2:])
        self.outcome.setText(f"{len(plans)} {unit}{'s' if len(plans) != 1 else ''} of {each}.")
        self.plan_button.setEnabled(True)


_STATUS_TEXT = {
    RowStatus.NEW: "New",
    RowStatus.UPDATE: "Updates figures",
    RowStatus.EMPTY: "No figures: passed over",
    RowStatus.INVALID: "⚠ Cannot be read",
}


class ResultsPreviewModel(QAbstractTableModel):
    """The rows of a results file as they will be written: row, status, manager, period and
    each figure the file fills."""

    def __init__(self, plan: ResultsPlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.figures: tuple[Figure, ...] = tuple(f for f in COLUMNS if f in plan.figures)
        self.headers = ("Row", "Status", "Manager", "Period", *(f.label for f in self.figures))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.plan.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and row.message:
            return row.message
        return None

    def _text(self, row: ResultRow, column: int) -> str:
        if column == 0:
            return str(row.number)
        if column == 1:
            return _STATUS_TEXT[row.status]
        if column == 2:
            return row.manager
        if column == 3:
            return row.period.label if row.period is not None else row.period_text
        figure = self.figures[column - 4]
        value = row.values.get(figure)
        if value is None:
            return ""
        if figure.is_money and isinstance(value, int):
            return results.money_text(value)
        return str(value)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class ImportPreviewDialog(QDialog):
    """What a results file would write, before anything is: the columns read and ignored, each
    row, and the rows that cannot be read (then nothing can be imported)."""

    def __init__(self, plan: ResultsPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle("Import results")
        new, update = plan.with_status(RowStatus.NEW), plan.with_status(RowStatus.UPDATE)
        bad = plan.with_status(RowStatus.INVALID)
        summary = (
            f"{plan.source}: {_plural(len(new), 'new period')}, "
            f"{_plural(len(update), 'period')} whose figures are updated"
        )
        empty = plan.with_status(RowStatus.EMPTY)
        if empty:
            summary += f", {_plural(len(empty), 'row')} without figures"
        self.summary = label(summary + ".", "sectionTitle", wrap=True)
        read = ", ".join(f"{header} ({_key_label(key)})" for key, header in plan.columns.items())
        columns = f"Columns read: {read}."
        if plan.ignored:
            columns += f" Ignored: {', '.join(plan.ignored)}."
        if plan.other_kind:
            kind = "quarters" if plan.settings.period is ResultPeriod.MONTH else "months"
            columns += (
                f" {_plural(plan.other_kind, 'row')} give {kind}: kept, and shown when the "
                f"results settings record {kind}."
            )
        self.columns = label(columns, "mutedLabel", wrap=True)
        self.problems = label("", "fieldError", wrap=True)
        if bad:
            shown = "\n".join(f"⚠ {row.message}" for row in bad[:8])
            more = f"\n…and {len(bad) - 8} more." if len(bad) > 8 else ""
            self.problems.setText(
                f"Nothing can be imported until these rows are fixed in the file:\n{shown}{more}"
            )
        self.problems.setVisible(bool(bad))
        self.model = ResultsPreviewModel(plan, self)
        self.table = QTableView()
        self.table.setAccessibleName("Rows to import")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(not bad and bool(new or update))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.columns)
        layout.addWidget(self.problems)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, "resultsImport", QSize(860, 520))


def _key_label(key: str) -> str:
    return {"manager": "manager", "period": "period"}.get(key) or Figure(key).label.lower()


def ask_result_settings(parent: QWidget, settings: ResultSettings) -> ResultSettings | None:
    """The results settings dialog; the settings chosen, or None when the user cancels."""
    dialog = ResultSettingsDialog(settings, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_year_plan(parent: QWidget, years: Mapping[str, Sequence[PeriodFigures]]) -> YearPlan | None:
    """The plan-the-year dialog; the plans to enter, or None when the user cancels."""
    dialog = PlanYearDialog(years, parent)
    return dialog.plans() if dialog.exec() == QDialog.DialogCode.Accepted else None


def confirm_results_import(parent: QWidget, plan: ResultsPlan) -> bool:
    """Preview a results file; True when the user chose to import it."""
    return ImportPreviewDialog(plan, parent).exec() == QDialog.DialogCode.Accepted
