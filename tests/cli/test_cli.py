"""The real `trellis` command in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app import __version__
from tests.conftest import run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"trellis {__version__}"


def test_demo_export_check_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    created = run_cli("demo", "--db", str(db), "--contacts", "40", "--seed", "3")
    assert created.returncode == 0, created.stderr
    assert "40 contacts" in created.stderr

    exported = run_cli("export", "--db", str(db), "--format", "json")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert len(data["contacts"]) == 41

    out = tmp_path / "out.json"
    assert run_cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    assert json.loads(out.read_text()) == data

    checked = run_cli("check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout
    assert "sound (41 people)" in checked.stdout


def test_same_seed_exports_the_same_network(tmp_path: Path) -> None:
    exports = []
    for name in ("a.db", "b.db"):
        db = tmp_path / name
        assert run_cli("demo", "--db", str(db), "--contacts", "25", "--seed", "9").returncode == 0
        exports.append(run_cli("export", "--db", str(db)).stdout)
    assert exports[0] == exports[1]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run_cli("demo", "--contacts", "lots", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "invalid int value" in result.stderr
    assert run_cli("export", "--format", "xml", "--db", str(tmp_path / "x.db")).returncode == 2


def test_failures_exit_1_with_a_message_on_stderr(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    result = run_cli("check", "--db", str(not_db))
    assert result.returncode == 1
    assert "not an SQLite file" in result.stderr
    assert not_db.read_text() == "hello"
    missing = run_cli("export", "--db", str(tmp_path / "missing.db"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_check_reports_inconsistencies(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "5").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE people SET full_name = ' ' WHERE id = 2")
    conn.commit()
    conn.close()
    result = run_cli("check", "--db", str(db))
    assert result.returncode == 1
    assert "1 people without a name" in result.stdout


def test_python_dash_m_and_console_script_agree() -> None:
    import subprocess
    import sys

    script = Path(sys.executable).with_name("trellis")
    if not script.exists():
        pytest.skip("trellis is not installed as a console script here")
    out = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == f"trellis {__version__}"


def test_gui_exits_when_ready_over_a_demo_database(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "200").returncode == 0
    result = run_cli("--db", str(db), "--exit-when-ready", timeout=60)
    assert result.returncode == 0, result.stderr


def test_gui_refuses_a_non_database_with_exit_1(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"PK\x03\x04 a zip file, not a database")
    env_result = run_cli("--db", str(bogus), "--exit-when-ready", timeout=60)
    assert env_result.returncode == 1
    assert bogus.read_bytes().startswith(b"PK")


def test_a_folder_given_as_database_gets_a_clear_message(tmp_path: Path) -> None:
    result = run_cli("check", "--db", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_another_programs_write_lock_gives_a_message_and_reads_still_work(
    tmp_path: Path,
) -> None:
    import sqlite3

    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "3").returncode == 0
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        exported = run_cli("export", "--db", str(db), timeout=60)
        imported = run_cli("import", str(card), "--db", str(db), timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert exported.returncode == 0  # WAL: readers are never blocked by a writer
    assert imported.returncode == 1
    assert "Traceback" not in imported.stderr
    assert "locked" in imported.stderr


def test_exit_when_ready_does_not_wait_for_a_hidden_table(tmp_path: Path) -> None:
    """Even when the window last closed on another view, the table is shown and paints.
    (The autouse `data_dir` fixture points XDG_CONFIG_HOME at tmp_path/config.)"""
    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "20").returncode == 0
    config = tmp_path / "config" / "Trellis"
    config.mkdir(parents=True)
    (config / "Trellis.conf").write_text("[main_window]\ncurrent_view=today\n")
    result = run_cli("--db", str(db), "--exit-when-ready", timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "command",
    [["check"], ["due"], ["ics"], ["export"], ["export", "--format", "csv"], ["path", "--to", "x"]],
)
def test_commands_that_read_say_what_is_wrong_with_the_database(
    tmp_path: Path, command: list[str]
) -> None:
    missing = run_cli(*command, "--db", str(tmp_path / "missing.db"))
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "missing.db").exists()
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    broken = run_cli(*command, "--db", str(not_db))
    assert broken.returncode == 1
    assert "not an SQLite file" in broken.stderr and "Traceback" not in broken.stderr
    assert not_db.read_text() == "hello"


def test_check_reads_a_database_from_an_older_trellis_without_upgrading_it(
    tmp_path: Path,
) -> None:
    import hashlib
    import shutil

    old = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).parents[1] / "migrations/fixtures/0001_initial.db", old)
    digest = hashlib.sha256(old.read_bytes()).hexdigest()
    result = run_cli("check", "--db", str(old))
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout
    assert hashlib.sha256(old.read_bytes()).hexdigest() == digest


def test_opening_and_closing_the_window_imports_neither_sqlalchemy_nor_pyqtgraph(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "50").returncode == 0
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('sqlalchemy', 'alembic', "
        "'pyqtgraph', 'networkx') if m in sys.modules)))\n"
        "from desktop_app.cli import main\n"
        f"sys.exit(main(['--db', {str(db)!r}, '--exit-when-ready']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen"),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"  # the first paint needs none of them
