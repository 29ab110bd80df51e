"""After a history import, the people I talked to who are not contacts can still be found
and added; whoever becomes a contact leaves the list; a second import doubles no count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.contacts import ContactsService
from desktop_app.services.history.not_contacts import add_people, people_not_in_contacts
from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage.database import Database
from tests.history_files import ics_text, linkedin_zip, mbox_text


def _files(tmp_path: Path) -> list[Path]:
    export = linkedin_zip(tmp_path / "export.zip")
    mail = tmp_path / "mail.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ics_text(date.today()), encoding="utf-8", newline="")
    return [export, mail, calendar]


def _keys(people: list) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return [(p.name, p.email or p.profile_url, p.count) for p in people]


def test_the_import_keeps_them_and_adding_one_takes_them_off(db: Database, tmp_path: Path) -> None:
    report = run_import(db, _files(tmp_path), history=True)
    assert report.history.unmatched  # the generated files have people who are not contacts
    later = people_not_in_contacts(db)
    assert _keys(later) == _keys(report.history.unmatched)

    run_import(db, _files(tmp_path), history=True)  # the same export again
    assert _keys(people_not_in_contacts(db)) == _keys(later)

    first = later[0]
    ids, change = add_people(db, [first])
    assert change.people_added == frozenset(ids)
    detail = ContactsService(db).detail(ids[0])
    assert detail.fields.full_name == (first.name or first.email or first.profile_url)
    assert _keys(people_not_in_contacts(db)) == _keys(later[1:])


def test_a_dry_run_keeps_nobody(db: Database, tmp_path: Path) -> None:
    run_import(db, _files(tmp_path), history=True, dry_run=True)
    assert people_not_in_contacts(db) == []
