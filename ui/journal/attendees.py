"""Who was at a touchpoint, in the editor: the managers besides the one it is written for, and a
note about each.

* :class:`AttendeeStrip` is one line under "With": "Also there: Ana, Ben +3", a **Whole team**
  button (shown for team meetings: one step adds every active manager, see
  :func:`coachjournal.coaching.touchpoints.whole_team`) and **Choose…**, which opens
  :class:`AttendeePicker`.
* :class:`AttendeePicker` is a searchable checklist of every active manager: type to filter,
  Down to reach the list, Space to tick, Enter to accept. A plain ``QStandardItemModel`` behind
  a filter proxy, so 200 managers (or 2,000) scroll as fast as 40.
* :class:`ObservedNotes` keeps a note per attendee in one small field and a chooser ("About
  Ana ▾"), so a huddle of twelve does not take twelve fields of the editor's height.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import roster, touchpoints
from ui.widgets.basic import label, line_edit


def _names(ids: Sequence[int]) -> dict[int, str]:
    wanted = set(ids)
    found = {m.id: m.name for m in roster.list_managers(include_archived=True) if m.id in wanted}
    return {id_: found[id_] for id_ in ids if id_ in found}


class AttendeePicker(QDialog):
    """Choose the managers who were there besides ``lead``; ``chosen()`` after it is accepted."""

    def __init__(self, lead: int, chosen: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead = lead
        self.setWindowTitle("Who else was there")
        self.setMinimumSize(380, 460)
        self.model = QStandardItemModel(self)
        picked = set(chosen)
        for manager in roster.list_managers():
            if manager.id == lead:
                continue
            item = QStandardItem(manager.name + (f" · {manager.team}" if manager.team else ""))
            item.setData(manager.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(
                Qt.CheckState.Checked if manager.id in picked else Qt.CheckState.Unchecked
            )
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = line_edit("Type to find a manager", "Find a manager")
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.installEventFilter(self)
        self.list = QListView()
        self.list.setAccessibleName("Managers who were there")
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.count = label("", "mutedLabel")
        self.model.itemChanged.connect(self._count)
        self.team_button = QPushButton("Whole team")
        self.team_button.setToolTip("Tick every active manager: your whole team")
        self.team_button.clicked.connect(self.tick_whole_team)
        self.clear_button = QPushButton("None")
        self.clear_button.clicked.connect(self.clear)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.team_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._count()
        self.search.setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:
        """Down goes into the list; Enter after a name ticks the one manager it finds (and
        clears the search for the next name) or goes into the list when it finds several:
        it never closes the dialog on a half-made choice. Enter in an empty search is OK."""
        if (
            watched is not self.search
            or not isinstance(event, QKeyEvent)
            or event.type() != QKeyEvent.Type.KeyPress
        ):
            return super().eventFilter(watched, event)  # type: ignore[arg-type]
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.proxy.rowCount() == 1 and self.search.text().strip():
            self.set_checked(int(self.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole)))
            self.search.clear()
            return True
        if event.key() == Qt.Key.Key_Down or (enter and self.search.text().strip()):
            self.list.setFocus()
            if self.proxy.rowCount():
                self.list.setCurrentIndex(self.proxy.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _items(self) -> list[QStandardItem]:
        return [self.model.item(row) for row in range(self.model.rowCount())]

    def chosen(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, manager_id: int, checked: bool = True) -> None:
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) == manager_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @Slot()
    def tick_whole_team(self) -> None:
        for manager_id in touchpoints.whole_team(self.lead):
            self.set_checked(manager_id)

    @Slot()
    def clear(self) -> None:
        for item in self._items():
            item.setCheckState(Qt.CheckState.Unchecked)

    @Slot()
    def _count(self) -> None:
        number = len(self.chosen())
        self.count.setText(f"{number} chosen" if number else "Nobody else chosen")


class AttendeeStrip(QWidget):
    """ "Also there: Ana, Ben +3" with the buttons that change it (see the module docstring)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead: int | None = None
        self.others: list[int] = []
        self.names: dict[int, str] = {}
        self.text = QLabel()
        self.text.setObjectName("mutedLabel")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.team_button = QPushButton("Whole team")
        self.team_button.setAccessibleName("Add the whole team")
        self.team_button.setToolTip(
            "Everyone of this manager's team was there (every active manager if they have no team)"
        )
        self.team_button.clicked.connect(self.add_whole_team)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose the other managers who were there")
        self.choose_button.setToolTip("Name the other managers who were there")
        self.choose_button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label("Also there:", "fieldLabel"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.team_button)
        layout.addWidget(self.choose_button)
        self._show()

    def set_attendees(self, lead: int, others: Sequence[int]) -> None:
        """Show ``others`` (without the lead) for a touchpoint with ``lead``; no signal."""
        self.lead = lead
        self.others = [other for other in dict.fromkeys(others) if other != lead]
        self.names = _names([lead, *self.others])
        self._show()

    def set_lead(self, lead: int) -> None:
        """The touchpoint is now with ``lead`` (the "With" choice changed)."""
        self.set_attendees(lead, self.others)

    def _show(self) -> None:
        names = [self.names.get(other, "?") for other in self.others]
        self.text.setText(touchpoints.with_line(names).removeprefix("with ") or "nobody else")
        self.text.setToolTip("\n".join(names))
        self.choose_button.setText("Choose…" if not self.others else "Change…")

    def set_others(self, others: Sequence[int]) -> None:
        if self.lead is None:
            return
        before = list(self.others)
        self.set_attendees(self.lead, others)
        if self.others != before:
            self.changed.emit()

    @Slot()
    def add_whole_team(self) -> None:
        if self.lead is not None:
            self.set_others([*self.others, *touchpoints.whole_team(self.lead)])

    @Slot()
    def choose(self) -> None:
        if self.lead is None:
            return
        picker = AttendeePicker(self.lead, self.others, self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.set_others(picker.chosen())


class ObservedNotes(QWidget):
    """One note per attendee, in one field: choose whom it is about, write."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes: dict[int, str] = {}
        self.about = QComboBox()
        self.about.setAccessibleName("Whom the note is about")
        self.about.setMinimumContentsLength(14)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("What you observed about this manager")
        self.editor.setPlaceholderText("What you observed about them: how they ran their part…")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(64)
        self.about.currentIndexChanged.connect(self._about_changed)
        self.editor.textChanged.connect(self._typed)
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        column.addWidget(label("About", "fieldLabel"))
        column.addWidget(self.about)
        column.addStretch()
        layout.addLayout(column)
        layout.addWidget(self.editor, 1)

    def set_attendees(self, names: dict[int, str], notes: dict[int, str] | None = None) -> None:
        """The attendees to write about (their notes kept, or ``notes`` when given)."""
        if notes is not None:
            self.notes = dict(notes)
        current = self.about.currentData()
        self._loading = True
        self.about.clear()
        for manager_id, name in names.items():
            marked = " ✎" if self.notes.get(manager_id, "").strip() else ""
            self.about.addItem(name + marked, manager_id)
        index = self.about.findData(current)
        self.about.setCurrentIndex(max(index, 0))
        self.editor.setPlainText(self.notes.get(self.about.currentData(), ""))
        self._loading = False

    def observed(self, attendees: Sequence[int]) -> dict[int, str]:
        """The notes about ``attendees`` (the ones still there)."""
        return {m: note for m, note in self.notes.items() if m in attendees}

    @Slot()
    def _about_changed(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.editor.setPlainText(self.notes.get(self.about.currentData(), ""))
        self._loading = False

    @Slot()
    def _typed(self) -> None:
        if self._loading or self.about.currentData() is None:
            return
        self.notes[int(self.about.currentData())] = self.editor.toPlainText()
        self.changed.emit()
