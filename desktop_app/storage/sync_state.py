"""SQL of CardDAV / vdir sync: accounts, their address books, the cards as last synced and
the conflicts waiting for the user. Every value returned is a plain dataclass."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.values import ContactPoints, NewPerson
from desktop_app.storage import tables as t


@dataclass(frozen=True, slots=True)
class AccountRecord:
    id: int
    name: str
    kind: str
    url: str
    username: str
    last_synced_at: datetime | None = None
    last_summary: str = ""


@dataclass(frozen=True, slots=True)
class BookRecord:
    id: int
    account_id: int
    url: str
    name: str
    sync_token: str | None
    uses_sync_collection: bool


@dataclass(frozen=True, slots=True)
class ItemRecord:
    id: int
    href: str
    etag: str
    uid: str
    person_id: int | None
    card: str
    local_state: str


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    id: int
    item_id: int
    person_id: int | None
    href: str
    base_card: str
    remote_card: str
    remote_etag: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemWrite:
    """An item to insert (`id` None) or to replace, as the sync leaves it."""

    href: str
    etag: str
    uid: str
    person_id: int | None
    card: str
    local_state: str
    id: int | None = None
    # Still to compare at the next sync (a conflict decided: Trellis's side goes out then).
    dirty: bool = False


def _account(row: t.SyncAccount) -> AccountRecord:
    return AccountRecord(
        row.id, row.name, row.kind, row.url, row.username, row.last_synced_at, row.last_summary
    )


def add_account(
    session: Session,
    name: str,
    kind: str,
    url: str,
    username: str,
    books: Sequence[tuple[str, str]],
) -> AccountRecord:
    """A new account with the address books (url, display name) to sync."""
    if session.scalar(select(t.SyncAccount.id).where(t.SyncAccount.name == name)) is not None:
        raise RuleError(f"There is already a sync account called {name!r}.")
    account = t.SyncAccount(name=name, kind=kind, url=url, username=username, last_summary="")
    session.add(account)
    session.flush()
    for book_url, book_name in books:
        session.add(
            t.SyncAddressBook(
                account_id=account.id, url=book_url, name=book_name, uses_sync_collection=True
            )
        )
    session.flush()
    return _account(account)


def accounts(session: Session) -> list[AccountRecord]:
    rows = session.scalars(select(t.SyncAccount).order_by(t.SyncAccount.id))
    return [_account(row) for row in rows]


def account_named(session: Session, name: str | None) -> AccountRecord:
    """The account called `name`; without a name, the only one there is."""
    found = accounts(session)
    if name is not None:
        found = [a for a in found if a.name == name]
        if not found:
            raise MissingError(f"There is no sync account called {name!r}.")
    if not found:
        raise MissingError("No sync account is set up yet (trellis sync --add-account NAME …).")
    if len(found) > 1:
        names = ", ".join(repr(a.name) for a in found)
        raise RuleError(f"Several sync accounts exist ({names}): name one with --account.")
    return found[0]


def vdir_account(session: Session, folder: str) -> AccountRecord:
    """The vdir account of `folder`, created with its one address book on first use."""
    row = session.scalar(
        select(t.SyncAccount).where(t.SyncAccount.kind == "vdir", t.SyncAccount.url == folder)
    )
    if row is not None:
        return _account(row)
    name = f"vdir:{folder}"
    return add_account(session, name, "vdir", folder, "", [(folder, folder)])


def remove_account(session: Session, account_id: int) -> None:
    """The account goes with its address books, items and conflicts (cascades)."""
    book_ids = select(t.SyncAddressBook.id).where(t.SyncAddressBook.account_id == account_id)
    items = select(t.SyncItem.id).where(t.SyncItem.address_book_id.in_(book_ids))
    session.execute(delete(t.SyncConflict).where(t.SyncConflict.item_id.in_(items)))
    session.execute(delete(t.SyncItem).where(t.SyncItem.address_book_id.in_(book_ids)))
    session.execute(delete(t.SyncAddressBook).where(t.SyncAddressBook.account_id == account_id))
    session.execute(delete(t.SyncAccount).where(t.SyncAccount.id == account_id))


def address_books(session: Session, account_id: int) -> list[BookRecord]:
    rows = session.scalars(
        select(t.SyncAddressBook)
        .where(t.SyncAddressBook.account_id == account_id)
        .order_by(t.SyncAddressBook.id)
    )
    return [
        BookRecord(r.id, r.account_id, r.url, r.name, r.sync_token, r.uses_sync_collection)
        for r in rows
    ]


def items(session: Session, book_id: int) -> dict[str, ItemRecord]:
    """href → the item as last synced."""
    i = t.SyncItem
    rows = session.execute(
        select(i.id, i.href, i.etag, i.uid, i.person_id, i.card, i.local_state).where(
            i.address_book_id == book_id
        )
    )
    return {row.href: ItemRecord(*row) for row in rows}


def item_etags(session: Session, book_id: int) -> dict[str, str]:
    """href → ETag of every item of the book: what the other side is compared with."""
    i = t.SyncItem
    rows = session.execute(select(i.href, i.etag).where(i.address_book_id == book_id))
    return {str(href): str(etag) for href, etag in rows}


def items_to_compare(
    session: Session, book_id: int, hrefs: Iterable[str] = ()
) -> dict[str, ItemRecord]:
    """href → item, for the items a sync must look at: those at `hrefs` (changed on the
    other side), those whose person changed here (`dirty`, set by triggers) or was
    deleted here, and those with a conflict waiting. The others are left unread."""
    i = t.SyncItem
    columns = (i.id, i.href, i.etag, i.uid, i.person_id, i.card, i.local_state)
    waiting = select(t.SyncConflict.item_id)
    local = session.execute(
        select(*columns).where(
            i.address_book_id == book_id,
            i.dirty.is_(True) | (i.person_id.is_(None) & (i.local_state != "")) | i.id.in_(waiting),
        )
    )
    found = {row.href: ItemRecord(*row) for row in local}
    wanted = [h for h in set(hrefs) if h not in found]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(
            select(*columns).where(i.address_book_id == book_id, i.href.in_(chunk))
        )
        found.update((row.href, ItemRecord(*row)) for row in rows)
    return found


def mark_compared(session: Session, item_ids: Iterable[int]) -> None:
    """Items looked at and found equal on both sides: not dirty any more."""
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        session.execute(
            update(t.SyncItem)
            .where(t.SyncItem.id.in_(ids[start : start + 500]))
            .values(dirty=False)
        )


def unlinked_people(session: Session) -> list[int]:
    """People (not me) no address book of any account holds yet: new to every sync."""
    linked = select(t.SyncItem.person_id).where(t.SyncItem.person_id.is_not(None))
    query = (
        select(t.Person.id)
        .where(t.Person.is_me.is_(False), t.Person.id.not_in(linked))
        .order_by(t.Person.id)
    )
    return [int(pid) for pid in session.scalars(query)]


def linked_people(session: Session) -> set[int]:
    """Every person some address book of some account already holds."""
    rows = session.execute(select(t.SyncItem.person_id).where(t.SyncItem.person_id.is_not(None)))
    return {int(pid) for (pid,) in rows if pid is not None}


def people_ids(session: Session, include_me: bool = False) -> list[int]:
    query = select(t.Person.id).order_by(t.Person.id)
    if not include_me:
        query = query.where(t.Person.is_me.is_(False))
    return [int(pid) for pid in session.scalars(query)]


def set_vcard_uid(session: Session, person_id: int, uid: str) -> None:
    session.execute(update(t.Person).where(t.Person.id == person_id).values(vcard_uid=uid))


def people_by_uid(session: Session, uids: Iterable[str]) -> dict[str, int]:
    wanted = [u for u in set(uids) if u]
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for uid, pid in session.execute(
            select(t.Person.vcard_uid, t.Person.id).where(t.Person.vcard_uid.in_(chunk))
        ):
            found.setdefault(str(uid), int(pid))
    return found


def write_items(session: Session, book_id: int, writes: Sequence[ItemWrite]) -> None:
    """Insert new items and replace changed ones, in bulk (one executemany at the driver:
    SQLAlchemy's per-row parameter processing cost a first sync of 5,000 cards 0.1 s)."""
    from desktop_app.storage.history_writer import raw_connection

    session.flush()
    raw = raw_connection(session.connection())
    raw.executemany(
        "INSERT INTO sync_items (address_book_id, href, etag, uid, person_id, card, "
        "local_state, dirty) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (book_id, w.href, w.etag, w.uid, w.person_id, w.card, w.local_state, w.dirty)
            for w in writes
            if w.id is None
        ],
    )
    raw.executemany(
        "UPDATE sync_items SET href = ?, etag = ?, uid = ?, person_id = ?, card = ?, "
        "local_state = ?, dirty = ? WHERE id = ?",
        [
            (w.href, w.etag, w.uid, w.person_id, w.card, w.local_state, w.dirty, w.id)
            for w in writes
            if w.id is not None
        ],
    )


