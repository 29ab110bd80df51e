"""From a `RawCard` to a `NewPerson`: escapes, labels, photos, the vCard versions' habits."""

from __future__ import annotations

import base64
import binascii
import re

from desktop_app.domain.values import Birthday, NewPerson, PostalAddress
from desktop_app.services.importing.person_building import (
    URL_REFUSED,
    PersonDraft,
    parse_birthday,
    parse_date,
)
from desktop_app.services.importing.vcard_reader import RawCard, VProperty

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# A date's shape (1990-02-30, 19900230, --0231) whose numbers make no day of the year.
_IMPOSSIBLE_DATE = re.compile(r"(?:\d{4}-?|--)\d{2}-?\d{2}(?:T.*)?")
_NOT_PEOPLE = {"group": "a contact group", "org": "an organisation", "location": "a place"}
_MAGIC = {b"\xff\xd8": "image/jpeg", b"\x89PNG": "image/png", b"GIF8": "image/gif"}


def unescape(text: str) -> str:
    r"""`\n` `\N` → newline; `\,` `\;` `\:` `\\` → the character itself."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def split_escaped(text: str, separator: str) -> list[str]:
    """Split at separators that are not backslash-escaped, then unescape each piece."""
    if "\\" not in text:
        return text.split(separator)
    pieces: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            pieces.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
    pieces.append(unescape("".join(current)))
    return pieces


def card_to_person(
    card: RawCard, source: str = "vcard", trellis_fields: bool = True
) -> tuple[NewPerson | str, list[str]]:
    """The person a card describes (or why it is rejected) and what was dropped on the way.
    Without `trellis_fields`, Trellis's own X- properties (met on) are not read (a sync:
    they never come from a server)."""
    warnings = list(card.problems)
    # vCard 4's KIND; Apple's vCard 3 (iCloud, macOS Contacts) says it with its own name.
    kind = card.first("KIND") or card.first("X-ADDRESSBOOKSERVER-KIND")
    if kind is not None and kind.value.strip().lower() in _NOT_PEOPLE:
        return f"the card is {_NOT_PEOPLE[kind.value.strip().lower()]}, not a person", warnings
    draft = PersonDraft(source=source)
    titles: list[str] = []
    orgs: list[str] = []
    for prop in card.properties:
        name = prop.name
        value = prop.value
        if "\\" in value and name not in ("N", "ORG", "ADR", "CATEGORIES"):
            value = unescape(value)  # structured values are split before unescaping
        if name == "FN":
            draft.full_name = draft.full_name or value.strip()
        elif name == "N":
            parts = [*split_escaped(prop.value, ";"), "", ""]
            draft.family_name = draft.family_name or parts[0].strip()
            draft.given_name = draft.given_name or parts[1].strip()
        elif name == "EMAIL":
            draft.add_email(value, _label(card, prop))
        elif name == "TEL":
            draft.add_phone(_phone_text(value), _label(card, prop))
        elif name == "URL":
            if not draft.add_url(value, _label(card, prop)):
                warnings.append(f"line {prop.line}: {URL_REFUSED}")
        elif name == "ORG":
            orgs.append(split_escaped(prop.value, ";")[0])
        elif name == "TITLE":
            titles.append(value)
        elif name == "NOTE":
            draft.add_note(value)
        elif name == "ADR":
            draft.add_address(_address(card, prop))
        elif name == "CATEGORIES":
            draft.add_tags(split_escaped(prop.value, ","))
        elif name == "BDAY" and draft.birthday is None:
            draft.birthday = _birthday(prop, warnings)
        elif name == "UID":
            draft.uid = draft.uid or value.strip()
        elif name == "X-TRELLIS-MET-ON" and trellis_fields:
            draft.met_on = draft.met_on or parse_date(prop.value)
        elif name == "PHOTO":
            _photo(draft, prop, warnings)
    for index, org in enumerate(orgs):
        draft.add_job(org, titles[index] if index < len(titles) else "")
    for title in titles[len(orgs) :]:
        draft.add_job("", title)
    return draft.build(), warnings


def _label(card: RawCard, prop: VProperty) -> str:
    return (prop.group and unescape(card.group_label(prop.group))) or prop.label


def _birthday(prop: VProperty, warnings: list[str]) -> Birthday | None:
    """The birthday of a BDAY (a text one too, when it is a date), or a warning why not."""
    text = unescape(prop.value).strip()
    if not text:
        return None
    birthday = parse_birthday(text)
    if birthday is None:
        why = "no such date" if _IMPOSSIBLE_DATE.fullmatch(text) else "not a date"
        warnings.append(f"line {prop.line}: the birthday {text[:40]!r} was left out: {why}")
    return birthday


def _phone_text(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("tel:"):
        value = value[4:]
        number, _, rest = value.partition(";")
        ext = next((p[4:] for p in rest.split(";") if p.lower().startswith("ext=")), "")
        value = f"{number} ext. {ext}" if ext else number
    return value


def _address(card: RawCard, prop: VProperty) -> PostalAddress:
    parts = [p.strip() for p in split_escaped(prop.value, ";")]
    parts += [""] * (7 - len(parts))
    po_box, extended, street, locality, region, code, country = parts[:7]
    lines = [street, extended, f"PO Box {po_box}" if po_box else ""]
    return PostalAddress(
        label=_label(card, prop),
        street="\n".join(line for line in lines if line),
        locality=locality,
        region=region,
        postal_code=code,
        country=country,
    )


def _photo(draft: PersonDraft, prop: VProperty, warnings: list[str]) -> None:
    value = prop.value.strip()
    if not value:
        return
    encoded = prop.params.get("ENCODING", [""])[0] == "b"
    mime = ""
    if value.lower().startswith("data:"):
        header, _, payload = value.replace("\\,", ",").partition(",")
        mime = header[5:].split(";")[0]
        value, encoded = payload, ";base64" in header.lower()
    elif not encoded and re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
        if not draft.add_url(unescape(value), "photo"):
            warnings.append(f"line {prop.line}: {URL_REFUSED}")
        return
    elif not encoded and len(value) > 64:
        encoded = True  # Thunderbird writes raw base64 without ENCODING=b
    if not encoded or draft.photo is not None:
        return
    data = _lenient_b64decode("".join(value.split()))
    if data is None:
        warnings.append(f"line {prop.line}: the photo is not valid base64 and was left out")
        return
    draft.photo = data
    draft.photo_mime = _image_mime(data) or mime or "image/jpeg"


def _lenient_b64decode(text: str) -> bytes | None:
    """Strict base64, or a repaired decode when what comes out is recognisably an image."""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        pass
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        data = base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return None
    return data if _image_mime(data) else None


def _image_mime(data: bytes) -> str:
    for magic, mime in _MAGIC.items():
        if data.startswith(magic):
            return mime
    return ""
