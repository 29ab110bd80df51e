"""The import preview: what is new, what may already be there, and what was rejected.

Nothing is written until the user presses Import; every duplicate can be merged, skipped
or kept as a separate contact, and the rejected cards can be saved to a file to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.importing.report import (
    CardKey,
    Decision,
    ImportReport,
    write_rejections,
)
from desktop_app.ui.importing.preview_models import (
    DuplicatesModel,
    RowsModel,
    new_cards_model,
    notes_model,
    rejected_model,
)


def _plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _table(model: RowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setTabKeyNavigation(False)  # Tab leaves the table
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column in range(model.columnCount()):
        view.setColumnWidth(column, 180)
    return view


class ImportPreviewDialog(QDialog):
    """Shows a dry-run `ImportReport`; `decisions()` holds what the user chose."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import contacts")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.summary_label = _plain_label(self._summary(), self)
        layout.addWidget(self.summary_label)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.new_model = new_cards_model(report.new)
        self.new_view = _table(self.new_model, self)
        self.tabs.addTab(self.new_view, f"New ({len(report.new)})")
        self.duplicates_model = DuplicatesModel(report.duplicates)
        self.tabs.addTab(self._duplicates_page(), f"Duplicates ({len(report.duplicates)})")
        self.rejected_model = rejected_model(report.rejected)
        self.tabs.addTab(self._rejected_page(), f"Rejected ({len(report.rejected)})")
        self.notes_model = notes_model([reason for _, reason in report.unreadable], report.warnings)
        if self.notes_model.rowCount():
            self.notes_view = _table(self.notes_model, self)
            self.tabs.addTab(self.notes_view, f"Notes ({self.notes_model.rowCount()})")
        if not report.new and report.duplicates:
            self.tabs.setCurrentIndex(1)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setDefault(True)
        self.import_button.setEnabled(bool(report.new or report.duplicates))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _summary(self) -> str:
        report = self.report
        duplicates = report.duplicates  # each row counted once: the parts add up to its tab
        files = len(report.read_files)
        parts = [
            f"{len(report.new)} new contact(s)",
            f"{duplicates.stored_sure_count} already in Trellis "
            "(their new details will be merged in)",
            f"{duplicates.repeated_sure_count} twice in the imported file(s) "
            "(merged into the first card)",
            f"{duplicates.possible_count} possible duplicate(s) to check",
            f"{len(report.rejected)} card(s) rejected",
        ]
        text = f"Read {files} file(s): " + ", ".join(parts) + "."
        if report.unreadable:
            text += f"\n{len(report.unreadable)} file(s) could not be read (see Notes)."
        return text + "\nNothing has been written yet."

    def _duplicates_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _plain_label(
                "Merge keeps every distinct value of both; Skip leaves the card out; "
                "Keep both adds it as a separate contact. Select rows, then choose.",
                page,
            )
        )
        self.duplicates_view = _table(self.duplicates_model, page)
        self.duplicates_view.setColumnWidth(0, 90)
        self.duplicates_view.setColumnWidth(3, 140)
        self.duplicates_view.setColumnWidth(4, 320)  # the reason is what one reads first
        layout.addWidget(self.duplicates_view, 1)
        row = QHBoxLayout()
        self.decision_buttons: dict[Decision, QPushButton] = {}
        mnemonics = {
            Decision.MERGE: "&Merge",
            Decision.SKIP: "&Skip",
            Decision.KEEP_BOTH: "&Keep both",
        }
        for decision in Decision:
            button = QPushButton(mnemonics[decision], page)
            button.clicked.connect(lambda _c=False, d=decision: self.decide_selected(d))
            row.addWidget(button)
            self.decision_buttons[decision] = button
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _rejected_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.rejected_view = _table(self.rejected_model, page)
        self.rejected_view.setColumnWidth(1, 60)
        layout.addWidget(self.rejected_view, 1)
        row = QHBoxLayout()
        self.save_rejected_button = QPushButton("Save &rejected cards…", page)
        self.save_rejected_button.setEnabled(bool(self.report.rejected))
        self.save_rejected_button.clicked.connect(self.save_rejected)
        row.addWidget(self.save_rejected_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def decide_selected(self, decision: Decision) -> None:
        rows = sorted(
            {index.row() for index in self.duplicates_view.selectionModel().selectedRows()}
        )
        self.duplicates_model.set_decision(rows, decision)

    def decisions(self) -> Mapping[CardKey, Decision]:
        """The decision per duplicate as the user left it (read from the report's spool)."""
        return self.report.decisions()

    def save_rejected(self, path: Path | None = None) -> Path | None:
        """Save the rejected cards (with reasons and original lines); asks where if needed."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Save rejected cards",
                str(Path.home() / "rejected-contacts.txt"),
                "Text files (*.txt)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        write_rejections(self.report.rejected, path)
        return path
