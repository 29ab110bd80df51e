"""The Due list: who is due a check-in, a follow-up or a thank-you, and why.

Done by logging an interaction (double-click, or Log…); snoozing hides a person until a
date; a follow-up can also be ticked off on its own.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import durations
from desktop_app.domain.cadence import DueItem, DueReason, catch_up_first
from desktop_app.domain.values import ChangeSet
from desktop_app.services import reminders
from desktop_app.ui.common.check_in_colours import SNOOZES
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.nurture.asking import to_date, to_qdate
from desktop_app.ui.nurture.nurture_commands import FollowUpDoneCommand, SnoozeCommand
from desktop_app.ui.today.due_model import DueModel
from desktop_app.ui.window.workspace import Workspace

# More people waiting than this is a backlog: offered as a catch-up, a few at a time.
CATCH_UP_FROM = 12
CATCH_UP_FIRST = 5
WRAP_ROWS = 40  # up to this many rows are as tall as their wrapped details


class DueListWidget(QWidget):
    """`within_days` also lists what falls due soon (0: only what is due now).

    A long list is not a wall of red: past `CATCH_UP_FROM` people it shows the first
    `CATCH_UP_FIRST` ("68 people are waiting; start with these 5") and a button shows all.
    """

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, within_days: int = 3
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.within_days = within_days
        self.model = DueModel(self)
        self.summary = PlainLabel("", self)
        self.showing_all = False
        self.show_all_button = QPushButton(self)
        self.show_all_button.clicked.connect(self._on_show_all_button_clicked)
        self.show_all_button.hide()

        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for its buttons
        self.table.setModel(self.model)
        self.table.setAccessibleName("Due list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a short list wraps its details (WRAP_ROWS)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *_: self._fit_rows())
        # Fixed starting widths: sizing to contents would measure every row of a long list.
        em = self.fontMetrics().horizontalAdvance("M")
        # The Due column fits its longest words ("overdue by 11 months").
        due_width = self.fontMetrics().horizontalAdvance("overdue by 11 months") + em
        header.resizeSection(0, max(round(9.5 * em), due_width))
        for column, width in ((1, 11), (2, 8)):
            header.resizeSection(column, round(width * em))
        self.table.doubleClicked.connect(lambda _i: self.log_selected())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)

        self.log_button = QPushButton("&Log…", self)
        self.log_button.setToolTip("Log an interaction: that is what makes it done")
        self.log_button.clicked.connect(self.log_selected)
        # A push button draws its menu arrow beside the text, never over it.
        self.snooze_button = QPushButton("Snooze", self)
        self.snooze_button.setMenu(self._snooze_menu(self))
        self.done_button = QPushButton("Follow-up done", self)
        self.done_button.clicked.connect(self.follow_up_done)
        buttons = QHBoxLayout()
        for widget in (self.log_button, self.snooze_button, self.done_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_all_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self.reload)
        workspace.changed.connect(self._on_workspace_changed)
        self.reload()

    # -- data ----------------------------------------------------------------------------

    def reload(self) -> None:
        today = date.today()
        items = reminders.due_list(self.workspace.db, today, within_days=self.within_days)
        waiting = len({i.person_id for i in items})
        backlog = waiting > CATCH_UP_FROM
        self.show_all_button.setVisible(backlog)
        shown = items
        if backlog and not self.showing_all:
            shown = catch_up_first(items, CATCH_UP_FIRST)
            self.show_all_button.setText(f"Show &all {waiting}")
        elif backlog:
            self.show_all_button.setText("Show the first &few")
        self.model.set_items(shown, today)
        if len(shown) <= WRAP_ROWS:  # the short columns as wide as what they show now
            for column in (0, 1, 2):
                self.table.resizeColumnToContents(column)
        self._fit_rows()
        late = sum(1 for i in items if i.due <= today)
        soon = len(items) - late
        horizon = durations.span(self.within_days)
        ahead = f"{soon} coming up in the next {horizon}" if soon else ""
        if backlog and not self.showing_all:
            self.summary.setText(
                f"{waiting} people are waiting; start with these {len(shown)}. "
                "Each one you log makes room for the next."
            )
        elif not items and not self.anyone_but_me():
            self.summary.setText(
                "Nobody to keep in touch with yet: add people (Ctrl+N) or import them (Ctrl+I)."
            )
        elif not items:
            self.summary.setText("Nobody is due. Well kept!")
        elif not late:
            self.summary.setText(f"Nothing due now; {ahead}.")
        else:
            self.summary.setText(f"{late} due now" + (f", {ahead}." if ahead else "."))
        self._update_buttons()

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped text, for a short list; measuring a long one would
        cost, and its tooltips carry every cell in full."""
        if self.model.rowCount() <= WRAP_ROWS:
            self.table.resizeRowsToContents()

    def _on_show_all_button_clicked(self) -> None:
        self.showing_all = not self.showing_all
        self.reload()

    def anyone_but_me(self) -> bool:
        contacts = self.workspace.contacts
        return contacts.count() > (1 if contacts.me_id() is not None else 0)

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if (
            change.people_changed
            or change.people_added
            or change.people_removed
            or (change.interactions_changed)
            or change.events_changed  # interview steps and event follow-ups
        ):
            self._reload_timer.start(0)

    def current_item(self) -> DueItem | None:
        row = self.table.currentIndex().row()
        return self.model.items[row] if 0 <= row < len(self.model.items) else None

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        item = self.current_item()
        if item is not None:
            self.workspace.select_person(item.person_id)

    def _update_buttons(self) -> None:
        item = self.current_item()
        writable = not self.workspace.read_only
        self.log_button.setEnabled(item is not None and writable)
        self.snooze_button.setEnabled(item is not None and writable)
        self.done_button.setEnabled(
            writable and item is not None and item.reason is DueReason.FOLLOW_UP
        )

    # -- actions -------------------------------------------------------------------------

    def log_selected(self) -> None:
        item = self.current_item()
        if item is None:
            return
        from desktop_app.ui.nurture.quick_log import open_quick_log

        open_quick_log(self.workspace, [item.person_id], self.window())

    def snooze_selected(self, days: int | None) -> None:
        """Snooze for `days`, or ask for a date when None."""
        item = self.current_item()
        if item is None:
            return
        today = date.today()
        if days is None:
            until = self._ask_date(today + timedelta(days=7))
            if until is None or until <= today:
                return
        else:
            until = today + timedelta(days=days)
        self.workspace.execute(SnoozeCommand(self.workspace, item.person_id, until, item.name))

    def follow_up_done(self) -> None:
        item = self.current_item()
        if item is None or item.interaction_id is None or item.reason is not DueReason.FOLLOW_UP:
            return
        self.workspace.execute(FollowUpDoneCommand(self.workspace, item.interaction_id, item.name))

    def _snooze_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        for label, days in SNOOZES:
            action = QAction(f"For {label}", menu)
            action.triggered.connect(lambda _c=False, d=days: self.snooze_selected(d))
            menu.addAction(action)
        pick = QAction("Until…", menu)
        pick.triggered.connect(lambda: self.snooze_selected(None))
        menu.addAction(pick)
        return menu

    def _show_menu(self, position: Any) -> None:
        if self.current_item() is None or self.workspace.read_only:
            return
        menu = QMenu(self)
        menu.addAction("Log interaction…", self.log_selected)
        menu.addMenu(self._snooze_menu(menu)).setText("Snooze")
        if self.done_button.isEnabled():
            menu.addAction("Follow-up done", self.follow_up_done)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _ask_date(self, initial: date) -> date | None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Snooze until")
        calendar = QCalendarWidget(dialog)
        calendar.setSelectedDate(to_qdate(initial))
        calendar.setMinimumDate(to_qdate(date.today() + timedelta(days=1)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return to_date(calendar.selectedDate())
