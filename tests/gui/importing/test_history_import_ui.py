"""History in the window: a LinkedIn export, an mbox or a calendar dropped or opened goes
through the import preview with its History part, is written in one transaction and is
taken back by one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services.demo.exports import write_demo_exports
from desktop_app.storage.database import Database
from desktop_app.ui.importing.controller import OPEN_FILTER, dropped_paths
from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog
from desktop_app.ui.window.main_window import MainWindow
from tests.gui.importing.test_import_ui import _offer


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("exports")
    manifest = write_demo_exports(folder)
    return folder, manifest


def _files(exports: tuple[Path, dict[str, Any]]) -> dict[str, Path]:
    folder, manifest = exports
    return {kind: folder / name for kind, name in manifest["files"].items()}


def interactions(db: Database) -> int:
    import sqlite3

    with sqlite3.connect(db.path) as conn:
        return int(conn.execute("SELECT count(*) FROM interactions").fetchone()[0])


def preview_of(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> ImportPreviewDialog:
    with qtbot.waitSignal(window.importer.preview_shown, timeout=30000) as shown:
        window.importer.start(paths)
    dialog = shown.args[0]
    assert isinstance(dialog, ImportPreviewDialog)
    return dialog


def test_history_files_are_accepted_when_dropped_and_by_the_file_chooser(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    files = _files(exports)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files[k])) for k in ("linkedin_zip", "mbox", "ics")])
    assert dropped_paths(mime) == [files["linkedin_zip"], files["mbox"], files["ics"]]
    for pattern in ("*.zip", "*.mbox", "*.ics"):
        assert pattern in OPEN_FILTER.split(";;")[0]


def test_a_dropped_calendar_shows_the_history_and_writes_nothing_until_import(
    qtbot: QtBot, window: MainWindow, exports: tuple[Path, dict[str, Any]]
) -> None:
    db = window.workspace.db
    before = interactions(db)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_files(exports)["ics"]))])
    assert _offer(window, mime)
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.importer.preview_shown, timeout=30000) as shown:
        QApplication.sendEvent(window, drop)
    dialog = shown.args[0]
    assert dialog.history_page is not None
    assert dialog.tabs.currentWidget() is dialog.history_page  # no contact file: history first
    summary = dialog.summary_label.text()
    assert summary.startswith("Read 1 file(s).\nHistory:")  # no contact counts
    unmatched = dialog.report.history.unmatched_total
    assert unmatched > 0 and f"{unmatched} people who are not contacts" in summary
    details = dialog.history_label.text()
    assert "never stored" in dialog.history_page.findChildren(type(dialog.summary_label))[1].text()
    assert "left out" in summary
    left_out = {
        dialog.left_out_model.data(dialog.left_out_model.index(r, 0)): r
        for r in range(dialog.left_out_model.rowCount())
    }
    assert "cancelled events" in left_out and "events I declined" in left_out
    assert not dialog.keep_subjects()
    assert details
    assert interactions(db) == before  # the preview writes nothing
    dialog.reject()
    qtbot.wait(50)
    assert interactions(db) == before


def test_import_of_an_export_from_the_window_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, exports: tuple[Path, dict[str, Any]]
) -> None:
    db = window.workspace.db
    before_people = window.workspace.contacts.count()
    before = interactions(db)
    files = _files(exports)
    dialog = preview_of(qtbot, window, [files["linkedin_zip"], files["mbox"], files["ics"]])
    new = dialog.report.history.interactions_new
    assert new > 0
    assert dialog.matched_model.rowCount() > 0
    assert dialog.unmatched_model.rowCount() > 0
    reports: list[Any] = []
    window.importer.imported.connect(reports.append)
    with qtbot.waitSignal(window.importer.sorting_shown, timeout=60000) as shown:
        dialog.import_button.click()
    (report,) = reports
    sorting = shown.args[0]
    assert sorting.isVisible()  # suggestions follow a history import, nothing applied
    qtbot.keyClick(sorting, Qt.Key.Key_Escape)
    assert not sorting.isVisible()
    assert report.history.interactions_new == new
    assert interactions(db) == before + new
    assert window.workspace.contacts.count() > before_people  # Connections.csv
    assert "History:" in window.statusBar().currentMessage()
    assert window.workspace.undo_stack.count() == 1
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.contacts_view.table.setFocus()
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert interactions(db) == before
    assert window.workspace.contacts.count() == before_people
    window.workspace.undo_stack.redo()
    assert interactions(db) == before + new


def test_keep_subjects_is_off_by_default_and_keeps_them_when_ticked(
    qtbot: QtBot, window: MainWindow, exports: tuple[Path, dict[str, Any]]
) -> None:
    import sqlite3

    files = _files(exports)
    dialog = preview_of(qtbot, window, [files["linkedin_zip"], files["ics"]])
    dialog.tabs.setCurrentWidget(dialog.history_page)
    box = dialog.keep_subjects_box
    assert box is not None and not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert dialog.keep_subjects()
    with qtbot.waitSignal(window.importer.imported, timeout=60000):
        dialog.import_button.click()
    with sqlite3.connect(window.workspace.db.path) as conn:
        notes = conn.execute(
            "SELECT count(*) FROM interactions WHERE coalesce(note, '') <> ''"
        ).fetchone()[0]
    assert notes > 0


def test_cancel_in_the_preview_writes_nothing(
    qtbot: QtBot, window: MainWindow, exports: tuple[Path, dict[str, Any]]
) -> None:
    db = window.workspace.db
    before = interactions(db)
    dialog = preview_of(qtbot, window, [_files(exports)["mbox"]])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.wait(100)
    assert not window.importer.busy
    assert interactions(db) == before


def test_someone_who_is_not_a_contact_is_added_with_their_interactions_and_undone(
    qtbot: QtBot, window: MainWindow, exports: tuple[Path, dict[str, Any]]
) -> None:
    import sqlite3

    db = window.workspace.db
    before_people = window.workspace.contacts.count()
    before = interactions(db)
    dialog = preview_of(qtbot, window, [_files(exports)["ics"]])
    assert dialog.report.history.interactions_new == 0  # none of them is a contact yet
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    view = dialog.unmatched_view
    first = dialog.unmatched_model.people[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    view.setFocus()
    view.selectRow(0)
    qtbot.mouseClick(dialog.add_contact_button, Qt.MouseButton.LeftButton)
    second = dialog.unmatched_model.index(1, 0)
    view.setCurrentIndex(second)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the box of the current row, by keyboard
    assert dialog.unmatched_model.chosen == {0, 1}
    qtbot.keyClick(view, Qt.Key.Key_Space)
    state = dialog.unmatched_model.data(
        dialog.unmatched_model.index(0, 0), Qt.ItemDataRole.CheckStateRole
    )
    assert state == Qt.CheckState.Checked
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.importer.imported, timeout=60000) as done:
        dialog.import_button.click()
    assert done.args[0].added == 1
    assert window.workspace.contacts.count() == before_people + 1
    with sqlite3.connect(db.path) as conn:
        linked = conn.execute(
            "SELECT count(*) FROM interaction_participants ip JOIN people p "
            "ON p.id = ip.person_id WHERE p.full_name = ?",
            (first.name,),
        ).fetchone()[0]
    assert linked > 0  # their meetings are theirs at once
    assert interactions(db) > before
    window.workspace.undo_stack.undo()
    assert window.workspace.contacts.count() == before_people
    assert interactions(db) == before


def test_cancelling_the_import_of_history_rolls_it_all_back(
    qtbot: QtBot, window: MainWindow, exports: tuple[Path, dict[str, Any]]
) -> None:
    db = window.workspace.db
    before, people = interactions(db), window.workspace.contacts.count()
    files = _files(exports)
    dialog = preview_of(qtbot, window, [files["linkedin_zip"], files["mbox"], files["ics"]])
    with qtbot.assertNotEmitted(window.importer.imported, wait=0):
        dialog.import_button.click()
        progress = window.importer.progress
        assert progress is not None
        progress.findChild(QPushButton).click()  # the progress dialog's Cancel button
        qtbot.waitUntil(lambda: not window.importer.busy, timeout=60000)
    assert "Import cancelled" in window.statusBar().currentMessage()
    assert interactions(db) == before
    assert window.workspace.contacts.count() == people
