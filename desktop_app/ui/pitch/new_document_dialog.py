"""Start a new document: its kind (which sets the checklist template) and a title."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.document_resources import document_kinds


class NewDocumentDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, kind: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New document")
        self.kind = QComboBox()
        for spec in document_kinds():
            self.kind.addItem(spec.label, spec.key)
        if kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.kind.currentText())
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Title", self.title)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(buttons)
        self._on_kind_changed()

    def _on_kind_changed(self) -> None:
        spec = next(s for s in document_kinds() if s.key == self.kind.currentData())
        self.title.setPlaceholderText(spec.label)
        self.description.setText(spec.description)

    def values(self) -> tuple[str, str]:
        """(kind, title); the kind's label when no title was typed."""
        return self.kind.currentData(), self.title.text().strip() or self.kind.currentText()
