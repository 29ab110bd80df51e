"""The path finder panel: "who can introduce me to…?" and how far each goal target is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.map.map_search import MapTarget, match_targets
from desktop_app.services.map.path_finder import (
    IntroPath,
    OrganizationReach,
    paths_heading,
    ranked_line,
)


class PathFinderPanel(QGroupBox):
    """Ask for a target, show ranked paths; picking one highlights it on the map."""

    search_requested = Signal(str)  # node key
    path_chosen = Signal(object)  # tuple of node keys (empty: clear)
    reach_requested = Signal(int)  # goal id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Who can introduce me?", parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setPlaceholderText("A person or an organisation…")
        self.target.setClearButtonEnabled(True)
        self.target.setAccessibleName("Find a path to")
        self.find_button = QPushButton("Find")
        row.addWidget(self.target, 1)
        row.addWidget(self.find_button)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.paths = QListWidget()
        self.paths.setWordWrap(True)
        self.paths.setAccessibleName("Paths")
        self.paths.setMinimumHeight(120)
        layout.addWidget(self.paths, 1)
        goal_row = QHBoxLayout()
        goal_label = QLabel("Goal")
        goal_row.addWidget(goal_label)
        self.goal_combo = QComboBox()
        goal_label.setBuddy(self.goal_combo)
        goal_row.addWidget(self.goal_combo, 1)
        layout.addLayout(goal_row)
        self.reach = QListWidget()
        self.reach.setWordWrap(True)
        self.reach.setAccessibleName("Who serves the goal")
        self.reach.setMinimumHeight(80)
        layout.addWidget(self.reach, 1)
        self._targets: list[MapTarget] = []
        self._completer = QCompleter([], self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.target.setCompleter(self._completer)
        self.find_button.clicked.connect(self._on_find)
        self.target.returnPressed.connect(self._on_find)
        self.paths.currentItemChanged.connect(self._on_path_current_changed)
        self.reach.currentItemChanged.connect(self._on_path_current_changed)
        self.goal_combo.currentIndexChanged.connect(self._on_goal_changed)

    def set_targets(self, targets: Sequence[MapTarget]) -> None:
        """The people and organisations one can ask for (`services.map_search`)."""
        self._targets = list(targets)
        labels = sorted((t.label for t in targets), key=str.casefold)
        self._completer.model().setStringList(labels)  # type: ignore[attr-defined]

    def label_of(self, key: str, name: str) -> str:
        """The target's own label ("Ana Lee (Acme)" when two share the name), else `name`."""
        return next((t.label for t in self._targets if t.key == key), name)

    def set_goals(self, goals: Sequence[tuple[int, str]]) -> None:
        current = self.goal_combo.currentData()
        self.goal_combo.blockSignals(True)
        self.goal_combo.clear()
        self.goal_combo.addItem("Degrees of separation: pick a goal", None)
        for goal_id, title in goals:
            self.goal_combo.addItem(title, goal_id)
        index = self.goal_combo.findData(current) if current is not None else 0
        self.goal_combo.setCurrentIndex(max(0, index))
        self.goal_combo.blockSignals(False)

    def ask(self, name: str, key: str) -> None:
        """Fill in a target (from the map's context menu) and search."""
        self.target.setText(self.label_of(key, name))
        self.search_requested.emit(key)

    def show_paths(self, target_name: str, paths: Sequence[IntroPath]) -> None:
        self.paths.clear()
        self.status.setText(paths_heading(target_name, paths))
        if not paths:
            self.path_chosen.emit(())
            return
        for rank, path in enumerate(paths, start=1):
            item = QListWidgetItem(ranked_line(rank, path))
            item.setData(Qt.ItemDataRole.UserRole, path.keys)
            item.setToolTip(f"Cost {path.cost:g} (lower is easier)")
            self.paths.addItem(item)
        self.paths.setCurrentRow(0)

    def show_reach(self, reach: Sequence[OrganizationReach]) -> None:
        self.reach.clear()
        if not reach:
            self.reach.addItem("This goal names no organisation yet.")
            return
        for entry in reach:
            if entry.degree is None:
                text = f"{entry.name}: nobody in your network leads there yet"
            elif entry.degree == 0:  # the path below says "I work there" or "I worked there"
                text = f"{entry.name}: degree 0"
            else:
                text = f"{entry.name}: {_ordinal(entry.degree)} degree"
            if entry.best is not None:
                text += f"\n{entry.best.text}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.best.keys if entry.best else ())
            self.reach.addItem(item)

    def show_busy(self, text: str) -> None:
        self.status.setText(text)

    def _on_find(self) -> None:
        text = self.target.text().strip()
        if not text:
            return
        matches = match_targets(self._targets, text)
        if len(matches) == 1:
            self.search_requested.emit(matches[0].key)
            return
        if not matches:
            self.status.setText(f"No one called “{text}” on the map.")
        elif len({m.name.casefold() for m in matches}) == 1:
            self.status.setText(
                f"{len(matches)} are called “{matches[0].name}”: pick one from the list."
            )
        else:
            self.status.setText(f"{len(matches)} names contain “{text}”: pick one from the list.")

    def _on_path_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        keys = current.data(Qt.ItemDataRole.UserRole) if current is not None else ()
        self.path_chosen.emit(tuple(keys or ()))

    def _on_goal_changed(self) -> None:
        goal = self.goal_combo.currentData()
        if goal is None:
            self.reach.clear()
        else:
            self.reach_requested.emit(int(goal))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
