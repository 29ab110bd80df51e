"""The Contacts view: filter box, the contact table, and its context menu."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from time import monotonic
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.values import ChangeSet, ContactSummary
from desktop_app.storage.errors import StorageError, translated_errors
from desktop_app.ui.contacts.contact_table_model import (
    CIRCLE_CHOICES,
    COLUMNS,
    Column,
    ContactTableModel,
    Index,
    request_edit,
)
from desktop_app.ui.contacts.empty_contacts import EmptyContactsPlaceholder
from desktop_app.ui.window.workspace import Workspace


class _CircleCombo(QComboBox):
    """Keeps Delete to itself while it edits: the table's Delete shortcut must not delete
    the person whose circle is being chosen."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            event.accept()
            return True
        return super().event(event)


class CircleDelegate(QStyledItemDelegate):
    """A combo box for the Circle column."""

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        combo = _CircleCombo(parent)
        for value, label in CIRCLE_CHOICES:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ContactTable(QTableView):
    """The table; says once when it has painted its first rows.

    Keys as in a file manager: typing jumps to the first name starting with what was typed
    (never edits); F2, Enter or a double-click edit; Tab leaves the table.

    An override rather than an event filter: a Python filter on the viewport would see
    every event (each one wrapped for Python) for the whole session, and slows start-up.
    """

    first_painted = Signal()
    enter_pressed = Signal(QModelIndex)  # on a cell that cannot be edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted = False
        self._search = ""
        self._searched_at = 0.0
        self.setTabKeyNavigation(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and current.isValid()
        ):
            if not (current.flags() & Qt.ItemFlag.ItemIsEditable):
                self.enter_pressed.emit(current)
            elif not self.edit(current, QAbstractItemView.EditTrigger.EditKeyPressed, event):
                super().keyPressEvent(event)
                return
            event.accept()
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Jump to the next name starting with the letters typed in quick succession
        (whatever the current column); one letter repeated steps through its names."""
        model = self.model()
        if not isinstance(model, ContactTableModel) or not search:
            return
        now = monotonic()
        if now - self._searched_at > QApplication.keyboardInputInterval() / 1000:
            self._search = ""
        self._searched_at = now
        self._search += search
        repeated = len(set(self._search.casefold())) == 1
        text = self._search[0] if repeated else self._search
        current = self.currentIndex()
        start = current.row() if current.isValid() else -1
        row = model.row_with_name_prefix(text, start + 1 if repeated else max(start, 0))
        if row is None:
            return
        column = current.column() if current.isValid() else int(Column.NAME)
        index = model.index(row, column)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()  # slots must not paint: this is inside a paint


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of neighbours: one selection range each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class ContactsView(QWidget):
    """Emits `first_rows_painted` once, after the table has painted real rows."""

    first_rows_painted = Signal()
    open_person_requested = Signal(int)
    delete_requested = Signal(list)
    new_person_requested = Signal()
    import_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        contacts = workspace.contacts
        self._unreadable = False
        self.model = ContactTableModel(contacts.ids_in_name_order, self._read_summaries, self)
        self._pending_sort: tuple[int, Qt.SortOrder] | None = None
        self._syncing_selection = False
        self._kept_selection: tuple[set[int], int | None, int] = (set(), None, 0)
        # Other features append actions here (e.g. "Log interaction…"); they act on
        # `workspace.current_person`.
        self.context_actions: list[QAction] = []

        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter by name, organisation, title, circle or tag")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter contacts")
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.table = ContactTable(self)
        self.table.setAccessibleName("Contacts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(False)  # sort on click without an initial sort
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(Column.CIRCLE, CircleDelegate(self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setStretchLastSection(True)
        for spec in COLUMNS:
            if spec.width is not None:
                header.resizeSection(spec.column, spec.width)
        # Rows arrive me first, then by name; the arrow only appears once the user sorts.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        self.table.first_painted.connect(self._on_first_paint)

        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._layout = layout
        self._empty: EmptyContactsPlaceholder | None = None  # built when first needed

        # Typing filters after a short pause; at 100k rows one pass takes a few ms.
        self._filter_timer = QTimer(self, singleShot=True, interval=60)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_box.returnPressed.connect(self._apply_filter)
        self.model.filter_applied.connect(self._show_count)
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.enter_pressed.connect(self._on_table_double_clicked)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        workspace.changed.connect(self._on_workspace_changed)
        workspace.changed.connect(
            lambda _c: self._show_count(self.model.rowCount(), self.model.total)
        )
        workspace.current_person_changed.connect(self._on_workspace_person_changed)

        self.model.reload()
        self._show_count(self.model.rowCount(), self.model.total)

    # -- public --------------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def selected_person_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.person_id_at(r) for r in rows]
        return [i for i in ids if i is not None]

    def selected_names(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [s.full_name for r in rows if (s := self.model.summary_at(r)) is not None]

    def header_state(self) -> bytes:
        return bytes(self.table.horizontalHeader().saveState().data())

    def restore_header_state(self, state: bytes) -> None:
        """Column order and widths now; a remembered sort once the first rows have painted
        (sorting needs every row, which must not delay the window)."""
        header = self.table.horizontalHeader()
        header.sortIndicatorChanged.disconnect(self.model.sort)
        try:
            header.restoreState(state)
        finally:
            header.sortIndicatorChanged.connect(self.model.sort)
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if 0 <= section < len(Column):
            if self.table.painted:
                self.model.sort(section, order)
            else:
                self._pending_sort = (section, order)

    def _read_summaries(self, ids: Iterable[int] | None) -> list[ContactSummary]:
        """The table's rows, read while painting: a known storage condition (damage the
        name index hid until now, say) is said once and the rows stay empty until the next
        change, never a traceback out of a paint event nor a message per repaint."""
        if self._unreadable:
            return []
        try:
            with translated_errors(self.workspace.db.path):
                return self.workspace.contacts.summaries(ids)
        except StorageError as error:
            self._unreadable = True
            self.workspace.error_raised.emit(str(error))
            return []

    # -- events --------------------------------------------------------------------------

    def _on_first_paint(self) -> None:
        self.first_rows_painted.emit()
        if self._pending_sort is not None:
            section, order = self._pending_sort
            QTimer.singleShot(0, lambda: self.model.sort(section, order))

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter_box.text())
        # The person the detail panel shows, filtered out of sight: nobody is selected
        # (the panel clears) rather than a person the table no longer shows.
        person = self.workspace.current_person
        if person is not None and self.model.row_of(person) is None:
            self.workspace.select_person(None)

    def _show_count(self, shown: int, total: int) -> None:
        noun = "contact" if total == 1 else "contacts"
        text = f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"
        self.count_label.setText(text)
        me = 1 if total and self.workspace.contacts.me_id() is not None else 0
        nobody = total - me == 0
        if nobody or self._empty is not None:
            self.empty.setVisible(nobody)

    @property
    def empty(self) -> EmptyContactsPlaceholder:
        """Add and Import instead of an empty grid while the network holds nobody but me
        (ui/contacts/empty_contacts.py). Built the first time it is needed: most starts
        never show it, and its icons and fonts would delay the first paint."""
        if self._empty is None:
            self._empty = EmptyContactsPlaceholder(self.workspace.read_only, self)
            self._empty.add_requested.connect(self.new_person_requested)
            self._empty.import_requested.connect(self.import_requested)
            self._empty.hide()
            self._layout.addWidget(self._empty, 3)
        return self._empty

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing_selection:
            self.workspace.select_person(self.model.person_id_at(current.row()))

    def _on_workspace_person_changed(self, person_id: int | None) -> None:
        if person_id is None:
            return
        row = self.model.row_of(person_id)
        current = self.table.currentIndex()
        if row is None or (current.isValid() and current.row() == row):
            return
        self._syncing_selection = True
        try:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._syncing_selection = False

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        """Apply the change; when it removed the current row, the row that took its place
        (or the one above, if it was the last) becomes current, as in a file manager."""
        follow = self._survivor(change.people_removed) if change.people_removed else None
        self._unreadable = False  # a busy or locked file may read again after a change
        self.model.apply_change(change)
        row = self.model.row_of(follow) if follow is not None else None
        if row is not None:
            column = max(self.table.currentIndex().column(), 0)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _survivor(self, removed: frozenset[int]) -> int | None:
        """Who should be current once `removed` are gone: None if the current row stays."""
        current = self.table.currentIndex()
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if current.isValid():
            rows.add(current.row())
        hit = [r for r in sorted(rows) if self.model.person_id_at(r) in removed]
        if not hit:
            return None
        count = self.model.rowCount()
        for row in chain(range(hit[0] + 1, count), range(hit[0] - 1, -1, -1)):
            person_id = self.model.person_id_at(row)
            if person_id not in removed:
                return person_id
        return None

    def _remember_selection(self) -> None:
        """Before a reset (filter, sort, a row moved): the selected people, by id."""
        chosen: set[int] = set()
        selection = self.table.selectionModel().selection()
        for n in range(selection.count()):
            part = selection.at(n)
            chosen.update(self.model.person_ids_between(part.top(), part.bottom()))
        current = self.table.currentIndex()
        self._kept_selection = (
            chosen,
            self.model.person_id_at(current.row()),
            max(current.column(), 0),
        )

    def _restore_selection(self) -> None:
        """After a reset: the same people selected wherever they are now (those filtered
        out drop out), the same current row; then the workspace's person, if it changed."""
        chosen, current, column = self._kept_selection
        self._kept_selection = (set(), None, 0)
        rows = self.model.rows_of(chosen) if chosen else []
        if rows:
            selection = QItemSelection()
            for first, last in _runs(rows):
                selection.select(
                    self.model.index(first, 0), self.model.index(last, len(Column) - 1)
                )
            current_row = self.model.row_of(current) if current is not None else None
            self._syncing_selection = True
            try:
                model = self.table.selectionModel()
                model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                if current_row is not None:
                    model.setCurrentIndex(
                        self.model.index(current_row, column),
                        QItemSelectionModel.SelectionFlag.NoUpdate,
                    )
            finally:
                self._syncing_selection = False
        QTimer.singleShot(
            0, lambda: self._on_workspace_person_changed(self.workspace.current_person)
        )

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if not COLUMNS[index.column()].editable:
            person_id = self.model.person_id_at(index.row())
            if person_id is not None:
                self.open_person_requested.emit(person_id)

    def _on_table_context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        ids = self.selected_person_ids()
        if ids:
            open_action = menu.addAction("Open…")
            open_action.triggered.connect(lambda: self.open_person_requested.emit(ids[0]))
            delete = menu.addAction("Delete" if len(ids) == 1 else f"Delete {len(ids)} contacts")
            delete.triggered.connect(lambda: self.delete_requested.emit(ids))
            menu.addSeparator()
        menu.addAction("New contact…").triggered.connect(self.new_person_requested.emit)
        if self.context_actions:
            menu.addSeparator()
            for action in self.context_actions:
                menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _on_model_edit_requested(self, person_id: int, column: int, value: object) -> None:
        request_edit(self.workspace, person_id, Column(column), value)
