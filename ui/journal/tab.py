"""The Journal tab of a manager: open action items on top, then the timeline of touchpoints."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import touchpoints
from coachjournal.coaching.touchpoints import ActionItemRecord, TimelineFilter
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from ui import dates
from ui.icons import icon
from ui.journal.editor import TouchpointDialog
from ui.session import JournalSession
from ui.theme import alert_colour
from ui.widgets.basic import label, record_table
from ui.widgets.date_edit import DateField
from ui.widgets.timeline import TimelineModel


def item_text(item: ActionItemRecord, today: dt.date) -> str:
    """'Send the deck — you, due 5 Mar 2025 (OVERDUE), from the one-on-one of 3 Mar'."""
    who = "you" if item.owner == Owner.ME else "them"
    parts = [f"{item.text}  —  {who}"]
    if item.due_on is not None:
        parts.append(f"due {dates.date_text(item.due_on)}")
    if item.is_overdue(today):
        parts.append("OVERDUE")
    if item.written_at is not None:
        parts.append(f"from {dates.date_text(item.written_at.date())}")
    return ", ".join(parts)


class JournalTab(QWidget):
    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self.dialogs: dict[int, TouchpointDialog] = {}

        self.log_button = QPushButton(icon("new-entry"), "Log touchpoint")
        self.log_button.setObjectName("primaryButton")
        self.log_button.setToolTip("Log a coaching touchpoint with this manager (Ctrl+N)")
        self.log_button.clicked.connect(lambda: self.log_new())
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Show touchpoints of kind")
        self.kind_filter.addItem("All kinds", None)
        for kind in TouchpointKind:
            self.kind_filter.addItem(kind.label, kind)
        self.from_date = DateField(leaning="past", placeholder="From any date")
        self.from_date.setAccessibleName("From date")
        self.from_date.setToolTip("Show touchpoints from this day on")
        self.to_date = DateField(leaning="past", placeholder="To any date")
        self.to_date.setAccessibleName("To date")
        self.to_date.setToolTip("Show touchpoints up to this day")
        self.count_label = label("", "mutedLabel")
        for signal in (
            self.kind_filter.currentIndexChanged,
            self.from_date.value_changed,
            self.to_date.value_changed,
        ):
            signal.connect(self._apply_filter)
        bar = QHBoxLayout()
        bar.addWidget(self.log_button)
        bar.addStretch()
        bar.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.from_date)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.to_date)
        filters.addStretch()

        self.open_items = QListWidget()
        self.open_items.setAccessibleName("Open action items")
        self.open_items.itemChanged.connect(self._item_toggled)
        self.open_items.itemActivated.connect(self._open_item_source)
        self.open_box = QGroupBox()
        open_layout = QVBoxLayout(self.open_box)
        open_layout.setContentsMargins(8, 4, 8, 8)
        open_layout.addWidget(self.open_items)

        self.model = TimelineModel(self)
        self.table = record_table("Timeline of touchpoints", self.model, 28)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 190), (1, 140), (3, 80), (4, 90), (5, 90)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open_row)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        trash = QAction("Move to Trash", self.table)
        trash.setShortcut(QKeySequence.StandardKey.Delete)
        trash.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        trash.triggered.connect(self.trash_selected)
        self.table.addAction(trash)

        self.empty = label("", "emptyHint", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addLayout(bar)
        layout.addWidget(self.open_box)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)

        session.entries_changed.connect(self._on_entries_changed)
        session.journal_opened.connect(lambda: self.show_manager(None))
        self.show_manager(None)

    def show_manager(self, manager_id: int | None) -> None:
        self.manager_id = manager_id
        self.log_button.setEnabled(manager_id is not None)
        self.model.load(manager_id, self._filter())
        self._refresh_items()
        self._refresh_state()

    def _filter(self) -> TimelineFilter:
        kind = self.kind_filter.currentData()
        return TimelineFilter(
            kinds=frozenset({TouchpointKind(kind)}) if kind is not None else frozenset(),
            start=self.from_date.value(),
            end=self.to_date.value(),
        )

    @Slot()
    def _apply_filter(self) -> None:
        self.model.load(self.manager_id, self._filter())
        self._refresh_state()

    def _filtered(self) -> bool:
        where = self._filter()
        return bool(where.kinds) or where.start is not None or where.end is not None

    def _refresh_state(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total} touchpoint{'s' if total != 1 else ''}")
        nothing = total == 0
        self.table.setVisible(not nothing)
        self.empty.setVisible(nothing)
        if self.manager_id is None:
            self.empty.setText("")
        elif self._filtered():
            self.empty.setText("No touchpoint matches these filters.")
        else:
            self.empty.setText(
                "No touchpoints yet.\nPress Ctrl+N (or “Log touchpoint”) after your next "
                "one-on-one, field visit or call review."
            )

    def _refresh_items(self) -> None:
        today = dt.date.today()
        items = touchpoints.open_action_items(self.manager_id) if self.manager_id else []
        self.open_items.blockSignals(True)
        self.open_items.clear()
        for item in items:
            entry = QListWidgetItem(item_text(item, today))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setData(Qt.ItemDataRole.UserRole + 1, item.touchpoint_id)
            entry.setToolTip("Tick when done. Double-click to open the conversation it came from.")
            if item.is_overdue(today):
                entry.setForeground(alert_colour(self.palette()))
                entry.setIcon(icon("alert"))
            self.open_items.addItem(entry)
        self.open_items.blockSignals(False)
        overdue = sum(item.is_overdue(today) for item in items)
        title = f"Open action items ({len(items)})"
        if overdue:
            title += f" — {overdue} overdue"
        self.open_box.setTitle(title)
        self.open_box.setVisible(bool(items))
        self.open_items.setFixedHeight(min(len(items), 6) * 26 + 8)

    @Slot(int)
    def _on_entries_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self.model.reload()
            self._refresh_items()
            self._refresh_state()

    @Slot(QListWidgetItem)
    def _item_toggled(self, entry: QListWidgetItem) -> None:
        if entry.checkState() != Qt.CheckState.Checked:
            return
        item_id = int(entry.data(Qt.ItemDataRole.UserRole))
        item = self.session.set_action_status(item_id, ActionStatus.DONE)
        self.status.emit(f"Done: {item.text}")

    @Slot(QListWidgetItem)
    def _open_item_source(self, entry: QListWidgetItem) -> None:
        touchpoint_id = entry.data(Qt.ItemDataRole.UserRole + 1)
        if touchpoint_id is not None:
            self.open_touchpoint(int(touchpoint_id))

    def log_new(
        self,
        kind: TouchpointKind = TouchpointKind.ONE_ON_ONE,
        draft: tuple[int, dict[str, object], dt.datetime] | None = None,
        manager_id: int | None = None,
    ) -> TouchpointDialog | None:
        """Open a new entry for the shown manager (or ``manager_id``, for a recovered draft)."""
        manager_id = manager_id if manager_id is not None else self.manager_id
        if manager_id is None:
            return None
        dialog = TouchpointDialog.new(
            self.session, manager_id, self.window(), kind=kind, draft=draft
        )
        dialog.accepted.connect(lambda: self.status.emit("Touchpoint logged"))
        dialog.saved.connect(self.status)
        dialog.show()
        return dialog

    def open_touchpoint(self, touchpoint_id: int) -> TouchpointDialog:
        dialog = self.dialogs.get(touchpoint_id)
        if dialog is None:
            dialog = TouchpointDialog.existing(self.session, touchpoint_id, self.window())
            self.dialogs[touchpoint_id] = dialog
            dialog.closed.connect(lambda: self.dialogs.pop(touchpoint_id, None))
            dialog.saved.connect(self.status)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot(QModelIndex)
    def _open_row(self, index: QModelIndex) -> None:
        self.open_touchpoint(self.model.row_id(index.row()))

    def selected_touchpoint(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    @Slot()
    def trash_selected(self) -> None:
        touchpoint_id = self.selected_touchpoint()
        if touchpoint_id is None:
            return
        dialog = self.dialogs.pop(touchpoint_id, None)
        if dialog is not None:
            dialog.flush()
            dialog.done(0)
        self.session.trash_touchpoint(touchpoint_id)
        self.status.emit("Moved to the trash. Restore it from File ▸ Trash.")

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._open_row(index))
        menu.addAction(icon("trash"), "Move to Trash", self.trash_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))
