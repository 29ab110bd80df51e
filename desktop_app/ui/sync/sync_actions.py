"""The Sync menu (Sync now, Resolve conflicts…, Accounts…) and Settings ▸ Sync…, added to
the main window by `ui/window/actions.py`; they act through the window's SyncController."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

SYNC_SHORTCUT = QKeySequence("Ctrl+Shift+S")


def add_sync_actions(window: MainWindow, actions: dict[str, QAction], bar: QMenuBar) -> None:
    syncer = window.syncer
    read_only = window.workspace.read_only

    sync_now = QAction("Sync &now", window)
    sync_now.setShortcut(SYNC_SHORTCUT)
    sync_now.setStatusTip("Sync contacts both ways with your address book or vdir folder")
    sync_now.triggered.connect(syncer.sync_now)
    resolve = QAction("Resolve &conflicts…", window)
    resolve.setStatusTip(
        "Contacts changed differently here and on the server: decide, field by field"
    )
    resolve.triggered.connect(syncer.show_conflicts)
    resolve.setEnabled(False)
    accounts = QAction("&Accounts…", window)
    accounts.setStatusTip("Add or remove the address books and folders Trellis syncs with")
    accounts.triggered.connect(syncer.show_settings)
    settings = QAction("&Sync…", window)
    settings.setStatusTip(accounts.statusTip())
    settings.triggered.connect(syncer.show_settings)
    syncer.conflicts_changed.connect(
        lambda count: resolve.setEnabled(bool(count) and not read_only)
    )
    for action in (sync_now, accounts, settings):
        action.setEnabled(not read_only)

    sync_menu = bar.addMenu("S&ync")
    sync_menu.addAction(sync_now)
    sync_menu.addAction(resolve)
    sync_menu.addSeparator()
    sync_menu.addAction(accounts)
    settings_menu = bar.addMenu("Se&ttings")
    settings_menu.addAction(settings)
    actions["sync_now"] = sync_now
    actions["sync_conflicts"] = resolve
    actions["sync_accounts"] = accounts
    actions["sync_settings"] = settings
