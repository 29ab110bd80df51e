"""The sheet to read before an event: who I know is going, whom they could introduce me
to, the organisations present that serve my goals, my latest pitch and a few questions.

Plain values here; `services.printing.prep_pdf` prints them, the window shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from html import escape

from desktop_app.services import events
from desktop_app.services.events import EventSummary
from desktop_app.services.interview_template import current_template
from desktop_app.storage import events_repository as er
from desktop_app.storage.database import Database

QUESTIONS_ON_SHEET = 3


def written_day(day: date) -> str:
    """A day as the sheet writes it without a locale to follow (the CLI): Mon 07 Dec 2026."""
    return f"{day:%a %d %b %Y}"


def written_moment(moment: datetime) -> str:
    return f"{moment:%A %d %B %Y, %H:%M}"


def written_time(moment: time) -> str:
    return f"{moment:%H:%M}"


@dataclass(frozen=True, slots=True)
class PrepSheet:
    event: EventSummary
    going: tuple[tuple[str, str], ...]  # (name, organisation)
    introductions: tuple[tuple[str, str, str], ...]  # (name, organisation, via)
    goal_organizations: tuple[tuple[str, str], ...]  # (organisation, goal)
    pitch_title: str
    pitch: str
    questions: tuple[str, ...]
    # The interactions belonging to the event: (day, "coffee with Ana: note").
    conversations: tuple[tuple[date, str], ...] = ()
    # How dates are written: the window passes the user's locale (ui/common/dates.py).
    day_text: Callable[[date], str] = written_day
    moment_text: Callable[[datetime], str] = written_moment
    time_text: Callable[[time], str] = written_time

    @property
    def when(self) -> str:
        """The start, then the end: its time alone on the same day ("19:00–21:00",
        "7:00 PM–9:00 PM"), the whole moment on another."""
        starts, ends = self.event.starts_at, self.event.ends_at
        text = self.moment_text(starts)
        if ends is not None:
            if ends.date() == starts.date():
                text += f"–{self.time_text(ends.time())}"
            else:
                text += f" – {self.moment_text(ends)}"
        return text

    def lines(self) -> list[tuple[str, list[str]]]:
        """(heading, lines) sections, the same on screen and on paper."""
        where = " · ".join(p for p in (self.event.place, self.event.group) if p)
        return [
            (self.event.title, [self.when, *([where] if where else [])]),
            (
                "Who I know is going",
                [_with_org(n, o) for n, o in self.going] or ["Nobody marked as going yet."],
            ),
            (
                "Ask to be introduced to",
                [f"{_with_org(n, o)} — via {v}" for n, o, v in self.introductions]
                or ["Nobody one hop away through those going."],
            ),
            (
                "Organisations present that serve my goals",
                [f"{org} (goal: {goal})" for org, goal in self.goal_organizations]
                or ["None of my goal organisations is known to be there."],
            ),
            (
                f"My pitch ({self.pitch_title})" if self.pitch_title else "My pitch",
                [self.pitch] if self.pitch else ["No pitch written yet (Pitch & resume)."],
            ),
            ("Questions to ask", list(self.questions)),
            *(
                [
                    (
                        "Conversations at this event",
                        [f"{self.day_text(day)} · {text}" for day, text in self.conversations],
                    )
                ]
                if self.conversations
                else []
            ),
        ]

    def html(self) -> str:
        parts = []
        for index, (heading, lines) in enumerate(self.lines()):
            tag = "h1" if index == 0 else "h3"
            parts.append(f"<{tag}>{escape(heading)}</{tag}>")
            if index in (0, 4):  # the title block and my pitch read as prose
                parts.extend(f"<p>{escape(line)}</p>" for line in lines)
            else:
                parts.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>")
        return "\n".join(parts)


def _with_org(name: str, organization: str) -> str:
    return f"{name} @ {organization}" if organization else name


def prep_sheet(
    db: Database,
    event_id: int,
    day_text: Callable[[date], str] = written_day,
    moment_text: Callable[[datetime], str] = written_moment,
    time_text: Callable[[time], str] = written_time,
) -> PrepSheet:
    """Everything the sheet says about `event_id` (`MissingError` if it is gone), its dates
    written by `day_text`, `moment_text` and `time_text`."""
    event = events.event(db, event_id)
    with db.transaction() as session:
        going = er.going_people(session, event_id)
        ids = [pid for pid, _n, _o in going]
        introductions = er.one_hop_from(session, ids)
        goal_orgs = er.goal_organizations_of(session, ids)
        pitch = er.latest_pitch(session)
        talks = er.event_interactions(session, event_id)
    title, _number, body = pitch if pitch is not None else ("", 0, "")
    return PrepSheet(
        event=event,
        going=tuple((n, o) for _pid, n, o in going),
        introductions=tuple(introductions),
        goal_organizations=tuple(goal_orgs),
        pitch_title=title,
        pitch=body.strip(),
        questions=current_template(db).event_questions[:QUESTIONS_ON_SHEET],
        conversations=tuple(
            (day, f"{kind.replace('_', ' ')} with {names}" + (f": {note}" if note else ""))
            for day, kind, names, note in talks
        ),
        day_text=day_text,
        moment_text=moment_text,
        time_text=time_text,
    )
