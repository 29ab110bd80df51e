"""Where Trellis keeps its files, per platform (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from desktop_app import APP_NAME

DB_FILENAME = "trellis.db"
DATA_DIR_ENV = "TRELLIS_DATA_DIR"


def data_dir() -> Path:
    """The user's data folder; `TRELLIS_DATA_DIR` overrides it (tests, portable installs)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return user_data_path(APP_NAME, appauthor=False, roaming=True)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def db_path(args: object) -> Path:
    """The `--db` given anywhere on the command line (`args.db`), else the default
    location; for the window (`app.py`) and every command (`cli`) alike."""
    path = getattr(args, "db", None)
    return Path(path) if path is not None else default_db_path()


# The suffixes an attached copy keeps, and the only ones "Open" hands to the system: a
# `.desktop` or `.exe` "resume" is kept (named by its SHA-256 alone) but never run.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".md", ".pages"})


def attachments_dir(db_path: Path) -> Path:
    """Files attached to documents live beside the database they belong to."""
    return db_path.with_name(db_path.stem + ".attachments")


def attachment_file(folder: Path, stored: str) -> Path | None:
    """The copy named `stored` inside `folder`, or None when that name leads anywhere
    else: an absolute path, a `..`, a folder separator, a link out of the folder. Trellis
    writes only plain names; anything else comes from a damaged or hand-edited database."""
    name = Path(stored)
    if stored in ("", ".", "..") or name.is_absolute() or name.name != stored:
        return None
    candidate = folder / stored
    try:
        inside = candidate.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return None
    return candidate if inside else None
