"""A realistic synthetic network for trying Trellis, benchmarks and tests.

Deterministic: the same seed and the same `today` give the same network. Rows are built as
plain dicts with explicit ids and written with bulk inserts in one transaction, so 100,000
contacts take seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle, Direction, InteractionKind
from desktop_app.services.demo import names as vocab
from desktop_app.storage.database import Database

Row = dict[str, Any]

CIRCLE_WEIGHTS: tuple[tuple[Circle, int], ...] = (
    (Circle.INNER, 4),
    (Circle.CLOSE, 12),
    (Circle.FAMILIAR, 34),
    (Circle.ACQUAINTANCE, 50),
)
CIRCLE_STRENGTH = {Circle.INNER: 5, Circle.CLOSE: 4, Circle.FAMILIAR: 3, Circle.ACQUAINTANCE: 2}
# How often each kind happens in a year of networking (relative weights).
KIND_WEIGHTS: tuple[tuple[InteractionKind, float], ...] = (
    (InteractionKind.MESSAGE, 30),
    (InteractionKind.COFFEE, 14),
    (InteractionKind.CALL, 12),
    (InteractionKind.EMAIL, 12),
    (InteractionKind.MEETUP, 8),
    (InteractionKind.GROUP_EVENT, 5),
    (InteractionKind.SHARED_RESOURCE, 8),
    (InteractionKind.INFORMATIONAL_INTERVIEW, 5),
    (InteractionKind.INTRODUCTION, 3),
    (InteractionKind.REFERRAL, 1),
    (InteractionKind.MOCK_INTERVIEW, 1),
    (InteractionKind.FEEDBACK, 2),
    (InteractionKind.INTERVIEW, 0.4),
    (InteractionKind.OFFER, 0.1),
    (InteractionKind.OTHER, 1),
)


class DemoError(Exception):
    """The demo cannot be written (e.g. the database already holds a network)."""


@dataclass
class DemoRows:
    """Every table's rows, in insertion order."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def generate(contacts: int, seed: int = 1, today: date | None = None) -> DemoRows:
    """Build the rows of a network of `contacts` people plus me."""
    if contacts < 0:
        raise DemoError("The number of contacts cannot be negative.")
    return _Generator(contacts, random.Random(seed), today or date.today()).build()


