from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.demo import DemoError, generate, write_demo
from desktop_app.services.integrity import check_database
from desktop_app.storage.database import Database, open_database

TODAY = date(2026, 6, 1)


def test_same_seed_same_network_and_other_seed_differs() -> None:
    a, b, c = generate(80, 5, TODAY), generate(80, 5, TODAY), generate(80, 6, TODAY)
    assert a.tables == b.tables
    assert a.tables["people"] != c.tables["people"]


def test_demo_covers_every_part_of_the_product(db: Database) -> None:
    rows = write_demo(db, 200, seed=2, today=TODAY)
    for table in (
        "people",
        "emails",
        "organizations",
        "employment",
        "relationships",
        "interactions",
        "interaction_participants",
        "goals",
        "goal_disclosures",
        "documents",
        "checklist_items",
        "feedback_rounds",
        "criterion_feedback",
        "person_tags",
        "shared_resources",
    ):
        assert rows.count(table) > 0, table
    jobs = rows.tables["employment"]
    assert any(j["current"] for j in jobs) and any(not j["current"] for j in jobs)
    kinds = {i["kind"] for i in rows.tables["interactions"]}
    directions = {i["direction"] for i in rows.tables["interactions"]}
    assert {"coffee", "informational_interview", "referral", "introduction"} <= kinds
    assert directions == {"gave", "asked", "mutual"}
    assert len({p["full_name"] for p in rows.tables["people"]}) > 100
    report = check_database(db)
    assert report.sound, report.problems
    assert report.people == 201


def test_demo_refuses_a_database_that_holds_a_network(db: Database) -> None:
    write_demo(db, 5)
    with pytest.raises(DemoError, match="already holds"):
        write_demo(db, 5)
    assert db.fast_connection().execute("SELECT COUNT(*) FROM people").fetchone()[0] == 6


def test_zero_contacts_gives_just_me(db_path: Path) -> None:
    with open_database(db_path) as db:
        write_demo(db, 0)
        assert db.fast_connection().execute("SELECT full_name, is_me FROM people").fetchall() == [
            ("Alex Rivera", 1)
        ]


def test_demo_notes_agree_with_the_direction_of_their_interaction() -> None:
    from desktop_app.services.demo.names import INTERACTION_NOTES

    rows = generate(300, 3, TODAY)
    owner = {note: direction for direction, notes in INTERACTION_NOTES.items() for note in notes}
    checked = 0
    for interaction in rows.tables["interactions"]:
        note = interaction["note"]
        if note and note in owner:
            assert owner[note] == interaction["direction"], interaction
            checked += 1
    assert checked > 100
