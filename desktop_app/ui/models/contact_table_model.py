"""The contact table's model: ids in display order plus a row cache, filtered and sorted
inside the model.

Why not QSortFilterProxyModel: over a Python model it calls `data()` per cell and takes
seconds to sort 100,000 rows (docs/platform-notes.md). Here filtering is a list comprehension over
pre-lowered strings, sorting a `sorted()` over pre-computed keys, then one model reset.
At start only the ids and the visible rows are read; the rest loads on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import IntEnum
from itertools import chain, compress
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.domain.cadence import CheckInState
from desktop_app.domain.enums import Circle
from desktop_app.domain.values import ChangeSet, ContactSummary

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    ORGANIZATION = 1
    TITLE = 2
    CIRCLE = 3
    TAGS = 4
    LAST_CONTACT = 5
    NEXT_CHECK_IN = 6
    BALANCE = 7


HEADERS = {
    Column.NAME: "Name",
    Column.ORGANIZATION: "Organisation",
    Column.TITLE: "Title",
    Column.CIRCLE: "Circle",
    Column.TAGS: "Tags",
    Column.LAST_CONTACT: "Last contact",
    Column.NEXT_CHECK_IN: "Next check-in",
    Column.BALANCE: "Give / ask",
}
EDITABLE = {Column.NAME, Column.ORGANIZATION, Column.TITLE, Column.CIRCLE, Column.TAGS}
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        PERSON_ID_ROLE,
    }
)


def format_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _sort_key(column: Column) -> Callable[[ContactSummary], Any]:
    far = date.max
    keys: dict[Column, Callable[[ContactSummary], Any]] = {
        Column.NAME: lambda s: s.full_name.casefold(),
        Column.ORGANIZATION: lambda s: (not s.organization, s.organization.casefold()),
        Column.TITLE: lambda s: (not s.title, s.title.casefold()),
        Column.CIRCLE: lambda s: s.circle.rank if s.circle else 99,
        Column.TAGS: lambda s: (not s.tags, s.tags.casefold()),
        Column.LAST_CONTACT: lambda s: s.last_contact or date.min,
        Column.NEXT_CHECK_IN: lambda s: s.next_check_in or far,
        Column.BALANCE: lambda s: s.balance,
    }
    return keys[column]


_REINSERT_AT_MOST = 64
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _natural_key(s: ContactSummary) -> tuple[bool, str, int]:
    """The order of `ids_in_name_order`: me first, then the name as SQLite's NOCASE
    compares it (ASCII letters folded, then code points), then id."""
    return (not s.is_me, s.full_name.translate(_ASCII_LOWER), s.id)


def _bisect(ids: list[int], after: Callable[[int], bool]) -> int:
    """The first position whose id sorts `after` the one being placed (`ids` sorted)."""
    low, high = 0, len(ids)
    while low < high:
        middle = (low + high) // 2
        if after(ids[middle]):
            high = middle
        else:
            low = middle + 1
    return low


def _drop(ids: list[int], hay: list[str] | None, gone: set[int] | frozenset[int]) -> None:
    """Remove `gone` from `ids` (and the parallel `hay`) in place."""
    if len(gone) <= _REINSERT_AT_MOST:  # a few: find each in C rather than loop in Python
        for person_id in gone:
            try:
                position = ids.index(person_id)
            except ValueError:
                continue
            del ids[position]
            if hay is not None:
                del hay[position]
        return
    if hay is not None:
        kept = [(i, h) for i, h in zip(ids, hay, strict=True) if i not in gone]
        hay[:] = [h for _i, h in kept]
        ids[:] = [i for i, _h in kept]
    else:
        ids[:] = [i for i in ids if i not in gone]


class ContactTableModel(QAbstractTableModel):
    """Rows are people; `edit_requested` asks the view to turn an edit into an undo command."""

    edit_requested = Signal(int, int, object)  # person id, Column, new value
    filter_applied = Signal(int, int)  # shown rows, all rows

    def __init__(
        self,
        load_ids: Callable[[], list[int]],
        load_summaries: Callable[[Iterable[int] | None], list[ContactSummary]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._load_ids = load_ids
        self._load_summaries = load_summaries
        self._all_ids: list[int] = []
        self._shown: list[int] = []
        self._cache: dict[int, ContactSummary] = {}
        # Rows in sort order with their lower-cased search text, in parallel lists built in
        # one go (contiguous strings scan ~3x faster than ones scattered over the heap).
        self._base: list[int] | None = None
        self._base_hay: list[str] = []
        self._shown_hay: list[str] = []
        self._display_rows: dict[int, tuple[str, ...]] = {}
        self._complete = False
        self._filter = ""
        self._sort: tuple[Column, Qt.SortOrder] | None = None
        self.today = date.today()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the ids afresh; rows are fetched when they are first shown."""
        self.beginResetModel()
        self._all_ids = self._load_ids()
        self._cache.clear()
        self._base = None
        self._display_rows.clear()
        self._complete = False
        self._shown = list(self._all_ids)
        self.endResetModel()
        if self._filter or self._sort:
            self._recompute()

    def adopt_all(self, summaries: list[ContactSummary]) -> None:
        """Take every row at once (read by a background loader)."""
        for summary in summaries:
            self._remember(summary)
        self._complete = len(self._cache) >= len(self._all_ids)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, 7))

    @property
    def is_complete(self) -> bool:
        return self._complete

    def _ensure_complete(self) -> None:
        if not self._complete:
            self.adopt_all(self._load_summaries(None))
            self._complete = True

    def _remember(self, summary: ContactSummary) -> None:
        self._cache[summary.id] = summary
        self._display_rows.pop(summary.id, None)

    @staticmethod
    def _search_text(summary: ContactSummary) -> str:
        circle = summary.circle.label if summary.circle else ""
        return " ".join(
            (summary.full_name, summary.organization, summary.title, circle, summary.tags)
        ).casefold()

    def summary_at(self, row: int) -> ContactSummary | None:
        if not 0 <= row < len(self._shown):
            return None
        person_id = self._shown[row]
        summary = self._cache.get(person_id)
        if summary is None:
            page = [
                i for i in self._shown[max(0, row - PAGE // 4) : row + PAGE] if i not in self._cache
            ]
            for loaded in self._load_summaries(page):
                self._remember(loaded)
            summary = self._cache.get(person_id)
        return summary

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if Column(index.column()) in EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # the hot path while painting: cached strings
            person_id = self._shown[index.row()]
            texts = self._display_rows.get(person_id)
            if texts is None:
                summary = self.summary_at(index.row())
                if summary is None:
                    return None
                texts = tuple(self._display(summary, c) for c in Column)
                self._display_rows[person_id] = texts
            return texts[index.column()]
        summary = self.summary_at(index.row())
        if summary is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(summary, column)
        if role == PERSON_ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.NEXT_CHECK_IN:
            return self._due_brush(summary.check_in_state)
        if role == Qt.ItemDataRole.FontRole and summary.is_me and column == Column.NAME:
            font = QApplication.font()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, s: ContactSummary, column: Column) -> str:
        if column == Column.NAME:
            return f"{s.full_name} (me)" if s.is_me else s.full_name
        if column == Column.ORGANIZATION:
            return s.organization
        if column == Column.TITLE:
            return s.title
        if column == Column.CIRCLE:
            return s.circle.label if s.circle else ""
        if column == Column.TAGS:
            return s.tags
        if column == Column.LAST_CONTACT:
            return format_date(s.last_contact)
        if column == Column.NEXT_CHECK_IN:
            return format_date(s.next_check_in)
        if s.gave == s.asked == 0:
            return ""
        return f"{s.balance:+d}" if s.balance else "0"

    def _edit_value(self, s: ContactSummary, column: Column) -> Any:
        if column == Column.NAME:
            return s.full_name
        if column == Column.CIRCLE:
            return s.circle.value if s.circle else ""
        return self._display(s, column)

    def _tooltip(self, s: ContactSummary, column: Column) -> str | None:
        if column == Column.BALANCE:
            return f"You gave {s.gave} times and asked {s.asked} times."
        if column == Column.NEXT_CHECK_IN and s.next_check_in:
            days = (s.next_check_in - self.today).days
            if days < 0:
                return f"{s.check_in_state.label}: {-days} days past the check-in date"
            return "Due today" if days == 0 else f"Next check-in in {days} days"
        return None

    def _due_brush(self, state: CheckInState) -> QBrush | None:
        """Due and overdue stand out; on track stays calm (states from domain/cadence.py)."""
        dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        if state is CheckInState.OVERDUE:
            return QBrush(QColor("#ff7b72" if dark else "#b3261e"))
        if state is CheckInState.DUE:
            return QBrush(QColor("#e3b341" if dark else "#8a5a00"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        summary = self.summary_at(index.row())
        column = Column(index.column())
        if summary is None or column not in EDITABLE:
            return False
        if value == self._edit_value(summary, column):
            return False
        self.edit_requested.emit(summary.id, int(column), value)
        return False  # the change lands through an undo command and `apply_change`

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column`; -1 (no sort indicator) restores me-first, then by name."""
        self._sort = (Column(column), order) if 0 <= column < len(Column) else None
        self._base = None
        self._recompute()

    # -- filtering -----------------------------------------------------------------------
    #
    # Invariant: `_all_ids` is in natural order (me first, then by name as SQLite's NOCASE
    # compares, then id: `ids_in_name_order`); `_base` is `_all_ids` stably sorted by the
    # current column (or a copy of it) with `_base_hay` its search texts; `_shown` and
    # `_shown_hay` are exactly `_base` filtered by `_filter`. Every change restores it, so
    # a narrowing filter may start from `_shown`, and the rows never depend on how the
    # filter text was typed.

    def set_filter(self, text: str) -> None:
        """Show only rows whose name, organisation, title, circle or tags hold every word."""
        previous, self._filter = self._filter, text.casefold().strip()
        narrowing = bool(previous) and self._filter.startswith(previous)
        self._recompute(narrowing)

    def _ensure_base(self) -> list[int]:
        if self._base is None:
            cache = self._cache
            base = list(self._all_ids)
            if self._sort is not None:
                column, order = self._sort
                key = _sort_key(column)
                descending = order == Qt.SortOrder.DescendingOrder
                base.sort(key=lambda i: key(cache[i]), reverse=descending)
            self._base_hay = [self._search_text(cache[i]) for i in base]
            self._base = base
        return self._base

    def _filtered(self, narrowing: bool) -> tuple[list[int], list[str]]:
        base = self._ensure_base()
        words = self._filter.split()
        if not words:
            return list(base), list(self._base_hay)
        pool, pool_hay = (self._shown, self._shown_hay) if narrowing else (base, self._base_hay)
        if len(words) == 1:
            word = words[0]
            mask = [word in h for h in pool_hay]
        else:
            mask = [all(w in h for w in words) for h in pool_hay]
        return list(compress(pool, mask)), list(compress(pool_hay, mask))

    def _recompute(self, narrowing: bool = False) -> None:
        self._ensure_complete()
        shown, shown_hay = self._filtered(narrowing)
        self.beginResetModel()
        self._shown, self._shown_hay = shown, shown_hay
        self.endResetModel()
        self.filter_applied.emit(len(shown), len(self._all_ids))

    # -- changes -------------------------------------------------------------------------

    def apply_change(self, change: ChangeSet) -> None:
        """Refresh only the people the change touched; each lands where a fresh table
        would put it (its place in the sort, shown only if it matches the filter)."""
        touched = (change.people_added | change.people_changed) - change.people_removed
        if not (touched or change.people_removed):
            return
        moved = touched | change.people_removed
        for person_id in change.people_removed:
            self._cache.pop(person_id, None)
            self._display_rows.pop(person_id, None)
        # Placing people needs their neighbours' rows: read them all once, as the first
        # filter keystroke does, then each change costs milliseconds.
        self._ensure_complete()
        summaries = self._load_summaries(touched) if touched else []
        touched = frozenset(s.id for s in summaries)  # an id gone meanwhile is not shown
        if len(moved) > _REINSERT_AT_MOST:  # an import or a restore: sorting is quicker
            self._all_ids = [i for i in self._all_ids if i not in moved]
            for summary in summaries:
                self._remember(summary)
            self._all_ids.extend(touched)
            self._all_ids.sort(key=lambda i: _natural_key(self._cache[i]))
            self._base = None
        else:
            _drop(self._all_ids, None, moved)
            if self._base is not None:
                _drop(self._base, self._base_hay, moved)
            for summary in summaries:
                self._remember(summary)
            for person_id in touched:
                self._insert(person_id)
        self._ensure_base()
        shown, shown_hay = self._filtered(narrowing=False)
        self._show(shown, shown_hay, touched)
        self.filter_applied.emit(len(shown), len(self._all_ids))

    def _insert(self, person_id: int) -> None:
        """Put one person back into `_all_ids` and `_base` at their sorted places."""
        cache = self._cache
        natural = _natural_key(cache[person_id])
        self._all_ids.insert(
            _bisect(self._all_ids, lambda i: _natural_key(cache[i]) > natural), person_id
        )
        if self._base is None:
            return
        if self._sort is None:
            position = _bisect(self._base, lambda i: _natural_key(cache[i]) > natural)
        else:
            column, order = self._sort
            key = _sort_key(column)
            mine = key(cache[person_id])
            descending = order == Qt.SortOrder.DescendingOrder

            def after(i: int) -> bool:
                theirs = key(cache[i])
                if theirs == mine:
                    return _natural_key(cache[i]) > natural
                return theirs < mine if descending else theirs > mine

            position = _bisect(self._base, after)
        self._base.insert(position, person_id)
        self._base_hay.insert(position, self._search_text(cache[person_id]))

    def _show(self, shown: list[int], shown_hay: list[str], touched: frozenset[int]) -> None:
        """Reset only when the rows changed; otherwise repaint the touched ones."""
        if shown == self._shown:
            self._shown_hay = shown_hay
            for row, person_id in enumerate(shown):
                if person_id in touched:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            return
        self.beginResetModel()
        self._shown, self._shown_hay = shown, shown_hay
        self.endResetModel()

    def row_with_name_prefix(self, prefix: str, start: int) -> int | None:
        """The first shown row from `start` on (wrapping round) whose name starts with
        `prefix`, ignoring case: the table's type-ahead."""
        self._ensure_complete()
        wanted, cache, shown = prefix.casefold(), self._cache, self._shown
        start = min(max(start, 0), len(shown))
        for row in chain(range(start, len(shown)), range(start)):
            if cache[shown[row]].full_name.casefold().startswith(wanted):
                return row
        return None

    def row_of(self, person_id: int) -> int | None:
        try:
            return self._shown.index(person_id)
        except ValueError:
            return None

    def rows_of(self, person_ids: set[int]) -> list[int]:
        """The shown rows of these people, in order (those not shown are left out)."""
        if len(person_ids) <= 8:
            found = (self.row_of(i) for i in person_ids)
            return sorted(r for r in found if r is not None)
        return [r for r, i in enumerate(self._shown) if i in person_ids]

    def person_ids_between(self, top: int, bottom: int) -> list[int]:
        """The ids of rows `top` to `bottom`, both included."""
        return self._shown[max(top, 0) : bottom + 1]

    def person_id_at(self, row: int) -> int | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    @property
    def total(self) -> int:
        return len(self._all_ids)


CIRCLE_CHOICES: tuple[tuple[str, str], ...] = (("", "—"), *((c.value, c.label) for c in Circle))
