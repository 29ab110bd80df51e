"""SQL of "people you talked to who are not contacts": what history imports remember of them
(a JSON list in `settings`, merged import after import) and which of them are contacts now.

Each remembered entry is a plain dict: name, email, profile_url, count, first, last
(ISO dates or None). The import writes it on its own plain connection, inside its one
transaction; the window reads it through a session. SQLAlchemy is imported only by the
functions that take one: `trellis import` never loads it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.storage.handles import Session

KEY = "history.not_contacts"
KEPT = 2_000  # the people talked to most; a longer tail is noise nobody goes through
_IN_CHUNK = 400

Entry = dict[str, Any]


def entry_key(entry: Entry) -> str:
    """Who an entry is: the e-mail, else the profile, else the name (as the import counts)."""
    email = str(entry.get("email") or "").casefold()
    profile = str(entry.get("profile_url") or "").casefold()
    return email or profile or "name:" + " ".join(str(entry.get("name") or "").casefold().split())


def _parse(value: str | None) -> list[Entry]:
    if not value:
        return []
    try:
        data = json.loads(value)
    except ValueError:
        return []  # a hand-edited setting is ignored rather than refused
    return [entry for entry in data if isinstance(entry, dict)] if isinstance(data, list) else []


def merged(old: Iterable[Entry], new: Iterable[Entry]) -> list[Entry]:
    """The union by person; importing an overlapping export again doubles no count (the
    larger count is kept), and first and last widen to cover both."""
    by_key: dict[str, Entry] = {entry_key(e): dict(e) for e in old}
    for entry in new:
        key = entry_key(entry)
        known = by_key.get(key)
        if known is None:
            by_key[key] = dict(entry)
            continue
        known["count"] = max(int(known.get("count") or 0), int(entry.get("count") or 0))
        known["name"] = known.get("name") or entry.get("name") or ""
        firsts = [d for d in (known.get("first"), entry.get("first")) if d]
        lasts = [d for d in (known.get("last"), entry.get("last")) if d]
        known["first"] = min(firsts) if firsts else None
        known["last"] = max(lasts) if lasts else None
    ranked = sorted(
        by_key.values(),
        key=lambda e: (-int(e.get("count") or 0), _negated(e.get("last")), str(e.get("name"))),
    )
    return ranked[:KEPT]


def _negated(day: object) -> int:
    text = str(day or "")
    return -int(text.replace("-", "")) if text[:4].isdigit() else 0


def remember(raw: sqlite3.Connection, entries: Sequence[Entry]) -> None:
    """Merge this import's people into what earlier imports remembered."""
    if not entries:
        return
    row = raw.execute("SELECT value FROM settings WHERE key = ?", (KEY,)).fetchone()
    value = json.dumps(merged(_parse(row[0] if row else None), entries), ensure_ascii=False)
    raw.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (KEY, value))


def remembered(session: Session) -> list[Entry]:
    from desktop_app.storage.tables import Setting

    setting = session.get(Setting, KEY)
    return _parse(setting.value if setting is not None else None)


def contact_keys_among(
    session: Session, emails: Sequence[str], names: Sequence[str]
) -> tuple[set[str], set[str], set[str]]:
    """Which of these e-mails (casefolded) and names (casefolded, spaces collapsed) belong to
    a contact now, and every LinkedIn profile URL the contacts have (as stored)."""
    from sqlalchemy import func, select

    from desktop_app.storage.tables import Email, Person, Url

    found_emails: set[str] = set()
    for start in range(0, len(emails), _IN_CHUNK):
        chunk = list(emails[start : start + _IN_CHUNK])
        found_emails.update(
            session.scalars(select(Email.normalized).where(Email.normalized.in_(chunk)))
        )
    found_names: set[str] = set()
    for start in range(0, len(names), _IN_CHUNK):
        chunk = list(names[start : start + _IN_CHUNK])
        found_names.update(
            name
            for name in session.scalars(
                select(func.lower(Person.full_name)).where(func.lower(Person.full_name).in_(chunk))
            )
            if name
        )
    profiles = set(session.scalars(select(Url.value).where(Url.value.like("%linkedin.com/in/%"))))
    return found_emails, found_names, profiles
