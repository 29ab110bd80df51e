"""`trellis import` of a LinkedIn export, an mbox and a calendar, through the real command."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.history_files import (
    ADA_MAIL,
    ME_MAIL,
    ics_text,
    linkedin_files,
    linkedin_folder,
    linkedin_zip,
    mbox_text,
    message,
)


def _files(tmp_path: Path) -> list[str]:
    export = linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip")
    mail = tmp_path / "All mail Including Spam and Trash.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ics_text(date.today()), encoding="utf-8", newline="")
    return [str(export), str(mail), str(calendar)]


def _import(db: Path, *files: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    result = run_cli("import", *files, "--db", str(db), "--json", *extra)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_exports_become_contacts_and_interactions_and_a_reimport_doubles_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "network.db"
    files = _files(tmp_path)
    first = _import(db, *files)

    assert first["contacts"] == {
        "new": 2, "merged": 0, "skipped": 0, "rejected": 0, "possible_duplicates": 0,
    }  # fmt: skip
    history = first["history"]
    # LinkedIn: c1 on two days, the group c2, Ben's invitation; mail: thread m1 on two
    # days; calendar: e1 and the weekly meeting's 4 past occurrences.
    assert history["interactions_new"] == 11
    assert history["interactions_known"] == 0
    assert history["left_out"] == {
        "automatic": 1, "bulk": 1, "cancelled": 1, "declined": 1, "linkedin_system": 1,
        "mailing_list": 1, "no_reply": 1, "too_many_attendees": 1, "too_many_recipients": 1,
    }  # fmt: skip
    assert history["unknown_files"] == ["Basic_LinkedInDataExport.zip/Rich_Media.csv"]
    names = [u["name"] for u in first["unmatched"]]
    assert "Zoë Ng" in names and "Carl Dunn" in names  # RFC 2047 decoded
    assert "Robin Quill" not in names  # me, from Profile.csv and Email Addresses.csv
    kinds = dict(_rows(db, "SELECT kind, COUNT(*) FROM interactions GROUP BY kind"))
    assert kinds == {"message": 4, "email": 2, "meeting": 5}
    # Me, from Profile.csv (issue 13): the owner of the network, never a contact.
    assert _rows(db, "SELECT is_me FROM people WHERE full_name = 'Robin Quill'") == [(1,)]
    met = dict(_rows(db, "SELECT full_name, met_on FROM people"))
    assert met["Ada Brook"] == "2020-10-05"  # Connected On
    ties = first["suggestions"]["ties"]
    assert [(t["count"]) for t in ties] == [1]  # Ada and Ben in the group conversation
    circles = {c["id"]: c["circle"] for c in first["suggestions"]["circles"]}
    ada = _rows(db, "SELECT id FROM people WHERE full_name = 'Ada Brook'")[0][0]
    assert circles[ada] == "close"  # 10 interactions, the last today
    assert {c["current"] for c in first["suggestions"]["circles"]} == {None}
    # Nobody had a circle: each got the suggested one (tests/cli/test_history_gaps_cli.py)
    assert dict(_rows(db, "SELECT id, circle FROM people WHERE circle IS NOT NULL")) == circles
    # Privacy: no body, no description, no subject unless asked.
    notes = _rows(db, "SELECT note FROM interactions")
    assert set(notes) == {("",)}
    dump = (db.read_bytes() + b"").decode("latin-1")
    assert "secret body" not in dump and "never stored" not in dump

    exported = run_cli("export", "--db", str(db), "--format", "json")
    assert exported.returncode == 0, exported.stderr
    shown = json.loads(exported.stdout)["interactions"]
    assert len(shown) == 11
    assert {s["channel"] for i in shown for s in i["sources"]} == {"linkedin", "email", "calendar"}
    assert all(ada in i["participants"] for i in shown if i["kind"] == "email")

    again = _import(db, *files)
    assert again["history"]["interactions_new"] == 0
    assert again["history"]["interactions_known"] == 11
    assert _rows(db, "SELECT COUNT(*) FROM interactions") == [(11,)]
    assert again["contacts"]["new"] == 0
    # From what was read, known or not; the circles are theirs now.
    assert again["suggestions"]["ties"] == first["suggestions"]["ties"]
    assert again["suggestions"]["circles"] == [
        dict(c, current=c["circle"]) for c in first["suggestions"]["circles"]
    ]
    assert again["history"]["circles_applied"] == 0


def test_subjects_are_kept_only_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    _import(db, *_files(tmp_path), extra=("--subjects",))
    notes = {n for (n,) in _rows(db, "SELECT note FROM interactions")}
    assert "Coffee?" in notes and "Catch-up" in notes


def test_an_unpacked_export_folder_and_the_dry_run(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    folder = linkedin_folder(tmp_path / "export")
    preview = _import(db, str(folder), extra=("--dry-run",))
    assert preview["history"]["interactions_new"] == 4
    assert not db.exists()  # a dry run writes nothing, not even a schema into a new file
    done = _import(db, str(folder))
    assert done["history"]["interactions_new"] == 4
    assert _rows(db, "SELECT COUNT(*) FROM interaction_sources") == [(4,)]


def test_mail_matches_contacts_by_address_and_the_owner_is_me(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Brook\r\nEMAIL:ada@brook.example\r\nEND:VCARD\r\n"
    )
    mail = tmp_path / "Inbox"  # Thunderbird: no suffix, recognised by content
    mail.write_text(
        message(ADA_MAIL, ME_MAIL, "Sat, 10 Jun 2023 10:00:00 +0200", "a@x")
        + message(ME_MAIL, ADA_MAIL, "Sun, 11 Jun 2023 10:00:00 +0200", "b@x", in_reply_to="a@x")
    )
    result = _import(db, str(card), str(tmp_path))
    assert result["history"]["interactions_new"] == 2
    assert result["unmatched"] == []  # robin@ is on every message: the owner, not a stranger


def test_a_damaged_zip_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    result = run_cli("import", str(broken), "--db", str(db))
    assert result.returncode == 1
    assert "export.zip is a damaged zip file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_zip_cut_short_keeps_what_can_be_read(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    whole = linkedin_zip(tmp_path / "whole.zip")
    data = bytearray(whole.read_bytes())
    with zipfile.ZipFile(whole) as archive:
        info = archive.getinfo("messages.csv")
    # Corrupt the compressed bytes of messages.csv: its CRC check fails when read.
    position = info.header_offset + 30 + len(info.filename) + 10
    data[position : position + 20] = b"\xff" * 20
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    result = run_cli("import", str(damaged), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    assert "damaged.zip/messages.csv: damaged" in result.stderr
    document = json.loads(result.stdout)
    assert document["contacts"]["new"] == 2  # Connections.csv was fine


def test_a_truncated_mbox_names_the_line_and_keeps_the_messages_before(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    text = mbox_text()
    cut = tmp_path / "cut.mbox"
    cut.write_text(text + "From x@y Sat Jun 10 10:00:00 2023\nFrom: A <a@b.example>\nTo: ")
    result = run_cli("import", str(cut), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    lines = text.count("\n") + 1
    assert f"cut.mbox: the message at line {lines} is cut off" in result.stderr
    assert json.loads(result.stdout)["history"]["items_read"] == 9


def test_a_calendar_with_broken_lines_names_them(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    text = ics_text(date.today()).replace(
        "SUMMARY:Catch-up\r\n", "SUMMARY:Catch-up\r\nthis is not a line\r\n", 1
    )
    calendar = tmp_path / "broken.ics"
    calendar.write_text(text, encoding="utf-8", newline="")
    result = run_cli("import", str(calendar), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    assert "broken.ics line 10: a broken line, left out" in result.stderr
    assert json.loads(result.stdout)["history"]["left_out"]["cancelled"] == 1


def test_messages_csv_columns_are_found_by_name_and_a_missing_one_is_named(
    tmp_path: Path,
) -> None:
    files = linkedin_files()
    lines = files["messages.csv"].splitlines()
    # Shuffle the columns: read by name, the same interactions come out.
    import csv
    import io

    rows = list(csv.reader(io.StringIO(files["messages.csv"])))
    order = list(reversed(range(len(rows[0]))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in order] for r in rows])
    shuffled = dict(files, **{"messages.csv": out.getvalue()})
    db = tmp_path / "a.db"
    result = _import(db, str(linkedin_zip(tmp_path / "shuffled.zip", shuffled)))
    assert result["history"]["interactions_new"] == 4

    missing = dict(
        files, **{"messages.csv": "\n".join(x.replace("DATE,", "WHEN,", 1) for x in lines)}
    )
    db2 = tmp_path / "b.db"
    run = run_cli(
        "import", str(linkedin_zip(tmp_path / "missing.zip", missing)), "--db", str(db2), "--json"
    )
    assert run.returncode == 0, run.stderr
    assert "missing.zip/messages.csv: no header line with the columns" in run.stderr
    assert "DATE" in run.stderr
    assert json.loads(run.stdout)["history"]["interactions_new"] == 1  # the invitation


def test_the_plain_report_names_the_history(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    result = run_cli("import", *_files(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "History: 11 new interactions, 0 already known, 9 messages or events left out" in out
    assert "left out   mailing list: 1" in out
    assert "not a contact  Zoë Ng <zoe@ng.example>: 1" in out
    assert "You: made from the export's Profile.csv" in out
    assert "Circles: 2 people without one got the suggested circle" in out
    assert "Suggestions (not applied): 1 ties, 0 circles" in out


def test_files_named_like_history_that_are_not_say_so(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    mail = tmp_path / "mail.mbox"
    mail.write_text("just some notes\n")
    calendar = tmp_path / "events.ics"
    calendar.write_text("not a calendar\n")
    result = run_cli("import", str(mail), str(calendar), "--db", str(db))
    assert result.returncode == 1
    assert "mail.mbox is not an mbox mailbox." in result.stderr
    assert "events.ics is not an iCalendar file." in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_csv_on_its_own_is_history(tmp_path: Path) -> None:
    db = tmp_path / "network.db"
    folder = linkedin_folder(tmp_path / "export")
    first = _import(db, str(folder / "Connections.csv"))
    assert first["contacts"]["new"] == 2
    alone = _import(db, str(folder / "messages.csv"))
    assert alone["history"]["interactions_new"] == 3  # c1 on two days, the group c2
    assert alone["history"]["unknown_files"] == []
