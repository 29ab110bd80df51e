"""Undoing an import: new people go, merged people are as they were; redo is exact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.services import relationships
from desktop_app.services.contacts import ContactsService
from desktop_app.services.importing import undo
from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.undo import ImportJournal, redo_import, undo_import
from desktop_app.storage.database import Database

TABLES = ("people", "emails", "phones", "employment", "person_tags", "relationships")


def rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables an import touches. A timestamp put back through SQLAlchemy
    reads '… 19:50:34.000000' where SQLite wrote '… 19:50:34': the same instant."""

    def same_instant(value: object) -> object:
        return value.removesuffix(".000000") if isinstance(value, str) else value

    with sqlite3.connect(db.path) as conn:
        return {
            t: sorted(
                (tuple(map(same_instant, r)) for r in conn.execute(f"SELECT * FROM {t}")),
                key=repr,
            )
            for t in TABLES
        }


def write_cards(path: Path) -> Path:
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Byron\nEMAIL:ada@example.org\n"
        "TEL:+44 20 7946 0001\nORG:Analytical Engines\nEND:VCARD\n"
        + "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nFN:New Person {i}\nEMAIL:n{i}@example.org\n"
            f"CATEGORIES:imported\nEND:VCARD\n"
            for i in range(5)
        ),
        encoding="utf-8",
    )
    return path


def test_undo_takes_an_import_back_and_redo_puts_it_back(db: Database, tmp_path: Path) -> None:
    contacts = ContactsService(db)
    ada, _ = contacts.create(
        NewPerson(PersonFields(full_name="Ada Byron"), emails=(LabeledValue("ada@example.org"),))
    )
    bob, _ = contacts.create(NewPerson(PersonFields(full_name="Bob")))
    relationships.add_relationship(db, ada, bob, "mentor", 4)
    before = rows(db)

    journal = ImportJournal()
    report = run_import(db, [write_cards(tmp_path / "in.vcf")], journal=journal)
    assert (report.added, report.merged) == (5, 1)
    assert journal.undoable and len(journal.added) == 5 and set(journal.before) == {ada}
    after = rows(db)
    assert after != before  # Ada gained a phone and a job; five people arrived

    redo, change = undo_import(db, journal)
    assert rows(db) == before  # ties included: the merged person came back whole
    assert change.people_removed == frozenset(journal.added)
    assert change.people_changed == {ada}
    redo_import(db, journal, redo)
    assert rows(db) == after
    undo_import(db, journal)
    assert rows(db) == before


def test_past_the_limit_an_import_is_not_undoable(
    db: Database, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(undo, "UNDO_LIMIT", 3)
    journal = ImportJournal()
    run_import(db, [write_cards(tmp_path / "in.vcf")], journal=journal)
    assert not journal.undoable  # 6 new people: the backup before the import is the way back
    again = ImportJournal()
    run_import(db, [write_cards(tmp_path / "in.vcf")], journal=again)  # all already there
    assert not again.undoable  # nothing changed: nothing to undo


def test_a_preview_keeps_no_journal(db: Database, tmp_path: Path) -> None:
    journal = ImportJournal()
    run_import(db, [write_cards(tmp_path / "in.vcf")], dry_run=True, journal=journal)
    assert not journal.undoable and journal.before == {}
