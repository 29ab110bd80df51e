"""Deciding the conflicts a sync kept: for each field changed differently on both sides,
keep Trellis's value or the server's. Nothing goes over the network here: the decision
is written locally (one transaction), and the next sync carries it to the server."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.domain.errors import RuleError
from desktop_app.domain.values import ChangeSet
from desktop_app.services.sync import cards
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database
from desktop_app.storage.sync_state import ItemWrite

KEEP = ("local", "remote")


def resolve_all(db: Database, keep: str) -> ChangeSet:
    """Decide every waiting conflict the same way: `keep` is 'local' or 'remote'."""
    if keep not in KEEP:
        raise RuleError(f"keep {keep!r}: say 'local' or 'remote'")
    with db.transaction() as session:
        waiting = sync_state.conflicts(session)
    return resolve(db, {c.item_id: dict.fromkeys(c.fields, keep) for c in waiting})


def resolve(db: Database, choices: Mapping[int, Mapping[str, str]]) -> ChangeSet:
    """`choices`: conflict item id → {field: 'local' | 'remote'} for its clashing fields
    (a field left out keeps Trellis's value)."""
    changed: set[int] = set()
    with db.transaction() as session:
        waiting = {c.item_id: c for c in sync_state.conflicts(session)}
        for item_id, fields in choices.items():
            conflict = waiting.get(item_id)
            if conflict is None or conflict.person_id is None:
                continue
            pid = conflict.person_id
            item = sync_state.item_with_book(session, item_id)
            theirs = cards.parse(conflict.remote_card)
            base = cards.parse(conflict.base_card) if conflict.base_card else None
            their_state = cards.state(theirs)
            remote_changed = set(cards.SYNCED_FIELDS) if base is None else (
                cards.changed_fields(their_state, cards.state(base))
            )  # fmt: skip
            clashing = set(conflict.fields)
            take_remote = {f for f in clashing if fields.get(f) == "remote"}
            from_remote = (remote_changed - clashing) | take_remote
            if from_remote:
                sync_state.apply_synced_fields(session, pid, theirs, from_remote)
                changed.add(pid)
            # The server's card becomes the base: what Trellis keeps against it (its
            # side of a clash decided for Trellis, its own earlier edits) then shows as
            # "changed here" and goes to the server at the next sync, If-Match its ETag.
            state = their_state
            sync_state.write_items(
                session,
                item.book_id,
                [
                    ItemWrite(
                        item.href, conflict.remote_etag, item.uid, pid, conflict.remote_card,
                        cards.dumps(state), item_id, dirty=True,
                    )
                ],
            )  # fmt: skip
            sync_state.drop_conflict(session, item_id)
    return ChangeSet(people_changed=frozenset(changed), organizations_changed=bool(changed))


FIELD_LABELS = {
    "full_name": "Name",
    "given_name": "Given name",
    "family_name": "Family name",
    "emails": "E-mail",
    "phones": "Phone",
    "urls": "Web",
    "addresses": "Address",
    "organization": "Organisation and title",
    "note": "Note",
    "birthday": "Birthday",
    "categories": "Tags",
    "photo": "Photo",
}


@dataclass(frozen=True, slots=True)
class FieldSides:
    """One clashing field: what the server says and what Trellis says, as text."""

    field: str
    label: str
    server: str
    trellis: str


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A waiting conflict as the side-by-side dialog shows it."""

    item_id: int
    person_id: int
    name: str
    fields: tuple[FieldSides, ...]


def describe(db: Database) -> list[ConflictView]:
    """Every waiting conflict with its clashing fields, server and Trellis side by side."""
    with db.transaction() as session:
        waiting = [c for c in sync_state.conflicts(session) if c.person_id is not None]
        people = sync_state.stored_people(session, {c.person_id for c in waiting if c.person_id})
    views = []
    for conflict in waiting:
        local = people.get(conflict.person_id or 0)
        if local is None:
            continue
        try:
            theirs = cards.state(cards.parse(conflict.remote_card))
        except cards.CardError:
            continue
        ours = cards.state(local)
        sides = tuple(
            FieldSides(
                name,
                FIELD_LABELS.get(name, name),
                value_text(name, theirs.get(name)),
                value_text(name, ours.get(name)),
            )
            for name in conflict.fields
        )
        views.append(
            ConflictView(
                conflict.item_id, int(conflict.person_id or 0), local.fields.full_name, sides
            )
        )
    return views


def value_text(name: str, value: object) -> str:
    """A synced field's value (as `cards.state` keeps it) as the user reads it."""
    if not value:
        return "(nothing)"
    if name == "photo":
        return "a photo"
    if name in ("emails", "phones", "urls") and isinstance(value, list):
        return "\n".join(f"{v} ({label})" if label else str(v) for v, label in value)
    if name == "addresses" and isinstance(value, list):
        lines = []
        for label, *parts in value:
            text = ", ".join(str(p) for p in parts if p)
            lines.append(f"{text} ({label})" if label else text)
        return "\n".join(lines)
    if name == "organization" and isinstance(value, list):
        return "\n".join(", ".join(p for p in (title, org) if p) for org, title in value)
    if name == "categories" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
