"""File ▸ Restore from backup…: close the network, restore it, open it again in a new window.

The window's own lock is released for the restore (which takes it itself, backs up the
present, verifies the backup and copies it in); a fresh window then opens on the result,
so no view keeps anything of the network that was replaced.

The window hands in how to make that new window (`new_window`): this module never imports
`main_window` at run time, which imports it (tests/unit/test_layers.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import APP_NAME
from desktop_app.storage.errors import StorageError
from desktop_app.storage.restore import verify_backup

if TYPE_CHECKING:  # types only: main_window imports this module
    from collections.abc import Callable

    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.window.workspace import Workspace

    NewWindow = Callable[[Workspace], MainWindow]


def restore_from_backup(window: MainWindow, new_window: NewWindow) -> None:
    """Ask which backup, confirm, then restore it (the menu entry)."""
    from desktop_app.ui.window.restore_dialog import RestoreDialog

    dialog = RestoreDialog(window.workspace.db.path, window)
    if dialog.exec() != RestoreDialog.DialogCode.Accepted:
        return
    source = dialog.chosen()
    if source is None:
        return
    try:
        people = verify_backup(source)
    except StorageError as error:
        _tell(window, str(error), QMessageBox.Icon.Warning)
        return
    question = QMessageBox(
        QMessageBox.Icon.Question,
        APP_NAME,
        f"Replace your network with the backup {source.name} ({people} contacts)?\n\n"
        "Your network as it is now is backed up first.",
        parent=window,
    )
    question.setTextFormat(Qt.TextFormat.PlainText)
    yes = question.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    question.addButton(QMessageBox.StandardButton.Cancel)
    question.exec()
    if question.clickedButton() is yes:
        restore_into_window(window, source, new_window)


def restore_into_window(window: MainWindow, source: Path, new_window: NewWindow) -> MainWindow:
    """Restore `source` over the window's database and return the window now showing it
    (made by `new_window`)."""
    from desktop_app.storage.database import open_database
    from desktop_app.storage.restore import restore_backup
    from desktop_app.ui.window.workspace import Workspace

    db_path = window.workspace.db.path
    window.workspace.close()  # releases the lock: the restore takes it itself
    message = ""
    try:
        result = restore_backup(db_path, source)
        saved = (
            f" Your network as it was is saved as {result.saved_as.name}."
            if result.saved_as
            else ""
        )
        message = f"Restored {result.people} contacts from {source.name}.{saved}"
    except (StorageError, OSError) as error:
        message = str(error)
    try:
        db = open_database(db_path, backups=False)
    except StorageError as error:
        _tell(window, f"{message}\n\n{error}", QMessageBox.Icon.Critical)
        window.close()
        return window
    workspace = Workspace(db)
    replacement = new_window(workspace)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(workspace.close)
    window.replaced.emit(replacement)  # its owner hooks up what follows the first paint
    replacement.show()
    window.close()
    window.deleteLater()
    replacement.statusBar().showMessage(message, 15000)
    replacement.last_error = "" if message.startswith("Restored") else message
    if replacement.last_error:
        _tell(replacement, message, QMessageBox.Icon.Warning)
    return replacement


def _tell(parent: QWidget, message: str, icon: QMessageBox.Icon) -> None:
    box = QMessageBox(icon, APP_NAME, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
