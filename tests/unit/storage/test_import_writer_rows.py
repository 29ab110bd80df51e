"""The import writer's direct people rows hold what the ORM-shaped rows hold."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import Birthday, NewPerson, PersonFields
from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database
from desktop_app.storage.import_writer import (
    _identity,
    _new_person_values,
    _person_row,
    _sql_value,
)


def test_the_direct_values_follow_the_row_columns() -> None:
    fields = PersonFields(
        given_name="Ada",
        family_name="Lovelace",
        full_name="Ada Lovelace",
        note="Met at the Society",
        met_on=date(2020, 1, 2),
        birthday=Birthday(12, 10, 1815),
        circle=next(iter(Circle)),
        how_we_met="a letter",
        cadence_days=30,
    )
    for person in (NewPerson(fields, source="vcard", vcard_uid="u1"), NewPerson(PersonFields())):
        row = _person_row(7, person.fields) | _identity(person, "2026-01-01 10:00:00.000000")
        assert _new_person_values(7, person, "2026-01-01 10:00:00.000000") == tuple(
            map(_sql_value, row.values())
        )


def test_the_writer_takes_the_import_connection_or_a_sessions(db: Database) -> None:
    """The import writes on plain sqlite3 (`raw_transaction`); work inside an ORM session
    (a sync's bulk insert) hands it the session's connection: the same rows either way."""
    from desktop_app.domain.values import LabeledValue
    from desktop_app.storage.import_writer import ImportWriter

    ada = NewPerson(PersonFields(full_name="Ada"), phones=(LabeledValue("(212) 555-0101"),))
    with db.raw_transaction() as conn:
        plain = ImportWriter(conn)
        plain.insert_people([(plain.allocate_id(), ada)])
    with db.transaction() as session:
        orm = ImportWriter(session.connection())
        orm.insert_people([(orm.allocate_id(), ada)])
    rows = db.fast_connection().execute(
        "SELECT p.id, p.full_name, ph.value, ph.normalized FROM people p "
        "JOIN phones ph ON ph.person_id = p.id ORDER BY p.id"
    )
    assert [row[1:] for row in rows] == [("Ada", "(212) 555-0101", "+12125550101")] * 2


def test_values_merged_into_a_person_come_after_the_ones_stored(
    db: Database, tmp_path: Path
) -> None:
    """The second import's card is the first file's Bo again, with one more email, phone,
    web address and address: they come after Bo's own, in order, and every person's own
    values are numbered from 0 (positions were once counted across a whole import, so Bo's
    started after Ana's and a merged email could sort before them)."""
    first = tmp_path / "first.vcf"
    first.write_text(
        _card("ana", "Ana Lima", "ana@one.example", "ana@two.example")
        + _card("bo", "Bo Chen", "bo@one.example", "bo@two.example"),
        newline="",
    )
    again = tmp_path / "again.vcf"
    again.write_text(
        _card("bo", "Bo Chen", "bo@one.example", "bo@three.example", extra=True), newline=""
    )
    assert run_import(db, [first]).added == 2
    run_import(db, [again])
    with sqlite3.connect(db.path) as conn:
        bo = conn.execute("SELECT id FROM people WHERE full_name = 'Bo Chen'").fetchone()[0]
        positions = {
            table: conn.execute(
                f"SELECT position FROM {table} WHERE person_id = ? ORDER BY position, id", (bo,)
            ).fetchall()
            for table in ("emails", "phones", "urls", "addresses")
        }
    with db.transaction() as session:
        (stored,) = sync_state.stored_people(session, [bo]).values()
    assert [e.value for e in stored.emails] == [
        "bo@one.example",
        "bo@two.example",
        "bo@three.example",
    ]
    assert [p.value for p in stored.phones] == ["+1 212 555 0100", "+1 212 555 0199"]
    assert [u.value for u in stored.urls] == ["https://bo.example", "https://bo.example/more"]
    assert [a.street for a in stored.addresses] == ["1 First St", "2 Second St"]
    assert positions == {
        "emails": [(0,), (1,), (2,)],
        "phones": [(0,), (1,)],
        "urls": [(0,), (1,)],
        "addresses": [(0,), (1,)],
    }


def _card(uid: str, name: str, *emails: str, extra: bool = False) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{name}"]
    lines += [f"EMAIL;TYPE=work:{email}" for email in emails]
    lines += ["TEL;TYPE=cell:+1 212 555 0100", f"URL:https://{uid}.example"]
    lines += ["ADR;TYPE=home:;;1 First St;Springfield;;;"]
    if extra:
        lines += ["TEL;TYPE=work:+1 212 555 0199", f"URL:https://{uid}.example/more"]
        lines += ["ADR;TYPE=work:;;2 Second St;Springfield;;;"]
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"
