"""Dates written as text by exporters: `domain.dates.parse_date_text`."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.dates import TextDate, numeric_day_first, parse_date_text, says_no_date

TODAY = date(2026, 12, 7)


def test_two_digit_years_are_the_latest_not_after_this_year() -> None:
    assert parse_date_text("1/20/91", today=TODAY) == TextDate(1, 20, 1991)
    assert parse_date_text("20.01.05", today=TODAY) == TextDate(1, 20, 2005)
    assert parse_date_text("20-Jan-26", today=TODAY) == TextDate(1, 20, 2026)
    assert parse_date_text("20-Jan-27", today=TODAY) == TextDate(1, 20, 1927)


def test_a_yearly_date_and_the_no_year_marks() -> None:
    assert parse_date_text("--02-29") == TextDate(2, 29, None)
    assert parse_date_text("1604-02-29") == TextDate(2, 29, None)  # CardBook's "no year"
    assert parse_date_text("February 29th") == TextDate(2, 29, None)
    assert parse_date_text("2/29/1991") is None  # not a leap year


def test_only_a_day_above_twelve_proves_the_order() -> None:
    assert numeric_day_first("20/01/1991") is True
    assert numeric_day_first("1/20/1991") is False
    assert numeric_day_first("03/04/1990") is None
    assert numeric_day_first("20.01.1991") is None  # dots say nothing about slashes
    guessed = parse_date_text("03/04/1990")
    assert guessed == TextDate(3, 4, 1990, guessed_order=True)
    assert parse_date_text("03/04/1990", day_first=True) == TextDate(4, 3, 1990)
    assert parse_date_text("04/04/1990") == TextDate(4, 4, 1990)  # the same either way


def test_empty_cells_and_placeholders_are_no_date() -> None:
    assert all(says_no_date(t) for t in ("", "  ", "0/0/00", "0/0/0000", "0000-00-00"))
    assert not says_no_date("1/1/2000")
    assert parse_date_text("Mayday 20") is None
    assert parse_date_text("20 Jan Feb 1991") is None
