"""The sample calendar: `calendar.ics` as Google Calendar exports it (RFC 5545): a
VTIMEZONE, events with ORGANIZER/ATTENDEE, weekly series with COUNT, UNTIL and EXDATE,
lines folded at 75 octets and ended with CRLF."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.services.demo import exports_text as text
from desktop_app.services.demo.exports import ME_EMAIL, ME_FIRST, ME_LAST, Cast, Person

TZID = "Europe/Berlin"
MASS_ATTENDEES = 24  # plus me: more people than a meeting an importer would count
HEADER = (
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    f"X-WR-CALNAME:{ME_EMAIL}",
    f"X-WR-TIMEZONE:{TZID}",
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
ME_NAME = f"{ME_FIRST} {ME_LAST}"
_Attendee = tuple[str, str, str]  # name, address, PARTSTAT


def write_ics(
    path: Path, cast: Cast, rng: random.Random, count: int, today: date
) -> dict[str, Any]:
    """Write `count` events; return the calendar's part of the manifest."""
    left_out = {
        "cancelled": 1,
        "declined": 1,
        "too_many_attendees": 1,
        "no_other_attendee": max(1, count // 20),
        "future": max(2, count // 10),
    }
    kept_special = ["recurring_count", "recurring_until", "all_day"]
    kinds = [k for k, n in left_out.items() for _ in range(n)] + kept_special
    kinds += ["normal"] * (count - len(kinds))
    rng.shuffle(kinds)
    writer = _CalendarWriter(cast, rng, today)
    with path.open("wb", buffering=1 << 20) as out:
        for line in HEADER:
            out.write(fold_line(line))
        for kind in kinds:
            writer.event(out, kind)
        out.write(fold_line("END:VCALENDAR"))
    kept = count - sum(left_out.values())
    return {
        "events": count,
        "kept": kept,
        "recurring": 2,
        "recurring_past_occurrences": writer.series_occurrences,
        # Occurrences of kept events: each single event once, each series as expanded.
        "kept_occurrences": kept - 2 + sum(writer.series_occurrences.values()),
        "all_day": 1,
        "timezone": TZID,
        "left_out": left_out,
    }


def fold_line(line: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character, CRLF."""
    raw = line.encode()
    if len(raw) <= 75:
        return raw + b"\r\n"
    parts, start, width = [], 0, 75
    while start < len(raw):
        end = min(start + width, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:  # inside a multi-byte character
            end -= 1
        parts.append(raw[start:end])
        start, width = end, 74  # continuation lines begin with a space
    return b"\r\n ".join(parts) + b"\r\n"


def escape_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ':;,"') else value


class _CalendarWriter:
    def __init__(self, cast: Cast, rng: random.Random, today: date) -> None:
        self.cast, self.rng, self.today = cast, rng, today
        self.stamp = f"{today:%Y%m%d}T090000Z"
        self.series_occurrences: dict[str, int] = {}
        self.planted = [p for p in cast.planted if p in cast.calendar_pool]

    def event(self, out: BinaryIO, kind: str) -> None:
        rng = self.rng
        pool = self.cast.calendar_pool
        day = self.today - timedelta(days=rng.randint(1, 730))
        others = rng.sample(pool, rng.choice((1, 1, 1, 2, 3)))
        summary = rng.choice(text.EVENT_TITLES)
        organizer_is_me, my_status, status = rng.random() < 0.5, "ACCEPTED", "CONFIRMED"
        if kind == "normal" and self.planted:
            others = [self.planted.pop(0)]
        lines: list[str] = []
        hour = rng.randint(8, 17)
        occurrences = 0
        if kind == "future":
            day = self.today + timedelta(days=rng.randint(1, 60))
            my_status = rng.choice(("ACCEPTED", "NEEDS-ACTION"))
        elif kind == "cancelled":
            status = "CANCELLED"
        elif kind == "declined":
            organizer_is_me, my_status = False, "DECLINED"
        elif kind == "too_many_attendees":
            others, summary = rng.sample(self.cast.people, MASS_ATTENDEES), "Company all-hands"
        elif kind == "no_other_attendee":
            others, summary = [], rng.choice(("Focus time", "Dentist", "Prepare interview"))
        elif kind in ("recurring_count", "recurring_until"):
            summary = rng.choice(text.GROUP_EVENTS)
            lines, day, hour, occurrences = self._series(kind)
        start = datetime.combine(day, time(hour, 0 if occurrences else rng.choice((0, 30))))
        if kind == "all_day":
            summary = "Conference: Data & Product Days"
            lines.insert(0, f"DTEND;VALUE=DATE:{day + timedelta(days=2):%Y%m%d}")
            lines.insert(0, f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
        elif kind not in ("recurring_count", "recurring_until") and rng.random() < 0.1:
            end = start + timedelta(minutes=rng.choice((30, 45, 60)))
            lines[:0] = [f"DTSTART:{start:%Y%m%dT%H%M%SZ}", f"DTEND:{end:%Y%m%dT%H%M%SZ}"]
        else:
            end = start + timedelta(minutes=rng.choice((30, 45, 60)))
            lines[:0] = [
                f"DTSTART;TZID={TZID}:{start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}",
            ]
        first = others[0] if others else None
        summary = summary.format(
            first=first.first if first else "", me=ME_FIRST, org=first.org if first else ""
        )
        uid = f"{rng.getrandbits(104):026x}@google.com"
        lines.append(f"DTSTAMP:{self.stamp}")
        attendees = self._attendees(others, organizer_is_me, my_status)
        if attendees and others:
            organizer = attendees[0]
            lines.append(f"ORGANIZER;CN={_param(organizer[0])}:mailto:{organizer[1]}")
        lines.append(f"UID:{uid}")
        lines.extend(self._attendee_line(a) for a in attendees if others)
        if kind == "normal" or kind.startswith("recurring") or kind == "all_day":
            for p in others:
                self.cast.saw("calendar", p)
        if kind.startswith("recurring"):
            self.series_occurrences[uid] = occurrences
        created = f"{day - timedelta(days=rng.randint(1, 20)):%Y%m%d}T101500Z"
        lines += [
            f"CREATED:{created}",
            f"DESCRIPTION:{escape_text(rng.choice(text.DESCRIPTIONS))}",
            f"LAST-MODIFIED:{created}",
            f"LOCATION:{escape_text(rng.choice(('', 'Café Lumen, Main St 4, Berlin', 'Online')))}",
            "SEQUENCE:0",
            f"STATUS:{status}",
            f"SUMMARY:{escape_text(summary)}",
            "TRANSP:OPAQUE",
        ]
        out.write(b"".join(fold_line(line) for line in ("BEGIN:VEVENT", *lines, "END:VEVENT")))

    def _series(self, kind: str) -> tuple[list[str], date, int, int]:
        """A weekly series wholly in the past, 8 occurrences either way: its RRULE (and
        EXDATE) lines, first day, local hour, and how many times it happens."""
        hour = 16  # the EXDATEs name the local time of DTSTART
        if kind == "recurring_count":
            return ["RRULE:FREQ=WEEKLY;WKST=MO;COUNT=8"], self.today - timedelta(weeks=12), hour, 8
        day = self.today - timedelta(weeks=30)
        last = day + timedelta(weeks=9)
        skipped = [day + timedelta(weeks=2), day + timedelta(weeks=5)]
        return (
            [
                f"RRULE:FREQ=WEEKLY;WKST=MO;UNTIL={last:%Y%m%d}T215959Z",
                f"EXDATE;TZID={TZID}:" + ",".join(f"{d:%Y%m%d}T{hour:02d}0000" for d in skipped),
            ],
            day,
            hour,
            10 - len(skipped),
        )

    def _attendees(
        self, others: list[Person], organizer_is_me: bool, my_status: str
    ) -> list[_Attendee]:
        rng = self.rng
        me: _Attendee = (ME_NAME, ME_EMAIL, my_status)
        theirs: list[_Attendee] = []
        for p in others:
            # Google shows the address as the name of a guest it has no name for.
            name = p.email if rng.random() < 0.1 else p.name
            status = rng.choice(("ACCEPTED", "ACCEPTED", "ACCEPTED", "NEEDS-ACTION", "TENTATIVE"))
            theirs.append((name, p.email, status))
        if organizer_is_me:
            return [me, *theirs]
        return [theirs[0], me, *theirs[1:]] if theirs else [me]

    @staticmethod
    def _attendee_line(attendee: _Attendee) -> str:
        name, address, status = attendee
        return (
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};"
            f"CN={_param(name)};X-NUM-GUESTS=0:mailto:{address}"
        )
