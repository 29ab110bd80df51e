"""Dates that look like typing slips are questioned before they are stored.

Each function returns the questions to put to the user (empty when the dates look
plausible); the caller asks, and stores only what the user confirmed.
"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain.errors import RuleError

EARLIEST_PLAUSIBLE = date(1900, 1, 1)
PAST_YEARS_QUESTIONED = 10
FUTURE_FOLLOW_UP_YEARS = 2


class ImplausibleDateError(RuleError):
    """A date that no confirmation can make right (before 1900, a snooze in the past…)."""


class UnconfirmedDateError(RuleError):
    """Dates that need the user's confirmation; `questions` says why, one line each."""

    def __init__(self, questions: list[str]) -> None:
        super().__init__(" ".join(questions))
        self.questions = questions


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _years_after(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


def check_not_ancient(value: date, what: str) -> None:
    if value < EARLIEST_PLAUSIBLE:
        raise ImplausibleDateError(f"{what} {value.isoformat()} is before 1900.")


def question_interaction_dates(
    occurred_on: date, follow_up_on: date | None, today: date
) -> list[str]:
    """Questions about an interaction's date and its follow-up date."""
    check_not_ancient(occurred_on, "The interaction date")
    questions: list[str] = []
    if occurred_on > today + timedelta(days=1):
        questions.append(
            f"The interaction date {occurred_on.isoformat()} is in the future; "
            "log it once it has happened, or set a follow-up date instead."
        )
    elif occurred_on < _years_before(today, PAST_YEARS_QUESTIONED):
        questions.append(
            f"The interaction date {occurred_on.isoformat()} is more than "
            f"{PAST_YEARS_QUESTIONED} years ago."
        )
    if follow_up_on is not None:
        check_not_ancient(follow_up_on, "The follow-up date")
        if follow_up_on < occurred_on:
            questions.append(
                f"The follow-up date {follow_up_on.isoformat()} is before the interaction."
            )
        elif follow_up_on > _years_after(today, FUTURE_FOLLOW_UP_YEARS):
            questions.append(
                f"The follow-up date {follow_up_on.isoformat()} is more than "
                f"{FUTURE_FOLLOW_UP_YEARS} years away."
            )
    return questions


def question_snooze(until: date, today: date) -> list[str]:
    """A snooze must end after today; one longer than a year is questioned."""
    if until <= today:
        raise ImplausibleDateError(f"A snooze until {until.isoformat()} has already ended.")
    if until > _years_after(today, 1):
        return [f"Snooze until {until.isoformat()}, more than a year from now?"]
    return []


def question_told_on(told_on: date, today: date) -> list[str]:
    """When someone was told about a goal: not in the future, not decades ago."""
    check_not_ancient(told_on, "The date")
    if told_on > today:
        return [f"The date {told_on.isoformat()} is in the future."]
    if told_on < _years_before(today, PAST_YEARS_QUESTIONED):
        return [f"The date {told_on.isoformat()} is more than {PAST_YEARS_QUESTIONED} years ago."]
    return []
