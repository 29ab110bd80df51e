"""In the window: a mock interview with a contact shows in their timeline and the table,
and undo/redo of adding, editing and deleting it keep the interview and interaction in step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.documents import MockAnswerInfo, MockInterviewInfo
from desktop_app.services import feedback
from desktop_app.ui.contacts.contact_table_model import Column, format_date
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.gui.nurture.test_nurture_dialogs import answer_next_box


def test_undo_and_redo_keep_the_interview_and_its_interaction_in_step(
    window: MainWindow,
) -> None:
    ws = window.workspace
    stack = ws.undo_stack
    table = window.contacts_view.model
    today = date.today()
    person = next(  # someone not already seen today, so the table's change is visible
        s.id
        for row in range(1, table.rowCount())
        if (s := table.summary_at(row)) is not None and s.last_contact != today
    )
    ws.select_person(person)
    panel = window.detail_panel

    def timeline() -> list[str]:
        return [panel.timeline.item(i).text() for i in range(panel.timeline.count())]

    def mock_lines() -> list[str]:
        return [line for line in timeline() if "mock interview · asked" in line]

    def last_contact() -> str:
        row = table.row_of(person)
        assert row is not None
        return str(table.index(row, Column.LAST_CONTACT).data(Qt.ItemDataRole.DisplayRole))

    def interviews() -> list[MockInterviewInfo]:
        return [i for i in feedback.mock_interviews(ws.db) if i.interviewer_id == person]

    before_lines, before_last, before_interviews = mock_lines(), last_contact(), interviews()
    assert before_last != format_date(today)
    new = MockInterviewInfo(0, person, "", today, "Nervous start", (MockAnswerInfo("Why us?"),))
    add = commands.AddMockInterviewCommand(ws, new)
    assert ws.execute(add)
    line = f"{format_date(today)} · mock interview · asked\nNervous start"
    assert timeline()[0] == line
    assert last_contact() == format_date(today)
    [added] = [i for i in interviews() if i.id == add.interview_id]
    assert added.interaction_id is not None

    stack.undo()
    assert mock_lines() == before_lines
    assert last_contact() == before_last
    assert interviews() == before_interviews
    stack.redo()
    assert timeline()[0] == line
    assert [i for i in interviews() if i.id == add.interview_id] == [added]

    assert ws.execute(commands.EditMockInterviewCommand(ws, replace(added, note="Calmer")))
    assert timeline()[0].endswith("\nCalmer")
    stack.undo()
    assert timeline()[0] == line
    stack.redo()
    assert timeline()[0].endswith("\nCalmer")

    assert ws.execute(commands.DeleteMockInterviewCommand(ws, added.id))
    assert mock_lines() == before_lines
    assert last_contact() == before_last
    stack.undo()
    assert timeline()[0].endswith("\nCalmer")
    assert last_contact() == format_date(today)


def test_the_dialog_questions_a_far_date_only_for_an_interview_with_a_contact(
    qtbot: QtBot,
) -> None:
    from desktop_app.ui.pitch.mock_interview_dialog import MockInterviewDialog

    dialog = MockInterviewDialog([(1, "Ana Ruiz")], date(2026, 5, 1))
    qtbot.addWidget(dialog)
    dialog.interviewer.setEditText("Ana Ruiz")
    dialog.held_on.setDate(QDate(2026, 8, 1))
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.No, seen)
    dialog.accept()
    assert "interview date 2026-08-01 is in the future" in seen[0]
    assert dialog.result() != MockInterviewDialog.DialogCode.Accepted
    answer_next_box(QMessageBox.StandardButton.Yes, seen)
    dialog.accept()
    assert dialog.result() == MockInterviewDialog.DialogCode.Accepted

    named_only = MockInterviewDialog([(1, "Ana Ruiz")], date(2026, 5, 1))
    qtbot.addWidget(named_only)
    named_only.interviewer.setEditText("Sam from the meetup")
    named_only.held_on.setDate(QDate(2026, 8, 1))
    named_only.accept()  # no interaction is logged: nothing to question
    assert named_only.result() == MockInterviewDialog.DialogCode.Accepted
    assert len(seen) == 2  # the two answers above, none for the name-only interview


def test_undo_across_deleting_the_interviewer_puts_every_row_back(workspace: Workspace) -> None:
    from desktop_app.ui.contacts.contact_commands import DeletePeopleCommand

    ws, stack = workspace, workspace.undo_stack
    interview = next(i for i in feedback.mock_interviews(ws.db) if i.interaction_id)
    interviewer = interview.interviewer_id
    assert interviewer is not None
    conn = ws.db.fast_connection()

    def participants() -> list[tuple[int, int]]:
        return conn.execute(
            "SELECT interaction_id, person_id FROM interaction_participants"
            " WHERE interaction_id = ?",
            (interview.interaction_id,),
        ).fetchall()

    assert participants() == [(interview.interaction_id, interviewer)]
    assert ws.execute(DeletePeopleCommand(ws, [interviewer], [interview.interviewer_name]))
    [orphaned] = [i for i in feedback.mock_interviews(ws.db) if i.id == interview.id]
    assert orphaned.interviewer_id is None
    # The dialog now shows the interviewer by name only: saving takes the interaction away.
    assert ws.execute(commands.EditMockInterviewCommand(ws, replace(orphaned, note="Later")))
    assert [i.interaction_id for i in feedback.mock_interviews(ws.db) if i.id == interview.id] == [
        None
    ]
    stack.undo()  # the edit
    stack.undo()  # deleting the interviewer
    assert [i for i in feedback.mock_interviews(ws.db) if i.id == interview.id] == [interview]
    assert participants() == [(interview.interaction_id, interviewer)]
