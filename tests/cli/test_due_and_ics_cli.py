"""`trellis due` and `trellis ics` on a real database, through the real command."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services import interactions
from desktop_app.services.contacts import ContactsService
from desktop_app.services.interactions import NewInteraction
from desktop_app.storage.database import open_database
from tests.conftest import run_cli


def _network(path: Path) -> dict[str, int]:
    """Ana (inner, never met), Bo (close, a follow-up), Cy (no circle) — all added today."""
    today = date.today()
    with open_database(path, backups=False) as db:
        contacts = ContactsService(db)
        ids = {}
        for name, circle in (("Ana", Circle.INNER), ("Bo", Circle.CLOSE), ("Cy", None)):
            ids[name], _ = contacts.create(NewPerson(PersonFields(full_name=name, circle=circle)))
        entry = NewInteraction(
            today,
            InteractionKind.COFFEE,
            Direction.MUTUAL,
            (ids["Bo"],),
            follow_up_on=today + timedelta(days=5),
        )
        interactions.log_interaction(db, entry, today=today)
    return ids


def test_due_json_lists_who_is_due_ordered_by_due(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    as_of = date.today() + timedelta(days=20)
    result = run_cli("due", "--db", str(db), "--json", "--as-of", as_of.isoformat())
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "id": ids["Bo"],
            "name": "Bo",
            "due": (date.today() + timedelta(days=5)).isoformat(),
            "reason": "follow_up",
            "overdue_days": 15,
        },
        {
            "id": ids["Ana"],
            "name": "Ana",
            "due": (date.today() + timedelta(days=14)).isoformat(),
            "reason": "cadence",
            "overdue_days": 6,
        },
    ]


def test_due_within_looks_ahead_and_text_output_is_readable(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _network(db)
    assert json.loads(run_cli("due", "--db", str(db), "--json").stdout) == []
    ahead = json.loads(run_cli("due", "--db", str(db), "--json", "--within", "5").stdout)
    assert [(r["name"], r["overdue_days"]) for r in ahead] == [("Bo", 0)]
    text = run_cli("due", "--db", str(db), "--within", "14")
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert len(lines) == 2
    assert "Bo" in lines[0]
    assert "in 5 days" in lines[0]
    assert "Nobody is due." in run_cli("due", "--db", str(db)).stdout


def test_due_refuses_bad_arguments_and_missing_files(tmp_path: Path) -> None:
    assert run_cli("due", "--db", str(tmp_path / "none.db")).returncode == 1
    db = tmp_path / "n.db"
    _network(db)
    assert run_cli("due", "--db", str(db), "--within", "-3").returncode == 2
    assert run_cli("due", "--db", str(db), "--as-of", "someday").returncode == 2


def test_ics_writes_a_calendar_of_what_is_coming(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _network(db)
    out = tmp_path / "checkins.ics"
    result = run_cli("ics", "--db", str(db), "--out", str(out), "--days", "20")
    assert result.returncode == 0, result.stderr
    assert "2 events" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    text = raw.decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Follow up with Bo" in text
    assert "SUMMARY:Check in with Ana" in text
    stdout = run_cli("ics", "--db", str(db), "--days", "30")
    assert stdout.stdout.count("BEGIN:VEVENT") == 3  # and Bo's check-in at 30 days


def test_due_on_a_demo_network_is_ordered_and_consistent(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "80", "--seed", "4").returncode == 0
    result = run_cli("due", "--db", str(db), "--json", "--within", "30")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows, "a year of demo interactions leaves someone due"
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    today = date.today()
    for row in rows:
        assert set(row) == {"id", "name", "due", "reason", "overdue_days"}
        assert row["reason"] in {"cadence", "follow_up", "thank_you", "interview"}
        assert row["overdue_days"] == max(0, (today - date.fromisoformat(row["due"])).days)


def test_due_text_says_how_late_in_words(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _network(db)
    as_of = date.today() + timedelta(days=200)
    result = run_cli("due", "--db", str(db), "--as-of", as_of.isoformat())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    bo = next(line for line in lines if "Bo" in line)
    assert "overdue by 6 months" in bo  # 195 days late: never "195 days overdue"
    assert "days overdue" not in result.stdout
