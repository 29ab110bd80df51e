"""Where the user left each node: saved positions and pins, per layout."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desktop_app.storage.database import Database
from desktop_app.storage.network_queries import read_positions, write_positions


def load_positions(
    db: Database, layout: str = "force"
) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """(positions by node key, pinned keys) saved for `layout`."""
    with db.transaction() as session:
        stored = read_positions(session, layout)
    positions = {key: (p.x, p.y) for key, p in stored.items()}
    return positions, {key for key, p in stored.items() if p.pinned}


def save_positions(
    db: Database,
    positions: Mapping[str, tuple[float, float]],
    pinned: Iterable[str] = (),
    layout: str = "force",
) -> None:
    """Replace the saved positions of `layout` (nodes filtered out keep theirs)."""
    if db.read_only:
        return
    with db.transaction() as session:
        write_positions(session, layout, positions, pinned, replace=False)


def pin(db: Database, key: str, x: float, y: float, layout: str = "force") -> None:
    """Keep a node where the user dropped it, in every later layout run."""
    place(db, key, x, y, pinned=True, layout=layout)


def place(
    db: Database, key: str, x: float, y: float, *, pinned: bool, layout: str = "force"
) -> None:
    """Save one node's position, pinned or free to move in the next layout run."""
    if db.read_only:
        return
    with db.transaction() as session:
        write_positions(session, layout, {key: (x, y)}, {key} if pinned else (), replace=False)


def unpin(db: Database, keys: Iterable[str], layout: str = "force") -> None:
    if db.read_only:
        return
    with db.transaction() as session:
        stored = read_positions(session, layout)
        kept = {k: (stored[k].x, stored[k].y) for k in keys if k in stored}
        write_positions(session, layout, kept, (), replace=False)


def forget(db: Database, layout: str = "force") -> None:
    """Drop every saved position of `layout` (a fresh layout from scratch)."""
    if db.read_only:
        return
    with db.transaction() as session:
        write_positions(session, layout, {}, (), replace=True)
