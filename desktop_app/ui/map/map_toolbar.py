"""The map's toolbar: find, layout, colour and size, lines to me, fit, show hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

LAYOUTS = (
    ("force", "Force-directed"),
    ("radial", "Levels (radial)"),
    ("organizations", "By organisation"),
)


class MapToolbar(QWidget):
    """The row of controls above the map; the view connects them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find on map…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find on map")
        self.search_completer = QCompleter([], self)
        self.search_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(self.search_completer)
        self.layout_combo = QComboBox()
        for key, title in LAYOUTS:
            self.layout_combo.addItem(title, key)
        self.layout_combo.setAccessibleName("Layout")
        self.relayout_button = QPushButton("Re-run layout")
        self.relayout_button.setToolTip("Lay the map out afresh (pinned nodes stay put)")
        self.colour_combo = QComboBox()
        self.colour_combo.setAccessibleName("Colour by")
        self.size_combo = QComboBox()
        self.size_combo.setAccessibleName("Size by")
        self.size_combo.addItem("Size: tie strength", "strength")
        self.size_combo.addItem("Size: links", "degree")
        self.my_ties = QCheckBox("Lines to me")
        self.fit_button = QPushButton("Fit")
        self.fit_button.setToolTip("Fit the whole map in view (0)")
        self.show_hidden_button = QPushButton("")
        self.show_hidden_button.hide()
        self.panel_button = QPushButton("Side panel")
        self.panel_button.setCheckable(True)
        self.panel_button.setChecked(True)
        self.panel_button.setToolTip("Show or hide the path finder, filters and legend")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.search,
            self.layout_combo,
            self.relayout_button,
            self.colour_combo,
            self.size_combo,
            self.my_ties,
            self.fit_button,
            self.show_hidden_button,
            self.panel_button,
        ):
            bar.addWidget(widget)
        bar.setStretch(0, 1)
        self.refill_colour_modes([])

    def set_search_names(self, labels: list[str]) -> None:
        """What the find box completes."""
        self.search_completer.model().setStringList(labels)  # type: ignore[attr-defined]

    def refill_colour_modes(self, goals: list[tuple[int, str]]) -> None:
        """The colour choices, one per goal at the end; keeps the current one if it stays."""
        current = self.colour_combo.currentData()
        self.colour_combo.blockSignals(True)
        self.colour_combo.clear()
        self.colour_combo.addItem("Colour: circle", ("circle", None))
        self.colour_combo.addItem("Colour: organisation", ("organization", None))
        self.colour_combo.addItem("Colour: tag", ("tag", None))
        self.colour_combo.addItem("Colour: keep in touch", ("check_in", None))
        self.colour_combo.addItem("Colour: community", ("community", None))
        for goal_id, title in goals:
            self.colour_combo.addItem(f"Colour: goal “{title}”", ("goal", goal_id))
        index = self.colour_combo.findData(current) if current is not None else 0
        self.colour_combo.setCurrentIndex(max(0, index))
        self.colour_combo.blockSignals(False)

    def set_hidden_count(self, count: int) -> None:
        self.show_hidden_button.setVisible(bool(count))
        self.show_hidden_button.setText(f"Show hidden ({count})")
