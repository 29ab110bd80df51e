"""Events & interviews: plan an event (who is going, the prep sheet on screen and on paper),
capture whom I met right after it, and move informational interviews along their stages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.events import InterviewOutcome, InterviewStage
from desktop_app.domain.values import ChangeSet
from desktop_app.services import events, interviews
from desktop_app.services.events import EventFields, MetPerson
from desktop_app.services.interactions import person_choices
from desktop_app.services.interview_template import current_template
from desktop_app.services.prep_sheet import PrepSheet, prep_sheet
from desktop_app.ui.common.accessibility import leave_tables_with_tab
from desktop_app.ui.common.dates import (
    date_time_pattern,
    format_date,
    format_date_time,
    format_time,
)
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.events.event_dialogs import (
    EventDialog,
    confirm_delete,
    event_delete_question,
    list_keys,
)
from desktop_app.ui.events.events_commands import EventsEditCommand, InterviewTemplateCommand
from desktop_app.ui.events.groups_panel import GroupsPanel
from desktop_app.ui.events.pipeline_model import PipelineModel
from desktop_app.ui.events.template_dialog import TemplateDialog
from desktop_app.ui.window.workspace import Workspace

FUNNEL_MONTHS_SHOWN = 4
CAPTURE_HINT = "One person a line: name, where they work, one line about them"


def parse_capture(text: str) -> list[MetPerson]:
    """'Ana Lima, Zalando, hiring data engineers' → MetPerson (commas split the first two
    fields; the rest of the line is the note)."""
    people = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _, rest = line.partition(",")
        organization, _, note = rest.partition(",")
        people.append(MetPerson(name.strip(), organization.strip(), note.strip()))
    return people


class _CaptureEdit(QPlainTextEdit):
    """Return starts the next person; Ctrl+Return saves them all."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _python(value: QDateTime) -> datetime:
    result = value.toPython()
    assert isinstance(result, datetime)
    return result.replace(second=0, microsecond=0)


