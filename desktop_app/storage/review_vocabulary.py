"""SQL for the automatic review: names the spelling check must know, my jobs, my goals,
and the words I added to my dictionary (kept in `settings` as a JSON list)."""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.review import GoalTargets, MyJob, NetworkVocabulary
from desktop_app.storage.me_repository import me_id, remember_setting
from desktop_app.storage.tables import Employment, Goal, Organization, Person, Setting

ADDED_WORDS_KEY = "spelling.added_words"
_LIST_SEPARATORS = re.compile(r"[,;\n]+")


def network_vocabulary(session: Session) -> NetworkVocabulary:
    """Every person's and organisation's name, my job titles and my added words."""
    people = tuple(name for name in session.scalars(select(Person.full_name).distinct()) if name)
    organizations = tuple(
        name for name in session.scalars(select(Organization.name).distinct()) if name
    )
    titles = tuple(job.title for job in my_jobs(session) if job.title)
    return NetworkVocabulary(people, organizations, titles, added_words(session))


def my_jobs(session: Session) -> tuple[MyJob, ...]:
    """My own positions, newest first; none when the network has no me."""
    me = me_id(session)
    if me is None:
        return ()
    rows = session.execute(
        select(
            Organization.name,
            Employment.title,
            Employment.start,
            Employment.end,
            Employment.current,
        )
        .join(Organization, Organization.id == Employment.organization_id)
        .where(Employment.person_id == me)
        .order_by(Employment.start.desc(), Employment.id)
    )
    return tuple(
        MyJob(
            organization=name,
            title=title or "",
            start_year=start.year if start else None,
            end_year=end.year if end else None,
            current=bool(current),
        )
        for name, title, start, end, current in rows
        if name
    )


def open_goals(session: Session) -> tuple[GoalTargets, ...]:
    """Goals not yet achieved, with their target roles and industries split into items."""
    rows = session.execute(
        select(Goal.title, Goal.target_roles, Goal.target_industries)
        .where(Goal.achieved_on.is_(None))
        .order_by(Goal.id)
    )
    return tuple(
        GoalTargets(title, _items(roles), _items(industries)) for title, roles, industries in rows
    )


def added_words(session: Session) -> tuple[str, ...]:
    setting = session.get(Setting, ADDED_WORDS_KEY)
    if setting is None:
        return ()
    try:
        value = json.loads(setting.value)
    except ValueError:
        return ()  # a hand-edited setting is ignored rather than refused
    if not isinstance(value, list):
        return ()
    return tuple(str(word) for word in value if isinstance(word, str) and word)


def set_added_words(session: Session, words: tuple[str, ...]) -> None:
    remember_setting(session, ADDED_WORDS_KEY, json.dumps(list(words), ensure_ascii=False))


def _items(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _LIST_SEPARATORS.split(text or "") if part.strip())
