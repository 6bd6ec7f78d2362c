"""The Journal tab of a manager: open action items on top, then the timeline of touchpoints
beside a reading pane.

The open items are worked by keyboard as well as by mouse: Alt+O (their box's mnemonic) puts
the keyboard in the list, Space ticks the selected one done and the keyboard stays on the next
(after the last, it goes to the Done section, Alt+D), and Edit ▸ Undo (Ctrl+Z) takes a tick
back.

The history is read, not edited: selecting an entry renders it in the pane
(:class:`~ui.journal.reader.EntryReader`), Up and Down in the list (or J and K, Alt+Down and
Alt+Up, in the list or the pane) turn the pages, and Enter moves into the pane to scroll it;
View ▸ Read the Journal (Ctrl+J, in the main window) puts the keyboard in the list.
Editing an old entry is the explicit step of Ctrl+E or the Edit button, which opens the
touchpoint editor with its autosave. Other screens show an entry with :meth:`JournalTab.read`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import touchpoints
from coachjournal.coaching.touchpoints import ActionItemRecord, TimelineFilter
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from ui import dates
from ui.icons import icon
from ui.journal.editor import TouchpointDialog
from ui.journal.items import DoneItems
from ui.journal.reader import EntryReader
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


#: Where the tab keeps the split between the list and the reading pane (see :meth:`save_layout`).
SPLITTER_KEY = "journal/splitter"
#: Below this width the list shows when, kind and summary only: length, mood and open items are
#: in the reading pane beside it.
NARROW_LIST = 620
_NEWER_KEYS = ("K", "Alt+Up")
_OLDER_KEYS = ("J", "Alt+Down")


class JournalTab(QWidget):
    status = Signal(str)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self.dialogs: dict[int, TouchpointDialog] = {}
        self._highlight = ""

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
        # The title's mnemonic (Alt+O) puts the keyboard in the list, where Space ticks.
        self.open_box = QGroupBox()
        self.open_box.setToolTip("Alt+O puts the keyboard in this list")
        self.open_hint = label(
            "Space ticks done · Ctrl+Z undoes · Enter reads where it came from", "mutedLabel"
        )
        open_layout = QVBoxLayout(self.open_box)
        open_layout.setContentsMargins(8, 4, 8, 8)
        open_layout.setSpacing(2)
        open_layout.addWidget(self.open_items)
        open_layout.addWidget(self.open_hint)
        self.done_items = DoneItems(session)
        self.done_items.source_requested.connect(self.open_touchpoint)

        self.model = TimelineModel(self)
        self.table = record_table("Timeline of touchpoints", self.model, 28)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 172), (1, 136), (3, 80), (4, 90), (5, 90)):
            self.table.setColumnWidth(column, width)
        self.table.setToolTip(
            "Up and Down (or J and K) read the entries in the pane beside; Enter goes into the "
            "pane; Ctrl+E edits the entry"
        )
        self.table.activated.connect(self._focus_reader)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        trash = QAction("Move to Trash", self.table)
        trash.setShortcut(QKeySequence.StandardKey.Delete)
        trash.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        trash.triggered.connect(self.trash_selected)
        self.table.addAction(trash)

        self.empty = label("", "emptyHint", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.reader = EntryReader()
        self.reader.edit_requested.connect(self.open_touchpoint)
        self.reader.newer_requested.connect(self.read_newer)
        self.reader.older_requested.connect(self.read_older)
        self.reader.status.connect(self.status)
        for widget in (self.table, self.reader.page):
            for keys, slot in ((_NEWER_KEYS, self.read_newer), (_OLDER_KEYS, self.read_older)):
                for key in keys:
                    shortcut = QShortcut(QKeySequence(key), widget)
                    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                    shortcut.activated.connect(slot)
        edit_key = QShortcut(QKeySequence("Ctrl+E"), self)
        edit_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit_key.activated.connect(self.edit_shown)

        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.empty, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([420, 580])
        listing.setMinimumWidth(300)
        self.reader.setMinimumWidth(320)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addLayout(bar)
        layout.addWidget(self.open_box)
        layout.addWidget(self.done_items)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        session.entries_changed.connect(self._on_entries_changed)
        session.journal_opened.connect(lambda: self.show_manager(None))
        self.show_manager(None)

    def show_manager(self, manager_id: int | None) -> None:
        self.manager_id = manager_id
        self.reader.manager_id = manager_id
        self.log_button.setEnabled(manager_id is not None)
        self.model.load(manager_id, self._filter())
        self._refresh_items()
        self.done_items.show_manager(manager_id)
        self._refresh_state()
        self._select_row(0)

    def _filter(self) -> TimelineFilter:
        kind = self.kind_filter.currentData()
        return TimelineFilter(
            kinds=frozenset({TouchpointKind(kind)}) if kind is not None else frozenset(),
            start=self.from_date.value(),
            end=self.to_date.value(),
        )

    @Slot()
    def _apply_filter(self) -> None:
        shown, row = self.reader.touchpoint_id, self.table.currentIndex().row()
        self.model.load(self.manager_id, self._filter())
        self._refresh_state()
        self._reselect(shown, row)

    def _filtered(self) -> bool:
        where = self._filter()
        return bool(where.kinds) or where.start is not None or where.end is not None

    def _refresh_state(self) -> None:
        total = self.model.total
        self.count_label.setText(f"{total} touchpoint{'s' if total != 1 else ''}")
        nothing = total == 0
        self.table.setVisible(not nothing)
        self.empty.setVisible(nothing)
        self.reader.setVisible(not nothing)
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
        focused, current = self.open_items.hasFocus(), self.open_items.currentRow()
        self.open_items.blockSignals(True)
        self.open_items.clear()
        for item in items:
            entry = QListWidgetItem(item_text(item, today))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setData(Qt.ItemDataRole.UserRole + 1, item.touchpoint_id)
            entry.setToolTip(
                "Tick when done (Space). Double-click or Enter reads the conversation it came from."
            )
            if item.is_overdue(today):
                entry.setForeground(alert_colour(self.palette()))
                entry.setIcon(icon("alert"))
            self.open_items.addItem(entry)
        self.open_items.blockSignals(False)
        overdue = sum(item.is_overdue(today) for item in items)
        title = f"&Open action items ({len(items)})"
        if overdue:
            title += f" — {overdue} overdue"
        self.open_box.setTitle(title)
        self.open_items.setFixedHeight(min(len(items), 4) * 26 + 8)
        if focused and items:  # a keyboard user ticking one after another stays in place
            self.open_items.setCurrentRow(min(max(current, 0), len(items) - 1))
        elif focused:  # the last one ticked: to the Done section, where it can be reopened
            self.done_items.toggle.setFocus(Qt.FocusReason.OtherFocusReason)
        self.open_box.setVisible(bool(items))

    @Slot(int)
    def _on_entries_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            shown, row = self.reader.touchpoint_id, self.table.currentIndex().row()
            self.model.reload()
            self._refresh_items()
            self._refresh_state()
            self._reselect(shown, row)

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
            self.read(int(touchpoint_id))

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
        dialog.accepted.connect(lambda: self._read_logged(dialog))
        dialog.saved.connect(self.status)
        dialog.show()
        return dialog

    def _read_logged(self, dialog: TouchpointDialog) -> None:
        """A touchpoint just logged with the shown manager is the page the pane opens on."""
        if dialog.touchpoint_id is not None and dialog.manager_id() == self.manager_id:
            self.read(dialog.touchpoint_id)

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

    @Slot()
    def edit_shown(self) -> None:
        """Open the entry in the reading pane in the editor (Ctrl+E)."""
        if self.reader.touchpoint_id is not None:
            self.open_touchpoint(self.reader.touchpoint_id)

    # Reading --------------------------------------------------------------------------------

    def read(self, touchpoint_id: int, highlight: str = "") -> None:
        """Show one entry in the reading pane, its row selected in the list, with the words of
        ``highlight`` marked and the first one scrolled to. An entry the filters hide (or of
        another manager) is shown all the same, without a row."""
        row = self.model.row_of(touchpoint_id)
        while row is None and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
            row = self.model.row_of(touchpoint_id)
        if row is None:
            self.table.clearSelection()
            self.reader.show_entry(touchpoint_id, highlight)
            self.reader.set_position("Not among the entries listed", False, False)
            return
        self._highlight = highlight
        self._select_row(row)
        if self.reader.touchpoint_id != touchpoint_id or self.reader.highlight != highlight:
            self._show_row(row)

    @Slot()
    def read_newer(self) -> None:
        current = self.table.currentIndex()
        if current.isValid() and current.row() > 0:
            self._select_row(current.row() - 1)

    @Slot()
    def read_older(self) -> None:
        current = self.table.currentIndex()
        row = current.row() + 1 if current.isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if row < self.model.rowCount():
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.reader.show_entry(None)
            self.reader.set_position("", False, False)
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)

    def _reselect(self, touchpoint_id: int | None, old_row: int) -> None:
        """After the list was read again: the same entry if it is still listed (read again, it
        may have been edited), else the one that took its row (``old_row``, -1 if none)."""
        found = self.model.row_of(touchpoint_id) if touchpoint_id is not None else None
        row = found if found is not None else max(min(old_row, self.model.rowCount() - 1), 0)
        self._select_row(row)
        if self.model.rowCount() and self.reader.touchpoint_id == self.model.row_id(row):
            self.reader.refresh()

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid() and current.row() != previous.row():
            self._show_row(current.row())

    def _show_row(self, row: int) -> None:
        highlight, self._highlight = self._highlight, ""
        self.reader.show_entry(self.model.row_id(row), highlight)
        total = self.model.total
        self.reader.set_position(f"{row + 1} of {total}", row > 0, row + 1 < total)

    @Slot()
    def focus_list(self) -> None:
        """The keyboard into the list, on the entry the pane shows (the newest if none)."""
        if not self.table.isVisible():
            return
        if not self.table.currentIndex().isValid():
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _focus_reader(self) -> None:
        """Enter in the list: into the reading pane, to scroll a long entry."""
        self.reader.page.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            narrow = self.table.width() < NARROW_LIST
            if narrow != self.model.compact:
                self.model.set_compact(narrow)
                for column in (3, 4, 5):
                    self.table.setColumnHidden(column, narrow)
                self.table.setColumnWidth(0, 124 if narrow else 172)
                self.table.setColumnWidth(1, 106 if narrow else 136)
        return super().eventFilter(watched, event)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value(SPLITTER_KEY)
        if state is not None:
            self.splitter.restoreState(state)

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
        menu.addAction("Edit", lambda: self.open_touchpoint(self.model.row_id(index.row())))
        menu.addAction(icon("trash"), "Move to Trash", self.trash_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))
