"""Edit the informational-interview request and the question bank, for this network."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.services.interview_template import (
    PLACEHOLDERS,
    InterviewTemplate,
    shipped_template,
)
from desktop_app.ui.common.plain_label import PlainLabel


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(edit.toPlainText().splitlines())


class TemplateDialog(QDialog):
    """`template()` is what the user left in the fields, or None after "Restore shipped"."""

    def __init__(self, template: InterviewTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Interview request and questions")
        self.setMinimumSize(560, 560)
        self.restored = False
        names = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
        hint = PlainLabel(f"Trellis fills in {names} for each interview.", self)
        hint.setWordWrap(True)
        self.subject_edit = QLineEdit(self)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setTabChangesFocus(True)
        self.interview_edit = QPlainTextEdit(self)
        self.interview_edit.setTabChangesFocus(True)
        self.interview_edit.setPlaceholderText("One question a line")
        self.event_edit = QPlainTextEdit(self)
        self.event_edit.setTabChangesFocus(True)
        self.event_edit.setPlaceholderText("One question a line, printed on the prep sheet")
        self.event_edit.setFixedHeight(80)
        self._fill(template)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.RestoreDefaults
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText("&Restore shipped")
        restore.setToolTip("Go back to the request and questions Trellis comes with")
        restore.clicked.connect(self._on_restore_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow("S&ubject", self.subject_edit)
        form.addRow("Re&quest", self.body_edit)
        form.addRow("&Interview questions", self.interview_edit)
        form.addRow("&Event questions", self.event_edit)
        form.addRow(buttons)
        self.subject_edit.setFocus()

    def _fill(self, template: InterviewTemplate) -> None:
        self.subject_edit.setText(template.subject)
        self.body_edit.setPlainText(template.body)
        self.interview_edit.setPlainText("\n".join(template.interview_questions))
        self.event_edit.setPlainText("\n".join(template.event_questions))

    def _on_restore_clicked(self) -> None:
        self._fill(shipped_template())
        self.restored = True
        self.accept()

    def template(self) -> InterviewTemplate | None:
        if self.restored:
            self.restored = False  # a refusal reopens the dialog for editing
            return None
        return InterviewTemplate(
            self.subject_edit.text(),
            self.body_edit.toPlainText(),
            _lines(self.interview_edit),
            _lines(self.event_edit),
        )
