"""Spans of days in words: what the window and the commands print."""

from __future__ import annotations

import pytest

from desktop_app.domain import durations


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "every day"),
        (3, "every 3 days"),
        (7, "every week"),
        (14, "every 2 weeks"),
        (21, "every 3 weeks"),
        (30, "every month"),
        (45, "every 6 weeks"),
        (90, "every 3 months"),
        (182, "every 6 months"),
        (365, "every year"),
        (540, "every 18 months"),
        (730, "every 2 years"),
    ],
)
def test_rhythms_read_as_people_say_them(days: int, words: str) -> None:
    assert durations.every(days) == words


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "today"),
        (1, "yesterday"),
        (5, "5 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (20, "3 weeks ago"),
        (75, "2 months ago"),
        (400, "13 months ago"),
        (1100, "3 years ago"),
    ],
)
def test_how_long_ago(days: int, words: str) -> None:
    assert durations.ago(days) == words


def test_overdue_and_ahead() -> None:
    assert durations.overdue_by(7) == "overdue by 7 days"
    assert durations.overdue_by(1) == "overdue by 1 day"
    assert durations.overdue_by(0) == "due today"
    assert durations.overdue_by(200) == "overdue by 7 months"
    assert durations.from_now(1) == "tomorrow"
    assert durations.from_now(3) == "in 3 days"
    assert durations.from_now(-3) == "3 days ago"
    assert durations.ago(-2) == "in 2 days"


def test_no_span_is_ever_said_in_hundreds_of_days() -> None:
    for days in range(5000):
        for text in (durations.every(days), durations.ago(days), durations.overdue_by(days)):
            number = next((int(w) for w in text.split() if w.isdigit()), 0)
            assert number < 60, text
