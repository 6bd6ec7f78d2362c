"""The team's cadence: the defaults every manager gets unless they have their own, which
activities are for whom (for everyone, and per team: no field visits for "Inside Sales"), and
which kinds of touchpoint also count as a one-on-one."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import cadence, roster
from coachjournal.coaching.cadence import CADENCE_KINDS, AppliesSource, team_key
from coachjournal.kinds import TouchpointKind
from ui.cadence.editor import CadenceEditor
from ui.session import JournalSession
from ui.widgets.basic import label


def team_names() -> list[str]:
    """The teams of the managers on the roster and those with a choice of their own, each once
    (as first spelled), sorted."""
    names: dict[str, str] = {}
    for name in [*cadence.team_marks(), *(m.team for m in roster.list_managers())]:
        if name.strip():
            names.setdefault(team_key(name), " ".join(name.split()))
    return sorted(names.values(), key=str.casefold)


class TeamCadenceDialog(QDialog):
    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._loading = False
        self.setWindowTitle("Team cadence")
        intro = label(
            "How often you mean to meet each manager. A manager's profile can set their own "
            "rhythm; everyone else follows these. Changes apply at once.",
            wrap=True,
        )
        self.editor = CadenceEditor(session)
        self.editor.show_manager(None)
        defaults = QGroupBox("Cadence for the whole team")
        QVBoxLayout(defaults).addWidget(self.editor)

        by_team = QGroupBox("Who each activity is for, by team")
        by_team_layout = QVBoxLayout(by_team)
        by_team_layout.addWidget(
            label(
                "A team's own choice wins over the whole team's; a manager's profile can still "
                "choose otherwise. An activity that is not for someone is never due for them.",
                "mutedLabel",
                wrap=True,
            )
        )
        pick = QHBoxLayout()
        self.team = QComboBox()
        self.team.setAccessibleName("Team")
        self.team.setMinimumContentsLength(18)
        self.team.currentTextChanged.connect(self._show_team)
        pick.addWidget(label("Team", "fieldLabel"))
        pick.addWidget(self.team)
        self.team_applies: dict[TouchpointKind, QCheckBox] = {}
        for kind in CADENCE_KINDS:
            box = QCheckBox(kind.label)
            box.setAccessibleName(f"{kind.label}: for this team")
            box.toggled.connect(lambda checked, k=kind: self._team_toggled(k, checked))
            self.team_applies[kind] = box
            pick.addWidget(box)
        pick.addStretch()
        by_team_layout.addLayout(pick)
        self.no_teams = label(
            "No manager has a team yet: name their team in their profile.", "mutedLabel"
        )
        by_team_layout.addWidget(self.no_teams)

        self.counts: dict[TouchpointKind, QCheckBox] = {}
        counting = QGroupBox("Also counts as a one-on-one")
        counts_layout = QHBoxLayout(counting)
        chosen = cadence.counts_as_one_on_one()
        for kind in TouchpointKind:
            if kind is TouchpointKind.ONE_ON_ONE:
                continue
            box = QCheckBox(kind.label)
            box.setChecked(kind in chosen)
            box.toggled.connect(self._counts_changed)
            self.counts[kind] = box
            counts_layout.addWidget(box)
        counts_layout.addStretch()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(defaults)
        layout.addWidget(by_team)
        layout.addWidget(counting)
        layout.addWidget(buttons)
        self.team.addItems(team_names())
        self._show_team(self.team.currentText())
        session.cadence_changed.connect(self._reload_team)

    @Slot()
    def _reload_team(self) -> None:
        self._show_team(self.team.currentText())

    @Slot(str)
    def _show_team(self, team: str) -> None:
        """Tick what applies to the managers of ``team``; the tooltip says which mark says so."""
        self.no_teams.setVisible(not team)
        applies = cadence.load_cadences().applicability(None, team)
        self._loading = True
        try:
            for kind, box in self.team_applies.items():
                box.setEnabled(bool(team))
                box.setChecked(applies[kind].applies)
                own = applies[kind].source is AppliesSource.TEAM
                box.setToolTip(f"Chosen for {team}." if own else "As for the whole team (above).")
        finally:
            self._loading = False

    def _team_toggled(self, kind: TouchpointKind, checked: bool) -> None:
        if self._loading:
            return
        team = self.team.currentText()
        everyone = cadence.load_cadences().applicability(None)[kind].applies
        # the same as the whole team's: no mark of its own, so it follows that default
        self.session.set_applies(kind, None if checked == everyone else checked, team=team)

    @Slot()
    def _counts_changed(self) -> None:
        kinds = {kind for kind, box in self.counts.items() if box.isChecked()}
        self.session.set_counts_as_one_on_one(kinds)
