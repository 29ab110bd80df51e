"""Give and ask: the balance of a relationship, and what to share with whom.

Directions are from my side: *gave* (I helped), *asked* (I was helped), *mutual*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ASK_HEAVY_THRESHOLD = 3
"""Asks since I last gave from which a relationship is flagged as ask-heavy."""


class ResourceKind(StrEnum):
    ARTICLE = "article"
    TIP = "tip"
    OPPORTUNITY = "opportunity"
    INTRODUCTION = "introduction"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Balance:
    """One person's give/ask record."""

    person_id: int
    name: str
    gave: int
    asked: int
    mutual: int
    asks_since_gave: int
    last_gave: date | None

    @property
    def balance(self) -> int:
        """Positive when I gave more than I asked."""
        return self.gave - self.asked

    @property
    def ask_heavy(self) -> bool:
        return self.asks_since_gave >= ASK_HEAVY_THRESHOLD

    def warning(self) -> str:
        """The gentle sentence the ask-heavy list shows; empty when balanced."""
        if not self.ask_heavy:
            return ""
        if self.last_gave is None:
            return f"You've asked {self.name} {self.asks_since_gave} times and not given yet."
        return f"You've asked {self.name} {self.asks_since_gave} times since you last gave."


def asks_since_last_gave(directions: Iterable[str]) -> int:
    """Asks after the last *gave*, for directions in the order they happened."""
    count = 0
    for direction in directions:
        if direction == "gave":
            count = 0
        elif direction == "asked":
            count += 1
    return count


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma- or semicolon-separated tags, trimmed, case-folded, unique, in order."""
    seen: dict[str, None] = {}
    for part in text.replace(";", ",").split(","):
        tag = " ".join(part.split()).casefold()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def words(text: str) -> frozenset[str]:
    """Significant words of a goal's roles or industries, for matching against tags."""
    cleaned = "".join(c if c.isalnum() else " " for c in text.casefold())
    return frozenset(w for w in cleaned.split() if len(w) > 2)


@dataclass(frozen=True, slots=True)
class SharedResourceRecord:
    """One entry of the shared-resources log: what I shared, with whom, when."""

    interaction_id: int
    shared_on: date
    kind: str
    title: str
    url: str
    tags: tuple[str, ...]
    recipients: tuple[str, ...]
    recipient_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class InterestFacts:
    """What suggestions look at for one person."""

    person_id: int
    name: str
    tags: tuple[str, ...]
    goal_words: frozenset[str]
    last_contact: date | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    person_id: int
    name: str
    score: int
    why: str


def suggest_recipients(
    resource_tags: Iterable[str],
    people: Iterable[InterestFacts],
    *,
    exclude: Iterable[int] = (),
    limit: int = 10,
) -> list[Suggestion]:
    """Who a resource would interest: shared tags count double, goal words once.

    Ties go to whoever I have not been in touch with for longest: sharing something
    useful is the kindest way to check in.
    """
    wanted = {t.casefold() for t in resource_tags}
    wanted_words = set().union(*(words(t) for t in wanted)) if wanted else set()
    skip = set(exclude)
    scored: list[tuple[int, date, str, Suggestion]] = []
    for person in people:
        if person.person_id in skip:
            continue
        tag_hits = sorted(wanted.intersection(person.tags))
        goal_hits = sorted(wanted_words & person.goal_words)
        score = 2 * len(tag_hits) + len(goal_hits)
        if score == 0:
            continue
        reasons = []
        if tag_hits:
            reasons.append("tags: " + ", ".join(tag_hits))
        if goal_hits:
            reasons.append("goals: " + ", ".join(goal_hits))
        suggestion = Suggestion(person.person_id, person.name, score, "; ".join(reasons))
        last = person.last_contact or date.min
        scored.append((-score, last, person.name.casefold(), suggestion))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]
