"""Log or edit a mock interview: interviewer, date, notes, and each question with a rating."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import MockAnswerInfo, MockInterviewInfo
from desktop_app.services.document_resources import question_bank
from desktop_app.services.feedback import mock_interview_date_questions
from desktop_app.ui.nurture.asking import confirm_dates, tell
from desktop_app.ui.pitch.feedback_dialogs import (
    combo_person_id,
    date_edit,
    person_combo,
    to_date,
)

RATINGS = ("—", "1 poor", "2 weak", "3 fair", "4 good", "5 great")
NO_CONTACT = "(not a contact)"


class MockInterviewDialog(QDialog):
    def __init__(
        self,
        people: list[tuple[int, str]],
        today: date,
        interview: MockInterviewInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit mock interview" if interview else "New mock interview")
        self.resize(760, 520)
        self.interview = interview
        self.today = today
        self.interviewer = person_combo(people, allow_none=NO_CONTACT)
        if interview is not None:
            index = self.interviewer.findData(interview.interviewer_id)
            if interview.interviewer_id is None or index < 0:
                self.interviewer.setCurrentIndex(0)
                if interview.interviewer_name:
                    self.interviewer.setEditText(interview.interviewer_name)
            else:
                self.interviewer.setCurrentIndex(index)
        self.held_on = date_edit(interview.held_on if interview else today)
        self.note = QLineEdit(interview.note if interview else "")
        self.note.setPlaceholderText("How did it go overall?")

        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.table.setHorizontalHeaderLabels(["Question", "Notes", "Self-rating"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Questions and answers")
        for answer in interview.answers if interview else ():
            self.add_question(answer.question, answer.notes, answer.rating)

        bank_button = QToolButton()
        bank_button.setText("Add from the question bank")
        bank_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bank_menu = QMenu(bank_button)
        for category in question_bank():
            submenu = bank_menu.addMenu(category.name)
            for question in category.questions:
                action = submenu.addAction(question)
                action.setData(question)
        bank_menu.triggered.connect(lambda action: self.add_question(str(action.data())))
        bank_button.setMenu(bank_menu)
        own_button = QPushButton("Add my own question…")
        own_button.clicked.connect(self._on_own_clicked)
        remove_button = QPushButton("Remove question")
        remove_button.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        question_buttons = QHBoxLayout()
        question_buttons.addWidget(bank_button)
        question_buttons.addWidget(own_button)
        question_buttons.addWidget(remove_button)
        question_buttons.addStretch(1)

        form = QFormLayout()
        form.addRow("Interviewer", self.interviewer)
        form.addRow("Date", self.held_on)
        form.addRow("Notes", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(question_buttons)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """With a contact, the interview is logged as an interaction with them: its date is
        questioned as the quick log questions one (far ahead or long ago)."""
        try:
            questions = mock_interview_date_questions(
                self.interviewer_id(), to_date(self.held_on), self.today
            )
        except ValueError as error:
            tell(self, str(error))
            return
        if questions and not confirm_dates(self, questions, "Save"):
            return
        super().accept()

    def add_question(self, question: str, notes: str = "", rating: int | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(question))
        self.table.setItem(row, 1, QTableWidgetItem(notes))
        box = QComboBox()
        box.addItems(RATINGS)
        box.setCurrentIndex(rating or 0)
        self.table.setCellWidget(row, 2, box)
        self.table.setCurrentCell(row, 1)

    def _on_own_clicked(self) -> None:
        text, ok = QInputDialog.getText(self, "Your own question", "Question:")
        if ok and text.strip():
            self.add_question(text.strip())

    def answers(self) -> list[MockAnswerInfo]:
        answers = []
        for row in range(self.table.rowCount()):
            question = (self.table.item(row, 0) or QTableWidgetItem()).text().strip()
            notes = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            box = self.table.cellWidget(row, 2)
            rating = box.currentIndex() if isinstance(box, QComboBox) else 0
            if question:
                answers.append(MockAnswerInfo(question, notes, rating or None))
        return answers

    def interviewer_id(self) -> int | None:
        return combo_person_id(self.interviewer)

    def interview_value(self) -> MockInterviewInfo:
        """The interview as entered (id 0 for a new one)."""
        typed = self.interviewer.currentText().strip()
        interviewer_id = self.interviewer_id()
        name = "" if typed == NO_CONTACT else typed
        return MockInterviewInfo(
            self.interview.id if self.interview else 0,
            interviewer_id,
            name,
            to_date(self.held_on),
            self.note.text().strip(),
            tuple(self.answers()),
        )


def rating_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
