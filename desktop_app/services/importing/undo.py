"""Undoing an import made from the window, and redoing it.

While an import writes, its journal keeps the people it adds (a range of ids: they are
handed out in order) and, before each merge, an exact copy of the person it changes. Undo
deletes the added people and puts the merged ones back as they were, in one transaction;
redo puts back exactly what the import had left. Organisations and tags it created stay
(unused ones are harmless and show nowhere).

Past `UNDO_LIMIT` people the journal stops keeping copies and the import is not
undoable: memory stays bounded, and the backup taken before every window import is the
way back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop_app.domain.values import ChangeSet
from desktop_app.storage import history_writer, row_snapshots
from desktop_app.storage.database import Database
from desktop_app.storage.history_writer import raw_connection
from desktop_app.storage.row_snapshots import PersonSnapshot

if TYPE_CHECKING:
    from desktop_app.storage.handles import Session

UNDO_LIMIT = 10_000  # people added + merged; undoing as many takes ~2 s here


@dataclass
class ImportJournal:
    first_id: int = 0
    next_id: int = 0
    before: dict[int, PersonSnapshot] = field(default_factory=dict)
    too_big: bool = False
    interactions: range = range(0)  # made by a history import: ids are handed out in order
    participants: list[tuple[int, int]] = field(default_factory=list)  # joined older ones

    @property
    def added(self) -> range:
        return range(self.first_id, self.next_id)

    @property
    def undoable(self) -> bool:
        changed = (
            len(self.added) + len(self.before) + len(self.interactions) + len(self.participants)
        )
        return not self.too_big and 0 < changed <= UNDO_LIMIT

    def remember(self, session: Session, merged: Iterable[int]) -> None:
        """Copy the people about to be merged into, unless added by this very import (ids
        from `first_id` on are new)."""
        if self.too_big:
            return
        new = [pid for pid in merged if pid < self.first_id and pid not in self.before]
        if len(self.before) + len(new) > UNDO_LIMIT:
            self.too_big = True
            self.before.clear()
            return
        for snapshot in row_snapshots.snapshot_people(session, new):
            self.before[snapshot.person_id] = snapshot


@dataclass(frozen=True)
class ImportRedo:
    """What the import had left, taken by `undo_import` so `redo_import` can put it back."""

    added: list[PersonSnapshot]
    merged: list[PersonSnapshot]
    interactions: dict[str, list[Any]] = field(default_factory=dict)


def undo_import(db: Database, journal: ImportJournal) -> tuple[ImportRedo, ChangeSet]:
    merged = list(journal.before)
    with db.transaction() as session:
        raw = raw_connection(session.connection())
        interactions = history_writer.snapshot_interactions(raw, journal.interactions)
        history_writer.delete_interactions(raw, journal.interactions)
        history_writer.delete_participants(raw, journal.participants)
        merged_after = row_snapshots.delete_people(session, merged)
        added = row_snapshots.delete_people(session, list(journal.added))
        row_snapshots.restore_people(session, list(journal.before.values()))
    change = ChangeSet(
        people_removed=frozenset(journal.added),
        people_changed=frozenset(merged),
        relationships_changed=True,
        interactions_changed=True,
        organizations_changed=True,
    )
    return ImportRedo(added, merged_after, interactions), change


def redo_import(db: Database, journal: ImportJournal, redo: ImportRedo) -> ChangeSet:
    with db.transaction() as session:
        row_snapshots.delete_people(session, list(journal.before))
        row_snapshots.restore_people(session, [*redo.merged, *redo.added])
        raw = raw_connection(session.connection())
        history_writer.restore_interactions(raw, redo.interactions)
        history_writer.add_participants(raw, journal.participants)
    return ChangeSet(
        people_added=frozenset(journal.added),
        people_changed=frozenset(journal.before),
        relationships_changed=True,
        interactions_changed=True,
        organizations_changed=True,
    )
