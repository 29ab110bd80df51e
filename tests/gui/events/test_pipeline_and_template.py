"""The pipeline table's model, the question bank beside it (pick, copy), and the user's
own request and questions edited from the Events & interviews view, with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.events import InterviewStage
from desktop_app.services import interview_template, interviews
from desktop_app.ui.events.events_view import EventsView
from desktop_app.ui.events.pipeline_model import PipelineModel
from desktop_app.ui.events.template_dialog import TemplateDialog
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.gui.events.test_event_edits_gui import on_next_modal
from tests.gui.events.test_events_view import _open


def test_the_pipeline_model_passes_the_qt_model_tester(qtmodeltester, workspace: Workspace) -> None:
    model = PipelineModel()
    qtmodeltester.check(model, force_py=True)
    model.set_interviews(interviews.interviews(workspace.db))
    assert model.rowCount() == 7
    qtmodeltester.check(model, force_py=True)


def _select_stage(view: EventsView, qtbot: QtBot, stage: InterviewStage) -> int:
    model = view.pipeline_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == stage.label)
    rect = view.pipeline.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.pipeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    interview_id = model.interview_id(row)
    assert interview_id is not None
    return interview_id


def test_selected_questions_for_a_scheduled_interview_are_copied_filled_in(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    interview_id = _select_stage(view, qtbot, InterviewStage.SCHEDULED)
    facts = interviews.interview(window.workspace.db, interview_id)
    assert view.questions_label.text() == f"Questions to ask {facts.name}"
    shown = [view.questions.item(r).text() for r in range(view.questions.count())]
    assert shown == list(interviews.questions_for(window.workspace.db, interview_id))
    assert not any("{" in q for q in shown)
    qtbot.mouseClick(view.copy_questions_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().splitlines() == [
        f"{n}. {q}" for n, q in enumerate(shown, 1)
    ]  # none selected: all of them
    for row, keys in (
        (1, Qt.KeyboardModifier.NoModifier),
        (3, Qt.KeyboardModifier.ControlModifier),
    ):
        rect = view.questions.visualItemRect(view.questions.item(row))
        qtbot.mouseClick(view.questions.viewport(), Qt.MouseButton.LeftButton, keys, rect.center())
    chosen = [i.text() for i in view.questions.selectedItems()]
    assert sorted(chosen) == sorted([shown[1], shown[3]])
    qtbot.mouseClick(view.copy_questions_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == f"1. {shown[1]}\n2. {shown[3]}"


def test_the_request_and_questions_are_edited_from_the_view_undone_and_restored(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    interview_id = _select_stage(view, qtbot, InterviewStage.IDEA)
    first_name = interviews.interview(db, interview_id).name.split()[0]
    shipped = interviews.request_for(db, interview_id)
    messages: list[str] = []
    window.workspace.error_raised.connect(messages.append)
    reopened: list[str] = []

    def bad(dialog: QWidget) -> None:
        assert isinstance(dialog, TemplateDialog)
        dialog.subject_edit.selectAll()
        qtbot.keyClicks(dialog.subject_edit, "Coffee, {firstname}?")
        on_next_modal(TemplateDialog, good)
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)

    def good(dialog: QWidget) -> None:
        assert isinstance(dialog, TemplateDialog)
        reopened.append(dialog.subject_edit.text())
        dialog.subject_edit.selectAll()
        qtbot.keyClicks(dialog.subject_edit, "Coffee, {first_name}?")
        dialog.interview_edit.setFocus()
        qtbot.keyClick(dialog.interview_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.interview_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.interview_edit, "What would you do in my place?")
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)

    on_next_modal(TemplateDialog, bad)
    qtbot.mouseClick(view.template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: interview_template.template_override(db) is not None)
    assert messages and "{firstname}" in messages[0] and "{first_name}" in messages[0]
    assert reopened == ["Coffee, {firstname}?"]
    assert interviews.request_for(db, interview_id).subject == f"Coffee, {first_name}?"
    shown = [view.questions.item(r).text() for r in range(view.questions.count())]
    assert shown[-1] == "What would you do in my place?"
    window.workspace.undo_stack.undo()
    assert interviews.request_for(db, interview_id) == shipped
    assert view.questions.item(view.questions.count() - 1).text() != shown[-1]
    window.workspace.undo_stack.redo()
    assert interviews.request_for(db, interview_id).subject == f"Coffee, {first_name}?"

    def restore(dialog: QWidget) -> None:
        assert isinstance(dialog, TemplateDialog)
        buttons = dialog.findChild(QDialogButtonBox)
        button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    on_next_modal(TemplateDialog, restore)
    qtbot.mouseClick(view.template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: interview_template.template_override(db) is None)
    assert interviews.request_for(db, interview_id) == shipped
    assert len(messages) == 1
