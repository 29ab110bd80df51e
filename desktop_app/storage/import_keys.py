"""The duplicate-matching keys of one import, in TEMP tables of the import's own connection.

Everyone known to an import (stored people, and people added earlier in the same run) is
findable by vCard UID, email, phone and LinkedIn profile (exact keys) and by name within a
bucket of organisation and initial (fuzzy candidates). Half a million cards make millions
of keys: in Python dicts that was most of an import's memory. Here they live in SQLite's
temporary database of the import's connection, which keeps a bounded page cache and
spills the rest to an unlinked temporary file. The tables belong to the import's one
transaction: created after its BEGIN (so a rollback removes them) and dropped at its end.

Keys are opaque strings made by the caller (services/importing/duplicates.py); "first in
wins" for exact keys and for a person's name and UID, "last in wins" for the name a person
has in a bucket.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

_TABLES = ("import_keys", "import_names", "import_people")
_IN_CHUNK = 200  # keys per `IN (…)`; a card has a handful


class ImportKeyTables:
    """Create with the import's sqlite3 connection (after its BEGIN); `drop()` before the
    transaction ends."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self._raw = raw
        self.drop()
        raw.execute(
            "CREATE TEMP TABLE import_keys (key TEXT PRIMARY KEY, person_id INTEGER NOT NULL)"
            " WITHOUT ROWID"
        )
        raw.execute(
            "CREATE TEMP TABLE import_names (bucket TEXT NOT NULL, person_id INTEGER NOT NULL,"
            " name TEXT NOT NULL, PRIMARY KEY (bucket, person_id)) WITHOUT ROWID"
        )
        raw.execute(
            "CREATE TEMP TABLE import_people (person_id INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, uid TEXT NOT NULL)"
        )

    def drop(self) -> None:
        for table in _TABLES:
            self._raw.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def add(
        self,
        people: Iterable[tuple[int, str, str]],
        keys: Iterable[tuple[str, int]],
        names: Iterable[tuple[str, int, str]],
    ) -> None:
        """Add `(person_id, display name, uid)`, `(key, person_id)` and
        `(bucket, person_id, name)` rows, each list in the order it happened."""
        self._raw.executemany(
            "INSERT INTO import_people (person_id, name, uid) VALUES (?, ?, ?) "
            "ON CONFLICT (person_id) DO UPDATE SET uid = excluded.uid "
            "WHERE import_people.uid = ''",
            people,
        )
        self._raw.executemany(
            "INSERT OR IGNORE INTO import_keys (key, person_id) VALUES (?, ?)", sorted(keys)
        )
        self._raw.executemany(
            "INSERT OR REPLACE INTO import_names (bucket, person_id, name) VALUES (?, ?, ?)",
            names,
        )

    def people_of(self, keys: Sequence[str]) -> dict[str, int]:
        """The person each of `keys` that is known belongs to."""
        found: dict[str, int] = {}
        for start in range(0, len(keys), _IN_CHUNK):
            chunk = keys[start : start + _IN_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._raw.execute(
                f"SELECT key, person_id FROM import_keys WHERE key IN ({marks})", chunk
            )
            found.update(rows)
        return found

    def names_in(self, buckets: Sequence[str]) -> list[tuple[str, int, str]]:
        """Everyone in `buckets`: (bucket, person_id, the name they have there)."""
        marks = ", ".join("?" for _ in buckets)
        return self._raw.execute(
            f"SELECT bucket, person_id, name FROM import_names WHERE bucket IN ({marks})",
            buckets,
        ).fetchall()

    def person(self, person_id: int) -> tuple[str, str] | None:
        """The display name and UID first seen for `person_id`."""
        row = self._raw.execute(
            "SELECT name, uid FROM import_people WHERE person_id = ?", (person_id,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def __len__(self) -> int:
        return int(self._raw.execute("SELECT COUNT(*) FROM import_people").fetchone()[0])
