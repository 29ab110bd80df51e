"""The Today view and the nurture menu inside the real main window, over the demo network."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services import reminders
from desktop_app.services.dashboard import Funnel
from desktop_app.ui.today.today_plots import funnel_context
from desktop_app.ui.today.today_view import serving_text
from desktop_app.ui.window.main_window import MainWindow


def _today_index(window: MainWindow) -> int:
    return [s.key for s in window.view_specs].index("today")


def test_today_view_is_built_only_when_shown(window: MainWindow, qtbot: QtBot) -> None:
    assert "today" not in window.views
    window.show_view(_today_index(window))
    qtbot.waitUntil(lambda: "today" in window.views)
    view = window.views["today"]
    assert "pyqtgraph" in sys.modules
    due_now = reminders.due_list(window.workspace.db, within_days=view.due.within_days)
    assert len(view.due.model.items) == len(due_now)
    assert view.recent_list.count() > 0
    assert "1 in 12" in view.funnel_note.text()
    plot_items = view.activity_plot.widget.getPlotItem().items
    assert plot_items, "the weekly activity plot has bars"
    assert view.circle_plot.widget.getPlotItem().items


def test_ctrl_l_is_in_the_menu_and_the_table_context_menu(window: MainWindow) -> None:
    action = window.actions_by_name["quick_log"]
    assert action.shortcut().toString() == "Ctrl+L"
    extra = window.contacts_view.context_actions
    assert any(a.data() == "quick_log" for a in extra)
    for name in ("share", "goals", "cadences", "export_ics"):
        assert name in window.actions_by_name


def test_logging_from_the_window_refreshes_today(window: MainWindow, qtbot: QtBot) -> None:
    from datetime import date

    from desktop_app.domain.enums import Direction, InteractionKind
    from desktop_app.services.interactions import NewInteraction
    from desktop_app.ui.nurture.nurture_commands import LogInteractionCommand

    window.show_view(_today_index(window))
    qtbot.waitUntil(lambda: "today" in window.views)
    view = window.views["today"]
    due = view.due.model.items
    assert due, "the demo network has someone due"
    first = due[0]
    entry = NewInteraction(
        date.today(), InteractionKind.CALL, Direction.GAVE, (first.person_id,), note="caught up"
    )
    command = LogInteractionCommand(window.workspace, entry, [first.name], confirmed=False)
    assert window.workspace.execute(command)
    qtbot.waitUntil(lambda: "caught up" in view.recent_list.item(0).text())

    def answered() -> bool:
        return all(
            not (i.person_id == first.person_id and i.reason == first.reason)
            for i in view.due.model.items
        )

    qtbot.waitUntil(answered)
    view.delete_interaction(view.recent_list.item(0).data(Qt.ItemDataRole.UserRole))
    qtbot.waitUntil(lambda: "caught up" not in view.recent_list.item(0).text())
    qtbot.waitUntil(lambda: not answered())
    window.workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: "caught up" in view.recent_list.item(0).text())


def test_funnel_context_compares_with_the_published_figures() -> None:
    assert "first informational interview" in funnel_context(Funnel(0, 0, 0, 0))
    text = funnel_context(Funnel(24, 3, 2, 1))
    assert "24 informational interviews, 1 offer (1 in 24)" in text
    assert "1 in 200" in text
    assert "about 400" in text


def test_detail_panel_has_a_keeping_in_touch_section(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.detail_panel.nurture
    assert panel.info is None  # me: nobody to check in with
    other = window.contacts_view.model.person_id_at(5)
    window.workspace.select_person(other)
    assert panel.info is not None
    assert panel.info.person_id == other
    assert panel.check_in.text()
    assert panel.balance.text()


def test_ctrl_l_opens_the_quick_log_for_the_selected_person(
    window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.nurture.quick_log import QuickLogDialog

    other = window.contacts_view.model.person_id_at(3)
    window.workspace.select_person(other)
    seen: list[list[int]] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QuickLogDialog):
            seen.append(dialog.people.person_ids())
            dialog.reject()
        else:
            QTimer.singleShot(20, close_dialog)

    QTimer.singleShot(20, close_dialog)
    window.activateWindow()
    qtbot.keyClick(window.contacts_view.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [[other]]


def test_calendar_export_from_the_menu_writes_the_file(
    window: MainWindow, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "checkins.ics"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "iCalendar (*.ics)")
    )
    window.actions_by_name["export_ics"].trigger()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in text
    assert "written to" in window.statusBar().currentMessage()


def test_goals_and_share_buttons_sit_under_the_goals_list(window: MainWindow, qtbot: QtBot) -> None:
    window.show_view(_today_index(window))
    qtbot.waitUntil(lambda: "today" in window.views)
    view = window.views["today"]
    qtbot.waitUntil(view.isVisible)
    box = view.goals_box
    for button in (view.goals_button, view.share_button):
        assert button.isVisible()
        top_left = button.mapTo(box, button.rect().topLeft())
        assert box.rect().contains(top_left), button.text()
        assert top_left.y() > view.goals_list.geometry().bottom(), button.text()


def test_goal_lines_leave_out_what_is_none() -> None:
    assert serving_text(0, 3) == "3 organisations serve it"
    assert serving_text(2, 1) == "2 contacts and 1 organisation serve it"
    assert serving_text(1, 0) == "1 contact serves it"
    assert serving_text(0, 0) == "no contact or organisation linked yet"
