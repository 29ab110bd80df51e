"""Editing and deleting events and groups, and ending a membership, from the Events &
interviews view with the keyboard and mouse; each one undone and redone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services import events
from desktop_app.ui.events.event_dialogs import EventDialog, GroupDialog
from desktop_app.ui.events.events_view import EventsView
from desktop_app.ui.window.main_window import MainWindow
from tests.gui.events.test_events_view import _open, _select_event


def on_next_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run `act` on the next modal window of `kind` once it is shown."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, kind) and box.isVisible():
            act(box)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)


def press(label: str, seen: list[str] | None = None) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        if seen is not None:
            seen.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if b.text() == label)
        button.click()

    return act


def _select_group(view: EventsView, name: str) -> int:
    panel = view.groups
    view.left_tabs.setCurrentWidget(panel)
    for row in range(panel.group_list.count()):
        item = panel.group_list.item(row)
        if item.text().startswith(name):
            panel.group_list.setCurrentRow(row)
            return int(item.data(Qt.ItemDataRole.UserRole))
    raise AssertionError(f"no group {name!r}")


def test_f2_edits_an_event_enter_saves_and_undo_redo_switch_the_title(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    event_id = _select_event(view, "Product leaders lunch")
    old = events.event(db, event_id)
    messages: list[str] = []
    window.workspace.error_raised.connect(messages.append)

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        assert dialog.title_edit.text() == old.title
        qtbot.keyClicks(dialog.title_edit, "Product leaders lunch, round two")
        qtbot.keyClick(dialog.place_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.place_edit, "Kaffee Einstein")
        qtbot.keyClick(dialog.place_edit, Qt.Key.Key_Return)

    on_next_modal(EventDialog, edit)
    view.event_list.setFocus()
    qtbot.keyClick(view.event_list, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: events.event(db, event_id).title != old.title)
    edited = events.event(db, event_id)
    assert (edited.title, edited.place) == ("Product leaders lunch, round two", "Kaffee Einstein")
    assert edited.met == old.met
    assert "round two" in view.sheet.toPlainText()
    window.workspace.undo_stack.undo()
    assert events.event(db, event_id) == old
    window.workspace.undo_stack.redo()
    assert events.event(db, event_id).title == "Product leaders lunch, round two"
    assert messages == []


def test_an_edit_that_ends_before_it_starts_is_refused_and_the_dialog_keeps_the_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    event_id = _select_event(view, "Product leaders lunch")
    old = events.event(db, event_id)
    messages: list[str] = []
    window.workspace.error_raised.connect(messages.append)
    reopened: list[str] = []

    def backwards(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        qtbot.keyClicks(dialog.title_edit, "Renamed lunch")
        dialog.has_end.setChecked(True)
        dialog.ends_edit.setDateTime(dialog.starts_edit.dateTime().addSecs(-3600))
        on_next_modal(EventDialog, cancel)
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        reopened.append(dialog.title_edit.text())
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)

    on_next_modal(EventDialog, backwards)
    qtbot.mouseClick(view.edit_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reopened))
    assert messages and "before it starts" in messages[-1]
    assert reopened == ["Renamed lunch"]
    assert events.event(db, event_id) == old


def test_deleting_an_event_with_people_met_asks_first_and_undo_brings_them_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    event_id = _select_event(view, "Product leaders lunch")
    old = events.event(db, event_id)
    assert old.met
    seen: list[str] = []
    on_next_modal(QMessageBox, press("Cancel", seen))
    view.event_list.setFocus()
    qtbot.keyClick(view.event_list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen))
    assert f"{len(old.met)} people met there" in seen[0]
    assert "conversation" in seen[0] and "belonging to no event" in seen[0]
    assert events.event(db, event_id) == old
    on_next_modal(QMessageBox, press("Delete", seen))
    qtbot.mouseClick(view.delete_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: event_id not in {e.id for e in events.events(db)})
    assert not any(
        view.event_list.item(r).text().startswith(old.title) for r in range(view.event_list.count())
    )
    window.workspace.undo_stack.undo()
    assert events.event(db, event_id) == old
    window.workspace.undo_stack.redo()
    assert event_id not in {e.id for e in events.events(db)}


def test_a_group_is_renamed_then_deleted_after_asking_and_undo_restores_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    group_id = _select_group(view, "PyData Berlin")
    panel = view.groups
    members_before = events.memberships(db, group_id)
    planned = [e for e in events.events(db) if e.group_id == group_id]
    assert members_before and planned

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, GroupDialog)
        dialog.name_edit.selectAll()
        qtbot.keyClicks(dialog.name_edit, "PyData Berlin e.V.")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    on_next_modal(GroupDialog, rename)
    panel.group_list.setFocus()
    qtbot.keyClick(panel.group_list, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel.group_list.currentItem().text().startswith("PyData Berlin e.V."))
    assert all(events.event(db, e.id).group == "PyData Berlin e.V." for e in planned)

    seen: list[str] = []
    on_next_modal(QMessageBox, press("Delete", seen))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: group_id not in {g.id for g in events.groups(db)})
    assert f"Its {len(members_before)} memberships go with it" in seen[0]
    assert all(events.event(db, e.id).group_id is None for e in planned)
    window.workspace.undo_stack.undo()
    assert events.memberships(db, group_id) == members_before
    assert all(events.event(db, e.id).group_id == group_id for e in planned)
    window.workspace.undo_stack.undo()
    assert [g.name for g in events.groups(db) if g.id == group_id] == ["PyData Berlin"]
    window.workspace.undo_stack.redo()
    window.workspace.undo_stack.redo()
    assert group_id not in {g.id for g in events.groups(db)}


def test_a_member_gets_a_left_on_date_and_undo_makes_them_current_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    group_id = _select_group(view, "PyData Berlin")
    panel = view.groups
    panel.member_list.setCurrentRow(0)
    person_id = panel.current_member_id()
    assert person_id is not None
    left = date.today()
    panel.until_edit.setDate(QDate(left.year, left.month, left.day))
    qtbot.mouseClick(panel.until_button, Qt.MouseButton.LeftButton)
    member = next(m for m in events.memberships(db, group_id) if m.person_id == person_id)
    assert member.until == left
    assert "left " in panel.member_list.currentItem().text()
    window.workspace.undo_stack.undo()
    member = next(m for m in events.memberships(db, group_id) if m.person_id == person_id)
    assert member.until is None
    window.workspace.undo_stack.redo()
    qtbot.mouseClick(panel.still_button, Qt.MouseButton.LeftButton)
    member = next(m for m in events.memberships(db, group_id) if m.person_id == person_id)
    assert member.until is None
