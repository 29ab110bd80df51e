"""Spans of days in words, the way people say them: "every 6 months", "overdue by 7 days",
"2 weeks ago" — never "every 182 days".

Pure functions (no locale, no clock): the window and the commands both print them.
Under two weeks a span is counted in days; under two months in weeks (four weeks and a
few days are "1 month"); under two years in months (12 months is "1 year"); beyond that
in years. A rhythm of whole weeks under four is said in weeks ("every week").
"""

from __future__ import annotations

DAYS_PER_MONTH = 365.25 / 12


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def span(days: int) -> str:
    """`days` (≥ 0) in the largest unit that still says it fairly: "3 days", "2 weeks",
    "6 months", "1 year", "18 months", "3 years"."""
    days = abs(days)
    if days < 14:
        return _count(days, "day")
    if 28 <= days <= 31:
        return "1 month"
    if days < 60:
        return _count(round(days / 7), "week")
    months = round(days / DAYS_PER_MONTH)
    if months < 24 and (months < 12 or months % 12):
        return _count(months, "month")
    return _count(round(days / 365.25), "year")


def every(days: int) -> str:
    """A rhythm: "every day", "every week", "every 2 weeks", "every 6 months", "every year"."""
    if days <= 0:
        return "no rhythm"
    if days % 7 == 0 and days < 28:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    words = span(days)
    return f"every {words[2:]}" if words.startswith("1 ") else f"every {words}"


def ago(days: int) -> str:
    """How long ago: "today", "yesterday", "5 days ago", "2 weeks ago" (a future day:
    `from_now`)."""
    if days < 0:
        return from_now(-days)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{span(days)} ago"


def from_now(days: int) -> str:
    """How far ahead: "today", "tomorrow", "in 5 days", "in 3 months"."""
    if days < 0:
        return ago(-days)
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {span(days)}"


def overdue_by(days: int) -> str:
    """ "overdue by 7 days", "overdue by 3 months"; "due today" for 0."""
    return "due today" if days <= 0 else f"overdue by {span(days)}"
