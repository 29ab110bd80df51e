"""Sample history exports for one synthetic person ("me"): try the history import before
downloading your own, and feed the readers' tests and benchmarks.

`write_demo_exports(directory)` writes, like the real exporters do:

- `Basic_LinkedInDataExport_MM-DD-YYYY.zip`: LinkedIn's "Get a copy of your data" archive
  (Connections, messages, Invitations, Profile, Email Addresses, Positions, and files an
  importer ignores), optionally unpacked into `linkedin/` too;
- `mail.mbox`: a Google Takeout mailbox (mboxrd, X-Gmail-Labels);
- `calendar.ics`: a Google Calendar export (VTIMEZONE, folded lines, CRLF);
- `expected.json`: what was written, counted by construction (see `docs/history-import.md`).

The same people appear across the files, some by the same e-mail address, some only by
name, two different people share a name, some names are not ASCII. Everything is made up:
addresses are under the reserved `.example` top-level domain. Deterministic: the same seed,
sizes and `today` give the same bytes. Files are written as streams, so a 100,000-message
mailbox takes seconds.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop_app.services.demo import names as vocab

MANIFEST_NAME = "expected.json"
MBOX_NAME = "mail.mbox"
ICS_NAME = "calendar.ics"
UNPACKED_DIR = "linkedin"
MANIFEST_FORMAT = 1

ME_FIRST, ME_LAST = "Alex", "Rivera"  # the demo network's "me" too
ME_EMAIL = "alex.rivera@mail.example"
ME_WORK_EMAIL = "alex.rivera@northwind-labs.example"
ME_URL = "https://www.linkedin.com/in/alex-rivera-demo"

# Where a person shows up: everywhere (same address in Connections and mail), name_only
# (a connection without an address, in mail and LinkedIn messages), connection_only,
# mail_only (not a connection), calendar_only, other_email (a different address in each).
KINDS = ("everywhere", "name_only", "connection_only", "mail_only", "calendar_only", "other_email")
LIMITS = {"people": (30, 100_000), "messages": (40, 1_000_000), "events": (12, 100_000)}


class ExportsError(Exception):
    """The sample exports cannot be written; `str(error)` is meant for the user."""


@dataclass(frozen=True)
class ExportSizes:
    """How much to write. `linkedin_messages` None: as many rows as `messages`."""

    people: int = 150
    messages: int = 600
    events: int = 80
    linkedin_messages: int | None = None

    @property
    def linkedin_rows(self) -> int:
        return self.messages if self.linkedin_messages is None else self.linkedin_messages

    def check(self) -> None:
        """Raise ExportsError naming the first size out of its range."""
        values = {
            "people": self.people,
            "messages": self.messages,
            "events": self.events,
            "linkedin-messages": self.linkedin_rows,
        }
        for name, value in values.items():
            low, high = LIMITS["messages" if name == "linkedin-messages" else name]
            if not low <= value <= high:
                raise ExportsError(f"--{name} must be between {low:,} and {high:,}")


@dataclass(frozen=True)
class Person:
    """Someone in my network as the exports show them."""

    key: int
    first: str
    last: str
    org: str
    title: str
    url: str
    email: str  # the address their mail and invitations come from
    connection_email: str  # what Connections.csv shows ("" when they do not share it)
    connected_on: date | None  # None: not a LinkedIn connection
    mail_name: str  # the display name in their From header
    latin1_header: bool  # encode a non-ASCII name as =?iso-8859-1?Q?…?= (else UTF-8 B)
    kind: str  # which exports they belong in: one of KINDS

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Cast:
    """Me and the people, with the pools each export draws from."""

    people: list[Person]
    planted: list[Person]  # the hard cases for matching: shown first in every export
    mail_pool: list[Person]
    calendar_pool: list[Person]
    connections: list[Person]
    outsiders: list[Person]  # not connections: invitations, InMail

    # Who actually appeared where, filled as the files are written.
    seen: dict[str, set[int]] = field(default_factory=dict)

    def saw(self, where: str, person: Person) -> None:
        self.seen.setdefault(where, set()).add(person.key)


def write_demo_exports(
    directory: Path,
    *,
    seed: int = 1,
    sizes: ExportSizes | None = None,
    today: date | None = None,
    unpacked: bool = False,
) -> dict[str, Any]:
    """Write the sample exports into `directory` (created if missing) and return the
    manifest also written as `expected.json`. Refuses to replace files already there."""
    from desktop_app.services.demo import exports_calendar as demo_exports_calendar
    from desktop_app.services.demo import exports_linkedin as demo_exports_linkedin
    from desktop_app.services.demo import exports_mail as demo_exports_mail

    sizes = sizes or ExportSizes()
    sizes.check()
    today = today or date.today()
    zip_name = f"Basic_LinkedInDataExport_{today:%m-%d-%Y}.zip"
    names = [zip_name, MBOX_NAME, ICS_NAME, MANIFEST_NAME] + ([UNPACKED_DIR] if unpacked else [])
    _check_target(directory, names)
    cast = build_cast(random.Random(f"{seed}:cast"), sizes.people, today)
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "seed": seed,
        "today": today.isoformat(),
        "me": {"name": f"{ME_FIRST} {ME_LAST}", "emails": [ME_EMAIL, ME_WORK_EMAIL]},
        "files": {"linkedin_zip": zip_name, "mbox": MBOX_NAME, "ics": ICS_NAME},
    }
    with _staged(directory) as stage:
        manifest["linkedin"] = demo_exports_linkedin.write_zip(
            stage / zip_name, cast, random.Random(f"{seed}:linkedin"), sizes.linkedin_rows, today
        )
        manifest["mbox"] = demo_exports_mail.write_mbox(
            stage / MBOX_NAME, cast, random.Random(f"{seed}:mail"), sizes.messages, today
        )
        manifest["calendar"] = demo_exports_calendar.write_ics(
            stage / ICS_NAME, cast, random.Random(f"{seed}:calendar"), sizes.events, today
        )
        if unpacked:
            demo_exports_linkedin.unpack(stage / zip_name, stage / UNPACKED_DIR)
            manifest["files"]["linkedin_unpacked"] = UNPACKED_DIR
        manifest["people"] = _people_summary(cast)
        text = json.dumps(manifest, indent=1, ensure_ascii=False)
        (stage / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")
    return manifest


def build_cast(rng: random.Random, count: int, today: date) -> Cast:
    """`count` people, the first few planted so matching has its hard cases."""
    people: list[Person] = []
    emails: set[str] = {ME_EMAIL, ME_WORK_EMAIL}
    planted = [
        # Two different people named Ana Lee: different employers, addresses, profiles.
        ("Ana", "Lee", "everywhere", "utf8"),
        ("Ana", "Lee", "name_only", "utf8"),
        ("Chloé", "Dubois", "everywhere", "latin1"),
        ("Björn", "Müller", "name_only", "latin1"),
        ("Zanele", "Wiśniewska", "everywhere", "utf8"),
        ("Chidi", "Okafor", "name_only", "reversed"),  # mail shows "Okafor, Chidi"
        ("Saoirse", "O'Brien", "other_email", "utf8"),  # a different address in each file
    ]
    weights = (20, 30, 25, 20, 5)
    for key in range(1, count + 1):
        if key <= len(planted):
            first, last, kind, style = planted[key - 1]
        else:
            first, last = rng.choice(vocab.GIVEN_NAMES), rng.choice(vocab.FAMILY_NAMES)
            while (first, last) == ("Ana", "Lee"):
                first = rng.choice(vocab.GIVEN_NAMES)
            kind, style = rng.choices(KINDS[:5], weights)[0], "utf8"
        people.append(_person(rng, key, first, last, kind, style, emails, today))
    in_mail = ("everywhere", "name_only", "mail_only", "other_email")
    return Cast(
        people=people,
        planted=people[: len(planted)],
        mail_pool=[p for p in people if p.kind in in_mail],
        # Half of those only by name or only in mail also meet me.
        calendar_pool=[
            p
            for p in people
            if p.kind in ("everywhere", "calendar_only", "other_email")
            or (p.kind in ("name_only", "mail_only") and p.key % 2)
        ],
        connections=[p for p in people if p.connected_on is not None],
        outsiders=[p for p in people if p.connected_on is None],
    )


def _person(
    rng: random.Random,
    key: int,
    first: str,
    last: str,
    kind: str,
    style: str,
    emails: set[str],
    today: date,
) -> Person:
    org = f"{rng.choice(vocab.ORG_STEMS)} {rng.choice(vocab.ORG_SUFFIXES)}"
    local = f"{ascii_slug(first, '')}.{ascii_slug(last, '')}"
    domain = rng.choice(("mail.example", "post.example", f"{ascii_slug(org)}.example"))
    email = _unique(f"{local}@{domain}", emails)
    slug = ascii_slug(f"{first} {last}")
    connected = kind in ("everywhere", "name_only", "connection_only", "other_email")
    if kind in ("everywhere",) or (kind == "connection_only" and rng.random() < 0.2):
        shown = email
    elif kind == "other_email":
        shown = _unique(f"{local}@{ascii_slug(org)}.example", emails)
    else:
        shown = ""
    return Person(
        key=key,
        first=first,
        last=last,
        org=org,
        title=rng.choice(vocab.TITLES),
        url=f"https://www.linkedin.com/in/{slug}-{rng.getrandbits(36):09x}",
        email=email,
        connection_email=shown,
        connected_on=today - timedelta(days=rng.randint(30, 4000)) if connected else None,
        mail_name=f"{last}, {first}" if style == "reversed" else f"{first} {last}",
        latin1_header=style == "latin1",
        kind=kind,
    )


def _unique(address: str, taken: set[str]) -> str:
    local, domain = address.split("@")
    candidate, n = address, 1
    while candidate in taken:
        n += 1
        candidate = f"{local}{n}@{domain}"
    taken.add(candidate)
    return candidate


def ascii_slug(text: str, sep: str = "-") -> str:
    """`Björn Müller` → `bjorn-muller`: letters and digits, accents dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return sep.join(words)


