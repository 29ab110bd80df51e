"""vCard 4.0/3.0 and CSV export; a vCard export read into an empty database is the same."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services.exporting.contacts_export import export_contacts, export_to_file
from desktop_app.services.exporting.vcard_writer import card_lines, fold
from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.person_loader import iter_people, read_connection
from tests.conftest import CORPUS

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "contacts"


def contents(db: Database) -> list[NewPerson]:
    """Everyone's values, without what a round trip may legitimately change: ids, the
    order of jobs (the current one is written first), the source."""
    connection = read_connection(db.path)
    try:
        people = [
            replace(
                p,
                vcard_uid="",
                source="",
                employment=tuple(
                    sorted(
                        (replace(j, id=None, organization_id=None) for j in p.employment), key=repr
                    )
                ),
            )
            for _, p in iter_people(connection)
        ]
    finally:
        connection.close()
    return sorted(people, key=repr)


def filled(db: Database) -> Database:
    sources = [FIXTURES]
    if CORPUS.is_dir():
        sources.append(CORPUS)
    report = run_import(db, sources)
    assert report.added > (20 if CORPUS.is_dir() else 10)  # our fixtures alone hold 14
    return db


@pytest.mark.parametrize("fmt", ["vcf", "vcf3"])
def test_vcard_export_read_into_an_empty_database_gives_the_same_contacts(
    db: Database, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"all.{fmt}"
    count = export_to_file(filled(db), fmt, out)
    assert count == len(contents(db))
    with open_database(tmp_path / "copy.db") as copy:
        report = run_import(copy, [out])
        assert list(report.rejected) == []
        assert report.added == count
        assert contents(copy) == contents(db)


def test_folding_never_splits_a_character() -> None:
    line = "NOTE:" + "é" * 100
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert "".join(p.removeprefix(" ") for p in physical) == line


def test_escapes_and_labels(db: Database) -> None:
    run_import(db, [FIXTURES / "v30-escapes-groups.vcf"])
    text = io.StringIO()
    export_contacts(db, "vcf", text)
    card = text.getvalue()
    assert "FN:Doe\\, John\r\n" in card
    assert "ORG:Example\\, Inc.\r\n" in card
    assert "TEL;TYPE=cell:+1 415 555 0100\r\n" in card
    assert "item2.X-ABLabel:LinkedIn\r\n" in card
    assert "BDAY:--0229\r\n" in card
    assert "FN:<b>Bold</b> <script>alert(1)</script>\r\n" in card


def test_csv_export_reads_back_with_the_same_people(db: Database, tmp_path: Path) -> None:
    run_import(db, [FIXTURES / "linkedin-connections.csv", FIXTURES / "google-contacts.csv"])
    out = tmp_path / "all.csv"
    assert export_to_file(db, "csv", out) == 3
    with open_database(tmp_path / "copy.db") as copy:
        run_import(copy, [out])
        names = sorted(p.fields.full_name for p in contents(copy))
        met = {p.fields.full_name: p.fields.met_on for p in contents(copy)}
    assert names == ["Ada Lovelace", "Alan Turing", "Linus Torvalds"]
    assert str(met["Ada Lovelace"]) == "2023-03-14"


def test_an_unknown_format_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_contacts(db, "xml", io.StringIO())
    with pytest.raises(ValueError, match="cannot be written"):
        list(card_lines(NewPerson(PersonFields(full_name="A")), "2.1"))
