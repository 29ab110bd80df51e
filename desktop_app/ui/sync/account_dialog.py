"""Adding a CardDAV account: server, user name and password; discovery on a worker
thread finds the address books, the user ticks those to sync. The password goes to the
keychain (services/sync/passwords.py); without one it is not written anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.storage.database import Database
from desktop_app.ui.common.background import run_in_background
from desktop_app.ui.common.plain_label import PlainLabel

if TYPE_CHECKING:
    from desktop_app.services.sync.carddav import AddressBook

BOOK_ROLE = Qt.ItemDataRole.UserRole


class AddAccountDialog(QDialog):
    """`account_added(AccountRecord, kept_in_keychain)` once the account is stored."""

    account_added = Signal(object, bool)
    discovered = Signal(int)  # how many address books discovery found (tests wait on it)
    discovery_failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop_app.services.sync import passwords

        self.db = db
        self.setWindowTitle("Add a CardDAV account")
        self.setMinimumWidth(480)
        self.name_edit = QLineEdit("Contacts")
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://cloud.example.org/remote.php/dav")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Server:", self.url_edit)
        form.addRow("&User name:", self.user_edit)
        form.addRow("&Password:", self.password_edit)

        self.find_button = QPushButton("&Find address books")
        self.find_button.clicked.connect(self.find_books)
        self.books = QListWidget()
        self.books.setAccessibleName("Address books to sync")
        self.books.itemChanged.connect(self._update_ok)
        self.message = PlainLabel("")
        self.message.setObjectName("accountMessage")
        keychain = (
            "The password is kept in this computer's keychain."
            if passwords.has_keychain()
            else "There is no keychain on this computer: the password is not saved anywhere; "
            "Trellis asks for it at each sync."
        )
        self.keychain_note = PlainLabel(keychain)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Add account")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.books, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.keychain_note)
        layout.addWidget(self.buttons)
        for edit in (self.url_edit, self.user_edit, self.password_edit):
            edit.textEdited.connect(self._forget_books)
            edit.returnPressed.connect(self.find_books)

    def find_books(self) -> None:
        """Discovery (RFC 6764) off the GUI thread; the list fills when it answers."""
        url, user, password = self._credentials()
        if not url or not user:
            self.message.setText("Give the server's address and your user name.")
            return
        from desktop_app.services.sync import run as sync

        self.find_button.setEnabled(False)
        self.message.setText("Looking for address books…")
        run_in_background(
            lambda: sync.discover(url, user, password),
            self._on_books_found,
            self._on_discovery_failed,
            context=self,
        )

    def chosen_books(self) -> list[AddressBook]:
        return [
            self.books.item(row).data(BOOK_ROLE)
            for row in range(self.books.count())
            if self.books.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _credentials(self) -> tuple[str, str, str]:
        return (
            self.url_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )

    def _on_books_found(self, books: list[AddressBook]) -> None:
        self.find_button.setEnabled(True)
        self.books.clear()
        for book in books:
            item = QListWidgetItem(f"{book.name} ({book.url})")
            item.setData(BOOK_ROLE, book)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.books.addItem(item)
        self.message.setText(
            f"Found {len(books)} address book(s): tick those to sync."
            if books
            else "The account holds no address book."
        )
        self._update_ok()
        self.discovered.emit(len(books))

    def _on_discovery_failed(self, message: str) -> None:
        self.find_button.setEnabled(True)
        self.message.setText(f"No address books found: {message}")
        self.discovery_failed.emit(message)

    def _forget_books(self) -> None:
        if self.books.count():
            self.books.clear()
            self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.chosen_books()))

    def _add(self) -> None:
        from desktop_app.domain.errors import RuleError
        from desktop_app.services.sync import passwords
        from desktop_app.services.sync import run as sync
        from desktop_app.storage.errors import StorageError

        url, user, password = self._credentials()
        try:
            account = sync.add_account_books(
                self.db, self.name_edit.text(), url, user, self.chosen_books()
            )
        except (RuleError, StorageError) as error:
            self.message.setText(str(error))
            return
        kept = passwords.remember(account.url, account.username, password)
        self.account_added.emit(account, kept)
        self.accept()


class PasswordDialog(QDialog):
    """Asks for an account's password when the keychain has none; it is used for this
    sync and never written anywhere."""

    def __init__(self, name: str, user: str, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop_app.services.sync import passwords

        self.setWindowTitle(f"Sync {name}")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        note = (
            "The keychain holds no password for this account."
            if passwords.has_keychain()
            else "There is no keychain on this computer: the password is not saved."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(f"Password for {user} at {url}:"))
        layout.addWidget(self.password_edit)
        layout.addWidget(PlainLabel(note))
        layout.addWidget(buttons)

    def password(self) -> str:
        return self.password_edit.text()
