"""The contact table's rows, read with plain sqlite3 (no ORM on the start path).

One query with grouped sub-selects instead of correlated ones: 100,000 people read in a
few hundred milliseconds, 10,000 in a few dozen.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

# `{only}` narrows every part to some people: "" for everyone, or "IN (?, ?, …)".
# SQLite takes bare columns (name, title) from the row that holds MAX(e.id): the newest job.
SUMMARY_SQL = """
WITH current_job AS (
    SELECT e.person_id AS person_id, o.name AS organization, e.title AS title, MAX(e.id)
    FROM employment e JOIN organizations o ON o.id = e.organization_id
    WHERE e.current = 1 {and_e}
    GROUP BY e.person_id
),
tag_list AS (
    SELECT pt.person_id AS person_id, GROUP_CONCAT(t.name, ', ') AS tags
    FROM person_tags pt JOIN tags t ON t.id = pt.tag_id
    WHERE 1 {and_pt}
    GROUP BY pt.person_id
),
exchange AS (
    -- One MAX() so the bare follow-up columns come from each person's latest interaction
    -- (by date, then id): a follow-up is pending only there, since logging anything later
    -- answers it (the nurture rule of storage/nurture_queries.pending_actions).
    SELECT ip.person_id AS person_id,
           MAX(i.occurred_on || '#' || printf('%012d', i.id)) AS latest_key,
           SUM(i.direction = 'gave') AS gave,
           SUM(i.direction = 'asked') AS asked,
           i.follow_up_on AS latest_follow_up_on,
           i.follow_up_done AS latest_follow_up_done
    FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id
    WHERE 1 {and_ip}
    GROUP BY ip.person_id
)
SELECT p.id, p.full_name, COALESCE(cj.organization, ''), COALESCE(cj.title, ''), p.circle,
       COALESCE(tl.tags, ''), SUBSTR(ex.latest_key, 1, 10), COALESCE(ex.gave, 0),
       COALESCE(ex.asked, 0), p.is_me, p.cadence_days, DATE(p.created_at), p.snoozed_until,
       CASE WHEN ex.latest_follow_up_done = 0 THEN ex.latest_follow_up_on END
FROM people p
LEFT JOIN current_job cj ON cj.person_id = p.id
LEFT JOIN tag_list tl ON tl.person_id = p.id
LEFT JOIN exchange ex ON ex.person_id = p.id
WHERE 1 {and_p}
"""


def _sql(marks: str = "") -> str:
    if not marks:
        return SUMMARY_SQL.format(and_e="", and_pt="", and_ip="", and_p="")
    return SUMMARY_SQL.format(
        and_e=f"AND e.person_id IN ({marks})",
        and_pt=f"AND pt.person_id IN ({marks})",
        and_ip=f"AND ip.person_id IN ({marks})",
        and_p=f"AND p.id IN ({marks})",
    )


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """Raw facts of one person for the table; the service turns them into a ContactSummary."""

    id: int
    full_name: str
    organization: str
    title: str
    circle: str | None
    tags: str
    last_contact: date | None
    gave: int
    asked: int
    is_me: bool
    cadence_days: int | None
    added_on: date
    snoozed_until: date | None
    follow_up: date | None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _rows(cursor: Iterable[tuple[Any, ...]]) -> Iterator[SummaryRow]:
    today = date.today()
    for r in cursor:
        yield SummaryRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            _date(r[6]),
            r[7],
            r[8],
            bool(r[9]),
            r[10],
            _date(r[11]) or today,
            _date(r[12]),
            _date(r[13]),
        )


def all_summary_rows(conn: sqlite3.Connection) -> list[SummaryRow]:
    return list(_rows(conn.execute(_sql())))


def summary_rows_for(conn: sqlite3.Connection, ids: Iterable[int]) -> list[SummaryRow]:
    """Rows for just these people (after an edit), in no particular order."""
    wanted = sorted(set(ids))
    found: list[SummaryRow] = []
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        marks = ",".join("?" * len(chunk))
        query = _sql(marks)
        found.extend(_rows(conn.execute(query, chunk * query.count(f"IN ({marks})"))))
    if len(found) < len(wanted):
        _refuse_rows_the_index_still_names(conn, set(wanted) - {row.id for row in found})
    return found


def _refuse_rows_the_index_still_names(conn: sqlite3.Connection, missing: set[int]) -> None:
    """A damaged table page can hide its rows from a lookup by id instead of failing it.
    People the name index still lists but the table no longer returns are such damage
    (a person deleted since was deleted from the index in the same transaction): say so
    as SQLite does, so the storage door reports a damaged database."""
    listed = {
        row[0]
        for row in conn.execute(
            "SELECT id FROM people INDEXED BY ix_people_full_name WHERE full_name IS NOT NULL"
        )
    }
    if missing & listed:
        raise sqlite3.DatabaseError(
            f"database disk image is malformed ({len(missing & listed)} people listed by "
            "the name index cannot be read)"
        )


def read_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def me_id(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT id FROM people WHERE is_me = 1").fetchone()
    return int(row[0]) if row else None


def count_people(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])


# Names and ids only, so SQLite reads them from ix_people_full_name (full_name + rowid)
# instead of every row of the table: half the start-up cost at 100,000 people. Ordering by
# is_me in SQL would need the table; me goes first afterwards.
NAME_ORDER_SQL = "SELECT id FROM people ORDER BY full_name COLLATE NOCASE, id"


def ids_in_name_order(conn: sqlite3.Connection) -> list[int]:
    """Everyone's id, me first then by name: enough for the table's first paint."""
    ids = [r[0] for r in conn.execute(NAME_ORDER_SQL)]
    me = me_id(conn)
    if me is not None and me in ids:  # another program may change me between the reads
        ids.remove(me)
        ids.insert(0, me)
    return ids
