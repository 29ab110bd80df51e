"""Who is "me", the centre of the map and the start of every path: choosing them later.

`trellis import` into an empty database, or an import after the welcome dialog that brings
in the user's own card, leaves the network without a me or with a second copy of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop_app.domain.values import ChangeSet, ContactSummary
from desktop_app.storage import contact_summaries
from desktop_app.storage.database import Database

DECLINED_SETTING = "who_is_me.declined"  # the user said "not now" when the window asked


def become_me(db: Database, person_id: int) -> tuple[list[object], ChangeSet]:
    """Make `person_id` me (a former me is folded into them); the snapshots undo it."""
    from desktop_app.storage import me_repository, row_snapshots

    with db.transaction() as session:
        former = me_repository.me_id(session)
        ids = [person_id] if former in (None, person_id) else [person_id, former]
        snapshots = row_snapshots.snapshot_people(session, ids)
        me_repository.become_me(session, person_id)
    removed = frozenset(ids[1:])
    return list(snapshots), _change(frozenset(), removed, person_id)


def undo_become_me(db: Database, person_id: int, snapshots: Sequence[object]) -> ChangeSet:
    """Put `person_id` and a former me back exactly as `become_me` found them."""
    from desktop_app.storage import row_snapshots

    people = [s for s in snapshots if isinstance(s, row_snapshots.PersonSnapshot)]
    with db.transaction() as session:
        row_snapshots.delete_people(session, [person_id])
        row_snapshots.restore_people(session, people)
    added = frozenset(s.person_id for s in people if s.person_id != person_id)
    return _change(added, frozenset(), person_id)


def _change(added: frozenset[int], removed: frozenset[int], person_id: int) -> ChangeSet:
    return ChangeSet(
        people_added=added,
        people_changed=frozenset({person_id}),
        people_removed=removed,
        relationships_changed=True,
        interactions_changed=True,
    )


def same_name(summaries: Iterable[ContactSummary], name: str) -> list[ContactSummary]:
    """The people called `name` (case and spacing aside), me left out."""
    wanted = " ".join(name.casefold().split())
    return [
        s
        for s in summaries
        if not s.is_me and wanted and " ".join(s.full_name.casefold().split()) == wanted
    ]


def declined(db: Database) -> bool:
    return contact_summaries.read_setting(db.fast_connection(), DECLINED_SETTING) == "1"


def decline(db: Database) -> None:
    """Remember "not now": the window does not ask again on open (Edit ▸ Which one is me…
    still does)."""
    from desktop_app.storage import me_repository

    with db.transaction() as session:
        me_repository.remember_setting(session, DECLINED_SETTING, "1")
