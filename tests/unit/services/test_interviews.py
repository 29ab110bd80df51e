"""Informational interviews: stages, what waits on me (Today and Due), the funnel per month,
the request, and who heard an older version of my pitch."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest

from desktop_app.domain.cadence import DueReason
from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.errors import RuleError
from desktop_app.domain.events import InterviewOutcome, InterviewStage
from desktop_app.services import documents, events, interviews, reminders
from desktop_app.services.interactions import NewInteraction, log_interaction
from desktop_app.storage.database import Database
from tests.network_builder import NetworkBuilder
from tests.unit.services.conftest import AddPerson

TODAY = date(2026, 12, 7)


def test_each_stage_says_what_waits_on_me_and_the_due_list_has_it(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    interview_id, _u, _ = interviews.add_interview(db, ana, "data engineering", on=TODAY)
    assert [(s.name, s.action, s.due) for s in interviews.waiting(db)] == [
        ("Ana Lima", "Send the request", TODAY)
    ]
    interviews.advance(db, interview_id, InterviewStage.ASKED, on=TODAY)
    interviews.advance(db, interview_id, InterviewStage.SCHEDULED, on=date(2026, 12, 10))
    assert interviews.waiting(db)[0].action == "Prepare your questions"
    interviews.advance(db, interview_id, InterviewStage.HELD, on=date(2026, 12, 10))
    [step] = interviews.waiting(db)
    assert (step.action, step.due) == ("Send thanks within 24 hours", date(2026, 12, 11))
    due = reminders.due_list(db, date(2026, 12, 11))
    assert ("Ana Lima", DueReason.INTERVIEW, "Send thanks within 24 hours") in {
        (i.name, i.reason, i.detail) for i in due
    }


def test_stages_only_move_forward_and_follow_up_needs_an_outcome(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    interview_id, _u, _ = interviews.add_interview(db, ana, on=TODAY)
    interviews.advance(db, interview_id, InterviewStage.HELD, on=TODAY)
    with pytest.raises(RuleError, match="already at “Held”"):
        interviews.advance(db, interview_id, InterviewStage.ASKED, on=TODAY)
    with pytest.raises(RuleError, match="referral, an introduction or nothing"):
        interviews.advance(db, interview_id, InterviewStage.FOLLOWED_UP, on=TODAY)
    with pytest.raises(RuleError, match="before"):
        interviews.advance(db, interview_id, InterviewStage.THANKED, on=date(2026, 12, 1))


def test_undo_of_a_stage_puts_the_stage_and_its_interaction_back(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    interview_id, _u, _ = interviews.add_interview(db, ana, on=TODAY)
    undo, change = interviews.advance(db, interview_id, InterviewStage.HELD, on=TODAY)
    assert change.interactions_changed
    events.undo_change(db, undo)
    assert interviews.interview(db, interview_id).stage is InterviewStage.IDEA
    assert db.fast_connection().execute("SELECT COUNT(*) FROM interactions").fetchone() == (0,)


def test_funnel_counts_per_month_and_compares_with_1_in_12(
    db: Database, add_person: AddPerson
) -> None:
    people = [add_person(f"Person {i}") for i in range(3)]
    for i, pid in enumerate(people):
        interview_id, _u, _ = interviews.add_interview(db, pid, on=date(2026, 10, 1))
        interviews.advance(db, interview_id, InterviewStage.ASKED, on=date(2026, 10, 2))
        interviews.advance(db, interview_id, InterviewStage.HELD, on=date(2026, 10 + i % 2, 20))
    interviews.advance(
        db, 1, InterviewStage.FOLLOWED_UP, on=date(2026, 11, 2), outcome=InterviewOutcome.REFERRAL
    )
    log_interaction(
        db,
        NewInteraction(date(2026, 11, 30), InteractionKind.OFFER, Direction.MUTUAL, (people[0],)),
        today=TODAY,
    )
    funnel = interviews.funnel(db)
    months = {(m.month, m.asked, m.held, m.referrals, m.offers) for m in funnel.months}
    assert months == {(date(2026, 10, 1), 3, 2, 0, 0), (date(2026, 11, 1), 0, 1, 1, 1)}
    assert [m.text for m in funnel.months] == [
        "Oct 2026: 3 asked, 2 held, 0 referrals, 0 offers",
        "Nov 2026: 0 asked, 1 held, 1 referral, 1 offer",
    ]
    assert funnel.comparison() == (
        "You: 3 held, 1 offer (1 in 3). At 1 in 12 you could expect about 0.2."
    )


def test_the_request_is_filled_in_and_opens_as_a_mail_draft(
    db: Database, network: NetworkBuilder
) -> None:
    network.person("Me Myself", me=True)
    ana = network.person("Ana Lima")
    network.job(ana, network.organization("Zalando"))
    interview_id, _u, _ = interviews.add_interview(db, ana, "platform teams", on=TODAY)
    request = interviews.request_for(db, interview_id)
    assert request.subject == "Could I learn from your experience at Zalando?"
    assert request.body.startswith("Hi Ana,")
    assert "platform teams" in request.body and request.body.endswith("Me Myself")
    assert request.mailto.startswith("mailto:?subject=")
    assert unquote(request.mailto.split("&body=")[1]) == request.body


def test_people_who_heard_an_older_pitch_are_listed_with_who_reaches_a_goal(
    db: Database, network: NetworkBuilder
) -> None:
    ana, ben, cleo = network.person("Ana"), network.person("Ben"), network.person("Cleo")
    target = network.organization("Target GmbH")
    dora = network.person("Dora")
    network.job(dora, target)
    network.tie(ben, dora)
    network.goal("Move to Target", orgs=(target,))
    pitch, _ = documents.create_document(db, "pitch", "Elevator pitch")
    documents.add_text_version(db, pitch, "I build data platforms.")
    for pid in (ana, ben):
        entry = NewInteraction(TODAY, InteractionKind.COFFEE, Direction.MUTUAL, (pid,))
        log_interaction(db, entry, today=TODAY)
    documents.add_text_version(db, pitch, "I help teams trust their data.")
    log_interaction(
        db, NewInteraction(TODAY, InteractionKind.CALL, Direction.MUTUAL, (cleo,)), today=TODAY
    )
    report = interviews.heard_older_version(db, pitch)
    assert [(p.name, p.heard_version, p.reaches_goal) for p in report.listeners] == [
        ("Ana", 1, False),
        ("Ben", 1, True),
    ]
    assert report.sentence == (
        "2 people heard the pitch before you changed it; 1 of them can introduce you to a "
        "goal organisation."
    )
    _undo, _ = interviews.check_in_with_older_listeners(db, pitch, today=TODAY)
    due = {(i.name, i.reason) for i in reminders.due_list(db, TODAY)}
    assert {("Ana", DueReason.FOLLOW_UP), ("Ben", DueReason.FOLLOW_UP)} <= due
    assert len(interviews.heard_older_version(db, pitch).listeners) == 2  # not heard yet
