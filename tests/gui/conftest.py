from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.storage.database import Database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace


@pytest.fixture
def workspace(demo_db: Database) -> Workspace:
    return Workspace(demo_db)


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.first_painted):  # what follows the first paint is done too
        win.show()
    return win
