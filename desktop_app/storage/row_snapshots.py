"""Exact copies of a person's rows, so a delete can be undone with every link intact.

Found from the schema itself: every table with a foreign key to `people` is visited, so a
table added later is covered without touching this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.errors import MissingError
from desktop_app.storage.tables import Base

Row = dict[str, Any]
_CHUNK = 500  # ids per IN (…): well under SQLite's bound on parameters


@dataclass(frozen=True)
class PersonSnapshot:
    person_id: int
    person_row: Row
    owned_rows: list[tuple[str, list[Row]]] = field(default_factory=list)
    """Rows deleted with the person (ON DELETE CASCADE), table by table."""
    nulled_refs: list[tuple[str, str, list[Any]]] = field(default_factory=list)
    """(table, column, primary keys) that ON DELETE SET NULL will blank."""


def _people() -> Table:
    return Base.metadata.tables["people"]


def _person_references() -> list[tuple[Table, str, str | None]]:
    refs: list[tuple[Table, str, str | None]] = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "people":
                refs.append((table, fk.parent.name, fk.ondelete))
    return refs


def snapshot_person(session: Session, person_id: int) -> PersonSnapshot:
    return snapshot_people(session, [person_id])[0]


def snapshot_people(session: Session, person_ids: Sequence[int]) -> list[PersonSnapshot]:
    """Snapshots of `person_ids` (all must exist), a few queries per 500 people."""
    people = _people()
    snapshots: dict[int, PersonSnapshot] = {}
    for start in range(0, len(person_ids), _CHUNK):
        chunk = list(person_ids[start : start + _CHUNK])
        for row in session.execute(select(people).where(people.c.id.in_(chunk))).mappings():
            snapshots[row["id"]] = PersonSnapshot(row["id"], dict(row))
        missing = set(chunk) - snapshots.keys()
        if missing:
            raise MissingError(f"Contact {min(missing)} no longer exists (deleted meanwhile?).")
        for table, column, ondelete in _person_references():
            where = table.c[column].in_(chunk)
            if ondelete == "CASCADE":
                owned: dict[int, list[Row]] = {}
                for r in session.execute(select(table).where(where)).mappings():
                    owned.setdefault(r[column], []).append(dict(r))
                for pid, rows in owned.items():
                    snapshots[pid].owned_rows.append((table.name, rows))
            elif ondelete == "SET NULL":
                pk = next(iter(table.primary_key.columns))
                nulled: dict[int, list[Any]] = {}
                for key, pid in session.execute(select(pk, table.c[column]).where(where)):
                    nulled.setdefault(pid, []).append(key)
                for pid, keys in nulled.items():
                    snapshots[pid].nulled_refs.append((table.name, column, keys))
    return [snapshots[pid] for pid in person_ids]


def restore_people(session: Session, snapshots: Sequence[PersonSnapshot]) -> None:
    """Put back deleted people and their rows, with their original ids.

    People first, then what they own, then the references that were blanked: a tie
    between two of them needs both back before it can be (foreign keys are checked on
    each insert).
    """
    tables = Base.metadata.tables
    if not snapshots:
        return
    session.execute(insert(_people()), [s.person_row for s in snapshots])
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    for snapshot in snapshots:
        for name, rows in snapshot.owned_rows:
            table = tables[name]
            pk_cols = list(table.primary_key.columns)
            fresh = []
            for row in rows:
                key = (name, tuple(row[c.name] for c in pk_cols))
                if key not in seen:  # a relationship between two deleted people appears twice
                    seen.add(key)
                    fresh.append(row)
            if fresh:
                session.execute(insert(table).prefix_with("OR IGNORE"), fresh)
    for snapshot in snapshots:
        for name, column, keys in snapshot.nulled_refs:
            table = tables[name]
            pk = next(iter(table.primary_key.columns))
            session.execute(update(table).where(pk.in_(keys)).values({column: snapshot.person_id}))


def delete_people(session: Session, person_ids: list[int]) -> list[PersonSnapshot]:
    """Snapshot then delete; cascades and SET NULLs are done by SQLite's foreign keys."""
    from sqlalchemy import delete

    snapshots = snapshot_people(session, person_ids)
    people = _people()
    for start in range(0, len(person_ids), _CHUNK):
        chunk = list(person_ids[start : start + _CHUNK])
        session.execute(delete(people).where(people.c.id.in_(chunk)))
    return snapshots
