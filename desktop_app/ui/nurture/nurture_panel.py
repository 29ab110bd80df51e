"""The detail panel's "Keeping in touch" section: check-in state, give/ask, goals, actions.

It sits on the start path (inside the detail panel), so the services, which bring
SQLAlchemy along, are imported when a contact is first shown, not when the window opens.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.cadence import CheckInState
from desktop_app.domain.values import ChangeSet
from desktop_app.ui.common.check_in_colours import SNOOZES, state_dot
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.window.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.services.person_nurture import PersonNurture


class NurturePanel(QWidget):
    """Call `show_person(id)`; it refreshes itself when that person changes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.person_id: int | None = None
        self.info: PersonNurture | None = None
        heading = PlainLabel("Keeping in touch", self)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.check_in = PlainLabel("", self)
        self.check_in.setAccessibleName("Check-in")
        self.state_dot = QLabel(self)
        self.state_dot.setFixedSize(14, 14)
        check_in_row = QHBoxLayout()
        check_in_row.addWidget(self.state_dot, 0, Qt.AlignmentFlag.AlignTop)
        check_in_row.addWidget(self.check_in, 1)
        self.balance = PlainLabel("", self)
        self.balance.setAccessibleName("Give and ask")
        self.pending = PlainLabel("", self)
        self.goals = PlainLabel("", self)
        self.log_button = QPushButton("Log…", self)
        self.log_button.setToolTip("Log an interaction with this person (Ctrl+L)")
        self.log_button.clicked.connect(self.log)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for label, days in SNOOZES:
            action = QAction(f"For {label}", menu)
            action.triggered.connect(lambda _c=False, d=days: self.snooze(d))
            menu.addAction(action)
        self.wake_action = QAction("Wake up now", menu)
        self.wake_action.triggered.connect(lambda: self.snooze(None))
        menu.addAction(self.wake_action)
        self.snooze_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(check_in_row)
        for widget in (self.balance, self.pending, self.goals):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        workspace.changed.connect(self._on_workspace_changed)
        self.show_person(None)

    def show_person(self, person_id: int | None) -> None:
        """Show `person_id`'s section; None (or me) hides it."""
        self.person_id = person_id
        self.info = None
        if person_id is not None:
            from desktop_app.services.person_nurture import person_nurture

            try:
                self.info = person_nurture(self.workspace.db, person_id)
            except LookupError:  # me, or someone just deleted
                self.info = None
        self.setVisible(self.info is not None)
        if self.info is None:
            return
        info, today = self.info, date.today()
        self.check_in.setText(info.check_in_text(today))
        self.state_dot.setPixmap(state_dot(info.state, self.state_dot.width()))
        self.balance.setText(info.balance_text())
        pending = [f"{i.reason.label} by {i.due.isoformat()}" for i in info.pending]
        self.pending.setText("; ".join(pending))
        self.pending.setVisible(bool(pending))
        lines = []
        if info.goals_served:
            lines.append("Serves: " + ", ".join(g.name for g in info.goals_served))
        if info.goals_told:
            told = ", ".join(f"{t} ({d.isoformat()})" for t, d in info.goals_told)
            lines.append(f"Knows about: {told}")
        self.goals.setText("\n".join(lines))
        self.goals.setVisible(bool(lines))
        writable = not self.workspace.read_only
        self.log_button.setEnabled(writable)
        self.snooze_button.setEnabled(writable and info.state is not CheckInState.NONE)
        snoozed = info.snoozed_until is not None and info.snoozed_until > today
        self.wake_action.setVisible(snoozed)

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if self.person_id is not None and (
            self.person_id in change.people_changed or change.goals_changed
        ):
            self.show_person(self.person_id)

    def log(self) -> None:
        if self.person_id is not None:
            from desktop_app.ui.nurture.quick_log import open_quick_log

            open_quick_log(self.workspace, [self.person_id], self.window())

    def snooze(self, days: int | None) -> None:
        if self.person_id is None:
            return
        from desktop_app.ui.nurture.nurture_commands import SnoozeCommand

        until = date.today() + timedelta(days=days) if days else None
        name = self.workspace.contacts.fields(self.person_id).full_name
        self.workspace.execute(SnoozeCommand(self.workspace, self.person_id, until, name))
