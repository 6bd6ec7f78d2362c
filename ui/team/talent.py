"""The Talent review tab: each manager placed on a nine-box grid of performance × potential.

One item model holds every manager of the shown review (:class:`TalentModel`); each box, and
the "Not placed" list beside the grid, is a list view over a filter of it (:class:`BoxFilter`),
so forty managers are forty rows of one model, not forty widgets. A manager moves by dragging
their card to another box, or from the keyboard: Ctrl+arrow keys move the selected card one box
(the focus follows it), Delete takes it off the grid, and the context menu's "Move to" and the
detail pane's box list name every box. A move asks nothing: it is one step of Edit ▸ Undo.

The detail pane shows the selected manager's placement (note, readiness for a bigger role, risk
of leaving and its reason) next to their motivators and how recently those were confirmed,
where they were at the review before, and their history across every review. Everything is
read through :mod:`coachjournal.coaching.team.talent` and written through the session.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Collection, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import development
from coachjournal.coaching.team import talent
from coachjournal.coaching.team.talent import BOX_NAMES, BOXES, Board, Box, Card
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import Readiness, ReviewPeriod, Risk
from coachjournal.periods import quarter_label
from ui import dates
from ui.development.text import confirmation_text
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import delay_timer, label, line_edit
from ui.widgets.date_edit import DateField
from ui.widgets.refresh import RefreshWhenShown
from ui.widgets.wheel import pass_wheel_unless_focused

#: The MIME type of dragged cards: the managers' ids as JSON.
MIME = "application/x-coachjournal-managers"
#: Where a card is, as one number a filter compares: 0 not placed, else 10 × performance +
#: potential.
NOT_PLACED = 0
#: Milliseconds of quiet before a typed note or reason is saved.
SAVE_DELAY_MS = 600

_NO_PARENT = QModelIndex()
ManagerRole = Qt.ItemDataRole.UserRole + 1
PlaceRole = Qt.ItemDataRole.UserRole + 2


def place_code(box: Box | None) -> int:
    return NOT_PLACED if box is None else 10 * box[0] + box[1]


def card_tooltip(card: Card, board: Board) -> str:
    lines = [card.name + (f" · {card.team}" if card.team else "")]
    if card.placement is not None:
        lines.append(talent.box_label(card.placement.box))
        if card.placement.risk is Risk.HIGH:
            lines.append("High risk of leaving")
    if card.was is not None and board.previous is not None:
        lines.append(f"Was {talent.box_short(card.was)} in {board.previous.title}")
    return "\n".join(lines)


class TalentModel(QAbstractListModel):
    """Every manager of one review, placed or not: the cards of the grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: Board | None = None
        self._cards: tuple[Card, ...] = ()

    def load(self, board: Board | None) -> None:
        self.beginResetModel()
        self.board = board
        self._cards = board.cards if board is not None else ()
        self.endResetModel()

    def card(self, manager_id: int) -> Card | None:
        return next((c for c in self._cards if c.manager_id == manager_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.name}  {card.arrow}" if card.arrow else card.name
        if role == Qt.ItemDataRole.ToolTipRole and self.board is not None:
            return card_tooltip(card, self.board)
        if role == Qt.ItemDataRole.AccessibleTextRole and self.board is not None:
            return card_tooltip(card, self.board).replace("\n", ", ")
        if role == Qt.ItemDataRole.DecorationRole:
            placement = card.placement
            return icon("alert") if placement and placement.risk is Risk.HIGH else None
        if role == ManagerRole:
            return card.manager_id
        if role == PlaceRole:
            return place_code(card.placement.box if card.placement else None)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = sorted({int(index.data(ManagerRole)) for index in indexes if index.isValid()})
        data.setData(MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


def dragged_ids(data: QMimeData) -> list[int]:
    """The managers a drag carries (nothing if it carries something else)."""
    if not data.hasFormat(MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(MIME).data()).decode())
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


class BoxFilter(QSortFilterProxyModel):
    """The cards of one box (or of none: the managers not placed), by name; cards dropped on
    it are announced with :attr:`dropped` (the model itself is rewritten by the session)."""

    dropped = Signal(list, int)

    def __init__(self, code: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(PlaceRole) == self.code)

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return bool(dragged_ids(data))

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        ids = dragged_ids(data)
        if not ids:
            return False
        self.dropped.emit(ids, self.code)
        return True


class CardList(QListView):
    """A box's cards: drag them out or in; Ctrl+arrows move the selected card one box."""

    #: A step asked for the selected card: (performance, potential), each -1, 0 or 1.
    step_requested = Signal(int, int)
    remove_requested = Signal()

    _STEPS: ClassVar[dict[Qt.Key, tuple[int, int]]] = {
        Qt.Key.Key_Left: (-1, 0),
        Qt.Key.Key_Right: (1, 0),
        Qt.Key.Key_Up: (0, 1),
        Qt.Key.Key_Down: (0, -1),
    }

    def __init__(self, name: str, model: BoxFilter) -> None:
        super().__init__()
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Names too long for the box are elided, never scrolled sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setIconSize(QSize(14, 14))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMinimumHeight(48)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The box's card shows through: the list is the box itself, not a well inside it.
        self.setStyleSheet("QListView { background: transparent; }")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = self._STEPS.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.step_requested.emit(*step)
            return
        if event.matches(QKeySequence.StandardKey.Delete) and self.currentIndex().isValid():
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)


