"""SQL of feedback rounds, the 'thank them' follow-ups and mock interviews.

A reviewer or interviewer is a contact; their name is copied onto the round or interview
so that deleting the contact (`ON DELETE SET NULL`) keeps what they said.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, delete, exists, select
from sqlalchemy.orm import Session

from desktop_app.domain.documents import (
    CriterionVerdict,
    FeedbackRoundInfo,
    MockAnswerInfo,
    MockInterviewInfo,
    ThankYouDue,
)
from desktop_app.domain.enums import Direction, InteractionKind, Verdict
from desktop_app.storage import nurture_queries
from desktop_app.storage.documents_repository import NotFoundError, verdict_of
from desktop_app.storage.tables import (
    CriterionFeedback,
    Document,
    DocumentVersion,
    FeedbackRound,
    Interaction,
    MockAnswer,
    MockInterview,
    Person,
    interaction_participants,
)


def people_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every contact but me, by name: who can review or interview."""
    rows = session.execute(
        select(Person.id, Person.full_name)
        .where(Person.is_me.is_(False))
        .order_by(Person.full_name, Person.id)
    )
    return [(row[0], row[1]) for row in rows]


def person_name(session: Session, person_id: int) -> str:
    return _person(session, person_id).full_name


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"contact {person_id} no longer exists")
    return person


def create_round(
    session: Session,
    document_id: int,
    version_id: int | None,
    reviewer_id: int,
    asked_on: date,
    *,
    round_id: int | None = None,
    interaction_id: int | None = None,
) -> tuple[int, int]:
    """Ask a contact to review a version: the round, and an 'asked' interaction with them.

    The interaction is a message (the request) until their feedback is recorded; it then
    becomes the feedback itself, dated when it arrived (see `record_feedback`), so the Due
    list's "thank them" appears after the favour, not after the request.
    Returns (round id, interaction id); passing them back re-creates the same rows (redo).
    """
    label = _label(session, document_id, version_id)
    name = person_name(session, reviewer_id)
    note = f"Asked for feedback on {label}"
    if interaction_id is None:
        interaction_id = _log_asked(session, InteractionKind.MESSAGE, asked_on, note, reviewer_id)
    else:
        interaction = Interaction(
            id=interaction_id,
            occurred_on=asked_on,
            kind=InteractionKind.MESSAGE.value,
            direction=Direction.ASKED.value,
            note=note,
        )
        interaction.participants = [_person(session, reviewer_id)]
        session.add(interaction)
        session.flush()
    feedback = FeedbackRound(
        id=round_id,
        document_id=document_id,
        version_id=version_id,
        reviewer_id=reviewer_id,
        reviewer_name=name,
        asked_on=asked_on,
        interaction_id=interaction_id,
    )
    session.add(feedback)
    session.flush()
    return feedback.id, interaction_id


def _label(session: Session, document_id: int, version_id: int | None) -> str:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"document {document_id} no longer exists")
    if version_id is not None:
        version = session.get(DocumentVersion, version_id)
        if version is not None:
            return f"{document.title} (version {version.number})"
    return document.title


def _sync_interaction(session: Session, feedback: FeedbackRound) -> None:
    """The round's interaction: the request until feedback arrives, then the feedback."""
    if feedback.interaction_id is None:
        return
    interaction = session.get(Interaction, feedback.interaction_id)
    if interaction is None:
        return
    label = _label(session, feedback.document_id, feedback.version_id)
    if feedback.received_on is None:
        interaction.kind = InteractionKind.MESSAGE.value
        interaction.occurred_on = feedback.asked_on
        interaction.note = f"Asked for feedback on {label}"
    else:
        interaction.kind = InteractionKind.FEEDBACK.value
        interaction.occurred_on = feedback.received_on
        interaction.note = f"Feedback on {label} (asked {feedback.asked_on.isoformat()})"


