"""First run on an empty database: the welcome, with three ways to start.

"I'll add people myself" and "Import my contacts" both start with me (the centre of the
map), so they need my name; "Show me a sample network" needs nothing.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.window.icons import app_icon, bundled_icon

PURPOSE = (
    "Trellis keeps your professional network on this computer: who you know, how you help "
    "each other, and who can introduce you to whom."
)


class FirstRunChoice(Enum):
    MY_NETWORK = "mine"
    IMPORT = "import"
    SAMPLE = "sample"


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Trellis")
        self.choice: FirstRunChoice | None = None

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        icon.setAccessibleName("Trellis")
        title = QLabel("Welcome to Trellis")
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        purpose = PlainLabel(PURPOSE)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(purpose)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        who = PlainLabel("You are the centre of your network map. What is your name?")
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.given.setPlaceholderText("e.g. Alex")
        self.family.setPlaceholderText("e.g. Rivera")
        form = QFormLayout()
        form.addRow("Your &given name", self.given)
        form.addRow("Your &family name", self.family)

        self.start_button = QCommandLinkButton(
            "&I'll add people myself", "Start with just you, and add people as you meet them."
        )
        self.import_button = QCommandLinkButton(
            "I&mport my contacts…",
            "From vCard (.vcf) or CSV files, your LinkedIn export, mail (mbox) or a calendar.",
        )
        self.sample_button = QCommandLinkButton(
            "&Show me a sample network",
            "300 made-up people to look around in first. You can start your own later.",
        )
        # Our own icons: the style's arrow is black, and unreadable in the dark theme.
        for button, drawing in (
            (self.start_button, "new-contact"),
            (self.import_button, "import"),
            (self.sample_button, "sample-network"),
        ):
            button.setIcon(bundled_icon(drawing))
            button.setIconSize(QSize(24, 24))
        for button in (self.start_button, self.import_button):
            button.setEnabled(False)
            button.setToolTip("Type your name first")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self._choose(FirstRunChoice.MY_NETWORK))
        self.import_button.clicked.connect(lambda: self._choose(FirstRunChoice.IMPORT))
        self.sample_button.clicked.connect(lambda: self._choose(FirstRunChoice.SAMPLE))
        self.given.textChanged.connect(self._update_enabled)
        self.family.textChanged.connect(self._update_enabled)

        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.button(QDialogButtonBox.StandardButton.Cancel).setText("&Quit")
        cancel.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.start_button)
        layout.addWidget(self.import_button)
        layout.addWidget(self.sample_button)
        layout.addWidget(cancel)
        self.given.setFocus()
        self.resize(560, 460)

    def _update_enabled(self) -> None:
        named = bool(self.given.text().strip() or self.family.text().strip())
        for button in (self.start_button, self.import_button):
            button.setEnabled(named)
            button.setToolTip("" if named else "Type your name first")

    def _choose(self, choice: FirstRunChoice) -> None:
        self.choice = choice
        self.accept()

    def names(self) -> tuple[str, str]:
        return self.given.text().strip(), self.family.text().strip()
