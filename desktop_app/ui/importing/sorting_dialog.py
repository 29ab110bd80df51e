"""Sort people into circles, fast, with the keyboard: the suggestions of a history import
(a circle from how often and how recently we spoke; two contacts seen together) and the
people without a circle, one at a time. Nothing changes until a key says so; each decision
is its own undo step.

Keys: 1 inner, 2 close, 3 familiar, 4 acquaintance; Enter accepts the suggestion (the
circle, or the tie); S or Right skips; Backspace or Ctrl+Z takes the last decision back;
Esc closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop_app.domain.enums import Circle, RelationshipKind
from desktop_app.services.history.report import HistoryReport
from desktop_app.ui.window.workspace import Workspace

CIRCLE_KEYS = {
    Qt.Key.Key_1: Circle.INNER,
    Qt.Key.Key_2: Circle.CLOSE,
    Qt.Key.Key_3: Circle.FAMILIAR,
    Qt.Key.Key_4: Circle.ACQUAINTANCE,
}
TIE_KIND = RelationshipKind.ACQUAINTANCE  # seen together: they know each other, no more
TIE_STRENGTH = 2


@dataclass(frozen=True, slots=True)
class PersonToSort:
    person_id: int
    name: str
    current: Circle | None
    suggested: Circle | None
    reason: str


@dataclass(frozen=True, slots=True)
class TieToSort:
    a: int
    b: int
    names: tuple[str, str]
    count: int


SortItem = PersonToSort | TieToSort


def items_from_history(history: HistoryReport) -> list[SortItem]:
    """The circle suggestions that would change something (most talked-to first), then
    the ties (most shared interactions first)."""
    names = history.names
    people: list[SortItem] = [
        PersonToSort(s.person_id, names.get(s.person_id, ""), s.current, s.circle, s.reason)
        for s in sorted(history.circles, key=lambda s: (-s.count, s.person_id))
        if s.current != s.circle
    ]
    ties: list[SortItem] = [
        TieToSort(t.a, t.b, (names.get(t.a, ""), names.get(t.b, "")), t.count) for t in history.ties
    ]
    return people + ties


def unsorted_people(workspace: Workspace, skip: set[int]) -> list[SortItem]:
    """Everyone without a circle (not me), most recently in touch first."""
    rows = [
        s
        for s in workspace.contacts.summaries()
        if s.circle is None and not s.is_me and s.id not in skip
    ]
    rows.sort(
        key=lambda s: (
            s.last_contact is None,
            -(s.last_contact.toordinal() if s.last_contact else 0),
            s.full_name,
        )
    )
    return [
        PersonToSort(
            s.id,
            s.full_name,
            None,
            None,
            f"last contact {s.last_contact.isoformat()}" if s.last_contact else "no contact yet",
        )
        for s in rows
    ]


def sorting_items(workspace: Workspace, history: HistoryReport | None) -> list[SortItem]:
    """What the Network menu's sorting goes through: the last history import's suggestions
    (this session), then the people still without a circle."""
    items = _as_now(workspace, items_from_history(history)) if history is not None else []
    seen = {i.person_id for i in items if isinstance(i, PersonToSort)}
    return items + unsorted_people(workspace, seen)


def _as_now(workspace: Workspace, items: list[SortItem]) -> list[SortItem]:
    """The suggestions with each person's circle as it is now: those already followed,
    and people no longer there (deleted, an import undone), are left out."""
    ids = {i.person_id for i in items if isinstance(i, PersonToSort)}
    ids |= {p for i in items if isinstance(i, TieToSort) for p in (i.a, i.b)}
    circles = {s.id: s.circle for s in workspace.contacts.summaries(sorted(ids))}
    now: list[SortItem] = []
    for item in items:
        if isinstance(item, TieToSort):
            if item.a in circles and item.b in circles:
                now.append(item)
        elif item.person_id in circles and circles[item.person_id] != item.suggested:
            now.append(replace(item, current=circles[item.person_id]))
    return now


class SortingDialog(QDialog):
    """Goes through `items` one at a time; every decision is one undo step."""

    def __init__(
        self, workspace: Workspace, items: Sequence[SortItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.items = list(items)
        self.position = 0
        # (position, whether an undo step was pushed) per decision, for Backspace
        self.decisions: list[tuple[int, bool]] = []
        self.circles_set = 0
        self.ties_added = 0
        self.setWindowTitle("Sort people into circles")
        self.resize(640, 320)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.progress_label = self._label()
        self.bar = QProgressBar(self)
        self.bar.setRange(0, max(1, len(self.items)))
        self.bar.setTextVisible(False)
        self.bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.name_label = self._label()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.now_label = self._label()
        self.suggestion_label = self._label()
        self.keys_label = self._label()
        self.done_label = self._label()
        for widget in (self.progress_label, self.bar, self.name_label, self.now_label):
            layout.addWidget(widget)
        layout.addWidget(self.suggestion_label)
        layout.addStretch(1)
        layout.addWidget(self.done_label)
        layout.addWidget(self.keys_label)
        self._show()

    def _label(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names come from imported files
        label.setWordWrap(True)
        return label

    @property
    def current(self) -> SortItem | None:
        return self.items[self.position] if self.position < len(self.items) else None

    # -- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.matches(QKeySequence.StandardKey.Undo) or (plain and key == Qt.Key.Key_Backspace):
            self.undo_last()
        elif plain and key in CIRCLE_KEYS:
            self.choose_circle(CIRCLE_KEYS[Qt.Key(key)])
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_suggestion()
        elif plain and key in (Qt.Key.Key_S, Qt.Key.Key_Right):
            self.skip()
        else:
            super().keyPressEvent(event)

    # -- decisions -----------------------------------------------------------------------

    def choose_circle(self, circle: Circle) -> None:
        item = self.current
        if not isinstance(item, PersonToSort):
            return
        if item.current == circle:  # already there: nothing to change, nothing to undo
            self._advance(pushed=False)
            return
        from desktop_app.ui.contacts.contact_commands import EditPersonCommand

        try:
            fields = self.workspace.contacts.fields(item.person_id)
        except LookupError:  # deleted meanwhile
            self._advance(pushed=False)
            return
        command = EditPersonCommand(
            self.workspace,
            item.person_id,
            replace(fields, circle=circle),
            text=f"{item.name}: {circle.label}",
        )
        if self.workspace.execute(command):
            self.circles_set += 1
            self._advance(pushed=True)

    def accept_suggestion(self) -> None:
        item = self.current
        if isinstance(item, PersonToSort):
            if item.suggested is not None:
                self.choose_circle(item.suggested)
        elif isinstance(item, TieToSort):
            self.add_tie(item)

    def add_tie(self, item: TieToSort) -> None:
        from desktop_app.ui.map.map_commands import AddRelationshipCommand

        command = AddRelationshipCommand(
            self.workspace, item.a, item.b, TIE_KIND, TIE_STRENGTH, item.names
        )
        if self.workspace.execute(command):
            self.ties_added += 1
            self._advance(pushed=True)
        else:  # already linked that way (said through error_raised): nothing to add
            self._advance(pushed=False)

    def skip(self) -> None:
        if self.current is not None:
            self._advance(pushed=False)

    def undo_last(self) -> None:
        """Take the last decision back (a skip only goes back to its item)."""
        if not self.decisions:
            return
        position, pushed = self.decisions.pop()
        if pushed:
            self.workspace.undo_stack.undo()
            if isinstance(self.items[position], TieToSort):
                self.ties_added -= 1
            else:
                self.circles_set -= 1
        self.position = position
        self._show()

    def _advance(self, *, pushed: bool) -> None:
        self.decisions.append((self.position, pushed))
        self.position += 1
        self._show()

    # -- showing -------------------------------------------------------------------------

    def _show(self) -> None:
        total = len(self.items)
        self.bar.setValue(min(self.position, total))
        done = f"{self.circles_set:,} circle(s) set, {self.ties_added:,} tie(s) added."
        self.done_label.setText(done)
        item = self.current
        if item is None:
            self.progress_label.setText(f"{total:,} of {total:,}" if total else "")
            self.name_label.setText("All done" if total else "Nothing to sort")
            self.now_label.setText(
                "Everyone has been gone through." if total else "Everyone has a circle."
            )
            self.suggestion_label.setText("")
            self.keys_label.setText("Backspace: back to the last one · Esc: close")
            return
        self.progress_label.setText(f"{self.position + 1:,} of {total:,}")
        if isinstance(item, PersonToSort):
            self.workspace.select_person(item.person_id)  # the details show who this is
            self.name_label.setText(item.name or f"Contact #{item.person_id}")
            now = item.current.label if item.current else "no circle yet"
            self.now_label.setText(f"Circle now: {now}")
            if item.suggested is not None:
                self.suggestion_label.setText(f"Suggested: {item.suggested.label} ({item.reason})")
                enter = " · Enter: accept the suggestion"
            else:
                self.suggestion_label.setText(f"No suggestion ({item.reason})")
                enter = ""
            circles = " · ".join(f"{n} {c.label}" for n, c in enumerate(Circle, 1))
            self.keys_label.setText(
                f"{circles}{enter} · S or →: skip · Backspace or Ctrl+Z: undo the last · Esc: close"
            )
        else:
            a, b = item.names
            self.name_label.setText(f"{a or f'#{item.a}'} and {b or f'#{item.b}'}")
            self.now_label.setText("Suggested tie: they know each other")
            self.suggestion_label.setText(
                f"Seen together on {item.count:,} interaction(s) of the import."
            )
            self.keys_label.setText(
                "Enter: link them · S or →: skip · Backspace or Ctrl+Z: undo the last · Esc: close"
            )
