"""Contact photos (imported from vCards) for the detail panel's thumbnail."""

from __future__ import annotations

from desktop_app.storage.database import Database
from desktop_app.storage.person_loader import photo_of


def photo_bytes(db: Database, person_id: int) -> bytes | None:
    """The image bytes of a person's photo (JPEG, PNG or GIF), or None; GUI-thread reads."""
    found = photo_of(db.fast_connection(), person_id)
    return found[1] if found else None
