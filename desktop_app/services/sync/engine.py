"""Two-way sync of Trellis's contacts with one account's address books.

For each address book: ask the other side what changed (sync-collection or ETags), fetch
those cards, compare every synced field three ways (the card as last synced, the card now,
the person now) and plan. A field changed on one side flows to the other; a field changed
differently on both sides makes the contact a conflict, kept for the user and written
nowhere. Then the other side is written (PUT with If-Match / If-None-Match, DELETE with
If-Match), and last everything local (people, the cards as synced, the new sync token) in
one transaction. Killed half-way, the next sync finds its own writes on the server equal
to Trellis's side and finishes the job without a conflict.
"""

from __future__ import annotations

import gc
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from desktop_app.domain.errors import RuleError
from desktop_app.domain.values import ChangeSet, NewPerson
from desktop_app.services.sync import cards
from desktop_app.services.sync.carddav import PreconditionFailedError, RemoteCard
from desktop_app.services.sync.stores import Store
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database
from desktop_app.storage.sync_state import AccountRecord, BookRecord, ItemRecord, ItemWrite

# More deletions than this in one sync (both sides together) wait for the user's yes.
DELETE_CONFIRM_LIMIT = 5
_gc_lock = threading.Lock()
_gc_users = 0
_gc_was_enabled = True


class SyncCancelledError(Exception):
    """The user cancelled: nothing was written in Trellis; what reached the server already
    is found equal to Trellis's side by the next sync."""


class TooManyDeletionsError(RuleError):
    """The sync would delete more than a few contacts; nothing was written."""

    def __init__(self, deleted_local: int, deleted_remote: int) -> None:
        super().__init__(
            f"This sync would delete {deleted_local} contact(s) in Trellis and "
            f"{deleted_remote} on the other side; nothing was changed. "
            "Check, then confirm (trellis sync --yes)."
        )
        self.deleted_local = deleted_local
        self.deleted_remote = deleted_remote


@dataclass
class SyncReport:
    pulled: int = 0
    pushed: int = 0
    deleted_local: int = 0
    deleted_remote: int = 0
    conflicts: int = 0
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    changes: ChangeSet = field(default_factory=ChangeSet)

    def as_json(self) -> dict[str, Any]:
        return {
            "pulled": self.pulled,
            "pushed": self.pushed,
            "deleted_local": self.deleted_local,
            "deleted_remote": self.deleted_remote,
            "conflicts": self.conflicts,
        }

    def changes_summary(self) -> str:
        """What the sync changed, for the window's status line ("1 pulled, 2 pushed")."""
        counts = (
            (self.pulled, "pulled"),
            (self.pushed, "pushed"),
            (self.deleted_local, "deleted here"),
            (self.deleted_remote, "deleted there"),
        )
        said = [f"{n} {what}" for n, what in counts if n]
        return ", ".join(said) if said else "nothing changed"

    def summary(self) -> str:
        return (
            f"{self.pulled} pulled, {self.pushed} pushed, {self.deleted_local} deleted here, "
            f"{self.deleted_remote} deleted there, {self.conflicts} conflict(s)"
        )


@dataclass
class _Put:
    href: str
    text: str
    etag: str | None
    person_id: int
    uid: str
    item_id: int | None
    local_state: str | None  # None: read back after the local writes
    new_uid: bool = False


@dataclass
class _Plan:
    book: BookRecord
    token: str | None
    uses_sync: bool
    creates: list[tuple[RemoteCard, NewPerson, int | None]] = field(default_factory=list)
    updates: list[tuple[int, NewPerson, set[str], ItemWrite]] = field(default_factory=list)
    local_deletes: list[int] = field(default_factory=list)
    puts: list[_Put] = field(default_factory=list)
    remote_deletes: list[tuple[str, str, int]] = field(default_factory=list)
    writes: list[ItemWrite] = field(default_factory=list)
    item_deletes: list[int] = field(default_factory=list)
    conflicts: list[tuple[int, RemoteCard, list[str]]] = field(default_factory=list)
    resolved: list[int] = field(default_factory=list)
    compared: list[int] = field(default_factory=list)  # dirty items found unchanged
    open_conflicts: int = 0


