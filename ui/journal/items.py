"""Action items: the rows of the touchpoint editor (text, owner, due date, done), and the
journal's Done section, where closed items stay in sight and can be reopened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import touchpoints
from coachjournal.coaching.touchpoints import ActionItemRecord, NewActionItem
from coachjournal.kinds import ActionStatus, Owner
from ui import dates
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label, line_edit
from ui.widgets.date_edit import DateField

OWNER_LABELS = {Owner.THEM: "They do it", Owner.ME: "I do it"}


class ItemRow(QWidget):
    """One action item being edited. ``item_id`` is None until it is stored."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, item: ActionItemRecord | NewActionItem | None = None) -> None:
        super().__init__()
        self.item_id = item.id if isinstance(item, ActionItemRecord) else None
        self.text = line_edit("What needs doing")
        self.text.setAccessibleName("Action item")
        self.owner = QComboBox()
        self.owner.setAccessibleName("Who does it")
        for owner, words in OWNER_LABELS.items():
            self.owner.addItem(words, owner)
        self.due = DateField(placeholder="No due date")
        self.due.setAccessibleName("Due date")
        self.done = QCheckBox("Done")
        self.remove = QToolButton()
        self.remove.setIcon(icon("delete"))
        self.remove.setToolTip("Remove this action item")
        self.remove.setAccessibleName("Remove this action item")
        if item is not None:
            self.text.setText(item.text)
            self.text.setCursorPosition(0)
            self.owner.setCurrentIndex(self.owner.findData(Owner(item.owner)))
            self.due.set_value(item.due_on)
            done = (
                item.status != ActionStatus.OPEN
                if isinstance(item, ActionItemRecord)
                else item.done
            )
            self.done.setChecked(done)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.owner)
        layout.addWidget(self.due, 1)
        layout.addWidget(self.remove)
        self.text.textEdited.connect(self.changed)
        self.owner.currentIndexChanged.connect(self.changed)
        self.due.value_changed.connect(self.changed)
        self.done.toggled.connect(self.changed)
        self.remove.clicked.connect(self.remove_requested)

    def value(self) -> NewActionItem:
        return NewActionItem(
            text=self.text.text(),
            owner=Owner(self.owner.currentData()),
            due_on=self.due.value(),
            done=self.done.isChecked(),
        )


class ItemList(QWidget):
    """The action items of the touchpoint being edited, and a button to add one."""

    changed = Signal()
    row_added = Signal(ItemRow)
    row_removed = Signal(ItemRow)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ItemRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(icon("add"), "Add action item")
        self.add_button.setToolTip("Add a commitment: yours or theirs (Ctrl+I)")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch()
        layout.addLayout(footer)

    def add_row(
        self, item: ActionItemRecord | NewActionItem | None = None, *, focus: bool = False
    ) -> ItemRow:
        row = ItemRow(item)
        row.changed.connect(self.changed)
        row.remove_requested.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        if focus:
            row.text.setFocus()
        if item is None:
            self.row_added.emit(row)
            self.changed.emit()
        return row

    def remove_row(self, row: ItemRow) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        self.row_removed.emit(row)
        self.changed.emit()

    def values(self) -> list[NewActionItem]:
        return [row.value() for row in self.rows]


def closed_text(item: ActionItemRecord) -> str:
    """'Send the deck  —  them, done 3 Dec 2026 (was due 5 Dec 2026)'; the conversation it came
    from is in its tooltip, and opens with Enter."""
    who = "you" if item.owner == Owner.ME else "them"
    verb = "dropped" if item.status == ActionStatus.DROPPED else "done"
    closed = f"{verb} {dates.date_text(item.closed_on)}" if item.closed_on else verb
    if item.due_on is not None:
        closed += f" (was due {dates.date_text(item.due_on)})"
    return f"{item.text}  —  {who}, {closed}"


class DoneItems(QWidget):
    """A manager's closed action items under a "Done (n)" toggle, newest first (at most
    :data:`touchpoints.CLOSED_SHOWN`). Unticking one (Space, or a click) reopens it; Enter or a
    double-click asks to open the conversation it came from."""

    #: Open the touchpoint an item came from (its id).
    source_requested = Signal(int)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolTip("Show the action items closed lately, to reopen one")
        self.toggle.toggled.connect(self._toggled)
        self.hint = label("Untick to reopen", "mutedLabel")
        self.list = QListWidget()
        self.list.setAccessibleName("Done action items")
        # Long items wrap: a horizontal scroll bar would hide who did it and when.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemActivated.connect(self._open_source)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle)
        header.addWidget(self.hint)
        header.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.list)
        self.list.hide()
        self.hint.hide()
        session.entries_changed.connect(self._on_entries_changed)

    def show_manager(self, manager_id: int | None) -> None:
        self.manager_id = manager_id
        self.refresh()

    @Slot(int)
    def _on_entries_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self.refresh()

    def refresh(self) -> None:
        count = touchpoints.count_closed_action_items(self.manager_id) if self.manager_id else 0
        self.toggle.setText(f"&Done ({count})")
        self.setVisible(count > 0)
        if count == 0 and self.toggle.isChecked():
            self.toggle.setChecked(False)
        if self.toggle.isChecked():
            self._fill()

    def _fill(self) -> None:
        items = touchpoints.closed_action_items(self.manager_id) if self.manager_id else []
        current = self.list.currentRow()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            entry = QListWidgetItem(closed_text(item))
            entry.setForeground(muted)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setData(Qt.ItemDataRole.UserRole + 1, item.touchpoint_id)
            source = (
                f"From the conversation of {dates.date_text(item.written_at.date())}: "
                "double-click or Enter opens it."
                if item.written_at is not None
                else "Written on its own."
            )
            entry.setToolTip(f"Untick to reopen. {source}")
            self.list.addItem(entry)
        self.list.blockSignals(False)
        if items and self.list.hasFocus():  # a keyboard user stays where they were
            self.list.setCurrentRow(min(max(current, 0), len(items) - 1))
        shown = sum(self.list.sizeHintForRow(row) for row in range(min(len(items), 5)))
        self.list.setFixedHeight(shown + 2 * self.list.frameWidth() + 4)

    @Slot(bool)
    def _toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.list.setVisible(shown)
        self.hint.setVisible(shown)
        if shown:
            self._fill()

    @Slot(QListWidgetItem)
    def _item_changed(self, entry: QListWidgetItem) -> None:
        if entry.checkState() == Qt.CheckState.Checked:
            return
        self.session.set_action_status(int(entry.data(Qt.ItemDataRole.UserRole)), ActionStatus.OPEN)

    @Slot(QListWidgetItem)
    def _open_source(self, entry: QListWidgetItem) -> None:
        touchpoint_id = entry.data(Qt.ItemDataRole.UserRole + 1)
        if touchpoint_id is not None:
            self.source_requested.emit(int(touchpoint_id))
