"""Finding the person an incoming card is already about.

Sure matches: the same vCard UID, email, normalised phone or LinkedIn profile URL, or a
card whose every value the person already has (re-importing a file doubles nothing).
Possible matches: a fuzzy name (rapidfuzz) at the same organisation. Fuzzy candidates are
limited to people who share the organisation and the initial of the first or last word of
the name, so each lookup compares a handful of names instead of the whole network.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from desktop_app.domain.values import NewPerson
from desktop_app.services.importing.normalize import (
    MIN_PHONE_DIGITS,
    name_blocks,
    name_key,
    normalize_email,
    normalize_org_name,
    phone_match_key,
    profile_key,
)
from desktop_app.storage.contact_keys import KnownPerson

# Same organisation: a close name is a possible duplicate. Without an organisation on
# either side the name alone must be nearly identical.
NAME_SCORE_WITH_ORG = 88.0
NAME_SCORE_WITHOUT_ORG = 97.0


class MatchReason(StrEnum):
    UID = "same vCard UID"
    EMAIL = "same email"
    PHONE = "same phone number"
    PROFILE = "same LinkedIn profile"
    SAME_CARD = "nothing new: same name and details"
    OTHER_UID = "same email or phone, but a different vCard UID"
    NAME = "similar name"

    @property
    def is_sure(self) -> bool:
        return self not in (MatchReason.NAME, MatchReason.OTHER_UID)


@dataclass(frozen=True, slots=True)
class Match:
    person_id: int
    reason: MatchReason
    detail: str
    score: float = 100.0

    @property
    def is_sure(self) -> bool:
        return self.reason.is_sure

    def describe(self) -> str:
        if self.reason is MatchReason.NAME:
            return f"{self.reason.value} ({self.score:.0f}%){self.detail}"
        if self.reason is MatchReason.SAME_CARD:
            return self.reason.value
        if self.reason is MatchReason.OTHER_UID:
            return f"same email or phone ({self.detail}), but a different vCard UID"
        return f"{self.reason.value}: {self.detail}"


@dataclass(frozen=True, slots=True)
class MatchKeys:
    uid: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    name: str
    organizations: tuple[str, ...]
    profiles: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()

    @classmethod
    def of(cls, person: NewPerson) -> MatchKeys:
        return cls(
            person.vcard_uid,
            tuple(normalize_email(e.value) for e in person.emails if e.value.strip()),
            tuple(k for k in (phone_match_key(p.value) for p in person.phones) if k),
            name_key(person.fields.full_name),
            tuple(normalize_org_name(j.organization) for j in person.employment if j.current),
            tuple(k for k in (profile_key(u.value) for u in person.urls) if k),
            name_blocks(person.fields.full_name),
        )


class DuplicateIndex:
    """Everyone known so far (stored, and imported earlier in this run), by their keys."""

    def __init__(self) -> None:
        self._uids: dict[str, int] = {}
        self._uid_of: dict[int, str] = {}
        self._emails: dict[str, int] = {}
        self._phones: dict[str, int] = {}
        self._profiles: dict[str, int] = {}
        self._blocks: dict[tuple[str, str], dict[int, str]] = {}
        self.names: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.names)

    def add_known(self, known: KnownPerson) -> None:
        keys = MatchKeys(
            known.vcard_uid,
            known.emails,
            tuple(p for p in known.phones if len(p) - p.startswith("+") >= MIN_PHONE_DIGITS),
            name_key(known.full_name),
            known.organizations,
            tuple(k for k in (profile_key(u) for u in known.profile_urls) if k),
            name_blocks(known.full_name),
        )
        self.add(known.id, known.full_name, keys)

    def add(self, person_id: int, display_name: str, keys: MatchKeys) -> None:
        """Make `person_id` findable by `keys` (first one in wins for each key)."""
        self.names.setdefault(person_id, display_name)
        if keys.uid:
            self._uids.setdefault(keys.uid, person_id)
            self._uid_of.setdefault(person_id, keys.uid)
        for email in keys.emails:
            self._emails.setdefault(email, person_id)
        for phone in keys.phones:
            self._phones.setdefault(phone, person_id)
        for profile in keys.profiles:
            self._profiles.setdefault(profile, person_id)
        if keys.name:
            for org in keys.organizations or ("",):
                for block in keys.blocks:
                    self._blocks.setdefault((org, block), {})[person_id] = keys.name

    def _checked(self, keys: MatchKeys, match: Match) -> Match:
        """Two cards that both carry a UID, and different ones, are two contacts (a shared
        office number, a family email): only a possible duplicate. This is what keeps an
        export read back into an empty database exactly as it was."""
        other = self._uid_of.get(match.person_id, "")
        if keys.uid and other and other != keys.uid:
            return Match(match.person_id, MatchReason.OTHER_UID, match.detail, 99.0)
        return match

    def find(self, keys: MatchKeys) -> Match | None:
        """The best match for `keys`: sure reasons first, then a similar name."""
        if keys.uid and keys.uid in self._uids:
            return Match(self._uids[keys.uid], MatchReason.UID, keys.uid)
        for email in keys.emails:
            if email in self._emails:
                return self._checked(keys, Match(self._emails[email], MatchReason.EMAIL, email))
        for phone in keys.phones:
            if phone in self._phones:
                return self._checked(keys, Match(self._phones[phone], MatchReason.PHONE, phone))
        for profile in keys.profiles:
            if profile in self._profiles:
                return Match(self._profiles[profile], MatchReason.PROFILE, profile)
        if not keys.name:
            return None
        best: Match | None = None
        for org, block in ((o, b) for o in keys.organizations or ("",) for b in keys.blocks):
            candidates = self._blocks.get((org, block))
            if not candidates:
                continue
            cutoff = NAME_SCORE_WITH_ORG if org else NAME_SCORE_WITHOUT_ORG
            found = process.extractOne(
                keys.name, candidates, scorer=fuzz.ratio, score_cutoff=cutoff
            )
            if found is not None and (best is None or found[1] > best.score):
                detail = " at the same organisation" if org else ""
                best = Match(found[2], MatchReason.NAME, detail, found[1])
        return best
