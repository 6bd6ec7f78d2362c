"""The Skills tab of the Team screen: managers × skills, each cell the latest rating, its trend
and the target, shaded on a colour-blind-safe scale with the number always written.

The names are the table's vertical header, so they stay put while the skills scroll sideways
(a matrix of 40 managers and a dozen skills is wider and taller than the window). The footer
(the mean, the spread and how many were rated, per skill) is a second table under the first that
follows its columns and its sideways scrolling, so it stays in sight while the rows scroll. A
filter by team or region narrows the rows, and the footer and the "largest gaps" list follow it.

Double-clicking a cell (or Enter on it) asks for that manager's Development tab at that skill.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachjournal import colours
from coachjournal.coaching.development import RatingTrend
from coachjournal.coaching.team.skills import (
    Cell,
    ManagerSkills,
    SkillMatrix,
    regions,
    skill_matrix,
)
from ui import dates
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.refresh import RefreshWhenShown

_Index = QModelIndex | QPersistentModelIndex
#: The cell a role asks about, and what the proxy sorts by (the rating; the unrated lowest).
CellRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
#: Whether the cell is one of the largest gaps to its target.
GapRole = Qt.ItemDataRole.UserRole + 3
ROW_HEIGHT = 40
COLUMN_WIDTH = 92
#: The name column's widest (a 200-character name is cut, with its tooltip whole).
NAMES_MOST = 260
#: The filter's first entry: everyone.
EVERYONE = "All teams"

_TREND_WORDS = {
    RatingTrend.UP: "up from",
    RatingTrend.DOWN: "down from",
    RatingTrend.STEADY: "the same as",
}


def cell_text(cell: Cell) -> str:
    """What a cell says: "3 ↑" (the rating and its trend), "–" when not rated yet."""
    if cell.rating is None:
        return "–"
    arrow = cell.trend.arrow if cell.trend is not RatingTrend.FIRST else ""
    return f"{cell.rating} {arrow}".strip()


def cell_tooltip(name: str, skill: str, cell: Cell) -> str:
    """The cell in words: "Ana · Pipeline management: 3 on 10 Mar 2026, up from 2. Target 5
    (2 to go)." """
    if cell.rating is None or cell.rated_on is None:
        text = f"{name} · {skill}: not rated yet."
    else:
        text = f"{name} · {skill}: {cell.rating} on {dates.date_text(cell.rated_on)}"
        if cell.previous is not None and cell.trend in _TREND_WORDS:
            text += f", {_TREND_WORDS[cell.trend]} {cell.previous}"
        text += "."
    if cell.target is not None:
        text += f" Target {cell.target}"
        text += f" ({cell.gap} to go)." if cell.gap else "."
    return text + " Double-click to open it."


class SkillsModel(QAbstractTableModel):
    """The matrix: a row per manager (named in the vertical header), a column per skill."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix = SkillMatrix((), ())
        self.gaps: set[tuple[int, str]] = set()

    def set_matrix(self, matrix: SkillMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def set_gaps(self, gaps: set[tuple[int, str]]) -> None:
        """Mark the largest gaps (manager id, skill): they follow the filter."""
        self.gaps = gaps
        if self.matrix.rows and self.matrix.skills:
            last = self.index(len(self.matrix.rows) - 1, len(self.matrix.skills) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [GapRole])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.matrix.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.matrix.skills)

    def row(self, row: int) -> ManagerSkills:
        return self.matrix.rows[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.matrix.skills):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.matrix.skills[section]
            return None
        if not 0 <= section < len(self.matrix.rows):
            return None
        row = self.matrix.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name} · {row.team}" if row.team else row.name
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.matrix.rows):
            return None
        row = self.matrix.rows[index.row()]
        skill = self.matrix.skills[index.column()]
        cell = row.cell(skill)
        if role == SortRole:
            return -1 if cell is None or cell.rating is None else cell.rating
        if role == GapRole:
            return (row.manager_id, skill) in self.gaps
        if cell is None:
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{row.name} · {skill}: not assessed"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == CellRole:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(row.name, skill, cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_tooltip(row.name, skill, cell).removesuffix(" Double-click to open it.")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class SkillsFilter(QSortFilterProxyModel):
    """The rows of one team, or of the teams of one region; sorted by a skill's rating."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.teams: frozenset[str] | None = None

    def lessThan(self, left: _Index, right: _Index) -> bool:
        """By rating, the managers not rated in the skill last whichever way it is sorted (the
        weakest rated first, or the strongest)."""
        mine: int = left.data(SortRole)
        theirs: int = right.data(SortRole)
        if (mine == -1) != (theirs == -1):
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (theirs == -1) == ascending
        return mine < theirs

    def set_teams(self, teams: frozenset[str] | None) -> None:
        """Show only managers of ``teams`` (None: everyone)."""
        self.beginFilterChange()
        self.teams = teams
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self.teams is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, SkillsModel)
        return " ".join(model.row(source_row).team.split()) in self.teams

    def visible_rows(self) -> list[ManagerSkills]:
        model = self.sourceModel()
        assert isinstance(model, SkillsModel)
        return [
            model.row(self.mapToSource(self.index(row, 0)).row()) for row in range(self.rowCount())
        ]


