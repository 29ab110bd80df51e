"""File ▸ Restore from backup…: the list of backups and a restore into a fresh window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.storage import backup
from desktop_app.storage.database import open_database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.restore_dialog import RestoreDialog
from desktop_app.ui.window.restore_flow import restore_into_window
from desktop_app.ui.window.workspace import Workspace


def test_dialog_lists_backups_newest_first_with_dates_and_sizes(
    qtbot: QtBot, db_path: Path
) -> None:
    open_database(db_path).close()
    older = backup.make_backup(db_path, "daily")
    newer = backup.make_backup(db_path, "before-upgrade")
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    table = dialog.table
    names = [table.item(row, 3).text() for row in range(table.rowCount())]
    assert names.index(newer.name) < names.index(older.name)
    row = names.index(newer.name)
    assert table.item(row, 1).text() == "before upgrade"
    assert table.item(row, 2).text().endswith("KB")
    assert table.item(row, 0).text()[:4].isdigit()
    assert dialog.chosen() == newer  # the newest is preselected
    table.selectRow(names.index(older.name))
    assert dialog.chosen() == older


def test_dialog_without_backups_cannot_restore(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RestoreDialog(tmp_path / "none.db")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()


def test_restore_reopens_the_window_on_the_restored_network(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = MainWindow(workspace)  # not given to qtbot: the restore closes and deletes it
    with qtbot.waitSignal(window.first_painted):
        window.show()
    db_path = workspace.db.path
    copy = backup.make_backup(db_path, "daily")
    before = workspace.contacts.count()
    workspace.db.fast_connection().execute("DELETE FROM people WHERE is_me = 0")
    assert workspace.contacts.count() == 1

    painted: list[MainWindow] = []  # what the composition root hooks up (app._hook_up)

    def hook_up(new: MainWindow) -> None:
        new.first_painted.connect(lambda: painted.append(new))

    window.replaced.connect(hook_up)
    replacement = restore_into_window(window, copy, MainWindow)
    qtbot.addWidget(replacement)
    qtbot.waitUntil(lambda: painted == [replacement])

    assert replacement is not window
    assert replacement.workspace.contacts.count() == before
    assert replacement.contacts_view.model.rowCount() == before
    assert "Restored" in replacement.statusBar().currentMessage()
    assert not replacement.workspace.read_only  # it holds the lock again
    saved = [p for p in backup.list_backups(db_path) if p.name.endswith("before-restore.db")]
    assert len(saved) == 1
    replacement.workspace.close()


def test_restore_action_is_in_the_file_menu(window: MainWindow) -> None:
    action = window.actions_by_name["restore_backup"]
    assert action.text() == "&Restore from backup…"
    assert action.isEnabled()


def test_restore_action_is_off_when_read_only(qtbot: QtBot, demo_db: object) -> None:
    from desktop_app.storage.database import Database

    assert isinstance(demo_db, Database)
    reader = open_database(demo_db.path, read_only=True)
    window = MainWindow(Workspace(reader))
    qtbot.addWidget(window)
    assert not window.actions_by_name["restore_backup"].isEnabled()
    reader.close()
