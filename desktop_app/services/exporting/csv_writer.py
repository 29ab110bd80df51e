"""CSV export in the Google Contacts layout (one row per person, ` ::: ` between values),
which spreadsheets open and Trellis, Google and Outlook import.

A cell that a spreadsheet would run as a formula (it starts with `=` `+` `-` `@`, a tab or
a carriage return) is written with a leading apostrophe, as the OWASP CSV-injection
guidance says: `+44 20 7946 0958` becomes `'+44 20 7946 0958`. A cell that already starts
with apostrophes before such a character gets one more, so the importer, which takes one
apostrophe off exactly these cells (`csv_reader.unguard`), gives back what was stored.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TextIO

from desktop_app.domain.values import NewPerson

MULTI = " ::: "
FORMULA_START = re.compile("'*[=+\\-@\t\r]")


def guard(cell: str) -> str:
    """`cell` as a spreadsheet shows it and never runs it (OWASP: a leading `'`)."""
    return "'" + cell if FORMULA_START.match(cell) else cell


HEADER = (
    "Name",
    "Given Name",
    "Family Name",
    "Organization 1 - Name",
    "Organization 1 - Title",
    "E-mail 1 - Value",
    "Phone 1 - Value",
    "Website 1 - Value",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Birthday",
    "Notes",
    "Labels",
    "Met On",
)


def person_row(person: NewPerson) -> list[str]:
    fields = person.fields
    job = next((j for j in person.employment if j.current), None)
    address = person.addresses[0] if person.addresses else None
    birthday = ""
    if fields.birthday is not None:
        b = fields.birthday
        birthday = (
            f"{b.year:04d}-{b.month:02d}-{b.day:02d}" if b.year else f"--{b.month:02d}-{b.day:02d}"
        )
    return [
        fields.full_name,
        fields.given_name,
        fields.family_name,
        job.organization if job else "",
        job.title if job else "",
        MULTI.join(e.value for e in person.emails),
        MULTI.join(p.value for p in person.phones),
        MULTI.join(u.value for u in person.urls),
        address.street if address else "",
        address.locality if address else "",
        address.region if address else "",
        address.postal_code if address else "",
        address.country if address else "",
        birthday,
        fields.note,
        MULTI.join(person.tags),
        fields.met_on.isoformat() if fields.met_on else "",
    ]


def write_csv(people: Iterable[NewPerson], out: TextIO) -> int:
    """Write a header and one row per person to `out` (open with newline=""); the count."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for person in people:
        writer.writerow([guard(cell) for cell in person_row(person)])
        count += 1
    return count