FOOTER_ROWS = ("Mean", "Spread (low–high)", "Rated")


class FooterModel(QAbstractTableModel):
    """Under each skill: the mean, the lowest and highest rating, how many were rated."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.values: list[tuple[str, str, str]] = []
        self.tips: list[str] = []

    def set_rows(self, matrix: SkillMatrix, rows: list[ManagerSkills]) -> None:
        self.beginResetModel()
        self.values, self.tips = [], []
        for skill in matrix.skills:
            summary = matrix.summary(skill, rows)
            if summary.mean is None or summary.stdev is None:
                self.values.append(("–", "–", f"0 of {len(rows)}"))
                self.tips.append(f"{skill}: no manager shown is rated yet.")
                continue
            self.values.append(
                (
                    f"{summary.mean:.1f}",
                    f"{summary.low}–{summary.high}",
                    f"{summary.rated} of {len(rows)}",
                )
            )
            self.tips.append(
                f"{skill}: mean {summary.mean:.1f}, standard deviation {summary.stdev:.1f}, "
                f"lowest {summary.low}, highest {summary.high}; {summary.rated} of the "
                f"{len(rows)} managers shown are rated."
            )
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() or not self.values else len(FOOTER_ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.values)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(FOOTER_ROWS)
        ):
            return FOOTER_ROWS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.values):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.values[index.column()][index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class RatingDelegate(QStyledItemDelegate):
    """Paints a cell: shaded by its rating (cividis, :data:`coachjournal.colours.RATING_SCALE`),
    the rating and its trend large, the target small beneath; a largest gap framed in
    vermilion and written bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        cell = index.data(CellRole)
        if not isinstance(cell, Cell):
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect.adjusted(2, 2, -2, -2)
        palette = option.palette
        if cell.rating is None:
            face, ink = palette.alternateBase().color(), palette.placeholderText().color()
        else:
            shade, text = colours.RATING_SCALE[cell.rating]
            face, ink = QColor(shade), QColor(text)
        painter.fillRect(rect, face)
        if cell.rating is not None and palette.base().color().lightness() < 128:
            # On a dark window the scale's dark end (a 1, navy) sinks into the background:
            # an outline keeps every rated cell a cell.
            edge = QColor(palette.text().color())
            edge.setAlpha(120)
            painter.setPen(QPen(edge, 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        gap = bool(index.data(GapRole))
        if gap:
            painter.setPen(QPen(QColor(colours.VERMILLION), 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        selected = option.state & QStyle.StateFlag.State_Selected
        if selected:
            painter.setPen(QPen(palette.highlight().color(), 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(4, 4, -5, -5))
        font = QFont(option.font)
        font.setBold(gap)
        has_target = cell.target is not None
        top = rect.adjusted(0, 0, 0, -rect.height() // 3) if has_target else rect
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, cell_text(cell))
        if has_target:
            small = QFont(option.font)
            small.setPointSizeF(small.pointSizeF() * 0.85)
            small.setBold(gap)
            painter.setFont(small)
            bottom = rect.adjusted(0, rect.height() // 2, 0, -2)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, f"target {cell.target}")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(COLUMN_WIDTH, ROW_HEIGHT)


class MatrixView(QTableView):
    """The matrix's table: Enter opens the current cell, as a double-click does."""

    activated_cell = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_cell.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SkillsTab(QWidget):
    """``skill_opened(manager_id, skill)`` asks for that manager's Development tab at that
    skill."""

    skill_opened = Signal(int, str)
    #: The tab read the journal again (for tests and screenshots).
    refreshed = Signal()

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = dt.date.today()
        self.model = SkillsModel(self)
        self.proxy = SkillsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.footer_model = FooterModel(self)
        self._regions: dict[str, str] = {}

        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName("Show the managers of")
        self.filter_combo.setMinimumContentsLength(24)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.count_label = label("", "mutedLabel")
        legend = label(self._legend_text(), "mutedLabel", wrap=True)
        legend.setTextFormat(Qt.TextFormat.RichText)

        self.table = MatrixView()
        self.table.setAccessibleName("Skills across the team")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RatingDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setDefaultSectionSize(COLUMN_WIDTH)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(48)
        header.setToolTip("Click a skill to sort by it; again to reverse")
        self.table.doubleClicked.connect(self._open)
        self.table.activated_cell.connect(self._open)

        self.footer = QTableView()
        self.footer.setAccessibleName("Mean, spread and how many were rated, per skill")
        self.footer.setModel(self.footer_model)
        self.footer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.footer.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.footer.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.footer.horizontalHeader().hide()
        self.footer.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.verticalHeader().setDefaultSectionSize(24)
        self.footer.setFixedHeight(3 * 24 + 4)
        self.footer.setObjectName("skillsFooter")
        self.table.horizontalScrollBar().valueChanged.connect(
            self.footer.horizontalScrollBar().setValue
        )
        self.table.horizontalHeader().sectionResized.connect(self._footer_column)

        self.gaps_list = QListWidget()
        self.gaps_list.setAccessibleName("Largest gaps between today and the target")
        self.gaps_list.setFrameShape(QFrame.Shape.NoFrame)
        self.gaps_list.setFixedWidth(230)
        self.gaps_list.setWordWrap(True)
        self.gaps_list.setSpacing(3)
        self.gaps_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.gaps_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gaps_list.setAlternatingRowColors(True)
        self.gaps_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gaps_list.itemActivated.connect(self._gap_opened)
        self.gaps_list.itemDoubleClicked.connect(self._gap_opened)
        self.empty_label = label("", "emptyHint", wrap=True)

        top = QHBoxLayout()
        top.addWidget(label("Show", "mutedLabel"))
        top.addWidget(self.filter_combo)
        top.addWidget(self.count_label)
        top.addStretch(1)
        matrix = QVBoxLayout()
        matrix.setSpacing(0)
        matrix.addWidget(self.table, 1)
        matrix.addWidget(self.footer)
        side = QVBoxLayout()
        side.addWidget(label("Largest gaps to target", "sectionTitle"))
        side.addWidget(self.gaps_list, 1)
        side.addWidget(self.empty_label)
        body = QHBoxLayout()
        body.addLayout(matrix, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(legend)
        layout.addLayout(body, 1)

        self.refresher = RefreshWhenShown(self, self.refresh, delay_ms=250)
        self.refresher.follow(
            session.journal_opened,
            [
                session.traits_changed,
                session.manager_changed,
                session.manager_added,
                session.manager_removed,
                session.history_replayed,
            ],
        )

    @staticmethod
    def _legend_text() -> str:
        swatches = " ".join(
            f'<span style="background:{face}; color:{ink}">&nbsp;{rating}&nbsp;</span>'
            for rating, (face, ink) in sorted(colours.RATING_SCALE.items())
        )
        return (
            f"Latest rating {swatches} with its trend (↑ ↓ →) and the manager's target; "
            f'<b style="color:{colours.VERMILLION}">framed</b>: the largest gaps to target. '
            "Click a skill to sort; double-click a cell to open it."
        )

    def refresh(self) -> None:
        """Read the matrix again (one query), keeping the filter and the sort."""
        self.today = dt.date.today()
        chosen = self.filter_combo.currentText()
        matrix = skill_matrix(self.today)
        self.model.set_matrix(matrix)
        teams = sorted(
            {" ".join(row.team.split()) for row in matrix.rows if row.team.strip()},
            key=str.casefold,
        )
        self._regions = regions(teams)
        self._fit_names(matrix)
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(EVERYONE, None)
        for region in sorted(set(self._regions.values()), key=str.casefold):
            self.filter_combo.addItem(f"Region: {region}", ("region", region))
        for team in teams:
            self.filter_combo.addItem(f"Team: {team}", ("team", team))
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findText(chosen), 0))
        self.filter_combo.blockSignals(False)
        self._filter_changed()
        self.refresher.refreshed()
        self.refreshed.emit()

    def _fit_names(self, matrix: SkillMatrix) -> None:
        """The name column as wide as the longest name (or the footer's labels), in both
        tables so that their columns line up; measured once per read, not per filter."""
        metrics = self.table.verticalHeader().fontMetrics()
        labels = [*(row.name for row in matrix.rows), *FOOTER_ROWS]
        widest = max(metrics.horizontalAdvance(text) for text in labels)
        width = min(widest + 24, NAMES_MOST)
        self.table.verticalHeader().setFixedWidth(width)
        self.footer.verticalHeader().setFixedWidth(width)

    @Slot()
    def _filter_changed(self) -> None:
        chosen = self.filter_combo.currentData()
        if chosen is None:
            teams = None
        elif chosen[0] == "team":
            teams = frozenset({chosen[1]})
        else:
            teams = frozenset(team for team, region in self._regions.items() if region == chosen[1])
        self.proxy.set_teams(teams)
        self._show_summaries()

    def _show_summaries(self) -> None:
        rows = self.proxy.visible_rows()
        matrix = self.model.matrix
        self.footer_model.set_rows(matrix, rows)
        gaps = matrix.largest_gaps(rows)
        self.model.set_gaps({(gap.manager_id, gap.skill) for gap in gaps})
        self.gaps_list.clear()
        for gap in gaps:
            item = QListWidgetItem(
                f"{gap.name}\n{gap.skill}: {gap.rating} now, target {gap.target} ({gap.size} to go)"
            )
            item.setToolTip("Double-click (or Enter) to open it")
            item.setData(Qt.ItemDataRole.UserRole, (gap.manager_id, gap.skill))
            self.gaps_list.addItem(item)
        total = len(matrix.rows)
        shown = len(rows)
        self.count_label.setText(
            f"{shown} managers" if shown == total else f"{shown} of {total} managers"
        )
        if not matrix.rows:
            self.empty_label.setText("Add managers and rate their skills to see the team here.")
        elif not gaps:
            self.empty_label.setText(
                "No rated skill is below its target: set targets on the Development tab."
            )
        else:
            self.empty_label.setText("")
        self.empty_label.setVisible(bool(self.empty_label.text()))

    @Slot(int, int, int)
    def _footer_column(self, column: int, _old: int, size: int) -> None:
        self.footer.setColumnWidth(column, size)

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if not source.isValid():
            return
        row = self.model.row(source.row())
        self.skill_opened.emit(row.manager_id, self.model.matrix.skills[source.column()])

    @Slot(QListWidgetItem)
    def _gap_opened(self, item: QListWidgetItem) -> None:
        manager_id, skill = item.data(Qt.ItemDataRole.UserRole)
        self.skill_opened.emit(manager_id, skill)
