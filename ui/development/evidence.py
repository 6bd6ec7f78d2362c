"""The strengths and development areas that showed in one touchpoint, for the touchpoint
editor: the other side of a trait's "Where it showed" list.

Place a :class:`TouchpointTraits` in the editor and call :meth:`TouchpointTraits.show_touchpoint`
whenever the editor shows a touchpoint (None while a new entry is not logged yet: a link needs
a saved touchpoint). Links are written through the session, so the trait's page follows.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QListView, QPushButton, QVBoxLayout, QWidget

from coachjournal.coaching import development, touchpoints
from coachjournal.coaching.development import kind_label
from coachjournal.errors import ValidationError
from ui.development.delegates import TraitDelegate
from ui.development.forms import fit_rows, on_delete_key, row
from ui.development.models import IdRole, TraitModel
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.fields import error_label


class TouchpointTraits(QWidget):
    """Lists the touchpoint's linked traits and links or unlinks one. ``trait_opened`` carries
    a trait's id when the user activates it (to show it on the manager's Development tab)."""

    trait_opened = Signal(int)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.touchpoint_id: int | None = None
        self.manager_id: int | None = None
        self.model = TraitModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Skills that showed in this touchpoint")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TraitDelegate(self.view))
        self.view.setToolTip("Delete unlinks the selected skill")
        self.view.activated.connect(lambda index: self.trait_opened.emit(int(index.data(IdRole))))
        on_delete_key(self.view, "Unlink skill", self.unlink)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Skill to link")
        self.link_button = QPushButton(icon("link"), "Link")
        self.link_button.setToolTip("Note that this skill showed in this touchpoint")
        self.link_button.clicked.connect(self.link)
        self.unlink_button = QPushButton(icon("unlink"), "Unlink")
        self.unlink_button.clicked.connect(self.unlink)
        self.message = label("", "mutedLabel", wrap=True)
        self.error = error_label()
        adding = row(self.choice, self.link_button, self.unlink_button, spacing=6)
        adding.setStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addLayout(adding)
        layout.addWidget(self.error)
        session.traits_changed.connect(self._on_traits_changed)
        self.show_touchpoint(None)

    def show_touchpoint(self, touchpoint_id: int | None) -> None:
        self.touchpoint_id = touchpoint_id
        self.manager_id = (
            touchpoints.get_touchpoint(touchpoint_id).manager_id
            if touchpoint_id is not None
            else None
        )
        self.reload()

    def reload(self) -> None:
        self.error.hide()
        linked = development.traits_of(self.touchpoint_id) if self.touchpoint_id else []
        self.model.load_records(linked)
        self.view.setVisible(bool(linked))
        fit_rows(self.view, len(linked), most=4)
        if linked:
            self.view.setCurrentIndex(self.model.index(0))
        if self.touchpoint_id is None:
            self.message.setText(
                "Log the touchpoint first; then note the strengths and development areas that "
                "showed in it."
            )
        elif not linked:
            self.message.setText("No strength or development area linked to it yet.")
        self.message.setVisible(self.touchpoint_id is None or not linked)
        self._fill_choice({record.id for record in linked})

    def _fill_choice(self, linked: set[int]) -> None:
        self.choice.clear()
        options = (
            [t for t in development.list_traits(self.manager_id) if t.id not in linked]
            if self.manager_id is not None
            else []
        )
        for record in options:
            self.choice.addItem(f"{record.skill} ({kind_label(record.kind).lower()})", record.id)
        if self.manager_id is not None and not options and not linked:
            self.choice.addItem("No strengths or development areas yet", None)
        self.choice.setEnabled(bool(options))
        self.link_button.setEnabled(bool(options) and self.touchpoint_id is not None)
        self.unlink_button.setEnabled(bool(linked))

    @Slot()
    def link(self) -> None:
        trait_id = self.choice.currentData()
        if self.touchpoint_id is None or trait_id is None:
            return
        try:
            self.session.link_evidence(int(trait_id), self.touchpoint_id)
        except ValidationError as error:
            self.error.setText(error.message)
            self.error.show()

    @Slot()
    def unlink(self) -> None:
        index = self.view.currentIndex()
        if self.touchpoint_id is None:
            return
        if index.isValid():
            self.session.unlink_evidence(int(index.data(IdRole)), self.touchpoint_id)

    @Slot(int)
    def _on_traits_changed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self.reload()
