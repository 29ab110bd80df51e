"""Shared by the fuzz tests and `python -m tools.reliability_report`.

`read_everything` reads a contact file the way an import does and accounts for every card:
each one becomes a person or a rejection with a reason; a file that holds nothing readable
is reported as unreadable. Anything else (an exception escaping the readers) is a bug.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.domain.values import LabeledValue, NewPerson
from desktop_app.services.importing.sources import ContactSource, UnreadableFileError

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "tests" / "fixtures"
FUZZ_CORPUS = FIXTURES / "fuzz"
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "contacts"
SECONDS_PER_INPUT = 5.0  # generous on a busy 2-core machine; inputs are at most ~100 KB


@dataclass(frozen=True)
class Outcome:
    people: int = 0
    rejected: int = 0
    unreadable: str = ""
    seconds: float = 0.0

    @property
    def cards(self) -> int:
        return self.people + self.rejected


def read_everything(path: Path) -> Outcome:
    """Every card of `path` as a person or a rejection; raises only on a reader bug."""
    started = time.perf_counter()
    people = rejected = 0
    try:
        with ContactSource(path) as source:
            for card in source:
                if card.person is None:
                    assert card.reason, f"card at line {card.line} rejected without a reason"
                    rejected += 1
                else:
                    people += 1
    except UnreadableFileError as error:  # the callers check that it says why
        return Outcome(people, rejected, str(error), time.perf_counter() - started)
    return Outcome(people, rejected, "", time.perf_counter() - started)


def seed_files() -> list[Path]:
    """Real files to mutate: our fixtures, the shared corpus where present, past breakers."""
    found: list[Path] = []
    for folder in (FIXTURES / "contacts", CORPUS, FUZZ_CORPUS):
        if folder.is_dir():
            found.extend(
                p for p in sorted(folder.iterdir()) if p.suffix.lower() in (".vcf", ".csv")
            )
    return found


def mutate(data: bytes, rng: random.Random, rounds: int) -> bytes:
    """Byte-level damage of the kinds real files suffer: flips, cuts, splices, repeats."""
    buffer = bytearray(data)
    tokens = [
        b"\r\n",
        b"\n ",
        b":",
        b";",
        b",",
        b"=",
        b'"',
        b"\\",
        b"^",
        b"\x00",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"BEGIN:VCARD\r\n",
        b"END:VCARD\r\n",
        b"ENCODING=QUOTED-PRINTABLE:",
        b"ENCODING=b:",
        b"CHARSET=x-unknown:",
        b"=\r\n",
        b"<b>bold</b>",
        "é€😀".encode(),
    ]
    for _ in range(rounds):
        if not buffer:
            buffer.extend(rng.choice(tokens))
            continue
        at = rng.randrange(len(buffer))
        kind = rng.randrange(6)
        if kind == 0:
            buffer[at] = rng.randrange(256)
        elif kind == 1:
            buffer[at:at] = rng.choice(tokens)
        elif kind == 2:
            del buffer[at : at + rng.randrange(1, 64)]
        elif kind == 3:
            span = bytes(buffer[at : at + rng.randrange(1, 256)])
            buffer[at:at] = span * rng.randrange(1, 4)
        elif kind == 4:
            del buffer[at:]
        else:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(buffer)


def mutated_seed_file(seed: int, rounds: int) -> tuple[bytes, str]:
    """The input `test_mutated_real_files_are_read_or_reported` draws for (seed, rounds)."""
    rng = random.Random(seed)
    original = rng.choice(seed_files())
    return mutate(original.read_bytes()[:100_000], rng, rounds), original.suffix


def breakers() -> Iterator[Path]:
    """Inputs that once broke a reader, kept so they are read again by every test run."""
    if FUZZ_CORPUS.is_dir():
        yield from sorted(p for p in FUZZ_CORPUS.iterdir() if p.is_file() and p.name != "README.md")


# -- writers: any stored contact → every export format → import → the same contact --------

# Characters the writers must escape or guard, mixed into arbitrary Unicode text.
WRITER_SPECIALS = [*",;\\:\n\t\"'=+-@^<>& ", "END:VCARD", "BEGIN:VCARD", " ::: ", "\\n"]
# What no stored text holds after import: C0 controls but tab and newline, DEL, CR (a line
# end, stored as \n). vCard refuses them (RFC 6350 TEXT-CHAR); the CSV keeps them.
_NOT_STORED = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n") + "\x7f"
_SIMPLE_LABEL = re.compile(r"^[a-z]+( [a-z]+)*$")
_URL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_SYSTEM_GROUPS = ("mycontacts", "my contacts", "* my contacts", "imported on")


def _text(max_size: int = 24) -> Any:
    from hypothesis import strategies as st

    char = st.one_of(
        st.sampled_from(WRITER_SPECIALS),
        st.characters(blacklist_categories=("Cs",), blacklist_characters=_NOT_STORED),
    )
    return st.lists(char, max_size=max_size).map("".join)


def _words(max_size: int = 24) -> Any:
    """Text as names, organisations and tags are stored: whitespace collapsed."""
    return _text(max_size).map(lambda t: " ".join(t.split()))


def _label() -> Any:
    """Labels the vCard carries as they are: a known TYPE word, or anything else (as Apple's
    X-ABLabel) but a bare lower-case word list and Apple's own `_$!<…>!$_` wrapping."""
    from hypothesis import strategies as st

    free = (
        _text(16)
        .map(str.strip)
        .filter(lambda t: not _SIMPLE_LABEL.match(t))
        .filter(lambda t: t[:1] not in "$!<>" and t[-1:] not in "$!<>\\")
    )
    known = st.sampled_from(["work", "home", "mobile", "home fax", "other", "main", "pager"])
    return st.one_of(st.just(""), known, free)


