"""Quick log from the keyboard: Enter logs (but picks a person while one is being typed,
and starts a new line in the note), Ctrl+Enter logs from anywhere, the note included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services import reciprocity
from desktop_app.storage.database import Database
from desktop_app.ui.nurture.quick_log import QuickLogDialog
from desktop_app.ui.window.workspace import Workspace


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> QuickLogDialog:
    workspace = Workspace(db)
    for name in ("Ana Lima", "Bo Chen"):
        workspace.contacts.create(NewPerson(PersonFields(full_name=name)))
    dialog = QuickLogDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _logged(dialog: QuickLogDialog) -> int:
    return sum(
        b.gave + b.asked + b.mutual for b in reciprocity.balances(dialog.workspace.db).values()
    )


def _type_person(qtbot: QtBot, dialog: QuickLogDialog, name: str) -> None:
    dialog.people.search.setFocus()
    qtbot.keyClicks(dialog.people.search, name)
    qtbot.keyClick(dialog.people.search, Qt.Key.Key_Return)


def test_enter_in_the_name_box_picks_the_person_and_does_not_log(
    qtbot: QtBot, dialog: QuickLogDialog
) -> None:
    _type_person(qtbot, dialog, "Ana")
    assert len(dialog.people.person_ids()) == 1
    assert dialog.isVisible() and dialog.command is None


def test_enter_outside_the_note_logs(qtbot: QtBot, dialog: QuickLogDialog) -> None:
    _type_person(qtbot, dialog, "Ana")
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.command is not None)
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    assert _logged(dialog) == 1


def test_enter_in_the_note_starts_a_new_line_and_ctrl_enter_logs(
    qtbot: QtBot, dialog: QuickLogDialog
) -> None:
    _type_person(qtbot, dialog, "Bo")
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Coffee")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.note, "Promised an intro")
    assert dialog.note.toPlainText() == "Coffee\nPromised an intro"
    assert dialog.command is None
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.command is not None)
    assert _logged(dialog) == 1


def test_enter_in_an_empty_name_box_logs(qtbot: QtBot, dialog: QuickLogDialog) -> None:
    _type_person(qtbot, dialog, "Ana")
    assert dialog.people.search.text() == ""
    qtbot.keyClick(dialog.people.search, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: dialog.command is not None)
    assert _logged(dialog) == 1
