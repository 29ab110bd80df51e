"""Add a relationship (from the map or the detail panel): who else, how they know each other,
how strongly."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from desktop_app.domain.enums import RelationshipKind
from desktop_app.services.interactions import person_choices
from desktop_app.ui.common.person_picker import PersonPicker
from desktop_app.ui.map.map_commands import AddRelationshipCommand
from desktop_app.ui.window.workspace import Workspace


class RelationshipDialog(QDialog):
    def __init__(self, workspace: Workspace, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.person_id = person_id
        choices = [c for c in person_choices(workspace.db) if c.id != person_id]
        self._names = {c.id: c.name for c in person_choices(workspace.db)}
        self.setWindowTitle(f"Link {self._names.get(person_id, 'this person')} with…")
        self.other = PersonPicker(choices, self, single=True)
        self.kind = QComboBox()
        for kind in RelationshipKind:
            self.kind.addItem(kind.label, kind.value)
        self.strength = QSpinBox()
        self.strength.setRange(1, 5)
        self.strength.setValue(3)
        self.strength.setToolTip("1 weak … 5 strong")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Who", self.other)
        form.addRow("How they know each other", self.kind)
        form.addRow("Strength", self.strength)
        form.addRow(self.buttons)
        self.command: AddRelationshipCommand | None = None

    def accept(self) -> None:
        chosen = self.other.person_ids()
        if not chosen:
            self.other.search.setFocus()
            return
        other = chosen[0]
        command = AddRelationshipCommand(
            self.workspace,
            self.person_id,
            other,
            RelationshipKind(self.kind.currentData()),
            self.strength.value(),
            (self._names.get(self.person_id, ""), self._names.get(other, "")),
        )
        if self.workspace.execute(command):
            self.command = command
            super().accept()