def _values(kind: str) -> Any:
    """Emails, phones or URLs of one person, as the importer would keep them."""
    from hypothesis import strategies as st

    from desktop_app.domain.contact_keys import quick_normalize_phone as normalize_phone

    value = _text().map(str.strip).filter(lambda v: v and ":::" not in v)
    if kind == "email":
        value = value.filter(lambda v: v == v.removeprefix("mailto:").strip())
        key = lambda v: v.casefold()  # noqa: E731
    elif kind == "phone":
        value = value.filter(lambda v: not v.lower().startswith("tel:"))
        key = lambda v: normalize_phone(v) or v  # noqa: E731
    else:
        value = value.filter(lambda v: not _URL_CONTROLS.search(v))
        key = lambda v: v  # noqa: E731
    pairs = st.tuples(value, _label())
    return st.lists(pairs, max_size=3, unique_by=lambda p: key(p[0])).map(
        lambda ps: tuple(LabeledValue(v, label) for v, label in ps)
    )


def stored_people(max_people: int = 3) -> Any:
    """People as Trellis stores them, every text field drawn from hostile Unicode."""
    from hypothesis import strategies as st

    from desktop_app.domain.values import (
        Birthday,
        EmploymentRecord,
        PersonFields,
        PostalAddress,
    )

    birthdays = st.one_of(
        st.none(),
        st.dates().filter(lambda d: d.year != 1604).map(lambda d: Birthday(d.month, d.day, d.year)),
        st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)).map(
            lambda d: Birthday(d.month, d.day)
        ),
    )
    addresses = st.lists(
        st.builds(
            PostalAddress,
            label=_label(),
            street=_text().map(str.strip),
            locality=_text().map(str.strip),
            region=_text().map(str.strip),
            postal_code=_text(8).map(str.strip),
            country=_text(12).map(str.strip),
        ).filter(lambda a: a.one_line()),
        max_size=2,
        unique=True,
    )
    jobs = st.lists(
        st.tuples(_words().filter(bool), _words()), max_size=3, unique_by=lambda j: j
    ).map(
        lambda js: tuple(
            EmploymentRecord(org, title, current=i == 0) for i, (org, title) in enumerate(js)
        )
    )
    tags = st.lists(
        _words(16).filter(
            lambda t: (
                t
                and ":::" not in t
                and not t.startswith("* ")
                and t.casefold() not in _SYSTEM_GROUPS
            )
        ),
        max_size=3,
        unique_by=str.casefold,
    ).map(tuple)
    photos = st.one_of(
        st.none(), st.binary(min_size=1, max_size=64).map(lambda b: b"\x89PNG\r\n\x1a\n" + b)
    )
    person = st.builds(
        lambda fields, emails, phones, urls, addresses, tags, jobs, photo: NewPerson(
            fields,
            emails=emails,
            phones=phones,
            urls=urls,
            addresses=tuple(addresses),
            tags=tags,
            employment=jobs,
            photo=photo,
            photo_mime="image/png" if photo else "",
        ),
        st.builds(
            PersonFields,
            given_name=_text().map(str.strip),
            family_name=_text().map(str.strip),
            full_name=_words().filter(bool),
            note=_text(60).map(str.strip),
            met_on=st.one_of(st.none(), st.dates()),
            birthday=birthdays,
        ),
        _values("email"),
        _values("phone"),
        _values("url"),
        addresses,
        tags,
        jobs,
        photos,
    )
    # Two cards with the same name and values are one person to the importer, whatever
    # their UIDs (docs/import-formats.md, "Duplicates"): the people drawn differ in name.
    from desktop_app.services.importing.normalize import name_key

    return st.lists(
        person, min_size=1, max_size=max_people, unique_by=lambda p: name_key(p.fields.full_name)
    )


