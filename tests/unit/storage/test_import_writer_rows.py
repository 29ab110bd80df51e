"""The import writer's direct people rows hold what the ORM-shaped rows hold."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import Birthday, NewPerson, PersonFields
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
