"""Sync in the window, as the user does it: Settings ▸ Sync… to add the account (discovery
against a real Radicale), Ctrl+Shift+S to sync, the status line, the deletions question,
a wrong password, a vdir folder, removing an account, the automatic sync's setting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services.sync import run as sync
from desktop_app.storage.database import Database
from desktop_app.ui.sync.account_dialog import AddAccountDialog, PasswordDialog
from desktop_app.ui.sync.settings_dialog import INTERVAL_KEY, SyncSettingsDialog
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.gui.sync.memory_keyring import MemoryKeyring
from tests.sync.radicale_server import PASSWORD, USER, RadicaleServer, vcard

SYNC_TIMEOUT_MS = 90_000


_waiting: list[list[bool]] = []


@pytest.fixture(autouse=True)
def _stop_waiting_for_dialogs() -> Iterator[None]:
    """A dialog a test waited for in vain must not be answered in the next test."""
    yield
    for stopped in _waiting:
        stopped.append(True)
    _waiting.clear()


def when_modal(kind: type[QDialog], act: Callable[[QDialog], object]) -> None:
    """Act on the next modal dialog of `kind` once it is open (it blocks the caller)."""
    stopped: list[bool] = []
    _waiting.append(stopped)

    def check() -> None:
        if stopped:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            stopped.append(True)
            act(dialog)
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)


def press_sync(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+S where the keyboard sends it: the focused widget of the window (active
    again once the dialogs before it have closed, as it is for the user)."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(target, Qt.Key.Key_S, modifiers)


def type_password(qtbot: QtBot, password: str = PASSWORD) -> None:
    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog)
        qtbot.keyClicks(dialog.password_edit, password)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    when_modal(PasswordDialog, answer)


def open_settings(qtbot: QtBot, window: MainWindow) -> SyncSettingsDialog:
    with qtbot.waitSignal(window.syncer.settings_shown) as shown:
        window.actions_by_name["sync_settings"].trigger()
    dialog = shown.args[0]
    assert isinstance(dialog, SyncSettingsDialog)
    return dialog


def add_account_by_hand(
    qtbot: QtBot, window: MainWindow, server: RadicaleServer
) -> SyncSettingsDialog:
    settings = open_settings(qtbot, window)
    with qtbot.waitSignal(settings.add_dialog_shown) as shown:
        qtbot.mouseClick(settings.add_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, AddAccountDialog)
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "Home server")
    qtbot.keyClicks(dialog.url_edit, server.url)
    qtbot.keyClicks(dialog.user_edit, USER)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    assert not dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.discovered, timeout=SYNC_TIMEOUT_MS) as found:
        qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert found.args == [1]
    assert dialog.books.item(0).text().startswith("Contacts")
    with qtbot.waitSignal(settings.accounts_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert settings.accounts.count() == 1
    return settings


def sync_by_key(qtbot: QtBot, window: MainWindow) -> list[object]:
    with qtbot.waitSignal(window.syncer.synced, timeout=SYNC_TIMEOUT_MS) as done:
        press_sync(qtbot, window)
    qtbot.waitUntil(lambda: not window.syncer.busy)
    return list(done.args[0])


def names(window: MainWindow) -> set[str]:
    contacts = window.workspace.contacts
    return {s.full_name for s in contacts.summaries(contacts.ids_in_name_order())}


def test_add_an_account_and_sync_with_ctrl_shift_s_without_a_keychain(
    qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer, tmp_path: Path
) -> None:
    radicale.put_card("phone.vcf", vcard("Bruna Reis", "TEL:+55 11 5555 0199", uid="bruna"))
    settings = add_account_by_hand(qtbot, sync_window, radicale)
    assert "no keychain" in settings.message.text()
    settings.reject()

    type_password(qtbot)  # no keychain: asked at the sync
    done = sync_by_key(qtbot, sync_window)
    report = done[0][1]  # type: ignore[index]
    assert (report.pulled, report.pushed, report.conflicts) == (1, 2, 0)
    assert names(sync_window) == {"Ana Lima", "Caio Souza", "Bruna Reis"}
    assert len(radicale.card_names()) == 3
    # The contact table shows the pulled contact (workspace.announce), without a reload.
    table = sync_window.contacts_view.table.model()
    shown = {table.index(r, 0).data() for r in range(table.rowCount())}
    assert "Bruna Reis" in shown
    status = sync_window.syncer.label
    assert status.isVisible()
    assert "Last synced" in status.text() and "1 pulled, 2 pushed" in status.text()

    # The password was written nowhere: not in the database, not in the settings.
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000 and "radicale" not in path.parts:
            assert PASSWORD.encode() not in path.read_bytes(), path

    # The next Ctrl+Shift+S asks again (no keychain: asked each time).
    type_password(qtbot)
    done = sync_by_key(qtbot, sync_window)
    assert "nothing changed" in status.text()


def test_with_a_keychain_the_password_is_kept_there_and_not_asked(
    qtbot: QtBot,
    sync_window: MainWindow,
    radicale: RadicaleServer,
    memory_keychain: MemoryKeyring,
) -> None:
    settings = add_account_by_hand(qtbot, sync_window, radicale)
    assert "keychain" in settings.message.text() and "no keychain" not in settings.message.text()
    settings.reject()
    assert list(memory_keychain.passwords.values()) == [PASSWORD]
    asked: list[QDialog] = []
    when_modal(PasswordDialog, lambda d: (asked.append(d), d.reject()))
    sync_by_key(qtbot, sync_window)
    assert not asked
    assert len(radicale.card_names()) == 2


def test_a_wrong_password_is_a_message_and_nothing_changes(
    qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer
) -> None:
    sync.add_account(sync_window.workspace.db, "home", radicale.url, USER, PASSWORD)
    type_password(qtbot, "not the password")
    with qtbot.waitSignal(sync_window.syncer.sync_ended, timeout=SYNC_TIMEOUT_MS) as ended:
        press_sync(qtbot, sync_window)
    assert "refused the user name or password" in ended.args[0]
    qtbot.waitUntil(lambda: "refused" in sync_window.last_error)
    assert radicale.card_names() == []
    qtbot.waitUntil(lambda: not sync_window.syncer.busy)


def test_many_deletions_wait_for_the_users_yes(
    qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer
) -> None:
    for i in range(6):
        radicale.put_card(f"p{i}.vcf", vcard(f"Person{i} Far", uid=f"p{i}"))
    sync.add_account(sync_window.workspace.db, "home", radicale.url, USER, PASSWORD)
    type_password(qtbot)
    sync_by_key(qtbot, sync_window)
    assert len(names(sync_window)) == 8
    for i in range(6):
        radicale.delete_card(f"p{i}.vcf")

    def say(button: str) -> Callable[[QDialog], object]:
        def click(box: QDialog) -> None:
            assert isinstance(box, QMessageBox)
            assert "delete 6 contact(s) in Trellis" in box.text()
            wanted = next(b for b in box.findChildren(QPushButton) if b.text() == button)
            qtbot.mouseClick(wanted, Qt.MouseButton.LeftButton)

        return click

    type_password(qtbot)
    when_modal(QMessageBox, say("&Not now"))
    with qtbot.waitSignal(sync_window.syncer.sync_ended, timeout=SYNC_TIMEOUT_MS) as ended:
        press_sync(qtbot, sync_window)
    assert "nothing was deleted" in ended.args[0]
    assert len(names(sync_window)) == 8

    qtbot.waitUntil(lambda: not sync_window.syncer.busy)
    type_password(qtbot)
    when_modal(QMessageBox, say("&Delete and sync"))
    done = sync_by_key(qtbot, sync_window)
    assert done[0][1].deleted_local == 6  # type: ignore[index]
    assert names(sync_window) == {"Ana Lima", "Caio Souza"}


def test_a_vdir_folder_is_synced_and_an_account_removed(
    qtbot: QtBot, sync_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "zoe.vcf").write_text(vcard("Zoe Prado", uid="zoe"), newline="")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kwargs: str(folder))
    settings = open_settings(qtbot, sync_window)
    with qtbot.waitSignal(settings.accounts_changed):
        qtbot.mouseClick(settings.vdir_button, Qt.MouseButton.LeftButton)
    assert settings.accounts.item(0).text() == f"Folder {folder.resolve()}"
    settings.reject()

    asked: list[QDialog] = []
    when_modal(PasswordDialog, lambda d: (asked.append(d), d.reject()))
    sync_by_key(qtbot, sync_window)
    assert not asked  # a folder needs no password
    assert "Zoe Prado" in names(sync_window)
    assert len(list(folder.glob("*.vcf"))) == 3

    settings = open_settings(qtbot, sync_window)
    when_modal(
        QMessageBox,
        lambda box: qtbot.mouseClick(
            box.button(QMessageBox.StandardButton.Yes),  # type: ignore[attr-defined]
            Qt.MouseButton.LeftButton,
        ),
    )
    with qtbot.waitSignal(settings.accounts_changed):
        qtbot.mouseClick(settings.remove_button, Qt.MouseButton.LeftButton)
    assert settings.accounts.count() == 0
    assert sync.accounts(sync_window.workspace.db) == []
    assert "Zoe Prado" in names(sync_window)  # the contacts stay
    qtbot.waitUntil(lambda: not sync_window.syncer.label.isVisible())


def test_the_automatic_sync_interval_is_remembered_and_runs_without_asking(
    qtbot: QtBot, qapp: QApplication, small_db: object, tmp_path: Path
) -> None:
    folder = tmp_path / "vdir"
    folder.mkdir()
    window = MainWindow(Workspace(small_db))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted):
        window.show()
    sync.add_vdir(window.workspace.db, folder)
    settings = open_settings(qtbot, window)
    settings.interval.setFocus()
    for _ in range(3):  # 0 → 5 → 10 → 15 minutes, by the arrow key
        qtbot.keyClick(settings.interval, Qt.Key.Key_Up)
    assert settings.interval.value() == 15
    assert int(QSettings().value(INTERVAL_KEY)) == 15  # type: ignore[arg-type]
    assert window.syncer.timer.isActive() and window.syncer.timer.interval() == 15 * 60_000
    settings.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)

    with qtbot.waitSignal(window.syncer.synced, timeout=SYNC_TIMEOUT_MS):
        window.syncer.timer.timeout.emit()  # the quarter of an hour has passed
    assert len(list(folder.glob("*.vcf"))) == 2
    assert window.syncer.progress is None  # quietly: no progress dialog

    again = MainWindow(Workspace(window.workspace.db))
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.first_painted):
        again.show()
    assert again.syncer.timer.isActive() and again.syncer.timer.interval() == 15 * 60_000


def test_a_read_only_database_offers_no_sync(
    qtbot: QtBot, small_db: Database, tmp_path: Path
) -> None:
    from desktop_app.storage.database import open_database

    folder = tmp_path / "vdir"
    folder.mkdir()
    sync.add_vdir(small_db, folder)
    path = small_db.path
    small_db.close()
    db = open_database(path, read_only=True, exclusive=False, backups=False)
    window = MainWindow(Workspace(db))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted):
        window.show()
    for name in ("sync_now", "sync_accounts", "sync_settings", "sync_conflicts"):
        assert not window.actions_by_name[name].isEnabled(), name
    press_sync(qtbot, window)  # the key does nothing: the action is off
    qtbot.wait(200)
    assert not window.syncer.busy and list(folder.iterdir()) == []
    db.close()