class EventsView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._choices: dict[str, int] = {}
        self._stale = False
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.left_tabs = QTabWidget(self)
        self.left_tabs.addTab(self._build_events(), "&Events")
        self.groups = GroupsPanel(workspace, self._person, self)
        self.left_tabs.addTab(self.groups, "Gro&ups")
        self.left_tabs.setMinimumWidth(300)
        splitter.addWidget(self.left_tabs)
        splitter.addWidget(self._build_sheet())
        splitter.addWidget(self._build_pipeline())
        splitter.setSizes([300, 520, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        leave_tables_with_tab(self)
        workspace.changed.connect(self._on_workspace_changed)
        self.refresh()

    # -- building --------------------------------------------------------------------------

    def _build_events(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        self.event_list = QListWidget(box)
        self.event_list.setAccessibleName("Events")
        self.event_list.currentItemChanged.connect(self._on_event_list_current_changed)
        layout.addWidget(self.event_list, 1)
        edit_row = QHBoxLayout()
        self.edit_event_button = QPushButton("Edit e&vent…", box)
        self.edit_event_button.setToolTip("Change the title, time, place, group or notes (F2)")
        self.edit_event_button.clicked.connect(self._on_edit_event_clicked)
        self.delete_event_button = QPushButton("Delete event", box)
        self.delete_event_button.setToolTip("Delete the event selected above (Delete)")
        self.delete_event_button.clicked.connect(self._on_delete_event_clicked)
        edit_row.addWidget(self.edit_event_button)
        edit_row.addWidget(self.delete_event_button)
        layout.addLayout(edit_row)
        list_keys(self.event_list, self._on_edit_event_clicked, self._on_delete_event_clicked)
        form = QFormLayout()
        self.title_edit = QLineEdit(box)
        self.title_edit.setPlaceholderText("PyData Berlin meetup")
        self.starts_edit = QDateTimeEdit(box)
        self.starts_edit.setDisplayFormat(date_time_pattern())
        self.starts_edit.setCalendarPopup(True)
        day = date.today() + timedelta(days=1)
        tomorrow = QDateTime(QDate(day.year, day.month, day.day), QTime(19, 0))
        self.starts_edit.setDateTime(tomorrow)
        self.ends_edit = QDateTimeEdit(box)
        self.ends_edit.setDisplayFormat(date_time_pattern())
        self.ends_edit.setCalendarPopup(True)
        self.ends_edit.setDateTime(tomorrow.addSecs(2 * 3600))
        self.place_edit = QLineEdit(box)
        self.group_combo = QComboBox(box)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Starts", self.starts_edit)
        form.addRow("&Ends", self.ends_edit)
        form.addRow("&Place", self.place_edit)
        form.addRow("&Group", self.group_combo)
        layout.addLayout(form)
        self.add_event_button = QPushButton("&Plan event", box)
        self.add_event_button.clicked.connect(self._on_add_event_clicked)
        layout.addWidget(self.add_event_button)
        going = QHBoxLayout()
        self.going_edit = QLineEdit(box)
        self.going_edit.setPlaceholderText("Someone you know who is going")
        self.going_edit.setAccessibleName("Who is going")
        self.going_edit.returnPressed.connect(self._on_going_clicked)
        self.going_button = QPushButton("Is &going", box)
        self.going_button.clicked.connect(self._on_going_clicked)
        going.addWidget(self.going_edit, 1)
        going.addWidget(self.going_button)
        layout.addLayout(going)
        return box

    def _build_sheet(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addWidget(PlainLabel("Prep sheet", box))
        self.sheet = QTextBrowser(box)
        self.sheet.setAccessibleName("Prep sheet")
        layout.addWidget(self.sheet, 3)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("P&rint prep sheet…", box)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.pdf_button = QPushButton("Save prep sheet as P&DF…", box)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout.addLayout(buttons)
        layout.addWidget(PlainLabel("People I met (after the event)", box))
        self.capture = _CaptureEdit(box)
        self.capture.setPlaceholderText(CAPTURE_HINT)
        self.capture.setAccessibleName("People I met")
        self.capture.setTabChangesFocus(True)
        layout.addWidget(self.capture, 1)
        self.capture_button = QPushButton("Save people &met (Ctrl+Return)", box)
        self.capture_button.clicked.connect(self._on_capture_clicked)
        self.capture.submitted.connect(self._on_capture_clicked)
        layout.addWidget(self.capture_button)
        return box

    def _build_pipeline(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addWidget(PlainLabel("Informational interviews", box))
        self.pipeline_model = PipelineModel(self)
        self.pipeline = QTableView(box)
        self.pipeline.setModel(self.pipeline_model)
        self.pipeline.setAccessibleName("Informational interviews")
        self.pipeline.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.pipeline.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.pipeline.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.pipeline.horizontalHeader().setStretchLastSection(True)
        self.pipeline.verticalHeader().hide()
        self.pipeline.selectionModel().currentRowChanged.connect(self._on_pipeline_current_changed)
        layout.addWidget(self.pipeline, 1)
        self.funnel_label = PlainLabel("", box)
        self.funnel_label.setWordWrap(True)
        layout.addWidget(self.funnel_label)
        row = QHBoxLayout()
        self.next_button = QPushButton("&Next stage", box)
        self.next_button.clicked.connect(self._on_next_stage_clicked)
        self.outcome_combo = QComboBox(box)
        self.outcome_combo.setAccessibleName("Outcome")
        for outcome in InterviewOutcome:
            self.outcome_combo.addItem(outcome.label, outcome)
        row.addWidget(self.next_button)
        row.addWidget(self.outcome_combo)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.copy_button = QPushButton("&Copy request", box)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.mail_button = QPushButton("Open in mai&l", box)
        self.mail_button.clicked.connect(self._on_mail_clicked)
        row.addWidget(self.copy_button)
        row.addWidget(self.mail_button)
        layout.addLayout(row)
        add = QHBoxLayout()
        self.idea_edit = QLineEdit(box)
        self.idea_edit.setPlaceholderText("Someone to learn from")
        self.idea_edit.setAccessibleName("Someone to learn from")
        self.learn_edit = QLineEdit(box)
        self.learn_edit.setPlaceholderText("what you want to learn")
        self.learn_edit.setAccessibleName("What you want to learn")
        self.idea_button = QPushButton("Add &idea", box)
        self.idea_button.clicked.connect(self._on_idea_clicked)
        add.addWidget(self.idea_edit, 1)
        add.addWidget(self.learn_edit, 1)
        add.addWidget(self.idea_button)
        layout.addLayout(add)
        self.questions_label = PlainLabel("Questions to ask", box)
        layout.addWidget(self.questions_label)
        self.questions = QListWidget(box)
        self.questions.setAccessibleName("Questions to ask")
        self.questions.setToolTip(
            "Select the questions you want (Ctrl+click, Shift+click); Copy questions copies "
            "those, or all of them when none is selected"
        )
        self.questions.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.questions.setWordWrap(True)
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.questions, 1)
        row = QHBoxLayout()
        self.copy_questions_button = QPushButton("Copy &questions", box)
        self.copy_questions_button.setToolTip("Copies the selected questions (all if none is)")
        self.copy_questions_button.clicked.connect(self._on_copy_questions_clicked)
        self.template_button = QPushButton("Edit request && questions…", box)
        self.template_button.setToolTip("Your own request text and question bank, for this network")
        self.template_button.clicked.connect(self._on_template_clicked)
        row.addWidget(self.copy_questions_button)
        row.addWidget(self.template_button)
        layout.addLayout(row)
        return box

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.workspace.db
        current = self.current_event_id()
        self.event_list.blockSignals(True)
        self.event_list.clear()
        now = datetime.now()
        for event in events.events(db):
            label = f"{event.title}\n{format_date_time(event.starts_at)}"
            if event.is_over(now) and event.open_follow_ups:
                label += f" · {len(event.open_follow_ups)} to follow up"
            item = QListWidgetItem(label, self.event_list)
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            if event.id == current:
                self.event_list.setCurrentItem(item)
        self.event_list.blockSignals(False)
        if self.event_list.currentItem() is None and self.event_list.count():
            self.event_list.setCurrentRow(self._first_upcoming(now))
        self._show_sheet()
        self.group_combo.clear()
        self.group_combo.addItem("(no group)", None)
        for group in events.groups(db):
            self.group_combo.addItem(group.name, group.id)
        self._choices = {c.label: c.id for c in person_choices(db)}
        self.groups.set_completer(sorted(self._choices))
        self.groups.refresh()
        for edit in (self.going_edit, self.idea_edit):
            completer = QCompleter(sorted(self._choices), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        self._fill_pipeline()

    def _first_upcoming(self, now: datetime) -> int:
        for row in range(self.event_list.count()):
            event_id = self.event_list.item(row).data(Qt.ItemDataRole.UserRole)
            if not events.event(self.workspace.db, event_id).is_over(now):
                return row
        return 0

    def current_event_id(self) -> int | None:
        item = self.event_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _prep_sheet(self, event_id: int) -> PrepSheet:
        """The sheet with its dates as the rest of the window writes them."""
        return prep_sheet(self.workspace.db, event_id, format_date, format_date_time, format_time)

    def _show_sheet(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            self.sheet.setPlainText("Plan your first event on the left.")
            return
        self.sheet.setHtml(self._prep_sheet(event_id).html())

    def _fill_pipeline(self) -> None:
        current = self._selected_interview()
        self.pipeline_model.set_interviews(interviews.interviews(self.workspace.db))
        row = self.pipeline_model.row_of(current)
        if row is not None:
            self.pipeline.selectRow(row)
        self.pipeline.resizeColumnsToContents()
        funnel = interviews.funnel(self.workspace.db)
        months = [m.text for m in funnel.months[-FUNNEL_MONTHS_SHOWN:]]
        self.funnel_label.setText("\n".join([funnel.comparison(), *months]))
        self._show_questions()

    def _selected_interview(self) -> int | None:
        return self.pipeline_model.interview_id(self.pipeline.currentIndex().row())

    def _show_questions(self) -> None:
        interview_id = self._selected_interview()
        self.questions.clear()
        if interview_id is None:
            self.questions_label.setText("Questions to ask (select an interview)")
            return
        facts = interviews.interview(self.workspace.db, interview_id)
        self.questions_label.setText(f"Questions to ask {facts.name}")
        self.questions.addItems(interviews.questions_for(self.workspace.db, interview_id))

    def _person(self, text: str) -> int | None:
        text = text.strip()
        if text in self._choices:
            return self._choices[text]
        matches = [
            pid for label, pid in self._choices.items() if label.casefold() == text.casefold()
        ]
        if len(matches) == 1:
            return matches[0]
        self.workspace.error_raised.emit(f"No contact called “{text}”: pick one from the list.")
        return None

    # -- slots ------------------------------------------------------------------------------

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        relevant = (
            change.events_changed
            or change.interactions_changed
            or change.people_added
            or change.people_removed
            or change.documents_changed
        )
        if not relevant:
            return
        if self.isVisible():
            self.refresh()
        else:  # read once, when the view is shown again (an import may change much)
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_pipeline_current_changed(self, *_args: object) -> None:
        self._show_questions()

    def _on_copy_questions_clicked(self) -> None:
        items = [self.questions.item(r) for r in range(self.questions.count())]
        chosen = [i for i in items if i.isSelected()] or items
        if chosen:
            lines = [f"{n}. {item.text()}" for n, item in enumerate(chosen, 1)]
            QGuiApplication.clipboard().setText("\n".join(lines))

    def _on_template_clicked(self) -> None:
        dialog = TemplateDialog(current_template(self.workspace.db), self)
        while dialog.exec():
            command = InterviewTemplateCommand(self.workspace, dialog.template())
            if self.workspace.execute(command):
                return
            # refused (the message is shown): the dialog opens again with what was typed

    def _on_event_list_current_changed(self, *_args: object) -> None:
        self._show_sheet()

    def _on_add_event_clicked(self) -> None:
        fields = EventFields(
            title=self.title_edit.text(),
            starts_at=_python(self.starts_edit.dateTime()),
            ends_at=_python(self.ends_edit.dateTime()),
            place=self.place_edit.text(),
            group_id=self.group_combo.currentData(),
        )

        def call() -> tuple[events.EventsUndo, ChangeSet]:
            _id, undo, change = events.create_event(self.workspace.db, fields)
            return undo, change

        command = EventsEditCommand(self.workspace, f"Plan {fields.title.strip()}", call)
        if self.workspace.execute(command):
            self.title_edit.clear()
            self.place_edit.clear()

    def _on_edit_event_clicked(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        db = self.workspace.db
        dialog = EventDialog(events.event(db, event_id), events.groups(db), self)
        while dialog.exec():
            fields = dialog.fields()
            command = EventsEditCommand(
                self.workspace,
                f"Edit {fields.title.strip()}",
                partial(events.update_event, db, event_id, fields),
            )
            if self.workspace.execute(command):
                return
            # refused (the message is shown): the dialog opens again with what was typed

    def _on_delete_event_clicked(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        db = self.workspace.db
        event = events.event(db, event_id)
        if not confirm_delete(self, event_delete_question(event)):
            return
        command = EventsEditCommand(
            self.workspace, f"Delete {event.title}", lambda: events.delete_event(db, event_id)
        )
        self.workspace.execute(command)

    def _on_going_clicked(self) -> None:
        event_id = self.current_event_id()
        person_id = self._person(self.going_edit.text())
        if event_id is None or person_id is None:
            return
        db = self.workspace.db
        command = EventsEditCommand(
            self.workspace,
            f"{self.going_edit.text().strip()} is going",
            lambda: events.mark_going(db, event_id, person_id),
        )
        if self.workspace.execute(command):
            self.going_edit.clear()

    def _on_capture_clicked(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        people = parse_capture(self.capture.toPlainText())
        db = self.workspace.db

        def call() -> tuple[events.EventsUndo, ChangeSet]:
            _result, undo, change = events.capture_met(db, event_id, people)
            return undo, change

        count = len(people)
        text = f"Capture {count} {'person' if count == 1 else 'people'} met"
        if self.workspace.execute(EventsEditCommand(self.workspace, text, call)):
            self.capture.clear()

    def _on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from desktop_app.services.printing.prep_pdf import print_prep_sheet

        event_id = self.current_event_id()
        if event_id is None:
            return
        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            print_prep_sheet(self._prep_sheet(event_id), printer)

    def _on_pdf_clicked(self) -> None:
        from desktop_app.services.printing.options import PrintError
        from desktop_app.services.printing.prep_pdf import write_prep_pdf

        event_id = self.current_event_id()
        if event_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save prep sheet", "prep-sheet.pdf", "PDF (*.pdf)"
        )
        if not name:
            return
        try:
            write_prep_pdf(self._prep_sheet(event_id), Path(name))
        except (PrintError, OSError) as error:
            self.workspace.error_raised.emit(str(error))

    def _on_next_stage_clicked(self) -> None:
        interview_id = self._selected_interview()
        if interview_id is None:
            return
        current = interviews.interview(self.workspace.db, interview_id)
        stage = current.stage.next
        if stage is None:
            self.workspace.error_raised.emit(f"The interview with {current.name} is complete.")
            return
        outcome = self.outcome_combo.currentData() if stage is InterviewStage.FOLLOWED_UP else None
        db = self.workspace.db
        command = EventsEditCommand(
            self.workspace,
            f"{current.name}: {stage.label.lower()}",
            lambda: interviews.advance(db, interview_id, stage, outcome=outcome),
        )
        self.workspace.execute(command)

    def _on_copy_clicked(self) -> None:
        interview_id = self._selected_interview()
        if interview_id is not None:
            request = interviews.request_for(self.workspace.db, interview_id)
            QGuiApplication.clipboard().setText(request.text)

    def _on_mail_clicked(self) -> None:
        interview_id = self._selected_interview()
        if interview_id is not None:
            request = interviews.request_for(self.workspace.db, interview_id)
            QDesktopServices.openUrl(QUrl(request.mailto))

    def _on_idea_clicked(self) -> None:
        person_id = self._person(self.idea_edit.text())
        if person_id is None:
            return
        learn = self.learn_edit.text()
        db = self.workspace.db

        def call() -> tuple[events.EventsUndo, ChangeSet]:
            _id, undo, change = interviews.add_interview(db, person_id, learn)
            return undo, change

        text = f"Informational interview idea: {self.idea_edit.text().strip()}"
        if self.workspace.execute(EventsEditCommand(self.workspace, text, call)):
            self.idea_edit.clear()
            self.learn_edit.clear()
