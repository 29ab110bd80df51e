"""Career goals: what I am aiming for, who and what serves it, and who knows about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.enums import Circle

CIRCLES_TO_TELL = (Circle.INNER, Circle.CLOSE)
"""The circles that should hear about each goal ("share your goals with those around you")."""


@dataclass(frozen=True, slots=True)
class GoalFields:
    """The editable fields of a goal, as one value (for edits and undo)."""

    title: str
    target_roles: str = ""
    target_industries: str = ""
    note: str = ""
    created_on: date | None = None
    achieved_on: date | None = None


@dataclass(frozen=True, slots=True)
class Disclosure:
    person_id: int
    name: str
    told_on: date


@dataclass(frozen=True, slots=True)
class LinkedName:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class GoalDetail:
    id: int
    fields: GoalFields
    people: tuple[LinkedName, ...] = ()
    organizations: tuple[LinkedName, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    untold: tuple[LinkedName, ...] = ()
    told_in_circles: int = 0

    @property
    def progress(self) -> float:
        """Share of the inner circles told so far (1.0 when there is nobody to tell)."""
        return _share(self.told_in_circles, len(self.untold))


@dataclass(frozen=True, slots=True)
class GoalSummary:
    id: int
    title: str
    achieved: bool
    people: int
    organizations: int
    told: int
    told_in_circles: int
    untold: int

    @property
    def progress(self) -> float:
        return _share(self.told_in_circles, self.untold)


def _share(told: int, untold: int) -> float:
    total = told + untold
    return 1.0 if total == 0 else told / total
