"""Turning the loose values of one card or row into a `NewPerson`, the same way for all formats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop_app.domain.values import (
    Birthday,
    EmploymentRecord,
    LabeledValue,
    NewPerson,
    PersonFields,
    PostalAddress,
)
from desktop_app.services.importing.normalize import normalize_email, normalize_phone

# Exporters' group names that mean "everyone", not a tag the user chose.
SYSTEM_GROUPS = frozenset({"mycontacts", "my contacts", "* my contacts", "imported on"})
NO_PERSON = "the card has no name, email, phone or organisation"

_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%b %d, %Y")
_SEPARATORS = re.compile(r"[._\-+]+")
# No web address holds a control character (RFC 3986); one that does is damage or a value
# crafted to break the line it is written on (a forged END:VCARD), and is left out.
_URL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
URL_REFUSED = "the web address holds a line break or control character and was left out"


@dataclass(slots=True)
class PersonDraft:
    """Mutable collector; `build()` makes the immutable `NewPerson` or says why it cannot."""

    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    notes: list[str] = field(default_factory=list)
    emails: list[LabeledValue] = field(default_factory=list)
    phones: list[LabeledValue] = field(default_factory=list)
    urls: list[LabeledValue] = field(default_factory=list)
    addresses: list[PostalAddress] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    jobs: list[tuple[str, str]] = field(default_factory=list)
    birthday: Birthday | None = None
    met_on: date | None = None
    photo: bytes | None = None
    photo_mime: str = ""
    uid: str = ""
    source: str = ""
    _keys: set[str] = field(default_factory=set)

    def add_email(self, value: str, label: str = "") -> None:
        value = value.strip().removeprefix("mailto:").strip()
        key = "e:" + normalize_email(value)
        if value and key not in self._keys:
            self._keys.add(key)
            self.emails.append(LabeledValue(value, label))

    def add_phone(self, value: str, label: str = "") -> None:
        value = value.strip()
        key = "p:" + (normalize_phone(value) or value)
        if value and key not in self._keys:
            self._keys.add(key)
            self.phones.append(LabeledValue(value, label))

    def add_url(self, value: str, label: str = "") -> bool:
        """Take a web address; False when it is refused (it holds a control character)."""
        value = value.strip()
        if _URL_CONTROLS.search(value):
            return False
        if value and all(u.value != value for u in self.urls):
            self.urls.append(LabeledValue(value, label))
        return True

    def add_address(self, address: PostalAddress) -> None:
        if address.one_line() and address not in self.addresses:
            self.addresses.append(address)

    def add_tags(self, names: list[str]) -> None:
        for name in names:
            name = " ".join(name.split())
            if name and name.casefold() not in SYSTEM_GROUPS and name not in self.tags:
                self.tags.append(name)

    def add_job(self, organization: str, title: str = "") -> None:
        organization = " ".join(organization.split())
        title = " ".join(title.split())
        if organization:
            if (organization, title) not in self.jobs:
                self.jobs.append((organization, title))
        elif title:
            self.add_note(f"Title: {title}")

    def add_note(self, text: str) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if text and text not in self.notes:
            self.notes.append(text)

    def build(self) -> NewPerson | str:
        """The person, or the reason there is none (the card is rejected)."""
        name = " ".join(self.full_name.split())
        if not name:
            name = " ".join(p for p in (self.given_name, self.family_name) if p.strip())
        if not name:
            name = self._derived_name()
        if not name:
            return NO_PERSON
        jobs = tuple(
            EmploymentRecord(organization=org, title=title, current=index == 0)
            for index, (org, title) in enumerate(self.jobs)
        )
        fields = PersonFields(
            given_name=self.given_name.strip(),
            family_name=self.family_name.strip(),
            full_name=name,
            note="\n\n".join(self.notes),
            met_on=self.met_on,
            birthday=self.birthday,
        )
        return NewPerson(
            fields=fields,
            emails=tuple(self.emails),
            phones=tuple(self.phones),
            urls=tuple(self.urls),
            addresses=tuple(self.addresses),
            tags=tuple(self.tags),
            employment=jobs,
            photo=self.photo,
            photo_mime=self.photo_mime if self.photo else "",
            source=self.source,
            vcard_uid=self.uid.strip(),
        )

    def _derived_name(self) -> str:
        """A name for a nameless card: the organisation, the email's local part, the phone."""
        if self.jobs:
            return self.jobs[0][0]
        if self.emails:
            local = self.emails[0].value.partition("@")[0]
            words = [w for w in _SEPARATORS.split(local) if w]
            return " ".join(w[:1].upper() + w[1:] for w in words) or self.emails[0].value
        if self.phones:
            return self.phones[0].value
        return ""


def parse_birthday(text: str) -> Birthday | None:
    """vCard and CSV birthdays: `1980-03-22`, `19800322`, `--0203`, `--02-03`, with times."""
    text = text.strip().split("T")[0].strip()
    if not text:
        return None
    if text.startswith("--"):
        digits = text[2:].replace("-", "")
        if len(digits) == 4 and digits.isdecimal():
            return _birthday(None, int(digits[:2]), int(digits[2:]))
        return None
    digits = text.replace("-", "")
    if len(digits) == 8 and digits.isdecimal():
        year = int(digits[:4])
        # CardBook writes 1604 for "no year"; 0000 is another exporter's way of saying it.
        return _birthday(None if year in (0, 1604) else year, int(digits[4:6]), int(digits[6:]))
    parsed = parse_date(text)
    return Birthday(parsed.month, parsed.day, parsed.year) if parsed else None


def parse_date(text: str) -> date | None:
    """ISO dates and the spellings CSV exporters use (`01 Jan 2024`, `3/14/2020`)."""
    text = text.strip()
    if not text or text.startswith("0/0/"):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _birthday(year: int | None, month: int, day: int) -> Birthday | None:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: --0229 is a real birthday
    except ValueError:
        return None
    return Birthday(month, day, year)
