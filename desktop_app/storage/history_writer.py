"""SQL of history imports: interactions keyed by their source, written on the import's
own connection (inside its one transaction), and what the database knows about me."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.domain.enums import Circle
from desktop_app.storage import not_contacts

if TYPE_CHECKING:
    from sqlalchemy import Connection

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


def me_id(raw: sqlite3.Connection) -> int | None:
    """The id of me, on a plain connection (the import's: no ORM)."""
    row = raw.execute("SELECT id FROM people WHERE is_me = 1").fetchone()
    return int(row[0]) if row is not None else None


class HistoryWriter:
    """Interactions and their source keys; ids are handed out in order.

    With `dry_run` nothing reaches the user's tables: what `insert` would write goes to
    TEMP tables of the import's connection (created after its BEGIN, dropped by `close`),
    where `known` and `participants_of` find it again, so a preview that lets thread-days
    go from memory counts each one once, as the import does."""

    def __init__(self, raw: sqlite3.Connection, dry_run: bool = False) -> None:
        self._raw = raw
        self.dry_run = dry_run
        row = raw.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM interactions").fetchone()
        self.first_id = self.next_id = int(row[0])
        if dry_run:
            self.close()
            raw.execute(
                "CREATE TEMP TABLE dry_sources (interaction_id INTEGER NOT NULL,"
                " channel TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (channel, key))"
                " WITHOUT ROWID"
            )
            raw.execute(
                "CREATE TEMP TABLE dry_participants (interaction_id INTEGER NOT NULL,"
                " person_id INTEGER NOT NULL, PRIMARY KEY (interaction_id, person_id))"
                " WITHOUT ROWID"
            )

    def close(self) -> None:
        """Drop a dry run's TEMP tables (before the import's transaction ends)."""
        if self.dry_run:
            self._raw.execute("DROP TABLE IF EXISTS temp.dry_sources")
            self._raw.execute("DROP TABLE IF EXISTS temp.dry_participants")

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
        tables = (
            ("interaction_sources", "temp.dry_sources")
            if self.dry_run
            else ("interaction_sources",)
        )
        for table in tables:
            for start in range(0, len(keys), _IN_CHUNK):
                chunk = keys[start : start + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, interaction_id in self._raw.execute(
                    f"SELECT key, interaction_id FROM {table} WHERE channel = ?"
                    f" AND key IN ({marks})",
                    (channel, *chunk),
                ):
                    found.setdefault(key, int(interaction_id))
        return found

    def participants_of(self, interaction_id: int) -> list[int]:
        """Who is on `interaction_id` (in a dry run, with whom the run has put on it)."""
        sql = "SELECT person_id FROM interaction_participants WHERE interaction_id = ?"
        if self.dry_run:
            sql += " UNION SELECT person_id FROM temp.dry_participants WHERE interaction_id = ?"
        params = (interaction_id,) * (2 if self.dry_run else 1)
        return [int(r[0]) for r in self._raw.execute(sql, params)]

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

    def set_circles(self, circles: Sequence[tuple[int, str]]) -> None:
        """Give each (person, circle) its circle, only where the person has none (a
        circle the user chose is never replaced) and never to me."""
        from datetime import datetime

        now = datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
        self._raw.executemany(
            "UPDATE people SET circle = ?, updated_at = ?"
            " WHERE id = ? AND circle IS NULL AND is_me = 0",
            [(circle, now, person_id) for person_id, circle in circles],
        )

    def remember_not_contacts(self, entries: Sequence[dict[str, Any]]) -> None:
        """Keep the people of this import who are not contacts (storage/not_contacts.py)."""
        if not self.dry_run:
            not_contacts.remember(self._raw, entries)

    def allocate_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def insert(
        self,
        interactions: Iterable[tuple[int, date, str, str, str, str]],
        participants: Iterable[tuple[int, int]],
    ) -> None:
        """Rows (id, day, kind, note, channel, key) and (interaction id, person id); in a
        dry run only the keys and participants, to the TEMP tables."""
        rows = list(interactions)
        if self.dry_run:
            self._raw.executemany(
                "INSERT INTO temp.dry_sources (interaction_id, channel, key) VALUES (?, ?, ?)",
                [(i, channel, key) for i, _d, _kind, _n, channel, key in rows],
            )
            self._raw.executemany(
                "INSERT OR IGNORE INTO temp.dry_participants (interaction_id, person_id)"
                " VALUES (?, ?)",
                list(participants),
            )
            return
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
