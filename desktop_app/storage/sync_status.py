"""What the window's status line says about sync, read on the fast sqlite3 connection
(no SQLAlchemy on the way to the first paint): accounts, the last sync, waiting conflicts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SyncStatus:
    accounts: int
    last_synced_at: datetime | None
    last_summary: str
    conflicts: int


def read_sync_status(conn: sqlite3.Connection) -> SyncStatus:
    accounts = int(conn.execute("SELECT count(*) FROM sync_accounts").fetchone()[0])
    row = conn.execute(
        "SELECT last_synced_at, last_summary FROM sync_accounts "
        "WHERE last_synced_at IS NOT NULL ORDER BY last_synced_at DESC LIMIT 1"
    ).fetchone()
    conflicts = int(conn.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0])
    when = None
    summary = ""
    if row is not None:
        try:
            when = datetime.fromisoformat(str(row[0]))
        except ValueError:
            when = None
        summary = str(row[1] or "")
    return SyncStatus(accounts, when, summary, conflicts)
