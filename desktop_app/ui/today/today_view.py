"""Today: what is due, recent activity, goals, and the numbers that matter, as plots."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.values import ChangeSet
from desktop_app.services import dashboard, goals, reciprocity
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.nurture.nurture_commands import DeleteInteractionCommand
from desktop_app.ui.today.due_list import DueListWidget
from desktop_app.ui.today.today_plots import (
    ActivityPlot,
    CirclePlot,
    FunnelPlot,
    GiveAskPlot,
    funnel_context,
    kind_label,
)
from desktop_app.ui.window.workspace import Workspace

RECENT_LIMIT = 12


def _box(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def serving_text(people: int, organizations: int) -> str:
    """'2 contacts and 1 organisation serve it', leaving out what is none."""
    parts = [
        f"{count} {noun}{'' if count == 1 else 's'}"
        for count, noun in ((people, "contact"), (organizations, "organisation"))
        if count
    ]
    if not parts:
        return "no contact or organisation linked yet"
    verb = "serves" if people + organizations == 1 else "serve"
    return f"{' and '.join(parts)} {verb} it"


def activity_line(record: object) -> str:
    from desktop_app.domain.values import InteractionRecord

    assert isinstance(record, InteractionRecord)
    kind = kind_label(record.kind)
    who = ", ".join(record.participants) or "nobody"
    line = f"{record.occurred_on.isoformat()}  {kind} with {who} ({record.direction})"
    note = " ".join(record.note.split())
    if note:
        line += f" — {note[:80]}{'…' if len(note) > 80 else ''}"
    return line


class TodayView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._stale = True

        self.due = DueListWidget(workspace, self)
        self.goals_list = QListWidget(self)
        self.goals_list.setAccessibleName("Goals")
        self.goals_list.setWordWrap(True)
        self.goals_list.itemDoubleClicked.connect(lambda _i: self.open_goals())
        goals_buttons = QWidget(self)
        self.goals_button = QPushButton("&Goals…", goals_buttons)
        self.goals_button.clicked.connect(self.open_goals)
        self.share_button = QPushButton("&Share something useful…", goals_buttons)
        self.share_button.clicked.connect(self.open_share)
        self.share_button.setEnabled(not workspace.read_only)
        buttons = QHBoxLayout(goals_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.goals_button)
        buttons.addWidget(self.share_button)
        buttons.addStretch(1)
        self.ask_heavy_list = QListWidget(self)
        self.ask_heavy_list.setAccessibleName("Relationships where you ask a lot")
        self.ask_heavy_list.itemActivated.connect(self._select_item_person)
        self.ask_heavy_list.itemClicked.connect(self._select_item_person)
        self.recent_list = QListWidget(self)
        self.recent_list.setAccessibleName("Recent activity")
        self.recent_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent_list.customContextMenuRequested.connect(self._show_recent_menu)
        self.ask_heavy_list.setWordWrap(True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_box("Due", self.due), 3)
        self.goals_box = _box("Goals", self.goals_list, goals_buttons)
        left_layout.addWidget(self.goals_box, 1)
        left_layout.addWidget(_box("Asking more than giving", self.ask_heavy_list), 1)
        left_layout.addWidget(_box("Recent activity", self.recent_list), 2)

        right = QWidget(self)
        grid = QGridLayout(right)
        grid.setContentsMargins(0, 0, 0, 0)
        self.activity_plot = ActivityPlot(right)
        self.give_ask_plot = GiveAskPlot(right)
        self.circle_plot = CirclePlot(right)
        self.funnel_plot = FunnelPlot(right)
        self.funnel_note = PlainLabel("", right)
        self.funnel_note.setAccessibleName("Informational-interview context")
        for plot, name in (
            (self.activity_plot, "Interactions per week"),
            (self.give_ask_plot, "Give and ask"),
            (self.circle_plot, "Circle sizes"),
            (self.funnel_plot, "From conversations to offers"),
        ):
            plot.widget.setAccessibleName(name)
        grid.addWidget(self.activity_plot.widget, 0, 0)
        grid.addWidget(self.give_ask_plot.widget, 0, 1)
        grid.addWidget(self.circle_plot.widget, 1, 0)
        grid.addWidget(self.funnel_plot.widget, 1, 1)
        grid.addWidget(self.funnel_note, 2, 0, 1, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)
        workspace.changed.connect(self._on_workspace_changed)
        self.refresh()

    # -- refreshing ----------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.workspace.db
        self._stale = False
        self._fill_goals()
        self.ask_heavy_list.clear()
        for balance in reciprocity.ask_heavy(db):
            item = QListWidgetItem(balance.warning())
            item.setData(Qt.ItemDataRole.UserRole, balance.person_id)
            self.ask_heavy_list.addItem(item)
        if self.ask_heavy_list.count() == 0 and self.due.anyone_but_me():
            self.ask_heavy_list.addItem("Nobody: your relationships are two-way.")
        elif self.ask_heavy_list.count() == 0:
            self.ask_heavy_list.addItem("People you keep asking without giving back show here.")
        self.recent_list.clear()
        for record in dashboard.recent_activity(db, RECENT_LIMIT):
            item = QListWidgetItem(activity_line(record))
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.recent_list.addItem(item)
        if self.recent_list.count() == 0:
            self.recent_list.addItem("Nothing logged yet. Ctrl+L logs an interaction.")
        activity = dashboard.weekly_activity(db)
        self.activity_plot.update(activity)
        self.give_ask_plot.update(activity)
        self.circle_plot.update(dashboard.circle_sizes(db))
        funnel = dashboard.funnel(db)
        self.funnel_plot.update(funnel)
        self.funnel_note.setText(funnel_context(funnel))

    def _fill_goals(self) -> None:
        self.goals_list.clear()
        for summary in goals.goals(self.workspace.db):
            told = summary.told_in_circles
            total = told + summary.untold
            state = "achieved · " if summary.achieved else ""
            self.goals_list.addItem(
                f"{summary.title}\n{state}{told} of {total} in your inner circles know · "
                f"{serving_text(summary.people, summary.organizations)}"
            )
        if self.goals_list.count() == 0:
            self.goals_list.addItem("No goals yet. Say what you are aiming for: Goals…")

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if self.isVisible():
            self._refresh_timer.start(0)
        else:
            self._stale = True

    def changeEvent(self, event: QEvent) -> None:
        """View ▸ Theme: the plots take the new colours (labels and legends on refresh)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "funnel_plot"):
            from desktop_app.ui.today.today_plots import restyle

            for plot in (
                self.activity_plot,
                self.give_ask_plot,
                self.circle_plot,
                self.funnel_plot,
            ):
                restyle(plot.widget, self.palette())
            if self.isVisible():
                self._refresh_timer.start(0)
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh_timer.start(0)

    # -- actions -------------------------------------------------------------------------

    def _select_item_person(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(person_id, int):
            self.workspace.select_person(person_id)

    def _show_recent_menu(self, position: QPoint) -> None:
        item = self.recent_list.itemAt(position)
        if item is None or self.workspace.read_only:
            return
        interaction_id = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(interaction_id, int):
            return
        menu = QMenu(self)
        menu.addAction("Edit interaction…", lambda: self.edit_interaction(interaction_id))
        menu.addAction("Delete interaction", lambda: self.delete_interaction(interaction_id))
        menu.exec(self.recent_list.viewport().mapToGlobal(position))

    def edit_interaction(self, interaction_id: int) -> None:
        from desktop_app.ui.nurture.quick_log import open_interaction_editor

        open_interaction_editor(self.workspace, interaction_id, self.window())

    def delete_interaction(self, interaction_id: int) -> None:
        """Delete a logged interaction (undoable); due dates are recomputed without it."""
        self.workspace.execute(
            DeleteInteractionCommand(self.workspace, interaction_id, "Delete interaction")
        )

    def open_goals(self) -> None:
        from desktop_app.ui.nurture.goals_dialog import GoalsDialog

        GoalsDialog(self.workspace, self.window()).exec()

    def open_share(self) -> None:
        from desktop_app.ui.nurture.share_dialog import ShareDialog

        ShareDialog(self.workspace, self.window()).exec()
