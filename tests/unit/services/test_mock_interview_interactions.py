"""A mock interview held with a contact is an 'asked' interaction with them, kept in step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.domain.cadence import DueReason
from desktop_app.domain.documents import MockAnswerInfo, MockInterviewInfo
from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.services import feedback, interactions, reciprocity, reminders
from desktop_app.services.exporting import json_export
from desktop_app.services.integrity import check_database
from desktop_app.services.person_nurture import person_nurture
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Interaction, Person
from tests.unit.services.conftest import AddPerson

HELD = date(2026, 3, 10)
TODAY = date(2026, 3, 12)
ANSWERS = (MockAnswerInfo("Tell me about yourself.", "rambled", 2),)

# (id, date, kind, direction, note, participant names)
Row = tuple[int, date, str, str, str, list[str]]


def logged(db: Database) -> list[Row]:
    with db.transaction() as session:
        rows = session.scalars(select(Interaction).order_by(Interaction.id))
        return [
            (
                i.id,
                i.occurred_on,
                i.kind,
                i.direction,
                i.note,
                sorted(p.full_name for p in i.participants),
            )
            for i in rows
        ]


def only_interview(db: Database) -> MockInterviewInfo:
    [interview] = feedback.mock_interviews(db)
    return interview


def test_a_mock_interview_with_a_contact_logs_an_asked_interaction_that_counts(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz", Circle.CLOSE, added=date(2026, 1, 1))
    before = person_nurture(db, ana, TODAY)
    assert before.ideal == date(2026, 1, 31)  # added on Jan 1, close circle: every 30 days

    interview_id, change = feedback.add_mock_interview(db, ana, HELD, "Nervous start", ANSWERS)

    [(interaction_id, day, kind, direction, note, people)] = logged(db)
    assert (day, kind, direction, people) == (HELD, "mock_interview", "asked", ["Ana Ruiz"])
    assert note == "Nervous start"
    assert only_interview(db).interaction_id == interaction_id
    assert change.people_changed == {ana}
    assert change.interactions_changed and change.documents_changed
    after = person_nurture(db, ana, TODAY)
    assert after.last_contact == HELD
    assert after.ideal == date(2026, 4, 9)  # the check-in clock restarted on the interview
    assert after.balance is not None
    assert (after.balance.asked, after.balance.gave) == (1, 0)
    assert reciprocity.balances(db, [ana])[ana].asked == 1
    # They helped me: "thank them" is owed, as after any favour asked.
    reasons = {item.reason for item in reminders.due_list(db, date(2026, 3, 20))}
    assert DueReason.THANK_YOU in reasons
    export = json_export.build_export(db)
    [exported] = export["mock_interviews"]
    assert exported["interaction_id"] == interaction_id
    assert [i["kind"] for i in export["interactions"]] == ["mock_interview"]
    assert check_database(db).sound
    assert interview_id == only_interview(db).id


def test_the_interview_note_goes_onto_the_interaction_on_one_short_line(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz")
    feedback.add_mock_interview(db, ana, HELD, "Too\nlong " + "word " * 40, ANSWERS)
    [note] = [row[4] for row in logged(db)]
    assert note.startswith("Too long word word") and note.endswith("…")
    assert len(note) <= 80


def test_someone_named_only_logs_no_interaction(db: Database, add_person: AddPerson) -> None:
    add_person("Ana Ruiz")
    _, change = feedback.add_mock_interview(db, None, HELD, "", ANSWERS, "My cousin")
    assert logged(db) == []
    assert only_interview(db).interaction_id is None
    assert change.people_changed == frozenset()
    assert not change.interactions_changed


def test_an_unknown_interviewer_is_refused_and_nothing_is_stored(db: Database) -> None:
    from desktop_app.storage.documents_repository import NotFoundError

    with pytest.raises(NotFoundError):
        feedback.add_mock_interview(db, 999, HELD, "", ANSWERS)
    assert logged(db) == []
    assert feedback.mock_interviews(db) == []


def test_delete_takes_the_interaction_and_restore_brings_both_back_exactly(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz", Circle.CLOSE)
    interview_id, _ = feedback.add_mock_interview(db, ana, HELD, "Nervous start", ANSWERS)
    [row] = logged(db)
    kept = only_interview(db)

    state, change = feedback.delete_mock_interview(db, interview_id)
    assert logged(db) == []
    assert feedback.mock_interviews(db) == []
    assert change.people_changed == {ana} and change.interactions_changed
    assert person_nurture(db, ana, TODAY).last_contact is None

    change = feedback.restore_mock_interview(db, state)
    assert logged(db) == [row]
    assert only_interview(db) == kept
    assert change.people_changed == {ana}
    assert person_nurture(db, ana, TODAY).last_contact == HELD


def test_an_edit_moves_the_interaction_in_place(db: Database, add_person: AddPerson) -> None:
    ana = add_person("Ana Ruiz")
    bea = add_person("Bea Chen")
    feedback.add_mock_interview(db, ana, HELD, "Nervous start", ANSWERS)
    [(interaction_id, *_)] = logged(db)
    interview = only_interview(db)

    later = date(2026, 3, 11)
    previous, change = feedback.replace_mock_interview(
        db, replace(interview, held_on=later, note="Calmer")
    )
    assert logged(db) == [
        (interaction_id, later, "mock_interview", "asked", "Calmer", ["Ana Ruiz"])
    ]
    assert change.people_changed == {ana}

    _, change = feedback.replace_mock_interview(db, replace(only_interview(db), interviewer_id=bea))
    assert [(row[0], row[5]) for row in logged(db)] == [(interaction_id, ["Bea Chen"])]
    assert only_interview(db).interviewer_name == "Bea Chen"
    assert change.people_changed == {ana, bea}
    assert person_nurture(db, ana, TODAY).last_contact is None
    assert person_nurture(db, bea, TODAY).last_contact == later
    assert previous.info == interview


def test_what_the_user_changed_on_the_interaction_survives_edits(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz")
    bea = add_person("Bea Chen")
    cai = add_person("Cai Wong")
    feedback.add_mock_interview(db, ana, HELD, "Nervous start", ANSWERS)
    with db.transaction() as session:  # a panel: the user added Bea and rewrote the note
        [interaction] = session.scalars(select(Interaction))
        interaction.note = "She offered to refer me"
        interaction.participants.append(session.get_one(Person, bea))
    feedback.replace_mock_interview(db, replace(only_interview(db), note="Calmer"))
    assert [row[4:] for row in logged(db)] == [
        ("She offered to refer me", ["Ana Ruiz", "Bea Chen"])
    ]
    feedback.replace_mock_interview(db, replace(only_interview(db), interviewer_id=cai))
    assert [row[5] for row in logged(db)] == [["Bea Chen", "Cai Wong"]]


def test_an_interviewer_who_is_no_longer_a_contact_takes_the_interaction_away(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz")
    feedback.add_mock_interview(db, ana, HELD, "", ANSWERS)
    interview = only_interview(db)
    _, change = feedback.replace_mock_interview(
        db, replace(interview, interviewer_id=None, interviewer_name="A friend")
    )
    assert logged(db) == []
    assert only_interview(db).interaction_id is None
    assert change.people_changed == {ana}

    # Naming a contact again logs a new one.
    feedback.replace_mock_interview(db, replace(only_interview(db), interviewer_id=ana))
    assert [row[5] for row in logged(db)] == [["Ana Ruiz"]]
    assert only_interview(db).interaction_id is not None


def test_undo_and_redo_of_an_edit_swap_the_exact_rows(db: Database, add_person: AddPerson) -> None:
    ana = add_person("Ana Ruiz")
    feedback.add_mock_interview(db, None, HELD, "", ANSWERS, "A friend")
    name_only = only_interview(db)
    previous, _ = feedback.replace_mock_interview(db, replace(name_only, interviewer_id=ana))
    edited, edited_rows = only_interview(db), logged(db)
    assert [row[5] for row in edited_rows] == [["Ana Ruiz"]]

    after, change = feedback.swap_mock_interview(db, previous)  # undo
    assert only_interview(db) == name_only
    assert logged(db) == []
    assert change.people_changed == {ana}

    feedback.swap_mock_interview(db, after)  # redo: the same interaction id
    assert only_interview(db) == edited
    assert logged(db) == edited_rows


def test_an_interaction_deleted_on_its_own_leaves_the_interview_unlinked(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz")
    feedback.add_mock_interview(db, ana, HELD, "Nervous start", ANSWERS)
    [(interaction_id, *_)] = logged(db)

    interactions.delete_interaction(db, interaction_id)
    interview = only_interview(db)
    assert interview.interaction_id is None
    assert interview.answers == ANSWERS

    # Editing the answers or the date does not log it again behind the user's back...
    feedback.replace_mock_interview(db, replace(interview, held_on=date(2026, 3, 11)))
    assert logged(db) == []
    # ...and deleting the interview then touches no other interaction.
    other_id, _ = interactions.log_interaction(
        db,
        interactions.NewInteraction(HELD, InteractionKind.COFFEE, Direction.MUTUAL, (ana,)),
        confirmed=True,
    )
    state, _ = feedback.delete_mock_interview(db, interview.id)
    assert [row[0] for row in logged(db)] == [other_id]
    feedback.restore_mock_interview(db, state)
    assert only_interview(db).interaction_id is None


def test_deleting_the_interviewer_keeps_the_interview_by_name(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Ruiz")
    feedback.add_mock_interview(db, ana, HELD, "", ANSWERS)
    with db.transaction() as session:
        session.delete(session.get(Person, ana))
    interview = only_interview(db)
    assert (interview.interviewer_id, interview.interviewer_name) == (None, "Ana Ruiz")
    assert check_database(db).sound


def test_undoing_the_deletion_of_the_interaction_links_it_again(
    db: Database, add_person: AddPerson
) -> None:
    from desktop_app.services import documents

    ana = add_person("Ana Ruiz")
    feedback.add_mock_interview(db, ana, HELD, "", ANSWERS)
    document_id, _ = documents.create_document(db, "pitch", "Pitch", [])
    round_id, _ = feedback.ask_for_feedback(db, document_id, None, ana, HELD)
    linked = only_interview(db).interaction_id
    asked = feedback.round_info(db, round_id).interaction_id
    assert linked is not None and asked is not None

    for interaction_id in (linked, asked):
        snapshot, _ = interactions.remove_interaction(db, interaction_id)
        interactions.restore_interaction(db, snapshot)
    assert only_interview(db).interaction_id == linked
    assert feedback.round_info(db, round_id).interaction_id == asked
    # So deleting the interview still takes its interaction along.
    feedback.delete_mock_interview(db, only_interview(db).id)
    assert [row[0] for row in logged(db)] == [asked]
