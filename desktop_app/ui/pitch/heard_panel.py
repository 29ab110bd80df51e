"""A document's "Who heard it" tab: the people who know an older version, and one click to
put a check-in with each of them on the Due list."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.documents import DocumentDetail
from desktop_app.domain.values import ChangeSet
from desktop_app.services import interviews
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.events.events_commands import EventsEditCommand
from desktop_app.ui.window.workspace import Workspace


class HeardPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document_id: int | None = None
        self.sentence = PlainLabel("", self)
        self.sentence.setWordWrap(True)
        self.listeners = QListWidget(self)
        self.listeners.setAccessibleName("People who heard an older version")
        self.check_in_button = QPushButton("Check in with each of them", self)
        self.check_in_button.clicked.connect(self._on_check_in_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        layout.addWidget(self.listeners, 1)
        layout.addWidget(self.check_in_button)
        workspace.changed.connect(self._on_workspace_changed)

    def show_detail(self, detail: DocumentDetail | None) -> None:
        self.document_id = None if detail is None else detail.id
        self.refresh()

    def refresh(self) -> None:
        self.listeners.clear()
        if self.document_id is None:
            self.sentence.setText("")
            self.check_in_button.setEnabled(False)
            return
        report = interviews.heard_older_version(self.workspace.db, self.document_id)
        self.sentence.setText(report.sentence)
        for person in report.listeners:
            reach = " · can introduce you to a goal organisation" if person.reaches_goal else ""
            self.listeners.addItem(
                f"{person.name} — heard version {person.heard_version} "
                f"on {person.heard_on.isoformat()}{reach}"
            )
        self.check_in_button.setEnabled(bool(report.listeners) and not self.workspace.read_only)

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if change.interactions_changed or change.documents_changed or change.people_removed:
            self.refresh()

    def _on_check_in_clicked(self) -> None:
        document_id = self.document_id
        if document_id is None:
            return
        db = self.workspace.db
        command = EventsEditCommand(
            self.workspace,
            "Check in with those who heard an older version",
            lambda: interviews.check_in_with_older_listeners(db, document_id),
        )
        self.workspace.execute(command)
