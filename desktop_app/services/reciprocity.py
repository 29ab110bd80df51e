"""Reciprocity: balances, gentle ask-heavy warnings, the shared-resources memory."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.errors import RuleError
from desktop_app.domain.reciprocity import (
    ASK_HEAVY_THRESHOLD,
    Balance,
    SharedResourceRecord,
    Suggestion,
    parse_tags,
    suggest_recipients,
)
from desktop_app.domain.values import ChangeSet
from desktop_app.services.interactions import NewInteraction, ResourceFields, log_interaction
from desktop_app.storage import reciprocity_queries as rq
from desktop_app.storage.database import Database


def balances(db: Database, person_ids: Iterable[int] | None = None) -> dict[int, Balance]:
    """Give/ask record by person id; people never met are absent (a balance of zero)."""
    with db.transaction() as session:
        return rq.balances(session, person_ids)


def ask_heavy(db: Database) -> list[Balance]:
    """Relationships where I keep asking: most asks since I last gave first."""
    with db.transaction() as session:
        found = rq.balances(session, min_asks_since_gave=ASK_HEAVY_THRESHOLD)
    heavy = [b for b in found.values() if b.ask_heavy]
    heavy.sort(key=lambda b: (-b.asks_since_gave, b.name.casefold()))
    return heavy


def shared_resources(db: Database) -> list[SharedResourceRecord]:
    with db.transaction() as session:
        return rq.shared_resources(session)


def log_shared_resource(
    db: Database,
    resource: ResourceFields,
    recipient_ids: Iterable[int],
    *,
    shared_on: date | None = None,
    note: str = "",
    today: date | None = None,
    confirmed: bool = False,
) -> tuple[int, ChangeSet]:
    """Record that I shared `resource` with these people: a *gave* interaction."""
    if not resource.title.strip() and not resource.url.strip():
        raise RuleError("A shared resource needs a title or a link.")
    entry = NewInteraction(
        occurred_on=shared_on or today or date.today(),
        kind=InteractionKind.SHARED_RESOURCE,
        direction=Direction.GAVE,
        participant_ids=tuple(recipient_ids),
        note=note,
        resource=resource,
    )
    return log_interaction(db, entry, today=today, confirmed=confirmed)


def suggestions(
    db: Database, tags: str, *, title: str = "", url: str = "", limit: int = 10
) -> list[Suggestion]:
    """Who a resource with these tags would interest, leaving out who already has it."""
    wanted = parse_tags(tags)
    if not wanted:
        return []
    with db.transaction() as session:
        people = rq.interest_facts(session)
        already = rq.recipients_of(session, title, url) if (title or url) else set()
    return suggest_recipients(wanted, people, exclude=already, limit=limit)
