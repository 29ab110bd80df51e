"""Pitch & resume: documents under review with their checklists and feedback, the
'thank them' follow-ups feedback calls for, and mock interviews.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import ThankYouDue
from desktop_app.domain.values import ChangeSet
from desktop_app.services import documents, feedback
from desktop_app.storage.documents_repository import NotFoundError
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.pitch.document_list_model import DOCUMENT_ID, DocumentListModel
from desktop_app.ui.pitch.document_panel import DocumentPanel
from desktop_app.ui.pitch.mock_interviews_panel import MockInterviewsPanel
from desktop_app.ui.pitch.new_document_dialog import NewDocumentDialog
from desktop_app.ui.window.workspace import Workspace


class PitchView(QWidget):
    """Created by the main window the first time the view is shown."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.current_id: int | None = None

        self.model = DocumentListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName("Documents")
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.new_button = QPushButton("New document…")
        self.new_button.clicked.connect(self._on_new_clicked)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)

        self.thanks = QListWidget()
        self.thanks.setAccessibleName("Thank them")
        self.thanks.setWordWrap(True)
        self.thank_button = QPushButton("Log thanks")
        self.thank_button.setToolTip("Log a ‘gave’ message: you thanked them for their feedback")
        self.thank_button.clicked.connect(self._on_thank_clicked)
        thanks_box = QGroupBox("Thank them")
        thanks_layout = QVBoxLayout(thanks_box)
        thanks_layout.addWidget(self.thanks)
        thanks_layout.addWidget(self.thank_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.list, 3)
        left_layout.addWidget(thanks_box, 1)

        self.panel = DocumentPanel(workspace)
        self.panel.message.connect(self._on_panel_message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])

        self.mocks = MockInterviewsPanel(workspace)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "Documents")
        self.tabs.addTab(self.mocks, "Mock interviews")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        workspace.changed.connect(self._on_workspace_changed)
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        rows = documents.list_documents(self.workspace.db)
        self.model.set_documents(rows)
        if self.current_id is None or self.model.row_of(self.current_id) < 0:
            self.current_id = rows[0].id if rows else None
        self._select_current()
        self._show_current()
        self._reload_thanks()
        if self.tabs.currentWidget() is self.mocks:
            self.mocks.refresh()
        writable = not self.workspace.read_only
        self.new_button.setEnabled(writable)
        self.delete_button.setEnabled(bool(rows) and writable)

    def _select_current(self) -> None:
        row = self.model.row_of(self.current_id) if self.current_id is not None else -1
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    def _show_current(self) -> None:
        detail = None
        if self.current_id is not None:
            try:
                detail = documents.document_detail(self.workspace.db, self.current_id)
            except NotFoundError:
                self.current_id = None
        self.panel.show_detail(detail)

    def _reload_thanks(self) -> None:
        self.thanks.clear()
        for due in feedback.thank_you_due(self.workspace.db):
            item = QListWidgetItem(
                f"{due.reviewer_name}, for feedback on {due.document_title} "
                f"({due.received_on.isoformat()})"
            )
            item.setData(Qt.ItemDataRole.UserRole, due)
            self.thanks.addItem(item)
        if self.thanks.count():
            self.thanks.setCurrentRow(0)
        self.thank_button.setEnabled(self.thanks.count() > 0 and not self.workspace.read_only)

    # -- reacting ------------------------------------------------------------------------

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if change.documents_changed:
            self.reload()
        elif change.people_changed or change.people_removed or change.interactions_changed:
            self._show_current()  # reviewer names, removed contacts
            self._reload_thanks()

    def _on_panel_message(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_id = current.data(DOCUMENT_ID) if current.isValid() else None
        self._show_current()

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.mocks:
            self.mocks.refresh()

    def _on_new_clicked(self) -> None:
        dialog = NewDocumentDialog(self)
        if dialog.exec() != NewDocumentDialog.DialogCode.Accepted:
            return
        kind, title = dialog.values()
        command = commands.CreateDocumentCommand(self.workspace, kind, title)
        self.create_document(command)

    def create_document(self, command: commands.CreateDocumentCommand) -> None:
        if self.workspace.execute(command) and command.document_id is not None:
            self.current_id = command.document_id
            self.reload()

    def _on_delete_clicked(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete document",
            f"Delete “{detail.title}” with its {len(detail.versions)} version(s), its "
            f"checklist and {len(detail.rounds)} feedback round(s)? Undo brings it back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.execute(
                commands.DeleteDocumentCommand(self.workspace, detail.id, detail.title)
            )

    def _on_thank_clicked(self) -> None:
        item = self.thanks.currentItem()
        if item is None:
            return
        due: ThankYouDue = item.data(Qt.ItemDataRole.UserRole)
        self.workspace.execute(commands.LogThanksCommand(self.workspace, due, date.today()))