def write_demo(
    db: Database,
    contacts: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoRows:
    """Generate and write a demo network into an empty database, in one transaction."""
    from desktop_app.storage import bulk_writer

    rows = generate(contacts, seed, today)
    with db.transaction() as session:
        if not bulk_writer.is_empty(session):
            raise DemoError(
                f"{db.path} already holds a network; the demo only fills an empty database."
            )
        for table, table_rows in rows.tables.items():
            if progress:
                progress(f"{table}: {len(table_rows)} rows")
            bulk_writer.insert_rows(session, table, table_rows)
    return rows


class _Generator:
    def __init__(self, contacts: int, rng: random.Random, today: date) -> None:
        self.n = contacts
        self.rng = rng
        self.today = today
        self.rows = DemoRows()
        self.circles: dict[int, Circle] = {}
        self.next_interaction = 1

    def build(self) -> DemoRows:
        self._people()
        orgs = self._organizations()
        self._employment(orgs)
        self._tags()
        self._relationships()
        self._interactions()
        self._goals(orgs)
        self._documents()
        self._events()
        return self.rows

    def _events(self) -> None:
        from desktop_app.services.demo.events import add_events

        self.rows.tables = add_events(self.rows.tables, self.rng, self.today, self._interaction)

    def _date_back(self, max_days: int, min_days: int = 0) -> date:
        return self.today - timedelta(days=self.rng.randint(min_days, max_days))

    def _people(self) -> None:
        rng = self.rng
        stamp = datetime.combine(self.today - timedelta(days=400), datetime.min.time())
        self.rows.add("people", _person(1, "Alex", "Rivera", None, "", stamp, is_me=True))
        circles = [c for c, _ in CIRCLE_WEIGHTS]
        weights = [w for _, w in CIRCLE_WEIGHTS]
        for pid in range(2, self.n + 2):
            given = rng.choice(vocab.GIVEN_NAMES)
            family = rng.choice(vocab.FAMILY_NAMES)
            circle = rng.choices(circles, weights)[0]
            self.circles[pid] = circle
            added = stamp + timedelta(days=rng.randint(0, 380))
            self.rows.add(
                "people",
                _person(
                    pid,
                    given,
                    family,
                    circle,
                    rng.choice(vocab.NOTES),
                    added,
                    how=rng.choice(vocab.HOW_WE_MET),
                    birthday=self._birthday(),
                ),
            )
            slug = f"{given}.{family}".lower().replace(" ", "").replace("'", "")
            self.rows.add(
                "emails",
                {
                    "id": pid,
                    "person_id": pid,
                    "value": f"{slug}{pid}@example.com",
                    "normalized": f"{slug}{pid}@example.com",
                    "label": "work",
                    "position": 0,
                },
            )
            if rng.random() < 0.6:
                number = f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
                self.rows.add(
                    "phones",
                    {
                        "person_id": pid,
                        "value": number,
                        "normalized": "+1555" + number[7:].replace(" ", ""),
                        "label": "mobile",
                        "position": 0,
                    },
                )
            if rng.random() < 0.5:
                self.rows.add(
                    "urls",
                    {
                        "person_id": pid,
                        "label": "LinkedIn",
                        "position": 0,
                        "value": f"https://www.linkedin.com/in/{slug}-{pid}",
                    },
                )

    def _birthday(self) -> tuple[int | None, int, int] | None:
        if self.rng.random() > 0.3:
            return None
        year = self.rng.randint(1960, 2002) if self.rng.random() < 0.6 else None
        return (year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def _organizations(self) -> list[int]:
        count = max(3, min(2000, self.n // 12 + 3))
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < count:
            name = f"{self.rng.choice(vocab.ORG_STEMS)} {self.rng.choice(vocab.ORG_SUFFIXES)}"
            if len(seen) >= len(vocab.ORG_STEMS) * len(vocab.ORG_SUFFIXES):
                name = f"{name} {len(names)}"
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        for oid, name in enumerate(names, start=1):
            self.rows.add(
                "organizations",
                {
                    "id": oid,
                    "name": name,
                    "normalized_name": name.casefold(),
                    "industry": self.rng.choice(vocab.INDUSTRIES),
                    "url": "",
                    "note": "",
                },
            )
        return list(range(1, count + 1))

    def _employment(self, orgs: list[int]) -> None:
        rng = self.rng
        # A few large employers and a long tail, as in real networks.
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(orgs))]
        for pid in range(1, self.n + 2):
            past_jobs = rng.choices((0, 1, 2), (35, 45, 20))[0]
            start = self._date_back(6000, 3000)
            chosen = rng.choices(orgs, weights, k=past_jobs + 1)
            for index, oid in enumerate(chosen):
                current = index == past_jobs
                end = None if current else start + timedelta(days=rng.randint(300, 1500))
                if current and pid != 1 and rng.random() < 0.07:
                    continue  # between jobs: no current employer
                self.rows.add(
                    "employment",
                    {
                        "person_id": pid,
                        "organization_id": oid,
                        "title": rng.choice(vocab.TITLES),
                        "start": start,
                        "end": end,
                        "current": current,
                    },
                )
                start = (end or start) + timedelta(days=rng.randint(0, 60))

    def _tags(self) -> None:
        for tid, name in enumerate(vocab.TAGS, start=1):
            self.rows.add("tags", {"id": tid, "name": name})
        for pid in range(2, self.n + 2):
            for tid in self.rng.sample(range(1, len(vocab.TAGS) + 1), self.rng.randint(0, 2)):
                self.rows.add("person_tags", {"person_id": pid, "tag_id": tid})

    def _relationships(self) -> None:
        rng = self.rng
        seen: set[tuple[int, int]] = set()
        for pid, circle in self.circles.items():
            kind = rng.choice(
                ("friend", "former_colleague", "mentor", "colleague", "classmate", "acquaintance")
            )
            self.rows.add(
                "relationships",
                _relationship(1, pid, kind, CIRCLE_STRENGTH[circle], self._date_back(3000, 30)),
            )
            seen.add((1, pid))
        people = list(self.circles)
        # Most ties run between people who share an employer, now or in the past, as in
        # real networks (clustered, not uniformly random); the rest join circles of friends.
        staff: dict[int, list[int]] = {}
        for job in self.rows.tables.get("employment", []):
            if job["person_id"] != 1:
                staff.setdefault(job["organization_id"], []).append(job["person_id"])
        teams = [members for members in staff.values() if len(members) >= 2]
        for _ in range(int(self.n * 1.5)):
            if len(people) < 2:
                break
            colleagues = teams and rng.random() < 0.7
            a, b = rng.sample(rng.choice(teams), 2) if colleagues else rng.sample(people, 2)
            if a == b or (min(a, b), max(a, b)) in seen:
                continue
            seen.add((min(a, b), max(a, b)))
            kinds = (
                ("colleague", "former_colleague", "mentor", "friend")
                if colleagues
                else ("friend", "classmate", "acquaintance")
            )
            row = _relationship(
                min(a, b),
                max(a, b),
                rng.choice(kinds),
                rng.randint(1, 5),
                self._date_back(3000, 30),
            )
            introducer = rng.choice(people)
            if rng.random() < 0.1 and introducer not in (a, b):
                row["introduced_by_id"] = introducer
            self.rows.add("relationships", row)

    def _interactions(self) -> None:
        rng = self.rng
        kinds = [k for k, _ in KIND_WEIGHTS]
        weights = [w for _, w in KIND_WEIGHTS]
        per_circle = {Circle.INNER: 10, Circle.CLOSE: 5, Circle.FAMILIAR: 3, Circle.ACQUAINTANCE: 2}
        directions = (Direction.GAVE, Direction.ASKED, Direction.MUTUAL)
        for pid, circle in self.circles.items():
            # A network kept fairly well: contacts roughly on each circle's rhythm, so that
            # about one in six is due or overdue, as in a real, lived-in network.
            cadence = DEFAULT_CADENCE_DAYS[circle]
            back = rng.randint(0, int(cadence * 1.2))
            for index in range(rng.randint(1, per_circle[circle])):
                if back > 365:
                    break
                kind = rng.choices(kinds, weights)[0]
                day = self.today - timedelta(days=back)
                direction = rng.choices(directions, (35, 30, 35))[0]
                iid = self._interaction(kind, direction, [pid], day)
                if index == 0 and back < 40 and rng.random() < 0.25:  # open follow-ups
                    follow_up = day + timedelta(days=rng.randint(7, 45))
                    self.rows.tables["interactions"][-1]["follow_up_on"] = follow_up
                back += max(3, int(cadence * rng.uniform(0.6, 1.3)))
                if kind == InteractionKind.SHARED_RESOURCE:
                    self.rows.add(
                        "shared_resources",
                        {
                            "interaction_id": iid,
                            "kind": rng.choice(("article", "tip", "opportunity", "introduction")),
                            "title": rng.choice(
                                (
                                    "Negotiation playbook",
                                    "Remote hiring tips",
                                    "Open role on my team",
                                    "Salary survey",
                                )
                            ),
                            "url": "",
                            "tags": rng.choice(vocab.TAGS),
                        },
                    )
        if len(self.circles) >= 3:  # a few group events with several people
            for _ in range(max(1, self.n // 50)):
                group = rng.sample(list(self.circles), 3)
                self._interaction(InteractionKind.GROUP_EVENT, Direction.MUTUAL, group)

    def _interaction(
        self,
        kind: InteractionKind,
        direction: Direction,
        people: list[int],
        occurred: date | None = None,
        note: str | None = None,
    ) -> int:
        """An interaction on `occurred` (default: a random day of the past year) with
        `note` (default: a random one)."""
        iid = self.next_interaction
        self.next_interaction += 1
        chosen_day = occurred is not None
        occurred = occurred or self._date_back(365)
        follow_up = None
        if not chosen_day and self.rng.random() < 0.08:
            follow_up = occurred + timedelta(days=self.rng.randint(7, 45))
        self.rows.add(
            "interactions",
            {
                "id": iid,
                "occurred_on": occurred,
                "kind": kind.value,
                "direction": direction.value,
                "note": (
                    self.rng.choice(vocab.INTERACTION_NOTES[direction.value])
                    if note is None
                    else note
                ),
                "follow_up_on": follow_up,
                "follow_up_done": False,
            },
        )
        for pid in people:
            self.rows.add("interaction_participants", {"interaction_id": iid, "person_id": pid})
        return iid

    def _goals(self, orgs: list[int]) -> None:
        goals = (
            ("Move into product management", "Product Manager", "Software"),
            ("Find a data role in healthcare", "Data Analyst; Research Scientist", "Healthcare"),
        )
        people = list(self.circles)
        for gid, (title, roles, industry) in enumerate(goals, start=1):
            self.rows.add(
                "goals",
                {
                    "id": gid,
                    "title": title,
                    "target_roles": roles,
                    "target_industries": industry,
                    "note": "",
                    "created_on": self._date_back(200, 60),
                    "achieved_on": None,
                },
            )
            for oid in self.rng.sample(orgs, min(3, len(orgs))):
                self.rows.add("goal_organizations", {"goal_id": gid, "organization_id": oid})
            told = self.rng.sample(people, min(len(people), max(1, len(people) // 20)))
            for pid in told:
                self.rows.add(
                    "goal_disclosures",
                    {"goal_id": gid, "person_id": pid, "told_on": self._date_back(60)},
                )

    def _documents(self) -> None:
        from desktop_app.services.demo.documents import add_documents

        # Reviewers are the close contacts seen least lately (at least six of them), so the
        # feedback and "thank them" follow-ups the sample shows are not answered by a chance
        # later chat.
        interaction_days = {
            i["id"]: i["occurred_on"] for i in self.rows.tables.get("interactions", [])
        }
        last_seen: dict[int, date] = {}
        for p in self.rows.tables.get("interaction_participants", []):
            day = interaction_days[p["interaction_id"]]
            if day > last_seen.get(p["person_id"], date.min):
                last_seen[p["person_id"]] = day
        close = [pid for pid, c in self.circles.items() if c in (Circle.INNER, Circle.CLOSE)]
        close.sort(key=lambda pid: (last_seen.get(pid, date.min), pid))
        quiet = [pid for pid in close if last_seen.get(pid, date.min) < self.today - timedelta(21)]
        reviewers = close[: max(8, len(quiet))]
        add_documents(self.rows, self.rng, self.today, reviewers, self._interaction)


def _person(
    pid: int,
    given: str,
    family: str,
    circle: Circle | None,
    note: str,
    added: datetime,
    *,
    is_me: bool = False,
    how: str = "",
    birthday: tuple[int | None, int, int] | None = None,
) -> Row:
    year, month, day = birthday if birthday else (None, None, None)
    return {
        "id": pid,
        "given_name": given,
        "family_name": family,
        "full_name": f"{given} {family}",
        "note": note,
        "circle": circle.value if circle else None,
        "how_we_met": how,
        "met_on": None,
        "cadence_days": None,
        "snoozed_until": None,
        "birthday_year": year,
        "birthday_month": month,
        "birthday_day": day,
        "is_me": is_me,
        "source": "demo",
        "vcard_uid": None,
        "created_at": added,
        "updated_at": added,
    }


def _relationship(a: int, b: int, kind: str, strength: int, since: date) -> Row:
    return {
        "a_id": a,
        "b_id": b,
        "kind": kind,
        "strength": strength,
        "introduced_by_id": None,
        "since": since,
        "note": "",
    }
