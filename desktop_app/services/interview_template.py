"""The informational-interview request and question bank: shipped in `resources/interviews/`,
overridable per database (a setting, as the checklist templates are), filled in for one
interview."""

from __future__ import annotations

import json
from dataclasses import dataclass
from string import Formatter

from desktop_app.domain.errors import RuleError
from desktop_app.domain.events import InterviewFacts
from desktop_app.domain.values import ChangeSet
from desktop_app.services.document_resources import interview_questions, interview_request_template
from desktop_app.storage import events_repository as er
from desktop_app.storage.database import Database

TEMPLATE_SETTING = "interview_template"
PLACEHOLDERS = ("first_name", "name", "organization", "learn", "my_name")


@dataclass(frozen=True, slots=True)
class InterviewTemplate:
    subject: str
    body: str
    interview_questions: tuple[str, ...]
    event_questions: tuple[str, ...]


def shipped_template() -> InterviewTemplate:
    subject, body = interview_request_template()
    event, interview = interview_questions()
    return InterviewTemplate(subject, body, interview, event)


def template_override(db: Database) -> InterviewTemplate | None:
    """The user's own request and questions, None while the shipped ones are in use."""
    with db.transaction() as session:
        value = er.setting_value(session, TEMPLATE_SETTING)
    if value is None:
        return None
    try:
        data = json.loads(value)
        return InterviewTemplate(
            str(data["subject"]),
            str(data["body"]),
            tuple(str(q) for q in data["interview_questions"]),
            tuple(str(q) for q in data["event_questions"]),
        )
    except (ValueError, KeyError, TypeError):
        return None  # a damaged setting: the shipped template rather than a failure


def current_template(db: Database) -> InterviewTemplate:
    return template_override(db) or shipped_template()


def set_template(db: Database, template: InterviewTemplate | None) -> ChangeSet:
    """Save the user's request and questions (None: back to the shipped ones). Blank
    questions are dropped; a placeholder Trellis cannot fill is refused."""
    value = None
    if template is not None:
        template = _cleaned(template)
        value = json.dumps(
            {
                "subject": template.subject,
                "body": template.body,
                "interview_questions": list(template.interview_questions),
                "event_questions": list(template.event_questions),
            },
            ensure_ascii=False,
        )
    with db.transaction() as session:
        er.set_setting_value(session, TEMPLATE_SETTING, value)
    return ChangeSet(events_changed=True)


def _cleaned(template: InterviewTemplate) -> InterviewTemplate:
    if not template.subject.strip():
        raise RuleError("The request needs a subject line.")
    interview = tuple(q.strip() for q in template.interview_questions if q.strip())
    event = tuple(q.strip() for q in template.event_questions if q.strip())
    if not interview:
        raise RuleError("Keep at least one question for informational interviews.")
    for where, text in (
        ("subject", template.subject),
        ("request", template.body),
        *(("question", q) for q in interview),
    ):
        check_placeholders(where, text)
    for question in event:
        check_placeholders("event question", question, allowed=())
    return InterviewTemplate(template.subject.strip(), template.body.rstrip(), interview, event)


def check_placeholders(where: str, text: str, allowed: tuple[str, ...] = PLACEHOLDERS) -> None:
    """Refuse `{unknown}` and a lone brace, saying what can be used."""
    names = ", ".join(f"{{{p}}}" for p in allowed)
    known = f"use {names}" if names else "it is printed as it is, without placeholders"
    try:
        fields = [f for _lit, f, _spec, _conv in Formatter().parse(text) if f is not None]
    except ValueError:
        raise RuleError(f"The {where} has a lone “{{” or “}}”: {known}.") from None
    for name in fields:
        if name not in allowed:
            raise RuleError(f"The {where} uses {{{name}}}, which Trellis cannot fill: {known}.")


def fill(text: str, values: dict[str, str]) -> str:
    return text.format_map(values)


def values_for(facts: InterviewFacts, my_name: str) -> dict[str, str]:
    return {
        "first_name": facts.name.split()[0] if facts.name.split() else facts.name,
        "name": facts.name,
        "organization": facts.organization or "your organisation",
        "learn": facts.learn or "your field",
        "my_name": my_name,
    }
