"""What the Contacts view shows while the network holds nobody but me: how to add people."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.window.icons import bundled_icon


class EmptyContactsPlaceholder(QWidget):
    """Add and Import buttons under a line on what the table will hold."""

    add_requested = Signal()
    import_requested = Signal()

    def __init__(self, read_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyContacts")
        title = QLabel("Nobody in your network yet")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.message = QLabel(
            "Add the people you know one by one, or import them from a vCard (.vcf) file, a "
            "CSV file or your LinkedIn export. You can also drop files on this window."
        )
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMinimumWidth(420)
        self.message.setMaximumWidth(560)
        self.add_button = QPushButton(bundled_icon("new-contact"), "&Add a contact…")
        self.import_button = QPushButton(bundled_icon("import"), "&Import contacts…")
        for button in (self.add_button, self.import_button):
            button.setEnabled(not read_only)
        self.add_button.clicked.connect(self.add_requested)
        self.import_button.clicked.connect(self.import_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        # In a row between stretches, not aligned: an aligned label that wraps gets the
        # height of one line.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.message, 2)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(2)
