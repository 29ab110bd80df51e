"""Table models of the import preview: new cards, possible duplicates, rejected cards, notes.

The rows come from the report's spool a page at a time (`PagedCells`), so a preview of
half a million cards shows at once and holds only the pages on screen.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services.importing.report import (
    Decision,
    DuplicateList,
    PreviewCard,
    RejectedCard,
    display_path,
)
from desktop_app.ui.common.plain_label import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


_PAGE = 200
_PAGES_KEPT = 8


class PagedCells(Sequence[Sequence[str]]):
    """The cells of a long row sequence (a spooled report list), a page at a time: a table
    of 500,000 imported cards holds a few pages in memory, never all of them."""

    def __init__(self, rows: Sequence[T], cells: Callable[[T], Sequence[str]]) -> None:
        self._rows: Sequence[Any] = rows
        self._cells: Callable[[Any], Sequence[str]] = cells
        self._pages: OrderedDict[int, list[list[str]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[str]]: ...

    def __getitem__(self, index: int | slice) -> list[str] | list[list[str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        number, offset = divmod(index, _PAGE)
        page = self._pages.get(number)
        if page is None:
            start = number * _PAGE
            page = [list(self._cells(row)) for row in self._rows[start : start + _PAGE]]
            self._pages[number] = page
            if len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset]

    @property
    def pages_held(self) -> int:
        return len(self._pages)

    def forget(self) -> None:
        """Read the rows afresh (they changed underneath)."""
        self._pages.clear()


class RowsModel(QAbstractTableModel):
    """Read-only rows of plain text; sorting and filtering are not needed here."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows = rows if isinstance(rows, PagedCells) else [list(row) for row in rows]

    @property
    def cells(self) -> Sequence[Sequence[str]]:
        """The rows' cells (a `PagedCells` for the report's spooled lists)."""
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str):
            return plain_tooltip(value)  # names and reasons come from the imported files
        return value

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return str(section + 1)


def _where(path: str, line: int) -> str:
    return f"{display_path(Path(path).name)}:{line}"


def new_cards_model(cards: Sequence[PreviewCard]) -> RowsModel:
    return RowsModel(
        ("Name", "Organisation", "Email", "Phone", "From"),
        PagedCells(
            cards, lambda c: (c.name, c.organization, c.email, c.phone, _where(c.path, c.line))
        ),
    )


def rejected_model(rejected: Sequence[RejectedCard]) -> RowsModel:
    return RowsModel(
        ("File", "Line", "Reason"),
        PagedCells(rejected, lambda r: (display_path(Path(r.path).name), str(r.line), r.reason)),
    )


def notes_model(unreadable: Sequence[str], warnings: Sequence[str]) -> RowsModel:
    """Files that could not be read, then the warnings (values repaired or left out)."""
    head = list(unreadable)
    return RowsModel(
        ("Note",),
        PagedCells(_Chained(head, warnings), lambda text: (text,)),
    )


class _Chained(Sequence[str]):
    def __init__(self, head: list[str], rest: Sequence[str]) -> None:
        self._head = head
        self._rest = rest

    def __len__(self) -> int:
        return len(self._head) + len(self._rest)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            start, stop, _ = index.indices(len(self))
            first = self._head[start:stop]
            rest = self._rest[max(0, start - len(self._head)) : max(0, stop - len(self._head))]
            return [*first, *rest]
        if index < len(self._head):
            return self._head[index]
        return self._rest[index - len(self._head)]


class DuplicatesModel(RowsModel):
    """Possible duplicates with the decision the user takes for each (kept in the report's
    spool, so deciding for 100,000 rows holds no list of them)."""

    DECISION_COLUMN = 0

    def __init__(self, duplicates: DuplicateList) -> None:
        self.duplicates = duplicates
        self._cells = PagedCells(
            duplicates,
            lambda d: (
                d.decision.label,
                d.card.name,
                d.match_name,
                d.place.label,
                d.reason,
                _where(d.card.path, d.card.line),
            ),
        )
        super().__init__(
            ("Decision", "In the file", "Matches", "Where", "Why", "From"), self._cells
        )

    def set_decision(self, rows: Sequence[int], decision: Decision) -> None:
        if not rows:
            return
        self.duplicates.set_decision(rows, decision)
        self._cells.forget()
        column = self.DECISION_COLUMN
        self.dataChanged.emit(
            self.index(min(rows), column),
            self.index(max(rows), column),
            [Qt.ItemDataRole.DisplayRole],
        )
