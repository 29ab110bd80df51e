"""Logging and deleting interactions: the one gesture that keeps a relationship alive.

Logging resets the check-in clock of everyone involved and answers their pending
follow-ups and thank-yous (they are derived, never stored as "done" by this).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.domain.dates import UnconfirmedDateError, question_interaction_dates
from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.values import ChangeSet
from desktop_app.storage import events_repository as er
from desktop_app.storage import nurture_queries as q
from desktop_app.storage import reciprocity_queries as rq
from desktop_app.storage.database import Database

if TYPE_CHECKING:
    from desktop_app.storage.handles import Session


@dataclass(frozen=True, slots=True)
class ResourceFields:
    """What was shared, for a shared-resource interaction."""

    kind: str
    title: str
    url: str = ""
    tags: str = ""


@dataclass(frozen=True, slots=True)
class NewInteraction:
    occurred_on: date
    kind: InteractionKind
    direction: Direction
    participant_ids: tuple[int, ...]
    note: str = ""
    follow_up_on: date | None = None
    resource: ResourceFields | None = None
    event_id: int | None = None  # the event it belongs to (listed on the event's page)


def check_dates(entry: NewInteraction, today: date | None = None) -> list[str]:
    """Questions to put to the user before logging `entry` (empty when plausible)."""
    return question_interaction_dates(entry.occurred_on, entry.follow_up_on, today or date.today())


def log_interaction(
    db: Database, entry: NewInteraction, *, today: date | None = None, confirmed: bool = False
) -> tuple[int, ChangeSet]:
    """Store `entry` in one transaction; returns its id and what changed.

    Raises `UnconfirmedDateError` when its dates look like slips and not `confirmed`,
    `ImplausibleDateError` for dates before 1900, `ValueError` without participants,
    `LookupError` for an unknown person.
    """
    participants = _checked_participants(entry, today, confirmed)
    with db.transaction() as session:
        _check_people_exist(session, participants)
        interaction_id = q.insert_interaction(
            session,
            occurred_on=entry.occurred_on,
            kind=InteractionKind(entry.kind).value,
            direction=Direction(entry.direction).value,
            note=entry.note.strip(),
            follow_up_on=entry.follow_up_on,
            participant_ids=participants,
        )
        _add_resource(session, interaction_id, entry.resource)
        _set_event(session, interaction_id, entry.event_id)
    return interaction_id, ChangeSet(
        people_changed=frozenset(participants),
        interactions_changed=True,
        events_changed=entry.event_id is not None,
    )


def interaction_entry(db: Database, interaction_id: int) -> NewInteraction:
    """A logged interaction as the form that logs one holds it (to edit it)."""
    with db.transaction() as session:
        rows = q.interaction_rows(session, interaction_id)
    if not rows["interactions"]:
        raise MissingError(f"No interaction with id {interaction_id}.")
    return _entry_of(rows)


def _entry_of(rows: Snapshot) -> NewInteraction:
    row = rows["interactions"][0]
    shared = rows["shared_resources"][0] if rows["shared_resources"] else None
    occurred_on = q.as_date(row["occurred_on"])
    assert occurred_on is not None  # the column is NOT NULL
    return NewInteraction(
        occurred_on=occurred_on,
        kind=InteractionKind(str(row["kind"])),
        direction=Direction(str(row["direction"])),
        participant_ids=tuple(int(str(r["person_id"])) for r in rows["interaction_participants"]),
        note=str(row["note"] or ""),
        follow_up_on=q.as_date(row["follow_up_on"]),
        resource=(
            ResourceFields(
                str(shared["kind"]), str(shared["title"]), str(shared["url"]), str(shared["tags"])
            )
            if shared is not None
            else None
        ),
        event_id=None if row.get("event_id") is None else int(str(row["event_id"])),
    )


def edit_interaction(
    db: Database,
    interaction_id: int,
    entry: NewInteraction,
    *,
    today: date | None = None,
    confirmed: bool = False,
) -> tuple[Snapshot, ChangeSet]:
    """Rewrite a logged interaction (same checks as logging one), in one transaction;
    the snapshot lets `revert_edit` undo it."""
    participants = _checked_participants(entry, today, confirmed)
    with db.transaction() as session:
        snapshot = q.interaction_rows(session, interaction_id)
        if not snapshot["interactions"]:
            raise MissingError(f"No interaction with id {interaction_id}.")
        _check_people_exist(session, participants)
        before = q.interaction_participant_ids(session, interaction_id)
        q.update_interaction(
            session,
            interaction_id,
            occurred_on=entry.occurred_on,
            kind=InteractionKind(entry.kind).value,
            direction=Direction(entry.direction).value,
            note=entry.note.strip(),
            follow_up_on=entry.follow_up_on,
            participant_ids=participants,
        )
        _add_resource(session, interaction_id, entry.resource)
        _set_event(session, interaction_id, entry.event_id)
    people = frozenset(before) | frozenset(participants)
    old_event = snapshot["interactions"][0].get("event_id")
    return snapshot, ChangeSet(
        people_changed=people,
        interactions_changed=True,
        events_changed=entry.event_id is not None or old_event is not None,
    )


def revert_edit(db: Database, snapshot: Snapshot) -> ChangeSet:
    """Put an edited interaction back as `snapshot` holds it, in place (what refers to
    the interaction keeps referring to it)."""
    row = snapshot["interactions"][0]
    interaction_id = int(str(row["id"]))
    old = _entry_of(snapshot)
    with db.transaction() as session:
        now = q.interaction_participant_ids(session, interaction_id)
        q.update_interaction(
            session,
            interaction_id,
            occurred_on=old.occurred_on,
            kind=old.kind.value,
            direction=old.direction.value,
            note=old.note,
            follow_up_on=old.follow_up_on,
            participant_ids=old.participant_ids,
            follow_up_done=bool(row["follow_up_done"]),
        )
        _add_resource(session, interaction_id, old.resource)
        er.set_interaction_event(session, interaction_id, old.event_id)
    people = frozenset(old.participant_ids) | frozenset(now)
    return ChangeSet(people_changed=people, interactions_changed=True, events_changed=True)


def _checked_participants(
    entry: NewInteraction, today: date | None, confirmed: bool
) -> tuple[int, ...]:
    questions = check_dates(entry, today)
    if questions and not confirmed:
        raise UnconfirmedDateError(questions)
    participants = tuple(dict.fromkeys(entry.participant_ids))
    if not participants:
        raise RuleError("An interaction needs at least one person.")
    return participants


def _check_people_exist(session: Session, participants: tuple[int, ...]) -> None:
    missing = set(participants) - q.existing_person_ids(session, participants)
    if missing:
        raise MissingError(f"No person with id {min(missing)}.")


def _set_event(session: Session, interaction_id: int, event_id: int | None) -> None:
    if event_id is not None and not er.event_rows(session, event_id):
        raise MissingError("The event you chose was deleted meanwhile; choose another.")
    er.set_interaction_event(session, interaction_id, event_id)


def _add_resource(session: Session, interaction_id: int, resource: ResourceFields | None) -> None:
    if resource is not None:
        rq.insert_shared_resource(
            session,
            interaction_id,
            kind=resource.kind,
            title=resource.title.strip(),
            url=resource.url.strip(),
            tags=resource.tags,
        )


@dataclass(frozen=True, slots=True)
class PersonChoice:
    """Someone to pick in a type-ahead: the label tells namesakes apart."""

    id: int
    name: str
    organization: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organization})" if self.organization else self.name


def person_choices(db: Database) -> list[PersonChoice]:
    with db.transaction() as session:
        return [PersonChoice(*row) for row in q.person_choices(session)]


def delete_interaction(db: Database, interaction_id: int) -> ChangeSet:
    """Delete an interaction; due dates of its people are recomputed from what remains."""
    return remove_interaction(db, interaction_id)[1]


Snapshot = dict[str, list[dict[str, object]]]


def remove_interaction(db: Database, interaction_id: int) -> tuple[Snapshot, ChangeSet]:
    """Delete an interaction and return its rows, so `restore_interaction` can undo it."""
    with db.transaction() as session:
        snapshot = q.interaction_rows(session, interaction_id)
        if not snapshot["interactions"]:
            raise MissingError(f"No interaction with id {interaction_id}.")
        participants = q.interaction_participant_ids(session, interaction_id)
        q.delete_interaction(session, interaction_id)
    return snapshot, ChangeSet(people_changed=frozenset(participants), interactions_changed=True)


def restore_interaction(db: Database, snapshot: Snapshot) -> ChangeSet:
    """Bring back a deleted interaction exactly, id included."""
    with db.transaction() as session:
        q.restore_interaction_rows(session, snapshot)
    people = frozenset(int(str(r["person_id"])) for r in snapshot["interaction_participants"])
    return ChangeSet(people_changed=people, interactions_changed=True)


def set_follow_up_done(db: Database, interaction_id: int, done: bool = True) -> ChangeSet:
    """Tick off (or restore) a follow-up without logging anything new."""
    with db.transaction() as session:
        participants = q.interaction_participant_ids(session, interaction_id)
        q.set_follow_up_done(session, interaction_id, done)
    return ChangeSet(people_changed=frozenset(participants), interactions_changed=True)
