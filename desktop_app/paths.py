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


def attachments_dir(db_path: Path) -> Path:
    """Files attached to documents live beside the database they belong to."""
    return db_path.with_name(db_path.stem + ".attachments")
