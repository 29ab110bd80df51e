"""The sync use cases the window and `trellis sync` call: set an account up (with
discovery), sync it, sync a vdir folder, list accounts and conflicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app.domain.errors import RuleError
from desktop_app.services.sync.carddav import AddressBook, CardDavClient, DavError
from desktop_app.services.sync.engine import SyncReport, sync_account
from desktop_app.services.sync.stores import CardDavStore, VdirStore
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database
from desktop_app.storage.sync_state import AccountRecord, BookRecord


class SyncError(Exception):
    """The sync could not run (server, network, password); `str` is for the user."""


def discover(url: str, user: str, password: str) -> list[AddressBook]:
    try:
        with CardDavClient(url, user, password) as client:
            return client.discover()
    except DavError as error:
        raise SyncError(str(error)) from error


def add_account(
    db: Database, name: str, url: str, user: str, password: str, address_book: str = "all"
) -> tuple[AccountRecord, list[AddressBook]]:
    """Discover the account's address books and keep those chosen (`all`, or a path or
    name); no password is stored here."""
    if not name.strip():
        raise RuleError("An account needs a name.")
    books = discover(url, user, password)
    if not books:
        raise SyncError("the account holds no address book")
    if address_book != "all":
        wanted = address_book.strip("/")
        books = [
            b
            for b in books
            if b.name == address_book
            or b.url.rstrip("/").endswith("/" + wanted)
            or b.url == address_book
        ]
        if not books:
            raise SyncError(f"the account has no address book {address_book!r}")
    with db.transaction() as session:
        account = sync_state.add_account(
            session, name.strip(), "carddav", url, user, [(b.url, b.name) for b in books]
        )
    return account, books


def accounts(db: Database) -> list[AccountRecord]:
    with db.transaction() as session:
        return sync_state.accounts(session)


def account_named(db: Database, name: str | None) -> AccountRecord:
    with db.transaction() as session:
        return sync_state.account_named(session, name)


def sync_carddav(
    db: Database,
    account: AccountRecord,
    password: str,
    *,
    dry_run: bool = False,
    confirm_deletions: bool = False,
    is_cancelled: Callable[[], bool] | None = None,
) -> SyncReport:
    try:
        with CardDavClient(account.url, account.username, password) as client:

            def store_for(book: BookRecord) -> CardDavStore:
                return CardDavStore(client, book.url, book.uses_sync_collection)

            return sync_account(
                db,
                account,
                store_for,
                dry_run=dry_run,
                confirm_deletions=confirm_deletions,
                is_cancelled=is_cancelled,
            )
    except DavError as error:
        raise SyncError(str(error)) from error


def sync_vdir(
    db: Database,
    folder: Path,
    *,
    dry_run: bool = False,
    confirm_deletions: bool = False,
    is_cancelled: Callable[[], bool] | None = None,
) -> SyncReport:
    folder = folder.expanduser().resolve()
    if not folder.is_dir():
        raise SyncError(f"{folder} is not a folder")
    with db.transaction() as session:
        account = sync_state.vdir_account(session, str(folder))
    try:
        return sync_account(
            db,
            account,
            lambda _book: VdirStore(folder),
            dry_run=dry_run,
            confirm_deletions=confirm_deletions,
            is_cancelled=is_cancelled,
        )
    except DavError as error:
        raise SyncError(str(error)) from error


def conflicts(db: Database) -> list[sync_state.ConflictRecord]:
    with db.transaction() as session:
        return sync_state.conflicts(session)


def add_account_books(
    db: Database, name: str, url: str, user: str, books: Sequence[AddressBook]
) -> AccountRecord:
    """An account with the address books the user chose from `discover`'s list (the
    window's way: discovery first, the choice after); no password is stored here."""
    if not name.strip():
        raise RuleError("An account needs a name.")
    if not books:
        raise RuleError("Choose at least one address book to sync.")
    with db.transaction() as session:
        return sync_state.add_account(
            session, name.strip(), "carddav", url, user, [(b.url, b.name) for b in books]
        )


def add_vdir(db: Database, folder: Path) -> AccountRecord:
    """A vdir folder to sync with (one `.vcf` file per contact), the offline way."""
    folder = folder.expanduser().resolve()
    if not folder.is_dir():
        raise RuleError(f"{folder} is not a folder")
    with db.transaction() as session:
        return sync_state.vdir_account(session, str(folder))


def remove_account(db: Database, account_id: int) -> None:
    """Forget an account, its address books and what was synced with them; the contacts
    stay in Trellis and on the server."""
    with db.transaction() as session:
        sync_state.remove_account(session, account_id)


def sync_any(
    db: Database,
    account: AccountRecord,
    password: str | None,
    *,
    confirm_deletions: bool = False,
    is_cancelled: Callable[[], bool] | None = None,
) -> SyncReport:
    """Sync one account of either kind (a vdir folder needs no password)."""
    if account.kind == "vdir":
        return sync_vdir(
            db,
            Path(account.url),
            confirm_deletions=confirm_deletions,
            is_cancelled=is_cancelled,
        )
    if not password:
        raise SyncError(f"no password for {account.username} at {account.url}")
    return sync_carddav(
        db, account, password, confirm_deletions=confirm_deletions, is_cancelled=is_cancelled
    )
