"""Issue 13's gaps, through the real `trellis` command: what a new user with a LinkedIn
export, a mailbox and a calendar meets right after the first import."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.history.run import MAX_GROUPS
from tests.conftest import run_cli
from tests.history_files import (
    ADA_MAIL,
    ME_MAIL,
    ics_text,
    linkedin_zip,
    mbox_text,
    message,
)


def _import(db: Path, *files: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    result = run_cli("import", *files, "--db", str(db), "--json", *extra)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _rows(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _due(db: Path) -> list[dict[str, Any]]:
    result = run_cli("due", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _contacts_card(tmp_path: Path) -> Path:
    card = tmp_path / "contacts.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Brook\r\nEMAIL:ada@brook.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Cole\r\nEMAIL:ben@cole.example\r\nEND:VCARD\r\n"
    )
    return card


@pytest.mark.parametrize("what", ["linkedin", "mail", "everything"])
def test_the_due_list_is_not_empty_after_the_first_history_import(
    tmp_path: Path, what: str
) -> None:
    """500 connections and a few years of messages: the people I talked to get the circle
    the import suggests (nobody had one), so their check-ins are due at once."""
    db = tmp_path / "network.db"
    export = str(linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip"))
    mail = tmp_path / "mail.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ics_text(date.today()), encoding="utf-8", newline="")
    files = {
        "linkedin": [export],
        "mail": [str(_contacts_card(tmp_path)), str(mail)],
        "everything": [export, str(mail), str(calendar)],
    }[what]
    report = _import(db, *files)
    suggested = {c["id"]: c["circle"] for c in report["suggestions"]["circles"]}
    assert suggested and {c["current"] for c in report["suggestions"]["circles"]} == {None}
    assert report["history"]["circles_applied"] == len(suggested)
    circles = dict(_rows(db, "SELECT id, circle FROM people WHERE circle IS NOT NULL"))
    assert circles == suggested
    due = _due(db)
    ada = _rows(db, "SELECT id FROM people WHERE full_name = 'Ada Brook'")[0][0]
    assert due, "the Due list is empty after importing my history"
    assert {row["id"] for row in due} <= set(suggested)
    if what != "everything":  # Ada's last message is from 2023: long overdue
        assert ada in {row["id"] for row in due}


def test_circles_the_user_chose_are_never_changed_and_no_circles_keeps_them_unset(
    tmp_path: Path,
) -> None:
    db = tmp_path / "network.db"
    export = str(linkedin_zip(tmp_path / "export.zip"))
    mail = tmp_path / "mail.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    first = _import(db, export, extra=("--no-circles",))
    assert first["history"]["circles_applied"] == 0
    assert _rows(db, "SELECT COUNT(*) FROM people WHERE circle IS NOT NULL") == [(0,)]
    conn = sqlite3.connect(db)
    conn.execute("UPDATE people SET circle = 'inner' WHERE full_name = 'Ada Brook'")
    conn.commit()
    conn.close()
    again = _import(db, export, str(mail))
    circles = dict(_rows(db, "SELECT full_name, circle FROM people WHERE is_me = 0"))
    assert circles["Ada Brook"] == "inner"  # mine, kept
    assert circles["Ben Cole"] is not None  # had none: the suggestion
    assert again["history"]["circles_applied"] == 1


def test_a_linkedin_export_into_an_empty_database_makes_me_from_my_profile(
    tmp_path: Path,
) -> None:
    db = tmp_path / "network.db"
    export = str(linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip"))
    first = _import(db, export)
    assert first["contacts"]["new"] == 2  # Ada and Ben; me is not a contact
    assert first["history"]["me_created"] is True
    me = _rows(db, "SELECT id, given_name, family_name, full_name FROM people WHERE is_me = 1")
    assert [row[1:] for row in me] == [("Robin", "Quill", "Robin Quill")]
    me_id = me[0][0]
    assert _rows(db, "SELECT normalized FROM emails WHERE person_id = ?", (me_id,)) == [
        ("robin@quill.example",)
    ]
    jobs = _rows(
        db,
        "SELECT o.name, e.title, e.current FROM employment e "
        "JOIN organizations o ON o.id = e.organization_id WHERE e.person_id = ?",
        (me_id,),
    )
    assert jobs == [("Tailspin", "Lead", 1)]
    assert _rows(db, "SELECT COUNT(*) FROM people WHERE full_name = 'Robin Quill'") == [(1,)]
    again = _import(db, export)
    assert again["history"]["me_created"] is False
    assert again["history"]["me_updated"] is True
    assert _rows(db, "SELECT COUNT(*) FROM people WHERE is_me = 1") == [(1,)]
    assert _rows(db, "SELECT COUNT(*) FROM employment WHERE person_id = ?", (me_id,)) == [(1,)]
    path = run_cli("path", "--db", str(db), "--to", "Northwind", "--json")
    assert path.returncode == 0, path.stderr
    assert json.loads(path.stdout), "me is the start of every path"


def test_a_dry_run_of_an_export_into_an_empty_database_counts_me_and_writes_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "network.db"
    preview = _import(db, str(linkedin_zip(tmp_path / "export.zip")), extra=("--dry-run",))
    assert preview["history"]["me_created"] is True
    assert preview["contacts"]["new"] == 2
    assert not db.exists()


def test_a_dry_run_past_the_thread_days_held_in_memory_counts_each_once(
    tmp_path: Path,
) -> None:
    """More thread-days than the import holds at once (MAX_GROUPS): the first thread
    comes back after the others were let go. The dry run must count what the import
    writes, not that thread-day twice."""
    mail = tmp_path / "mail.mbox"
    day = "Sat, 10 Jun 2023 10:00:00 +0200"
    with mail.open("w", encoding="utf-8") as out:
        for number in range(MAX_GROUPS + 1):
            out.write(message(ADA_MAIL, ME_MAIL, day, f"m{number}@x"))
        out.write(message(ME_MAIL, ADA_MAIL, day, "again@x", in_reply_to="m0@x"))
    db = tmp_path / "network.db"
    card = str(_contacts_card(tmp_path))
    preview = _import(db, card, str(mail), extra=("--dry-run",))
    done = _import(db, card, str(mail))
    assert done["history"]["interactions_new"] == MAX_GROUPS + 1
    assert preview["history"]["interactions_new"] == MAX_GROUPS + 1
    assert _rows(db, "SELECT COUNT(*) FROM interactions") == [(MAX_GROUPS + 1,)]
    assert preview["suggestions"] == {
        "ties": done["suggestions"]["ties"],
        "circles": [dict(c, current=None) for c in done["suggestions"]["circles"]],
    }
    (ada,) = done["suggestions"]["circles"]
    assert ada["reason"].startswith(f"{MAX_GROUPS + 1} interactions")


def _override_calendar(today: date) -> str:
    """A weekly meeting with Ada; one past occurrence was moved a day later and held
    with Ben instead (a RECURRENCE-ID override with its own attendees)."""
    start = today - timedelta(days=35)
    moved = start + timedelta(days=14)

    def stamp(day: date) -> str:
        return day.strftime("%Y%m%d") + "T100000Z"

    organiser = "ORGANIZER;CN=Robin Quill:mailto:robin@quill.example"
    series = [
        "BEGIN:VEVENT", "UID:weekly-1", f"DTSTART:{stamp(start)}",
        f"DTEND:{stamp(start)[:8]}T110000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "SUMMARY:1:1",
        organiser, "ATTENDEE;CN=Ada Brook;PARTSTAT=ACCEPTED:mailto:ada@brook.example",
        "END:VEVENT",
    ]  # fmt: skip
    override = [
        "BEGIN:VEVENT", "UID:weekly-1", f"RECURRENCE-ID:{stamp(moved)}",
        f"DTSTART:{stamp(moved + timedelta(days=1))}",
        f"DTEND:{stamp(moved + timedelta(days=1))[:8]}T110000Z", "SUMMARY:1:1 (moved)",
        organiser, "ATTENDEE;CN=Ben Cole;PARTSTAT=ACCEPTED:mailto:ben@cole.example",
        "END:VEVENT",
    ]  # fmt: skip
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", *series, *override,
         "END:VCALENDAR", ""]
    )  # fmt: skip


@pytest.mark.parametrize("override_first", [False, True])
def test_a_moved_occurrence_has_its_own_attendees_not_the_series(
    tmp_path: Path, override_first: bool
) -> None:
    today = date.today()
    text = _override_calendar(today)
    if override_first:  # exporters write the override before or after its series
        head, series, override = text.split("BEGIN:VEVENT")
        text = "BEGIN:VEVENT".join([head, override.replace("END:VCALENDAR\r\n", ""), series])
        text += "END:VCALENDAR\r\n"
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(text, encoding="utf-8", newline="")
    db = tmp_path / "network.db"
    report = _import(db, str(_contacts_card(tmp_path)), str(calendar))
    assert report["history"]["interactions_new"] == 4
    start = today - timedelta(days=35)
    moved = start + timedelta(days=14)
    meetings = _rows(
        db,
        "SELECT i.occurred_on, p.full_name FROM interactions i "
        "JOIN interaction_participants ip ON ip.interaction_id = i.id "
        "JOIN people p ON p.id = ip.person_id ORDER BY i.occurred_on",
    )
    expected = [
        (start.isoformat(), "Ada Brook"),
        ((start + timedelta(days=7)).isoformat(), "Ada Brook"),
        ((moved + timedelta(days=1)).isoformat(), "Ben Cole"),
        ((start + timedelta(days=21)).isoformat(), "Ada Brook"),
    ]
    assert meetings == expected
    again = _import(db, str(_contacts_card(tmp_path)), str(calendar))
    assert again["history"]["interactions_new"] == 0
    assert again["history"]["interactions_known"] == 4
