"""The network map's side controls: what to show (filters), how to colour it (legend)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import MapFilters
from desktop_app.ui.map.map_style import LegendEntry


class MapFilterPanel(QGroupBox):
    """Circle, tag, goal, organisation, past jobs and minimum strength; emits `MapFilters`."""

    filters_changed = Signal(object)  # MapFilters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Show", parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        circles = QVBoxLayout()
        circles.setSpacing(0)
        self.circle_boxes: dict[Circle, QCheckBox] = {}
        for circle in Circle:
            box = QCheckBox(circle.label)
            box.setChecked(True)
            box.toggled.connect(self._emit)
            circles.addWidget(box)
            self.circle_boxes[circle] = box
        form.addRow("Circles", circles)
        self.tag_combo = QComboBox()
        self.goal_combo = QComboBox()
        self.organization_combo = QComboBox()
        self.organization_combo.setEditable(True)
        self.organization_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for combo, label in (
            (self.tag_combo, "Tag"),
            (self.goal_combo, "Goal"),
            (self.organization_combo, "Organisation"),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self._emit)
            form.addRow(label, combo)
        self.past_jobs = QCheckBox("Past employment")
        self.past_jobs.setChecked(True)
        self.past_jobs.toggled.connect(self._emit)
        form.addRow("", self.past_jobs)
        self.groups_box = QCheckBox("Groups")
        self.groups_box.toggled.connect(self._emit)
        form.addRow("", self.groups_box)
        self.events_box = QCheckBox("Events")
        self.events_box.toggled.connect(self._emit)
        form.addRow("", self.events_box)
        self.min_strength = QSpinBox()
        self.min_strength.setRange(1, 5)
        self.min_strength.setToolTip("Hide ties weaker than this (1 weak … 5 strong)")
        self.min_strength.valueChanged.connect(self._emit)
        form.addRow("Min. tie strength", self.min_strength)
        self._quiet = False
        self.set_choices((), (), ())

    def set_choices(
        self,
        tags: Sequence[str],
        goals: Sequence[tuple[int, str]],
        organizations: Sequence[tuple[int, str]],
    ) -> None:
        """Fill the combos, keeping the current choices where they still exist."""
        self._quiet = True
        try:
            _refill(self.tag_combo, "Any tag", [(t, t) for t in tags])
            _refill(self.goal_combo, "Any goal", list(goals))
            _refill(self.organization_combo, "Any organisation", list(organizations))
        finally:
            self._quiet = False

    def filters(self) -> MapFilters:
        circles = frozenset(c for c, box in self.circle_boxes.items() if box.isChecked())
        tag = self.tag_combo.currentData()
        goal = self.goal_combo.currentData()
        organization = self.organization_combo.currentData()
        return MapFilters(
            circles=frozenset() if len(circles) == len(Circle) else circles,
            tags=frozenset({tag}) if tag else frozenset(),
            goal_id=goal if goal is not None else None,
            organization_ids=frozenset({organization}) if organization is not None else frozenset(),
            show_past_employment=self.past_jobs.isChecked(),
            min_strength=self.min_strength.value(),
            show_groups=self.groups_box.isChecked(),
            show_events=self.events_box.isChecked(),
        )

    def set_filters(self, filters: MapFilters) -> None:
        self._quiet = True
        try:
            for circle, box in self.circle_boxes.items():
                box.setChecked(not filters.circles or circle in filters.circles)
            _select(self.tag_combo, next(iter(filters.tags), None))
            _select(self.goal_combo, filters.goal_id)
            _select(self.organization_combo, next(iter(filters.organization_ids), None))
            self.past_jobs.setChecked(filters.show_past_employment)
            self.min_strength.setValue(filters.min_strength)
            self.groups_box.setChecked(filters.show_groups)
            self.events_box.setChecked(filters.show_events)
        finally:
            self._quiet = False
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.filters_changed.emit(self.filters())


def _refill(combo: QComboBox, anything: str, items: Sequence[tuple[object, str]]) -> None:
    current = combo.currentData()
    combo.clear()
    combo.addItem(anything, None)
    for value, text in items:
        combo.addItem(text, value)
    _select(combo, current)


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(max(0, index))


class MapLegend(QGroupBox):
    """What the colours, shapes and lines mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Legend", parent)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(2)
        self._rows: list[QWidget] = []
        self.set_entries(())

    def set_entries(self, entries: Sequence[LegendEntry]) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        fixed = (
            ("★", "You"),
            ("●", "Person (size: tie strength or links)"),
            ("■", "Organisation"),
            ("━", "Tie (thicker: stronger)"),
            ("─", "Current job"),
            ("┄", "Past job"),
        )
        for entry in entries:
            self._add_row(_swatch(entry.colour), entry.label)
        for symbol, text in fixed:
            mark = QLabel(symbol)
            mark.setTextFormat(Qt.TextFormat.PlainText)
            mark.setFixedWidth(16)
            mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._add_row(mark, text)

    def labels(self) -> list[str]:
        texts = []
        for row in self._rows:
            label = row.findChild(QLabel, "legendText")
            if label is not None:
                texts.append(label.text())
        return texts

    def _add_row(self, mark: QLabel, text: str) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(mark)
        label = QLabel(text)
        label.setObjectName("legendText")
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label, 1)
        self._layout.addWidget(row)
        self._rows.append(row)


def _swatch(colour: str) -> QLabel:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    label = QLabel()
    label.setPixmap(pixmap)
    label.setFixedWidth(16)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
