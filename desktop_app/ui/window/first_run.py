"""What happens the first time Trellis opens an empty database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from desktop_app.domain.values import PersonFields
from desktop_app.ui.window.welcome_dialog import FirstRunChoice, FirstRunDialog
from desktop_app.ui.window.workspace import Workspace

SAMPLE_SIZE = 300


def run_first_run(workspace: Workspace) -> FirstRunChoice | None:
    """Welcome the user: start with me (adding people by hand, or importing them next), or
    open a sample network. Returns the choice, done but for the import; None if cancelled."""
    dialog = FirstRunDialog()
    if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.choice is None:
        return None
    if dialog.choice in (FirstRunChoice.MY_NETWORK, FirstRunChoice.IMPORT):
        given, family = dialog.names()
        workspace.contacts.make_me(PersonFields(given_name=given, family_name=family))
        return dialog.choice
    progress = QProgressDialog("Creating a sample network…", "", 0, 0)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.show()
    QApplication.processEvents()
    from desktop_app.services.demo import write_demo

    try:
        write_demo(workspace.db, SAMPLE_SIZE, seed=1)
    finally:
        progress.close()
    return dialog.choice
