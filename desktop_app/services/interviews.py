"""Informational interviews as a pipeline, the request to send, the funnel per month, and
who heard an older version of my pitch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.events import (
    InterviewFacts,
    InterviewOutcome,
    InterviewStage,
    PipelineFunnel,
    WaitingStep,
    check_stage_move,
    monthly_funnel,
    waiting_on_me,
)
from desktop_app.domain.values import ChangeSet
from desktop_app.services.events import EventsUndo
from desktop_app.services.interview_template import current_template, fill, values_for
from desktop_app.storage import events_repository as er
from desktop_app.storage import nurture_queries as q
from desktop_app.storage.database import Database

_CHANGED = ChangeSet(events_changed=True)


def interviews(db: Database) -> list[InterviewFacts]:
    with db.transaction() as session:
        return er.interview_facts(session)


def interview(db: Database, interview_id: int) -> InterviewFacts:
    with db.transaction() as session:
        found = er.interview_facts(session, interview_id)
    if not found:
        raise MissingError(f"No informational interview with id {interview_id}.")
    return found[0]


def add_interview(
    db: Database, person_id: int, learn: str = "", *, on: date | None = None, note: str = ""
) -> tuple[int, EventsUndo, ChangeSet]:
    """Someone I want to learn from: the idea stage of a new informational interview."""
    on = on or date.today()
    with db.transaction() as session:
        if not q.existing_person_ids(session, [person_id]):
            raise MissingError(f"No person with id {person_id}.")
        before = er.snapshot_rows(session)
        interview_id = er.insert_interview(session, person_id, learn.strip(), note, on)
    return (
        interview_id,
        EventsUndo(before),
        ChangeSet(people_changed=frozenset({person_id}), events_changed=True),
    )


def advance(
    db: Database,
    interview_id: int,
    stage: InterviewStage,
    *,
    on: date | None = None,
    outcome: InterviewOutcome | None = None,
) -> tuple[EventsUndo, ChangeSet]:
    """Move an interview to `stage` on `on` (today). Held logs the conversation as an
    informational-interview interaction, so the thank-you and the funnel follow from it."""
    on = on or date.today()
    if stage is InterviewStage.FOLLOWED_UP and outcome is None:
        raise RuleError("Say what came of it: a referral, an introduction or nothing.")
    current = interview(db, interview_id)
    check_stage_move(current.stage, stage, current.name)
    earlier = [d for s, d in current.dates.items() if d is not None and s.rank < stage.rank]
    if earlier and on < max(earlier):
        raise RuleError(
            f"{stage.label} on {on} would come before the interview was "
            f"{current.stage.label.lower()} ({max(earlier)})."
        )
    with db.transaction() as session:
        before = er.snapshot_rows(session)
        er.set_stage(session, interview_id, stage, on, outcome.value if outcome else "")
        added: tuple[int, ...] = ()
        if stage is InterviewStage.HELD:
            interaction_id = q.insert_interaction(
                session,
                occurred_on=on,
                kind=InteractionKind.INFORMATIONAL_INTERVIEW.value,
                direction=Direction.ASKED.value,
                note=f"Informational interview: {current.learn}".rstrip(": "),
                follow_up_on=None,
                participant_ids=[current.person_id],
            )
            er.set_interview_interaction(session, interview_id, interaction_id)
            added = (interaction_id,)
    change = ChangeSet(
        people_changed=frozenset({current.person_id}),
        interactions_changed=bool(added),
        events_changed=True,
    )
    return EventsUndo(before, (), added), change


def waiting(db: Database) -> list[WaitingStep]:
    """What the pipeline waits on me for, soonest first."""
    steps = [s for s in (waiting_on_me(f) for f in interviews(db)) if s is not None]
    return sorted(steps, key=lambda s: (s.due, s.name.casefold()))


def funnel(db: Database) -> PipelineFunnel:
    """The 'from conversations to offers' funnel, per month."""
    with db.transaction() as session:
        facts = er.interview_facts(session)
        offers = er.offer_dates(session)
    return monthly_funnel(facts, offers)


@dataclass(frozen=True, slots=True)
class Request:
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """A `mailto:` URL the mail client opens as a draft (Trellis sends nothing)."""
        return f"mailto:?subject={quote(self.subject)}&body={quote(self.body)}"

    @property
    def text(self) -> str:
        return f"{self.subject}\n\n{self.body}"


def request_for(db: Database, interview_id: int) -> Request:
    """The request, filled with the person's name, organisation and what I want to learn."""
    facts = interview(db, interview_id)
    with db.transaction() as session:
        my_name = er.my_name(session)
    template = current_template(db)
    values = values_for(facts, my_name)
    return Request(fill(template.subject, values), fill(template.body, values))


def questions_for(db: Database, interview_id: int) -> tuple[str, ...]:
    """The question bank (the user's, if edited) filled in for this interview."""
    facts = interview(db, interview_id)
    with db.transaction() as session:
        my_name = er.my_name(session)
    values = values_for(facts, my_name)
    return tuple(fill(q, values) for q in current_template(db).interview_questions)


# -- who heard which version -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OlderListener:
    person_id: int
    name: str
    heard_version: int
    heard_on: date
    reaches_goal: bool


@dataclass(frozen=True, slots=True)
class HeardReport:
    document_id: int
    latest: int | None
    listeners: tuple[OlderListener, ...]

    @property
    def sentence(self) -> str:
        if not self.listeners:
            return "Nobody has heard an older version."
        count = len(self.listeners)
        reach = sum(1 for p in self.listeners if p.reaches_goal)
        people = "1 person" if count == 1 else f"{count} people"
        text = f"{people} heard the pitch before you changed it"
        if reach:
            text += f"; {reach} of them can introduce you to a goal organisation"
        return text + "."


def heard_older_version(db: Database, document_id: int) -> HeardReport:
    """Everyone whose latest conversation with me recorded an older version of this
    document than its latest one."""
    with db.transaction() as session:
        latest = er.latest_version_number(session, document_id)
        heard = er.heard_versions(session, document_id)
        older = [h for h in heard if latest is not None and h[2] < latest]
        reach = er.people_reaching_goal_organizations(session, [h[0] for h in older])
    return HeardReport(
        document_id,
        latest,
        tuple(
            OlderListener(pid, name, number, day, pid in reach) for pid, name, number, day in older
        ),
    )


def check_in_with_older_listeners(
    db: Database, document_id: int, *, today: date | None = None
) -> tuple[EventsUndo, ChangeSet]:
    """One click: a check-in due today for each person who heard an older version, on the
    Due list until done (it records no version: they hear the new one when it is held)."""
    today = today or date.today()
    report = heard_older_version(db, document_id)
    if not report.listeners:
        raise RuleError("Nobody has heard an older version of this document.")
    added = []
    with db.transaction() as session:
        before = er.snapshot_rows(session)
        for listener in report.listeners:
            interaction_id = q.insert_interaction(
                session,
                occurred_on=today,
                kind=InteractionKind.OTHER.value,
                direction=Direction.MUTUAL.value,
                note=(
                    f"Check in: share version {report.latest} (they heard version "
                    f"{listener.heard_version} on {listener.heard_on})"
                ),
                follow_up_on=today,
                participant_ids=[listener.person_id],
            )
            er.forget_versions(session, interaction_id)  # they have not heard it yet
            added.append(interaction_id)
    people = frozenset(p.person_id for p in report.listeners)
    return EventsUndo(before, (), tuple(added)), ChangeSet(
        people_changed=people, interactions_changed=True
    )
