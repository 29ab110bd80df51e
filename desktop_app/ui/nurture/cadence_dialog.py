"""Keep-in-touch rhythm: how often to check in with each circle (days)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle
from desktop_app.services import reminders
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.nurture.nurture_commands import SetCadencesCommand
from desktop_app.ui.window.workspace import Workspace


class CadenceDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Keep-in-touch rhythm")
        current = reminders.cadence_per_circle(workspace.db)
        form = QFormLayout(self)
        form.addRow(
            PlainLabel(
                "Check in with each circle every so many days. A person's own rhythm, set "
                "in their details, wins over their circle's.",
                self,
            )
        )
        self.spins: dict[Circle, QSpinBox] = {}
        for circle in Circle:
            spin = QSpinBox(self)
            spin.setRange(1, 730)
            spin.setSuffix(" days")
            spin.setValue(current[circle])
            spin.setAccessibleName(f"{circle.label} cadence")
            self.spins[circle] = spin
            form.addRow(f"{circle.label}:", spin)
        defaults = QPushButton("Restore defaults", self)
        defaults.clicked.connect(self.restore_defaults)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.addButton(defaults, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not workspace.read_only)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def days(self) -> dict[Circle, int]:
        return {circle: spin.value() for circle, spin in self.spins.items()}

    def restore_defaults(self) -> None:
        for circle, spin in self.spins.items():
            spin.setValue(DEFAULT_CADENCE_DAYS[circle])

    def accept(self) -> None:
        if self.days() != reminders.cadence_per_circle(self.workspace.db):
            self.workspace.execute(SetCadencesCommand(self.workspace, self.days()))
        super().accept()
