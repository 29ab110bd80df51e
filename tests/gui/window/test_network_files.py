"""File ▸ New network…, Open network…, Open Recent: each network its own file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.storage import backup
from desktop_app.storage.database import Database, open_database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.welcome_dialog import FirstRunDialog
from desktop_app.ui.window.workspace import Workspace


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Workspace(db))  # not given to qtbot: switching closes and deletes it
    with qtbot.waitSignal(window.first_painted):
        window.show()
    return window


def _replacement(qtbot: QtBot, window: MainWindow, trigger: object) -> MainWindow:
    made: list[MainWindow] = []
    window.replaced.connect(made.append)
    assert callable(trigger)
    trigger()
    qtbot.waitUntil(lambda: made != [])
    new = made[0]
    qtbot.addWidget(new)
    qtbot.waitUntil(new.isVisible)
    return new


def _answer_save(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def _answer_open(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def _recent_entries(qtbot: QtBot, window: MainWindow) -> dict[str, object]:
    menu = window.recent_menu
    menu.popup(QPoint(0, 0))  # filled as it opens, as for the user
    qtbot.waitUntil(menu.isVisible)
    entries = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    menu.hide()
    return entries


def test_new_network_opens_an_empty_database_of_its_own(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_db)
    assert window.contacts_view.model.rowCount() > 0
    _answer_save(monkeypatch, tmp_path / "work")  # no suffix: .db is added
    welcomed: list[str] = []

    def answer_welcome() -> None:  # the new, empty network starts as on the first run
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstRunDialog)
        welcomed.append(dialog.windowTitle())
        qtbot.keyClicks(dialog.given, "Noor")
        qtbot.keyClicks(dialog.family, "Haddad")
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, answer_welcome)
    new = _replacement(qtbot, window, window.actions_by_name["new_network"].trigger)

    assert welcomed
    assert new.workspace.db.path == tmp_path / "work.db"
    assert new.workspace.contacts.count() == 1  # only me
    me = new.workspace.contacts.me_id()
    assert me is not None
    assert new.workspace.contacts.detail(me).fields.full_name == "Noor Haddad"
    assert new.contacts_view.model.rowCount() == 1
    assert "work.db" in new.windowTitle()
    assert not new.workspace.read_only
    # The sample network is untouched and free again (its lock released).
    other = open_database(demo_db.path)
    assert other.fast_connection().execute("SELECT count(*) FROM people").fetchone()[0] > 0
    other.close()
    # Its own backups, beside its own file.
    backup.make_backup(new.workspace.db.path, "daily")
    assert backup.list_backups(new.workspace.db.path)[0].parent == tmp_path / "work.backups"
    new.workspace.close()


def test_new_network_refuses_an_existing_file_and_keeps_the_window(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_db)
    qtbot.addWidget(window)
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"my notes")
    _answer_save(monkeypatch, taken)
    window.actions_by_name["new_network"].trigger()
    assert "already exists" in window.last_error
    assert taken.read_bytes() == b"my notes"
    assert window.workspace.contacts.count() > 0  # still open, still working


def test_open_network_and_open_recent_switch_between_networks(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second_path = tmp_path / "second.db"
    second = open_database(second_path)
    from desktop_app.services.demo import write_demo

    write_demo(second, 12, seed=3)
    second.close()
    first_count = Workspace(demo_db).contacts.count()

    window = _window(qtbot, demo_db)
    _answer_open(monkeypatch, second_path)
    new = _replacement(qtbot, window, window.actions_by_name["open_network"].trigger)
    assert new.workspace.db.path == second_path
    assert new.contacts_view.model.rowCount() == new.workspace.contacts.count() == 13

    entries = _recent_entries(qtbot, new)
    names = [t for t in entries if t.endswith(".db")]
    assert names[0].endswith("second.db") and names[1].endswith("network.db")
    back = entries[names[1]]
    again = _replacement(qtbot, new, back.trigger)  # type: ignore[attr-defined]
    assert again.workspace.db.path == demo_db.path
    assert again.contacts_view.model.rowCount() == first_count
    again.workspace.close()


def test_a_missing_recent_network_is_greyed_and_taken_off_when_asked_for(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone.db"
    open_database(gone).close()
    window = _window(qtbot, demo_db)
    qtbot.addWidget(window)
    from desktop_app.ui.window.network_files import open_recent, recent_networks, remember_network

    remember_network(gone)
    gone.unlink()
    entries = _recent_entries(qtbot, window)
    missing = next(a for t, a in entries.items() if "gone.db" in t)
    assert "not found" in missing.text()  # type: ignore[attr-defined]
    assert not missing.isEnabled()  # type: ignore[attr-defined]

    # Gone between showing the menu and the click: said plainly, and off the list.
    assert open_recent(window, gone, MainWindow) is None
    assert "no longer there" in window.last_error
    assert gone not in recent_networks()
    assert window.workspace.contacts.count() > 0


def test_opening_a_file_that_is_not_a_network_says_so(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_db)
    qtbot.addWidget(window)
    text = tmp_path / "letter.db"
    text.write_text("Dear Sam, …")
    _answer_open(monkeypatch, text)
    window.actions_by_name["open_network"].trigger()
    assert "Could not open letter.db" in window.last_error
    assert text.read_text() == "Dear Sam, …"
    assert window.workspace.contacts.count() > 0


def test_a_network_open_in_another_window_opens_read_only_or_not_at_all(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_db)
    busy_path = tmp_path / "busy.db"
    busy = open_database(busy_path)  # another Trellis holds its lock
    from desktop_app.services.demo import write_demo

    write_demo(busy, 8, seed=2)
    asked: list[str] = []

    def answer(button_text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    try:
        _answer_open(monkeypatch, busy_path)
        QTimer.singleShot(100, lambda: answer("Cancel"))
        window.actions_by_name["open_network"].trigger()
        assert "already open in another Trellis" in asked[0]
        assert window.workspace.db.path == demo_db.path  # still here, still working
        assert window.workspace.contacts.count() > 0

        QTimer.singleShot(100, lambda: answer("Open read-only"))
        new = _replacement(qtbot, window, window.actions_by_name["open_network"].trigger)
        assert new.workspace.db.path == busy_path
        assert new.workspace.read_only
        assert new.contacts_view.model.rowCount() == 9
        assert "(read-only)" in new.statusBar().currentMessage()
        new.workspace.close()
    finally:
        busy.close()


def test_recent_names_with_an_ampersand_show_it(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    from desktop_app.ui.window.network_files import remember_network

    window = _window(qtbot, demo_db)
    qtbot.addWidget(window)
    odd = tmp_path / "R&D.db"
    open_database(odd).close()
    remember_network(odd)
    entries = _recent_entries(qtbot, window)
    assert "&1 R&&D.db" in entries  # "R&D.db" on screen, 1 its access key
