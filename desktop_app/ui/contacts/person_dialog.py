"""Add or edit a contact: names, circle, current job, tags, how we met, birthday, cadence,
note; on a second tab how to reach them (emails, phones, web, postal addresses); on a third
their earlier jobs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import (
    Birthday,
    ContactPoints,
    EmploymentRecord,
    LabeledValue,
    PersonFields,
    PostalAddress,
)
from desktop_app.services.importing.person_building import parse_birthday
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.common.rows_editor import RowsEditor
from desktop_app.ui.contacts.contact_table_model import CIRCLE_CHOICES

ADDRESS_HEADERS = ("Label", "Street", "City", "Region", "Postal code", "Country")
JOB_HEADERS = ("Organisation", "Title", "From", "To")
DATE_HINT = "a date like 2019, 2019-03 or 2019-03-15"


@dataclass(frozen=True)
class PersonForm:
    fields: PersonFields
    organization: str
    title: str
    tags: tuple[str, ...]
    points: ContactPoints = field(default_factory=ContactPoints)
    past_jobs: tuple[EmploymentRecord, ...] = ()


class PersonDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, initial: PersonForm | None = None, title: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or ("Edit contact" if initial else "New contact"))
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.full = QLineEdit()
        self.full.setPlaceholderText("Filled from the given and family names")
        self.circle = QComboBox()
        for value, label in CIRCLE_CHOICES:
            self.circle.addItem(label, value)
        self.organization = QLineEdit()
        self.job_title = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Comma-separated, e.g. mentor, python")
        self.how_we_met = QLineEdit()
        self.has_met_on = QCheckBox("Known")
        self.met_on = QDateEdit(QDate.currentDate())
        self.met_on.setCalendarPopup(True)
        self.met_on.setDisplayFormat("yyyy-MM-dd")
        self.has_met_on.toggled.connect(self.met_on.setEnabled)
        self.met_on.setEnabled(False)
        self.birthday = QLineEdit()
        self.birthday.setPlaceholderText("1985-03-22, or 03-22 without the year")
        self.cadence = QSpinBox()
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText("Circle's rhythm")
        self.cadence.setSuffix(" days")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.error = PlainLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        self.emails = RowsEditor(("Label", "Email"), "email")
        self.phones = RowsEditor(("Label", "Phone"), "phone")
        self.urls = RowsEditor(("Label", "Web address"), "web address")
        self.addresses = RowsEditor(ADDRESS_HEADERS, "address")
        self.past_jobs = RowsEditor(JOB_HEADERS, "job", narrow=(2, 3))

        form = QFormLayout()
        form.addRow("&Given name", self.given)
        form.addRow("&Family name", self.family)
        form.addRow("Full &name", self.full)
        form.addRow("&Circle", self.circle)
        form.addRow("&Organisation", self.organization)
        form.addRow("&Title", self.job_title)
        form.addRow("T&ags", self.tags)
        form.addRow("&How we met", self.how_we_met)
        met_row = QWidget()
        met_layout = QHBoxLayout(met_row)
        met_layout.setContentsMargins(0, 0, 0, 0)
        met_layout.addWidget(self.has_met_on)
        met_layout.addWidget(self.met_on, 1)
        form.addRow("&Met on", met_row)
        form.addRow("&Birthday", self.birthday)
        form.addRow("Check &in every", self.cadence)
        form.addRow("Not&e", self.note)
        general = QWidget()
        general.setLayout(form)
        reach = QWidget()
        reach_form = QFormLayout(reach)
        reach_form.addRow("&Email", self.emails)
        reach_form.addRow("&Phone", self.phones)
        reach_form.addRow("&Web", self.urls)
        reach_form.addRow("Addre&ss", self.addresses)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "Gene&ral")
        self.tabs.addTab(reach, "Contact &details")
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(
            PlainLabel(
                "Where they worked before (the current job is on the first tab). "
                f"From and To take {DATE_HINT}."
            )
        )
        history_layout.addWidget(self.past_jobs, 1)
        self.tabs.addTab(history, "Earlier &jobs")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 560)
        if initial is not None:
            self._load(initial)
        self.given.setFocus()

    def _load(self, initial: PersonForm) -> None:
        f = initial.fields
        self.given.setText(f.given_name)
        self.family.setText(f.family_name)
        self.full.setText(f.full_name)
        self.circle.setCurrentIndex(
            max(0, self.circle.findData(f.circle.value if f.circle else ""))
        )
        self.organization.setText(initial.organization)
        self.job_title.setText(initial.title)
        self.tags.setText(", ".join(initial.tags))
        self.how_we_met.setText(f.how_we_met)
        if f.met_on:
            self.has_met_on.setChecked(True)
            self.met_on.setDate(QDate(f.met_on.year, f.met_on.month, f.met_on.day))
        self.birthday.setText(_birthday_text(f.birthday))
        self.cadence.setValue(f.cadence_days or 0)
        self.note.setPlainText(f.note)
        points = initial.points
        self.emails.set_rows([(v.label, v.value) for v in points.emails])
        self.phones.set_rows([(v.label, v.value) for v in points.phones])
        self.urls.set_rows([(v.label, v.value) for v in points.urls])
        self.addresses.set_rows(
            [
                (a.label, a.street, a.locality, a.region, a.postal_code, a.country)
                for a in points.addresses
            ]
        )
        self.past_jobs.set_rows(
            [(j.organization, j.title, _iso(j.start), _iso(j.end)) for j in initial.past_jobs]
        )

    def result_form(self) -> PersonForm:
        given, family = self.given.text().strip(), self.family.text().strip()
        full = self.full.text().strip() or " ".join(p for p in (given, family) if p)
        circle_value = self.circle.currentData()
        fields = PersonFields(
            given_name=given,
            family_name=family,
            full_name=full,
            note=self.note.toPlainText(),
            circle=Circle(circle_value) if circle_value else None,
            how_we_met=self.how_we_met.text().strip(),
            met_on=_to_date(self.met_on.date()) if self.has_met_on.isChecked() else None,
            cadence_days=self.cadence.value() or None,
            birthday=_parse_birthday(self.birthday.text()),
        )
        tags = tuple(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        points = ContactPoints(
            emails=_labeled(self.emails),
            phones=_labeled(self.phones),
            urls=_labeled(self.urls),
            addresses=tuple(PostalAddress(*row) for row in self.addresses.rows()),
        )
        past_jobs = tuple(
            EmploymentRecord(
                organization, title, _parse_when(start), _parse_when(end), current=False
            )
            for organization, title, start, end in self.past_jobs.rows()
        )
        return PersonForm(
            fields,
            self.organization.text().strip(),
            self.job_title.text().strip(),
            tags,
            points,
            past_jobs,
        )

    def problem(self) -> tuple[str, QWidget] | None:
        """What keeps the form from being saved, and where to fix it."""
        if not self.result_form().fields.full_name:
            return "Please give at least a name.", self.given
        if self.birthday.text().strip() and _parse_birthday(self.birthday.text()) is None:
            return (
                "The birthday should be a date like 1985-03-22, or 03-22 without the year.",
                self.birthday,
            )
        for label, value in self.emails.rows():
            if value and ("@" not in value or value.strip("@") != value.strip()):
                return f"“{value}” does not look like an email address.", self.emails
            if not value:
                return f"The email labelled “{label}” has no address.", self.emails
        for editor, noun in ((self.phones, "phone"), (self.urls, "web address")):
            for label, value in editor.rows():
                if not value:
                    return f"The {noun} labelled “{label}” is empty.", editor
        return self._job_problem()

    def _job_problem(self) -> tuple[str, QWidget] | None:
        for organization, title, start, end in self.past_jobs.rows():
            job = organization or title or "an earlier job"
            if not organization:
                return f"Which organisation was “{job}” at?", self.past_jobs
            for text in (start, end):
                if text and _parse_when(text) is None:
                    return f"“{text}” ({job}) should be {DATE_HINT}.", self.past_jobs
            began, ended = _parse_when(start), _parse_when(end)
            if began and ended and ended < began:
                return f"{job}: To comes before From.", self.past_jobs
        return None

    def _on_buttons_accepted(self) -> None:
        problem = self.problem()
        if problem is not None:
            message, widget = problem
            self.error.setText(message)
            self.error.show()
            self.tabs.setCurrentIndex(
                0 if widget in (self.given, self.birthday) else 2 if widget is self.past_jobs else 1
            )
            widget.setFocus()
            return
        self.accept()


def _labeled(editor: RowsEditor) -> tuple[LabeledValue, ...]:
    return tuple(LabeledValue(value=value, label=label) for label, value in editor.rows())


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _parse_when(text: str) -> date | None:
    """2019 → 1 Jan 2019, 2019-03 → 1 Mar 2019, or a whole ISO date; None if neither."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            year, month = text.split("-")
            return date(int(year), int(month), 1)
        return date.fromisoformat(text)
    except ValueError:
        return None


def _birthday_text(birthday: Birthday | None) -> str:
    if birthday is None:
        return ""
    if birthday.year is None:
        return f"{birthday.month:02d}-{birthday.day:02d}"
    return str(birthday)


def _parse_birthday(text: str) -> Birthday | None:
    text = text.strip()
    if re.fullmatch(r"\d{1,2}-\d{1,2}", text):  # month-day, no year
        month, day = (int(part) for part in text.split("-"))
        text = f"--{month:02d}{day:02d}"
    return parse_birthday(text) if text else None


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