def _people_summary(cast: Cast) -> dict[str, Any]:
    """Who appears where, and the hard cases for matching, from what was written."""
    where = ("connections", "linkedin_messages", "invitations", "mbox", "calendar")
    seen = {name: cast.seen.get(name, set()) for name in where}
    seen["connections"] = {p.key for p in cast.connections}
    by_name: dict[str, int] = {}
    for p in cast.people:
        by_name[p.name] = by_name.get(p.name, 0) + 1
    connected_in_mail = [p for p in cast.connections if p.key in seen["mbox"]]
    return {
        "count": len(cast.people),
        "in": {name: len(keys) for name, keys in seen.items()},
        "in_all_of_connections_mbox_calendar": len(
            seen["connections"] & seen["mbox"] & seen["calendar"]
        ),
        "connections_in_mbox_same_email": sum(
            1 for p in connected_in_mail if p.connection_email == p.email
        ),
        "connections_in_mbox_by_name_only": sum(
            1 for p in connected_in_mail if not p.connection_email
        ),
        "connections_in_mbox_other_email": sum(
            1 for p in connected_in_mail if p.connection_email not in ("", p.email)
        ),
        "names_shared_by_different_people": sorted(n for n, c in by_name.items() if c > 1),
        "non_ascii_names": sum(1 for p in cast.people if not p.name.isascii()),
        "list": [
            {
                "name": p.name,
                "email": p.email,
                "connection_email": p.connection_email,
                "url": p.url if p.connected_on else "",
                "in": [name for name in where if p.key in seen[name]],
            }
            for p in cast.people
        ],
    }


def _check_target(directory: Path, names: list[str]) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportsError(f"{directory} is a file, not a folder.")
    present = [name for name in names if (directory / name).exists()]
    if present:
        raise ExportsError(
            f"{directory} already holds {', '.join(present)}; "
            "choose an empty folder or move those files first."
        )


@contextmanager
def _staged(directory: Path) -> Iterator[Path]:
    """A hidden folder inside `directory` to write into; its files move into `directory`
    only when everything is written, so a failure leaves nothing half-written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        stage = directory / f".trellis-demo-{os.getpid()}"
        stage.mkdir()
    except OSError as error:
        raise ExportsError(f"Cannot write into {directory}: {error.strerror}") from error
    try:
        yield stage
        for child in sorted(stage.iterdir()):
            child.replace(directory / child.name)
    except OSError as error:
        raise ExportsError(f"Cannot write into {directory}: {error.strerror}") from error
    finally:
        shutil.rmtree(stage, ignore_errors=True)
