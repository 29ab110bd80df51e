"""The Contacts view: filter box, the contact table, and its context menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop_app.domain.enums import Circle
from desktop_app.ui.models.contact_table_model import (
    CIRCLE_CHOICES,
    Column,
    ContactTableModel,
    Index,
)
from desktop_app.ui.widgets.empty_contacts import EmptyContactsPlaceholder
from desktop_app.ui.workspace import Workspace


class CircleDelegate(QStyledItemDelegate):
    """A combo box for the Circle column."""

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        combo = QComboBox(parent)
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

    An override rather than an event filter: a Python filter on the viewport would see
    every event (each one wrapped for Python) for the whole session, and slows start-up.
    """

    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()  # slots must not paint: this is inside a paint


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
        self.model = ContactTableModel(contacts.ids_in_name_order, contacts.summaries, self)
        self._pending_sort: tuple[int, Qt.SortOrder] | None = None
        self._syncing_selection = False
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
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
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
        for column, width in (
            (Column.NAME, 180),
            (Column.ORGANIZATION, 150),
            (Column.TITLE, 150),
            (Column.CIRCLE, 95),
            (Column.TAGS, 130),
            (Column.LAST_CONTACT, 95),
            (Column.NEXT_CHECK_IN, 100),
        ):
            header.resizeSection(column, width)
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
        # Nobody but me: Add and Import instead of an empty grid (ui/widgets/empty_contacts).
        self.empty = EmptyContactsPlaceholder(workspace.read_only, self)
        self.empty.add_requested.connect(self.new_person_requested)
        self.empty.import_requested.connect(self.import_requested)
        self.empty.hide()
        layout.addWidget(self.empty, 3)

        # Typing filters after a short pause; at 100k rows one pass takes a few ms.
        self._filter_timer = QTimer(self, singleShot=True, interval=60)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_box.returnPressed.connect(self._apply_filter)
        self.model.filter_applied.connect(self._show_count)
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.model.modelReset.connect(self._restore_selection)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        workspace.changed.connect(self.model.apply_change)
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

    # -- events --------------------------------------------------------------------------

    def _on_first_paint(self) -> None:
        self.first_rows_painted.emit()
        if self._pending_sort is not None:
            section, order = self._pending_sort
            QTimer.singleShot(0, lambda: self.model.sort(section, order))

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter_box.text())

    def _show_count(self, shown: int, total: int) -> None:
        noun = "contact" if total == 1 else "contacts"
        text = f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"
        self.count_label.setText(text)
        me = 1 if total and self.workspace.contacts.me_id() is not None else 0
        self.empty.setVisible(total - me == 0)

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

    def _restore_selection(self) -> None:
        QTimer.singleShot(
            0, lambda: self._on_workspace_person_changed(self.workspace.current_person)
        )

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if Column(index.column()) not in (
            Column.NAME,
            Column.ORGANIZATION,
            Column.TITLE,
            Column.CIRCLE,
            Column.TAGS,
        ):
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
        from dataclasses import replace

        from desktop_app.ui.commands.contact_commands import EditPersonCommand

        contacts = self.workspace.contacts
        fields = contacts.fields(person_id)
        text = str(value).strip() if value is not None else ""
        col = Column(column)
        tags = job = None
        if col == Column.NAME:
            if not text:
                self.workspace.error_raised.emit("A contact needs a name.")
                return
            fields = replace(fields, full_name=text)
        elif col == Column.CIRCLE:
            fields = replace(fields, circle=Circle(text) if text else None)
        elif col == Column.TAGS:
            tags = tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
        else:
            summary = next(iter(contacts.summaries([person_id])), None)
            org = summary.organization if summary else ""
            title = summary.title if summary else ""
            job = (text, title) if col == Column.ORGANIZATION else (org, text)
        self.workspace.execute(
            EditPersonCommand(
                self.workspace,
                person_id,
                fields,
                tags=tags,
                job=job,
                text=f"Edit {col.name.replace('_', ' ').lower()}",
            )
        )
