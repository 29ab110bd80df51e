"""Goals: what I am aiming for, who and what serves it, who has been told and who not yet."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.dates import question_told_on
from desktop_app.domain.goals import GoalDetail, GoalFields
from desktop_app.domain.values import ChangeSet
from desktop_app.services import goals
from desktop_app.services.interactions import person_choices
from desktop_app.ui.common.person_picker import PersonPicker
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.nurture.asking import confirm_dates, to_date, to_qdate
from desktop_app.ui.nurture.nurture_commands import (
    DeleteGoalCommand,
    RecordDisclosureCommand,
    SaveGoalCommand,
)
from desktop_app.ui.window.workspace import Workspace


class GoalEditor(QDialog):
    """Create or edit one goal and its links."""

    def __init__(
        self, workspace: Workspace, detail: GoalDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit goal" if detail else "New goal")
        self.setMinimumWidth(480)
        fields = detail.fields if detail else GoalFields("")
        self.title = QLineEdit(fields.title, self)
        self.title.setPlaceholderText("e.g. Data engineering role in renewable energy")
        self.roles = QLineEdit(fields.target_roles, self)
        self.roles.setPlaceholderText("Target roles, separated by commas")
        self.industries = QLineEdit(fields.target_industries, self)
        self.industries.setPlaceholderText("Target industries")
        self.note = QPlainTextEdit(fields.note, self)
        self.note.setFixedHeight(60)
        self.note.setTabChangesFocus(True)
        self.achieved = QDateEdit(self)
        self.achieved.setDisplayFormat("yyyy-MM-dd")
        self.achieved.setCalendarPopup(True)
        self.achieved.setSpecialValueText("not yet")
        self.achieved.setMinimumDate(to_qdate(date(1900, 1, 1)))
        self.achieved.setDate(
            to_qdate(fields.achieved_on) if fields.achieved_on else self.achieved.minimumDate()
        )
        self.created_on = fields.created_on
        self.people = PersonPicker(person_choices(workspace.db), self)
        if detail is not None:
            self.people.set_people(p.id for p in detail.people)
        self.organizations = QListWidget(self)
        self.organizations.setAccessibleName("Organisations serving this goal")
        linked = {o.id for o in detail.organizations} if detail else set()
        for org in goals.organizations(workspace.db):
            item = QListWidgetItem(org.name)
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if org.id in linked else Qt.CheckState.Unchecked
            )
            self.organizations.addItem(item)
        self.organizations.setMaximumHeight(120)

        form = QFormLayout(self)
        form.addRow("&Goal:", self.title)
        form.addRow("Target &roles:", self.roles)
        form.addRow("Target &industries:", self.industries)
        form.addRow("&Note:", self.note)
        form.addRow("&Achieved on:", self.achieved)
        form.addRow("&Contacts:", self.people)
        form.addRow("&Organisations:", self.organizations)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fields(self) -> GoalFields:
        achieved = None
        if self.achieved.date() != self.achieved.minimumDate():
            achieved = to_date(self.achieved.date())
        return GoalFields(
            self.title.text(),
            self.roles.text(),
            self.industries.text(),
            self.note.toPlainText(),
            self.created_on,
            achieved,
        )

    def organization_ids(self) -> list[int]:
        result = []
        for row in range(self.organizations.count()):
            item = self.organizations.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                result.append(item.data(Qt.ItemDataRole.UserRole))
        return result

    def accept(self) -> None:
        if not self.title.text().strip():
            self.title.setFocus()
            return
        super().accept()


class GoalsDialog(QDialog):
    """The list of goals beside the selected goal's detail."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Goals")
        self.resize(860, 520)
        writable = not workspace.read_only

        self.goal_list = QListWidget(self)
        self.goal_list.setAccessibleName("Goals")
        self.goal_list.currentItemChanged.connect(lambda *_: self._show_detail())
        new_button = QPushButton("&New…", self)
        new_button.clicked.connect(self.new_goal)
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.clicked.connect(self.edit_goal)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.clicked.connect(self.delete_goal)
        new_button.setEnabled(writable)
        list_buttons = QHBoxLayout()
        for button in (new_button, self.edit_button, self.delete_button):
            list_buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.goal_list)
        left_layout.addLayout(list_buttons)

        self.summary = PlainLabel("", self)
        self.told_list = QListWidget(self)
        self.told_list.setAccessibleName("Who has been told")
        self.untold_list = QListWidget(self)
        self.untold_list.setAccessibleName("Inner circles not told yet")
        self.untold_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.told_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.untold_list.itemDoubleClicked.connect(lambda _i: self.mark_told())
        self.told_on = QDateEdit(to_qdate(date.today()), self)
        self.told_on.setDisplayFormat("yyyy-MM-dd")
        self.told_on.setCalendarPopup(True)
        self.told_button = QPushButton("Told them on", self)
        self.told_button.setToolTip("Record that the selected people know about this goal")
        self.told_button.clicked.connect(self.mark_told)
        self.forget_button = QPushButton("Not told", self)
        self.forget_button.clicked.connect(self.forget_told)
        tell_row = QHBoxLayout()
        tell_row.addWidget(self.told_button)
        tell_row.addWidget(self.told_on)
        tell_row.addStretch(1)
        tell_row.addWidget(self.forget_button)
        self.tell_picker = PersonPicker(person_choices(workspace.db), self, single=True)
        self.tell_picker.setToolTip("Anyone else you told (outside the inner circles)")
        for widget in (self.told_button, self.forget_button, self.tell_picker):
            widget.setEnabled(writable)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(PlainLabel("Inner circles who don't know yet:", right))
        right_layout.addWidget(self.untold_list, 2)
        right_layout.addWidget(PlainLabel("Someone else:", right))
        right_layout.addWidget(self.tell_picker)
        right_layout.addLayout(tell_row)
        right_layout.addWidget(PlainLabel("Told:", right))
        right_layout.addWidget(self.told_list, 2)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)

        workspace.changed.connect(self._on_workspace_changed)
        self.reload()

    # -- showing -------------------------------------------------------------------------

    def current_goal_id(self) -> int | None:
        item = self.goal_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_goal_id()
        self.goal_list.blockSignals(True)
        self.goal_list.clear()
        for summary in goals.goals(self.workspace.db):
            mark = " ✓" if summary.achieved else ""
            item = QListWidgetItem(f"{summary.title}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.goal_list.addItem(item)
            if summary.id == keep:
                self.goal_list.setCurrentItem(item)
        if self.goal_list.currentItem() is None and self.goal_list.count():
            self.goal_list.setCurrentRow(0)
        self.goal_list.blockSignals(False)
        self._show_detail()

    def _show_detail(self) -> None:
        goal_id = self.current_goal_id()
        detail = goals.goal(self.workspace.db, goal_id) if goal_id is not None else None
        has_goal = detail is not None and not self.workspace.read_only
        for button in (self.edit_button, self.delete_button, self.told_button):
            button.setEnabled(has_goal)
        self.told_list.clear()
        self.untold_list.clear()
        if detail is None:
            self.summary.setText("No goal yet. New… says what you are aiming for.")
            return
        f = detail.fields
        lines = [f.title]
        if f.target_roles:
            lines.append(f"Roles: {f.target_roles}")
        if f.target_industries:
            lines.append(f"Industries: {f.target_industries}")
        people = ", ".join(p.name for p in detail.people) or "none yet"
        orgs = ", ".join(o.name for o in detail.organizations) or "none yet"
        lines.append(f"Contacts serving it: {people}")
        lines.append(f"Organisations: {orgs}")
        told, untold = detail.told_in_circles, len(detail.untold)
        lines.append(f"{told} of {told + untold} in your inner circles know about it.")
        self.summary.setText("\n".join(lines))
        for person in detail.untold:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.untold_list.addItem(item)
        for told_person in detail.disclosures:
            item = QListWidgetItem(f"{told_person.name} — {told_person.told_on.isoformat()}")
            item.setData(Qt.ItemDataRole.UserRole, told_person.person_id)
            self.told_list.addItem(item)

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if change.goals_changed or change.people_changed or change.people_removed:
            self.reload()

    # -- editing -------------------------------------------------------------------------

    def new_goal(self) -> None:
        editor = GoalEditor(self.workspace, None, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return
        command = SaveGoalCommand(
            self.workspace,
            None,
            editor.fields(),
            editor.people.person_ids(),
            editor.organization_ids(),
        )
        if self.workspace.execute(command):
            self.reload(select=command.goal_id)

    def edit_goal(self) -> None:
        goal_id = self.current_goal_id()
        detail = goals.goal(self.workspace.db, goal_id) if goal_id is not None else None
        if detail is None:
            return
        editor = GoalEditor(self.workspace, detail, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return
        self.workspace.execute(
            SaveGoalCommand(
                self.workspace,
                detail.id,
                editor.fields(),
                editor.people.person_ids(),
                editor.organization_ids(),
            )
        )

    def delete_goal(self) -> None:
        goal_id = self.current_goal_id()
        if goal_id is not None:
            self.workspace.execute(DeleteGoalCommand(self.workspace, goal_id))

    def _chosen_people(self) -> list[tuple[int, str]]:
        chosen = [
            (i.data(Qt.ItemDataRole.UserRole), i.text()) for i in self.untold_list.selectedItems()
        ]
        chosen += list(zip(self.tell_picker.person_ids(), self.tell_picker.names(), strict=True))
        return chosen

    def mark_told(self) -> None:
        goal_id = self.current_goal_id()
        chosen = self._chosen_people()
        if goal_id is None or not chosen:
            return
        told_on = to_date(self.told_on.date())
        questions = question_told_on(told_on, date.today())
        if questions and not confirm_dates(self, questions, "Record it"):
            return
        for person_id, name in chosen:
            self.workspace.execute(
                RecordDisclosureCommand(self.workspace, goal_id, person_id, told_on, name)
            )
        self.tell_picker.set_people([])

    def forget_told(self) -> None:
        goal_id = self.current_goal_id()
        if goal_id is None:
            return
        for item in self.told_list.selectedItems():
            person_id = item.data(Qt.ItemDataRole.UserRole)
            name = item.text().split(" — ")[0]
            self.workspace.execute(
                RecordDisclosureCommand(self.workspace, goal_id, person_id, None, name)
            )
