"""A number-of-days spin box with the rhythm in words beside it: "182 days  every 6 months"."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QWidget

from desktop_app.domain import durations
from desktop_app.ui.common.plain_label import PlainLabel


class DaysInWords(QWidget):
    """Holds `spin` (still the field the dialog reads) and a label that says its value as
    a rhythm; the spin box's special value (0: "Circle's rhythm") needs no words."""

    def __init__(self, spin: QSpinBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = spin
        self.words = PlainLabel()
        self.words.setWordWrap(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(spin)
        layout.addWidget(self.words, 1)
        self.setFocusProxy(spin)  # a form label's access key reaches the spin box
        spin.valueChanged.connect(self._on_spin_value_changed)
        self._on_spin_value_changed(spin.value())

    def _on_spin_value_changed(self, days: int) -> None:
        special = bool(self.spin.specialValueText()) and days == self.spin.minimum()
        self.words.setText("" if special or days <= 0 else durations.every(days))
