"""The detail panel: everything about the selected person, following the selection."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.values import Birthday, ChangeSet, PersonDetail
from desktop_app.storage.errors import PersonNotFoundError
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.contacts.contact_table_model import format_date
from desktop_app.ui.nurture.nurture_panel import NurturePanel
from desktop_app.ui.window.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.services.relationships import Tie

STRENGTH_WORDS = {1: "weak", 2: "light", 3: "medium", 4: "strong", 5: "very strong"}
TIE_ROLE = Qt.ItemDataRole.UserRole + 1  # the tie's id (UserRole: the other person's)


PHOTO_SIZE = 72


def _heading(text: str) -> QLabel:
    label = PlainLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class DetailPanel(QWidget):
    """Read view of one person with Edit and Delete; double-clicking a tie opens that person."""

    edit_requested = Signal(int)
    delete_requested = Signal(list)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.person_id: int | None = None

        self.empty_label = PlainLabel(
            "Select someone in the table or on the map to see everything about them here."
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setContentsMargins(16, 16, 16, 16)
        self.empty_label.setMinimumWidth(1)  # wrap inside the dock instead of widening it
        self.name_label = PlainLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.job_label = PlainLabel()
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Edit this contact (Ctrl+E)")
        self.delete_button = QPushButton("Delete")
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(
            lambda: self.person_id is not None and self.delete_requested.emit([self.person_id])
        )

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.jobs = PlainLabel()
        self.ties = QListWidget()
        self.timeline = QListWidget()
        self.ties.setAccessibleName("Relationships")
        self.timeline.setAccessibleName("Interactions")
        for lst in (self.ties, self.timeline):
            lst.setFrameShape(QFrame.Shape.NoFrame)
            lst.setWordWrap(True)
        self.ties.itemDoubleClicked.connect(self._on_ties_item_double_clicked)
        self.ties.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.ties.customContextMenuRequested.connect(self._show_ties_menu)
        self.timeline.setToolTip("Double-click to edit; right-click to edit or delete")
        self.timeline.itemDoubleClicked.connect(self._on_timeline_item_double_clicked)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.timeline.customContextMenuRequested.connect(self._show_timeline_menu)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        # The photo a vCard brought, as a thumbnail beside the name.
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.hide()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.job_label)
        header = QHBoxLayout()
        header.addWidget(self.photo_label)
        header.addLayout(names, 1)
        body_layout.addLayout(header)
        body_layout.addLayout(buttons)
        body_layout.addLayout(self.form)
        self.nurture = NurturePanel(workspace)
        body_layout.addWidget(self.nurture)
        for title, widget in (
            ("Employment", self.jobs),
            ("Relationships", self.ties),
            ("Interactions", self.timeline),
        ):
            body_layout.addWidget(_heading(title))
            body_layout.addWidget(widget)
        body_layout.addStretch(1)
        self.body = body

        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll)
        self.scroll_area = scroll
        self.show_person(None)

        workspace.current_person_changed.connect(self.show_person)
        workspace.changed.connect(self._on_workspace_changed)

    def _on_edit_button_clicked(self) -> None:
        if self.person_id is not None:
            self.edit_requested.emit(self.person_id)

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        detail: PersonDetail | None = None
        if person_id is not None:
            try:
                detail = self.workspace.contacts.detail(person_id)
            except PersonNotFoundError:
                self.person_id = None
        self.empty_label.setVisible(detail is None)
        self.scroll_area.setVisible(detail is not None)
        if detail is not None:
            self._fill(detail)
        self.nurture.show_person(None if detail is None or detail.is_me else person_id)

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        if self.person_id is None:
            return
        if (
            self.person_id in change.people_changed
            or change.relationships_changed
            or (change.interactions_changed or change.people_added)
        ):
            self.show_person(self.person_id)

    def _show_photo(self, d: PersonDetail) -> None:
        from desktop_app.services.photos import photo_bytes

        data = photo_bytes(self.workspace.db, d.id) if d.has_photo else None
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            self.photo_label.setPixmap(
                pixmap.scaled(
                    PHOTO_SIZE,
                    PHOTO_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.photo_label.show()
        else:
            self.photo_label.clear()
            self.photo_label.hide()

    def _fill(self, d: PersonDetail) -> None:
        self._show_photo(d)
        f = d.fields
        self.name_label.setText(f"{f.full_name} (me)" if d.is_me else f.full_name)
        current = next((j for j in d.employment if j.current), None)
        self.job_label.setText(
            " at ".join(p for p in (current.title, current.organization) if p) if current else ""
        )
        read_only = self.workspace.read_only
        self.edit_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and not d.is_me)

        while self.form.rowCount():
            self.form.removeRow(0)
        rows: list[tuple[str, str]] = [
            ("Circle", f.circle.label if f.circle else "—"),
            ("Tags", ", ".join(d.tags)),
            ("Email", "\n".join(_labeled(v.value, v.label) for v in d.emails)),
            ("Phone", "\n".join(_labeled(v.value, v.label) for v in d.phones)),
            ("Web", "\n".join(_labeled(v.value, v.label) for v in d.urls)),
            ("Address", "\n".join(a.one_line() for a in d.addresses)),
            ("Birthday", birthday_text(f.birthday)),
            ("How we met", f.how_we_met),
            ("Met on", format_date(f.met_on)),
            ("Check-in every", f"{f.cadence_days} days" if f.cadence_days else ""),
            ("Note", f.note),
            ("Source", d.source),
        ]
        for label, value in rows:
            if value:
                self.form.addRow(PlainLabel(label), PlainLabel(value))

        job_lines = []
        for job in d.employment:
            span = " – ".join(x for x in (format_date(job.start), format_date(job.end)) if x)
            state = "current" if job.current else "past"
            when = f"{state}, {span}" if span else state
            job_lines.append(f"{job.title or 'Role unknown'} at {job.organization} ({when})")
        self.jobs.setText("\n".join(job_lines) or "No employment recorded.")
        self.ties.clear()
        for tie in d.relationships:
            item = QListWidgetItem(
                f"{tie.other_name} — {tie.kind.replace('_', ' ')}, "
                f"{STRENGTH_WORDS.get(tie.strength, tie.strength)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, tie.other_id)
            item.setData(TIE_ROLE, tie.id)
            item.setToolTip("Double-click to open; right-click to change or remove the tie")
            self.ties.addItem(item)
        total_ties = self.workspace.contacts.relationship_count(d.id)
        if total_ties > len(d.relationships):
            self.ties.addItem(f"… and {total_ties - len(d.relationships):,} weaker ties")
        self.timeline.clear()
        for event in d.interactions:
            kind = event.kind.replace("_", " ")
            line = f"{format_date(event.occurred_on)} · {kind} · {event.direction}"
            if event.note:
                line += f"\n{event.note}"
            if event.follow_up_on:
                line += f"\nFollow up on {format_date(event.follow_up_on)}"
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            self.timeline.addItem(item)
        if not d.interactions:
            # Short enough for one line of a narrow panel (the list's height counts lines).
            self.timeline.addItem(
                "Listed under the people you met." if d.is_me else "None yet: Ctrl+L logs one."
            )
        for lst in (self.ties, self.timeline):
            # Wrapped rows are taller than sizeHintForRow says: leave room, then scroll.
            lines = sum(1 + lst.item(i).text().count("\n") for i in range(lst.count()))
            lst.setFixedHeight(min(240, max(28, lst.fontMetrics().lineSpacing() * lines + 24)))

    # -- ties ------------------------------------------------------------------------------

    def _show_ties_menu(self, position: QPoint) -> None:
        if self.person_id is None or self.workspace.read_only:
            return
        item = self.ties.itemAt(position)
        tie_id = item.data(TIE_ROLE) if item is not None else None
        menu = self.ties_menu(tie_id if isinstance(tie_id, int) else None)
        menu.exec(self.ties.viewport().mapToGlobal(position))

    def ties_menu(self, tie_id: int | None) -> QMenu:
        """Add a tie; for `tie_id` also open the other person, its strength, remove it."""
        from desktop_app.services import relationships

        menu = QMenu(self)
        tie = None
        if tie_id is not None:
            try:
                tie = relationships.tie(self.workspace.db, tie_id)
            except LookupError:
                tie = None
        if tie is not None:
            other = tie.b_id if tie.a_id == self.person_id else tie.a_id
            menu.addAction("Open", lambda: self.workspace.select_person(other))
            strength = menu.addMenu("Strength")
            for value, word in STRENGTH_WORDS.items():
                action = strength.addAction(f"{value} · {word}")
                action.setCheckable(True)
                action.setChecked(value == tie.strength)
                action.triggered.connect(lambda _c=False, v=value: self.set_tie_strength(tie, v))
            menu.addAction("Remove relationship", lambda: self.remove_tie(tie))
            menu.addSeparator()
        menu.addAction("Add relationship…", self.add_relationship)
        return menu

    def add_relationship(self) -> None:
        if self.person_id is None:
            return
        from desktop_app.ui.map.relationship_dialog import RelationshipDialog

        RelationshipDialog(self.workspace, self.person_id, self.window()).exec()

    def set_tie_strength(self, tie: Tie, strength: int) -> None:
        from desktop_app.ui.map.map_commands import SetTieStrengthCommand

        if strength != tie.strength:
            text = f"Make a tie {STRENGTH_WORDS[strength]}"
            self.workspace.execute(SetTieStrengthCommand(self.workspace, tie, strength, text))

    def remove_tie(self, tie: Tie) -> None:
        from desktop_app.ui.map.map_commands import RemoveRelationshipCommand

        self.workspace.execute(RemoveRelationshipCommand(self.workspace, tie, "Remove a tie"))

    # -- interactions ------------------------------------------------------------------------

    def _interaction_at(self, item: QListWidgetItem | None) -> int | None:
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, int) and not self.workspace.read_only else None

    def _on_timeline_item_double_clicked(self, item: QListWidgetItem) -> None:
        interaction_id = self._interaction_at(item)
        if interaction_id is not None:
            self.edit_interaction(interaction_id)

    def _show_timeline_menu(self, position: QPoint) -> None:
        interaction_id = self._interaction_at(self.timeline.itemAt(position))
        if interaction_id is None:
            return
        menu = self.timeline_menu(interaction_id)
        menu.exec(self.timeline.viewport().mapToGlobal(position))

    def timeline_menu(self, interaction_id: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Edit interaction…", lambda: self.edit_interaction(interaction_id))
        menu.addAction("Delete interaction", lambda: self.delete_interaction(interaction_id))
        return menu

    def edit_interaction(self, interaction_id: int) -> None:
        from desktop_app.ui.nurture.quick_log import open_interaction_editor

        open_interaction_editor(self.workspace, interaction_id, self.window())

    def delete_interaction(self, interaction_id: int) -> None:
        from desktop_app.ui.nurture.nurture_commands import DeleteInteractionCommand

        self.workspace.execute(
            DeleteInteractionCommand(self.workspace, interaction_id, "Delete interaction")
        )

    def _on_ties_item_double_clicked(self, item: QListWidgetItem) -> None:
        other = item.data(Qt.ItemDataRole.UserRole)
        if other is not None:
            self.workspace.select_person(int(other))


def birthday_text(birthday: Birthday | None) -> str:
    """'09 Dec 1906', or '09 Dec' when the year is not known."""
    if birthday is None:
        return ""
    shown = date(birthday.year or 2000, birthday.month, birthday.day)  # 2000: 29 Feb exists
    return format_date(shown) if birthday.year else shown.strftime("%d %b")


def _labeled(value: str, label: str) -> str:
    return f"{value} ({label})" if label else value
