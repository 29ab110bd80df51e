"""`trellis restore` in a subprocess: list, restore, refuse while the database is open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.storage import backup
from desktop_app.storage.database import open_database
from tests.conftest import run_cli


def count_people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])
    finally:
        conn.close()


def test_restore_lists_restores_and_refuses_while_open(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "10").returncode == 0
    copy = backup.make_backup(db, "daily")
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM people WHERE is_me = 0")
    conn.commit()
    conn.close()
    assert count_people(db) == 1

    listed = run_cli("restore", "--db", str(db), "--list")
    assert listed.returncode == 0, listed.stderr
    assert str(copy) in listed.stdout and "daily" in listed.stdout

    with open_database(db):
        refused = run_cli("restore", "--db", str(db), "--from", str(copy))
    assert refused.returncode == 1
    assert "already open" in refused.stderr
    assert count_people(db) == 1

    restored = run_cli("restore", "--db", str(db), "--from", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "before-restore.db" in restored.stderr
    assert count_people(db) == 11
    assert run_cli("check", "--db", str(db)).returncode == 0


def test_restore_usage_and_bad_backup(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert run_cli("restore", "--db", str(db)).returncode == 2
    bad = tmp_path / "bad.db"
    bad.write_text("hello")
    result = run_cli("restore", "--db", str(db), "--from", str(bad))
    assert result.returncode == 1
    assert "cannot be restored" in result.stderr and "not an SQLite file" in result.stderr
    assert bad.read_text() == "hello"
