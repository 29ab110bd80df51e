"""Merging an incoming card into a person: every distinct value is kept, nothing is lost.

What the user typed wins over a file (the stored name stays); empty stored fields are
filled; lists are united; a new current job makes the previous current ones past jobs,
and a new title at the same organisation updates that job (re-importing updates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from desktop_app.domain.values import EmploymentRecord, LabeledValue, NewPerson
from desktop_app.services.importing.normalize import (
    normalize_email,
    normalize_org_name,
    normalize_phone,
)
from desktop_app.storage.stored_keys import StoredSummary

T = TypeVar("T")


def merge_people(existing: NewPerson, incoming: NewPerson, has_photo: bool = False) -> NewPerson:
    """`existing` with what `incoming` adds; equal to `existing` when it adds nothing."""
    old, new = existing.fields, incoming.fields
    fields = replace(
        old,
        full_name=old.full_name or new.full_name,
        given_name=old.given_name or new.given_name,
        family_name=old.family_name or new.family_name,
        note=_merged_note(old.note, new.note),
        met_on=old.met_on or new.met_on,
        birthday=old.birthday or new.birthday,
    )
    photo_missing = not has_photo and existing.photo is None
    return replace(
        existing,
        fields=fields,
        emails=_union(existing.emails, incoming.emails, normalize_email),
        phones=_union(existing.phones, incoming.phones, lambda v: normalize_phone(v) or v),
        urls=_union(existing.urls, incoming.urls, str),
        addresses=existing.addresses
        + tuple(a for a in _unique(incoming.addresses) if a not in existing.addresses),
        tags=existing.tags + tuple(t for t in _unique(incoming.tags) if t not in existing.tags),
        employment=_merged_jobs(existing.employment, incoming.employment),
        photo=incoming.photo if photo_missing and incoming.photo else existing.photo,
        photo_mime=incoming.photo_mime if photo_missing and incoming.photo else existing.photo_mime,
        vcard_uid=existing.vcard_uid or incoming.vcard_uid,
    )


def _merged_note(old: str, new: str) -> str:
    if not new or new in old:
        return old
    if not old or old in new:
        return new
    return f"{old}\n\n{new}"


def _union(
    old: tuple[LabeledValue, ...], new: tuple[LabeledValue, ...], key: Callable[[str], str]
) -> tuple[LabeledValue, ...]:
    seen = {key(v.value) for v in old}
    added: list[LabeledValue] = []
    for value in new:
        k = key(value.value)
        if k not in seen:
            seen.add(k)
            added.append(value)
    return old + tuple(added)


def _unique(values: tuple[T, ...]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))


def _merged_jobs(
    old: tuple[EmploymentRecord, ...], new: tuple[EmploymentRecord, ...]
) -> tuple[EmploymentRecord, ...]:
    jobs = list(old)
    for job in new:
        key = normalize_org_name(job.organization)
        same = [i for i, j in enumerate(jobs) if normalize_org_name(j.organization) == key]
        if same:
            index = same[-1]
            held = jobs[index]
            title = job.title or held.title
            current = held.current or job.current
            if job.current and not held.current:
                jobs = [replace(j, current=False) if j.current else j for j in jobs]
            if (title, current) != (held.title, held.current):
                jobs[index] = replace(held, title=title, current=current)
            continue
        if job.current:
            jobs = [replace(j, current=False) if j.current else j for j in jobs]
        jobs.append(job)
    return tuple(jobs)


def adds_nothing(stored: StoredSummary, incoming: NewPerson) -> bool:
    """True when `merge_people` would leave the stored person exactly as it is.

    Mirrors `merge_people` rule by rule, on a cheap summary of the stored person.
    """
    new = incoming.fields
    if (new.given_name and not stored.given_name) or (new.family_name and not stored.family_name):
        return False
    if new.note and new.note not in stored.note:
        return False
    if (new.met_on and not stored.has_met_on) or (new.birthday and not stored.has_birthday):
        return False
    if (incoming.vcard_uid and not stored.vcard_uid) or (incoming.photo and not stored.has_photo):
        return False
    if any(normalize_email(e.value) not in stored.emails for e in incoming.emails):
        return False
    if any((normalize_phone(p.value) or p.value) not in stored.phones for p in incoming.phones):
        return False
    if any(u.value not in stored.urls for u in incoming.urls):
        return False
    if any(t not in stored.tags for t in incoming.tags):
        return False
    for a in incoming.addresses:
        if (a.label, a.street, a.locality, a.region, a.postal_code, a.country) not in (
            stored.addresses
        ):
            return False
    for job in incoming.employment:
        held = stored.jobs.get(normalize_org_name(job.organization))
        if held is None or job.title not in ("", held[0]) or (job.current and not held[1]):
            return False
    return True
