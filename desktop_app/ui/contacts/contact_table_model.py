"""The contact table's model: ids in display order plus a row cache, filtered and sorted
inside the model.

Each column is described once, in `COLUMNS` (a `ColumnSpec` per column, as Anki's browser
does): header, initial width, alignment, display text, sort key, tooltip, text colour (from
the check-in palette, `ui/common/check_in_colours.py`) and, for editable ones, how an edit becomes
a person's change (`edit_command`, the undoable command the view runs).

Why not QSortFilterProxyModel: over a Python model it calls `data()` per cell and takes
seconds to sort 100,000 rows (docs/platform-notes.md). Here filtering is a list comprehension over
pre-lowered strings, sorting a `sorted()` over pre-computed keys, then one model reset.
At start only the ids and the visible rows are read; the rest loads on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import IntEnum
from itertools import chain, compress
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.domain import durations
from desktop_app.domain.enums import Circle
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.values import ChangeSet, ContactSummary, PersonFields
from desktop_app.ui.common.check_in_colours import state_text_colour
from desktop_app.ui.common.dates import format_date

if TYPE_CHECKING:
    from desktop_app.ui.contacts.contact_commands import EditPersonCommand
    from desktop_app.ui.window.workspace import Workspace

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


@dataclass(frozen=True, slots=True)
class CellEdit:
    """What an edited cell changes: the person's fields, and their tags or current job
    when the cell holds those (None: unchanged)."""

    fields: PersonFields
    tags: tuple[str, ...] | None = None
    job: tuple[str, str] | None = None


# An editable cell's rule: (the person's fields, their row, the text typed) → the change.
EditRule = Callable[[PersonFields, ContactSummary | None, str], CellEdit]


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """Everything about one column of the contact table."""

    column: Column
    header: str
    display: Callable[[ContactSummary], str]
    sort_key: Callable[[ContactSummary], Any]
    width: int | None = None  # initial width in pixels; None: the header's own (the last stretches)
    alignment: Qt.AlignmentFlag | None = None
    edit_value: Callable[[ContactSummary], Any] | None = None  # EditRole; None: the display
    edit: EditRule | None = None  # None: not editable (a double click opens the person)
    tooltip: Callable[[ContactSummary, date], str | None] | None = None
    coloured_by_check_in: bool = False  # text coloured by due / overdue
    bold_for_me: bool = False

    @property
    def editable(self) -> bool:
        return self.edit is not None


def _name_edit(fields: PersonFields, _row: ContactSummary | None, text: str) -> CellEdit:
    if not text:
        raise RuleError("A contact needs a name.")
    return CellEdit(replace(fields, full_name=text))


def _circle_edit(fields: PersonFields, _row: ContactSummary | None, text: str) -> CellEdit:
    return CellEdit(replace(fields, circle=Circle(text) if text else None))


def _tags_edit(fields: PersonFields, _row: ContactSummary | None, text: str) -> CellEdit:
    return CellEdit(
        fields, tags=tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    )


def _organization_edit(fields: PersonFields, row: ContactSummary | None, text: str) -> CellEdit:
    return CellEdit(fields, job=(text, row.title if row else ""))


def _title_edit(fields: PersonFields, row: ContactSummary | None, text: str) -> CellEdit:
    return CellEdit(fields, job=(row.organization if row else "", text))


def _balance_text(s: ContactSummary) -> str:
    if s.gave == s.asked == 0:
        return ""
    return f"{s.balance:+d}" if s.balance else "0"


def _check_in_tooltip(s: ContactSummary, today: date) -> str | None:
    if not s.next_check_in:
        return None
    days = (s.next_check_in - today).days
    if days < 0:
        return f"{s.check_in_state.label}: {durations.overdue_by(-days)}"
    return "Due today" if days == 0 else f"Next check-in {durations.from_now(days)}"


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        Column.NAME,
        "Name",
        display=lambda s: f"{s.full_name} (me)" if s.is_me else s.full_name,
        sort_key=lambda s: s.full_name.casefold(),
        width=180,
        edit_value=lambda s: s.full_name,
        edit=_name_edit,
        bold_for_me=True,
    ),
    ColumnSpec(
        Column.ORGANIZATION,
        "Organisation",
        display=lambda s: s.organization,
        sort_key=lambda s: (not s.organization, s.organization.casefold()),
        width=150,
        edit=_organization_edit,
    ),
    ColumnSpec(
        Column.TITLE,
        "Title",
        display=lambda s: s.title,
        sort_key=lambda s: (not s.title, s.title.casefold()),
        width=150,
        edit=_title_edit,
    ),
    ColumnSpec(
        Column.CIRCLE,
        "Circle",
        display=lambda s: s.circle.label if s.circle else "",
        sort_key=lambda s: s.circle.rank if s.circle else 99,
        width=95,
        edit_value=lambda s: s.circle.value if s.circle else "",
        edit=_circle_edit,
    ),
    ColumnSpec(
        Column.TAGS,
        "Tags",
        display=lambda s: s.tags,
        sort_key=lambda s: (not s.tags, s.tags.casefold()),
        width=130,
        edit=_tags_edit,
    ),
    ColumnSpec(
        Column.LAST_CONTACT,
        "Last contact",
        display=lambda s: format_date(s.last_contact),
        sort_key=lambda s: s.last_contact or date.min,
        width=95,
    ),
    ColumnSpec(
        Column.NEXT_CHECK_IN,
        "Next check-in",
        display=lambda s: format_date(s.next_check_in),
        sort_key=lambda s: s.next_check_in or date.max,
        width=100,
        tooltip=_check_in_tooltip,
        coloured_by_check_in=True,
    ),
    ColumnSpec(
        Column.BALANCE,
        "Give / ask",
        display=_balance_text,
        sort_key=lambda s: s.balance,
        alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        tooltip=lambda s, _today: f"You gave {s.gave} times and asked {s.asked} times.",
    ),
)
assert tuple(spec.column for spec in COLUMNS) == tuple(Column), "one spec per column, in order"
_DISPLAYS = tuple(spec.display for spec in COLUMNS)


def edit_command(
    workspace: Workspace, person_id: int, column: Column, value: object
) -> EditPersonCommand:
    """The undoable command for typing `value` into `column` of a person's row; a
    `RuleError` when the rule of the column refuses it (an empty name)."""
    from desktop_app.ui.contacts.contact_commands import EditPersonCommand

    spec = COLUMNS[column]
    if spec.edit is None:
        raise RuleError(f"The {spec.header.lower()} column cannot be edited.")
    contacts = workspace.contacts
    row = next(iter(contacts.summaries([person_id])), None)
    text = str(value).strip() if value is not None else ""
    change = spec.edit(contacts.fields(person_id), row, text)
    return EditPersonCommand(
        workspace,
        person_id,
        change.fields,
        tags=change.tags,
        job=change.job,
        text=f"Edit {column.name.replace('_', ' ').lower()}",
    )


def request_edit(workspace: Workspace, person_id: int, column: Column, value: object) -> bool:
    """Run the edit of a cell as one undoable command; a refusal reaches the user as a
    message (`Workspace.error_raised`)."""
    try:
        command = edit_command(workspace, person_id, column, value)
    except (RuleError, MissingError) as error:
        workspace.error_raised.emit(str(error))
        return False
    return workspace.execute(command)


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
    """Rows are people; `edit_requested` carries a typed cell to `request_edit` (the view
    connects them: the model itself never writes)."""

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
            return COLUMNS[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()].editable:
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
                texts = tuple(display(summary) for display in _DISPLAYS)
                self._display_rows[person_id] = texts
            return texts[index.column()]
        summary = self.summary_at(index.row())
        if summary is None:
            return None
        spec = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(summary, spec)
        if role == PERSON_ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip(summary, self.today) if spec.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole and spec.coloured_by_check_in:
            return self._check_in_colour(summary)
        if role == Qt.ItemDataRole.FontRole and summary.is_me and spec.bold_for_me:
            font = QApplication.font()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.alignment is not None:
            return int(spec.alignment)
        return None

    @staticmethod
    def _edit_value(s: ContactSummary, spec: ColumnSpec) -> Any:
        return spec.edit_value(s) if spec.edit_value else spec.display(s)

    @staticmethod
    def _check_in_colour(s: ContactSummary) -> QColor | None:
        """Due and overdue stand out; on track stays calm (states from domain/cadence.py).
        A colour, which views paint as a brush: making a QBrush in Python would build
        QGradient's enums (hundreds of presets) before the first paint."""
        dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return state_text_colour(s.check_in_state, dark)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        summary = self.summary_at(index.row())
        spec = COLUMNS[index.column()]
        if summary is None or not spec.editable:
            return False
        if value == self._edit_value(summary, spec):
            return False
        self.edit_requested.emit(summary.id, int(spec.column), value)
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
                key = COLUMNS[column].sort_key
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
            key = COLUMNS[column].sort_key
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
