"""Two instances: the second is told the database is open and may look at it read-only."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.app import open_for_gui
from desktop_app.storage.database import Database
from tests.conftest import run_cli


def test_second_window_is_told_and_can_open_read_only(qtbot: QtBot, demo_db: Database) -> None:
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "Open read-only").click()

    QTimer.singleShot(50, answer)
    second = open_for_gui(demo_db.path, read_only=False, interactive=True)
    assert second is not None and second.read_only
    assert "already open in another Trellis window" in seen[0]
    assert second.fast_connection().execute("SELECT COUNT(*) FROM people").fetchone()[0] == 61
    second.close()


def test_second_process_exits_with_the_message_or_opens_read_only(demo_db: Database) -> None:
    locked = run_cli("--db", str(demo_db.path), "--exit-when-ready")
    assert locked.returncode == 1
    assert "already open" in locked.stderr
    looking = run_cli("--db", str(demo_db.path), "--exit-when-ready", "--read-only")
    assert looking.returncode == 0, looking.stderr
