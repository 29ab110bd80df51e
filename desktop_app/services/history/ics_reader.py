"""An iCalendar file: past events with attendees become meetings.

The file is read line by line; each VEVENT is parsed on its own with `icalendar`, so a
broken line or event costs only itself (named with its line) and memory holds one event.
Recurring events are expanded with `recurring-ical-events` up to now. Cancelled events,
events I declined and events with more than 20 attendees are left out and counted. An
occurrence that a RECURRENCE-ID override changes (moved, other attendees, cancelled) is
the override's, with its own day, attendees and status: a first, quick pass over the file
finds the overridden occurrences (the override may come before or after its series), and
the series' expansion leaves them out.
"""

from __future__ import annotations

import mmap
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.domain.enums import InteractionKind
from desktop_app.services.history.model import (
    MAX_PEOPLE,
    Channel,
    Correspondent,
    HistoryFileError,
    HistoryItem,
    LeftOut,
    MeHints,
    Warnings,
)

_CONTENT_LINE = re.compile(r"^([A-Za-z0-9-]+)(?:;[^:]*)?:")
# The properties read; the rest of an event (DESCRIPTION, LOCATION, X-…) is skipped unparsed.
_KEPT = frozenset(
    ("UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
     "STATUS", "ORGANIZER", "ATTENDEE", "SUMMARY")
)  # fmt: skip
_RECURRENCE_ID = re.compile(rb"^RECURRENCE-ID", re.I | re.M)
SAMPLE = 500  # events looked at to find the calendar's owner
OWNER_SHARE = 0.9
OWNER_MIN_EVENTS = 5


