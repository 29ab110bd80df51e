"""Use cases of the sounding board: feedback rounds, thanking reviewers, mock interviews.

Asking for feedback is asking a favour, so it logs an 'asked' interaction with the reviewer
(their give/ask balance moves); once their feedback is in, a 'thank them' follow-up stays
due until a 'gave' (or mutual) interaction with them is logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.domain.documents import (
    CriterionVerdict,
    FeedbackRoundInfo,
    MockAnswerInfo,
    MockInterviewInfo,
    ThankYouDue,
)
from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.values import ChangeSet
from desktop_app.services import interactions
from desktop_app.storage import feedback_repository as repo
from desktop_app.storage.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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


def add_mock_interview(
    db: Database,
    interviewer_id: int | None,
    held_on: date,
    note: str,
    answers: Sequence[MockAnswerInfo],
    interviewer_name: str = "",
) -> tuple[int, ChangeSet]:
    """A mock interview with a contact, or with someone named only (`interviewer_name`)."""
    with db.transaction() as session:
        interview_id = repo.create_mock_interview(
            session, interviewer_id, held_on, note, answers, interviewer_name=interviewer_name
        )
    return interview_id, DOCUMENTS_CHANGED


def delete_mock_interview(db: Database, interview_id: int) -> tuple[MockInterviewInfo, ChangeSet]:
    """Delete a mock interview; the returned value puts it back (`restore_mock_interview`)."""
    with db.transaction() as session:
        [info] = [i for i in repo.mock_interviews(session) if i.id == interview_id]
        repo.delete_mock_interview(session, interview_id)
    return info, DOCUMENTS_CHANGED


def restore_mock_interview(db: Database, info: MockInterviewInfo) -> ChangeSet:
    with db.transaction() as session:
        _insert_interview(session, info)
    return DOCUMENTS_CHANGED


def replace_mock_interview(
    db: Database, info: MockInterviewInfo
) -> tuple[MockInterviewInfo, ChangeSet]:
    """Save an edited interview under its id; returns the previous state for undo."""
    with db.transaction() as session:
        [previous] = [i for i in repo.mock_interviews(session) if i.id == info.id]
        repo.delete_mock_interview(session, info.id)
        session.flush()
        _insert_interview(session, info)
    return previous, DOCUMENTS_CHANGED


def _insert_interview(session: Session, info: MockInterviewInfo) -> None:
    interviewer = info.interviewer_id
    if interviewer is not None and interviewer not in dict(repo.people_choices(session)):
        interviewer = None  # deleted meanwhile: keep the stored name only
    repo.create_mock_interview(
        session,
        interviewer,
        info.held_on,
        info.note,
        info.answers,
        interview_id=info.id,
        interviewer_name=info.interviewer_name,
    )


def ratings_over_time(
    interviews: Sequence[MockInterviewInfo],
) -> list[tuple[date, float, int]]:
    """(date, mean self-rating, interview id) of every interview with a rated answer."""
    return [(i.held_on, mean, i.id) for i in interviews if (mean := i.mean_rating) is not None]
