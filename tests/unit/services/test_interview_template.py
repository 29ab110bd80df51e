"""The user's own informational-interview request and question bank, per database."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import RuleError
from desktop_app.services import interview_template as it
from desktop_app.services import interviews
from desktop_app.services.events import EventFields
from desktop_app.services.interview_template import InterviewTemplate
from desktop_app.services.prep_sheet import prep_sheet
from desktop_app.storage.database import Database
from tests.unit.services.conftest import AddPerson
from tests.unit.services.test_events import NOW

MINE = InterviewTemplate(
    "Coffee, {first_name}?",
    "Hi {first_name}, I would love to hear about {learn}.\n{my_name}",
    ("What surprised you about {learn}?", "  ", "Who should I meet next?"),
    ("Which talk did you like best?",),
)


def test_an_edited_request_and_questions_fill_in_and_restore_brings_back_the_shipped(
    db: Database, add_person: AddPerson
) -> None:
    from desktop_app.services import events

    add_person("Me Myself", is_me=True)
    ana = add_person("Ana Lima")
    interview_id, _u, _ = interviews.add_interview(db, ana, "data leadership")
    shipped = interviews.request_for(db, interview_id)
    assert it.template_override(db) is None
    it.set_template(db, MINE)
    assert it.template_override(db) == InterviewTemplate(
        MINE.subject,
        MINE.body,
        ("What surprised you about {learn}?", "Who should I meet next?"),
        MINE.event_questions,
    )
    request = interviews.request_for(db, interview_id)
    assert request.subject == "Coffee, Ana?"
    assert request.body == "Hi Ana, I would love to hear about data leadership.\nMe Myself"
    assert interviews.questions_for(db, interview_id) == (
        "What surprised you about data leadership?",
        "Who should I meet next?",
    )
    event_id, _u, _ = events.create_event(db, EventFields("Meetup", NOW))
    assert "Which talk did you like best?" in prep_sheet(db, event_id).html()
    it.set_template(db, None)
    assert interviews.request_for(db, interview_id) == shipped


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (InterviewTemplate(" ", "b", ("q",), ()), "needs a subject"),
        (InterviewTemplate("s", "b", (" ",), ()), "at least one question"),
        (
            InterviewTemplate("Hi {firstname}", "b", ("q",), ()),
            r"uses \{firstname\}.*\{first_name\}",
        ),
        (InterviewTemplate("s", "Hi {first_name", ("q",), ()), "lone"),
        (InterviewTemplate("s", "b", ("q",), ("At {organization}?",)), "without placeholders"),
    ],
)
def test_a_template_trellis_cannot_fill_is_refused_and_nothing_is_saved(
    db: Database, template: InterviewTemplate, message: str
) -> None:
    with pytest.raises(RuleError, match=message):
        it.set_template(db, template)
    assert it.template_override(db) is None
