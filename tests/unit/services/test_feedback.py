"""Feedback rounds, thank-you follow-ups and mock interviews against a real database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop_app.domain.documents import CriterionVerdict, MockAnswerInfo, MockInterviewInfo
from desktop_app.domain.enums import Verdict
from desktop_app.services import documents, feedback
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Interaction, Person
from tests.unit.services.conftest import AddPerson


def interactions(db: Database) -> list[tuple[str, str, list[str]]]:
    with db.transaction() as session:
        rows = session.scalars(select(Interaction).order_by(Interaction.id))
        return [(i.kind, i.direction, [p.full_name for p in i.participants]) for i in rows]


def test_people_choices_leave_me_out(db: Database, add_person: AddPerson) -> None:
    add_person("Me", is_me=True)
    ana = add_person("Ana")
    assert feedback.people_choices(db) == [(ana, "Ana")]


def test_asking_logs_an_asked_interaction_and_undo_removes_both(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz")
    document_id, _ = documents.create_document(db, "pitch", "Pitch", ["A"])
    version_id, _ = documents.add_text_version(db, document_id, "Hi.")
    round_id, change = feedback.ask_for_feedback(db, document_id, version_id, ana, date(2026, 3, 1))
    assert change.people_changed == {ana}
    assert change.interactions_changed
    assert change.documents_changed
    assert interactions(db) == [("message", "asked", ["Ana Ruiz"])]
    info = feedback.round_info(db, round_id)
    assert (info.reviewer_name, info.version_number, info.received) == ("Ana Ruiz", 1, False)
    withdrawn, _ = feedback.withdraw_request(db, round_id)
    assert interactions(db) == []
    assert documents.document_detail(db, document_id).rounds == ()
    again, _ = feedback.ask_for_feedback(
        db, document_id, version_id, ana, date(2026, 3, 1), same_as=withdrawn
    )
    assert again == round_id
    assert feedback.round_info(db, round_id) == info
    assert interactions(db) == [("message", "asked", ["Ana Ruiz"])]


def test_feedback_per_criterion_shows_on_the_checklist_and_undo_restores(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana")
    document_id, _ = documents.create_document(db, "pitch", "Pitch", ["Sounds like me", "Short"])
    first, second = (i.id for i in documents.document_detail(db, document_id).checklist)
    round_id, _ = feedback.ask_for_feedback(db, document_id, None, ana, date(2026, 3, 1))
    previous, _ = feedback.record_feedback(
        db,
        round_id,
        date(2026, 3, 4),
        Verdict.PARTLY.value,
        "Good start.",
        [
            CriterionVerdict(first, Verdict.MET, "Yes, you."),
            CriterionVerdict(second, Verdict.NOT_REVIEWED),
        ],
    )
    detail = documents.document_detail(db, document_id)
    [comment] = detail.checklist[0].comments
    assert (comment.reviewer_name, comment.verdict, comment.comment) == (
        "Ana",
        Verdict.MET,
        "Yes, you.",
    )
    assert detail.checklist[0].reviewed
    assert detail.checklist[1].comments == ()  # "not reviewed" without a word is not stored
    assert detail.rounds[0].received_on == date(2026, 3, 4)
    feedback.restore_feedback(db, previous)
    detail = documents.document_detail(db, document_id)
    assert detail.rounds[0].received_on is None
    assert detail.checklist[0].comments == ()


def test_thank_you_is_due_until_a_gave_interaction_is_logged(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana")
    document_id, _ = documents.create_document(db, "pitch", "Pitch", [])
    round_id, _ = feedback.ask_for_feedback(db, document_id, None, ana, date(2026, 3, 1))
    assert feedback.thank_you_due(db) == []  # nothing received yet
    feedback.record_feedback(db, round_id, date(2026, 3, 4), "met", "", [])
    assert interactions(db) == [("feedback", "asked", ["Ana"])]  # the favour, when it came
    [due] = feedback.thank_you_due(db)
    assert (due.reviewer_name, due.document_title, due.received_on) == (
        "Ana",
        "Pitch",
        date(2026, 3, 4),
    )
    interaction_id, change = feedback.log_thanks(db, due, date(2026, 3, 5))
    assert change.people_changed == {ana}
    assert feedback.thank_you_due(db) == []
    assert interactions(db)[-1] == ("message", "gave", ["Ana"])
    feedback.remove_interaction(db, interaction_id)
    assert len(feedback.thank_you_due(db)) == 1


def test_deleting_the_reviewer_keeps_their_feedback_under_their_name(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana")
    document_id, _ = documents.create_document(db, "pitch", "Pitch", ["A"])
    [item] = documents.document_detail(db, document_id).checklist
    round_id, _ = feedback.ask_for_feedback(db, document_id, None, ana, date(2026, 3, 1))
    feedback.record_feedback(
        db,
        round_id,
        date(2026, 3, 2),
        "met",
        "Lovely.",
        [CriterionVerdict(item.id, Verdict.MET, "ok")],
    )
    with db.transaction() as session:
        session.delete(session.get(Person, ana))
    detail = documents.document_detail(db, document_id)
    [info] = detail.rounds
    assert (info.reviewer_name, info.reviewer_removed, info.comment) == ("Ana", True, "Lovely.")
    [comment] = detail.checklist[0].comments
    assert comment.reviewer_removed
    assert comment.comment == "ok"
    assert feedback.thank_you_due(db) == []  # nobody left to thank


def test_mock_interviews_round_trip_edit_delete_and_ratings(
    db: Database, add_person: AddPerson
) -> None:
    bob = add_person("Bob")
    first, _ = feedback.add_mock_interview(
        db,
        bob,
        date(2026, 2, 1),
        "Nervous",
        [MockAnswerInfo("Tell me about yourself.", "rambled", 2), MockAnswerInfo("Why us?", "", 3)],
    )
    second, _ = feedback.add_mock_interview(
        db, None, date(2026, 3, 1), "", [MockAnswerInfo("Own question", "", None)]
    )
    listed = feedback.mock_interviews(db)
    assert [i.id for i in listed] == [first, second]
    assert listed[0].interviewer_name == "Bob"
    assert listed[0].mean_rating == 2.5
    assert feedback.ratings_over_time(listed) == [(date(2026, 2, 1), 2.5, first)]
    edited = MockInterviewInfo(
        second, None, "", date(2026, 3, 1), "better", (MockAnswerInfo("Own question", "", 5),)
    )
    previous, _ = feedback.replace_mock_interview(db, edited)
    assert feedback.mock_interviews(db)[1] == edited
    feedback.swap_mock_interview(db, previous)
    assert feedback.mock_interviews(db)[1] == previous.info
    removed, _ = feedback.delete_mock_interview(db, first)
    with db.transaction() as session:
        session.delete(session.get(Person, bob))
    feedback.restore_mock_interview(db, removed)
    restored = feedback.mock_interviews(db)[0]
    assert (restored.id, restored.interviewer_id, restored.interviewer_name) == (first, None, "Bob")
    assert restored.answers == removed.info.answers
    assert restored.interaction_id is None  # Bob is gone: his interaction is not revived
    assert interactions(db) == []


def test_the_due_list_agrees_thank_them_after_the_feedback_not_the_request(
    db: Database, add_person: AddPerson
) -> None:
    from desktop_app.domain.cadence import DueReason
    from desktop_app.services.reminders import due_list

    ana = add_person("Ana")
    document_id, _ = documents.create_document(db, "pitch", "Pitch", [])
    round_id, _ = feedback.ask_for_feedback(db, document_id, None, ana, date(2026, 3, 1))

    def thanks_due() -> list[int]:
        items = due_list(db, date(2026, 3, 20), within_days=30)
        return [i.person_id for i in items if i.reason is DueReason.THANK_YOU]

    assert thanks_due() == []
    feedback.record_feedback(db, round_id, date(2026, 3, 4), "met", "", [])
    assert thanks_due() == [ana]
    [due] = feedback.thank_you_due(db)
    feedback.log_thanks(db, due, date(2026, 3, 5))
    assert thanks_due() == []
    assert feedback.thank_you_due(db) == []
