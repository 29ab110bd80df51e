"""The sync engine against a vdir folder (one .vcf per contact): both ways, merges,
conflicts, deletions, unknown properties kept, Trellis-only fields never written."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.services.contacts import ContactsService
from desktop_app.services.sync import run
from desktop_app.services.sync.engine import TooManyDeletionsError
from desktop_app.storage.database import Database

PHONE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bo-1\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\n"
    "EMAIL;TYPE=work:bo@example.org\r\nX-PHONE-RINGTONE:marimba\r\n"
    "item1.X-ABDATE:2020-01-01\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\nEND:VCARD\r\n"
)


def add(db: Database, name: str, **fields: object) -> int:
    person = NewPerson(
        fields=PersonFields(full_name=name, **fields),  # type: ignore[arg-type]
        emails=(LabeledValue(f"{name.split()[0].lower()}@example.org", "work"),),
    )
    return ContactsService(db).create(person)[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "vdir"
    path.mkdir()
    return path


def people(db: Database) -> dict[str, int]:
    rows = db.fast_connection().execute("SELECT full_name, id FROM people WHERE is_me = 0")
    return dict(rows)


def test_first_sync_goes_both_ways_and_keeps_private_fields_home(
    db: Database, folder: Path
) -> None:
    add(db, "Ana Lima", circle=Circle.INNER, how_we_met="at PyCon, secretly", cadence_days=14)
    (folder / "bo.vcf").write_text(PHONE_CARD, newline="")
    report = run.sync_vdir(db, folder)
    assert (report.pulled, report.pushed, report.conflicts) == (1, 1, 0)
    assert set(people(db)) == {"Ana Lima", "Bo Chen"}
    (ana_file,) = [p for p in folder.iterdir() if p.name != "bo.vcf"]
    text = ana_file.read_text()
    assert "FN:Ana Lima" in text and "ana@example.org" in text
    assert "PyCon" not in text and "CADENCE" not in text.upper()
    assert "inner" not in text.lower() and "X-TRELLIS" not in text
    again = run.sync_vdir(db, folder)
    assert (again.pulled, again.pushed, again.deleted_local, again.deleted_remote) == (0, 0, 0, 0)


def test_edits_on_each_side_merge_field_by_field_and_unknown_properties_stay(
    db: Database, folder: Path
) -> None:
    (folder / "bo.vcf").write_text(PHONE_CARD, newline="")
    run.sync_vdir(db, folder)
    bo = people(db)["Bo Chen"]
    service = ContactsService(db)
    fields = service.detail(bo).fields
    service.edit(bo, PersonFields(**{**_fields(fields), "note": "met in Lisbon"}))
    (folder / "bo.vcf").write_text(
        PHONE_CARD.replace("EMAIL;TYPE=work:bo@example.org", "EMAIL;TYPE=work:bo@new.example"),
        newline="",
    )
    report = run.sync_vdir(db, folder)
    assert (report.pulled, report.pushed, report.conflicts) == (1, 1, 0)
    assert [e.value for e in service.detail(bo).emails] == ["bo@new.example"]
    text = (folder / "bo.vcf").read_text()
    assert "NOTE:met in Lisbon" in text and "bo@new.example" in text
    assert "UID:bo-1" in text and "X-PHONE-RINGTONE:marimba" in text
    assert "X-ABDATE:2020-01-01" in text and "Anniversary" in text


def _fields(fields: PersonFields) -> dict[str, object]:
    return {name: getattr(fields, name) for name in PersonFields.__slots__}


def test_the_same_field_changed_on_both_sides_is_a_conflict_and_nothing_is_overwritten(
    db: Database, folder: Path
) -> None:
    (folder / "bo.vcf").write_text(PHONE_CARD, newline="")
    run.sync_vdir(db, folder)
    bo = people(db)["Bo Chen"]
    service = ContactsService(db)
    fields = service.detail(bo).fields
    service.edit(bo, PersonFields(**{**_fields(fields), "note": "ours"}))
    theirs = PHONE_CARD.replace("END:VCARD", "NOTE:theirs\r\nEND:VCARD")
    (folder / "bo.vcf").write_text(theirs, newline="")
    report = run.sync_vdir(db, folder)
    assert report.conflicts == 1 and report.pushed == 0 and report.pulled == 0
    assert service.detail(bo).fields.note == "ours"
    assert (folder / "bo.vcf").read_bytes() == theirs.encode()
    (conflict,) = run.conflicts(db)
    assert conflict.fields == ("note",) and conflict.person_id == bo
    assert run.sync_vdir(db, folder).conflicts == 1  # still waiting for the user


def test_deletions_on_each_side(db: Database, folder: Path) -> None:
    add(db, "Ana Lima")
    (folder / "bo.vcf").write_text(PHONE_CARD, newline="")
    run.sync_vdir(db, folder)
    (ana_file,) = [p for p in folder.iterdir() if p.name != "bo.vcf"]
    ana_file.unlink()
    ContactsService(db).delete([people(db)["Bo Chen"]])
    report = run.sync_vdir(db, folder)
    assert (report.deleted_local, report.deleted_remote) == (1, 1)
    assert people(db) == {} and list(folder.iterdir()) == []


def test_more_than_a_few_deletions_wait_for_confirmation(db: Database, folder: Path) -> None:
    for name in ("A One", "B Two", "C Three", "D Four", "E Five", "F Six"):
        add(db, name)
    run.sync_vdir(db, folder)
    for path in folder.iterdir():
        path.unlink()
    with pytest.raises(TooManyDeletionsError, match="6 contact"):
        run.sync_vdir(db, folder)
    assert len(people(db)) == 6
    assert run.sync_vdir(db, folder, dry_run=True, confirm_deletions=True).deleted_local == 6
    assert len(people(db)) == 6
    assert run.sync_vdir(db, folder, confirm_deletions=True).deleted_local == 6
    assert people(db) == {}


@pytest.mark.parametrize("keep", ["local", "remote"])
def test_a_decided_conflict_goes_to_both_sides_at_the_next_sync(
    db: Database, folder: Path, keep: str
) -> None:
    from desktop_app.services.sync.conflicts import resolve_all

    (folder / "bo.vcf").write_text(PHONE_CARD, newline="")
    run.sync_vdir(db, folder)
    bo = people(db)["Bo Chen"]
    service = ContactsService(db)
    fields = service.detail(bo).fields
    service.edit(bo, PersonFields(**{**_fields(fields), "note": "ours"}))
    theirs = PHONE_CARD.replace("END:VCARD", "NOTE:theirs\r\nTITLE:Chef\r\nEND:VCARD")
    theirs = theirs.replace("FN:Bo Chen", "FN:Bo Chen\r\nORG:Casa Bo")
    (folder / "bo.vcf").write_text(theirs, newline="")
    assert run.sync_vdir(db, folder).conflicts == 1
    resolve_all(db, keep)
    assert run.conflicts(db) == []
    report = run.sync_vdir(db, folder)
    assert report.conflicts == 0
    expected = "ours" if keep == "local" else "theirs"
    assert service.detail(bo).fields.note == expected
    text = (folder / "bo.vcf").read_text()
    assert f"NOTE:{expected}" in text
    assert "ORG:Casa Bo" in text and "X-PHONE-RINGTONE:marimba" in text
    assert service.detail(bo).employment[0].organization == "Casa Bo"  # their other change
    assert (report.pushed, report.pulled) == ((1, 0) if keep == "local" else (0, 0))
