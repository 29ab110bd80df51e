"""Dates as the user's system writes them (QLocale), in one format everywhere.

Every view, table, panel and dialog that shows a date calls `format_date`; spans of days
are words from `domain.durations`. The locale's short format is used with a four-digit
year ("07/12/2026", "12/7/2026", "07.12.2026", "2026-12-07"), so a date is never
ambiguous about its century and always reads the way the desktop's clock does.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

_YEAR = re.compile(r"y+")


def date_pattern(locale: QLocale | None = None) -> str:
    """The locale's short date pattern with a four-digit year; ISO 8601 for the C
    locale (no language set: scripts, CI), whose own pattern ("d M yy") reads as nothing."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return _YEAR.sub("yyyy", pattern)


def day_month_pattern(locale: QLocale | None = None) -> str:
    """The same pattern without its year (a birthday whose year is unknown)."""
    pattern = date_pattern(locale)
    if pattern.startswith("y"):
        return re.sub(r"^y+[^dM]*", "", pattern)
    return re.sub(r"[^dM]*y+", "", pattern)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    """`value` in the user's date format; "" for None."""
    if value is None:
        return ""
    locale = locale or QLocale()
    return locale.toString(_qdate(value), date_pattern(locale))


def format_day_month(value: date, locale: QLocale | None = None) -> str:
    """Day and month only, in the user's order ("7/12", "12/7", "07.12")."""
    locale = locale or QLocale()
    return locale.toString(_qdate(value), day_month_pattern(locale))


def time_pattern(locale: QLocale | None = None) -> str:
    """The user's short time format (24-hour in the C locale)."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "HH:mm"
    return locale.timeFormat(QLocale.FormatType.ShortFormat)


def date_time_pattern(locale: QLocale | None = None) -> str:
    """The user's date pattern, then their short time format: what every date-and-time
    field displays."""
    locale = locale or QLocale()
    return f"{date_pattern(locale)} {time_pattern(locale)}"


def format_time(value: time, locale: QLocale | None = None) -> str:
    """A time of day (an event's end) as the user writes one: "21:00", "9:00 PM"."""
    locale = locale or QLocale()
    return locale.toString(QTime(value.hour, value.minute), time_pattern(locale))


def format_date_time(value: datetime, locale: QLocale | None = None) -> str:
    """A moment (a backup's time, an event's start): the user's date, then their time."""
    locale = locale or QLocale()
    moment = QDateTime(_qdate(value.date()), QTime(value.hour, value.minute))
    return locale.toString(moment, date_time_pattern(locale))
