"""Immutable values passed between layers: the UI sees these, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain.cadence import CheckInState
from desktop_app.domain.enums import Circle


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """One row of the contact table: what people scan."""

    id: int
    full_name: str
    organization: str
    title: str
    circle: Circle | None
    tags: str
    last_contact: date | None
    next_check_in: date | None
    gave: int
    asked: int
    is_me: bool = False
    check_in_state: CheckInState = CheckInState.NONE

    @property
    def balance(self) -> int:
        """Positive when I gave more than I asked."""
        return self.gave - self.asked


@dataclass(frozen=True, slots=True)
class LabeledValue:
    """An email, phone or URL with the label it came with (work, home, LinkedIn…)."""

    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class PostalAddress:
    label: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def one_line(self) -> str:
        parts = (self.street, self.locality, self.region, self.postal_code, self.country)
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday with or without its year (vCard's `--MMDD`)."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class EmploymentRecord:
    organization: str
    title: str = ""
    start: date | None = None
    end: date | None = None
    current: bool = True
    organization_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RelationshipRecord:
    other_id: int
    other_name: str
    kind: str
    strength: int
    id: int | None = None


@dataclass(frozen=True, slots=True)
class InteractionRecord:
    occurred_on: date
    kind: str
    direction: str
    note: str
    participants: tuple[str, ...]
    follow_up_on: date | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class PersonFields:
    """The editable scalar fields of a person, as one value (for edits and undo)."""

    given_name: str = ""
    family_name: str = ""
    full_name: str = ""
    note: str = ""
    circle: Circle | None = None
    how_we_met: str = ""
    met_on: date | None = None
    cadence_days: int | None = None
    birthday: Birthday | None = None


@dataclass(frozen=True, slots=True)
class ContactPoints:
    """How to reach someone: the lists an edit of the person replaces as a whole."""

    emails: tuple[LabeledValue, ...] = ()
    phones: tuple[LabeledValue, ...] = ()
    urls: tuple[LabeledValue, ...] = ()
    addresses: tuple[PostalAddress, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """Everything the detail panel shows about one person."""

    id: int
    fields: PersonFields
    is_me: bool
    emails: tuple[LabeledValue, ...] = ()
    phones: tuple[LabeledValue, ...] = ()
    urls: tuple[LabeledValue, ...] = ()
    addresses: tuple[PostalAddress, ...] = ()
    tags: tuple[str, ...] = ()
    employment: tuple[EmploymentRecord, ...] = ()
    relationships: tuple[RelationshipRecord, ...] = ()
    interactions: tuple[InteractionRecord, ...] = ()
    has_photo: bool = False
    source: str = ""
    vcard_uid: str = ""

    @property
    def contact_points(self) -> ContactPoints:
        return ContactPoints(self.emails, self.phones, self.urls, self.addresses)


@dataclass(frozen=True, slots=True)
class NewPerson:
    """What it takes to create a person, including the lists a vCard or CSV carries."""

    fields: PersonFields
    emails: tuple[LabeledValue, ...] = ()
    phones: tuple[LabeledValue, ...] = ()
    urls: tuple[LabeledValue, ...] = ()
    addresses: tuple[PostalAddress, ...] = ()
    tags: tuple[str, ...] = ()
    employment: tuple[EmploymentRecord, ...] = ()
    photo: bytes | None = None
    photo_mime: str = ""
    source: str = ""
    vcard_uid: str = ""
    is_me: bool = False


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one operation changed, so views refresh only that."""

    people_added: frozenset[int] = field(default_factory=frozenset)
    people_changed: frozenset[int] = field(default_factory=frozenset)
    people_removed: frozenset[int] = field(default_factory=frozenset)
    organizations_changed: bool = False
    relationships_changed: bool = False
    interactions_changed: bool = False
    goals_changed: bool = False
    documents_changed: bool = False
    events_changed: bool = False

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.people_added | other.people_added,
            self.people_changed | other.people_changed,
            self.people_removed | other.people_removed,
            self.organizations_changed or other.organizations_changed,
            self.relationships_changed or other.relationships_changed,
            self.interactions_changed or other.interactions_changed,
            self.goals_changed or other.goals_changed,
            self.documents_changed or other.documents_changed,
            self.events_changed or other.events_changed,
        )

    @property
    def is_empty(self) -> bool:
        return self == ChangeSet()
