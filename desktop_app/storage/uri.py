"""The one way storage names a database file to SQLite: a percent-encoded `file:` URI."""

from __future__ import annotations

import os
from pathlib import Path


def sqlite_uri(path: Path, *, mode: str | None = None, immutable: bool = False) -> str:
    """An sqlite3 URI for `path` (open with `uri=True`).

    The path is percent-encoded (`pathlib.Path.as_uri`): a `#`, `?` or `%` in a folder's
    name is part of the path, not the start of a query or fragment — `f"file:{path}"`
    would send SQLite to another file (`Job search #2/t.db` → `Job search `).
    """
    uri = Path(os.path.abspath(path)).as_uri()
    query = [f"mode={mode}"] if mode else []
    if immutable:
        query.append("immutable=1")
    return uri + ("?" + "&".join(query) if query else "")
