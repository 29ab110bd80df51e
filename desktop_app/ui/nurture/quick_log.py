"""Ctrl+L: log an interaction in a few keystrokes, from anywhere.

Who (type-ahead), what kind, which way it went (gave / asked / mutual), a note, and an
optional follow-up date. Dates that look like slips are questioned before anything is
stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.reciprocity import ResourceKind
from desktop_app.services import events
from desktop_app.services.interactions import (
    NewInteraction,
    ResourceFields,
    check_dates,
    person_choices,
)
from desktop_app.ui.common.dates import date_pattern, format_date
from desktop_app.ui.common.person_picker import PersonPicker
from desktop_app.ui.nurture.asking import confirm_dates, tell, to_date, to_qdate
from desktop_app.ui.nurture.nurture_commands import EditInteractionCommand, LogInteractionCommand
from desktop_app.ui.window.workspace import Workspace

NO_EVENT = "(no event)"
DIRECTION_TIPS = {
    Direction.GAVE: "I helped them: shared, introduced, advised",
    Direction.ASKED: "They helped me: advice, a referral, their time",
    Direction.MUTUAL: "An even exchange",
}


class QuickLogDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        person_ids: Iterable[int] = (),
        parent: QWidget | None = None,
        *,
        kind: InteractionKind = InteractionKind.COFFEE,
        editing: tuple[int, NewInteraction] | None = None,
    ) -> None:
        """`editing` (an interaction's id and what it says) turns logging into editing."""
        super().__init__(parent)
        self.workspace = workspace
        self.editing = editing
        self.setWindowTitle("Edit interaction" if editing else "Log an interaction")
        self.setMinimumWidth(460)
        self.command: LogInteractionCommand | EditInteractionCommand | None = None

        self.people = PersonPicker(person_choices(workspace.db), self)
        for person_id in person_ids:
            self.people.add_person(person_id)
        self.occurred = QDateEdit(to_qdate(date.today()), self)
        self.occurred.setCalendarPopup(True)
        self.occurred.setDisplayFormat(date_pattern())
        self.kind = QComboBox(self)
        for value in InteractionKind:
            self.kind.addItem(value.label, value.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.kind.currentIndexChanged.connect(self._on_kind_changed)

        self.event_box = self._event_box(editing[1].event_id if editing else None)

        self.directions = QButtonGroup(self)
        direction_row = QHBoxLayout()
        for direction in (Direction.GAVE, Direction.ASKED, Direction.MUTUAL):
            button = QRadioButton(direction.value.capitalize(), self)
            button.setToolTip(DIRECTION_TIPS[direction])
            button.setProperty("direction", direction.value)
            self.directions.addButton(button)
            direction_row.addWidget(button)
            if direction is Direction.MUTUAL:
                button.setChecked(True)
        direction_row.addStretch(1)

        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("What happened, what you learnt, what you promised")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)

        self.follow_up_enabled = QCheckBox("Follow up on", self)
        self.follow_up = QDateEdit(to_qdate(date.today()).addDays(14), self)
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat(date_pattern())
        self.follow_up.setEnabled(False)
        self.follow_up_enabled.toggled.connect(self.follow_up.setEnabled)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up_enabled)
        follow_row.addWidget(self.follow_up)
        follow_row.addStretch(1)

        self.resource_kind = QComboBox(self)
        for resource_kind in ResourceKind:
            self.resource_kind.addItem(resource_kind.label, resource_kind.value)
        self.resource_title = QLineEdit(self)
        self.resource_title.setPlaceholderText("Title of what you shared")
        self.resource_url = QLineEdit(self)
        self.resource_url.setPlaceholderText("https://…")
        self.resource_tags = QLineEdit(self)
        self.resource_tags.setPlaceholderText("Tags, separated by commas")

        self.form = QFormLayout(self)
        self.form.addRow("&With:", self.people)
        self.form.addRow("&Date:", self.occurred)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Event:", self.event_box)
        self.form.addRow("Direction:", direction_row)
        self.form.addRow("&Note:", self.note)
        self.form.addRow("", follow_row)
        self._resource_rows = (
            ("Shared:", self.resource_kind),
            ("Title:", self.resource_title),
            ("Link:", self.resource_url),
            ("Tags:", self.resource_tags),
        )
        for label, widget in self._resource_rows:
            self.form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save" if editing else "&Log")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        # Enter logs (the default button), except while a name is being typed (Enter picks
        # that person) and in the note (a new line); Ctrl+Enter logs from anywhere.
        self.people.search.installEventFilter(self)
        self.event_line.installEventFilter(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        self._on_kind_changed()
        if editing is not None:
            self._fill(editing[1])
        (self.kind if self.people.person_ids() else self.people.search).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name box with a name typed picks the person, and stops there;
        Enter in the event box logs (an editable combo box would keep the key)."""
        plain_enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        )
        if plain_enter and watched is self.people.search and self.people.search.text().strip():
            self.people.search.returnPressed.emit()
            return True
        if plain_enter and watched is self.event_line and not self.event_box.view().isVisible():
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _event_box(self, keep: int | None) -> QComboBox:
        """Recent and upcoming events, nearest first; typing any part of a title finds it."""
        box = QComboBox(self)
        self.event_line = QLineEdit(box)
        self.event_line.setPlaceholderText("Type part of an event's title (optional)")
        box.setLineEdit(self.event_line)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItem(NO_EVENT, None)
        for event in events.event_choices(self.workspace.db, keep=keep):
            box.addItem(f"{event.title} · {format_date(event.starts_at.date())}", event.id)
        completer = QCompleter(box.model(), box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        box.setCompleter(completer)
        self.event_completer = completer
        box.setCurrentIndex(box.findData(keep) if keep is not None else -1)  # empty: none
        box.setToolTip("The interaction then belongs to the event and is listed on its page")
        return box

    def event_id(self) -> int | None:
        """The chosen event; `LookupError` when the text names none of them."""
        text = self.event_box.currentText().strip()
        if not text or text == NO_EVENT:
            return None
        index = self.event_box.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            raise LookupError(f"No event called “{text}”: pick one from the list, or clear it.")
        return self.event_box.itemData(index)

    def _fill(self, entry: NewInteraction) -> None:
        for person_id in entry.participant_ids:
            self.people.add_person(person_id)
        self.occurred.setDate(to_qdate(entry.occurred_on))
        self.kind.setCurrentIndex(self.kind.findData(InteractionKind(entry.kind).value))
        self.set_direction(Direction(entry.direction))  # after the kind, which may set one
        self.note.setPlainText(entry.note)
        self.follow_up_enabled.setChecked(entry.follow_up_on is not None)
        if entry.follow_up_on is not None:
            self.follow_up.setDate(to_qdate(entry.follow_up_on))
        if entry.resource is not None:
            self.resource_kind.setCurrentIndex(
                max(0, self.resource_kind.findData(entry.resource.kind))
            )
            self.resource_title.setText(entry.resource.title)
            self.resource_url.setText(entry.resource.url)
            self.resource_tags.setText(entry.resource.tags)

    # -- reading the form ---------------------------------------------------------------

    def direction(self) -> Direction:
        button = self.directions.checkedButton()
        return Direction(button.property("direction")) if button else Direction.MUTUAL

    def set_direction(self, direction: Direction) -> None:
        for button in self.directions.buttons():
            button.setChecked(button.property("direction") == direction.value)

    def entry(self) -> NewInteraction:
        """What the form says (`LookupError` when the event box names no event)."""
        kind = InteractionKind(self.kind.currentData())
        resource = None
        if kind is InteractionKind.SHARED_RESOURCE:
            resource = ResourceFields(
                self.resource_kind.currentData(),
                self.resource_title.text(),
                self.resource_url.text(),
                self.resource_tags.text(),
            )
        return NewInteraction(
            occurred_on=to_date(self.occurred.date()),
            kind=kind,
            direction=self.direction(),
            participant_ids=tuple(self.people.person_ids()),
            note=self.note.toPlainText(),
            follow_up_on=(
                to_date(self.follow_up.date()) if self.follow_up_enabled.isChecked() else None
            ),
            resource=resource,
            event_id=self.event_id(),
        )

    def _on_kind_changed(self) -> None:
        sharing = self.kind.currentData() == InteractionKind.SHARED_RESOURCE.value
        for _label, widget in self._resource_rows:
            self.form.setRowVisible(widget, sharing)
        if sharing:
            self.set_direction(Direction.GAVE)

    # -- accepting ----------------------------------------------------------------------

    def accept(self) -> None:
        try:
            entry = self.entry()
        except LookupError as error:
            tell(self, str(error))
            self.event_box.setFocus()
            return
        if not entry.participant_ids:
            tell(self, "Choose who the interaction was with.")
            self.people.search.setFocus()
            return
        if entry.resource is not None and not (
            entry.resource.title.strip() or entry.resource.url.strip()
        ):
            tell(self, "Say what you shared: a title or a link.")
            self.resource_title.setFocus()
            return
        try:
            questions = check_dates(entry)
        except ValueError as error:
            tell(self, str(error))
            return
        if questions and not confirm_dates(self, questions, "Save" if self.editing else "Log it"):
            return
        command: LogInteractionCommand | EditInteractionCommand
        if self.editing is not None:
            command = EditInteractionCommand(
                self.workspace, self.editing[0], entry, confirmed=bool(questions)
            )
        else:
            command = LogInteractionCommand(
                self.workspace, entry, self.people.names(), confirmed=bool(questions)
            )
        if self.workspace.execute(command):
            self.command = command
            super().accept()


def open_quick_log(
    workspace: Workspace, person_ids: Iterable[int] = (), parent: QWidget | None = None
) -> int | None:
    """Show the dialog; returns the logged interaction's id, or None if cancelled."""
    if workspace.read_only:
        workspace.error_raised.emit("This database is open read-only; changes are not saved.")
        return None
    dialog = QuickLogDialog(workspace, person_ids, parent)
    dialog.exec()
    return dialog.command.interaction_id if dialog.command else None


def open_interaction_editor(
    workspace: Workspace, interaction_id: int, parent: QWidget | None = None
) -> bool:
    """Edit a logged interaction; True when it was changed."""
    if workspace.read_only:
        workspace.error_raised.emit("This database is open read-only; changes are not saved.")
        return False
    from desktop_app.services.interactions import interaction_entry

    try:
        entry = interaction_entry(workspace.db, interaction_id)
    except LookupError as error:
        workspace.error_raised.emit(str(error))
        return False
    dialog = QuickLogDialog(workspace, (), parent, editing=(interaction_id, entry))
    dialog.exec()
    return dialog.command is not None
