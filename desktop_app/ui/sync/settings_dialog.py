"""Settings ▸ Sync…: the accounts Trellis syncs with (CardDAV servers, vdir folders),
adding and removing them, and how often to sync while the window is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.storage.database import Database
from desktop_app.ui.common.plain_label import PlainLabel

INTERVAL_KEY = "sync/every_minutes"
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole


def saved_interval() -> int:
    """Minutes between automatic syncs while the window is open; 0: only on demand."""
    value = QSettings().value(INTERVAL_KEY, 0)
    try:
        return max(0, int(str(value)))
    except (TypeError, ValueError):
        return 0


class SyncSettingsDialog(QDialog):
    accounts_changed = Signal()
    interval_changed = Signal(int)
    add_dialog_shown = Signal(object)  # the AddAccountDialog, once open

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Sync")
        self.setMinimumWidth(520)
        self.accounts = QListWidget()
        self.accounts.setAccessibleName("Sync accounts")
        self.accounts.currentRowChanged.connect(self._update_buttons)
        self.add_button = QPushButton("Add &CardDAV account…")
        self.add_button.clicked.connect(self.add_carddav)
        self.vdir_button = QPushButton("Add &vdir folder…")
        self.vdir_button.setToolTip(
            "A folder of .vcf files (one per contact) kept by vdirsyncer, khard or your own "
            "tools: nothing goes over the network"
        )
        self.vdir_button.clicked.connect(self.add_vdir)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.vdir_button, self.remove_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)

        self.interval = QSpinBox()
        self.interval.setRange(0, 24 * 60)
        self.interval.setSingleStep(5)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("never")
        self.interval.setAccessibleName("Sync automatically every")
        self.interval.setValue(saved_interval())
        self.interval.valueChanged.connect(self._on_interval_changed)
        every_row = QHBoxLayout()
        every_label = QLabel("Sync &automatically every:")
        every_label.setBuddy(self.interval)
        every_row.addWidget(every_label)
        every_row.addWidget(self.interval)
        every_row.addWidget(QLabel("while this window is open"))
        every_row.addStretch(1)

        self.message = PlainLabel("")
        self.message.setObjectName("syncSettingsMessage")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            PlainLabel(
                "Trellis syncs names, e-mails, phones, addresses, organisation, birthday, "
                "photo, note and tags both ways; circles, rhythms, relationships, "
                "interactions and goals never leave this computer."
            )
        )
        layout.addWidget(self.accounts, 1)
        layout.addLayout(buttons_row)
        layout.addLayout(every_row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        from desktop_app.services.sync import run as sync

        self.accounts.clear()
        for account in sync.accounts(self.db):
            if account.kind == "vdir":
                text = f"Folder {account.url}"
            else:
                text = f"{account.name}: {account.username} at {account.url}"
            if account.last_synced_at is not None:
                text += f" (last synced {account.last_synced_at:%Y-%m-%d %H:%M})"
            item = QListWidgetItem(text)
            item.setData(ACCOUNT_ROLE, account)
            self.accounts.addItem(item)
        if self.accounts.count():
            self.accounts.setCurrentRow(0)
        self._update_buttons()

    def add_carddav(self) -> None:
        from desktop_app.ui.sync.account_dialog import AddAccountDialog

        dialog = AddAccountDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.account_added.connect(self._on_account_added)
        dialog.open()
        self.add_dialog_shown.emit(dialog)

    def add_vdir(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, "Choose the vdir folder (one .vcf file per contact)", str(Path.home())
        )
        if not name:
            return
        from desktop_app.domain.errors import RuleError
        from desktop_app.services.sync import run as sync
        from desktop_app.storage.errors import StorageError

        try:
            account = sync.add_vdir(self.db, Path(name))
        except (RuleError, StorageError) as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"Added the folder {account.url}.")
        self.reload()
        self.accounts_changed.emit()

    def remove_selected(self) -> None:
        item = self.accounts.currentItem()
        if item is None:
            return
        account = item.data(ACCOUNT_ROLE)
        answer = QMessageBox.question(
            self,
            APP_NAME,
            f"Stop syncing with {account.name}?\n\nThe contacts stay in Trellis and on the "
            "other side; only the link between them is forgotten.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from desktop_app.services.sync import passwords
        from desktop_app.services.sync import run as sync

        sync.remove_account(self.db, account.id)
        if account.kind == "carddav":
            passwords.forget(account.url, account.username)
        self.message.setText(f"Removed {account.name}.")
        self.reload()
        self.accounts_changed.emit()

    def _on_account_added(self, account: object, kept: bool) -> None:
        name = getattr(account, "name", "")
        where = (
            "its password is in the keychain"
            if kept
            else "no keychain here: Trellis asks for its password at each sync"
        )
        self.message.setText(f"Added {name}; {where}.")
        self.reload()
        self.accounts_changed.emit()

    def _on_interval_changed(self, minutes: int) -> None:
        QSettings().setValue(INTERVAL_KEY, minutes)
        self.interval_changed.emit(minutes)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.accounts.currentItem() is not None)
