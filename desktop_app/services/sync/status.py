"""The sync line of the window's status bar; light on purpose (no SQLAlchemy, no httpx):
the window reads it right after its first paint."""

from __future__ import annotations

from desktop_app.storage.database import Database
from desktop_app.storage.sync_status import SyncStatus, read_sync_status

__all__ = ["SyncStatus", "status"]


def status(db: Database) -> SyncStatus:
    """Accounts, the last sync and the conflicts waiting."""
    return read_sync_status(db.fast_connection())
