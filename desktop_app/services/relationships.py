"""Ties between two people: add one, make it stronger or weaker, take it back."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.enums import RelationshipKind
from desktop_app.domain.errors import RuleError
from desktop_app.domain.values import ChangeSet
from desktop_app.storage import people_repository
from desktop_app.storage.database import Database
from desktop_app.storage.network_queries import tie_exists


def add_relationship(
    db: Database, a_id: int, b_id: int, kind: RelationshipKind | str, strength: int
) -> tuple[int, ChangeSet]:
    """Record that `a_id` and `b_id` know each other; returns the tie's id and the change.

    Raises `ValueError` for a tie to oneself, a strength outside 1..5, an unknown kind or a
    pair already tied with that kind.
    """
    kind = RelationshipKind(kind)
    if _already_tied(db, a_id, b_id, kind):
        raise RuleError("These two are already linked that way.")
    with db.transaction() as session:
        tie_id = people_repository.add_relationship(session, a_id, b_id, kind.value, strength)
    return tie_id, ChangeSet(people_changed=frozenset({a_id, b_id}), relationships_changed=True)


@dataclass(frozen=True, slots=True)
class Tie:
    id: int
    a_id: int
    b_id: int
    kind: RelationshipKind
    strength: int

    @property
    def people(self) -> tuple[int, int]:
        return self.a_id, self.b_id


def tie(db: Database, tie_id: int) -> Tie:
    """One tie as stored; `LookupError` when it no longer exists."""
    with db.transaction() as session:
        a_id, b_id, kind, strength = people_repository.relationship(session, tie_id)
    return Tie(tie_id, a_id, b_id, RelationshipKind(kind), strength)


def set_strength(
    db: Database, tie_id: int, a_id: int, b_id: int, strength: int
) -> tuple[int, ChangeSet]:
    """Change how strong a tie is (1 weak … 5 strong); returns the strength it had."""
    with db.transaction() as session:
        before = people_repository.set_relationship_strength(session, tie_id, strength)
    return before, ChangeSet(people_changed=frozenset({a_id, b_id}), relationships_changed=True)


def delete_relationship(db: Database, tie_id: int, a_id: int, b_id: int) -> ChangeSet:
    with db.transaction() as session:
        people_repository.delete_relationship(session, tie_id)
    return ChangeSet(people_changed=frozenset({a_id, b_id}), relationships_changed=True)


def _already_tied(db: Database, a_id: int, b_id: int, kind: RelationshipKind) -> bool:
    with db.transaction() as session:
        return tie_exists(session, a_id, b_id, kind.value)
