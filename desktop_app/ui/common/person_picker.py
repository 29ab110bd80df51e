"""Pick one or more people by typing part of a name (type-ahead), chosen ones listed below."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.interactions import PersonChoice


class _ChosenList(QListWidget):
    """Delete or Backspace removes the selected person."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            for item in self.selectedItems():
                self.takeItem(self.row(item))
            self.model().layoutChanged.emit()
            return
        super().keyPressEvent(event)


class PersonPicker(QWidget):
    """`people_changed` fires whenever the chosen list changes."""

    people_changed = Signal()

    def __init__(
        self,
        choices: Iterable[PersonChoice],
        parent: QWidget | None = None,
        *,
        single: bool = False,
    ) -> None:
        super().__init__(parent)
        self.single = single
        self._choices = list(choices)
        self._by_label = {c.label: c for c in self._choices}
        self._by_id = {c.id: c for c in self._choices}

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type a name…")
        self.search.setAccessibleName("Find a person")
        self.search.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel([c.label for c in self._choices], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.search.setCompleter(completer)
        completer.activated.connect(self._on_completer_activated)
        self.search.returnPressed.connect(self._on_search_return)

        self.chosen = _ChosenList(self)
        self.chosen.setAccessibleName("Chosen people")
        self.chosen.setMaximumHeight(90)
        self.chosen.setToolTip("Delete removes the selected person")
        self.chosen.model().rowsRemoved.connect(self.people_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.chosen)

    def person_ids(self) -> list[int]:
        return [
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())
        ]

    def names(self) -> list[str]:
        return [self.name_of(i) for i in self.person_ids()]

    def name_of(self, person_id: int) -> str:
        choice = self._by_id.get(person_id)
        return choice.name if choice else f"#{person_id}"

    def add_person(self, person_id: int) -> bool:
        choice = self._by_id.get(person_id)
        if choice is None or person_id in self.person_ids():
            return False
        if self.single:
            self.chosen.clear()
        item = QListWidgetItem(choice.label)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.chosen.addItem(item)
        self.people_changed.emit()
        return True

    def set_people(self, person_ids: Iterable[int]) -> None:
        self.chosen.clear()
        for person_id in person_ids:
            self.add_person(person_id)
        self.people_changed.emit()

    def _on_completer_activated(self, label: str) -> None:
        choice = self._by_label.get(label)
        if choice is not None:
            self.add_person(choice.id)
        # Clear after the completer has finished writing its text into the line edit.
        QTimer.singleShot(0, self.search.clear)

    def _on_search_return(self) -> None:
        """Enter picks the only person whose name contains what was typed."""
        typed = self.search.text().strip().casefold()
        if not typed:
            return
        exact = [c for c in self._choices if c.label.casefold() == typed]
        matches = exact or [c for c in self._choices if typed in c.label.casefold()]
        if len(matches) == 1:
            self.add_person(matches[0].id)
            self.search.clear()
