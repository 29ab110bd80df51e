""" "Which of these is you?": choose the person who becomes me, the centre of the map."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.values import ContactSummary
from desktop_app.ui.common.plain_label import PlainLabel

SHOWN = 200  # rows listed at once; typing narrows a long list down
FILTER_FROM = 8  # a filter box once the list is longer than this


class WhoIsMeDialog(QDialog):
    """Lists `people`; "This is me" chooses one (`chosen_id`). With `ask_name`, someone not
    in the list gives their name instead (`new_name`)."""

    def __init__(
        self,
        people: Sequence[ContactSummary],
        question: str,
        ask_name: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which of these is you?")
        self.chosen_id: int | None = None
        self.new_name: tuple[str, str] | None = None
        self._people = sorted(people, key=lambda p: p.full_name.casefold())
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel(question))
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Type your name…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setVisible(len(self._people) > FILTER_FROM)
        self.filter_box.textChanged.connect(self._fill)
        layout.addWidget(self.filter_box)
        self.list = QListWidget()
        self.list.setAccessibleName("People")
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_this_is_me_clicked())
        layout.addWidget(self.list, 1)

        buttons = QDialogButtonBox()
        self.this_is_me_button = QPushButton("This is me")
        self.this_is_me_button.setDefault(True)
        buttons.addButton(self.this_is_me_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.this_is_me_button.clicked.connect(self._on_this_is_me_clicked)
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.my_name_button = QPushButton("I'm not in the list: start with my name")
        if ask_name:
            form = QFormLayout()
            form.addRow("Your &given name", self.given)
            form.addRow("Your &family name", self.family)
            layout.addLayout(form)
            buttons.addButton(self.my_name_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.my_name_button.clicked.connect(self._on_my_name_clicked)
            self.given.textChanged.connect(self._update_buttons)
            self.family.textChanged.connect(self._update_buttons)
        self.not_now_button = buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        if self.list.count() == 1:
            self.list.setCurrentRow(0)
        self._update_buttons()
        self.resize(460, 420)

    def _fill(self) -> None:
        words = self.filter_box.text().casefold().split()
        shown = [p for p in self._people if all(w in p.full_name.casefold() for w in words)]
        self.list.clear()
        for person in shown[:SHOWN]:
            where = " · ".join(x for x in (person.title, person.organization) if x)
            item = QListWidgetItem(f"{person.full_name} — {where}" if where else person.full_name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.this_is_me_button.setEnabled(bool(self.list.selectedItems()))
        named = self.given.text().strip() or self.family.text().strip()
        self.my_name_button.setEnabled(bool(named))

    def _on_this_is_me_clicked(self) -> None:
        selected = self.list.selectedItems()
        if selected:
            self.chosen_id = int(selected[0].data(Qt.ItemDataRole.UserRole))
            self.accept()

    def _on_my_name_clicked(self) -> None:
        self.new_name = (self.given.text().strip(), self.family.text().strip())
        if any(self.new_name):
            self.accept()
