"""The window and damaged or full storage (issue 17): a damaged database offers its newest
good backup; a daily backup that fails on a full disk is told, not a thread traceback."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.app import after_first_paint, open_for_gui
from desktop_app.services.demo import write_demo
from desktop_app.storage import backup
from desktop_app.storage.database import open_database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.restore_dialog import RestoreDialog
from desktop_app.ui.window.workspace import Workspace
from tests.storage_faults import damage_data_page, fill, small_disk


def count_people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])
    finally:
        conn.close()


def test_a_damaged_database_offers_the_newest_good_backup(
    qtbot: QtBot, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(db_path) as db:
        write_demo(db, 40, seed=3)
    older = backup.make_backup(db_path, "daily")
    newest = backup.make_backup(db_path, "before-upgrade")
    damage_data_page(db_path)
    seen: dict[str, object] = {}

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox) and "message" not in seen:
            seen["message"] = modal.text()
            next(b for b in modal.buttons() if b.text() == "Restore from backup…").click()
        elif isinstance(modal, RestoreDialog):
            seen["chosen"] = modal.chosen()
            seen["rows"] = modal.table.rowCount()
            modal.restore_button.click()
            return
        QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    db = open_for_gui(db_path, read_only=False, interactive=True)
    assert db is not None
    try:
        assert "is damaged" in str(seen["message"])
        assert seen["chosen"] == newest and seen["rows"] == 2  # the damaged copy is not offered
        assert not db.read_only
        assert db.fast_connection().execute("SELECT COUNT(*) FROM people").fetchone()[0] == 41
    finally:
        db.close()
    assert backup.list_backups(db_path)[:2] == [older, newest]
    assert [p.name.endswith("-damaged.db") for p in backup.damaged_copies(db_path)] == [True]
    assert "Traceback" not in capsys.readouterr().err


def test_a_damaged_database_can_be_left_alone(
    qtbot: QtBot, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(db_path) as db:
        write_demo(db, 10, seed=3)
    damage_data_page(db_path)
    before = db_path.read_bytes()

    def cancel() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QMessageBox):
            QTimer.singleShot(50, cancel)
            return
        assert "There is no backup of it to restore." in modal.text()
        modal.reject()

    QTimer.singleShot(50, cancel)
    assert open_for_gui(db_path, read_only=False, interactive=True) is None
    assert db_path.read_bytes() == before
    assert "is damaged" in capsys.readouterr().err


def test_a_daily_backup_on_a_full_disk_is_told_in_the_window(
    qtbot: QtBot, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(db_path) as made:
        write_demo(made, 60, seed=4)
    with small_disk("2m") as disk:
        if disk is None:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        db_file = disk / "t.db"
        shutil.copyfile(db_path, db_file)
        db = open_for_gui(db_file, read_only=False, interactive=False)
        assert db is not None
        fill(disk, leave=40_000)
        window = MainWindow(Workspace(db))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.first_painted):
            window.show()
        after_first_paint(window).join(30)
        qtbot.waitUntil(lambda: "daily backup failed" in window.last_error, timeout=10_000)
        assert "The disk is full" in window.last_error
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        assert any("The disk is full" in box.text() for box in boxes)
        assert not list((disk / "t.backups").iterdir())  # no partial left
        window.workspace.close()
        for box in boxes:
            box.close()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "trellis: The daily backup failed" in err
    assert count_people(db_path) == 61
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
