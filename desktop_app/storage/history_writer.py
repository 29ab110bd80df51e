"""SQL of history imports: interactions keyed by their source, written on the import's
own connection (inside its one transaction), and what the database knows about me."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from desktop_app.domain.enums import Circle

_IN_CHUNK = 400


@dataclass(frozen=True, slots=True)
class StoredMe:
    id: int
    full_name: str
    emails: tuple[str, ...]
    urls: tuple[str, ...]


def raw_connection(connection: Connection) -> sqlite3.Connection:
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


class HistoryWriter:
    """Interactions and their source keys; ids are handed out in order."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self._raw = raw
        row = raw.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM interactions").fetchone()
        self.first_id = self.next_id = int(row[0])

    def stored_me(self) -> StoredMe | None:
        row = self._raw.execute("SELECT id, full_name FROM people WHERE is_me = 1").fetchone()
        if row is None:
            return None
        pid = int(row[0])
        emails = tuple(
            r[0]
            for r in self._raw.execute("SELECT normalized FROM emails WHERE person_id = ?", (pid,))
        )
        urls = tuple(
            r[0] for r in self._raw.execute("SELECT value FROM urls WHERE person_id = ?", (pid,))
        )
        return StoredMe(pid, str(row[1] or ""), emails, urls)

    def known(self, channel: str, keys: Sequence[str]) -> dict[str, int]:
        """The interactions already stored for these source keys."""
        found: dict[str, int] = {}
        for start in range(0, len(keys), _IN_CHUNK):
            chunk = keys[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, interaction_id in self._raw.execute(
                f"SELECT key, interaction_id FROM interaction_sources WHERE channel = ?"
                f" AND key IN ({marks})",
                (channel, *chunk),
            ):
                found[key] = int(interaction_id)
        return found

    def participants_of(self, interaction_id: int) -> list[int]:
        return [
            int(r[0])
            for r in self._raw.execute(
                "SELECT person_id FROM interaction_participants WHERE interaction_id = ?",
                (interaction_id,),
            )
        ]

    def circles_of(self, ids: Sequence[int]) -> dict[int, Circle]:
        """The circle of each of `ids` that has one."""
        found: dict[int, Circle] = {}
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for pid, circle in self._raw.execute(
                f"SELECT id, circle FROM people WHERE circle IS NOT NULL AND id IN ({marks})",
                chunk,
            ):
                if circle in Circle._value2member_map_:
                    found[int(pid)] = Circle(circle)
        return found

    def allocate_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def insert(
        self,
        interactions: Iterable[tuple[int, date, str, str, str, str]],
        participants: Iterable[tuple[int, int]],
    ) -> None:
        """Rows (id, day, kind, note, channel, key) and (interaction id, person id)."""
        rows = list(interactions)
        self._raw.executemany(
            "INSERT INTO interactions (id, occurred_on, kind, direction, note, follow_up_done)"
            " VALUES (?, ?, ?, 'mutual', ?, 0)",
            [(i, d.isoformat(), kind, note) for i, d, kind, note, _c, _k in rows],
        )
        self._raw.executemany(
            "INSERT INTO interaction_sources (interaction_id, channel, key) VALUES (?, ?, ?)",
            [(i, channel, key) for i, _d, _kind, _n, channel, key in rows],
        )
        self._raw.executemany(
            "INSERT OR IGNORE INTO interaction_participants (interaction_id, person_id)"
            " VALUES (?, ?)",
            list(participants),
        )


def snapshot_interactions(raw: sqlite3.Connection, ids: range) -> dict[str, list[Any]]:
    """Exact rows of interactions `ids` and their participants and sources (undo/redo)."""
    where = "BETWEEN ? AND ?"
    bounds = (ids.start, ids.stop - 1)
    return {
        "interactions": raw.execute(
            f"SELECT * FROM interactions WHERE id {where}", bounds
        ).fetchall(),
        "interaction_participants": raw.execute(
            f"SELECT * FROM interaction_participants WHERE interaction_id {where}",
            bounds,
        ).fetchall(),
        "interaction_sources": raw.execute(
            f"SELECT * FROM interaction_sources WHERE interaction_id {where}",
            bounds,
        ).fetchall(),
    }


def delete_interactions(raw: sqlite3.Connection, ids: range) -> None:
    if ids:
        raw.execute("DELETE FROM interactions WHERE id BETWEEN ? AND ?", (ids.start, ids.stop - 1))


def restore_interactions(raw: sqlite3.Connection, rows: dict[str, list[Any]]) -> None:
    for table in ("interactions", "interaction_participants", "interaction_sources"):
        found = rows.get(table, [])
        if found:
            marks = ",".join("?" * len(found[0]))
            raw.executemany(f"INSERT INTO {table} VALUES ({marks})", found)


def delete_participants(raw: sqlite3.Connection, pairs: list[tuple[int, int]]) -> None:
    raw.executemany(
        "DELETE FROM interaction_participants WHERE interaction_id = ? AND person_id = ?", pairs
    )


def add_participants(raw: sqlite3.Connection, pairs: list[tuple[int, int]]) -> None:
    raw.executemany(
        "INSERT OR IGNORE INTO interaction_participants (interaction_id, person_id) VALUES (?, ?)",
        pairs,
    )
