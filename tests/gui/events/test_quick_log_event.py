"""Ctrl+L's Event field: type part of an event's title, Enter picks it, Enter logs; the
interaction then belongs to the event and its page lists it; undo takes it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import events
from desktop_app.services.prep_sheet import prep_sheet
from desktop_app.ui.nurture.quick_log import QuickLogDialog
from desktop_app.ui.window.workspace import Workspace
from tests.gui.events.test_event_edits_gui import on_next_modal, press


def _lunch(workspace: Workspace) -> events.EventSummary:
    return next(e for e in events.events(workspace.db) if e.title.startswith("Product leaders"))


def _dialog(workspace: Workspace, qtbot: QtBot) -> QuickLogDialog:
    dialog = QuickLogDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    first_group = events.groups(workspace.db)[0]
    name = events.memberships(workspace.db, first_group.id)[0].name
    qtbot.keyClicks(dialog.people.search, name)
    qtbot.keyClick(dialog.people.search, Qt.Key.Key_Return)
    assert len(dialog.people.person_ids()) == 1
    return dialog


def test_typing_part_of_an_event_picks_it_and_enter_logs_it_on_the_event_page(
    workspace: Workspace, qtbot: QtBot
) -> None:
    lunch = _lunch(workspace)
    dialog = _dialog(workspace, qtbot)
    qtbot.keyClicks(dialog.note, "talked about the reorg")
    dialog.event_box.setFocus()
    qtbot.keyClicks(dialog.event_line, "leaders lu")
    popup = dialog.event_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.event_box.currentData() == lunch.id
    assert dialog.isVisible()  # the first Enter picked the event
    with qtbot.waitSignal(workspace.changed):
        qtbot.keyClick(dialog.event_line, Qt.Key.Key_Return)
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    after = events.event(workspace.db, lunch.id)
    assert len(after.interaction_ids) == len(lunch.interaction_ids) + 1
    assert "talked about the reorg" in prep_sheet(workspace.db, lunch.id).html()
    workspace.undo_stack.undo()
    assert events.event(workspace.db, lunch.id).interaction_ids == lunch.interaction_ids
    workspace.undo_stack.redo()
    assert events.event(workspace.db, lunch.id).interaction_ids == after.interaction_ids


def test_without_an_event_enter_logs_as_before(workspace: Workspace, qtbot: QtBot) -> None:
    lunch = _lunch(workspace)
    dialog = _dialog(workspace, qtbot)
    dialog.kind.setFocus()
    with qtbot.waitSignal(workspace.changed):
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    assert dialog.command is not None
    assert events.event(workspace.db, lunch.id).interaction_ids == lunch.interaction_ids


def test_an_event_name_that_matches_none_is_refused_and_nothing_is_logged(
    workspace: Workspace, qtbot: QtBot
) -> None:
    dialog = _dialog(workspace, qtbot)
    dialog.event_box.setFocus()
    qtbot.keyClicks(dialog.event_line, "Nonexistent gala")
    seen: list[str] = []
    on_next_modal(QMessageBox, press("OK", seen))
    qtbot.keyClick(dialog.event_line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert "No event called “Nonexistent gala”" in seen[0]
    assert dialog.command is None and dialog.isVisible()
    assert workspace.undo_stack.count() == 0
