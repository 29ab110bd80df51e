"""What the commands print and write when the data is hostile: terminal escapes in names,
control characters in calendar text, file names that are not UTF-8, absurd day counts."""

from __future__ import annotations

import os
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services.contacts import ContactsService
from desktop_app.storage.backup import make_backup
from desktop_app.storage.database import open_database
from tests.conftest import run_cli

RETITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
RTL = "\u202e"
HOSTILE_NAME = f"Ann {RETITLE}{CLEAR}Lee{RTL}gnp.exe"
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_shown_not_obeyed(text: str) -> None:
    assert RAW_CONTROLS.search(text) is None, repr(text)


def _person(db_path: Path, name: str, circle: Circle | None = Circle.INNER) -> None:
    with open_database(db_path, backups=False) as db:
        ContactsService(db).create(NewPerson(PersonFields(full_name=name, circle=circle)))


def test_import_dry_run_shows_escapes_in_names_instead_of_obeying_them(tmp_path: Path) -> None:
    card = tmp_path / "hostile.vcf"
    card.write_bytes(
        (
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{HOSTILE_NAME}\r\nORG:Acme{CLEAR}\r\nEMAIL:ann@example.com\r\n"
            "END:VCARD\r\n"
        ).encode()
    )
    result = run_cli("import", "--dry-run", "--db", str(tmp_path / "t.db"), str(card))
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout + result.stderr)
    assert "Ann \\x1b]0;pwned\\x07\\x1b[2JLee\\u202egnp.exe (Acme\\x1b[2J)" in result.stdout


def test_import_rejections_on_stderr_show_escapes(tmp_path: Path) -> None:
    card = tmp_path / f"bad{CLEAR}.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name\r\nEND:VCARD\r\n")
    result = run_cli("import", "--db", str(tmp_path / "t.db"), str(card))
    assert_shown_not_obeyed(result.stdout + result.stderr)
    assert "bad\\x1b[2J.vcf, line 1" in result.stderr


def test_due_shows_escapes_in_names(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _person(db, HOSTILE_NAME)
    later = (date.today() + timedelta(days=30)).isoformat()
    result = run_cli("due", "--db", str(db), "--as-of", later)
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout)
    assert "Ann \\x1b]0;pwned\\x07\\x1b[2JLee\\u202egnp.exe — " in result.stdout


def test_restore_list_shows_escapes_in_backup_paths(tmp_path: Path) -> None:
    folder = tmp_path / f"odd{CLEAR}folder"
    folder.mkdir()
    db = folder / "n.db"
    _person(db, "Ana")
    make_backup(db, "manual")
    result = run_cli("restore", "--list", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout)
    assert "odd\\x1b[2Jfolder" in result.stdout


def test_review_text_shows_escapes_in_the_file_name(tmp_path: Path) -> None:
    source = tmp_path / f"pitch{RETITLE}.txt"
    source.write_text("I build the the tools nurses use.", encoding="utf-8")
    result = run_cli("review-text", str(source), "--kind", "pitch")
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout)
    assert "pitch\\x1b]0;pwned\\x07.txt:1:9: repeated_word" in result.stdout


def test_check_shows_escapes_in_the_database_path(tmp_path: Path) -> None:
    db = tmp_path / f"n{CLEAR}.db"
    _person(db, "Ana")
    result = run_cli("check", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout)
    assert "n\\x1b[2J.db: sound" in result.stdout


# -- the calendar ----------------------------------------------------------------------


def test_ics_text_values_hold_no_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _person(db, "Nul\x00 Vt\x0b Ff\x0c Esc\x1b[2J Del\x7f C1\x9b Tab\tName")
    later = (date.today() + timedelta(days=30)).isoformat()
    result = run_cli("ics", "--db", str(db), "--as-of", later, "--out", str(tmp_path / "c.ics"))
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "c.ics").read_bytes()
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        text = line.decode("utf-8")
        assert re.search("[\x00-\x08\x0a-\x1f\x7f-\x9f]", text) is None, repr(text)
    unfolded = b"".join(
        line[1:] if line.startswith(b" ") else b"\n" + line for line in lines
    ).decode()
    assert "SUMMARY:Check in with Nul Vt Ff Esc[2J Del C1 Tab\tName" in unfolded


