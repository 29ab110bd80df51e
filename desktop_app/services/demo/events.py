"""The demo's groups, events (past and upcoming), people met at them, informational
interviews at every stage, and which document version each conversation heard."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.events import InterviewOutcome, InterviewStage

Row = dict[str, Any]
LogInteraction = Callable[..., int]

GROUPS = (
    ("PyData Berlin", "Meetup group", "https://example.org/pydata-berlin", True),
    ("Women in Product", "Professional association", "https://example.org/wip", True),
    ("University Alumni Network", "Alumni network", "", True),
    ("Data Engineering Discord", "Online community", "https://example.org/de-discord", False),
)
# Conversations that carry my pitch: the ones whose heard version is remembered.
HEARD_KINDS = {
    InteractionKind.COFFEE.value,
    InteractionKind.CALL.value,
    InteractionKind.MEETING.value,
    InteractionKind.MEETUP.value,
    InteractionKind.INFORMATIONAL_INTERVIEW.value,
    InteractionKind.FEEDBACK.value,
}
LEARN = (
    "product management in health tech",
    "moving from analytics into product",
    "how platform teams are run",
    "data leadership",
    "hiring for data roles",
    "research careers outside academia",
    "consulting for public health",
)


def add_events(
    tables: dict[str, list[Row]], rng: random.Random, today: date, log: LogInteraction
) -> dict[str, list[Row]]:
    """Add the rows to `tables` (as `demo.DemoRows` holds them); returns the tables in an
    order the foreign keys accept (groups and events before interactions)."""
    people = [p["id"] for p in tables.get("people", []) if not p.get("is_me")]
    if len(people) >= 12:
        _Events(tables, rng, today, log, people).build()
    for row in tables.get("interactions", []):
        row.setdefault("event_id", None)
    _record_heard_versions(tables, today)
    first = ("people", "organizations", "groups", "events")
    ordered = {name: tables[name] for name in first if name in tables}
    return ordered | {name: rows for name, rows in tables.items() if name not in ordered}


class _Events:
    def __init__(
        self,
        tables: dict[str, list[Row]],
        rng: random.Random,
        today: date,
        log: LogInteraction,
        people: list[int],
    ) -> None:
        self.tables, self.rng, self.today, self.log = tables, rng, today, log
        last: dict[int, date] = {}
        days = {i["id"]: i["occurred_on"] for i in tables.get("interactions", [])}
        for p in tables.get("interaction_participants", []):
            last[p["person_id"]] = max(
                last.get(p["person_id"], date.min), days[p["interaction_id"]]
            )
        # People met at a recent event or asked for an interview: nobody whose later chat
        # would quietly settle the follow-up the demo wants to show.
        quiet = [pid for pid in people if last.get(pid, date.min) < today - timedelta(days=45)]
        self.pool = quiet if len(quiet) >= 16 else list(people)
        rng.shuffle(self.pool)
        self.everyone = people

    def _take(self, count: int) -> list[int]:
        taken, self.pool = self.pool[:count], self.pool[count:]
        return taken

    def _take_one_at_a_goal(self) -> list[int]:
        """Someone who works at a goal's organisation, so the prep sheet has one to name."""
        goal_orgs = {g["organization_id"] for g in self.tables.get("goal_organizations", [])}
        inside = {
            e["person_id"]
            for e in self.tables.get("employment", [])
            if e.get("current") and e["organization_id"] in goal_orgs
        }
        for pid in self.pool:
            if pid in inside:
                self.pool.remove(pid)
                return [pid]
        return self._take(1)

    def _add(self, table: str, row: Row) -> int:
        rows = self.tables.setdefault(table, [])
        if "id" not in row:
            row = {"id": len(rows) + 1, **row}
        rows.append(row)
        return int(row["id"])

    def build(self) -> None:
        group_ids = [
            self._add(
                "groups",
                {"name": name, "kind": kind, "url": url, "note": "", "i_am_member": member},
            )
            for name, kind, url, member in GROUPS
        ]
        for group_id in group_ids:
            for pid in self.rng.sample(self.everyone, min(6, len(self.everyone))):
                since = self.today - timedelta(days=self.rng.randint(60, 900))
                self._add(
                    "group_members",
                    {"group_id": group_id, "person_id": pid, "since": since, "until": None},
                )
        pydata, product = group_ids[0], group_ids[1]
        self._past_event(
            "PyData Berlin — November meetup", 5, pydata, "Factory Görlitzer Park", 4, 2
        )
        self._past_event("Product leaders lunch", 40, product, "Café Einstein", 2, 2)
        self._upcoming("PyData Berlin — December meetup", 3, pydata, "Factory Görlitzer Park", 3)
        self._upcoming("Data + Health conference", 12, None, "bcc Berlin", 2, hours=8)
        self._interviews()

    def _event(
        self, title: str, start: datetime, hours: float, group: int | None, place: str
    ) -> int:
        return self._add(
            "events",
            {
                "title": title,
                "starts_at": start,
                "ends_at": start + timedelta(hours=hours),
                "place": place,
                "group_id": group,
                "notes": "",
            },
        )

    def _past_event(
        self, title: str, days_ago: int, group: int | None, place: str, met: int, done: int
    ) -> None:
        day = self.today - timedelta(days=days_ago)
        event_id = self._event(title, datetime.combine(day, time(19, 0)), 2.5, group, place)
        for index, pid in enumerate(self._take(met)):
            self._add("event_people", {"event_id": event_id, "person_id": pid, "role": "met"})
            iid = self.log(InteractionKind.MEETUP, Direction.MUTUAL, [pid], day, f"Met at {title}")
            row = self.tables["interactions"][-1]
            assert row["id"] == iid
            row["event_id"] = event_id
            row["follow_up_on"] = day + timedelta(days=2)
            row["follow_up_done"] = index < done

    def _upcoming(
        self,
        title: str,
        days_ahead: int,
        group: int | None,
        place: str,
        going: int,
        hours: float = 2.5,
    ) -> None:
        day = self.today + timedelta(days=days_ahead)
        start = datetime.combine(day, time(9 if hours > 4 else 19, 0))
        event_id = self._event(title, start, hours, group, place)
        for pid in self._take_one_at_a_goal() + self._take(going - 1):
            self._add("event_people", {"event_id": event_id, "person_id": pid, "role": "going"})

    def _interviews(self) -> None:
        stages = [*InterviewStage, InterviewStage.FOLLOWED_UP]
        outcomes = {5: InterviewOutcome.REFERRAL.value, 6: InterviewOutcome.NOTHING.value}
        for index, (stage, pid) in enumerate(zip(stages, self._take(len(stages)), strict=False)):
            # Each stage's date: the later the stage, the further back the idea.
            back = (2, 15, 20, 13, 30, 60, 75)[index]
            dates: dict[InterviewStage, date | None] = dict.fromkeys(InterviewStage)
            day = self.today - timedelta(days=back)
            for step in InterviewStage:
                if step.rank > stage.rank:
                    break
                dates[step] = day
                day += timedelta(days=(5, 7, 0, 1, 14, 0)[step.rank])
            if stage is InterviewStage.SCHEDULED:
                dates[stage] = self.today + timedelta(days=4)
            interaction_id = None
            held = dates[InterviewStage.HELD]
            if held is not None:
                learn_note = "Informational interview"
                interaction_id = self.log(
                    InteractionKind.INFORMATIONAL_INTERVIEW,
                    Direction.ASKED,
                    [pid],
                    held,
                    learn_note,
                )
            thanked = dates[InterviewStage.THANKED]
            if thanked is not None:
                self.log(InteractionKind.MESSAGE, Direction.GAVE, [pid], thanked, "Thank you note")
            self._add(
                "informational_interviews",
                {
                    "person_id": pid,
                    "stage": stage.value,
                    "learn": LEARN[index % len(LEARN)],
                    "note": "",
                    "idea_on": dates[InterviewStage.IDEA],
                    "asked_on": dates[InterviewStage.ASKED],
                    "scheduled_for": dates[InterviewStage.SCHEDULED],
                    "held_on": held,
                    "thanked_on": thanked,
                    "followed_up_on": dates[InterviewStage.FOLLOWED_UP],
                    "outcome": outcomes.get(index, ""),
                    "interaction_id": interaction_id,
                },
            )


def _record_heard_versions(tables: dict[str, list[Row]], today: date) -> None:
    """For conversations of the last 180 days, the version of each document then current."""
    versions: dict[int, list[tuple[date, int]]] = {}
    for v in tables.get("document_versions", []):
        created = v["created_at"]
        day = created.date() if isinstance(created, datetime) else created
        versions.setdefault(v["document_id"], []).append((day, v["id"]))
    if not versions:
        return
    since = today - timedelta(days=180)
    for row in tables.get("interactions", []):
        if row["kind"] not in HEARD_KINDS or not since <= row["occurred_on"] <= today:
            continue
        for history in versions.values():
            current = [vid for day, vid in sorted(history) if day <= row["occurred_on"]]
            if current:
                tables.setdefault("interaction_document_versions", []).append(
                    {"interaction_id": row["id"], "version_id": current[-1]}
                )
