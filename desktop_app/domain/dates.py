"""Dates that look like typing slips are questioned before they are stored, and dates
written as text by address-book exporters are read (`parse_date_text`).

Each `question_*` function returns the questions to put to the user (empty when the dates
look plausible); the caller asks, and stores only what the user confirmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


# --- Dates written as text by address-book exporters ---------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})([-/.]?)(\d{1,2})\2(\d{1,2})(?:[T ].*)?")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?:[T ,].*)?")
_WORDS = re.compile(r"[^\W_]+")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
# CardBook writes 1604 for "no year"; 0000 is other exporters' way of saying it.
_NO_YEAR_MARKS = (0, 1604)
_BLANK_DATES = frozenset(
    {"0/0/00", "0/0/0000", "00/00/0000", "00/00/00", "0000-00-00", "00.00.0000"}
)


@dataclass(frozen=True, slots=True)
class TextDate:
    """A calendar day read from text; `year` is None for a yearly date written without one.

    `guessed_order` is True when the text was day/month or month/day either way (both
    numbers 12 or less) and nothing said which: it was read month first, as US exporters
    write it.
    """

    month: int
    day: int
    year: int | None
    guessed_order: bool = False

    def as_date(self) -> date | None:
        """The date, or None when it has no year."""
        return None if self.year is None else date(self.year, self.month, self.day)


def says_no_date(text: str) -> bool:
    """True for an empty cell and the placeholders exporters write there (Outlook's 0/0/00)."""
    return not text.strip() or text.strip().split(" ")[0] in _BLANK_DATES


def numeric_day_first(text: str) -> bool | None:
    """What a numeric date proves about its file's order: True when it can only be
    day/month (`20/01/1991`), False when only month/day (`1/20/1991`), else None."""
    found = _NUMERIC.fullmatch(text.strip())
    if found is None or found.group(2) == ".":
        return None
    first, second = int(found.group(1)), int(found.group(3))
    if first > 12 >= second:
        return True
    if second > 12 >= first:
        return False
    return None


def parse_date_text(
    text: str, day_first: bool | None = None, today: date | None = None
) -> TextDate | None:
    """A date as exporters write it, or None when it cannot be read as one.

    ISO (`1991-01-20`, `19910120`, `1991/01/20`, with a time or not), no year (`--01-20`,
    `--0120`), numeric (`1/20/1991`, `20/01/1991`, `20.01.1991`, two-digit years) and
    English month names (`Jan 20, 1991`, `20 January 1991`, `20-Jan-91`, `January 20th`).
    A numeric date that reads both ways follows `day_first`; when that is None too it is
    read month first and marked `guessed_order`. Dots always mean day first.
    """
    text = text.strip()
    if not text:
        return None
    if found := _NO_YEAR.fullmatch(text):
        return _text_date(None, int(found.group(1)), int(found.group(2)))
    if (found := _ISO.fullmatch(text)) and (found.group(2) or len(text.split("T")[0]) == 8):
        year = int(found.group(1))
        year_or_none = None if year in _NO_YEAR_MARKS else year
        return _text_date(year_or_none, int(found.group(3)), int(found.group(4)))
    if found := _NUMERIC.fullmatch(text):
        first, second = int(found.group(1)), int(found.group(3))
        year = _full_year(found.group(4), today)
        proven = numeric_day_first(text)
        if found.group(2) == ".":
            proven = True
        order = proven if proven is not None else day_first
        guessed = order is None and first != second
        if order:
            first, second = second, first
        parsed = _text_date(year, first, second)
        if parsed is not None and guessed:
            return TextDate(parsed.month, parsed.day, parsed.year, guessed_order=True)
        return parsed
    return _named_month(text, today)


def _named_month(text: str, today: date | None) -> TextDate | None:
    """`Jan 20, 1991`, `20 January 1991`, `20-Jan-91`, `January 20th`, `20 Jan`."""
    words = _WORDS.findall(text.casefold())
    months = [i for i, word in enumerate(words) if word in _MONTHS]
    if len(months) != 1 or not 2 <= len(words) <= 3:
        return None
    where = months[0]
    month = _MONTHS[words[where]]
    rest = words[:where] + words[where + 1 :]
    if len(rest) == 2 and len(rest[0]) == 4 and rest[0].isdecimal():  # 1991 Jan 20
        year_text, day_text = rest
    else:
        day_text, year_text = rest[0], rest[1] if len(rest) == 2 else ""
    day = _ORDINAL.fullmatch(day_text)
    if day is None or (year_text and not (year_text.isdecimal() and len(year_text) in (2, 4))):
        return None
    year = _full_year(year_text, today) if year_text else None
    return _text_date(year, month, int(day.group(1)))


def _full_year(digits: str, today: date | None) -> int:
    """A two-digit year is the latest one not after this year (`91` is 1991, `05` 2005)."""
    year = int(digits)
    if len(digits) > 2:
        return year
    this_year = (today or date.today()).year
    year += this_year - this_year % 100
    return year - 100 if year > this_year else year


def _text_date(year: int | None, month: int, day: int) -> TextDate | None:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: a yearly 29 February is real
    except ValueError:
        return None
    return TextDate(month, day, year)