def delete_round(session: Session, round_id: int, *, with_interaction: bool = True) -> None:
    """Remove a round (undo of asking); the 'asked' interaction it logged goes with it."""
    feedback = _round(session, round_id)
    if with_interaction and feedback.interaction_id is not None:
        nurture_queries.delete_interaction(session, feedback.interaction_id)
    session.delete(feedback)


def record_feedback(
    session: Session,
    round_id: int,
    received_on: date | None,
    verdict: str,
    comment: str,
    criteria: Sequence[CriterionVerdict],
) -> None:
    """Set what the reviewer said; replaces any earlier record of this round."""
    feedback = _round(session, round_id)
    feedback.received_on = received_on
    feedback.verdict = verdict
    feedback.comment = comment
    _sync_interaction(session, feedback)
    session.execute(delete(CriterionFeedback).where(CriterionFeedback.round_id == round_id))
    session.add_all(
        CriterionFeedback(
            round_id=round_id, item_id=c.item_id, verdict=c.verdict.value, comment=c.comment
        )
        for c in criteria
        if c.verdict is not Verdict.NOT_REVIEWED or c.comment
    )
    session.flush()
    session.expire(feedback, ["criteria"])


def round_info(session: Session, round_id: int) -> FeedbackRoundInfo:
    return _info(session, _round(session, round_id))


def rounds_of(session: Session, document_id: int) -> list[FeedbackRoundInfo]:
    rounds = session.scalars(
        select(FeedbackRound)
        .where(FeedbackRound.document_id == document_id)
        .order_by(FeedbackRound.asked_on, FeedbackRound.id)
    )
    return [_info(session, r) for r in rounds]


def thank_you_due(session: Session) -> list[ThankYouDue]:
    """Feedback received from a contact with no 'gave' interaction with them since."""
    gave_since = exists(
        select(Interaction.id)
        .join(
            interaction_participants,
            interaction_participants.c.interaction_id == Interaction.id,
        )
        .where(
            interaction_participants.c.person_id == FeedbackRound.reviewer_id,
            Interaction.direction.in_((Direction.GAVE.value, Direction.MUTUAL.value)),
            Interaction.occurred_on >= FeedbackRound.received_on,
        )
    )
    rows = session.execute(
        select(
            FeedbackRound.id,
            FeedbackRound.document_id,
            Document.title,
            FeedbackRound.reviewer_id,
            Person.full_name,
            FeedbackRound.received_on,
        )
        .join(Document, Document.id == FeedbackRound.document_id)
        .join(Person, Person.id == FeedbackRound.reviewer_id)
        .where(and_(FeedbackRound.received_on.is_not(None), ~gave_since))
        .order_by(FeedbackRound.received_on, FeedbackRound.id)
    )
    return [
        ThankYouDue(row[0], row[1], row[2], row[3] or 0, row[4], row[5] or date.min) for row in rows
    ]


def create_mock_interview(
    session: Session,
    interviewer_id: int | None,
    held_on: date,
    note: str,
    answers: Sequence[MockAnswerInfo],
    *,
    interview_id: int | None = None,
    interviewer_name: str = "",
    interaction_id: int | None = None,
) -> int:
    """A mock interview; `interview_id` and `interviewer_name` serve undo and edits,
    `interaction_id` links the interaction it logged (see `insert_mock_interaction`)."""
    name = person_name(session, interviewer_id) if interviewer_id is not None else ""
    interview = MockInterview(
        id=interview_id,
        interviewer_id=interviewer_id,
        interviewer_name=name or interviewer_name,
        held_on=held_on,
        note=note,
        interaction_id=interaction_id,
    )
    interview.answers = [
        MockAnswer(position=i, question=a.question, notes=a.notes, rating=a.rating)
        for i, a in enumerate(answers)
    ]
    session.add(interview)
    session.flush()
    return interview.id


