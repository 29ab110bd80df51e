"""Network ▸ People I talked to who are not contacts…: after a real history import, the
people who are not contacts can be added later, and Ctrl+Z takes the addition back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.history.not_contacts import people_not_in_contacts
from desktop_app.services.importing.pipeline import run_import
from desktop_app.ui.importing.not_contacts_dialog import NotContactsDialog
from desktop_app.ui.window.main_window import MainWindow
from tests.history_files import ics_text, linkedin_zip, mbox_text


def _import_history(window: MainWindow, tmp_path: Path) -> None:
    mail = tmp_path / "mail.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ics_text(date.today()), encoding="utf-8", newline="")
    files = [linkedin_zip(tmp_path / "export.zip"), mail, calendar]
    run_import(window.workspace.db, files, history=True)


def _names(window: MainWindow) -> set[str]:
    contacts = window.workspace.contacts
    return {contacts.detail(i).fields.full_name for i in contacts.ids_in_name_order()}


def test_selected_people_are_added_and_ctrl_z_takes_them_back(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    _import_history(window, tmp_path)
    waiting = people_not_in_contacts(window.workspace.db)
    assert len(waiting) >= 2
    dialog = NotContactsDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.model.rowCount() == len(waiting)
    first = dialog.model.people[0]

    # Select the first row by its name, then Add.
    cell = dialog.view.visualRect(dialog.model.index(0, 1)).center()
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert [i.row() for i in dialog.view.selectionModel().selectedRows()] == [0]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    name = first.name or first.email or first.profile_url
    assert name in _names(window)
    assert dialog.model.rowCount() == len(waiting) - 1
    assert window.workspace.undo_stack.undoText().startswith("Add")

    window.activateWindow()
    window.workspace.undo_stack.undo()
    assert name not in _names(window)
    dialog.reload()
    assert dialog.model.rowCount() == len(waiting)
    window.workspace.undo_stack.redo()
    assert name in _names(window)


def test_ticked_people_go_in_before_the_selection(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    _import_history(window, tmp_path)
    dialog = NotContactsDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    second = dialog.model.people[1]
    box = dialog.view.visualRect(dialog.model.index(1, 0)).center()
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=box)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # Space ticks the current row's box
    assert dialog.model.chosen == {1}
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert (second.name or second.email or second.profile_url) in _names(window)
    assert dialog.model.people[0] != second


def test_the_network_menu_opens_it_and_says_so_when_nobody_waits(
    window: MainWindow, qtbot: QtBot
) -> None:
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NotContactsDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.summary.text())
        seen.append(str(dialog.add_button.isEnabled()))
        dialog.reject()

    QTimer.singleShot(50, answer)
    window.actions_by_name["not_contacts"].trigger()
    summary, enabled = seen
    assert "Nobody is waiting" in summary
    assert enabled == "False"
