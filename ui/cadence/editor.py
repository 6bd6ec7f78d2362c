"""A grid of cadences, one row per coaching activity: whether it is for them, ideal and maximum
days between two touchpoints, where the value comes from, and (for one manager) where they stand
today.

The "For them" box shows the effective choice; ticking it back to what the wider default says
removes the manager's own mark, so they follow that default again (and "Use team default" puts
both the days and the choice back)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QPushButton, QSpinBox, QWidget

from coachjournal.coaching import cadence, roster
from coachjournal.coaching.cadence import (
    CADENCE_KINDS,
    Applicability,
    AppliesSource,
    CadenceRule,
    CadenceSource,
    KindStatus,
)
from coachjournal.errors import ValidationError
from coachjournal.kinds import TouchpointKind
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.fields import error_label
from ui.widgets.wheel import pass_wheel_unless_focused

_SOURCES = {
    CadenceSource.BUILT_IN: "built-in default",
    CadenceSource.TEAM: "team default",
    CadenceSource.MANAGER: "set for this manager",
}

#: Where a "For them" choice comes from, for its tooltip.
_APPLIES_SOURCES = {
    AppliesSource.BUILT_IN: "Every activity is for everyone unless switched off.",
    AppliesSource.EVERYONE: "The default for the whole team (Team cadence).",
    AppliesSource.TEAM: "The default for their team, {team} (Team cadence).",
    AppliesSource.MANAGER: "Set for this manager.",
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
        self.applies = QCheckBox()
        self.applies.setAccessibleName(f"{kind.label}: for them")
        self.ideal = QSpinBox()
        self.maximum = QSpinBox()
        for box, what in ((self.ideal, "ideally every"), (self.maximum, "at most every")):
            box.setRange(1, cadence.MAX_DAYS)
            box.setSuffix(" days")
            box.setAccessibleName(f"{kind.label}: {what}")
            box.setKeyboardTracking(False)
        pass_wheel_unless_focused(self.ideal, self.maximum)
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
        self.team = ""
        self._inherited: dict[TouchpointKind, Applicability] = {}
        self.applies_header = label("For them", "fieldLabel")
        grid.addWidget(self.applies_header, 0, 1)
        for column, title in enumerate(("Ideally every", "At most every"), start=2):
            grid.addWidget(label(title, "fieldLabel"), 0, column)
        self.today_header = label("Today", "fieldLabel")
        grid.addWidget(self.today_header, 0, 6)
        for line, kind in enumerate(CADENCE_KINDS, start=1):
            row = _Row(kind)
            self.rows[kind] = row
            grid.addWidget(QLabel(kind.label), line, 0)
            grid.addWidget(row.applies, line, 1, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(row.ideal, line, 2)
            grid.addWidget(row.maximum, line, 3)
            grid.addWidget(row.source, line, 4)
            grid.addWidget(row.reset, line, 5)
            grid.addWidget(row.status, line, 6)
            row.applies.toggled.connect(lambda checked, k=kind: self._applies_toggled(k, checked))
            row.ideal.valueChanged.connect(lambda _value, k=kind: self._edited(k))
            row.maximum.valueChanged.connect(lambda _value, k=kind: self._edited(k))
            row.reset.clicked.connect(lambda _checked=False, k=kind: self._reset(k))
        grid.setColumnStretch(6, 1)
        grid.addWidget(self.error, len(CADENCE_KINDS) + 1, 0, 1, 7)
        session.cadence_changed.connect(self.reload)
        session.entries_changed.connect(self._on_entries_changed)
        session.manager_changed.connect(self._on_entries_changed)

    def show_manager(self, manager_id: int | None) -> None:
        """Show one manager's cadences and status, or the team defaults (None)."""
        self.manager_id = manager_id
        self.today_header.setVisible(manager_id is not None)
        self.applies_header.setText("For them" if manager_id is not None else "For everyone")
        for row in self.rows.values():
            row.status.setVisible(manager_id is not None)
            row.reset.setText("Use team default" if manager_id is not None else "Use built-in")
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.team = "" if self.manager_id is None else roster.get_manager(self.manager_id).team
        book = cadence.load_cadences()
        rules = book.team if self.manager_id is None else book.for_manager(self.manager_id)
        applies = book.applicability(self.manager_id, self.team)
        #: What each activity would be without this editor's own mark: "back to default".
        self._inherited = (
            book.applicability(None, self.team)
            if self.manager_id is not None
            else book.applicability(None)
        )
        statuses = (
            {status.kind: status for status in cadence.statuses_for(self.manager_id)}
            if self.manager_id is not None
            else {}
        )
        self._loading = True
        try:
            for kind, row in self.rows.items():
                self._show_rule(row, rules[kind], applies[kind])
                if kind in statuses:
                    row.status.setText(status_html(statuses[kind]))
        finally:
            self._loading = False
        self.error.hide()

    def _show_rule(self, row: _Row, rule: CadenceRule, applies: Applicability) -> None:
        row.applies.setChecked(applies.applies)
        row.applies.setToolTip(_APPLIES_SOURCES[applies.source].format(team=self.team))
        row.ideal.setValue(rule.ideal_days)
        row.maximum.setValue(rule.max_days)
        for box in (row.ideal, row.maximum):
            box.setEnabled(applies.applies)
        row.source.setText(_SOURCES[rule.source])
        if self.manager_id is not None:
            own = rule.source is CadenceSource.MANAGER or applies.source is AppliesSource.MANAGER
        else:
            own = rule.source is CadenceSource.TEAM
        row.reset.setEnabled(own)

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

    def _applies_toggled(self, kind: TouchpointKind, checked: bool) -> None:
        if self._loading:
            return
        # the same as the wider default: no mark of its own, so it follows that default
        mark = None if checked == self._inherited[kind].applies else checked
        self.session.set_applies(kind, mark, manager_id=self.manager_id)

    def _reset(self, kind: TouchpointKind) -> None:
        if self.manager_id is not None:
            self.session.set_applies(kind, None, manager_id=self.manager_id)
        self.session.reset_cadence(self.manager_id, kind)
