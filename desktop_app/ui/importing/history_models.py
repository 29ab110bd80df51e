"""Table models of the preview's history part: people matched, people who are not
contacts (each can be chosen to be added), and what was left out and why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.domain.values import NewPerson
from desktop_app.services.history.report import CircleSuggestion, HistoryReport, UnmatchedPerson
from desktop_app.ui.common.dates import format_date
from desktop_app.ui.importing.preview_models import Index, RowsModel

LEFT_OUT_REASONS = {
    "mailing_list": "mailing lists",
    "bulk": "bulk mail",
    "automatic": "automatic replies",
    "no_reply": "no-reply and notification senders",
    "too_many_recipients": "more than 20 recipients",
    "linkedin_system": "LinkedIn's own messages",
    "cancelled": "cancelled events",
    "declined": "events I declined",
    "too_many_attendees": "more than 20 attendees",
    "not_yet": "not yet happened",
    "no_date": "without a readable date",
    "only_me": "only me on it",
    "no_attendees": "events without guests",
}
CHANNELS = {"email": "mail", "linkedin": "LinkedIn", "calendar": "calendar"}


def left_out_model(history: HistoryReport) -> RowsModel:
    rows = [
        (LEFT_OUT_REASONS.get(reason, reason), f"{count:,}")
        for reason, count in sorted(history.left_out.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return RowsModel(("Left out", "How many"), rows)


def matched_model(history: HistoryReport) -> RowsModel:
    def row(s: CircleSuggestion) -> tuple[str, ...]:
        return (
            history.names.get(s.person_id, "") or f"#{s.person_id}",
            f"{s.count:,}",
            s.current.label if s.current else "",
            s.circle.label,
            s.reason,
        )

    circles = sorted(history.circles, key=lambda s: (-s.count, s.person_id))
    return RowsModel(
        ("Contact", "Interactions", "Circle now", "Suggested circle", "Why"),
        [row(s) for s in circles],
    )


def _when(person: UnmatchedPerson) -> tuple[str, str]:
    first = format_date(person.first)
    last = format_date(person.last)
    return first, last


class UnmatchedModel(RowsModel):
    """The people I talk to who are not contacts; the first column's box says "add"."""

    def __init__(self, people: Sequence[UnmatchedPerson]) -> None:
        self.people = list(people)
        self.chosen: set[int] = set()
        super().__init__(
            ("Add", "Name", "E-mail or profile", "Messages and events", "First", "Last"),
            [
                ("", p.name, p.email or p.profile_url, f"{p.count:,}", *_when(p))
                for p in self.people
            ],
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = index.row() in self.chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self.set_chosen([index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def set_chosen(self, rows: Sequence[int], chosen: bool) -> None:
        if not rows:
            return
        for row in rows:
            (self.chosen.add if chosen else self.chosen.discard)(row)
        self.dataChanged.emit(
            self.index(min(rows), 0), self.index(max(rows), 0), [Qt.ItemDataRole.CheckStateRole]
        )

    def people_to_add(self) -> list[NewPerson]:
        return [self.people[row].as_new_person() for row in sorted(self.chosen)]


def channel_counts(by_channel: Mapping[str, int]) -> str:
    parts = [
        f"{by_channel[c]:,} from {label}" for c, label in CHANNELS.items() if by_channel.get(c)
    ]
    return ", ".join(parts)
