"""The team's cadence: the defaults every manager gets unless they have their own, and which
kinds of touchpoint also count as a one-on-one."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import cadence
from coachjournal.kinds import TouchpointKind
from ui.cadence.editor import CadenceEditor
from ui.session import JournalSession
from ui.widgets.basic import label


class TeamCadenceDialog(QDialog):
    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
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
        layout.addWidget(counting)
        layout.addWidget(buttons)

    @Slot()
    def _counts_changed(self) -> None:
        kinds = {kind for kind, box in self.counts.items() if box.isChecked()}
        self.session.set_counts_as_one_on_one(kinds)
