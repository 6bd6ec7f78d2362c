"""Action items inside the touchpoint editor: one row per item (text, owner, due date, done)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching.touchpoints import ActionItemRecord, NewActionItem
from coachjournal.kinds import ActionStatus, Owner
from ui.icons import icon
from ui.widgets.basic import line_edit
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
        for owner, label in OWNER_LABELS.items():
            self.owner.addItem(label, owner)
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
