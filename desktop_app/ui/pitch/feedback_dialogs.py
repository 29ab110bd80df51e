"""Asking a contact for feedback, and recording what they said, criterion by criterion."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import (
    CriterionVerdict,
    DocumentDetail,
    FeedbackRoundInfo,
)
from desktop_app.domain.enums import Verdict
from desktop_app.services.exporting.checklist_export import VERDICT_LABELS, reviewer_label


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def person_combo(people: list[tuple[int, str]], allow_none: str = "") -> QComboBox:
    """An editable combo of contacts with type-to-find."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if allow_none:
        combo.addItem(allow_none, None)
    for person_id, name in people:
        combo.addItem(name, person_id)
    completer = QCompleter([name for _, name in people], combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    return combo


def combo_person_id(combo: QComboBox) -> int | None:
    """The id of the contact whose name is in the combo (typed or picked)."""
    index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    return combo.itemData(index) if index >= 0 else None


class AskFeedbackDialog(QDialog):
    def __init__(
        self,
        detail: DocumentDetail,
        people: list[tuple[int, str]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ask for feedback")
        self.reviewer = person_combo(people)
        self.reviewer.setCurrentIndex(-1)
        line = self.reviewer.lineEdit()
        if line is not None:
            line.setPlaceholderText("Type a contact's name")
        self.version = QComboBox()
        for version in reversed(detail.versions):
            label = f"Version {version.number}"
            if version.file_name:
                label += f" · {version.file_name}"
            self.version.addItem(label, version.id)
        self.version.addItem("The document in general", None)
        self.asked_on = date_edit(today)
        note = QLabel("This logs an ‘asked’ interaction with them: a favour to return later.")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Reviewer", self.reviewer)
        form.addRow("Version", self.version)
        form.addRow("Asked on", self.asked_on)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ask")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reviewer.currentTextChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.reviewer_id() is not None)

    def reviewer_id(self) -> int | None:
        return combo_person_id(self.reviewer)

    def values(self) -> tuple[int | None, int | None, str, date]:
        """(reviewer id, version id, reviewer name, asked on)."""
        return (
            self.reviewer_id(),
            self.version.currentData(),
            self.reviewer.currentText().strip(),
            to_date(self.asked_on),
        )


class RecordFeedbackDialog(QDialog):
    """The reviewer's overall verdict and comment, and a verdict and comment per criterion."""

    VERDICTS = (Verdict.NOT_REVIEWED, Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET)

    def __init__(
        self,
        detail: DocumentDetail,
        info: FeedbackRoundInfo,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        who = reviewer_label(info.reviewer_name, info.reviewer_removed)
        self.setWindowTitle(f"Feedback from {who}")
        self.resize(720, 520)
        self.received = QCheckBox("Received on")
        self.received.setChecked(True)
        self.received_on = date_edit(info.received_on or today)
        self.received.toggled.connect(self.received_on.setEnabled)
        self.verdict = QComboBox()
        for verdict in self.VERDICTS[1:]:
            self.verdict.addItem(VERDICT_LABELS[verdict], verdict.value)
        found = self.verdict.findData(info.verdict)
        self.verdict.setCurrentIndex(found if found >= 0 else 1)
        self.comment = QPlainTextEdit(info.comment)
        self.comment.setPlaceholderText("What they said overall")
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(90)

        given = {c.item_id: c for c in info.criteria}
        self.table = QTableWidget(len(detail.checklist), 3)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.table.setHorizontalHeaderLabels(["Criterion", "Verdict", "Comment"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.item_ids = [entry.id for entry in detail.checklist]
        self.verdict_boxes: list[QComboBox] = []
        self.comment_edits: list[QLineEdit] = []
        for row, entry in enumerate(detail.checklist):
            label = QTableWidgetItem(entry.criterion)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, label)
            box = QComboBox()
            for verdict in self.VERDICTS:
                box.addItem(VERDICT_LABELS[verdict], verdict.value)
            previous = given.get(entry.id)
            if previous is not None:
                box.setCurrentIndex(self.VERDICTS.index(previous.verdict))
            self.table.setCellWidget(row, 1, box)
            edit = QLineEdit(previous.comment if previous else "")
            edit.setFrame(False)
            self.table.setCellWidget(row, 2, edit)
            self.verdict_boxes.append(box)
            self.comment_edits.append(edit)

        form = QFormLayout()
        form.addRow(self.received, self.received_on)
        form.addRow("Overall", self.verdict)
        form.addRow("Comment", self.comment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def values(self) -> tuple[date | None, str, str, list[CriterionVerdict]]:
        received = to_date(self.received_on) if self.received.isChecked() else None
        criteria = [
            CriterionVerdict(item_id, Verdict(box.currentData()), edit.text().strip())
            for item_id, box, edit in zip(
                self.item_ids, self.verdict_boxes, self.comment_edits, strict=True
            )
        ]
        return received, self.verdict.currentData(), self.comment.toPlainText().strip(), criteria
