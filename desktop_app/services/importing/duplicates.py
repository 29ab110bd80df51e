"""Finding the person an incoming card is already about.

Sure matches: the same vCard UID, email, normalised phone or LinkedIn profile URL, or a
card whose every value the person already has (re-importing a file doubles nothing).
Possible matches: a fuzzy name (rapidfuzz) at the same organisation. Fuzzy candidates are
limited to people who share the organisation and the initial of the first or last word of
the name, so each lookup compares a handful of names instead of the whole network. A bucket
holds each distinct name once (with the first person known by it): an address book's
common names (340 given/family pairs for 20,000 people) make a few hundred candidates, not
thousands, and a name already there is found by a dict lookup before any fuzzy ratio.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from desktop_app.domain.values import NewPerson
from desktop_app.services.importing.bounded import BucketCache, KeyFilter
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
from desktop_app.storage.import_keys import ImportKeyTables

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


# People whose keys an import holds in dicts before it moves them to the TEMP tables:
# about 15 MB at most. A 20,000-card import never leaves memory (and matches as fast as
# ever); a 100 MB one moves them out every 25,000 people and stays flat.
MEMORY_PEOPLE = 25_000

_KINDS = ("u", "e", "p", "l")  # UID, email, phone, LinkedIn profile: the order tried


class DuplicateIndex:
    """Everyone known so far (stored, and imported earlier in this run), by their keys.

    The newest people (up to `memory_people`) are in dicts; past that they are written to
    TEMP tables of the import's connection (storage/import_keys.py), so memory does not
    grow with the file. A lookup asks the tables, then the dicts: the tables hold the
    older entries, and the first one in wins. Once the tables are in use, a Bloom filter
    of their keys spares SQLite the lookups of keys never seen, and the names of recently
    used buckets stay in a bounded cache (bounded.py).
    """

    def __init__(self, tables: ImportKeyTables, memory_people: int | None = None) -> None:
        self._tables = tables
        self._limit = MEMORY_PEOPLE if memory_people is None else memory_people
        self._in_tables = False
        self._filter: KeyFilter | None = None
        self._cache: BucketCache | None = None
        self._names_of: dict[int, str] = {}
        self._uid_of: dict[int, str] = {}
        self._exact: tuple[dict[str, int], ...] = ({}, {}, {}, {})  # in _KINDS order
        self._blocks: dict[tuple[str, str], dict[str, int]] = {}  # name -> first person

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
        self._names_of.setdefault(person_id, display_name)
        uids, emails, phones, profiles = self._exact
        if keys.uid:
            uids.setdefault(keys.uid, person_id)
            self._uid_of.setdefault(person_id, keys.uid)
        for email in keys.emails:
            emails.setdefault(email, person_id)
        for phone in keys.phones:
            phones.setdefault(phone, person_id)
        for profile in keys.profiles:
            profiles.setdefault(profile, person_id)
        if keys.name:
            for org in keys.organizations or ("",):
                for block in keys.blocks:
                    self._blocks.setdefault((org, block), {}).setdefault(keys.name, person_id)
                    if self._cache is not None:
                        self._cache.added(block + org, person_id, keys.name)
        if len(self._names_of) >= self._limit:
            self.flush()

    def flush(self) -> None:
        """Move the people held in dicts to the tables."""
        if not self._names_of:
            return
        if self._filter is None:
            self._filter = KeyFilter()
            self._cache = BucketCache()
        keys = [
            (f"{kind}:{key}", person_id)
            for kind, found in zip(_KINDS, self._exact, strict=True)
            for key, person_id in found.items()
        ]
        for found in self._exact:
            for key in found:  # the bare value: a hit across kinds only costs a query
                self._filter.add(key)
        self._tables.add(
            [(pid, name, self._uid_of.get(pid, "")) for pid, name in self._names_of.items()],
            keys,
            [
                (block + org, pid, name)
                for (org, block), names in self._blocks.items()
                for name, pid in names.items()
            ],
        )
        self._in_tables = True
        self._names_of.clear()
        self._uid_of.clear()
        for found in self._exact:
            found.clear()
        self._blocks.clear()

    def name_of(self, person_id: int) -> str:
        """The name `person_id` was first known by ('' when unknown)."""
        stored = self._tables.person(person_id) if self._in_tables else None
        if stored is not None:
            return stored[0]
        return self._names_of.get(person_id, "")

    def _first_uid(self, person_id: int) -> str:
        stored = self._tables.person(person_id) if self._in_tables else None
        uid = stored[1] if stored is not None else ""
        return uid or self._uid_of.get(person_id, "")

    def _checked(self, keys: MatchKeys, match: Match) -> Match:
        """Two cards that both carry a UID, and different ones, are two contacts (a shared
        office number, a family email): only a possible duplicate. This is what keeps an
        export read back into an empty database exactly as it was."""
        if not keys.uid:
            return match
        other = self._first_uid(match.person_id)
        if other and other != keys.uid:
            return Match(match.person_id, MatchReason.OTHER_UID, match.detail, 99.0)
        return match

    def find(self, keys: MatchKeys) -> Match | None:
        """The best match for `keys`: sure reasons first, then a similar name."""
        uids, emails, phones, profiles = self._exact
        # The tables hold the older entries: they win over the dicts.
        stored = self._stored_exact(keys) if self._filter is not None else None
        if keys.uid:
            person_id = stored.get(f"u:{keys.uid}") if stored else None
            if person_id is not None or (person_id := uids.get(keys.uid)) is not None:
                return Match(person_id, MatchReason.UID, keys.uid)
        for email in keys.emails:
            person_id = stored.get(f"e:{email}") if stored else None
            if person_id is not None or (person_id := emails.get(email)) is not None:
                return self._checked(keys, Match(person_id, MatchReason.EMAIL, email))
        for phone in keys.phones:
            person_id = stored.get(f"p:{phone}") if stored else None
            if person_id is not None or (person_id := phones.get(phone)) is not None:
                return self._checked(keys, Match(person_id, MatchReason.PHONE, phone))
        for profile in keys.profiles:
            person_id = stored.get(f"l:{profile}") if stored else None
            if person_id is not None or (person_id := profiles.get(profile)) is not None:
                return Match(person_id, MatchReason.PROFILE, profile)
        if not keys.name:
            return None
        best: Match | None = None
        pairs = [(o, b) for o in keys.organizations or ("",) for b in keys.blocks]
        held = self._blocks if self._cache is None else self._cached_buckets(pairs)
        for org, block in pairs:
            candidates = held.get((org, block))
            if not candidates:
                continue
            person_id = candidates.get(keys.name)
            if person_id is not None:
                score = 100.0
            else:
                cutoff = NAME_SCORE_WITH_ORG if org else NAME_SCORE_WITHOUT_ORG
                found = process.extractOne(
                    keys.name, candidates.keys(), scorer=fuzz.ratio, score_cutoff=cutoff
                )
                if found is None:
                    continue
                person_id, score = candidates[found[0]], found[1]
            if best is None or score > best.score:
                detail = " at the same organisation" if org else ""
                best = Match(person_id, MatchReason.NAME, detail, score)
        return best

    def _stored_exact(self, keys: MatchKeys) -> dict[str, int]:
        """The people the tables hold for the exact keys of `keys`."""
        seen = self._filter
        assert seen is not None
        # Most keys of a new card never were: no query at all.
        maybe = [f"u:{keys.uid}"] if keys.uid and keys.uid in seen else []
        maybe += [f"e:{value}" for value in keys.emails if value in seen]
        maybe += [f"p:{value}" for value in keys.phones if value in seen]
        maybe += [f"l:{value}" for value in keys.profiles if value in seen]
        return self._tables.people_of(maybe) if maybe else {}

    def _cached_buckets(
        self, pairs: list[tuple[str, str]]
    ) -> dict[tuple[str, str], dict[str, int]]:
        """Everyone in each (organisation, initial) bucket, once the tables are in use:
        from the cache, else from the tables in one query and the dicts."""
        cache = self._cache
        assert cache is not None
        found: dict[tuple[str, str], dict[str, int]] = {}
        missing: dict[str, tuple[str, str]] = {}
        for org, block in pairs:
            names = cache.get(block + org)
            if names is None:
                missing[block + org] = (org, block)
            else:
                found[(org, block)] = names
        if missing:
            fetched: dict[str, dict[str, int]] = {bucket: {} for bucket in missing}
            for bucket, person_id, name in self._tables.names_in(list(missing)):
                fetched[bucket].setdefault(name, person_id)
            for bucket, names in fetched.items():
                pair = missing[bucket]
                for name, person_id in self._blocks.get(pair, {}).items():  # newer
                    names.setdefault(name, person_id)
                cache.put(bucket, names)
                found[pair] = names
        return found
