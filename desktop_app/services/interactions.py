"""Logging and deleting interactions: the one gesture that keeps a relationship alive.

Logging resets the check-in clock of everyone involved and answers their pending
follow-ups and thank-yous (they are derived, never stored as "done" by this).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.dates import UnconfirmedDateError, question_interaction_dates
from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.values import ChangeSet
from desktop_app.storage import nurture_queries as q
from desktop_app.storage import reciprocity_queries as rq
from desktop_app.storage.database import Database


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
    questions = check_dates(entry, today)
    if questions and not confirmed:
        raise UnconfirmedDateError(questions)
    participants = tuple(dict.fromkeys(entry.participant_ids))
    if not participants:
        raise ValueError("An interaction needs at least one person.")
    with db.transaction() as session:
        missing = set(participants) - q.existing_person_ids(session, participants)
        if missing:
            raise LookupError(f"No person with id {min(missing)}.")
        interaction_id = q.insert_interaction(
            session,
            occurred_on=entry.occurred_on,
            kind=InteractionKind(entry.kind).value,
            direction=Direction(entry.direction).value,
            note=entry.note.strip(),
            follow_up_on=entry.follow_up_on,
            participant_ids=participants,
        )
        if entry.resource is not None:
            rq.insert_shared_resource(
                session,
                interaction_id,
                kind=entry.resource.kind,
                title=entry.resource.title.strip(),
                url=entry.resource.url.strip(),
                tags=entry.resource.tags,
            )
    return interaction_id, ChangeSet(
        people_changed=frozenset(participants), interactions_changed=True
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
            raise LookupError(f"No interaction with id {interaction_id}.")
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
