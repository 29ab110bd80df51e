"""`trellis events` and `trellis prep` on a real database, through the real command."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

from desktop_app.services import documents, events
from desktop_app.services.events import EventFields, GroupFields, MetPerson
from desktop_app.storage.database import open_database
from tests.conftest import run_cli
from tests.network_builder import NetworkBuilder

TOMORROW = datetime.combine(date.today() + timedelta(days=1), time(19, 0))
LAST_WEEK = datetime.combine(date.today() - timedelta(days=6), time(19, 0))


def _network(path: Path) -> dict[str, int]:
    """Ana (at Saffron Bank, a goal's organisation) and Kofi are going to tomorrow's meetup;
    Ana knows Bea, whom I barely know. Last week I met Chen and Dora at a lunch."""
    with open_database(path, backups=False) as db:
        net = NetworkBuilder(db)
        me = net.person("Ada Me", me=True)
        ana, kofi, bea = net.person("Ana Lima"), net.person("Kofi Mensah"), net.person("Bea Sousa")
        bank = net.organization("Saffron Bank")
        net.job(ana, bank)
        net.tie(ana, bea, 4)
        net.tie(me, bea, 1)
        net.goal("Data role in finance", orgs=(bank,))
        pitch, _ = documents.create_document(db, "pitch", "Elevator pitch")
        documents.add_text_version(db, pitch, "I turn messy hospital data into staffing plans.")
        group, _u, _ = events.create_group(db, GroupFields("PyData Berlin", i_am_member=True))
        upcoming, _u, _ = events.create_event(
            db, EventFields("December meetup", TOMORROW, place="Kreuzberg", group_id=group)
        )
        for pid in (ana, kofi):
            events.mark_going(db, upcoming, pid)
        past, _u, _ = events.create_event(db, EventFields("Product lunch", LAST_WEEK))
        result, _u, _ = events.capture_met(
            db, past, [MetPerson("Chen Wei", "Siemens"), MetPerson("Dora Weiss")]
        )
    return {"upcoming": upcoming, "past": past, "ana": ana, "kofi": kofi, "met": result.person_ids}


def test_events_json_lists_upcoming_and_past_with_open_follow_ups(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    result = run_cli("events", "--db", str(db), "--json", "--within", "7")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [ids["upcoming"], ids["past"]]
    assert rows[0] == {
        "id": ids["upcoming"],
        "title": "December meetup",
        "starts_at": TOMORROW.isoformat(timespec="minutes"),
        "place": "Kreuzberg",
        "group": "PyData Berlin",
        "going": [ids["ana"], ids["kofi"]],  # by name
        "met": [],
        "open_follow_ups": 0,
    }
    assert rows[1]["met"] == list(ids["met"]) and rows[1]["open_follow_ups"] == 2
    text = run_cli("events", "--db", str(db)).stdout
    assert "going: Ana Lima, Kofi Mensah" in text
    assert "follow up with: Chen Wei, Dora Weiss" in text


def test_events_within_zero_leaves_out_tomorrow(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    rows = json.loads(run_cli("events", "--db", str(db), "--json", "--within", "0").stdout)
    assert [r["id"] for r in rows] == [ids["past"]]


def test_prep_writes_a_pdf_with_names_pitch_and_goal_organisation_as_text(
    tmp_path: Path,
) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    out = tmp_path / "prep.pdf"
    result = run_cli("prep", "--db", str(db), "--event", str(ids["upcoming"]), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "December meetup",
        "Ana Lima @ Saffron Bank",
        "Kofi Mensah",
        "Bea Sousa — via Ana Lima",
        "Saffron Bank (goal: Data role in finance)",
        "I turn messy hospital data into staffing plans.",
        "Who else here should I make sure to meet?",
    ):
        assert expected in text, expected


def test_prep_refuses_an_unknown_event_and_a_non_pdf_name_without_a_traceback(
    tmp_path: Path,
) -> None:
    db = tmp_path / "n.db"
    _network(db)
    missing = run_cli("prep", "--db", str(db), "--event", "999", "--out", str(tmp_path / "x.pdf"))
    assert missing.returncode == 1
    assert "no event with id 999" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "x.pdf").exists()
    wrong = run_cli("prep", "--db", str(db), "--event", "1", "--out", str(tmp_path / "x.png"))
    assert wrong.returncode == 2 and "x.pdf" in wrong.stderr
    folder = run_cli("prep", "--db", str(db), "--event", "1", "--out", str(tmp_path / "no/x.pdf"))
    assert folder.returncode == 1 and "does not exist" in folder.stderr
