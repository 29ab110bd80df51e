"""The feedback rounds of one document: who was asked, when, and what they said."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import DocumentDetail, FeedbackRoundInfo
from desktop_app.services import feedback
from desktop_app.services.exporting.checklist_export import reviewer_label, verdict_label
from desktop_app.ui.common.row_table import RowTable
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.pitch.feedback_dialogs import AskFeedbackDialog, RecordFeedbackDialog
from desktop_app.ui.window.workspace import Workspace

COLUMNS = ("Reviewer", "Version", "Asked", "Received", "Overall", "Comment")


class FeedbackRounds(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.detail: DocumentDetail | None = None
        self.table = RowTable(COLUMNS, "Feedback rounds")
        self.table.doubleClicked.connect(self._on_record_clicked)
        self.ask_button = QPushButton("Ask for feedback…")
        self.record_button = QPushButton("Record feedback…")
        self.ask_button.clicked.connect(self._on_ask_clicked)
        self.record_button.clicked.connect(self._on_record_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask_button)
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_detail(self, detail: DocumentDetail | None) -> None:
        self.detail = detail
        rounds = detail.rounds if detail else ()
        self.table.set_rows(
            [
                (
                    info.id,
                    (
                        reviewer_label(info.reviewer_name, info.reviewer_removed),
                        "" if info.version_number is None else str(info.version_number),
                        info.asked_on.isoformat(),
                        info.received_on.isoformat() if info.received_on else "waiting",
                        verdict_label(info.verdict) if info.received else "",
                        " ".join(info.comment.split()),
                    ),
                )
                for info in rounds
            ]
        )
        writable = not self.workspace.read_only
        self.ask_button.setEnabled(detail is not None and writable)
        self.record_button.setEnabled(bool(rounds) and writable)

    def selected_round(self) -> FeedbackRoundInfo | None:
        if self.detail is None:
            return None
        round_id = self.table.record_id()
        if round_id is None:
            waiting = [r for r in self.detail.rounds if not r.received]
            return waiting[0] if waiting else None
        return next((r for r in self.detail.rounds if r.id == round_id), None)

    def _on_ask_clicked(self) -> None:
        if self.detail is None:
            return
        people = feedback.people_choices(self.workspace.db)
        if not people:
            QMessageBox.information(
                self, "Ask for feedback", "Add the contact first: reviewers are your contacts."
            )
            return
        dialog = AskFeedbackDialog(self.detail, people, date.today(), self)
        if dialog.exec() != AskFeedbackDialog.DialogCode.Accepted:
            return
        reviewer_id, version_id, name, asked_on = dialog.values()
        if reviewer_id is None:
            return
        self.workspace.execute(
            commands.AskFeedbackCommand(
                self.workspace, self.detail.id, version_id, reviewer_id, name, asked_on
            )
        )

    def _on_record_clicked(self) -> None:
        info = self.selected_round()
        if info is None or self.detail is None:
            return
        dialog = RecordFeedbackDialog(self.detail, info, date.today(), self)
        if dialog.exec() != RecordFeedbackDialog.DialogCode.Accepted:
            return
        received_on, verdict, comment, criteria = dialog.values()
        self.workspace.execute(
            commands.RecordFeedbackCommand(
                self.workspace, info.id, received_on, verdict, comment, criteria
            )
        )
