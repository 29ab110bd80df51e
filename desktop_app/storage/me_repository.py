"""Who is "me": marking an existing person as the owner of the network.

A network can lack a me (made by `trellis import`, or the question was put off), or have a
bare me from the welcome dialog while the user's own card arrives in an import. Either way
the chosen person becomes me; a former me is folded into them so nothing of it is lost.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from desktop_app.storage.row_snapshots import _person_references
from desktop_app.storage.tables import Base, Setting

# Columns of `people` that say what the row is rather than about the person.
_NOT_FOLDED = frozenset({"id", "is_me", "source", "vcard_uid", "created_at", "updated_at"})


def me_id(session: Session) -> int | None:
    people = Base.metadata.tables["people"]
    found = session.scalar(select(people.c.id).where(people.c.is_me.is_(True)))
    return int(found) if found is not None else None


def become_me(session: Session, person_id: int) -> int | None:
    """Make `person_id` me; return the former me's id (now merged away), or None.

    The former me's rows (ties, interactions, contact points, jobs, tags…) move to
    `person_id` unless the same row is already there (SQLite's UPDATE OR IGNORE skips a
    clash, e.g. a tie between the two, and the delete's cascade removes it); its fields fill
    those `person_id` leaves empty. Found from the schema like `row_snapshots`, so a table
    added later is covered.
    """
    people = Base.metadata.tables["people"]
    chosen = session.execute(select(people).where(people.c.id == person_id)).mappings().one()
    former = me_id(session)
    if former == person_id:
        return None
    if former is not None:
        old = session.execute(select(people).where(people.c.id == former)).mappings().one()
        filled: dict[str, Any] = {
            name: old[name]
            for name in chosen.keys()  # noqa: SIM118 - a RowMapping
            if name not in _NOT_FOLDED
            and chosen[name] in (None, "")
            and old[name] not in (None, "")
        }
        for table, column, _ondelete in _person_references():
            session.execute(
                update(table)
                .where(table.c[column] == former)
                .values({column: person_id})
                .prefix_with("OR IGNORE")
            )
        session.execute(delete(people).where(people.c.id == former))
        if filled:
            session.execute(update(people).where(people.c.id == person_id).values(filled))
    session.execute(update(people).where(people.c.id == person_id).values(is_me=True))
    return former


def remember_setting(session: Session, key: str, value: str) -> None:
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
