"""The JSON export carries every document version, feedback round and mock interview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services import documents, feedback
from desktop_app.services.exporting.json_export import build_export
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Person

TODAY = date(2026, 6, 1)


def test_versions_rounds_and_mock_interviews_are_exported(demo_db: Database) -> None:
    data = build_export(demo_db)
    pitch = next(d for d in data["documents"] if d["kind"] == "pitch")
    assert [v["number"] for v in pitch["versions"]] == [1, 2, 3]
    assert pitch["versions"][0]["text"].startswith("Hi, I'm Alex.")
    assert {"reviewer", "version", "asked_on", "received_on", "verdict", "comment"} == set(
        pitch["rounds"][0]
    )
    assert len(data["mock_interviews"]) == 5
    assert all(len(m["answers"]) == 4 for m in data["mock_interviews"])


def test_attached_versions_and_removed_reviewers(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        ana = Person(full_name="Ana")
        session.add(ana)
        session.flush()
        ana_id = ana.id
    document_id, _ = documents.create_document(db, "resume", "CV", [])
    source = tmp_path / "cv.pdf"
    source.write_bytes(b"%PDF cv")
    documents.attach_file(db, document_id, source)
    feedback.ask_for_feedback(db, document_id, None, ana_id, TODAY)
    feedback.add_mock_interview(
        db,
        ana_id,
        TODAY,
        "",
        [],
    )
    with db.transaction() as session:
        session.delete(session.get(Person, ana_id))
    data = build_export(db)
    [document] = data["documents"]
    [version] = document["versions"]
    assert (version["text"], version["file_name"]) == (None, "cv.pdf")
    assert len(version["sha256"]) == 64
    assert document["rounds"][0]["reviewer"] == "Ana"
    [interview] = data["mock_interviews"]
    assert (interview["interviewer"], interview["interviewer_id"]) == ("Ana", None)
