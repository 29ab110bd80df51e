from datetime import date

import pytest

from desktop_app.domain.dates import (
    ImplausibleDateError,
    question_interaction_dates,
    question_snooze,
    question_told_on,
)

TODAY = date(2026, 6, 15)


def test_plausible_dates_raise_no_question() -> None:
    assert question_interaction_dates(TODAY, date(2026, 7, 1), TODAY) == []
    assert question_interaction_dates(date(2025, 1, 3), None, TODAY) == []


def test_future_and_long_past_interactions_are_questioned() -> None:
    (future,) = question_interaction_dates(date(2027, 6, 15), None, TODAY)
    assert "future" in future
    (past,) = question_interaction_dates(date(2006, 6, 15), None, TODAY)
    assert "10 years" in past


def test_follow_up_before_the_interaction_or_years_away_is_questioned() -> None:
    (before,) = question_interaction_dates(TODAY, date(2026, 6, 1), TODAY)
    assert "before the interaction" in before
    (far,) = question_interaction_dates(TODAY, date(2036, 6, 1), TODAY)
    assert "2 years" in far


def test_dates_before_1900_are_refused_outright() -> None:
    with pytest.raises(ImplausibleDateError):
        question_interaction_dates(date(1026, 6, 15), None, TODAY)


def test_snoozes_must_end_in_the_future_and_long_ones_are_questioned() -> None:
    with pytest.raises(ImplausibleDateError):
        question_snooze(TODAY, TODAY)
    assert question_snooze(date(2026, 7, 1), TODAY) == []
    assert question_snooze(date(2028, 1, 1), TODAY)


def test_told_on_in_the_future_is_questioned() -> None:
    assert question_told_on(date(2026, 6, 1), TODAY) == []
    assert question_told_on(date(2026, 7, 1), TODAY)


def test_leap_day_today_does_not_break_the_year_arithmetic() -> None:
    assert question_interaction_dates(date(2024, 2, 29), None, date(2024, 2, 29)) == []