@contextmanager
def _no_collections() -> Iterator[None]:
    """No cyclic garbage collection while a sync runs. It makes ~20 objects a card, none in
    a cycle (dataclasses, tuples, text, ElementTree's elements), so reference counting frees
    them all, and each collection only walks them again: even with the young generation
    raised to 50,000 allocations a first sync of 5,000 cards spent 0.02-0.12 s collecting
    (a full collection, 90 ms, now and then). What few cycles a sync leaves (an exception's
    frames) are collected after it. No `gc.freeze`: the window froze its start-up objects
    (app.py), and an unfreeze here would undo that. Syncs on two threads share it."""
    global _gc_users, _gc_was_enabled
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_enabled:
                gc.enable()


def sync_account(
    db: Database,
    account: AccountRecord,
    store_for: Callable[[BookRecord], Store],
    *,
    dry_run: bool = False,
    confirm_deletions: bool = False,
    is_cancelled: Callable[[], bool] | None = None,
) -> SyncReport:
    """Sync every chosen address book of `account`; see the module's docstring.
    `is_cancelled` is asked between steps (SyncCancelledError: Trellis unchanged)."""
    with _no_collections():
        return _sync_account(db, account, store_for, dry_run, confirm_deletions, is_cancelled)


def _sync_account(
    db: Database,
    account: AccountRecord,
    store_for: Callable[[BookRecord], Store],
    dry_run: bool,
    confirm_deletions: bool,
    is_cancelled: Callable[[], bool] | None,
) -> SyncReport:
    cancelled = is_cancelled or (lambda: False)
    with db.transaction() as session:
        books = sync_state.address_books(session, account.id)
    report = SyncReport(dry_run=dry_run)
    plans: list[tuple[_Plan, Store]] = []
    for index, book in enumerate(books):
        _stop_if(cancelled)
        store = store_for(book)
        plans.append((_plan(db, account, book, store, push_new=index == 0), store))
    _stop_if(cancelled)
    deleted_local = sum(len(p.local_deletes) for p, _ in plans)
    deleted_remote = sum(len(p.remote_deletes) for p, _ in plans)
    if deleted_local + deleted_remote > DELETE_CONFIRM_LIMIT and not confirm_deletions:
        raise TooManyDeletionsError(deleted_local, deleted_remote)
    for plan, store in plans:
        if dry_run:
            report.pulled += len(plan.creates) + len(plan.updates)
            report.pushed += len(plan.puts)
            report.deleted_local += len(plan.local_deletes)
            report.deleted_remote += len(plan.remote_deletes)
            report.conflicts += plan.open_conflicts
        else:
            _carry_out(db, account, plan, store, report, cancelled)
    return report


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise SyncCancelledError("Sync cancelled; the next sync finishes the job.")


def _plan(
    db: Database, account: AccountRecord, book: BookRecord, store: Store, push_new: bool
) -> _Plan:
    with db.transaction() as session:
        etags = sync_state.item_etags(session, book.id)
    listing = store.listing(book.sync_token, etags)
    fetched = dict(listing.cards)
    missing = [href for href in listing.changed if href not in fetched]
    if missing:
        fetched.update((card.href, card) for card in store.fetch(missing))
    removed = listing.removed | (set(listing.changed) - set(fetched))
    # Only what changed on either side is read: the items the other side changed, the
    # items whose person changed here (marked dirty by triggers), waiting conflicts.
    with db.transaction() as session:
        # Only hrefs the book holds can be items (a first sync: none to look up).
        changed_items = (set(fetched) | removed) & etags.keys()
        known = sync_state.items_to_compare(session, book.id, changed_items)
        open_conflicts = {c.item_id: c for c in sync_state.conflicts(session, book.id)}
        unlinked = sync_state.unlinked_people(session) if push_new else []
        wanted = {i.person_id for i in known.values() if i.person_id is not None}
        people = sync_state.stored_people(session, wanted | set(unlinked))
    plan = _Plan(book, listing.token, listing.uses_sync_collection)
    for href, item in known.items():
        conflict = open_conflicts.get(item.id)
        remote = fetched.get(href)
        if remote is None and conflict is not None and href not in removed:
            remote = RemoteCard(href, conflict.remote_etag, conflict.remote_card)
        local = people.get(item.person_id) if item.person_id is not None else None
        _plan_item(plan, item, local, remote, href in removed, conflict is not None)
    by_uid = {people[p].vcard_uid: p for p in unlinked if p in people and people[p].vcard_uid}
    for href, remote in fetched.items():
        if href in etags:
            continue
        try:
            person = cards.parse(remote.text)
        except cards.CardError:
            # A card that is no person (a group): remembered, never pulled.
            plan.writes.append(ItemWrite(href, remote.etag, "", None, remote.text, ""))
            continue
        pid = by_uid.pop(person.vcard_uid, None)
        if pid is None:
            plan.creates.append((remote, person, None))
            continue
        unlinked.remove(pid)  # the same card on both sides (a sync cut short): link them
        local = people[pid]
        take_local = _differing(cards.state(local), cards.state(person))
        if take_local:
            result = cards.merged(person, local, take_local)
            plan.puts.append(
                _Put(href, cards.card_text(result, remote.text), remote.etag, pid,
                     person.vcard_uid, None, cards.dumps(cards.state(local)))
            )  # fmt: skip
        else:
            plan.writes.append(
                ItemWrite(href, remote.etag, person.vcard_uid, pid, remote.text,
                          cards.dumps(cards.state(local)))
            )  # fmt: skip
    for pid in unlinked:
        local = people.get(pid)
        if local is None:
            continue
        uid = local.vcard_uid or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, _seed(account, pid))}"
        local = replace(local, vcard_uid=uid)
        plan.puts.append(
            _Put(store.new_href(uid), cards.card_text(local), None, pid, uid, None,
                 cards.dumps(cards.state(local)), new_uid=not people[pid].vcard_uid)
        )  # fmt: skip
    plan.open_conflicts = len(plan.conflicts) + sum(
        1
        for item_id in open_conflicts
        if item_id not in plan.resolved and not _replanned(plan, item_id)
    )
    return plan


