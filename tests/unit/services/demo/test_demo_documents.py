"""The demo fills the Pitch & resume view: documents, feedback, thank-yous, mock interviews."""

from __future__ import annotations

from datetime import date

from desktop_app.services import demo, documents, feedback
from desktop_app.services.integrity import check_database
from desktop_app.storage.database import Database

TODAY = date(2026, 6, 1)


def test_demo_has_documents_with_versions_checklists_and_feedback(db: Database) -> None:
    demo.write_demo(db, 60, seed=7, today=TODAY)
    summaries = documents.list_documents(db)
    assert [s.kind for s in summaries] == ["brand", "cover", "pitch", "resume"]
    assert all(s.criteria > 0 for s in summaries)
    pitch = documents.document_detail(db, next(s.id for s in summaries if s.kind == "pitch"))
    assert len(pitch.versions) == 3
    assert 0 < pitch.progress < 1
    received = [r for r in pitch.rounds if r.received]
    assert len(pitch.rounds) == 2
    assert len(received) == 1
    assert all(r.reviewer_name for r in pitch.rounds)
    assert any(item.comments for item in pitch.checklist)
    due = feedback.thank_you_due(db)
    assert [d.document_title for d in due] == ["Elevator pitch"]
    interviews = feedback.mock_interviews(db)
    assert len(interviews) == 5
    assert all(i.answers for i in interviews)
    assert len(feedback.ratings_over_time(interviews)) == 5
    # Each mock interview with a contact is logged as an 'asked' interaction with them.
    conn = db.fast_connection()
    for interview in interviews:
        assert interview.interviewer_id is not None
        row = conn.execute(
            "SELECT i.occurred_on, i.kind, i.direction, ip.person_id FROM interactions i"
            " JOIN interaction_participants ip ON ip.interaction_id = i.id WHERE i.id = ?",
            (interview.interaction_id,),
        ).fetchall()
        assert row == [
            (interview.held_on.isoformat(), "mock_interview", "asked", interview.interviewer_id)
        ]
    assert check_database(db).sound


def test_demo_without_contacts_still_has_documents_and_mocks(db: Database) -> None:
    demo.write_demo(db, 0, today=TODAY)
    assert len(documents.list_documents(db)) == 4
    interviews = feedback.mock_interviews(db)
    assert [i.interviewer_name for i in interviews] == ["A friend"] * 5
    assert [i.interaction_id for i in interviews] == [None] * 5


def test_demo_documents_are_deterministic() -> None:
    a = demo.generate(30, 3, TODAY).tables
    b = demo.generate(30, 3, TODAY).tables
    assert a["feedback_rounds"] == b["feedback_rounds"]
    assert a["mock_answers"] == b["mock_answers"]
