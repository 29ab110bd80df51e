"""First run on an empty database: start your own network, or open a sample one."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.widgets.plain_label import PlainLabel


class FirstRunChoice(Enum):
    MY_NETWORK = "mine"
    SAMPLE = "sample"


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Trellis")
        self.choice: FirstRunChoice | None = None
        intro = PlainLabel(
            "Trellis keeps your professional network on this computer: who you know, where "
            "they work, how you help each other, and who can introduce you to whom.\n\n"
            "Start with yourself — you are the centre of your network map — or look around "
            "a sample network first."
        )
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.given.setPlaceholderText("e.g. Alex")
        self.family.setPlaceholderText("e.g. Rivera")
        form = QFormLayout()
        form.addRow("Your &given name", self.given)
        form.addRow("Your &family name", self.family)
        buttons = QDialogButtonBox()
        self.start_button = QPushButton("Start my network")
        self.start_button.setDefault(True)
        self.start_button.setEnabled(False)
        self.sample_button = QPushButton("Open a sample network")
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.sample_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.sample_button.clicked.connect(self._on_sample_clicked)
        self.given.textChanged.connect(self._update_start_enabled)
        self.family.textChanged.connect(self._update_start_enabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def _update_start_enabled(self) -> None:
        self.start_button.setEnabled(bool(self.given.text().strip() or self.family.text().strip()))

    def _on_start_clicked(self) -> None:
        self.choice = FirstRunChoice.MY_NETWORK
        self.accept()

    def _on_sample_clicked(self) -> None:
        self.choice = FirstRunChoice.SAMPLE
        self.accept()

    def names(self) -> tuple[str, str]:
        return self.given.text().strip(), self.family.text().strip()
