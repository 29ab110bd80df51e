"""CSV files with only e-mail or phone columns, and the date layouts exporters write."""

from __future__ import annotations

import csv
import io

import pytest

from desktop_app.domain.values import Birthday, NewPerson
from desktop_app.services.importing.csv_reader import CsvReader

# The header of Outlook's "Export to a file > Comma Separated Values" (Outlook 2010 to
# Microsoft 365, English), in its order: 92 columns.
OUTLOOK_HEADER = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
    "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone",
    "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
    "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
    "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address",
    "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type",
    "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name",
    "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage",
    "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority",
    "Private", "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2",
    "User 3", "User 4", "Web Page",
]  # fmt: skip
# What Outlook writes in a row's empty fields.
OUTLOOK_FILLERS = {
    "Anniversary": "0/0/00",
    "Birthday": "0/0/00",
    "Gender": "Unspecified",
    "Priority": "Normal",
    "Private": "False",
    "Sensitivity": "Normal",
}


def outlook_csv(rows: list[dict[str, str]], header: list[str] = OUTLOOK_HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        values = OUTLOOK_FILLERS | row
        writer.writerow([values.get(name, "") if name in header else "" for name in header])
    return out.getvalue().encode("utf-8")


def read(data: bytes) -> tuple[CsvReader, list[tuple[int, NewPerson | str]]]:
    reader = CsvReader(io.BytesIO(data))
    return reader, list(reader)


def people(found: list[tuple[int, NewPerson | str]]) -> list[NewPerson]:
    assert all(isinstance(p, NewPerson) for _, p in found), found
    return [p for _, p in found if isinstance(p, NewPerson)]


EMAIL_ROWS = [
    {
        "E-mail Address": "ada.lovelace@example.com",
        "E-mail Type": "SMTP",
        "E-mail Display Name": "ada.lovelace@example.com",
        "E-mail 2 Address": "ada@engines.example",
        "E-mail 2 Type": "SMTP",
        "E-mail 3 Address": "countess@example.org",
    },
    {"E-mail Address": "alan@example.com", "E-mail Type": "SMTP"},
]


@pytest.mark.parametrize(
    "header",
    [
        ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"],
        [n for n in OUTLOOK_HEADER if n.startswith("E-mail")],
        OUTLOOK_HEADER,
    ],
    ids=["three-email-columns", "outlook-email-block", "full-outlook-header"],
)
def test_an_outlook_csv_with_only_email_addresses_imports_every_address(
    header: list[str],
) -> None:
    reader, found = read(outlook_csv(EMAIL_ROWS, header))
    assert reader.plan is not None
    assert reader.plan.source == "outlook"
    ada, alan = people(found)
    assert [e.value for e in ada.emails] == [
        "ada.lovelace@example.com",
        "ada@engines.example",
        "countess@example.org",
    ]
    assert ada.fields.full_name == "Ada Lovelace"  # named from the e-mail, as vCards are
    assert [e.value for e in alan.emails] == ["alan@example.com"]
    assert alan.fields.full_name == "Alan"
    assert reader.warnings == ()


def test_a_csv_with_only_phone_columns_is_a_contact_file() -> None:
    data = b"Mobile Phone,Home Phone\r\n+44 20 7946 0958,\r\n,(212) 555-0142\r\n"
    reader, found = read(data)
    assert reader.plan is not None
    first, second = people(found)
    assert [p.value for p in first.phones] == ["+44 20 7946 0958"]
    assert first.fields.full_name == "+44 20 7946 0958"
    assert second.phones[0].label == "home"


def test_a_csv_of_other_things_is_still_no_contact_file() -> None:
    reader, found = read(b"alpha,beta,gamma\r\n1,2,3\r\n")
    assert reader.plan is None
    assert found == []


def birthdays(data: bytes) -> tuple[list[Birthday | None], tuple[str, ...]]:
    reader = CsvReader(io.BytesIO(data))
    found: list[Birthday | None] = []
    warnings: list[str] = []
    for _line, person in reader:
        assert isinstance(person, NewPerson)
        found.append(person.fields.birthday)
        warnings.extend(reader.warnings)
    return found, tuple(warnings)


def birthday_csv(*values: str, delimiter: str = ",") -> bytes:
    header = delimiter.join(("First Name", "Last Name", "E-mail Address", "Birthday"))
    rows = [
        delimiter.join((f"P{i}", "Doe", f"p{i}@example.com", f'"{v}"'))
        for i, v in enumerate(values)
    ]
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


@pytest.mark.parametrize(
    "text",
    [
        "1991-01-20",
        "19910120",
        "1/20/1991",
        "01/20/1991",
        "20/01/1991",
        "20.01.1991",
        "Jan 20, 1991",
        "January 20, 1991",
        "20 January 1991",
        "20-Jan-1991",
        "1/20/1991 12:00:00 AM",
    ],
)
def test_a_csv_birthday_in_the_common_layouts(text: str) -> None:
    assert birthdays(birthday_csv(text)) == ([Birthday(1, 20, 1991)], ())


def test_a_birthday_without_a_year_and_outlooks_empty_date() -> None:
    found, warnings = birthdays(birthday_csv("--01-20", "20 Jan", "0/0/00", ""))
    assert found == [Birthday(1, 20, None), Birthday(1, 20, None), None, None]
    assert warnings == ()


def test_a_date_that_reads_both_ways_follows_the_rest_of_the_file() -> None:
    found, warnings = birthdays(birthday_csv("03/04/1990", "1/2/1980", "25/12/1985"))
    assert found == [Birthday(4, 3, 1990), Birthday(2, 1, 1980), Birthday(12, 25, 1985)]
    assert warnings == ()
    found, warnings = birthdays(birthday_csv("03/04/1990", "12/25/1985"))
    assert found == [Birthday(3, 4, 1990), Birthday(12, 25, 1985)]
    assert warnings == ()


def test_a_semicolon_file_puts_the_day_first_when_no_date_tells() -> None:
    found, warnings = birthdays(birthday_csv("03/04/1990", delimiter=";"))
    assert found == [Birthday(4, 3, 1990)]
    assert warnings == ()


def test_dates_that_read_both_ways_and_nothing_tells_are_read_month_first_saying_so() -> None:
    found, warnings = birthdays(birthday_csv("03/04/1990", "05/06/1970"))
    assert found == [Birthday(3, 4, 1990), Birthday(5, 6, 1970)]
    assert len(warnings) == 1
    assert warnings[0].startswith("line 2: the birthday '03/04/1990' reads as day/month")
    assert "read month first (March 4)" in warnings[0]


def test_a_birthday_that_cannot_be_read_is_left_out_with_its_line() -> None:
    found, warnings = birthdays(birthday_csv("1991-01-20", "32/13/1990", "sometime in May"))
    assert found == [Birthday(1, 20, 1991), None, None]
    assert warnings == (
        "line 3: the birthday '32/13/1990' is not a date that can be read "
        "(such as 1991-01-20, 20/01/1991 or Jan 20, 1991); it was left out",
        "line 4: the birthday 'sometime in May' is not a date that can be read "
        "(such as 1991-01-20, 20/01/1991 or Jan 20, 1991); it was left out",
    )


def test_the_look_ahead_for_the_date_order_leaves_the_reading_where_it_was() -> None:
    values = ["03/04/1990", *["" for _ in range(3000)], "25/12/1985"]
    reader = CsvReader(io.BytesIO(birthday_csv(*values)))
    found = [(line, p) for line, p in reader if isinstance(p, NewPerson)]
    assert [line for line, _ in found] == list(range(2, 3004))
    assert found[0][1].fields.birthday == Birthday(4, 3, 1990)
    assert found[-1][1].fields.birthday == Birthday(12, 25, 1985)
    assert found[1500][1].fields.full_name == "P1500 Doe"