def insert_mock_interaction(session: Session, interviewer_id: int, held_on: date, note: str) -> int:
    """Log a mock interview as an interaction: they gave me their time, so it is 'asked'."""
    _person(session, interviewer_id)  # NotFoundError rather than a foreign-key failure
    return _log_asked(session, InteractionKind.MOCK_INTERVIEW, held_on, note, interviewer_id)


def _log_asked(session: Session, kind: InteractionKind, on: date, note: str, person_id: int) -> int:
    """An 'asked' interaction with one person: a favour asked of them."""
    return nurture_queries.insert_interaction(
        session,
        occurred_on=on,
        kind=kind.value,
        direction=Direction.ASKED.value,
        note=note,
        follow_up_on=None,
        participant_ids=(person_id,),
    )


def update_mock_interaction(
    session: Session,
    interaction_id: int,
    *,
    held_on: date,
    interviewer_id: int,
    previous_interviewer_id: int | None,
    note: str,
    note_written: str,
) -> bool:
    """Keep a mock interview's interaction in step with it, in place: its date; a new
    interviewer in place of the previous one (anyone else on it stays); and the note only
    while it is still the one Trellis wrote (`note_written`), so what the user changed
    survives. False when the interaction no longer exists."""
    interaction = session.get(Interaction, interaction_id)
    if interaction is None:
        return False
    interaction.occurred_on = held_on
    if interaction.note == note_written:
        interaction.note = note
    if interviewer_id != previous_interviewer_id:
        others = [p for p in interaction.participants if p.id != previous_interviewer_id]
        if all(p.id != interviewer_id for p in others):
            others.append(_person(session, interviewer_id))
        interaction.participants = others
    session.flush()
    return True


def delete_mock_interview(session: Session, interview_id: int) -> None:
    interview = session.get(MockInterview, interview_id)
    if interview is None:
        raise NotFoundError(f"mock interview {interview_id} no longer exists")
    session.delete(interview)
    session.flush()


def mock_interview(session: Session, interview_id: int) -> MockInterviewInfo:
    interview = session.get(MockInterview, interview_id)
    if interview is None:
        raise NotFoundError(f"mock interview {interview_id} no longer exists")
    return _mock_info(interview)


def mock_interviews(session: Session) -> list[MockInterviewInfo]:
    """Every mock interview, oldest first, with its answers."""
    interviews = session.scalars(
        select(MockInterview).order_by(MockInterview.held_on, MockInterview.id)
    )
    return [_mock_info(i) for i in interviews]


def _mock_info(interview: MockInterview) -> MockInterviewInfo:
    return MockInterviewInfo(
        interview.id,
        interview.interviewer_id,
        interview.interviewer_name,
        interview.held_on,
        interview.note,
        tuple(MockAnswerInfo(a.question, a.notes, a.rating) for a in interview.answers),
        interview.interaction_id,
    )


def _round(session: Session, round_id: int) -> FeedbackRound:
    feedback = session.get(FeedbackRound, round_id)
    if feedback is None:
        raise NotFoundError(f"feedback round {round_id} no longer exists")
    return feedback


def _info(session: Session, feedback: FeedbackRound) -> FeedbackRoundInfo:
    number = None
    if feedback.version_id is not None:
        number = session.scalar(
            select(DocumentVersion.number).where(DocumentVersion.id == feedback.version_id)
        )
    return FeedbackRoundInfo(
        id=feedback.id,
        document_id=feedback.document_id,
        version_number=number,
        reviewer_id=feedback.reviewer_id,
        reviewer_name=feedback.reviewer_name,
        asked_on=feedback.asked_on,
        received_on=feedback.received_on,
        verdict=feedback.verdict,
        comment=feedback.comment,
        criteria=tuple(
            CriterionVerdict(c.item_id, verdict_of(c.verdict), c.comment)
            for c in sorted(feedback.criteria, key=lambda c: c.id)
        ),
        interaction_id=feedback.interaction_id,
    )
