"""`trellis demo --exports DIR` in a subprocess, and `trellis demo --db` beside it."""

from __future__ import annotations

import json
import mailbox
import zipfile
from pathlib import Path

from tests.conftest import run_cli


def test_demo_exports_writes_the_sample_files_and_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    result = run_cli(
        "demo", "--exports", str(folder), "--exports-unpacked", "--seed", "3",
        "--people", "40", "--messages", "90", "--linkedin-messages", "120", "--events", "20",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    manifest = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert f"Wrote sample exports for Alex Rivera to {folder}" in result.stderr
    assert manifest["seed"] == 3
    assert manifest["people"]["count"] == 40
    assert manifest["calendar"]["events"] == 20
    with zipfile.ZipFile(folder / manifest["files"]["linkedin_zip"]) as archive:
        assert "Connections.csv" in archive.namelist()
        assert archive.read("messages.csv").decode().count("UTC,") == 120
    assert (folder / "linkedin" / "messages.csv").is_file()
    box = mailbox.mbox(folder / "mail.mbox", create=False)
    try:
        assert len(box) == 90
    finally:
        box.close()
    assert (folder / "calendar.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_demo_exports_refuses_a_folder_that_holds_them_already(tmp_path: Path) -> None:
    assert run_cli("demo", "--exports", str(tmp_path), "--people", "30").returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    again = run_cli("demo", "--exports", str(tmp_path), "--seed", "2")
    assert again.returncode == 1
    assert "already holds" in again.stderr and "Traceback" not in again.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_demo_exports_usage_errors_exit_2(tmp_path: Path) -> None:
    cases = (
        (("--exports", str(tmp_path / "a"), "--people", "5"), "--people must be between"),
        (("--exports", str(tmp_path / "b"), "--db", str(tmp_path / "n.db")), "leave out --db"),
        (("--exports", str(tmp_path / "c"), "--contacts", "10"), "leave out --db and --contacts"),
        (("--db", str(tmp_path / "n.db"), "--messages", "500"), "--messages goes with --exports"),
    )
    for args, message in cases:
        result = run_cli("demo", *args)
        assert result.returncode == 2, args
        assert message in result.stderr, result.stderr
    assert not [p.name for p in tmp_path.iterdir()]


def test_demo_db_still_fills_a_database(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    result = run_cli("demo", "--db", str(db), "--seed", "2")
    assert result.returncode == 0, result.stderr
    assert "Created a demo network of 300 contacts" in result.stderr
    checked = run_cli("check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout
    assert "sound (301 people)" in checked.stdout