@dataclasses.dataclass(frozen=True, slots=True)
class NewReview:
    title: str
    held_on: dt.date
    period: ReviewPeriod
    start_from: int | None


def suggested_title(period: ReviewPeriod, day: dt.date, taken: Collection[str] = ()) -> str:
    """``Q4 2026 review`` or ``2026 review``; ``Q4 2026 review (2)`` when a review of ``taken``
    already has that name (two reviews of one name could not be told apart in the history)."""
    title = f"{quarter_label(day) if period is ReviewPeriod.QUARTER else day.year} review"
    number = 2
    suggestion = title
    while suggestion in taken:
        suggestion, number = f"{title} ({number})", number + 1
    return suggestion


class NewReviewDialog(QDialog):
    """A new review's name, day and period, and whether it starts from the latest one."""

    def __init__(
        self,
        latest: talent.ReviewRecord | None,
        parent: QWidget | None = None,
        *,
        taken: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Talent Review")
        self.latest = latest
        #: The names of the reviews there are: the suggested name is none of them.
        self.taken = frozenset(taken)
        self.period = QComboBox()
        self.period.setAccessibleName("How often")
        for choice in ReviewPeriod:
            self.period.addItem(choice.label, choice.value)
        if latest is not None:
            self.period.setCurrentIndex(list(ReviewPeriod).index(latest.period))
        self.day = DateField(leaning="past", optional=False)
        self.day.setAccessibleName("Day of the review")
        self.title = line_edit("Q4 2026 review", "Name of the review")
        self.title.setText(suggested_title(self._period(), dt.date.today(), self.taken))
        self.period.currentIndexChanged.connect(self._suggest)
        self.start_from = QCheckBox(
            f"Start from the placements of {latest.title}" if latest else "Start from scratch"
        )
        self.start_from.setChecked(latest is not None)
        self.start_from.setEnabled(latest is not None)
        self.error = label("", "fieldError", wrap=True)
        form = QFormLayout()
        form.addRow("&Name", self.title)
        form.addRow("&Held on", self.day)
        form.addRow("&Kind", self.period)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start Review")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.start_from)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _period(self) -> ReviewPeriod:
        return ReviewPeriod(self.period.currentData())

    @Slot()
    def _suggest(self) -> None:
        day = self.day.value() or dt.date.today()
        self.title.setText(suggested_title(self._period(), day, self.taken))

    def answer(self) -> NewReview:
        day = self.day.value() or dt.date.today()
        start = self.latest.id if self.latest and self.start_from.isChecked() else None
        return NewReview(self.title.text(), day, self._period(), start)


def ask_new_review(parent: QWidget, latest: talent.ReviewRecord | None) -> NewReview | None:
    """The new review the user describes, or None if they cancel (tests replace this)."""
    taken = [review.title for review in talent.list_reviews()]
    dialog = NewReviewDialog(latest, parent, taken=taken)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _combo(name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for text, value in choices:
        combo.addItem(text, value)
    pass_wheel_unless_focused(combo)
    return combo


def _select_data(combo: QComboBox, value: object) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(max(combo.findData(value), 0))
    combo.blockSignals(False)


class PlacementPane(QWidget):
    """The selected manager: their box, note, readiness, risk and reason, motivators and
    history across reviews. Typed text is saved after a pause, choices at once."""

    box_chosen = Signal(int)

    def __init__(self, session: JournalSession) -> None:
        super().__init__()
        self.session = session
        self.card: Card | None = None
        self.board: Board | None = None
        self._saving = False
        self.name = label("", "paneHeading", wrap=True)
        self.team = label("", "mutedLabel", wrap=True)
        self.hint = label(
            "Select a manager to see their placement. Drag a card to another box, or select "
            "it and press Ctrl+arrow keys.",
            "emptyHint",
            wrap=True,
        )
        self.box = _combo(
            "Box on the grid",
            [("Not placed", NOT_PLACED)]
            + [(f"{BOX_NAMES[b]} · {talent.box_short(b)}", place_code(b)) for b in BOXES],
        )
        self.box.activated.connect(lambda _: self.box_chosen.emit(int(self.box.currentData())))
        self.was = label("", "mutedLabel", wrap=True)
        self.readiness = _combo(
            "Readiness for a bigger role",
            [("Not judged", None)] + [(r.label, r.value) for r in Readiness],
        )
        self.readiness.activated.connect(lambda _: self._save("readiness", self.readiness))
        self.risk = _combo(
            "Risk of leaving",
            [("Not judged", None)] + [(r.value.capitalize(), r.value) for r in Risk],
        )
        self.risk.activated.connect(lambda _: self._save("risk", self.risk))
        self.reason = self._text("Reason for the risk of leaving", "Why they might leave", 62)
        self.note = self._text("Note on this placement", "What you saw this period", 90)
        self.error = label("", "fieldError", wrap=True)
        self._timer = delay_timer(self, SAVE_DELAY_MS, self.flush)
        self.motivators = label("", wrap=True)
        self.motivators.setTextFormat(Qt.TextFormat.PlainText)
        self.history = label("", wrap=True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Box", self.box)
        form.addRow("", self.was)
        form.addRow("&Readiness", self.readiness)
        form.addRow("Ris&k", self.risk)
        form.addRow("Re&ason", self.reason)
        form.addRow("N&ote", self.note)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.name)
        body.addWidget(self.team)
        body.addLayout(form)
        body.addWidget(self.error)
        body.addSpacing(8)
        body.addWidget(label("What drives them", "sectionTitle"))
        body.addWidget(self.motivators)
        body.addSpacing(8)
        body.addWidget(label("Across reviews", "sectionTitle"))
        body.addWidget(self.history)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.body)
        self.show_card(None, None)

    def _text(self, name: str, placeholder: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(height)
        edit.textChanged.connect(self._typed)
        return edit

    @Slot()
    def _typed(self) -> None:
        if self.note.hasFocus() or self.reason.hasFocus():
            self._timer.start()

    def show_card(self, card: Card | None, board: Board | None) -> None:
        """Show ``card`` (None: nothing selected); typed text being edited is kept."""
        same = (
            card is not None and self.card is not None and card.manager_id == self.card.manager_id
        )
        if not same and not self._saving:
            self.flush()
        self.card, self.board = card, board
        self.hint.setVisible(card is None)
        self.body.setVisible(card is not None)
        if card is None or board is None:
            return
        placement = card.placement
        self.name.setText(card.name)
        self.team.setText(card.team)
        self.team.setVisible(bool(card.team))
        _select_data(self.box, place_code(placement.box if placement else None))
        previous = board.previous
        if previous is None:
            self.was.setText("The first review: no earlier placement to compare.")
        elif card.was is None:
            self.was.setText(f"Not placed in {previous.title}.")
        else:
            moved = f" {card.arrow}" if card.arrow else ", unchanged"
            self.was.setText(
                f"Was {BOX_NAMES[card.was]} ({talent.box_short(card.was)}) in "
                f"{previous.title}{moved}"
            )
        for widget in (self.readiness, self.risk, self.reason, self.note):
            widget.setEnabled(placement is not None)
        _select_data(
            self.readiness, placement.readiness.value if placement and placement.readiness else None
        )
        _select_data(self.risk, placement.risk.value if placement and placement.risk else None)
        for edit, text in (
            (self.reason, placement.risk_reason if placement else ""),
            (self.note, placement.note if placement else ""),
        ):
            if not (same and edit.hasFocus()):
                edit.blockSignals(True)
                edit.setPlainText(text)
                edit.blockSignals(False)
        if not same:
            self.error.clear()
        self._show_motivators(card.manager_id)
        self._show_history(card.manager_id)

    def _show_motivators(self, manager_id: int) -> None:
        today = dt.date.today()
        records = development.list_motivators(manager_id)
        self.motivators.setText(
            "\n".join(
                f"{r.rank}. {r.name} · {confirmation_text(r, today, short=True)}" for r in records
            )
            or "No motivators noted yet: ask what drives them."
        )

    def _show_history(self, manager_id: int) -> None:
        lines = []
        before: Box | None = None
        for point in talent.history(manager_id):
            box = point.placement.box
            change = talent.arrow(before, box)
            lines.append(
                f"{point.review.title}: {BOX_NAMES[box]} ({talent.box_short(box)})"
                + (f" {change}" if change else "")
                + (f" · {point.placement.risk.label.lower()}" if point.placement.risk else "")
            )
            before = box
        self.history.setText("\n".join(lines) or "Not placed in any review yet.")

    def _save(self, field: str, combo: QComboBox) -> None:
        self._write({field: combo.currentData()})

    @Slot()
    def flush(self) -> None:
        """Save the typed note and reason if they differ from what is stored."""
        self._timer.stop()
        card = self.card
        if card is None or card.placement is None:
            return
        changes: dict[str, Any] = {}
        if self.reason.toPlainText().strip() != card.placement.risk_reason:
            changes["risk_reason"] = self.reason.toPlainText()
        if self.note.toPlainText().strip() != card.placement.note:
            changes["note"] = self.note.toPlainText()
        if changes:
            self._write(changes)

    def _write(self, changes: dict[str, Any]) -> None:
        """Save ``changes`` to the shown placement. The session's signal makes the tab read
        the journal again, and show a card again, while this runs: that card is not flushed
        (it would save the same text again), and the card shown afterwards is kept."""
        card = self.card
        if card is None or card.placement is None:
            return
        self._saving = True
        try:
            placement = self.session.update_placement(card.placement.id, **changes)
        except CoachJournalError as error:
            self.error.setText(str(error))
            return
        finally:
            self._saving = False
        self.error.clear()
        if self.card is not None and self.card.manager_id == card.manager_id:
            self.card = dataclasses.replace(self.card, placement=placement)


class TalentTab(QWidget):
    """The nine-box grid of one review, the managers not placed, and the selected one."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._refresher = RefreshWhenShown(self, self.reload)
        self._review_id: int | None = None
        self._selected: int | None = None
        self.model = TalentModel(self)

        self.reviews = QComboBox()
        self.reviews.setAccessibleName("Talent review")
        self.reviews.setMinimumContentsLength(18)
        self.reviews.activated.connect(self._review_chosen)
        self.new_button = QPushButton(icon("add"), "New Review…")
        self.new_button.clicked.connect(self.new_review)
        self.delete_button = QPushButton(icon("delete"), "Delete Review")
        self.delete_button.clicked.connect(self.delete_review)
        self.summary = label("", "mutedLabel")
        top = QHBoxLayout()
        top.addWidget(self.reviews)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)

        self.lists: dict[int, CardList] = {}
        self.headers: dict[int, tuple[QLabel, str]] = {}
        self.unplaced_box = self._box_frame(NOT_PLACED, "Not placed")
        self.unplaced_box.setMinimumWidth(150)
        self.unplaced_box.setMaximumWidth(190)
        grid = QGridLayout()
        grid.setSpacing(6)
        for row, potential in enumerate((3, 2, 1)):
            side = label(f"{talent.LEVEL_LABELS[potential]}\npotential", "mutedLabel")
            side.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(side, row, 0)
            for column, performance in enumerate(talent.LEVELS, start=1):
                box = (performance, potential)
                grid.addWidget(self._box_frame(place_code(box), BOX_NAMES[box]), row, column)
            grid.setRowStretch(row, 1)
        for column, performance in enumerate(talent.LEVELS, start=1):
            bottom = label(f"{talent.LEVEL_LABELS[performance]} performance", "mutedLabel")
            bottom.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(bottom, 3, column)
            grid.setColumnStretch(column, 1)

        self.pane = PlacementPane(session)
        self.pane.box_chosen.connect(self._box_chosen)
        scroll = QScrollArea()
        scroll.setWidget(self.pane)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(240)
        scroll.setMaximumWidth(300)
        body = QHBoxLayout()
        body.addWidget(self.unplaced_box)
        body.addLayout(grid, 1)
        body.addWidget(scroll)

        board_page = QWidget()
        board_layout = QVBoxLayout(board_page)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addLayout(top)
        board_layout.addLayout(body, 1)
        empty_page = QWidget()
        self.start_button = QPushButton(icon("add"), "Start the First Review…")
        self.start_button.setObjectName("primaryButton")
        self.start_button.clicked.connect(self.new_review)
        empty = QVBoxLayout(empty_page)
        empty.addStretch(1)
        empty.addWidget(
            label(
                "No talent review yet. A review places each manager on a nine-box grid of "
                "performance and potential, with their readiness for a bigger role and their "
                "risk of leaving. Hold one each quarter or each year: every review is kept, so "
                "you see who grew.",
                "emptyHint",
                wrap=True,
                align=Qt.AlignmentFlag.AlignCenter,
            )
        )
        empty.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignCenter)
        empty.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(board_page)
        self.stack.addWidget(empty_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)

        self._refresher.follow(
            session.journal_opened,
            (
                session.talent_changed,
                session.manager_added,
                session.manager_changed,
                session.manager_removed,
                session.motivators_changed,
            ),
        )

    def _box_frame(self, code: int, title: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        proxy = BoxFilter(code, self)
        proxy.setSourceModel(self.model)
        proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        proxy.sort(0)
        proxy.dropped.connect(self._dropped)
        view = CardList(title, proxy)
        view.selectionModel().currentChanged.connect(
            lambda current, _previous, view=view: self._current_changed(view, current)
        )
        view.step_requested.connect(lambda dx, dy, view=view: self._step(view, dx, dy))
        view.remove_requested.connect(lambda view=view: self._remove(view))
        view.customContextMenuRequested.connect(lambda point, view=view: self._menu(view, point))
        header = label(title, "sectionTitle")
        self.lists[code] = view
        self.headers[code] = (header, title)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(header)
        layout.addWidget(view, 1)
        return frame

    # --- Reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the reviews and the shown review's board again, keeping the selection."""
        self._refresher.refreshed()
        reviews = talent.list_reviews()
        if self._review_id not in {r.id for r in reviews}:
            self._review_id = reviews[0].id if reviews else None
        self.reviews.blockSignals(True)
        self.reviews.clear()
        for review in reviews:
            self.reviews.addItem(f"{review.title} · {dates.date_text(review.held_on)}", review.id)
        self.reviews.setCurrentIndex(max(self.reviews.findData(self._review_id), 0))
        self.reviews.blockSignals(False)
        self.stack.setCurrentIndex(0 if reviews else 1)
        board = talent.board(self._review_id) if self._review_id is not None else None
        self.model.load(board)
        if board is None:
            self.pane.show_card(None, None)
            return
        counts = board.counts()
        for code, (header, title) in self.headers.items():
            count = len(board.unplaced) if code == NOT_PLACED else counts[divmod(code, 10)]
            header.setText(f"{title} · {count}")
        moved = [c for c in board.placed if c.arrow]
        parts = [f"{len(board.placed)} placed", f"Not placed: {len(board.unplaced)}"]
        if board.previous is not None:
            parts.append(f"{len(moved)} moved since {board.previous.title}")
        self.summary.setText(" · ".join(parts))
        self._reselect()

    def _reselect(self) -> None:
        card = self.model.card(self._selected) if self._selected is not None else None
        if card is None:
            self._selected = None
            self.pane.show_card(None, self.model.board)
            return
        code = place_code(card.placement.box if card.placement else None)
        view = self.lists[code]
        proxy = view.model()
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(ManagerRole) == card.manager_id:
                focused = any(v.hasFocus() for v in self.lists.values())
                view.setCurrentIndex(index)
                if focused:
                    view.setFocus()
                break
        self.pane.show_card(card, self.model.board)

    # --- Selection and moves ----------------------------------------------------------------

    def _current_changed(self, view: CardList, current: QModelIndex) -> None:
        if not current.isValid():
            return
        for other in self.lists.values():
            if other is not view:
                other.selectionModel().clearSelection()
        manager_id = int(current.data(ManagerRole))
        self._selected = manager_id
        self.pane.show_card(self.model.card(manager_id), self.model.board)

    def select(self, manager_id: int) -> None:
        """Select the manager's card (and show them in the pane)."""
        self._selected = manager_id
        self._reselect()

    @Slot(list, int)
    def _dropped(self, ids: list[int], code: int) -> None:
        # After the drop event has finished: the move rewrites the models the drag came from.
        QTimer.singleShot(0, self, lambda: self.move_to(ids, code))

    def move_to(self, manager_ids: Sequence[int], code: int) -> None:
        """Put the managers in the box ``code`` (NOT_PLACED: off the grid), as one step."""
        review_id = self._review_id
        if review_id is None:
            return
        moving = [
            m
            for m in manager_ids
            if self.model.card(m) is not None and code != place_code(self._box_of(m))
        ]
        if not moving:
            return
        self._selected = moving[0]
        try:
            with self.session.undo_step("Move on the Talent Grid"):
                for manager_id in moving:
                    if code == NOT_PLACED:
                        self.session.unplace_manager(review_id, manager_id)
                    else:
                        self.session.place_manager(review_id, manager_id, *divmod(code, 10))
        except CoachJournalError as error:
            self.summary.setText(str(error))

    def _box_of(self, manager_id: int) -> Box | None:
        card = self.model.card(manager_id)
        return card.placement.box if card and card.placement else None

    def _selected_in(self, view: CardList) -> int | None:
        index = view.currentIndex()
        return int(index.data(ManagerRole)) if index.isValid() else None

    def _step(self, view: CardList, performance: int, potential: int) -> None:
        manager_id = self._selected_in(view)
        if manager_id is None:
            return
        box = self._box_of(manager_id)
        # From "Not placed", any step lands in the middle box: the usual first guess.
        target = (2, 2) if box is None else talent.moved(box, performance, potential)
        view.setFocus()
        self.move_to([manager_id], place_code(target))

    def _remove(self, view: CardList) -> None:
        manager_id = self._selected_in(view)
        if manager_id is not None:
            self.move_to([manager_id], NOT_PLACED)

    @Slot(int)
    def _box_chosen(self, code: int) -> None:
        if self._selected is not None:
            self.move_to([self._selected], code)

    def _menu(self, view: CardList, point: QPoint) -> None:
        manager_id = self._selected_in(view)
        if manager_id is None:
            return
        menu = self.move_menu(manager_id)
        menu.exec(view.viewport().mapToGlobal(point))

    def move_menu(self, manager_id: int) -> QMenu:
        """The "Move to" menu of a card: every box but its own, and off the grid."""
        menu = QMenu(self)
        move = menu.addMenu("Move to")
        here = place_code(self._box_of(manager_id))
        for box in BOXES:
            code = place_code(box)
            action: QAction = move.addAction(f"{BOX_NAMES[box]} · {talent.box_short(box)}")
            action.setEnabled(code != here)
            action.triggered.connect(self._mover(manager_id, code))
        remove = menu.addAction("Take Off the Grid")
        remove.setEnabled(here != NOT_PLACED)
        remove.triggered.connect(self._mover(manager_id, NOT_PLACED))
        return menu

    def _mover(self, manager_id: int, code: int) -> Callable[[], None]:
        return lambda: self.move_to([manager_id], code)

    # --- Reviews ----------------------------------------------------------------------------

    @Slot(int)
    def _review_chosen(self, index: int) -> None:
        self.pane.flush()
        self._review_id = self.reviews.itemData(index)
        self.reload()

    @Slot()
    def new_review(self) -> None:
        self.pane.flush()
        reviews = talent.list_reviews()
        answer = ask_new_review(self, reviews[0] if reviews else None)
        if answer is None:
            return
        try:
            review = self.session.add_review(
                answer.title, answer.held_on, answer.period, answer.start_from
            )
        except CoachJournalError as error:
            self.summary.setText(str(error))
            return
        self._review_id = review.id
        self.reload()

    @Slot()
    def delete_review(self) -> None:
        """Delete the shown review (a notice offers Undo)."""
        if self._review_id is not None:
            self.session.delete_review(self._review_id)
            self._review_id = None
            self.reload()
