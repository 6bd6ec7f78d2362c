"""A grid of cadences, one row per coaching activity: ideal and maximum days between two
touchpoints, where the value comes from, and (for one manager) where they stand today."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSpinBox, QWidget

from coachjournal.coaching import cadence
from coachjournal.coaching.cadence import CADENCE_KINDS, CadenceRule, CadenceSource, KindStatus
from coachjournal.errors import ValidationError
from coachjournal.kinds import TouchpointKind
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.fields import error_label

_SOURCES = {
    CadenceSource.BUILT_IN: "built-in default",
    CadenceSource.TEAM: "team default",
    CadenceSource.MANAGER: "set for this manager",
}


def status_html(status: KindStatus) -> str:
    """A coloured dot, the status word and the numbers: readable without the colour."""
    return (
        f'<span style="color:{status.status.colour}">●</span> '
        f"<b>{status.status.label}</b> · {status.describe()}"
    )


class _Row:
    def __init__(self, kind: TouchpointKind) -> None:
        self.kind = kind
        self.ideal = QSpinBox()
        self.maximum = QSpinBox()
        for box, what in ((self.ideal, "ideally every"), (self.maximum, "at most every")):
            box.setRange(1, cadence.MAX_DAYS)
            box.setSuffix(" days")
            box.setAccessibleName(f"{kind.label}: {what}")
            box.setKeyboardTracking(False)
        self.source = label("", "mutedLabel")
        self.reset = QPushButton()
        self.status = label("", wrap=True)
        self.status.setTextFormat(Qt.TextFormat.RichText)


class CadenceEditor(QWidget):
    """Edits the team defaults (``manager_id`` None) or one manager's own cadences."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id: int | None = None
        self._loading = False
        self.error = error_label()
        self.rows: dict[TouchpointKind, _Row] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for column, title in enumerate(("Ideally every", "At most every"), start=1):
            grid.addWidget(label(title, "fieldLabel"), 0, column)
        self.today_header = label("Today", "fieldLabel")
        grid.addWidget(self.today_header, 0, 5)
        for line, kind in enumerate(CADENCE_KINDS, start=1):
            row = _Row(kind)
            self.rows[kind] = row
            grid.addWidget(QLabel(kind.label), line, 0)
            grid.addWidget(row.ideal, line, 1)
            grid.addWidget(row.maximum, line, 2)
            grid.addWidget(row.source, line, 3)
            grid.addWidget(row.reset, line, 4)
            grid.addWidget(row.status, line, 5)
            row.ideal.valueChanged.connect(lambda _value, k=kind: self._edited(k))
            row.maximum.valueChanged.connect(lambda _value, k=kind: self._edited(k))
            row.reset.clicked.connect(lambda _checked=False, k=kind: self._reset(k))
        grid.setColumnStretch(5, 1)
        grid.addWidget(self.error, len(CADENCE_KINDS) + 1, 0, 1, 6)
        session.cadence_changed.connect(self.reload)
        session.entries_changed.connect(self._on_entries_changed)

    def show_manager(self, manager_id: int | None) -> None:
        """Show one manager's cadences and status, or the team defaults (None)."""
        self.manager_id = manager_id
        self.today_header.setVisible(manager_id is not None)
        for row in self.rows.values():
            row.status.setVisible(manager_id is not None)
            row.reset.setText("Use team default" if manager_id is not None else "Use built-in")
        self.reload()

    @Slot()
    def reload(self) -> None:
        rules = (
            cadence.team_defaults()
            if self.manager_id is None
            else cadence.cadence_for(self.manager_id)
        )
        statuses = (
            {status.kind: status for status in cadence.statuses_for(self.manager_id)}
            if self.manager_id is not None
            else {}
        )
        self._loading = True
        try:
            for kind, row in self.rows.items():
                self._show_rule(row, rules[kind])
                if kind in statuses:
                    row.status.setText(status_html(statuses[kind]))
        finally:
            self._loading = False
        self.error.hide()

    def _show_rule(self, row: _Row, rule: CadenceRule) -> None:
        row.ideal.setValue(rule.ideal_days)
        row.maximum.setValue(rule.max_days)
        row.source.setText(_SOURCES[rule.source])
        own = CadenceSource.MANAGER if self.manager_id is not None else CadenceSource.TEAM
        row.reset.setEnabled(rule.source is own)

    @Slot(int)
    def _on_entries_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self.reload()

    def _edited(self, kind: TouchpointKind) -> None:
        if self._loading:
            return
        row = self.rows[kind]
        try:
            self.session.set_cadence(self.manager_id, kind, row.ideal.value(), row.maximum.value())
        except ValidationError as error:
            self.error.setText(error.message)
            self.error.show()

    def _reset(self, kind: TouchpointKind) -> None:
        self.session.reset_cadence(self.manager_id, kind)
