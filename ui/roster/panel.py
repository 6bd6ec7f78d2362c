"""The roster panel: filter as you type, the list of managers, their count, and 'Add'."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.roster.delegate import ManagerDelegate
from ui.roster.model import IdRole, RosterFilter, RosterModel
from ui.session import JournalSession
from ui.widgets.basic import FittingRow, label, line_edit


class RosterPanel(QWidget):
    """Lists the managers; tells the window which one is selected."""

    manager_selected = Signal(int)
    selection_cleared = Signal()
    add_requested = Signal()

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPanel")
        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = line_edit("Filter by name, title or team")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter managers")
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.textChanged.connect(self._update_count)
        self.filter_edit.installEventFilter(self)

        self.list_view = QListView()
        self.list_view.setAccessibleName("Managers")
        self.list_view.setModel(self.proxy)
        self.list_view.setItemDelegate(ManagerDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.selectionModel().selectionChanged.connect(self._on_selection)
        self._current: int | None = None
        # Removing the selected row (archived, filtered out) changes the selection silently.
        self.proxy.rowsRemoved.connect(self._on_selection)
        self.proxy.modelReset.connect(self._on_selection)

        self.empty_label = label(wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.hide()

        self.count_label = QLabel()
        self.count_label.setObjectName("mutedLabel")
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.toggled.connect(self.proxy.set_show_archived)
        self.show_archived.toggled.connect(self._update_count)

        self.add_button = QPushButton(icon("add"), "Add manager")
        self.add_button.setToolTip("Add a manager (Ctrl+Shift+N)")
        self.add_button.clicked.connect(self.add_requested)

        self.footer = FittingRow(self.count_label, self.show_archived)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(8)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.footer)
        layout.addWidget(self.add_button)

        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.dataChanged,
        ):
            signal.connect(self._update_count)
        session.journal_opened.connect(self.model.reload)
        session.manager_added.connect(self.model.add)
        session.manager_changed.connect(self.model.refresh)
        session.manager_removed.connect(self.model.remove)
        self.model.reload()

    def selected_id(self) -> int | None:
        indexes = self.list_view.selectionModel().selectedIndexes()
        return int(indexes[0].data(IdRole)) if indexes else None

    def select(self, manager_id: int) -> bool:
        """Select a manager, showing archived ones or clearing the filter if needed to find it."""
        record = self.model.record(manager_id)
        if record is None:
            return False
        if record.archived and not self.show_archived.isChecked():
            self.show_archived.setChecked(True)
        index = self.proxy.mapFromSource(self.model.index(self.model.row_of(manager_id)))
        if not index.isValid():
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(self.model.row_of(manager_id)))
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.list_view.setCurrentIndex(self.proxy.index(0, 0))

    @Slot()
    def _on_selection(self) -> None:
        manager_id = self.selected_id()
        if manager_id == self._current:
            return
        self._current = manager_id
        if manager_id is None:
            self.selection_cleared.emit()
        else:
            self.manager_selected.emit(manager_id)

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.total
        archived = self.model.archived_count
        active = total - archived
        if self.show_archived.isChecked():
            base = f"{total} manager{'s' if total != 1 else ''}"
        else:
            base = f"{active} manager{'s' if active != 1 else ''}"
        filtered = self.filter_edit.text().strip()
        self.count_label.setText(f"{shown} of {base}" if filtered else base)
        self.show_archived.setText(f"Show archived ({archived})" if archived else "Show archived")
        self.show_archived.setEnabled(bool(archived) or self.show_archived.isChecked())
        self.footer.fit()
        nothing = shown == 0
        self.list_view.setVisible(not nothing)
        self.empty_label.setVisible(nothing)
        if filtered:
            self.empty_label.setText(f"No manager matches “{filtered}”.")
        elif total:
            self.empty_label.setText("Every manager is archived. Tick “Show archived” to see them.")
        else:
            self.empty_label.setText("No managers yet.\nAdd the people you coach to get started.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down or Enter in the filter box moves into the list, so the keyboard never stops."""
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self.proxy.rowCount():
                if event.key() != Qt.Key.Key_Down or not self.list_view.currentIndex().isValid():
                    self.list_view.setCurrentIndex(self.proxy.index(0, 0))
                self.list_view.setFocus()
            return True
        return super().eventFilter(watched, event)
