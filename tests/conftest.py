"""Shared fixtures: a temporary data folder and a migrated database on a real SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.storage.database import Database, open_database

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "contacts"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder: nothing touches the real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TRELLIS_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # QSettings too
    return folder


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> None:
    """Remembered window state goes to each test's own folder: never the user's, and
    never carried from one test to the next (a remembered view or sort would be)."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path / "qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, folder)
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "network.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from desktop_app.services.demo import write_demo

    write_demo(db, 60, seed=7)
    return db


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real `trellis` command in a subprocess, importing this checkout."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO_ROOT,
        check=False,
    )
