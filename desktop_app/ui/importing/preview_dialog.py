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
    QCheckBox,
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

from desktop_app.domain.values import NewPerson
from desktop_app.services.importing.report import (
    CardKey,
    Decision,
    ImportReport,
    write_rejections,
)
from desktop_app.ui.importing.history_models import (
    UnmatchedModel,
    channel_counts,
    left_out_model,
    matched_model,
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


def rows_table(model: RowsModel, parent: QWidget) -> QTableView:
    """A read-only table of preview rows: whole-row selection, Tab leaves it (also used by
    the not-contacts dialog)."""
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


def history_summary(report: ImportReport) -> str:
    """One line: what the history brings."""
    history = report.history
    left = sum(history.left_out.values())
    channels = channel_counts(history.by_channel)
    return (
        f"History: {history.interactions_new:,} new interaction(s)"
        + (f" ({channels})" if channels else "")
        + f", {len(history.circles):,} contact(s) matched, "
        f"{history.unmatched_total:,} people who are not contacts, {left:,} left out."
    )


def history_details(report: ImportReport) -> str:
    history = report.history
    lines = [
        f"{history.items_read:,} message(s), invitation(s) and event(s) read from "
        f"{len(history.read_files):,} file(s)."
    ]
    if history.interactions_known:
        lines.append(f"{history.interactions_known:,} interaction(s) were imported before.")
    if history.participants_added:
        lines.append(
            f"{len(history.participants_added):,} contact(s) join interactions imported before."
        )
    if history.without_contacts:
        lines.append(
            f"{history.without_contacts:,} message(s) or event(s) have none of your contacts."
        )
    if history.ties or history.circles:
        lines.append(
            f"Suggestions after the import: {len(history.circles):,} circle(s), "
            f"{len(history.ties):,} tie(s); nothing changes until you accept them."
        )
    return "\n".join(lines)


class ImportPreviewDialog(QDialog):
    """Shows a dry-run `ImportReport`; `decisions()` holds what the user chose."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(
            "Import contacts and history" if report.history.files else "Import contacts"
        )
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.summary_label = _plain_label(self._summary(), self)
        layout.addWidget(self.summary_label)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.new_model = new_cards_model(report.new)
        self.new_view = rows_table(self.new_model, self)
        self.tabs.addTab(self.new_view, f"New ({len(report.new)})")
        self.duplicates_model = DuplicatesModel(report.duplicates)
        self.tabs.addTab(self._duplicates_page(), f"Duplicates ({len(report.duplicates)})")
        self.rejected_model = rejected_model(report.rejected)
        self.tabs.addTab(self._rejected_page(), f"Rejected ({len(report.rejected)})")
        self.notes_model = notes_model([reason for _, reason in report.unreadable], report.warnings)
        if self.notes_model.rowCount():
            self.notes_view = rows_table(self.notes_model, self)
            self.tabs.addTab(self.notes_view, f"Notes ({self.notes_model.rowCount()})")
        self.history_page: QWidget | None = None
        self.unmatched_model = UnmatchedModel(report.history.unmatched)
        self.keep_subjects_box: QCheckBox | None = None
        if report.history.files:
            self.history_page = self._history_page()
            self.tabs.addTab(
                self.history_page, f"&History ({report.history.interactions_new:,} new)"
            )
            self.tabs.addTab(
                self._unmatched_page(), f"Not contacts ({report.history.unmatched_total:,})"
            )
        if not report.new and report.duplicates:
            self.tabs.setCurrentIndex(1)
        elif not report.new and self.history_page is not None:
            self.tabs.setCurrentWidget(self.history_page)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setDefault(True)
        history = report.history
        self.import_button.setEnabled(
            bool(
                report.new
                or report.duplicates
                or history.interactions_new
                or history.participants_added
                or history.unmatched
            )
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _summary(self) -> str:
        report = self.report
        duplicates = report.duplicates  # each row counted once: the parts add up to its tab
        # A LinkedIn export is read twice (its Connections.csv, then its history): once here.
        files = len(set(report.files) - {path for path, _ in report.unreadable})
        parts = [
            f"{len(report.new)} new contact(s)",
            f"{duplicates.stored_sure_count} already in Trellis "
            "(their new details will be merged in)",
            f"{duplicates.repeated_sure_count} twice in the imported file(s) "
            "(merged into the first card)",
            f"{duplicates.possible_count} possible duplicate(s) to check",
            f"{len(report.rejected)} card(s) rejected",
        ]
        cards = len(report.new) + len(report.duplicates) + len(report.rejected)
        if report.history.files and not cards:
            text = f"Read {files} file(s)."  # history only: no contact counts to give
        else:
            text = f"Read {files} file(s): " + ", ".join(parts) + "."
        history = report.history
        if history.files:
            text += "\n" + history_summary(report)
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
        self.duplicates_view = rows_table(self.duplicates_model, page)
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
        self.rejected_view = rows_table(self.rejected_model, page)
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

    def _history_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        history = self.report.history
        self.history_label = _plain_label(history_details(self.report), page)
        layout.addWidget(self.history_label)
        kept = _plain_label(
            "Kept: who took part, the day and the channel of each conversation or meeting. "
            "Message bodies and calendar descriptions are never stored.",
            page,
        )
        layout.addWidget(kept)
        self.keep_subjects_box = QCheckBox("Keep su&bjects as the interactions' notes", page)
        self.keep_subjects_box.setChecked(False)
        self.keep_subjects_box.setToolTip(
            "Mail subjects, LinkedIn subjects and event titles become the notes of the "
            "interactions; off, the notes stay empty"
        )
        layout.addWidget(self.keep_subjects_box)
        row = QHBoxLayout()
        self.matched_model = matched_model(history)
        self.matched_view = rows_table(self.matched_model, page)
        self.matched_view.setColumnWidth(0, 200)
        self.matched_view.setColumnWidth(1, 90)
        self.matched_view.setColumnWidth(2, 110)
        self.matched_view.setColumnWidth(3, 120)
        row.addWidget(self.matched_view, 3)
        self.left_out_model = left_out_model(history)
        self.left_out_view = rows_table(self.left_out_model, page)
        self.left_out_view.setColumnWidth(0, 220)
        self.left_out_view.setMinimumWidth(320)
        row.addWidget(self.left_out_view, 1)
        layout.addLayout(row, 1)
        return page

    def _unmatched_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        history = self.report.history
        shown = len(history.unmatched)
        more = (
            f" The {shown} you talk to most are listed, of {history.unmatched_total:,}."
            if history.unmatched_total > shown
            else ""
        )
        layout.addWidget(
            _plain_label(
                "People you talk to who are not contacts. Tick the ones to add: they are "
                "added with this import and their conversations become theirs." + more,
                page,
            )
        )
        self.unmatched_view = rows_table(self.unmatched_model, page)
        self.unmatched_view.setColumnWidth(0, 50)
        self.unmatched_view.setColumnWidth(2, 240)
        self.unmatched_view.setColumnWidth(3, 140)
        self.unmatched_view.setColumnWidth(4, 100)
        layout.addWidget(self.unmatched_view, 1)
        row = QHBoxLayout()
        self.add_contact_button = QPushButton("&Add as contact", page)
        self.add_contact_button.setToolTip("Add the selected people as contacts with this import")
        self.add_contact_button.clicked.connect(lambda: self._choose_selected(True))
        self.leave_out_button = QPushButton("&Leave out", page)
        self.leave_out_button.clicked.connect(lambda: self._choose_selected(False))
        row.addWidget(self.add_contact_button)
        row.addWidget(self.leave_out_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _choose_selected(self, chosen: bool) -> None:
        rows = sorted(
            {index.row() for index in self.unmatched_view.selectionModel().selectedRows()}
        )
        self.unmatched_model.set_chosen(rows, chosen)

    def keep_subjects(self) -> bool:
        return self.keep_subjects_box is not None and self.keep_subjects_box.isChecked()

    def people_to_add(self) -> list[NewPerson]:
        """The people who are not contacts the user chose to add with the import."""
        return self.unmatched_model.people_to_add()

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
