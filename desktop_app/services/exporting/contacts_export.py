"""Exporting every contact to a vCard or CSV file, streamed a batch of people at a time."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from desktop_app.domain.values import NewPerson
from desktop_app.services.exporting.csv_writer import write_csv
from desktop_app.services.exporting.vcard_writer import write_vcards
from desktop_app.storage.database import Database
from desktop_app.storage.person_loader import iter_people

# Format name → (description, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "vcf": ("vCard 4.0", ".vcf"),
    "vcf3": ("vCard 3.0", ".vcf"),
    "csv": ("CSV (Google Contacts layout)", ".csv"),
}


def export_contacts(
    db: Database, fmt: str, out: TextIO, progress: Callable[[int], None] | None = None
) -> int:
    """Write every contact (me included) to `out` in `fmt`; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    connection = db.new_reader()
    try:
        people: Iterator[NewPerson] = (
            _with_uid(db, pid, person) for pid, person in iter_people(connection)
        )
        if progress is not None:
            people = _counting(people, progress)
        if fmt == "csv":
            return write_csv(people, out)
        return write_vcards(people, out, "3.0" if fmt == "vcf3" else "4.0")
    finally:
        connection.close()


def export_to_file(
    db: Database, fmt: str, path: Path, progress: Callable[[int], None] | None = None
) -> int:
    """Like `export_contacts`, into `path`, replaced only once the file is complete."""
    handle, temporary = tempfile.mkstemp(prefix=".trellis-export-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = export_contacts(db, fmt, out, progress)
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename: a power cut leaves old or new
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _counting(people: Iterator[NewPerson], progress: Callable[[int], None]) -> Iterator[NewPerson]:
    for count, person in enumerate(people, 1):
        yield person
        if count % 200 == 0:
            progress(count)


def _with_uid(db: Database, person_id: int, person: NewPerson) -> NewPerson:
    """Every exported card carries a UID, stable for this database and person, so that
    reading the file back keeps apart people who share a phone or an email."""
    if person.vcard_uid:
        return person
    uid = uuid.uuid5(uuid.NAMESPACE_URL, f"trellis:{db.path}#{person_id}")
    return replace(person, vcard_uid=f"urn:uuid:{uid}")
