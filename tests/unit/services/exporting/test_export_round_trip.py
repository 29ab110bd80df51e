"""Any stored contact, exported and imported into a fresh database, comes back the same.

Property-based (hypothesis): every text field draws from arbitrary Unicode with newlines,
commas, semicolons, backslashes, colons, quotes and formula starters mixed in. The contact
is stored through the real service, exported (vCard 4.0, vCard 3.0, CSV) and imported
with the real pipeline. `tests/fuzz_harness.py` holds the strategy and the comparison, and
`tools/reliability_report.py` runs it longer.
"""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.services.contacts import ContactsService
from desktop_app.services.exporting.contacts_export import export_contacts, export_to_file
from desktop_app.services.exporting.csv_writer import guard
from desktop_app.services.importing.csv_reader import unguard
from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage.database import open_database
from tests.fuzz_harness import round_trip_difference, stored_people

# Each example stores, exports and imports through two real databases (~0.5 s): the report
# tool sets `TRELLIS_ROUND_TRIP_EXAMPLES` for longer runs.
EXAMPLES = int(os.environ.get("TRELLIS_ROUND_TRIP_EXAMPLES", "40"))
ROUND_TRIP = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize="TRELLIS_ROUND_TRIP_EXAMPLES" not in os.environ,
)


@pytest.mark.parametrize("fmt", ["vcf", "vcf3"])
@ROUND_TRIP
@given(people=stored_people(max_people=3))
def test_any_contacts_survive_a_vcard_round_trip(
    tmp_path_factory: pytest.TempPathFactory, fmt: str, people: list[NewPerson]
) -> None:
    assert round_trip_difference(tmp_path_factory.mktemp("rt"), people, fmt) is None


@ROUND_TRIP
@given(people=stored_people(max_people=1))
def test_any_contact_survives_a_csv_round_trip(
    tmp_path_factory: pytest.TempPathFactory, people: list[NewPerson]
) -> None:
    assert round_trip_difference(tmp_path_factory.mktemp("rt"), people, "csv") is None


@ROUND_TRIP
@given(cell=st.text())
def test_the_formula_guard_is_taken_off_exactly(cell: str) -> None:
    assert unguard(guard(cell)) == cell
    assert not guard(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


# -- a web address that tries to end its card --------------------------------------------

FORGED = "https://example.com/\nEND:VCARD\nBEGIN:VCARD\nFN:Mallory\nEMAIL:m@evil.test"


@pytest.mark.parametrize("fmt", ["vcf", "vcf3"])
def test_a_stored_url_with_line_breaks_cannot_forge_a_card(tmp_path: Path, fmt: str) -> None:
    with open_database(tmp_path / "a.db", backups=False) as db:
        ContactsService(db).create(
            NewPerson(
                PersonFields(full_name="Alice"),
                emails=(LabeledValue("alice@example.com"),),
                urls=(LabeledValue(FORGED, "blog"),),
            )
        )
        text = io.StringIO()
        export_contacts(db, fmt, text)
        out = tmp_path / "out.vcf"
        export_to_file(db, fmt, out)
    assert text.getvalue().split("\r\n").count("BEGIN:VCARD") == 1
    assert "https://example.com/%0AEND:VCARD%0ABEGIN:VCARD%0AFN:Mallory%0AEMAIL:m@evil.test" in (
        text.getvalue().replace("\r\n ", "")
    )
    with open_database(tmp_path / "b.db", backups=False) as copy:
        report = run_import(copy, [out])
        assert report.added == 1
        names = [r[0] for r in copy.fast_connection().execute("SELECT full_name FROM people")]
    assert names == ["Alice"]


def test_an_imported_vcard_url_with_an_escaped_line_break_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    card = tmp_path / "in.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice\r\n"
        b"URL:https://example.com/\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Mallory\r\n"
        b"URL:https://alice.example\r\nEND:VCARD\r\n"
    )
    with open_database(tmp_path / "a.db", backups=False) as db:
        report = run_import(db, [card])
        assert report.added == 1
        assert list(report.warnings) == [
            "in.vcf: line 4: the web address holds a line break or control character "
            "and was left out"
        ]
        urls = [r[0] for r in db.fast_connection().execute("SELECT value FROM urls")]
    assert urls == ["https://alice.example"]


def test_an_imported_csv_web_page_with_a_line_break_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    table = tmp_path / "in.csv"
    table.write_text(
        "First Name,Last Name,E-mail Address,Web Page\r\n"
        "Ann,Lee,ann@example.com,https://ann.example\r\n"
        'Bob,Ray,bob@example.com,"https://x.example/\nEND:VCARD"\r\n',
        encoding="utf-8",
    )
    with open_database(tmp_path / "a.db", backups=False) as db:
        report = run_import(db, [table])
        assert report.added == 2
        assert list(report.warnings) == [
            "in.csv: line 3: the web address holds a line break or control character "
            "and was left out"
        ]
        urls = [r[0] for r in db.fast_connection().execute("SELECT value FROM urls")]
    assert urls == ["https://ann.example"]


# -- CSV formula injection -----------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded_and_come_back(
    tmp_path: Path,
) -> None:
    person = NewPerson(
        PersonFields(full_name='=HYPERLINK("http://evil","x")', note="-2+3\n@SUM(A1)"),
        phones=(LabeledValue("+44 20 7946 0958"),),
        emails=(LabeledValue("@handle@example.com"),),
        tags=("'=already quoted",),
    )
    with open_database(tmp_path / "a.db", backups=False) as db:
        ContactsService(db).create(person)
        out = tmp_path / "out.csv"
        export_to_file(db, "csv", out)
    row = out.read_bytes().decode("utf-8").split("\r\n")[1]
    assert row.startswith('"\'=HYPERLINK(""http://evil"",""x"")",')
    assert ",'+44 20 7946 0958," in row
    assert ",'@handle@example.com," in row
    assert '"\'-2+3\n@SUM(A1)"' in row
    assert ",''=already quoted," in row
    assert round_trip_difference(tmp_path / "rt", [person], "csv") is None
