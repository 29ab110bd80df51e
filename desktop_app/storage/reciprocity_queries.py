"""SQL for reciprocity: give/ask balances, the shared-resources log, interest facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import bindparam, insert, text
from sqlalchemy.orm import Session

from desktop_app.domain.reciprocity import (
    Balance,
    InterestFacts,
    SharedResourceRecord,
    parse_tags,
    words,
)
from desktop_app.storage.nurture_queries import as_date
from desktop_app.storage.tables import SharedResource


def balances(
    session: Session, person_ids: Iterable[int] | None = None, *, min_asks_since_gave: int = 0
) -> dict[int, Balance]:
    """Give/ask counts per person (people without interactions are left out); with
    `min_asks_since_gave`, only relationships with at least that many asks since I gave."""
    where = ""
    params: dict[str, object] = {"min_asks": min_asks_since_gave}
    if person_ids is not None:
        where = "AND p.id IN :ids"
        params["ids"] = list(person_ids)
    sql = f"""
        WITH mine AS (
            SELECT ip.person_id, i.occurred_on, i.id, i.direction
            FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id
        ),
        last_gave AS (
            SELECT person_id, occurred_on AS on_day, id AS gave_id FROM (
                SELECT person_id, occurred_on, id, ROW_NUMBER() OVER (
                    PARTITION BY person_id ORDER BY occurred_on DESC, id DESC) AS recency
                FROM mine WHERE direction = 'gave'
            ) WHERE recency = 1
        )
        SELECT p.id, p.full_name,
               SUM(m.direction = 'gave'), SUM(m.direction = 'asked'),
               SUM(m.direction = 'mutual'),
               SUM(m.direction = 'asked' AND (g.on_day IS NULL OR m.occurred_on > g.on_day
                   OR (m.occurred_on = g.on_day AND m.id > g.gave_id))) AS asks_since,
               g.on_day
        FROM mine m JOIN people p ON p.id = m.person_id
        LEFT JOIN last_gave g ON g.person_id = m.person_id
        WHERE p.is_me = 0 {where}
        GROUP BY p.id
        HAVING asks_since >= :min_asks
    """
    statement = text(sql)
    if person_ids is not None:
        statement = statement.bindparams(bindparam("ids", expanding=True))
    result = {}
    for row in session.execute(statement, params):
        result[row[0]] = Balance(
            person_id=row[0],
            name=row[1],
            gave=int(row[2] or 0),
            asked=int(row[3] or 0),
            mutual=int(row[4] or 0),
            asks_since_gave=int(row[5] or 0),
            last_gave=as_date(row[6]),
        )
    return result


def insert_shared_resource(
    session: Session, interaction_id: int, *, kind: str, title: str, url: str, tags: str
) -> None:
    session.execute(
        insert(SharedResource).values(
            interaction_id=interaction_id,
            kind=kind,
            title=title,
            url=url,
            tags=", ".join(parse_tags(tags)),
        )
    )


def shared_resources(session: Session) -> list[SharedResourceRecord]:
    """The shared-resources log, newest first."""
    sql = """
        SELECT i.id, i.occurred_on, s.kind, s.title, s.url, s.tags, p.id, p.full_name
        FROM shared_resources s JOIN interactions i ON i.id = s.interaction_id
        LEFT JOIN interaction_participants ip ON ip.interaction_id = i.id
        LEFT JOIN people p ON p.id = ip.person_id
        ORDER BY i.occurred_on DESC, i.id DESC, p.full_name
    """
    records: dict[int, dict[str, object]] = {}
    recipients: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in session.execute(text(sql)):
        records.setdefault(
            row[0],
            {"on": as_date(row[1]), "kind": row[2], "title": row[3], "url": row[4], "tags": row[5]},
        )
        if row[6] is not None:
            recipients[row[0]].append((row[6], row[7]))
    result = []
    for interaction_id, values in records.items():
        shared_on = values["on"]
        assert shared_on is not None
        people = recipients[interaction_id]
        result.append(
            SharedResourceRecord(
                interaction_id=interaction_id,
                shared_on=shared_on,  # type: ignore[arg-type]
                kind=str(values["kind"]),
                title=str(values["title"]),
                url=str(values["url"]),
                tags=parse_tags(str(values["tags"])),
                recipients=tuple(name for _, name in people),
                recipient_ids=tuple(pid for pid, _ in people),
            )
        )
    return result


def recipients_of(session: Session, title: str, url: str) -> set[int]:
    """Everyone who already received this resource (same URL, or same title without one)."""
    if url:
        condition, params = "s.url = :url", {"url": url}
    else:
        condition, params = "lower(s.title) = lower(:title)", {"title": title}
    sql = f"""
        SELECT ip.person_id FROM shared_resources s
        JOIN interaction_participants ip ON ip.interaction_id = s.interaction_id
        WHERE {condition}
    """
    return {row[0] for row in session.execute(text(sql), params)}


def interest_facts(session: Session) -> list[InterestFacts]:
    """Tags, goal words and last contact of everyone but me, for suggestions."""
    tags: defaultdict[int, list[str]] = defaultdict(list)
    for person_id, name in session.execute(
        text("SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id")
    ):
        tags[person_id].append(name.casefold())
    goal_text: defaultdict[int, list[str]] = defaultdict(list)
    for person_id, roles, industries in session.execute(
        text(
            """SELECT gp.person_id, g.target_roles, g.target_industries
               FROM goal_people gp JOIN goals g ON g.id = gp.goal_id
               WHERE g.achieved_on IS NULL"""
        )
    ):
        goal_text[person_id].append(f"{roles} {industries}")
    sql = """
        SELECT p.id, p.full_name, MAX(i.occurred_on)
        FROM people p
        LEFT JOIN interaction_participants ip ON ip.person_id = p.id
        LEFT JOIN interactions i ON i.id = ip.interaction_id
        WHERE p.is_me = 0 GROUP BY p.id
    """
    return [
        InterestFacts(
            person_id=row[0],
            name=row[1],
            tags=tuple(tags.get(row[0], ())),
            goal_words=words(" ".join(goal_text.get(row[0], ()))),
            last_contact=as_date(row[2]),
        )
        for row in session.execute(text(sql))
    ]
