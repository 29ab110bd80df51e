"""What a history import found: for the preview, the CLI's --json and the undo step."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.services.history.model import Warnings


@dataclass(slots=True)
class UnmatchedPerson:
    """Someone I corresponded or met with who is not a contact; one action adds them."""

    name: str
    email: str
    profile_url: str
    count: int
    first: date | None
    last: date | None

    def as_new_person(self) -> NewPerson:
        """The contact the "add" action makes (import the files again to link their
        interactions: nothing doubles, the new contact joins them)."""
        name = self.name or self.email or self.profile_url
        return NewPerson(
            fields=PersonFields(full_name=name),
            emails=(LabeledValue(self.email),) if self.email else (),
            urls=(LabeledValue("https://www." + self.profile_url, "LinkedIn"),)
            if self.profile_url
            else (),
            source="history",
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "profile_url": self.profile_url,
            "count": self.count,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass(frozen=True, slots=True)
class TieSuggestion:
    """Two contacts who appear together (same meeting, thread, group conversation)."""

    a: int
    b: int
    count: int


@dataclass(frozen=True, slots=True)
class CircleSuggestion:
    """A circle from how often and how recently we spoke; `current` is the person's own."""

    person_id: int
    circle: Circle
    reason: str
    current: Circle | None = None
    count: int = 0  # interactions read with them


@dataclass
class HistoryReport:
    """Counts and suggestions of one history import; nothing here is applied by itself."""

    files: list[str] = field(default_factory=list)
    read_files: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    unknown_files: list[str] = field(default_factory=list)
    warnings: Warnings = field(default_factory=Warnings)
    items_read: int = 0
    interactions_new: int = 0
    interactions_known: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)  # new interactions per channel
    without_contacts: int = 0  # messages/events whose people are none of my contacts
    left_out: Counter[str] = field(default_factory=Counter)
    unmatched: list[UnmatchedPerson] = field(default_factory=list)
    unmatched_total: int = 0
    ties: list[TieSuggestion] = field(default_factory=list)
    circles: list[CircleSuggestion] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # of the people in the suggestions
    my_positions: int = 0  # jobs in Positions.csv
    me_updated: bool = False  # my jobs and addresses merged into me (someone is me)
    me_created: bool = False  # a network without me: me made from Profile.csv
    circles_applied: int = 0  # suggested circles given to people who had none
    interaction_ids: range = range(0)
    # (interaction, person) added to interactions imported before this run
    participants_added: list[tuple[int, int]] = field(default_factory=list)

    def as_json(self, unmatched_limit: int = 100) -> dict[str, Any]:
        return {
            "files": self.read_files,
            "interactions_new": self.interactions_new,
            "interactions_known": self.interactions_known,
            "participants_added": len(self.participants_added),
            "items_read": self.items_read,
            "without_contacts": self.without_contacts,
            "left_out": dict(sorted(self.left_out.items())),
            "unknown_files": self.unknown_files,
            "my_positions": self.my_positions,
            "me_updated": self.me_updated,
            "me_created": self.me_created,
            "circles_applied": self.circles_applied,
            "warnings": list(self.warnings),
            "warnings_more": self.warnings.more,
        }

    def cancelled(self) -> None:
        """Cancelled: everything was rolled back, so nothing was added."""
        self.interactions_new = 0
        self.by_channel.clear()
        self.interaction_ids = range(0)
        self.participants_added = []

    def summary(self) -> str:
        left = sum(self.left_out.values())
        return (
            f"History: {self.interactions_new} new interactions, {self.interactions_known} "
            f"already known, {left} messages or events left out, "
            f"{self.unmatched_total} people who are not contacts."
        )
