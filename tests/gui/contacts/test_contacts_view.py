"""The contact table as the keyboard uses it: type-ahead, editing keys, Delete, Tab, and
where a new contact lands. Real keys go to real widgets in the real window."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import EmploymentRecord, NewPerson, PersonFields
from desktop_app.ui.contacts.contact_commands import CreatePersonCommand
from desktop_app.ui.contacts.contact_table_model import Column, ContactTableModel
from desktop_app.ui.contacts.contacts_view import ContactsView
from desktop_app.ui.window.main_window import MainWindow


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _set_current(view: ContactsView, row: int, column: Column) -> None:
    view.table.selectionModel().setCurrentIndex(
        view.model.index(row, column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _table_texts(model: ContactTableModel) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _shown_ids(model: ContactTableModel) -> list[int | None]:
    return [model.person_id_at(r) for r in range(model.rowCount())]


# -- typing, F2 and Enter ----------------------------------------------------------------


def test_typing_jumps_to_a_name_and_edits_nothing(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    _activate(qtbot, window)
    _focus(qtbot, view.table)
    _set_current(view, 0, Column.TITLE)
    before = _table_texts(view.model)

    target = view.model.summary_at(40)
    assert target is not None
    prefix = target.full_name[:4]
    expected = next(
        r
        for r in range(view.model.rowCount())
        if view.model.summary_at(r).full_name.casefold().startswith(prefix.casefold())  # type: ignore[union-attr]
    )
    qtbot.keyClicks(view.table, prefix.lower())
    assert view.table.state() != QAbstractItemView.State.EditingState
    assert view.table.currentIndex().row() == expected
    assert view.table.currentIndex().column() == Column.TITLE  # the column stays
    assert window.workspace.current_person == view.model.person_id_at(expected)

    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not "…mentor"
    qtbot.keyClicks(view.table, "mentor")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # opens an editor with the old title
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert _table_texts(view.model) == before
    assert window.workspace.undo_stack.count() == 0


def test_f2_and_enter_open_an_editor(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    _activate(qtbot, window)
    _focus(qtbot, view.table)
    _set_current(view, 3, Column.TITLE)
    person = view.model.person_id_at(3)

    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    assert view.table.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert view.table.state() != QAbstractItemView.State.EditingState

    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.table.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Mentor")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on a queued call
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1)
    assert window.workspace.contacts.summaries([person])[0].title == "Mentor"  # type: ignore[list-item]


# -- Delete ------------------------------------------------------------------------------


def test_delete_key_in_the_table_deletes_says_so_and_selects_the_next(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.contacts_view
    contacts = window.workspace.contacts
    _activate(qtbot, window)
    _focus(qtbot, view.table)
    view.table.selectRow(3)
    gone, following = view.model.person_id_at(3), view.model.person_id_at(4)
    name = view.model.summary_at(3).full_name  # type: ignore[union-attr]

    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert contacts.summaries([gone]) == []  # type: ignore[list-item]
    assert view.table.currentIndex().row() == 3
    assert view.selected_person_ids() == [following]
    assert window.workspace.current_person == following
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Deleted {name}") and "Undo" in message

    last = view.model.rowCount() - 1
    view.table.selectRow(last)
    previous = view.model.person_id_at(last - 1)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert view.selected_person_ids() == [previous]  # the last went: the one above it

    view.table.selectRow(2)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(view.selected_person_ids()) == 3
    after = view.model.person_id_at(5)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage().startswith("Deleted 3 people")
    assert view.selected_person_ids() == [after]
    assert contacts.count() == 61 - 5


def test_undo_button_in_the_status_bar_brings_them_back(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    _activate(qtbot, window)
    _focus(qtbot, view.table)
    view.table.selectRow(5)
    gone = view.model.person_id_at(5)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    button = window.findChild(QWidget, "undoDeleteButton")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.model.row_of(gone) == 5  # type: ignore[arg-type]
    assert not button.isVisible()


def test_delete_elsewhere_deletes_nobody(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    contacts = window.workspace.contacts
    _activate(qtbot, window)
    view.table.selectRow(3)

    view.filter_box.setText("abc")
    _focus(qtbot, view.filter_box)
    view.filter_box.setCursorPosition(0)
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Delete)
    assert view.filter_box.text() == "bc"  # the line edit deleted a character
    assert contacts.count() == 61

    window.show_view([s.key for s in window.view_specs].index("today"))
    qtbot.waitUntil(lambda: "today" in window.views)
    due_table = window.views["today"].due.table
    _focus(qtbot, due_table)
    qtbot.keyClick(due_table, Qt.Key.Key_Delete)
    assert contacts.count() == 61

    dialog = QDialog(window)
    field = QLineEdit("xyz", dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _focus(qtbot, field)
    field.setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "yz"
    assert contacts.count() == 61
    dialog.close()


def test_delete_while_choosing_a_circle_deletes_nobody(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    _activate(qtbot, window)
    _focus(qtbot, view.table)
    _set_current(view, 4, Column.CIRCLE)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert window.workspace.contacts.count() == 61


def test_delete_key_on_the_map_deletes_the_selected_person(
    window: MainWindow, qtbot: QtBot
) -> None:
    contacts = window.workspace.contacts
    person = window.contacts_view.model.person_id_at(7)
    window.workspace.select_person(person)
    window.show_view([s.key for s in window.view_specs].index("map"))
    qtbot.waitUntil(lambda: "map" in window.views)
    canvas = window.views["map"].canvas
    _activate(qtbot, window)
    _focus(qtbot, canvas)
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert contacts.summaries([person]) == []  # type: ignore[list-item]


# -- a new contact -----------------------------------------------------------------------


def test_a_new_contact_lands_in_sort_order(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    ws = window.workspace
    create = CreatePersonCommand(ws, NewPerson(PersonFields(full_name="Aaron Aardvark")))
    assert ws.execute(create)
    assert view.model.row_of(create.person_id) == 1  # type: ignore[arg-type]  # after me

    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.TITLE) + header.sectionSize(Column.TITLE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == Column.TITLE
    new = NewPerson(
        PersonFields(full_name="Zoe Zimmer"), employment=(EmploymentRecord("Acme", "Aaa Aide"),)
    )
    create = CreatePersonCommand(ws, new)
    assert ws.execute(create)
    row = view.model.row_of(create.person_id)  # type: ignore[arg-type]
    order = header.sortIndicatorOrder()
    if order == Qt.SortOrder.AscendingOrder:
        assert row == 0
    fresh = ContactTableModel(ws.contacts.ids_in_name_order, ws.contacts.summaries)
    fresh.reload()
    fresh.sort(Column.TITLE, order)
    assert _shown_ids(view.model) == _shown_ids(fresh)
    assert row != view.model.rowCount() - 1


# -- Tab ---------------------------------------------------------------------------------


def test_tab_leaves_the_contact_table(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    _activate(qtbot, window)
    _focus(qtbot, view.table)
    _set_current(view, 0, Column.NAME)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert not view.table.hasFocus()
    assert view.table.currentIndex().column() == Column.NAME


def test_no_table_in_any_view_traps_tab(window: MainWindow, qtbot: QtBot) -> None:
    """Every item view of every view lets Tab go on (the due list, feedback rounds, mock
    interviews, versions…). Here a row-selecting table that cannot be edited (the due
    list) already lets Tab out, as checked by hand; the setting makes sure of it."""
    for index, spec in enumerate(window.view_specs):
        window.show_view(index)
        qtbot.waitUntil(lambda key=spec.key: key in window.views)
    trapping = [
        f"{type(v).__name__} {v.accessibleName() or v.objectName()}"
        for v in window.findChildren(QAbstractItemView)
        if v.tabKeyNavigation()
    ]
    assert trapping == []


def test_tab_leaves_the_questions_of_a_mock_interview(qtbot: QtBot) -> None:
    from datetime import date

    from desktop_app.ui.pitch.mock_interview_dialog import MockInterviewDialog

    dialog = MockInterviewDialog([(1, "Ana Ruiz")], date(2026, 5, 1))
    qtbot.addWidget(dialog)
    dialog.add_question("Why this role?")
    dialog.add_question("A hard problem you solved?")
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _focus(qtbot, dialog.table)
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert not dialog.table.hasFocus()
    assert (dialog.table.currentRow(), dialog.table.currentColumn()) == (0, 0)


# -- selection across resets -------------------------------------------------------------


def test_a_multi_row_selection_survives_sorting_and_edits(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    _activate(qtbot, window)
    table = view.table
    ctrl = Qt.KeyboardModifier.ControlModifier
    for row, modifier in ((2, Qt.KeyboardModifier.NoModifier), (3, ctrl), (7, ctrl)):
        rect = table.visualRect(view.model.index(row, Column.NAME))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    chosen = set(view.selected_person_ids())
    current = view.model.person_id_at(7)
    assert len(chosen) == 3

    header = table.horizontalHeader()
    x = header.sectionViewportPosition(Column.TITLE) + header.sectionSize(Column.TITLE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.wait(10)  # let anything queued after the reset run
    assert set(view.selected_person_ids()) == chosen
    assert view.model.person_id_at(table.currentIndex().row()) == current

    other = next(i for i in _shown_ids(view.model) if i not in chosen)
    fields = window.workspace.contacts.fields(other)  # type: ignore[arg-type]

    from desktop_app.ui.contacts.contact_commands import EditPersonCommand

    window.workspace.execute(
        EditPersonCommand(window.workspace, other, fields, job=("Acme", "Aaaa first"))  # type: ignore[arg-type]
    )
    qtbot.wait(10)
    assert view.model.row_of(other) == 0  # it moved: the rows were reset
    assert set(view.selected_person_ids()) == chosen
    assert view.model.person_id_at(table.currentIndex().row()) == current


def test_an_overdue_check_in_is_painted_in_the_overdue_colour(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The model hands the view a colour for the check-in column; the view paints the
    date's text in it (and an on-track date in the theme's own text colour)."""
    from PySide6.QtGui import QColor

    from desktop_app.domain.cadence import CheckInState
    from desktop_app.ui.contacts.contact_table_model import Column

    view = window.contacts_view
    model, table = view.model, view.table
    rows = {
        state: next(
            r
            for r in range(model.rowCount())
            if (s := model.summary_at(r)) is not None and s.check_in_state is state
        )
        for state in (CheckInState.OVERDUE, CheckInState.ON_TRACK)
    }

    def cell_colours(row: int) -> set[tuple[int, int, int]]:
        index = model.index(row, Column.NEXT_CHECK_IN)
        table.scrollTo(index)
        qtbot.wait(50)
        image = table.viewport().grab(table.visualRect(index)).toImage()
        return {
            QColor(image.pixel(x, y)).getRgb()[:3]
            for x in range(image.width())
            for y in range(image.height())
        }

    red = (0xB3, 0x26, 0x1E)  # check_in_colours: overdue text on a light base
    dark = table.palette().color(table.palette().ColorRole.Base).lightness() < 128
    if dark:
        red = (0xFF, 0x7B, 0x72)
    assert red in cell_colours(rows[CheckInState.OVERDUE])
    assert red not in cell_colours(rows[CheckInState.ON_TRACK])