# -- file names that are not UTF-8 ---------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always Unicode")
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_file_name_that_is_not_utf8_is_imported_and_shown(tmp_path: Path, dry_run: bool) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.vcf")
    (folder / name).write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEMAIL:ana@example.com\r\nBDAY:bad\r\n"
        b"TEL;ENCODING=QUOTED-PRINTABLE:=ZZ\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n"
    )
    rejected = tmp_path / "rejected.txt"
    db = tmp_path / "t.db"
    args = ["import", "--db", str(db), str(folder), "--rejected", str(rejected)]
    result = run_cli(*args, *(["--dry-run"] if dry_run else []))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "caf\\xe9.vcf, line 8: the card has no name" in result.stderr
    assert "1 new, 0 merged, 0 skipped, 1 rejected" in result.stdout
    if dry_run:
        assert "Ana  [caf\\xe9.vcf:1]" in result.stdout
    assert "caf\\xe9.vcf, lines 8-11" in rejected.read_text(encoding="utf-8")
    assert "NOTE:nobody" in rejected.read_text(encoding="utf-8")


# -- absurd numbers and a folder for a file ---------------------------------------------


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("ics", "--days", "999999999"),
        ("due", "--within", "99999999"),
        ("ics", "--days", "36501"),
    ],
)
def test_day_counts_past_a_century_are_usage_errors(
    tmp_path: Path, command: str, option: str, value: str
) -> None:
    db = tmp_path / "n.db"
    _person(db, "Ana")
    result = run_cli(command, "--db", str(db), option, value)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "at most 36500 days" in result.stderr


@pytest.mark.parametrize("command", ["ics", "due"])
def test_a_horizon_past_the_year_9999_is_a_usage_error(tmp_path: Path, command: str) -> None:
    db = tmp_path / "n.db"
    _person(db, "Ana")
    option = "--days" if command == "ics" else "--within"
    result = run_cli(command, "--db", str(db), "--as-of", "9999-12-01", option, "90")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "past the last date, 9999-12-31" in result.stderr


def test_ics_out_a_folder_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _person(db, "Ana")
    folder = tmp_path / "calendars"
    folder.mkdir()
    result = run_cli("ics", "--db", str(db), "--out", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{folder} is a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if "calendars" in p.name) == ["calendars"]
    assert list(folder.iterdir()) == []


def test_check_flags_an_attachment_path_that_leads_outside_its_folder(tmp_path: Path) -> None:
    from desktop_app.services import documents

    db_path = tmp_path / "n.db"
    source = tmp_path / f"cv{CLEAR}.pdf"
    source.write_bytes(b"%PDF")
    with open_database(db_path, backups=False) as db:
        document_id, _ = documents.create_document(db, "resume", "Resume", [])
        documents.attach_file(db, document_id, source)
        db.fast_connection().execute(
            "UPDATE document_versions SET file_path = '../../../../etc/passwd'"
        )
    result = run_cli("check", "--db", str(db_path))
    assert result.returncode == 1
    assert_shown_not_obeyed(result.stdout)
    assert (
        "document 1 version 1: the stored name of “cv\\x1b[2J.pdf”, “../../../../etc/passwd”, "
        "leads outside"
    ) in result.stdout


@pytest.mark.parametrize("fmt", ["vcf", "vcf3", "json"])
def test_export_to_stdout_escapes_control_characters_by_its_format(
    tmp_path: Path, fmt: str
) -> None:
    db = tmp_path / "n.db"
    _person(db, HOSTILE_NAME)
    result = run_cli("export", "--db", str(db), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    if fmt == "json":
        assert "Ann \\u001b]0;pwned\\u0007\\u001b[2JLee\u202egnp.exe" in result.stdout
    else:
        unfolded = result.stdout.replace("\n ", "")  # text mode: CRLF read as \n
        assert f"\nFN:Ann ]0\\;pwned[2JLee{RTL}gnp.exe\n" in unfolded
