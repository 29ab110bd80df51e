"""vCards of sync: what a card says (as a `NewPerson`), the fields that sync and how to
compare them, and the card Trellis sends back, which keeps every property it does not own.

Only the fields a CardDAV server holds are compared and written (`SYNCED_FIELDS`); the
Trellis-only ones (circle, cadence, how we met, met on, relationships, interactions, goals)
are never read from a card nor put into one.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import replace
from typing import Any

from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services.exporting.vcard_writer import card_lines, fold
from desktop_app.services.importing.vcard_mapping import card_to_person
from desktop_app.services.importing.vcard_reader import VCardReader, read_plain_card

SYNCED_FIELDS = (
    "full_name",
    "given_name",
    "family_name",
    "emails",
    "phones",
    "urls",
    "addresses",
    "organization",
    "note",
    "birthday",
    "categories",
    "photo",
)
# The properties Trellis writes itself; every other one of a server's card is kept as it is.
OWNED = frozenset(
    {
        "BEGIN", "END", "VERSION", "UID", "FN", "N", "EMAIL", "TEL", "URL", "ORG", "TITLE",
        "ADR", "NOTE", "CATEGORIES", "BDAY", "PHOTO", "X-TRELLIS-MET-ON", "REV", "PRODID",
    }
)  # fmt: skip
PRODID = "PRODID:-//Trellis//CardDAV sync//EN"
_FOLDED = re.compile(r"\r?\n[ \t]")

State = dict[str, Any]


class CardError(ValueError):
    """A card that holds no person (no name, a group card, not a vCard)."""


def parse(text: str) -> NewPerson:
    """The person a vCard describes; CardError when it describes none."""
    card = read_plain_card(text)
    if card is None:
        cards = list(VCardReader(io.BytesIO(text.encode("utf-8"))))
        if not cards:
            raise CardError("not a vCard")
        card = cards[0]
    # Only synced fields: a card's X-TRELLIS-MET-ON is not read; circle, cadence and how we
    # met never come from a card.
    person, _warnings = card_to_person(card, source="carddav", trellis_fields=False)
    if isinstance(person, str):
        raise CardError(person)
    return person


def state(person: NewPerson) -> State:
    """The synced fields of a person as JSON-ready values, to compare and to store; keys in
    alphabetical order, so that `dumps` writes them sorted without sorting."""
    f = person.fields
    return {
        "addresses": [
            [a.label, a.street, a.locality, a.region, a.postal_code, a.country]
            for a in person.addresses
        ],
        "birthday": str(f.birthday) if f.birthday else "",
        "categories": list(person.tags),
        "emails": [[e.value, e.label] for e in person.emails],
        "family_name": f.family_name,
        "full_name": f.full_name,
        "given_name": f.given_name,
        "note": f.note,
        "organization": [[j.organization, j.title] for j in person.employment if j.current],
        "phones": [[p.value, p.label] for p in person.phones],
        "photo": hashlib.sha256(person.photo).hexdigest() if person.photo else "",
        "urls": [[u.value, u.label] for u in person.urls],
    }


# One encoder, not one a card. No sort_keys: `state` makes its keys in order (a test checks
# that the text is the sorted one), and the order never matters to `loads` anyway.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def dumps(value: State) -> str:
    return _ENCODER.encode(value)


def loads(text: str) -> State:
    return dict(json.loads(text)) if text else {}


def changed_fields(now: State, then: State) -> set[str]:
    return {name for name in SYNCED_FIELDS if now.get(name) != then.get(name)}


def merged(remote: NewPerson, local: NewPerson, from_local: set[str]) -> NewPerson:
    """`remote` with the fields in `from_local` taken from `local`."""
    result = remote
    fields = remote.fields
    for name in ("full_name", "given_name", "family_name", "note", "birthday"):
        if name in from_local:
            fields = replace(fields, **{name: getattr(local.fields, name)})
    result = replace(result, fields=fields)
    lists = {"emails": "emails", "phones": "phones", "urls": "urls", "addresses": "addresses"}
    for name, attribute in lists.items():
        if name in from_local:
            result = replace(result, **{attribute: getattr(local, attribute)})
    if "categories" in from_local:
        result = replace(result, tags=local.tags)
    if "organization" in from_local:
        result = replace(result, employment=tuple(j for j in local.employment if j.current))
    if "photo" in from_local:
        result = replace(result, photo=local.photo, photo_mime=local.photo_mime)
    return result


def synced_only(person: NewPerson) -> NewPerson:
    """What of a person may leave the machine: the synced fields and the UID."""
    f = person.fields
    return NewPerson(
        fields=PersonFields(
            given_name=f.given_name,
            family_name=f.family_name,
            full_name=f.full_name,
            note=f.note,
            birthday=f.birthday,
        ),
        emails=person.emails,
        phones=person.phones,
        urls=person.urls,
        addresses=person.addresses,
        tags=person.tags,
        employment=tuple(j for j in person.employment if j.current),
        photo=person.photo,
        photo_mime=person.photo_mime,
        vcard_uid=person.vcard_uid,
    )


def card_text(person: NewPerson, base: str = "") -> str:
    """The vCard Trellis sends: the person's synced fields, in the version of `base` (3.0
    for a new card: every server and phone reads it), with `base`'s other properties."""
    version = _version(base) or "3.0"
    kept = kept_lines(base)
    lines = list(card_lines(synced_only(person), "4.0" if version == "4.0" else "3.0"))
    body = lines[:-1]
    body.insert(2, PRODID)
    body.extend(kept)
    body.append(lines[-1])
    return "".join(fold(line) for line in body)


def kept_lines(text: str) -> list[str]:
    """The unfolded lines of `text`'s properties that Trellis does not write itself;
    Apple-style groups are renamed so they cannot meet the writer's `itemN.`."""
    if not text:
        return []
    lines = _FOLDED.sub("", text).splitlines()
    owned_groups = set()
    parsed: list[tuple[str, str, str]] = []  # (group, name, rest of the line after the name)
    depth = 0
    for line in lines:
        if not line.strip():
            continue
        head = line.split(":", 1)[0]
        name_part = head.split(";", 1)[0]
        group, _, name = name_part.rpartition(".")
        name = name.upper()
        if name == "BEGIN":
            depth += 1
            if depth == 1:
                continue
        if name == "END":
            depth -= 1
            if depth == 0:
                continue
        if name in OWNED and depth == 1:
            if group:
                owned_groups.add(group.lower())
            continue
        parsed.append((group, name, line[len(name_part) :]))
    kept: list[str] = []
    for group, name, rest in parsed:
        if group and group.lower() in owned_groups and name == "X-ABLABEL":
            continue  # the label of a property Trellis rewrote with its own label
        if group and not group.startswith("kept"):
            group = f"kept{group}"
        label = f"{group}." if group else ""
        kept.append(f"{label}{name}{rest}")
    return kept


def uid_of(text: str) -> str:
    for line in _FOLDED.sub("", text).splitlines():
        head, _, value = line.partition(":")
        if head.split(";", 1)[0].rpartition(".")[2].upper() == "UID":
            return value.strip()
    return ""


def _version(text: str) -> str:
    for line in text.splitlines():
        if line.upper().startswith("VERSION:"):
            return line.split(":", 1)[1].strip()
    return ""
