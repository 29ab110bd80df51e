"""Add or edit a contact: names, circle, current job, tags, how we met, cadence, note."""

from __future__ import annotations

from dataclasses import dataclass
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
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import Birthday, PersonFields
from desktop_app.ui.models.contact_table_model import CIRCLE_CHOICES
from desktop_app.ui.widgets.plain_label import PlainLabel


@dataclass(frozen=True)
class PersonForm:
    fields: PersonFields
    organization: str
    title: str
    tags: tuple[str, ...]


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
        self.cadence = QSpinBox()
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText("Circle's rhythm")
        self.cadence.setSuffix(" days")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.error = PlainLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        self._birthday: Birthday | None = None

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
        form.addRow("Met &on", met_row)
        form.addRow("Check &in every", self.cadence)
        form.addRow("No&te", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 520)
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
        self.cadence.setValue(f.cadence_days or 0)
        self.note.setPlainText(f.note)
        self._birthday = f.birthday

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
            birthday=self._birthday,  # not edited here; kept as imported
        )
        tags = tuple(dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip()))
        return PersonForm(
            fields, self.organization.text().strip(), self.job_title.text().strip(), tags
        )

    def _on_buttons_accepted(self) -> None:
        if not self.result_form().fields.full_name:
            self.error.setText("Please give at least a name.")
            self.error.show()
            self.given.setFocus()
            return
        self.accept()


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