def delete_items(session: Session, item_ids: Iterable[int]) -> None:
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        session.execute(delete(t.SyncItem).where(t.SyncItem.id.in_(ids[start : start + 500])))


def set_token(session: Session, book_id: int, token: str | None, uses_sync: bool) -> None:
    session.execute(
        update(t.SyncAddressBook)
        .where(t.SyncAddressBook.id == book_id)
        .values(sync_token=token, uses_sync_collection=uses_sync)
    )


def record_sync(session: Session, account_id: int, summary: str) -> None:
    session.execute(
        update(t.SyncAccount)
        .where(t.SyncAccount.id == account_id)
        .values(last_synced_at=datetime.now(), last_summary=summary)
    )


def conflicts(session: Session, book_id: int | None = None) -> list[ConflictRecord]:
    c, i = t.SyncConflict, t.SyncItem
    query = select(
        c.id, c.item_id, i.person_id, i.href, i.card, c.remote_card, c.remote_etag, c.fields
    ).join(i, i.id == c.item_id)
    if book_id is not None:
        query = query.where(i.address_book_id == book_id)
    return [
        ConflictRecord(
            r.id,
            r.item_id,
            r.person_id,
            r.href,
            r.card,
            r.remote_card,
            r.remote_etag,
            tuple(f for f in r.fields.split(",") if f),
        )
        for r in session.execute(query.order_by(c.id))
    ]


