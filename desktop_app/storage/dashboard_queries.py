"""SQL behind the Today view's numbers: activity, circles, the interview funnel."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_app.domain.values import InteractionRecord
from desktop_app.storage.nurture_queries import as_date


def interactions_since(session: Session, since: date) -> list[tuple[date, str, str]]:
    """(date, kind, direction) of every interaction on or after `since`."""
    rows = session.execute(
        text(
            "SELECT occurred_on, kind, direction FROM interactions "
            "WHERE occurred_on >= :since ORDER BY occurred_on"
        ),
        {"since": since.isoformat()},
    )
    result = []
    for occurred, kind, direction in rows:
        day = as_date(occurred)
        assert day is not None
        result.append((day, kind, direction))
    return result


def circle_sizes(session: Session) -> dict[str | None, int]:
    rows = session.execute(
        text("SELECT circle, COUNT(*) FROM people WHERE is_me = 0 GROUP BY circle")
    )
    return {circle: int(count) for circle, count in rows}


def kind_counts(session: Session, kinds: tuple[str, ...]) -> dict[str, int]:
    """How many interactions of each of `kinds` were ever logged."""
    rows = session.execute(
        text("SELECT kind, COUNT(*) FROM interactions GROUP BY kind"),
    )
    counts = dict.fromkeys(kinds, 0)
    for kind, count in rows:
        if kind in counts:
            counts[kind] = int(count)
    return counts


def recent_interactions(session: Session, limit: int) -> list[InteractionRecord]:
    """The latest interactions with their participants' names, newest first."""
    rows = session.execute(
        text(
            """SELECT i.id, i.occurred_on, i.kind, i.direction, i.note, i.follow_up_on,
                      (SELECT GROUP_CONCAT(full_name, '\x1f') FROM (
                           SELECT p.full_name FROM interaction_participants ip
                           JOIN people p ON p.id = ip.person_id
                           WHERE ip.interaction_id = i.id ORDER BY p.full_name))
               FROM interactions i ORDER BY i.occurred_on DESC, i.id DESC LIMIT :limit"""
        ),
        {"limit": limit},
    )
    records = []
    for r in rows:
        occurred = as_date(r[1])
        assert occurred is not None
        names = tuple(r[6].split("\x1f")) if r[6] else ()
        records.append(
            InteractionRecord(
                occurred_on=occurred,
                kind=r[2],
                direction=r[3],
                note=r[4],
                participants=names,
                follow_up_on=as_date(r[5]),
                id=r[0],
            )
        )
    return records