def stored_contents(db_path: Path) -> list[NewPerson]:
    """Everyone's values, without what a round trip may change: ids, the order of jobs
    (the current one is written first), the source, the UID the export adds."""
    from dataclasses import replace

    from desktop_app.storage.person_loader import iter_people, read_connection

    connection = read_connection(db_path)
    try:
        people = [
            replace(
                p,
                vcard_uid="",
                source="",
                tags=tuple(sorted(p.tags)),  # a set: stored in the order tags were created
                employment=tuple(
                    sorted(
                        (replace(j, id=None, organization_id=None) for j in p.employment), key=repr
                    )
                ),
            )
            for _, p in iter_people(connection)
        ]
    finally:
        connection.close()
    return sorted(people, key=repr)


def csv_carried(person: NewPerson) -> NewPerson:
    """What the Google CSV layout carries of a person: no labels, the first address, the
    current job, no photo."""
    from dataclasses import replace

    def plain(values: tuple[LabeledValue, ...]) -> tuple[LabeledValue, ...]:
        return tuple(LabeledValue(v.value) for v in values)

    job = next((j for j in person.employment if j.current), None)
    return replace(
        person,
        emails=plain(person.emails),
        phones=plain(person.phones),
        urls=plain(person.urls),
        addresses=tuple(replace(a, label="") for a in person.addresses[:1]),
        employment=() if job is None else (job,),
        photo=None,
        photo_mime="",
    )


def round_trip_difference(folder: Path, people: list[NewPerson], fmt: str) -> str | None:
    """Store `people`, export them as `fmt`, import the file into a fresh database: None
    when the same people come back, else what differs."""
    from desktop_app.services.contacts import ContactsService
    from desktop_app.services.exporting.contacts_export import FORMATS, export_to_file
    from desktop_app.services.importing.pipeline import run_import
    from desktop_app.storage.database import open_database

    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        stale.unlink()
    out = folder / f"out{FORMATS[fmt][1]}"
    with open_database(folder / "stored.db", backups=False) as db:
        contacts = ContactsService(db)
        for person in people:
            contacts.create(person)
        export_to_file(db, fmt, out)
    expected = stored_contents(folder / "stored.db")
    with open_database(folder / "imported.db", backups=False) as copy:
        report = run_import(copy, [out])
        try:
            rejected = [r.describe() for r in report.rejected]
            added = report.added
        finally:
            report.close()
    got = stored_contents(folder / "imported.db")
    if fmt == "csv":
        expected = sorted((csv_carried(p) for p in expected), key=repr)
        got = sorted((csv_carried(p) for p in got), key=repr)
    if rejected or added != len(people):
        return f"{added} of {len(people)} added; rejected: {rejected}"
    if got != expected:
        return f"stored {expected!r}\nimported {got!r}"
    return None
