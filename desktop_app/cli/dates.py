"""Argument types and output shared by the sub-commands that look at dates."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta

# A hundred years ahead is further than anyone plans a check-in; beyond it dates overflow.
MAX_DAYS = 36500


def print_out(text: str, *, exact: bool = False) -> None:
    """Print to stdout; a reader that went away (`| head`) is not an error.

    `exact` writes UTF-8 bytes untouched by newline translation (CRLF formats).
    """
    try:
        if exact:
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def non_negative_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from error
    if value < 0:
        raise argparse.ArgumentTypeError(f"days cannot be negative: {value}")
    if value > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"at most {MAX_DAYS} days (100 years): {value}")
    return value


def horizon_problem(today: date, days: int) -> str | None:
    """Why `today` plus `days` (and the day after, an event's end) is not a date, or None."""
    try:
        today + timedelta(days=days + 1)
    except OverflowError:
        return f"{today.isoformat()} plus {days} days is past the last date, 9999-12-31"
    return None
