"""The demo network's sounding board: documents with versions, checklists, feedback rounds
and mock interviews, so the Pitch & resume view is never empty in the sample.

Called by `services.demo` with its rows, its random generator and the people who can
review; deterministic like the rest of the demo.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from desktop_app.domain.documents import mock_interaction_note
from desktop_app.domain.enums import Direction, InteractionKind, Verdict
from desktop_app.services import document_resources

Row = dict[str, Any]


class LogInteraction(Protocol):
    """Adds an interaction to the demo's rows and returns its id."""

    def __call__(
        self,
        kind: InteractionKind,
        direction: Direction,
        people: list[int],
        occurred: date | None = None,
        note: str | None = None,
    ) -> int: ...


class Rows(Protocol):
    tables: dict[str, list[Row]]

    def add(self, table: str, row: Row) -> None: ...


PITCH_DRAFTS = (
    "Hi, I'm Alex. I'm basically a data analyst at a a regional hospital network, and I "
    "really love turning messy clinical data into dashboards that nurses and managers "
    "actually use every single day to plan their shifts and their budgets and their "
    "staffing and honestly pretty much everything else they need to run the wards  well. "
    "I'm looking to move into product management in health tech",
    "I'm Alex, a data analyst at a regional hospital network. I turn messy clinical data "
    "into dashboards that 400 nurses use to plan their shifts.\n"
    "I want to move into product management in health tech, where I can shape the tools "
    "themselves. Who do you know who builds software for hospitals?",
    "I'm Alex, a data analyst at a regional hospital network. My dashboards cut overtime "
    "by 12% because 400 nurses now plan their shifts with them.\n"
    "Next, I want to build those tools as a product manager in health tech. Who do you know "
    "who builds software for hospitals?",
)
BRAND = (
    "I turn hospital data into decisions that nurses trust, and I want to build the "
    "products that make that easy."
)
RESUME = (
    "Alex Rivera\nData Analyst\n\n"
    "Regional Health Network, 2021–present\n"
    "- Built shift-planning dashboards used by 400 nurses; overtime down 12%\n"
    "- Led the migration of 30 reports from spreadsheets to a shared warehouse\n"
    "- Trained 25 managers to read and question their own data\n\n"
    "City Clinic, 2018–2021\n"
    "- Automated the monthly quality report, saving 3 days a month\n"
)
COVER = (
    "Dear hiring team,\n\n"
    "I have spent five years making hospital data useful to the people on the wards. "
    "I would like to bring that to your product team, where the tools themselves are made.\n\n"
    "Kind regards,\nAlex Rivera"
)
ROUND_COMMENTS = (
    "Much warmer than the first draft. The number makes it stick; end on the question.",
    "Clear and short. I'd lead with the nurses, not the job title.",
    "Good bones. You forgot the warehouse migration, which is your best project!",
)
CRITERION_COMMENTS = ("", "", "Yes.", "Almost there.", "Say it out loud and time it.", "")


def add_documents(
    rows: Rows,
    rng: random.Random,
    today: date,
    reviewers: Sequence[int],
    log_interaction: LogInteraction,
) -> None:
    """Add the sample documents, their feedback and a few mock interviews to `rows`."""
    names = {p["id"]: p["full_name"] for p in rows.tables.get("people", [])}
    builder = _Builder(
        rows, rng, today, [r for r in reviewers if r in names], names, log_interaction
    )
    builder.document("pitch", "Elevator pitch", PITCH_DRAFTS, met=3, rounds=2, thanked=False)
    builder.document("brand", "Brand statement", (BRAND,), met=2, rounds=1, thanked=True)
    builder.document("resume", "Resume — product roles", (RESUME,), met=1, rounds=1, thanked=True)
    builder.document("cover", "Cover letter — Northwind Health", (COVER,), met=0, rounds=0)
    builder.mock_interviews()


