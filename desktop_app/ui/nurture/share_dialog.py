"""Share something useful: what, with whom (suggested by tags and goals), and the log of
everything shared so far, so giving has a memory."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.reciprocity import ResourceKind
from desktop_app.services import reciprocity
from desktop_app.services.interactions import (
    NewInteraction,
    ResourceFields,
    check_dates,
    person_choices,
)
from desktop_app.ui.common.person_picker import PersonPicker
from desktop_app.ui.common.plain_label import PlainLabel, plain_tooltip
from desktop_app.ui.nurture.asking import confirm_dates, tell, to_date, to_qdate
from desktop_app.ui.nurture.nurture_commands import LogInteractionCommand
from desktop_app.ui.window.workspace import Workspace


class ShareDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Share something useful")
        self.resize(720, 680)
        self.command: LogInteractionCommand | None = None

        self.kind = QComboBox(self)
        for value in ResourceKind:
            self.kind.addItem(value.label, value.value)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("What you are sharing")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://…")
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("Tags, separated by commas: they find who it would help")
        self.shared_on = QDateEdit(to_qdate(date.today()), self)
        self.shared_on.setDisplayFormat("yyyy-MM-dd")
        self.shared_on.setCalendarPopup(True)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(50)
        self.note.setTabChangesFocus(True)
        self.suggested = QListWidget(self)
        self.suggested.setAccessibleName("Suggested recipients")
        self.suggested.setMaximumHeight(140)
        self.people = PersonPicker(person_choices(workspace.db), self)

        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(250)
        self._suggest_timer.timeout.connect(self.refresh_suggestions)
        for edit in (self.tags, self.title, self.url):
            edit.textChanged.connect(lambda _t: self._suggest_timer.start())

        self.log = QTreeWidget(self)
        self.log.setAccessibleName("Shared so far")
        self.log.setHeaderLabels(["Date", "What", "With", "Tags"])
        self.log.setRootIsDecorated(False)

        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Title:", self.title)
        form.addRow("&Link:", self.url)
        form.addRow("T&ags:", self.tags)
        form.addRow("&Date:", self.shared_on)
        form.addRow("&Note:", self.note)
        form.addRow("Suggested:", self.suggested)
        form.addRow("&With:", self.people)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Share")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not workspace.read_only)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        layout.addWidget(PlainLabel("Shared so far", self))
        layout.addWidget(self.log, 1)
        self.refresh_log()
        self.refresh_suggestions()

    def refresh_suggestions(self) -> None:
        found = reciprocity.suggestions(
            self.workspace.db, self.tags.text(), title=self.title.text(), url=self.url.text()
        )
        self.suggested.clear()
        for suggestion in found:
            item = QListWidgetItem(f"{suggestion.name} — {suggestion.why}")
            item.setData(Qt.ItemDataRole.UserRole, suggestion.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.suggested.addItem(item)
        if not found:
            hint = (
                "Add tags to see who this would interest."
                if not self.tags.text().strip()
                else ("Nobody's tags or goals match these tags.")
            )
            item = QListWidgetItem(hint)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.suggested.addItem(item)

    def refresh_log(self) -> None:
        self.log.clear()
        for record in reciprocity.shared_resources(self.workspace.db):
            what = record.title or record.url
            try:
                kind = ResourceKind(record.kind).label
            except ValueError:
                kind = record.kind
            item = QTreeWidgetItem(
                [
                    record.shared_on.isoformat(),
                    f"{kind}: {what}",
                    ", ".join(record.recipients),
                    ", ".join(record.tags),
                ]
            )
            item.setToolTip(1, plain_tooltip(record.url))
            self.log.addTopLevelItem(item)
        for column in range(3):
            self.log.resizeColumnToContents(column)

    def recipient_ids(self) -> list[int]:
        ids = []
        for row in range(self.suggested.count()):
            item = self.suggested.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return list(dict.fromkeys([*ids, *self.people.person_ids()]))

    def accept(self) -> None:
        if not (self.title.text().strip() or self.url.text().strip()):
            tell(self, "Say what you are sharing: a title or a link.")
            self.title.setFocus()
            return
        recipients = self.recipient_ids()
        if not recipients:
            tell(self, "Tick a suggestion or type who you shared it with.")
            return
        entry = NewInteraction(
            occurred_on=to_date(self.shared_on.date()),
            kind=InteractionKind.SHARED_RESOURCE,
            direction=Direction.GAVE,
            participant_ids=tuple(recipients),
            note=self.note.toPlainText(),
            resource=ResourceFields(
                self.kind.currentData(), self.title.text(), self.url.text(), self.tags.text()
            ),
        )
        questions = check_dates(entry)
        if questions and not confirm_dates(self, questions, "Record it"):
            return
        names = [self.people.name_of(i) for i in recipients]
        command = LogInteractionCommand(self.workspace, entry, names, confirmed=bool(questions))
        if self.workspace.execute(command):
            self.command = command
            super().accept()