def _seed(account: AccountRecord, person_id: int) -> str:
    return f"trellis-sync:{account.kind}:{account.url}:{account.username}#{person_id}"


def _replanned(plan: _Plan, item_id: int) -> bool:
    return any(c[0] == item_id for c in plan.conflicts) or item_id in plan.item_deletes


def _differing(a: cards.State, b: cards.State) -> set[str]:
    return {name for name in cards.SYNCED_FIELDS if a.get(name) != b.get(name)}


def _plan_item(
    plan: _Plan,
    item: ItemRecord,
    local: NewPerson | None,
    remote: RemoteCard | None,
    removed: bool,
    had_conflict: bool,
) -> None:
    pid = item.person_id
    if pid is None and not item.local_state:  # a card that is no person (a group)
        if removed:
            plan.item_deletes.append(item.id)
        elif remote is not None:  # remembered as it is now, never pulled nor deleted
            write = ItemWrite(item.href, remote.etag, "", None, remote.text, "", item.id)
            plan.writes.append(write)
        return
    if removed:
        plan.item_deletes.append(item.id)
        if local is None or pid is None:
            return
        if _differing(cards.state(local), cards.loads(item.local_state)):
            # Changed here, deleted there: the change wins, the card comes back.
            person = replace(local, vcard_uid=item.uid or local.vcard_uid)
            plan.puts.append(
                _Put(item.href, cards.card_text(person, item.card), None, pid,
                     person.vcard_uid, None, cards.dumps(cards.state(local)))
            )  # fmt: skip
        else:
            plan.local_deletes.append(pid)
        return
    if local is None or pid is None:  # deleted in Trellis
        if remote is not None:  # … but changed there since: the change wins
            try:
                person = cards.parse(remote.text)
            except cards.CardError:
                return
            plan.creates.append((remote, person, item.id))
        else:
            plan.remote_deletes.append((item.href, item.etag, item.id))
        return
    now = cards.state(local)
    local_changed = _differing(now, cards.loads(item.local_state))
    person_uid = item.uid or local.vcard_uid
    if remote is None:
        if local_changed:
            person = replace(local, vcard_uid=person_uid)
            plan.puts.append(
                _Put(item.href, cards.card_text(person, item.card), item.etag, pid,
                     person_uid, item.id, cards.dumps(now))
            )  # fmt: skip
        elif not had_conflict:
            plan.compared.append(item.id)  # touched here, but no synced field changed
        return
    try:
        theirs = cards.parse(remote.text)
    except cards.CardError:
        return
    their_state = cards.state(theirs)
    base = cards.state(cards.parse(item.card)) if item.card else {}
    remote_changed = _differing(their_state, base)
    clashing = sorted(f for f in local_changed & remote_changed if now[f] != their_state.get(f))
    if clashing:
        plan.conflicts.append((item.id, remote, clashing))
        return
    if had_conflict:
        plan.resolved.append(item.id)
    take_local = {f for f in local_changed if now[f] != their_state.get(f)}
    result = replace(cards.merged(theirs, local, take_local), vcard_uid=person_uid)
    from_remote = remote_changed - take_local
    write = ItemWrite(item.href, remote.etag, person_uid, pid, remote.text, "", item.id)
    if from_remote:
        plan.updates.append((pid, result, from_remote, write))
    if take_local:
        plan.puts.append(
            _Put(item.href, cards.card_text(result, remote.text), remote.etag, pid,
                 person_uid, item.id, None if from_remote else cards.dumps(now))
        )  # fmt: skip
    elif not from_remote:
        plan.writes.append(replace(write, local_state=cards.dumps(now)))


