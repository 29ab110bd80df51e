"""The first run on an empty database: become "me", or open the sample network."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop_app.storage.database import Database
from desktop_app.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog
from desktop_app.ui.first_run import SAMPLE_SIZE, run_first_run
from desktop_app.ui.workspace import Workspace


def test_start_button_needs_a_name(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert not dialog.start_button.isEnabled()
    qtbot.keyClicks(dialog.given, "Ana")
    assert dialog.start_button.isEnabled()
    dialog.start_button.click()
    assert dialog.choice is FirstRunChoice.MY_NETWORK
    assert dialog.names() == ("Ana", "")


def _answer_when_shown(qtbot: QtBot, action: str, given: str = "") -> None:
    def answer() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstRunDialog)
        if action == "start":
            dialog.given.setText(given)
            dialog.family.setText("Lima")
            dialog.start_button.click()
        elif action == "sample":
            dialog.sample_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(100, answer)


def test_starting_my_network_makes_me(qtbot: QtBot, db: Database) -> None:
    workspace = Workspace(db)
    _answer_when_shown(qtbot, "start", "Ana")
    assert run_first_run(workspace)
    me = workspace.contacts.me_id()
    assert me is not None
    assert workspace.contacts.detail(me).fields.full_name == "Ana Lima"


def test_sample_network_fills_the_database(qtbot: QtBot, db: Database) -> None:
    workspace = Workspace(db)
    _answer_when_shown(qtbot, "sample")
    assert run_first_run(workspace)
    assert workspace.contacts.count() == SAMPLE_SIZE + 1


def test_cancel_leaves_the_database_empty(qtbot: QtBot, db: Database) -> None:
    workspace = Workspace(db)
    _answer_when_shown(qtbot, "cancel")
    assert not run_first_run(workspace)
    assert workspace.contacts.count() == 0
