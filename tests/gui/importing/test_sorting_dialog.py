"""The sorting view: suggested circles, suggested ties and people without a circle gone
through with the keyboard, each decision one undo step."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services.demo.exports import write_demo_exports
from desktop_app.services.history.report import CircleSuggestion, HistoryReport, TieSuggestion
from desktop_app.storage.database import open_database
from desktop_app.ui.importing.sorting_dialog import (
    PersonToSort,
    SortingDialog,
    TieToSort,
    items_from_history,
)
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace


def _people(window: MainWindow, n: int) -> list[tuple[int, str, Circle | None]]:
    rows = [s for s in window.workspace.contacts.summaries() if not s.is_me][:n]
    return [(s.id, s.full_name, s.circle) for s in rows]


def _history(window: MainWindow) -> HistoryReport:
    (a, a_name, a_now), (b, b_name, _), (c, c_name, _) = _people(window, 3)
    contacts = window.workspace.contacts
    contacts.edit(b, replace(contacts.fields(b), circle=None))  # b has no circle yet
    history = HistoryReport()
    other = next(x for x in Circle if x != a_now)
    history.circles = [
        CircleSuggestion(a, other, "14 interactions, the last on 2026-12-01", a_now, 14),
        CircleSuggestion(b, Circle.FAMILIAR, "3 interactions", None, 3),
    ]
    history.ties = [TieSuggestion(b, c, 4)]
    history.names = {a: a_name, b: b_name, c: c_name}
    return history


def _ties(window: MainWindow, a: int, b: int) -> int:
    with sqlite3.connect(window.workspace.db.path) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM relationships WHERE "
                "(a_id = ? AND b_id = ?) OR (a_id = ? AND b_id = ?)",
                (a, b, b, a),
            ).fetchone()[0]
        )


def _open(qtbot: QtBot, window: MainWindow, history: HistoryReport | None) -> SortingDialog:
    window.importer.last_history = history
    with qtbot.waitSignal(window.importer.sorting_shown, timeout=5000) as shown:
        window.actions_by_name["sort_circles"].trigger()
    dialog = shown.args[0]
    assert isinstance(dialog, SortingDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_keys_set_circles_accept_ties_skip_and_take_back(qtbot: QtBot, window: MainWindow) -> None:
    history = _history(window)
    a, b = history.circles[0].person_id, history.circles[1].person_id
    c = history.ties[0].b
    contacts = window.workspace.contacts
    before_a, before_b = contacts.fields(a).circle, contacts.fields(b).circle
    dialog = _open(qtbot, window, history)
    total = len(dialog.items)
    assert dialog.progress_label.text() == f"1 of {total}"
    assert "Suggested:" in dialog.suggestion_label.text()
    assert "14 interactions" in dialog.suggestion_label.text()
    steps = window.workspace.undo_stack.count()

    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # accept the suggested circle of a
    assert contacts.fields(a).circle == history.circles[0].circle
    assert dialog.progress_label.text() == f"2 of {total}"
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # b goes to close, not the suggested familiar
    assert contacts.fields(b).circle is Circle.CLOSE
    assert isinstance(dialog.current, TieToSort)
    assert "Seen together on 4" in dialog.suggestion_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # link b and c
    assert _ties(window, b, c) == 1
    assert window.workspace.undo_stack.count() == steps + 3  # one step per decision

    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)  # the tie goes
    assert _ties(window, b, c) == 0
    assert isinstance(dialog.current, TieToSort)
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # skip it
    assert _ties(window, b, c) == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # back to it
    assert isinstance(dialog.current, TieToSort)
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # b's circle
    assert contacts.fields(b).circle == before_b
    assert dialog.current == PersonToSort(
        b, history.names[b], None, Circle.FAMILIAR, "3 interactions"
    )
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    assert contacts.fields(a).circle == before_a
    assert dialog.progress_label.text() == f"1 of {total}"
    qtbot.keyClick(dialog, Qt.Key.Key_Right)  # skip a
    assert dialog.progress_label.text() == f"2 of {total}"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_menu_goes_through_people_without_a_circle(qtbot: QtBot, window: MainWindow) -> None:
    for name in ("Uma Unsorted", "Ugo Unsorted", "Ula Unsorted"):
        window.workspace.contacts.create(NewPerson(PersonFields(full_name=name)))
    unsorted = [
        s for s in window.workspace.contacts.summaries() if s.circle is None and not s.is_me
    ]
    assert unsorted
    dialog = _open(qtbot, window, None)
    assert len(dialog.items) == len(unsorted)
    first = dialog.current
    assert isinstance(first, PersonToSort)
    assert "No suggestion" in dialog.suggestion_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # no suggestion: Enter changes nothing
    assert dialog.current == first
    qtbot.keyClick(dialog, Qt.Key.Key_4)
    assert window.workspace.contacts.fields(first.person_id).circle is Circle.ACQUAINTANCE
    for _ in range(len(dialog.items)):
        qtbot.keyClick(dialog, Qt.Key.Key_S)
    assert dialog.name_label.text() == "All done"
    assert dialog.progress_label.text() == f"{len(unsorted)} of {len(unsorted)}"
    dialog.reject()
    window.workspace.undo_stack.undo()
    assert window.workspace.contacts.fields(first.person_id).circle is None


def test_only_suggestions_that_change_something_are_shown() -> None:
    history = HistoryReport()
    history.circles = [
        CircleSuggestion(1, Circle.CLOSE, "x", Circle.CLOSE, 7),
        CircleSuggestion(2, Circle.INNER, "y", None, 20),
    ]
    items = items_from_history(history)
    assert [i.person_id for i in items if isinstance(i, PersonToSort)] == [2]


def test_after_an_import_that_asks_who_is_me_the_sorting_waits_for_the_answer(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    manifest = write_demo_exports(folder)
    files = [folder / name for name in manifest["files"].values()]
    workspace = Workspace(open_database(db_path))  # an empty network: nobody is me
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.first_painted):
            window.show()
        with qtbot.waitSignal(window.importer.preview_shown, timeout=30000) as shown:
            window.importer.start(files)
        sorted_ = []
        window.importer.sorting_shown.connect(sorted_.append)
        with qtbot.waitSignal(window.who_is_me_asked, timeout=60000) as asked:
            shown.args[0].import_button.click()
        asking = asked.args[0]
        qtbot.wait(50)
        assert sorted_ == []  # one question at a time
        with qtbot.waitSignal(window.importer.sorting_shown, timeout=5000):
            asking.reject()
        assert sorted_[0].isVisible()
        sorted_[0].reject()
        window.close()
    finally:
        workspace.close()


def test_the_menu_shows_suggestions_as_they_are_now(qtbot: QtBot, window: MainWindow) -> None:
    history = _history(window)
    first = history.circles[0]
    dialog = _open(qtbot, window, history)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # follow the first suggestion
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    again = _open(qtbot, window, history)  # the same suggestions, from the Network menu
    people = [i.person_id for i in again.items if isinstance(i, PersonToSort)]
    assert first.person_id not in people  # followed already: not asked again
    b = history.circles[1]
    assert isinstance(again.current, PersonToSort) and again.current.person_id == b.person_id
    window.workspace.contacts.delete([b.person_id])
    third = _open(qtbot, window, history)  # someone deleted meanwhile is left out
    assert b.person_id not in [i.person_id for i in third.items if isinstance(i, PersonToSort)]
    assert not any(isinstance(i, TieToSort) and b.person_id in (i.a, i.b) for i in third.items)