class _Builder:
    def __init__(
        self,
        rows: Rows,
        rng: random.Random,
        today: date,
        reviewers: list[int],
        names: dict[int, str],
        log_interaction: LogInteraction,
    ) -> None:
        self.rows, self.rng, self.today = rows, rng, today
        self.log_interaction = log_interaction
        self.reviewers, self.names = reviewers, names
        self.ids: dict[str, int] = {}
        self._used_reviewers: set[int] = set()

    def _fresh_reviewers(self, count: int) -> list[int]:
        """Reviewers not used for another document while there are any: one person's
        thank-you for one document must not silently settle another's."""
        unused = [r for r in self.reviewers if r not in self._used_reviewers]
        pool = unused if len(unused) >= count else self.reviewers
        chosen = self.rng.sample(pool, min(count, len(pool)))
        self._used_reviewers.update(chosen)
        return chosen

    def _next(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def _at(self, days_ago: int) -> datetime:
        return datetime.combine(self.today - timedelta(days=days_ago), time(9, 30))

    def document(
        self,
        kind: str,
        title: str,
        drafts: Sequence[str],
        *,
        met: int,
        rounds: int,
        thanked: bool = False,
    ) -> None:
        document_id = self._next("documents")
        start = 70
        self.rows.add(
            "documents",
            {"id": document_id, "kind": kind, "title": title, "created_at": self._at(start)},
        )
        version_ids = []
        for number, body in enumerate(drafts, start=1):
            version_id = self._next("document_versions")
            version_ids.append(version_id)
            self.rows.add(
                "document_versions",
                {
                    "id": version_id,
                    "document_id": document_id,
                    "number": number,
                    "created_at": self._at(start - 20 * (number - 1)),
                    "body": body,
                    "note": ("First draft", "After the first feedback", "Timed: 28 seconds")[
                        number - 1
                    ],
                },
            )
        item_ids = []
        for position, criterion in enumerate(document_resources.default_checklist(kind)):
            item_id = self._next("checklist_items")
            item_ids.append(item_id)
            self.rows.add(
                "checklist_items",
                {
                    "id": item_id,
                    "document_id": document_id,
                    "position": position,
                    "criterion": criterion,
                    "met": position < met,
                },
            )
        chosen = self._fresh_reviewers(rounds)
        for index, reviewer in enumerate(chosen):
            received = index == 0
            self._round(document_id, version_ids[-1], reviewer, item_ids, received, thanked)

    def _round(
        self,
        document_id: int,
        version_id: int,
        reviewer: int,
        item_ids: list[int],
        received: bool,
        thanked: bool,
    ) -> None:
        rng = self.rng
        asked_on = self.today - timedelta(days=rng.randint(12, 20))
        received_on = asked_on + timedelta(days=rng.randint(2, 6)) if received else None
        # Like feedback_repository: the request until the feedback arrives, then the feedback.
        interaction = self.log_interaction(
            InteractionKind.FEEDBACK if received_on else InteractionKind.MESSAGE,
            Direction.ASKED,
            [reviewer],
            received_on or asked_on,
        )
        round_id = self._next("feedback_rounds")
        self.rows.add(
            "feedback_rounds",
            {
                "id": round_id,
                "document_id": document_id,
                "version_id": version_id,
                "reviewer_id": reviewer,
                "reviewer_name": self.names[reviewer],
                "asked_on": asked_on,
                "received_on": received_on,
                "verdict": rng.choice((Verdict.PARTLY, Verdict.MET)).value if received else "",
                "comment": rng.choice(ROUND_COMMENTS) if received else "",
                "interaction_id": interaction,
            },
        )
        if received_on is None:
            return
        for item_id in item_ids:
            self.rows.add(
                "criterion_feedback",
                {
                    "id": self._next("criterion_feedback"),
                    "round_id": round_id,
                    "item_id": item_id,
                    "verdict": rng.choice(
                        (Verdict.MET, Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET)
                    ).value,
                    "comment": rng.choice(CRITERION_COMMENTS),
                },
            )
        if thanked:
            self.log_interaction(
                InteractionKind.MESSAGE, Direction.GAVE, [reviewer], received_on + timedelta(days=1)
            )

    def mock_interviews(self) -> None:
        questions = [q for c in document_resources.question_bank() for q in c.questions]
        for index, days_ago in enumerate((84, 56, 35, 14, 5)):
            interviewer = self.reviewers[index % len(self.reviewers)] if self.reviewers else None
            interview_id = self._next("mock_interviews")
            held_on = self.today - timedelta(days=days_ago)
            note = ("Nervous start", "Better pacing", "", "Strong close", "")[index]
            interaction = None
            if interviewer is not None:  # like feedback.add_mock_interview: an 'asked' favour
                interaction = self.log_interaction(
                    InteractionKind.MOCK_INTERVIEW,
                    Direction.ASKED,
                    [interviewer],
                    held_on,
                    mock_interaction_note(note),
                )
            self.rows.add(
                "mock_interviews",
                {
                    "id": interview_id,
                    "interviewer_id": interviewer,
                    "interviewer_name": self.names.get(interviewer, "A friend")
                    if interviewer is not None
                    else "A friend",
                    "held_on": held_on,
                    "note": note,
                    "interaction_id": interaction,
                },
            )
            for position, question in enumerate(self.rng.sample(questions, 4)):
                rating = max(1, min(5, 2 + index // 2 + self.rng.choice((-1, 0, 0, 1))))
                self.rows.add(
                    "mock_answers",
                    {
                        "id": self._next("mock_answers"),
                        "interview_id": interview_id,
                        "position": position,
                        "question": question,
                        "notes": self.rng.choice(("", "Too long", "Good example", "Add a number")),
                        "rating": rating,
                    },
                )
