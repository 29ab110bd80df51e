"""A database on read-only media opens read-only with the banner, and nothing is written.

Read-only media are simulated by making the folder (and the file) unwritable: `chmod` for
an ordinary user; for root, who writes anywhere, the immutable attribute (`chattr +i`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.app import open_for_gui
from desktop_app.services.demo import write_demo
from desktop_app.storage.database import open_database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.conftest import run_cli


def _protect(paths: list[Path], on: bool) -> bool:
    if os.geteuid() != 0:
        for path in paths:
            path.chmod((0o555 if path.is_dir() else 0o444) if on else 0o755)
        return True
    if shutil.which("chattr") is None:
        return False
    flag = "+i" if on else "-i"
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def on_read_only_media(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cdrom"
    folder.mkdir()
    path = folder / "network.db"
    with open_database(path, backups=False) as db:
        write_demo(db, 25, seed=4)
    for extra in folder.iterdir():  # a disc holds the database alone
        if extra != path:
            extra.unlink()
    protected = [path, folder]
    if not _protect(protected, True):
        pytest.skip("cannot make a folder read-only here")
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("the folder stayed writable")
        yield path
    finally:
        _protect(protected, False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_window_opens_read_only_with_the_banner(qtbot: QtBot, on_read_only_media: Path) -> None:
    before = digest(on_read_only_media)
    db = open_for_gui(on_read_only_media, read_only=False, interactive=False)
    assert db is not None and db.read_only
    window = MainWindow(Workspace(db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    banner = window.findChild(QLabel, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert "read-only" in banner.text()
    assert window.contacts_view.model.rowCount() == 26
    assert not window.actions_by_name["new_contact"].isEnabled()
    db.close()
    assert digest(on_read_only_media) == before
    assert sorted(p.name for p in on_read_only_media.parent.iterdir()) == ["network.db"]


def test_commands_read_from_read_only_media(on_read_only_media: Path) -> None:
    gui = run_cli("--db", str(on_read_only_media), "--exit-when-ready")
    assert gui.returncode == 0, gui.stderr
    assert "read-only location; opened read-only" in gui.stderr
    exported = run_cli("export", "--db", str(on_read_only_media))
    assert exported.returncode == 0, exported.stderr
    assert '"contacts"' in exported.stdout
    checked = run_cli("check", "--db", str(on_read_only_media))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    imported = run_cli("import", "--db", str(on_read_only_media), str(on_read_only_media))
    assert imported.returncode == 1
    assert "cannot write" in imported.stderr
