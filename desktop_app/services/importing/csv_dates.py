"""The dates of a CSV address book: birthdays and "met on" days, in the file's own layout.

Exporters write dates the way the exporting computer's locale does: `1/20/1991` (US),
`20/01/1991` (most of the world), `20.01.1991` (German), `1991-01-20` (Google), `Jan 20,
1991` (LinkedIn). A date such as `03/04/1990` reads both ways; the file decides: the first
date in it that only reads one way (a day above 12), else the exporter's locale as far as
the file shows it (a `;` separator is what Excel and Outlook write in the locales that put
the day first), else month first, as US exporters write, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop_app.domain.dates import TextDate, numeric_day_first, parse_date_text, says_no_date
from desktop_app.domain.values import Birthday


class CsvDates:
    """Reads the date cells of one file; `warnings` collects what could not be read."""

    def __init__(self, scan: Callable[[], bool | None], locale_day_first: bool | None) -> None:
        self._scan = scan  # the order proven by the file's dates, read when first needed
        self._scanned = False
        self._locale_day_first = locale_day_first
        self._guess_told = False
        self.day_first: bool | None = None
        self.warnings: list[str] = []

    def birthday(self, text: str, line: int, what: str = "birthday") -> Birthday | None:
        found = self._read(text, line, what)
        return None if found is None else Birthday(found.month, found.day, found.year)

    def day(self, text: str, line: int, what: str) -> date | None:
        """A date with its year (a `met on` day); one without a year is left out, saying so."""
        found = self._read(text, line, what)
        if found is None:
            return None
        if found.year is None:
            self.warnings.append(
                f"line {line}: the {what} {text.strip()!r} has no year and was left out"
            )
        return found.as_date()

    def _read(self, text: str, line: int, what: str) -> TextDate | None:
        if says_no_date(text):
            return None
        text = text.strip()
        if self.day_first is None:
            self.day_first = numeric_day_first(text)
        found = parse_date_text(text, self.day_first)
        if found is not None and found.guessed_order:
            found = self._ordered(text, found, line, what)
        if found is None:
            self.warnings.append(
                f"line {line}: the {what} {text!r} is not a date that can be read "
                "(such as 1991-01-20, 20/01/1991 or Jan 20, 1991); it was left out"
            )
        return found

    def _ordered(self, text: str, guessed: TextDate, line: int, what: str) -> TextDate | None:
        """A date that reads both ways, in the order the file or its locale shows."""
        if not self._scanned:
            self._scanned = True
            self.day_first = self._scan()
        order = self.day_first if self.day_first is not None else self._locale_day_first
        if order is not None:
            return parse_date_text(text, order)
        if not self._guess_told:
            self._guess_told = True
            self.warnings.append(
                f"line {line}: the {what} {text!r} reads as day/month or month/day, and no "
                "date in the file tells which; it and the dates like it were read month "
                f"first ({date(2000, guessed.month, guessed.day):%B} {guessed.day})"
            )
        return guessed
