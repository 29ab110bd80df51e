"""Rules of groups, events and the informational-interview pipeline (plain Python).

An event is planned (who I know is going), then followed up (whom I met, each with a
follow-up due within 48 hours of the quick capture). An informational interview moves
idea → asked → scheduled → held → thanked → followed up, each stage with its date; what
waits on me at each stage is derived here, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from desktop_app.domain.errors import RuleError

FOLLOW_UP_WITHIN_DAYS = 2  # 48 hours after the quick capture
THANKS_WITHIN_DAYS = 1  # thanks within 24 hours of the interview
NUDGE_AFTER_DAYS = 7  # no answer to a request after a week: one polite nudge
FOLLOW_UP_AFTER_THANKS_DAYS = 14  # tell them what came of their advice
INFORMATIONAL_TO_OFFER = 1 / 12


class EventRole(StrEnum):
    GOING = "going"
    MET = "met"


class InterviewStage(StrEnum):
    IDEA = "idea"
    ASKED = "asked"
    SCHEDULED = "scheduled"
    HELD = "held"
    THANKED = "thanked"
    FOLLOWED_UP = "followed_up"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def rank(self) -> int:
        return list(InterviewStage).index(self)

    @property
    def next(self) -> InterviewStage | None:
        stages = list(InterviewStage)
        return stages[self.rank + 1] if self.rank + 1 < len(stages) else None


_STAGE_LABELS = {
    InterviewStage.IDEA: "Idea",
    InterviewStage.ASKED: "Asked",
    InterviewStage.SCHEDULED: "Scheduled",
    InterviewStage.HELD: "Held",
    InterviewStage.THANKED: "Thanked",
    InterviewStage.FOLLOWED_UP: "Followed up",
}


class InterviewOutcome(StrEnum):
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    NOTHING = "nothing"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def check_event_times(title: str, starts_at: datetime, ends_at: datetime | None) -> None:
    """Refuse an event without a title or one that ends before it starts."""
    if not title.strip():
        raise RuleError("An event needs a title.")
    if ends_at is not None and ends_at < starts_at:
        raise RuleError(
            f"The event ends ({ends_at:%Y-%m-%d %H:%M}) before it starts "
            f"({starts_at:%Y-%m-%d %H:%M}); check the end time."
        )


def event_is_over(starts_at: datetime, ends_at: datetime | None, now: datetime) -> bool:
    return (ends_at or starts_at) < now


def check_going(
    title: str, starts_at: datetime, ends_at: datetime | None, name: str, now: datetime
) -> None:
    """'Going' is for planning: refuse it for an event that is already over."""
    if event_is_over(starts_at, ends_at, now):
        raise RuleError(
            f"“{title}” is already over ({starts_at:%Y-%m-%d}): mark {name} as someone "
            "you met there instead of as going."
        )


def follow_up_due(captured_on: date) -> date:
    """When a follow-up of someone met at an event falls due: within 48 hours."""
    return captured_on + timedelta(days=FOLLOW_UP_WITHIN_DAYS)


def check_group_name(name: str) -> None:
    if not name.strip():
        raise RuleError("A group needs a name.")


def check_stage_move(current: InterviewStage, to: InterviewStage, name: str) -> None:
    """A pipeline only moves forward; going back is what Undo is for."""
    if to.rank <= current.rank:
        raise RuleError(
            f"The informational interview with {name} is already at “{current.label}”; "
            f"it cannot move to “{to.label}”."
        )


@dataclass(frozen=True, slots=True)
class InterviewFacts:
    """One informational interview as the pipeline rules see it."""

    id: int
    person_id: int
    name: str
    stage: InterviewStage
    dates: Mapping[InterviewStage, date | None]
    organization: str = ""
    learn: str = ""
    outcome: str = ""

    def on(self, stage: InterviewStage) -> date | None:
        return self.dates.get(stage)


@dataclass(frozen=True, slots=True)
class WaitingStep:
    """What an informational interview waits on me for, and by when."""

    interview_id: int
    person_id: int
    name: str
    action: str
    due: date


def waiting_on_me(facts: InterviewFacts) -> WaitingStep | None:
    """The next thing I owe this interview (None when it waits on them or is finished)."""
    stage = facts.stage
    day = facts.on(stage)
    if day is None:
        return None
    if stage is InterviewStage.IDEA:
        action, due = "Send the request", day
    elif stage is InterviewStage.ASKED:
        action, due = "No answer yet: nudge once", day + timedelta(days=NUDGE_AFTER_DAYS)
    elif stage is InterviewStage.SCHEDULED:
        action, due = "Prepare your questions", day - timedelta(days=1)
    elif stage is InterviewStage.HELD:
        action, due = "Send thanks within 24 hours", day + timedelta(days=THANKS_WITHIN_DAYS)
    elif stage is InterviewStage.THANKED:
        action = "Follow up: tell them what came of their advice"
        due = day + timedelta(days=FOLLOW_UP_AFTER_THANKS_DAYS)
    else:
        return None
    return WaitingStep(facts.id, facts.person_id, facts.name, action, due)


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True, slots=True)
class MonthFunnel:
    """One month of the 'from conversations to offers' funnel."""

    month: date
    asked: int = 0
    held: int = 0
    referrals: int = 0
    offers: int = 0

    @property
    def text(self) -> str:
        """ "Nov 2026: 3 asked, 2 held, 1 referral, 0 offers"."""

        def count(n: int, word: str) -> str:
            return f"{n} {word}" if n == 1 or word.endswith("held") else f"{n} {word}s"

        parts = (
            f"{self.asked} asked",
            f"{self.held} held",
            count(self.referrals, "referral"),
            count(self.offers, "offer"),
        )
        return f"{self.month:%b %Y}: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class PipelineFunnel:
    months: tuple[MonthFunnel, ...] = field(default_factory=tuple)

    @property
    def held(self) -> int:
        return sum(m.held for m in self.months)

    @property
    def offers(self) -> int:
        return sum(m.offers for m in self.months)

    @property
    def referrals(self) -> int:
        return sum(m.referrals for m in self.months)

    def comparison(self) -> str:
        """My offers per held interview, beside the usual 1 in 12."""
        if self.held == 0:
            return "No informational interview held yet; about 1 in 12 leads to an offer."
        expected = self.held * INFORMATIONAL_TO_OFFER
        if self.offers == 0:
            mine = f"{self.held} held, no offer yet"
        else:
            mine = f"{self.held} held, {self.offers} offer{'s' if self.offers != 1 else ''}"
            mine += f" (1 in {round(self.held / self.offers)})"
        return f"You: {mine}. At 1 in 12 you could expect about {expected:.1f}."


def monthly_funnel(interviews: Iterable[InterviewFacts], offers: Iterable[date]) -> PipelineFunnel:
    """Requests, held interviews and referrals/introductions counted by the month of their
    stage date, and offers (logged interactions) by the month they came."""
    counts: dict[date, dict[str, int]] = {}

    def bump(day: date | None, key: str) -> None:
        if day is not None:
            counts.setdefault(month_of(day), {})[key] = (
                counts.get(month_of(day), {}).get(key, 0) + 1
            )

    for facts in interviews:
        bump(facts.on(InterviewStage.ASKED), "asked")
        bump(facts.on(InterviewStage.HELD), "held")
        if facts.outcome in (InterviewOutcome.REFERRAL, InterviewOutcome.INTRODUCTION):
            bump(facts.on(InterviewStage.FOLLOWED_UP), "referrals")
    for day in offers:
        bump(day, "offers")
    return PipelineFunnel(tuple(MonthFunnel(month, **counts[month]) for month in sorted(counts)))


def shared_group_text(name: str, group: str) -> str:
    """How a path step through a shared group reads: 'Ana (both in PyData Berlin)'."""
    return f"{name} (both in {group})"
