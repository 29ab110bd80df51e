"""The plain values history readers produce: who took part in what, on which day."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from email.header import decode_header, make_header
from enum import StrEnum
from functools import lru_cache

from desktop_app.domain.enums import InteractionKind


class Channel(StrEnum):
    """Where an interaction was read from; part of its source key."""

    LINKEDIN = "linkedin"
    EMAIL = "email"
    CALENDAR = "calendar"


class LeftOut(StrEnum):
    """Why a message or event is not an interaction; counted in the report."""

    MAILING_LIST = "mailing_list"
    BULK = "bulk"
    AUTOMATIC = "automatic"
    NO_REPLY = "no_reply"
    TOO_MANY_RECIPIENTS = "too_many_recipients"
    LINKEDIN_SYSTEM = "linkedin_system"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    TOO_MANY_ATTENDEES = "too_many_attendees"
    NOT_YET = "not_yet"
    NO_DATE = "no_date"
    ONLY_ME = "only_me"
    NO_ATTENDEES = "no_attendees"


# More people than this on one message or event: a broadcast, not a conversation.
MAX_PEOPLE = 20


@dataclass(frozen=True, slots=True)
class Correspondent:
    """Someone named on a message or event: a raw name, and an address or profile."""

    name: str
    email: str = ""  # casefolded
    profile_url: str = ""

    @property
    def display_name(self) -> str:
        return decode_name(self.name)


@dataclass(slots=True)
class HistoryItem:
    """One message, invitation or event occurrence.

    `thread` and `day` make its interaction: every item of the same channel, thread and
    day is one interaction. `people` is everyone named on it, me included (the matcher
    takes me out)."""

    channel: Channel
    thread: str
    day: date | None
    kind: InteractionKind
    people: tuple[Correspondent, ...]
    subject: str = ""
    left_out: LeftOut | None = None
    where: str = ""  # "line 12" or "entry 3": for messages about this item

    @property
    def key(self) -> str:
        return f"{self.thread}|{self.day.isoformat() if self.day else ''}"


@dataclass
class MeHints:
    """What says "this is me": my addresses, my LinkedIn profile, my name."""

    emails: set[str] = field(default_factory=set)
    profiles: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # casefolded full names

    def is_me(self, person: Correspondent) -> bool:
        if person.email and person.email in self.emails:
            return True
        if person.profile_url and person.profile_url in self.profiles:
            return True
        return (
            not person.email and not person.profile_url and folded_name(person.name) in self.names
        )


@lru_cache(maxsize=16384)
def folded_name(name: str) -> str:
    """A raw display name decoded, casefolded, with single spaces: for comparing names."""
    return " ".join(decode_name(name).casefold().split())


_ENCODED = re.compile(r"=\?[^?]+\?[bBqQ]\?")


def decode_text(raw: str) -> str:
    """A header value (a subject) with RFC 2047 encoded words decoded."""
    text = raw.strip()
    if _ENCODED.search(text):
        with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):
            text = str(make_header(decode_header(text)))
    return text


def decode_name(raw: str) -> str:
    """A display name with RFC 2047 encoded words decoded and quotes removed."""
    text = decode_text(raw)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('\\"', '"')
    return text.strip()


class Warnings(list[str]):
    """Messages about a file, at most `LIMIT` of them kept (a calendar may have thousands
    of broken lines); `more` counts the rest."""

    LIMIT = 200

    def __init__(self) -> None:
        super().__init__()
        self.more = 0

    def append(self, text: str) -> None:
        if len(self) < self.LIMIT:
            super().append(text)
        else:
            self.more += 1

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.append(text)
        if isinstance(texts, Warnings):
            self.more += texts.more


class HistoryFileError(Exception):
    """A history file that cannot be read at all; `str()` is for the user."""
