"""The import writer's direct people rows hold what the ORM-shaped rows hold."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import Birthday, NewPerson, PersonFields
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
