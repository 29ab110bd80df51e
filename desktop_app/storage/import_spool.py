"""Rows an import reports, spooled to a private temporary SQLite database.

A 100 MB address book is half a million cards; holding a preview row for each would make
memory grow with the file. The report appends its rows here instead and the preview pages
them back. The database is SQLite's own temporary one (`sqlite3.connect("")`): it lives
in the page cache (2 MB) and spills to a file that SQLite created already unlinked, so it
is never visible to other users and disappears when the spool is closed or collected.

Tables have a fixed set of columns chosen by the caller; every row gets `seq` (1, 2, …) in
the order appended.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

_BUFFER = 500  # rows appended before they are written in one executemany


class Spool:
    """One private temporary database; `table()` makes the lists it holds."""

    def __init__(self) -> None:
        # Filled by the import's worker thread, read by the preview in the GUI thread
        # afterwards: one lock serialises every use.
        self._conn = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = OFF")
        self._conn.execute("PRAGMA synchronous = OFF")
        # One transaction for the spool's whole life: nothing here needs to outlive the
        # process, and a commit after every batch wrote its pages out each time (a third
        # of the spool's cost for 40,000 rows).
        self._conn.execute("BEGIN")
        self.lock = threading.RLock()
        self._finalizer = weakref.finalize(self, self._conn.close)

    def table(self, name: str, columns: Sequence[str], key: Sequence[str] = ()) -> SpoolTable:
        return SpoolTable(self, name, tuple(columns), tuple(key))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self.lock:
            return self._conn.execute(sql, params).fetchall()

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.lock:
            self._conn.executemany(sql, rows)

    def close(self) -> None:
        self._finalizer()


class SpoolTable:
    """An append-only list of rows (tuples of `columns`), read back by position."""

    def __init__(self, spool: Spool, name: str, columns: tuple[str, ...], key: tuple[str, ...]):
        self._spool = spool
        self._name = name
        self._columns = columns
        self._pending: list[tuple[Any, ...]] = []
        self._count = 0
        spool.execute(f"CREATE TABLE {name} (seq INTEGER PRIMARY KEY, {', '.join(columns)})")
        if key:
            spool.execute(f"CREATE INDEX {name}_key ON {name} ({', '.join(key)})")
        self._key = key
        self._insert = (
            f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        self._select = f"SELECT {', '.join(columns)} FROM {name}"

    def __len__(self) -> int:
        return self._count

    def append(self, row: Sequence[Any]) -> None:
        self._pending.append(tuple(row))
        self._count += 1
        if len(self._pending) >= _BUFFER:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._spool.executemany(self._insert, self._pending)
            self._pending.clear()

    def rows(self, start: int, stop: int) -> list[tuple[Any, ...]]:
        """Rows `start` up to `stop` (0-based, `stop` excluded), in the order appended."""
        self.flush()
        return self._spool.execute(
            f"{self._select} WHERE seq > ? AND seq <= ? ORDER BY seq", (start, stop)
        )

    def rows_where(self, column: str, value: Any, after: int, limit: int) -> list[tuple[Any, ...]]:
        """Up to `limit` rows whose `column` is `value`, after position `after`, each with
        its position first."""
        self.flush()
        self._check(column)
        found = self._spool.execute(
            f"SELECT seq, {', '.join(self._columns)} FROM {self._name} "
            f"WHERE {column} = ? AND seq > ? ORDER BY seq LIMIT ?",
            (value, after, limit),
        )
        return [(seq - 1, *rest) for seq, *rest in found]

    def set_column(self, column: str, value: Any, positions: Iterable[int]) -> None:
        """Set `column` to `value` in the rows at `positions` (0-based)."""
        self.flush()
        self._check(column)
        self._spool.executemany(
            f"UPDATE {self._name} SET {column} = ? WHERE seq = ?",
            ((value, position + 1) for position in positions),
        )

    def lookup(self, key: Sequence[Any], column: str) -> Any:
        """`column` of the first row whose key columns equal `key`; None when none does."""
        self.flush()
        self._check(column)
        where = " AND ".join(f"{k} = ?" for k in self._key)
        found = self._spool.execute(
            f"SELECT {column} FROM {self._name} WHERE {where} ORDER BY seq LIMIT 1",
            tuple(key),
        )
        return found[0][0] if found else None

    def _check(self, column: str) -> None:
        if column not in self._columns:
            raise ValueError(f"{self._name} has no column {column}")
