"""Fast bulk inserts with SQLAlchemy Core, all in the caller's single transaction.

The ORM's unit of work is ~30x slower for tens of thousands of rows (docs/platform-notes.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from desktop_app.storage.tables import Base

CHUNK = 20_000


def insert_rows(session: Session, table_name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """executemany-insert `rows` into `table_name`, in chunks to bound memory."""
    table = Base.metadata.tables[table_name]
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if chunk:
            session.execute(insert(table), list(chunk))


def is_empty(session: Session) -> bool:
    from sqlalchemy import func, select

    people = Base.metadata.tables["people"]
    return not session.scalar(select(func.count()).select_from(people))