def is_calendar(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t")[:64].upper()
    return text.startswith(b"BEGIN:VCALENDAR")


class IcsReader:
    """Iterate for one `HistoryItem` per past occurrence; `warnings` names what was broken."""

    def __init__(self, path: Path, me: MeHints, now: datetime | None = None) -> None:
        self.path = path
        self.me = me
        self.now = now or datetime.now().astimezone()
        self.warnings = Warnings()
        self.bytes_read = 0
        self.events = 0
        self.is_contact: Callable[[str], bool] = lambda _address: False
        # (UID, original day as YYYYMMDD, in UTC?) of each occurrence an override replaces
        self._overridden: set[tuple[str, str, bool]] = set()
        try:
            self.size = path.stat().st_size
        except OSError as error:
            raise HistoryFileError(f"{path.name} cannot be read: {error.strerror}.") from error

    def __iter__(self) -> Iterator[HistoryItem]:
        import icalendar  # only when a calendar is read: ~0.2 s of imports

        sample: list[tuple[int, Any]] = []
        self._overridden = self._overridden_occurrences()
        parsed = self._parsed_events(icalendar)
        for entry in parsed:
            sample.append(entry)
            if len(sample) >= SAMPLE:
                break
        self._find_owner([event for _line, event in sample])
        for line, event in sample:
            yield from self._occurrences(line, event)
        for line, event in parsed:
            yield from self._occurrences(line, event)

    def _parsed_events(self, icalendar: Any) -> Iterator[tuple[int, Any]]:
        with self.path.open("rb") as stream:
            head = stream.read(4096)
            if not is_calendar(head):
                raise HistoryFileError(f"{self.path.name} is not an iCalendar file.")
            stream.seek(0)
            block: list[str] = []
            block_line = 0
            inside = nested = 0
            for number, line in self._logical_lines(stream):
                upper = line.upper()
                if upper.startswith("X-WR-CALNAME:") and "@" in line:
                    self.me.emails.add(line.split(":", 1)[1].strip().casefold())
                if upper == "BEGIN:VEVENT":
                    if inside:
                        self.warnings.append(
                            f"{self.path.name} line {block_line}: an event that never ends "
                            "(no END:VEVENT); left out."
                        )
                    block, block_line, inside, nested = [line], number, 1, 0
                    continue
                if not inside:
                    continue
                content = _CONTENT_LINE.match(line)
                if content is None:
                    self.warnings.append(
                        f"{self.path.name} line {number}: a broken line, left out: {line[:60]!r}"
                    )
                    continue
                name = content.group(1).upper()
                if name in ("BEGIN", "END") and upper != "END:VEVENT":
                    nested += 1 if name == "BEGIN" else -1  # an alarm inside the event
                    continue
                if nested > 0 or (name not in _KEPT and upper != "END:VEVENT"):
                    continue  # descriptions, locations, alarms: never even parsed
                block.append(line)
                if upper == "END:VEVENT":
                    inside = 0
                    self.events += 1
                    try:
                        event = icalendar.Event.from_ical("\r\n".join(block))
                    except (ValueError, KeyError, TypeError, IndexError) as error:
                        self.warnings.append(
                            f"{self.path.name} line {block_line}: event {self.events} cannot "
                            f"be read ({error}); left out."
                        )
                        continue
                    yield block_line, event
            if inside:
                self.warnings.append(
                    f"{self.path.name} line {block_line}: the file ends inside an event "
                    "(a truncated file?); it was left out."
                )

    def _overridden_occurrences(self) -> set[tuple[str, str, bool]]:
        """Every (UID, original day, given in UTC) a RECURRENCE-ID names. Most calendars
        have none: one scan of the file at C speed says so before any line is read."""
        try:
            with self.path.open("rb") as stream:
                if self.size == 0:
                    return set()
                with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    if _RECURRENCE_ID.search(data) is None:
                        return set()
                found: set[tuple[str, str, bool]] = set()
                uid = recurrence = ""
                for line in _unfolded(stream):
                    upper = line[:14].upper()
                    if upper.startswith(b"BEGIN:VEVENT"):
                        uid = recurrence = ""
                    elif upper.startswith(b"UID") and line[3:4] in (b":", b";"):
                        uid = line.split(b":", 1)[1].decode("utf-8", "replace").strip()
                    elif upper.startswith(b"RECURRENCE-ID") and line[13:14] in (b":", b";"):
                        recurrence = line.rsplit(b":", 1)[1].decode("ascii", "replace").strip()
                    elif upper.startswith(b"END:VEVENT") and uid and len(recurrence) >= 8:
                        found.add((uid, recurrence[:8], recurrence.upper().endswith("Z")))
                return found
        except (OSError, ValueError):
            return set()  # read again below, where the trouble is named

    def _logical_lines(self, stream: Any) -> Iterator[tuple[int, str]]:
        """Unfolded lines with the number of their first physical line."""
        pending = ""
        start = 0
        for number, raw in enumerate(stream, 1):
            self.bytes_read += len(raw)
            text = raw.decode("utf-8", "replace").rstrip("\r\n")
            if text[:1] in (" ", "\t") and pending:
                pending += text[1:]
                continue
            if pending:
                yield start, pending
            pending, start = text, number
        if pending:
            yield start, pending

    def _find_owner(self, events: list[Any]) -> None:
        seen: Counter[str] = Counter()
        organised: Counter[str] = Counter()
        for event in events:
            seen.update({p.email for p in _people(event) if p.email})
            organised.update(_mail(v) for v in _list(event.get("ORGANIZER")))
        # Exports leave the owner out of some events, and a tiny calendar may have one
        # guest throughout: only someone on nearly every event of a real sample is me.
        share = OWNER_SHARE * len(events)
        if len(events) < OWNER_MIN_EVENTS or not seen:
            return
        if any(seen[a] >= share for a in self.me.emails):
            return  # an address already known to be mine
        address = max(seen, key=lambda a: (not self.is_contact(a), seen[a], organised[a]))
        if seen[address] >= share:
            self.me.emails.add(address)

    def _occurrences(self, line: int, event: Any) -> Iterator[HistoryItem]:
        uid = str(event.get("UID", "")).strip() or f"line-{line}"
        people = _people(event)
        item = HistoryItem(
            Channel.CALENDAR,
            "event:" + uid,
            None,
            InteractionKind.MEETING,
            tuple(people),
            str(event.get("SUMMARY", "")).strip(),
            where=f"{self.path.name} line {line}",
        )
        status = str(event.get("STATUS", "")).strip().upper()
        others = [p for p in people if not self.me.is_me(p)]
        if status == "CANCELLED":
            item.left_out = LeftOut.CANCELLED
        elif self._declined(event):
            item.left_out = LeftOut.DECLINED
        elif len(people) > MAX_PEOPLE + 1:  # + the organiser
            item.left_out = LeftOut.TOO_MANY_ATTENDEES
        elif not others:
            item.left_out = LeftOut.NO_ATTENDEES
        for day in self._days(line, event):
            if day is None:
                yield _with(item, None, item.left_out or LeftOut.NO_DATE)
            elif item.left_out is None and day > self.now.date():
                continue  # a future occurrence: not history (and not counted)
            else:
                yield _with(item, day, item.left_out)

    def _declined(self, event: Any) -> bool:
        for attendee in _list(event.get("ATTENDEE")):
            address = _mail(attendee)
            if address in self.me.emails:
                params = getattr(attendee, "params", {})
                if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
                    return True
        return False

    def _days(self, line: int, event: Any) -> Iterator[date | None]:
        start = event.get("DTSTART")
        if start is None:
            yield None
            return
        first = start.dt
        if "RRULE" not in event and "RDATE" not in event:
            yield first.date() if isinstance(first, datetime) else first
            return
        import icalendar
        import recurring_ical_events

        calendar = icalendar.Calendar()
        calendar.add_component(event)
        uid = str(event.get("UID", "")).strip()
        try:
            until = self.now + timedelta(seconds=1)
            for occurrence in recurring_ical_events.of(calendar).between(first, until):
                value = occurrence["DTSTART"].dt
                if self._overridden and self._is_overridden(uid, value):
                    continue  # the override's own event says when, with whom, if at all
                yield value.date() if isinstance(value, datetime) else value
        except Exception as error:
            self.warnings.append(
                f"{self.path.name} line {line}: the repeat rule cannot be read ({error}); "
                "only its first occurrence was kept."
            )
            yield first.date() if isinstance(first, datetime) else first

    def _is_overridden(self, uid: str, start: date) -> bool:
        local = start.strftime("%Y%m%d")
        if (uid, local, False) in self._overridden:
            return True
        if isinstance(start, datetime) and start.tzinfo is not None:
            start = start.astimezone(UTC)
        return (uid, start.strftime("%Y%m%d"), True) in self._overridden


def _unfolded(stream: Any) -> Iterator[bytes]:
    """The unfolded lines of a binary stream, without their line ends."""
    pending = b""
    for raw in stream:
        line = raw.rstrip(b"\r\n")
        if line[:1] in (b" ", b"\t") and pending:
            pending += line[1:]
            continue
        if pending:
            yield pending
        pending = line
    if pending:
        yield pending


def _with(item: HistoryItem, day: date | None, left_out: LeftOut | None) -> HistoryItem:
    return HistoryItem(
        item.channel, item.thread, day, item.kind, item.people, item.subject, left_out, item.where
    )


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _mail(value: Any) -> str:
    text = str(value).strip()
    if text.casefold().startswith("mailto:"):
        text = text[7:]
    return text.strip().casefold()


def _people(event: Any) -> list[Correspondent]:
    found: dict[str, Correspondent] = {}
    for value in [*_list(event.get("ORGANIZER")), *_list(event.get("ATTENDEE"))]:
        address = _mail(value)
        params = getattr(value, "params", {})
        name = str(params.get("CN", "")).strip()
        if "@" not in address:
            address = ""
        key = address or name.casefold()
        if key and key not in found:
            found[key] = Correspondent(name, address)
    return list(found.values())
