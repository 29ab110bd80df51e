"""Use cases of the sounding board: feedback rounds, thanking reviewers, mock interviews.

Asking for feedback is asking a favour, so it logs an 'asked' interaction with the reviewer
(their give/ask balance moves); once their feedback is in, a 'thank them' follow-up stays
due until a 'gave' (or mutual) interaction with them is logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from desktop_app.domain.dates import question_interaction_dates
from desktop_app.domain.documents import (
    CriterionVerdict,
    FeedbackRoundInfo,
    MockAnswerInfo,
    MockInterviewInfo,
    ThankYouDue,
    mock_interaction_note,
)
from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.values import ChangeSet
from desktop_app.services import interactions
from desktop_app.storage import feedback_repository as repo
from desktop_app.storage import nurture_queries
from desktop_app.storage.database import Database

if TYPE_CHECKING:
    from desktop_app.storage.handles import Session


DOCUMENTS_CHANGED = ChangeSet(documents_changed=True)


def _people_changed(*person_ids: int | None) -> ChangeSet:
    return ChangeSet(
        people_changed=frozenset(p for p in person_ids if p is not None),
        interactions_changed=True,
        documents_changed=True,
    )


def people_choices(db: Database) -> list[tuple[int, str]]:
    with db.transaction() as session:
        return repo.people_choices(session)


def ask_for_feedback(
    db: Database,
    document_id: int,
    version_id: int | None,
    reviewer_id: int,
    asked_on: date,
    *,
    same_as: FeedbackRoundInfo | None = None,
) -> tuple[int, ChangeSet]:
    """Open a feedback round and log the 'asked' interaction with the reviewer.

    `same_as` (redo after undo) re-creates that round and interaction with their ids.
    """
    with db.transaction() as session:
        round_id, _ = repo.create_round(
            session,
            document_id,
            version_id,
            reviewer_id,
            asked_on,
            round_id=same_as.id if same_as else None,
            interaction_id=same_as.interaction_id if same_as else None,
        )
    return round_id, _people_changed(reviewer_id)


def withdraw_request(db: Database, round_id: int) -> tuple[FeedbackRoundInfo, ChangeSet]:
    """Undo of asking: the round and the interaction it logged go; returns the round."""
    with db.transaction() as session:
        info = repo.round_info(session, round_id)
        repo.delete_round(session, round_id)
    return info, _people_changed(info.reviewer_id)


def round_info(db: Database, round_id: int) -> FeedbackRoundInfo:
    with db.transaction() as session:
        return repo.round_info(session, round_id)


def record_feedback(
    db: Database,
    round_id: int,
    received_on: date | None,
    verdict: str,
    comment: str,
    criteria: Sequence[CriterionVerdict],
) -> tuple[FeedbackRoundInfo, ChangeSet]:
    """Store the reviewer's overall verdict and comment and their word on each criterion.

    Returns the round as it was before, for undo (`restore_feedback`).
    """
    with db.transaction() as session:
        previous = repo.round_info(session, round_id)
        repo.record_feedback(session, round_id, received_on, verdict, comment, criteria)
    return previous, _people_changed(previous.reviewer_id)


def restore_feedback(db: Database, info: FeedbackRoundInfo) -> ChangeSet:
    with db.transaction() as session:
        repo.record_feedback(
            session, info.id, info.received_on, info.verdict, info.comment, info.criteria
        )
    return _people_changed(info.reviewer_id)


def thank_you_due(db: Database) -> list[ThankYouDue]:
    with db.transaction() as session:
        return repo.thank_you_due(session)


def log_thanks(db: Database, due: ThankYouDue, on: date, note: str = "") -> tuple[int, ChangeSet]:
    """Log a 'gave' interaction thanking the reviewer: the follow-up is then done."""
    note = note or f"Thanked them for their feedback on {due.document_title}"
    entry = interactions.NewInteraction(
        on, InteractionKind.MESSAGE, Direction.GAVE, (due.reviewer_id,), note
    )
    interaction_id, change = interactions.log_interaction(db, entry, confirmed=True)
    return interaction_id, change | DOCUMENTS_CHANGED


def remove_interaction(db: Database, interaction_id: int) -> ChangeSet:
    """Undo of `log_thanks`."""
    return interactions.delete_interaction(db, interaction_id) | DOCUMENTS_CHANGED


def mock_interviews(db: Database) -> list[MockInterviewInfo]:
    with db.transaction() as session:
        return repo.mock_interviews(session)


@dataclass(frozen=True, slots=True)
class MockInterviewState:
    """A mock interview as it was, with the rows of the interaction it logged: what undo
    puts back exactly (ids, and anything else on the interaction, included)."""

    info: MockInterviewInfo
    interaction: interactions.Snapshot | None = None


def mock_interview_date_questions(
    interviewer_id: int | None, held_on: date, today: date | None = None
) -> list[str]:
    """Questions to put before saving an interview held with a contact on `held_on`: it is
    logged as an interaction, whose date is questioned like any other (far ahead, long ago).
    Raises `ImplausibleDateError` before 1900."""
    if interviewer_id is None:
        return []
    today = today or date.today()
    if held_on > today + timedelta(days=1):
        return [
            f"The interview date {held_on.isoformat()} is in the future. It is logged as an "
            "interaction with the interviewer on that day, so their check-in clock would "
            "start from it; save it once it has happened."
        ]
    return question_interaction_dates(held_on, None, today)  # long ago, before 1900


def add_mock_interview(
    db: Database,
    interviewer_id: int | None,
    held_on: date,
    note: str,
    answers: Sequence[MockAnswerInfo],
    interviewer_name: str = "",
) -> tuple[int, ChangeSet]:
    """A mock interview with a contact, or with someone named only (`interviewer_name`).

    With a contact it is also logged, in the same transaction, as an 'asked' mock-interview
    interaction with them on `held_on`: their check-in clock, give/ask balance, timeline and
    "thank them" follow it like any other interaction.
    """
    with db.transaction() as session:
        interaction_id = None
        if interviewer_id is not None:
            interaction_id = repo.insert_mock_interaction(
                session, interviewer_id, held_on, mock_interaction_note(note)
            )
        interview_id = repo.create_mock_interview(
            session,
            interviewer_id,
            held_on,
            note,
            answers,
            interviewer_name=interviewer_name,
            interaction_id=interaction_id,
        )
    if interaction_id is None:
        return interview_id, DOCUMENTS_CHANGED
    return interview_id, _people_changed(interviewer_id)


def delete_mock_interview(db: Database, interview_id: int) -> tuple[MockInterviewState, ChangeSet]:
    """Delete a mock interview and the interaction it logged; the returned state puts both
    back (`restore_mock_interview`)."""
    with db.transaction() as session:
        state, people = _remove(session, interview_id)
    return state, _changed(people)


def restore_mock_interview(db: Database, state: MockInterviewState) -> ChangeSet:
    with db.transaction() as session:
        people = _put_back(session, state)
    return _changed(people)


def replace_mock_interview(
    db: Database, edited: MockInterviewInfo
) -> tuple[MockInterviewState, ChangeSet]:
    """Save an edited interview under its id; returns the previous state for undo
    (`swap_mock_interview`).

    Its interaction follows in place: the date, the interviewer (in place of the previous
    one; anyone else on it stays) and, while it is still the one Trellis wrote, the note, so
    what the user changed on it survives. An interviewer who is no
    longer a contact takes the interaction away; naming a new contact logs one. Editing
    anything else of an interview without an interaction (the user deleted it, or the
    interview is older than the link) does not log one behind the user's back.
    """
    with db.transaction() as session:
        previous, people = _remove(session, edited.id, keep_interaction=True)
        before = previous.info
        interviewer = _existing(session, edited.interviewer_id)
        interaction_id = before.interaction_id
        if interaction_id is not None and interviewer is None:
            nurture_queries.delete_interaction(session, interaction_id)
            interaction_id = None
        elif interaction_id is not None and interviewer is not None:
            repo.update_mock_interaction(
                session,
                interaction_id,
                held_on=edited.held_on,
                interviewer_id=interviewer,
                previous_interviewer_id=before.interviewer_id,
                note=mock_interaction_note(edited.note),
                note_written=mock_interaction_note(before.note),
            )
        elif interviewer is not None and interviewer != before.interviewer_id:
            interaction_id = repo.insert_mock_interaction(
                session, interviewer, edited.held_on, mock_interaction_note(edited.note)
            )
        _insert_interview(session, replace(edited, interaction_id=interaction_id))
    return previous, _changed(people | {interviewer})


def swap_mock_interview(
    db: Database, state: MockInterviewState
) -> tuple[MockInterviewState, ChangeSet]:
    """Put an interview (and its interaction) back as `state` says, returning the state it
    replaced: undo and redo of an edit, each restoring the very rows of the other."""
    with db.transaction() as session:
        current, removed = _remove(session, state.info.id)
        restored = _put_back(session, state)
    return current, _changed(removed | restored)


def _remove(
    session: Session, interview_id: int, *, keep_interaction: bool = False
) -> tuple[MockInterviewState, set[int | None]]:
    """Delete an interview (and, unless kept, its interaction); its state and the people
    whose interactions changed."""
    info = repo.mock_interview(session, interview_id)
    snapshot = None
    people: set[int | None] = {info.interviewer_id}
    interaction_id = info.interaction_id
    if interaction_id is not None:
        snapshot = nurture_queries.interaction_rows(session, interaction_id)
        people |= set(nurture_queries.interaction_participant_ids(session, interaction_id))
    repo.delete_mock_interview(session, interview_id)
    if interaction_id is not None and not keep_interaction:
        nurture_queries.delete_interaction(session, interaction_id)
    return MockInterviewState(info, snapshot), people


def _put_back(session: Session, state: MockInterviewState) -> set[int | None]:
    """Insert a removed interview and its interaction rows, ids included."""
    people: set[int | None] = {state.info.interviewer_id}
    interaction_id = None
    rows = dict(state.interaction or {})
    if rows.get("interactions"):
        # Put back exactly what was there: an interaction whose interviewer was deleted has
        # no participants left, and undoing that deletion needs it back. Only one whose
        # people have all gone since it was taken (undo outside the stack) stays away.
        participants = [int(str(r["person_id"])) for r in rows["interaction_participants"]]
        present = nurture_queries.existing_person_ids(session, participants)
        if present or not participants:
            rows["interaction_participants"] = [
                r for r in rows["interaction_participants"] if int(str(r["person_id"])) in present
            ]
            nurture_queries.restore_interaction_rows(session, rows)
            interaction_id = state.info.interaction_id
            people |= present
    _insert_interview(session, replace(state.info, interaction_id=interaction_id))
    return people


def _existing(session: Session, person_id: int | None) -> int | None:
    """`person_id` if that contact still exists."""
    if person_id is None or not nurture_queries.existing_person_ids(session, (person_id,)):
        return None
    return person_id


def _changed(people: set[int | None]) -> ChangeSet:
    """Documents changed and, with them, the interactions of these people."""
    known = {p for p in people if p is not None}
    return _people_changed(*known) if known else DOCUMENTS_CHANGED


def _insert_interview(session: Session, info: MockInterviewInfo) -> None:
    interviewer = _existing(session, info.interviewer_id)  # deleted meanwhile: name only
    repo.create_mock_interview(
        session,
        interviewer,
        info.held_on,
        info.note,
        info.answers,
        interview_id=info.id,
        interviewer_name=info.interviewer_name,
        interaction_id=info.interaction_id,
    )


def ratings_over_time(
    interviews: Sequence[MockInterviewInfo],
) -> list[tuple[date, float, int]]:
    """(date, mean self-rating, interview id) of every interview with a rated answer."""
    return [(i.held_on, mean, i.id) for i in interviews if (mean := i.mean_rating) is not None]
