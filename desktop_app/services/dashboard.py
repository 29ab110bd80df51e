"""The Today view's numbers, as plain values ready to plot.

The funnel sets the user's own informational interviews → referrals → interviews → offers
beside the figures that make the case for small conversations: about 1 in 12
informational interviews leads to an offer, against about 1 in 200 resumes sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.enums import Circle, InteractionKind
from desktop_app.domain.values import InteractionRecord
from desktop_app.storage import dashboard_queries as dq
from desktop_app.storage.database import Database

INFORMATIONAL_TO_OFFER = 1 / 12
RESUME_TO_OFFER = 1 / 200
FUNNEL_KINDS = (
    InteractionKind.INFORMATIONAL_INTERVIEW,
    InteractionKind.REFERRAL,
    InteractionKind.INTERVIEW,
    InteractionKind.OFFER,
)


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeeklyActivity:
    """Counts per week, oldest week first; `weeks[i]` is the Monday of column i."""

    weeks: tuple[date, ...]
    by_kind: dict[str, tuple[int, ...]]
    gave: tuple[int, ...]
    asked: tuple[int, ...]
    mutual: tuple[int, ...]

    @property
    def balance_trend(self) -> tuple[int, ...]:
        """Running total of gave minus asked, week by week."""
        total, trend = 0, []
        for gave, asked in zip(self.gave, self.asked, strict=True):
            total += gave - asked
            trend.append(total)
        return tuple(trend)


def weekly_activity(db: Database, today: date | None = None, weeks: int = 26) -> WeeklyActivity:
    today = today or date.today()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    starts = tuple(first + timedelta(weeks=i) for i in range(weeks))
    with db.transaction() as session:
        rows = dq.interactions_since(session, first)
    by_kind: dict[str, list[int]] = {}
    directions = {"gave": [0] * weeks, "asked": [0] * weeks, "mutual": [0] * weeks}
    for day, kind, direction in rows:
        index = (week_start(day) - first).days // 7
        if not 0 <= index < weeks:
            continue  # dated after this week: not part of the picture yet
        by_kind.setdefault(kind, [0] * weeks)[index] += 1
        if direction in directions:
            directions[direction][index] += 1
    return WeeklyActivity(
        starts,
        {kind: tuple(counts) for kind, counts in sorted(by_kind.items())},
        tuple(directions["gave"]),
        tuple(directions["asked"]),
        tuple(directions["mutual"]),
    )


def circle_sizes(db: Database) -> dict[Circle | None, int]:
    """People per circle, inner first; None counts those not placed in a circle."""
    with db.transaction() as session:
        raw = dq.circle_sizes(session)
    sizes: dict[Circle | None, int] = dict.fromkeys(Circle, 0)
    sizes[None] = 0
    for key, count in raw.items():
        try:
            sizes[Circle(key) if key else None] += count
        except ValueError:
            sizes[None] += count
    return sizes


@dataclass(frozen=True, slots=True)
class Funnel:
    informational: int
    referrals: int
    interviews: int
    offers: int

    @property
    def stages(self) -> tuple[tuple[str, int], ...]:
        return (
            ("Informational interviews", self.informational),
            ("Referrals", self.referrals),
            ("Interviews", self.interviews),
            ("Offers", self.offers),
        )

    @property
    def offer_rate(self) -> float | None:
        """Offers per informational interview; None before the first one."""
        return None if self.informational == 0 else self.offers / self.informational

    def expected_offers(self) -> float:
        """What the 1-in-12 figure would predict from my informational interviews."""
        return self.informational * INFORMATIONAL_TO_OFFER

    def resumes_for_same_offers(self) -> int:
        """Resumes it would take, at 1 in 200, to expect the offers 1 in 12 predicts."""
        return round(self.expected_offers() / RESUME_TO_OFFER)


def funnel(db: Database) -> Funnel:
    with db.transaction() as session:
        counts = dq.kind_counts(session, tuple(k.value for k in FUNNEL_KINDS))
    return Funnel(*(counts[k.value] for k in FUNNEL_KINDS))


def recent_activity(db: Database, limit: int = 10) -> list[InteractionRecord]:
    with db.transaction() as session:
        return dq.recent_interactions(session, limit)
