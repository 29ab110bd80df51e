"""Keep-in-touch rules: when is someone next due for a check-in?"""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle


def cadence_for(
    circle: Circle | None,
    override_days: int | None,
    per_circle: dict[Circle, int] | None = None,
) -> int | None:
    """Days between check-ins: the person's override, else their circle's rhythm."""
    if override_days:
        return override_days
    if circle is None:
        return None
    return (per_circle or DEFAULT_CADENCE_DAYS).get(circle)


def next_check_in(
    last_contact: date | None,
    added_on: date,
    cadence_days: int | None,
    follow_up: date | None = None,
    snoozed_until: date | None = None,
) -> date | None:
    """The earliest of the cadence date and a pending follow-up, pushed past any snooze.

    Someone never contacted is due one cadence after they were added.
    """
    candidates: list[date] = []
    if cadence_days:
        candidates.append((last_contact or added_on) + timedelta(days=cadence_days))
    if follow_up is not None:
        candidates.append(follow_up)
    if not candidates:
        return None
    due = min(candidates)
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due