def put_conflict(
    session: Session, item_id: int, remote_card: str, remote_etag: str, fields: Sequence[str]
) -> None:
    """Record (or refresh) the conflict of an item."""
    session.execute(delete(t.SyncConflict).where(t.SyncConflict.item_id == item_id))
    session.execute(
        insert(t.SyncConflict).values(
            item_id=item_id,
            remote_card=remote_card,
            remote_etag=remote_etag,
            fields=",".join(fields),
        )
    )


def drop_conflict(session: Session, item_id: int) -> None:
    session.execute(delete(t.SyncConflict).where(t.SyncConflict.item_id == item_id))


def apply_synced_fields(session: Session, person_id: int, new: NewPerson, names: set[str]) -> None:
    """Write the synced fields `names` of `new` onto a stored person; the Trellis-only
    fields (circle, cadence, how we met…) and past jobs stay as they are."""
    from desktop_app.storage import people_repository as people

    scalar = {"full_name", "given_name", "family_name", "note", "birthday"} & names
    if scalar:
        fields = people.person_fields(session, person_id)
        changes = {name: getattr(new.fields, name) for name in scalar}
        people.update_fields(session, person_id, replace(fields, **changes))
    if {"emails", "phones", "urls", "addresses"} & names:
        people.set_contact_points(
            session, person_id, ContactPoints(new.emails, new.phones, new.urls, new.addresses)
        )
    if "categories" in names:
        people.set_tags(session, person_id, new.tags)
    if "organization" in names:
        current = [j for j in new.employment if j.current]
        job = current[0] if current else None
        people.set_current_job(
            session, person_id, job.organization if job else "", job.title if job else ""
        )
    if "photo" in names:
        session.execute(delete(t.Photo).where(t.Photo.person_id == person_id))
        if new.photo:
            session.add(
                t.Photo(person_id=person_id, mime=new.photo_mime or "image/jpeg", data=new.photo)
            )
    session.flush()


def create_people(session: Session, new: Sequence[NewPerson]) -> list[tuple[int, NewPerson]]:
    """Insert people in bulk (the import's writer: thousands on a first sync); each one's
    id, in the order given, with the person as `stored_people` would read it back (but
    for the ids of employment rows and their organisations). Only the few the writer
    stored otherwise than given (a repeated value dropped) are read back: reading 5,000
    people cost a first sync 0.2 s."""
    from desktop_app.storage.import_writer import ImportWriter

    if not new:
        return []
    session.flush()
    writer = ImportWriter(session.connection())
    rows = [(writer.allocate_id(), person) for person in new]
    writer.insert_people(rows)
    read = stored_people(session, writer.reshaped) if writer.reshaped else {}
    return [
        (pid, read[pid] if pid in writer.reshaped else writer.as_stored(person))
        for pid, person in rows
    ]


def delete_people(session: Session, person_ids: list[int]) -> None:
    from desktop_app.storage import row_snapshots

    if person_ids:
        row_snapshots.delete_people(session, person_ids)


def stored_people(session: Session, person_ids: Iterable[int]) -> dict[int, NewPerson]:
    """People as stored, read on the session's own connection (inside its transaction)."""
    from desktop_app.storage.history_writer import raw_connection
    from desktop_app.storage.person_loader import load_people

    session.flush()
    raw = raw_connection(session.connection())
    return {pid: s.person for pid, s in load_people(raw, list(person_ids), photos=True).items()}


@dataclass(frozen=True, slots=True)
class ItemWithBook:
    id: int
    book_id: int
    href: str
    uid: str
    local_state: str


def item_with_book(session: Session, item_id: int) -> ItemWithBook:
    i = t.SyncItem
    row = session.execute(
        select(i.id, i.address_book_id, i.href, i.uid, i.local_state).where(i.id == item_id)
    ).one()
    return ItemWithBook(*row)
