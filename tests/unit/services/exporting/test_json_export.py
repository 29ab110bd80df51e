from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import (
    Birthday,
    EmploymentRecord,
    LabeledValue,
    NewPerson,
    PersonFields,
)
from desktop_app.services.contacts import ContactsService
from desktop_app.services.exporting.json_export import (
    build_export,
    write_export,
    write_text_atomically,
)
from desktop_app.storage.database import Database

CONTACT_KEYS = {
    "id",
    "full_name",
    "given_name",
    "family_name",
    "emails",
    "phones",
    "urls",
    "organization",
    "title",
    "note",
    "circle",
    "tags",
    "has_photo",
    "employment",
}


def test_export_follows_the_version_1_contract(demo_db: Database) -> None:
    data = build_export(demo_db)
    assert data["format"] == "trellis" and data["version"] == 1
    assert set(data) >= {
        "contacts",
        "organizations",
        "relationships",
        "interactions",
        "goals",
        "documents",
    }
    assert len(data["contacts"]) == 61
    for contact in data["contacts"]:
        assert set(contact) >= CONTACT_KEYS
        for job in contact["employment"]:
            assert set(job) == {"organization", "title", "start", "end", "current"}
    ids = {c["id"] for c in data["contacts"]}
    for rel in data["relationships"]:
        assert {rel["a"], rel["b"]} <= ids and 1 <= rel["strength"] <= 5
    document = data["documents"][0]
    assert {"kind", "title", "checklist"} <= set(document)
    item = document["checklist"][0]
    assert set(item) == {"criterion", "met", "feedback"}
    assert set(item["feedback"][0]) == {"reviewer", "verdict", "comment", "date"}
    json.dumps(data)  # everything is JSON-serialisable


def test_export_of_a_hand_made_contact(db: Database) -> None:
    service = ContactsService(db)
    pid, _ = service.create(
        NewPerson(
            PersonFields(
                given_name="Ana",
                family_name="Lima",
                note="<b>not bold</b>",
                circle=Circle.CLOSE,
                birthday=Birthday(4, 9),
            ),
            emails=(LabeledValue("ana@example.org", "work"),),
            tags=("mentor", "python"),
            employment=(
                EmploymentRecord("Northwind", "VP, Sales"),
                EmploymentRecord("Bluefin", "Analyst", current=False),
            ),
        )
    )
    contact = build_export(db)["contacts"][0]
    assert contact["id"] == pid
    assert contact["full_name"] == "Ana Lima"
    assert contact["note"] == "<b>not bold</b>"
    assert contact["organization"] == "Northwind" and contact["title"] == "VP, Sales"
    assert contact["birthday"] == "--04-09"
    assert contact["tags"] == ["mentor", "python"]
    assert [j["current"] for j in contact["employment"]] == [True, False]


def test_atomic_write_replaces_whole_file(tmp_path: Path, demo_db: Database) -> None:
    out = tmp_path / "export.json"
    out.write_text("old")
    write_export(demo_db, out, stream=None)  # type: ignore[arg-type]
    assert json.loads(out.read_text())["version"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("precious")
    with pytest.raises(TypeError):
        write_text_atomically(out, 42)  # type: ignore[arg-type]  # fails mid-write
    assert out.read_text() == "precious"
    assert list(tmp_path.iterdir()) == [out]
