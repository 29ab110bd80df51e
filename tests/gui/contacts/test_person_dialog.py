"""The contact dialog: every field round-trips, and what cannot be saved is said."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import (
    Birthday,
    ContactPoints,
    LabeledValue,
    PersonFields,
    PostalAddress,
)
from desktop_app.ui.contacts.person_dialog import PersonDialog, PersonForm

FORM = PersonForm(
    PersonFields(
        given_name="Grace",
        family_name="Hopper",
        full_name="Grace Hopper",
        note="COBOL",
        circle=Circle.CLOSE,
        how_we_met="Navy",
        cadence_days=45,
        birthday=Birthday(12, 9),
    ),
    "US Navy",
    "Rear Admiral",
    ("mentor", "compilers"),
    ContactPoints(
        emails=(LabeledValue("grace@navy.example", "work"), LabeledValue("g@home.example")),
        phones=(LabeledValue("+1 202 555 0100", "office"),),
        urls=(LabeledValue("https://example.org/grace", "site"),),
        addresses=(PostalAddress("work", "1 Navy Way", "Arlington", "VA", "22202", "USA"),),
    ),
)


def make_dialog(qtbot: QtBot, form: PersonForm | None = FORM) -> PersonDialog:
    dialog = PersonDialog(None, form)
    qtbot.addWidget(dialog)
    return dialog


def test_every_field_round_trips(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.birthday.text() == "12-09"  # no year: month-day
    assert dialog.result_form() == FORM
    assert dialog.problem() is None


def test_contact_points_can_be_added_and_removed(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.phones.add_row()
    row = dialog.phones.table.rowCount() - 1
    dialog.phones.table.item(row, 0).setText("mobile")
    dialog.phones.table.item(row, 1).setText("+1 202 555 0199")
    dialog.emails.table.selectRow(0)
    dialog.emails.remove_selected()
    dialog.urls.add_row()  # left empty: dropped
    points = dialog.result_form().points
    assert points.emails == (LabeledValue("g@home.example"),)
    assert points.phones[-1] == LabeledValue("+1 202 555 0199", "mobile")
    assert points.urls == FORM.points.urls


def test_birthdays_with_and_without_year(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, None)
    dialog.given.setText("Alan")
    for text, expected in (
        ("1912-06-23", Birthday(6, 23, 1912)),
        ("06-23", Birthday(6, 23)),
        ("6-3", Birthday(6, 3)),
        ("", None),
    ):
        dialog.birthday.setText(text)
        assert dialog.result_form().fields.birthday == expected, text
        assert dialog.problem() is None
    dialog.birthday.setText("02-30")
    assert dialog.problem() is not None


def test_what_cannot_be_saved_is_said_and_shown(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.show()
    dialog.emails.table.item(0, 1).setText("grace at navy")
    dialog.tabs.setCurrentIndex(0)
    dialog._on_buttons_accepted()
    assert dialog.result() == 0  # still open
    assert "does not look like an email address" in dialog.error.text()
    assert dialog.tabs.currentIndex() == 1  # taken to where it can be fixed
    dialog.emails.table.item(0, 1).setText("grace@navy.example")
    dialog.given.setText("")
    dialog.full.setText("")
    dialog.family.setText("")
    assert dialog.problem() is not None and "name" in dialog.problem()[0]


def test_the_detail_panel_shows_a_birthday_without_its_year_as_a_day() -> None:
    from desktop_app.ui.contacts.detail_panel import birthday_text

    assert birthday_text(Birthday(12, 9)) == "09 Dec"
    assert birthday_text(Birthday(2, 29)) == "29 Feb"
    assert birthday_text(Birthday(12, 9, 1906)) == "09 Dec 1906"
    assert birthday_text(None) == ""


def test_earlier_jobs_round_trip_and_are_checked(qtbot: QtBot) -> None:
    from datetime import date

    from desktop_app.domain.values import EmploymentRecord

    earlier = (
        EmploymentRecord("Harvard", "Mark I programmer", date(1944, 1, 1), date(1949, 6, 1), False),
        EmploymentRecord("Remington Rand", "", None, None, False),
    )
    dialog = make_dialog(qtbot, PersonForm(FORM.fields, "US Navy", "", (), past_jobs=earlier))
    assert dialog.result_form().past_jobs == earlier
    dialog.past_jobs.add_row()
    row = dialog.past_jobs.table.rowCount() - 1
    for column, text in enumerate(("Eckert–Mauchly", "Senior mathematician", "1949-06", "1950")):
        dialog.past_jobs.table.item(row, column).setText(text)
    added = dialog.result_form().past_jobs[-1]
    assert (added.start, added.end, added.current) == (date(1949, 6, 1), date(1950, 1, 1), False)
    assert dialog.problem() is None
    dialog.past_jobs.table.item(row, 3).setText("1948")
    assert "To comes before From" in dialog.problem()[0]  # type: ignore[index]
    dialog.past_jobs.table.item(row, 3).setText("soon")
    assert "should be a date" in dialog.problem()[0]  # type: ignore[index]
    dialog.past_jobs.table.item(row, 0).setText("")
    dialog.past_jobs.table.item(row, 3).setText("")
    assert "Which organisation" in dialog.problem()[0]  # type: ignore[index]