def _carry_out(
    db: Database,
    account: AccountRecord,
    plan: _Plan,
    store: Store,
    report: SyncReport,
    cancelled: Callable[[], bool],
) -> None:
    """The other side first (each write idempotent by ETag), then one local transaction."""
    writes = list(plan.writes)
    updated_items = {w.id for _pid, _p, _f, w in plan.updates}
    pushed: list[_Put] = []
    for put in plan.puts:
        _stop_if(cancelled)
        try:
            etag = store.put(put.href, put.text, put.etag)
        except PreconditionFailedError:
            report.notes.append(f"{put.href} changed meanwhile: the next sync merges it")
            continue
        pushed.append(put)
        report.pushed += 1
        if put.item_id not in updated_items:
            writes.append(
                ItemWrite(put.href, etag, put.uid, put.person_id, put.text,
                          put.local_state or "", put.item_id)
            )  # fmt: skip
        else:
            # Pulled fields and pushed ones: the item keeps the card as sent.
            for index, (pid, person, names, write) in enumerate(plan.updates):
                if write.id == put.item_id:
                    new_write = replace(write, etag=etag, card=put.text)
                    plan.updates[index] = (pid, person, names, new_write)
    item_deletes = list(plan.item_deletes)
    for href, etag, deleted_item in plan.remote_deletes:
        _stop_if(cancelled)
        try:
            store.delete(href, etag)
        except PreconditionFailedError:
            report.notes.append(f"{href} changed meanwhile: the next sync brings it back")
            continue
        item_deletes.append(deleted_item)
        report.deleted_remote += 1
    added: set[int] = set()
    changed: set[int] = set()
    with db.transaction() as session:
        created = sync_state.create_people(session, [person for _r, person, _i in plan.creates])
        for (remote, person, item_id), (pid, as_stored) in zip(plan.creates, created, strict=True):
            added.add(pid)
            local_state = cards.dumps(cards.state(as_stored))
            writes.append(
                ItemWrite(remote.href, remote.etag, person.vcard_uid, pid, remote.text,
                          local_state, item_id)
            )  # fmt: skip
        for pid, person, names, write in plan.updates:
            sync_state.apply_synced_fields(session, pid, person, names)
            changed.add(pid)
            writes.append(write)
        for put in pushed:
            if put.new_uid:
                sync_state.set_vcard_uid(session, put.person_id, put.uid)
        sync_state.delete_people(session, plan.local_deletes)
        # The people created have their state already; the few updated are read back.
        read_back = sync_state.stored_people(session, changed)
        final = []
        for write in writes:
            if write.person_id in changed and write.person_id in read_back:
                write = replace(
                    write, local_state=cards.dumps(cards.state(read_back[write.person_id]))
                )
            final.append(write)
        gone = set(item_deletes)
        sync_state.delete_items(session, gone)
        sync_state.write_items(session, plan.book.id, [w for w in final if w.id not in gone])
        for conflict_item, remote, clashing in plan.conflicts:
            sync_state.put_conflict(session, conflict_item, remote.text, remote.etag, clashing)
        for resolved_item in plan.resolved:
            sync_state.drop_conflict(session, resolved_item)
        sync_state.mark_compared(session, plan.compared)
        sync_state.set_token(session, plan.book.id, plan.token, plan.uses_sync)
        report.pulled += len(plan.creates) + len(plan.updates)
        report.deleted_local += len(plan.local_deletes)
        report.conflicts += plan.open_conflicts
        sync_state.record_sync(session, account.id, report.changes_summary())
    report.changes = report.changes | ChangeSet(
        people_added=frozenset(added),
        people_changed=frozenset(changed),
        people_removed=frozenset(plan.local_deletes),
        organizations_changed=bool(added or changed),
    )
