"""An iCalendar (.ics) file of upcoming check-ins, follow-ups and thank-yous.

All-day, transparent events (they never block time in the calendar). Overdue items are
placed on today. UIDs are stable per person, reason and interaction, so importing a newer
export updates events instead of doubling them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop_app import __version__
from desktop_app.domain import durations
from desktop_app.domain.cadence import DueItem, DueReason
from desktop_app.services.reminders import due_list
from desktop_app.storage.database import Database

DEFAULT_HORIZON_DAYS = 90
_SUMMARIES = {
    DueReason.CADENCE: "Check in with {name}",
    DueReason.FOLLOW_UP: "Follow up with {name}",
    DueReason.THANK_YOU: "Thank {name}",
    DueReason.INTERVIEW: "Informational interview: {name}",
}


# RFC 5545 (3.1, 3.3.11) allows no control character in a TEXT value but HTAB; line ends
# are escaped as `\n`. The rest (NUL, VT, FF, ESC, DEL, and the C1 controls) are dropped.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping; control characters other than tab and line ends dropped."""
    return (
        _CONTROLS.sub("", value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _uid(item: DueItem) -> str:
    suffix = "" if item.interaction_id is None else f"-{item.interaction_id}"
    return f"trellis-{item.reason.value}-{item.person_id}{suffix}@trellis.invalid"


def _description(item: DueItem, today: date) -> str:
    parts = [item.reason.label + "."]
    if item.detail:
        parts.append(item.detail + ".")
    late = item.overdue_days(today)
    if late:
        parts.append(f"Due {item.due.isoformat()} ({durations.ago(late)}).")
    return " ".join(parts)


def build_calendar(items: Iterable[DueItem], today: date, stamp: datetime) -> str:
    """The .ics text (CRLF line ends) for `items`."""
    dtstamp = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Trellis//Trellis {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Trellis check-ins",
    ]
    for item in items:
        day = item.act_on(today)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(item)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            # A one-day event; 9999-12-31 has no day after it, and DTEND may be left out.
            *([f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"] if day < date.max else []),
            "SUMMARY:" + escape_text(_SUMMARIES[item.reason].format(name=item.name)),
            "DESCRIPTION:" + escape_text(_description(item, today)),
            f"CATEGORIES:{item.reason.value.upper().replace('_', '-')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_for(
    db: Database,
    *,
    today: date | None = None,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    stamp: datetime | None = None,
) -> tuple[str, int]:
    """The calendar of everything due within `horizon_days`, and how many events it has."""
    today = today or date.today()
    items = due_list(db, today, within_days=horizon_days)
    return build_calendar(items, today, stamp or datetime.now(UTC)), len(items)


def export_ics(
    db: Database, path: Path, *, today: date | None = None, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> int:
    """Write the calendar to `path` (replaced atomically); returns the number of events."""
    text, count = calendar_for(db, today=today, horizon_days=horizon_days)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(text.encode("utf-8"))
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)  # a folder in the way, a full disk: nothing left behind
        raise
    return count
