"""Quick logging, the Due list, goals, sharing and cadences, on real widgets and a real file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.cadence import DueReason
from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services import goals, reciprocity, reminders
from desktop_app.services.contacts import ContactsService
from desktop_app.storage.database import Database
from desktop_app.ui.nurture.cadence_dialog import CadenceDialog
from desktop_app.ui.nurture.goals_dialog import GoalEditor, GoalsDialog
from desktop_app.ui.nurture.quick_log import QuickLogDialog
from desktop_app.ui.nurture.share_dialog import ShareDialog
from desktop_app.ui.today.due_list import DueListWidget
from desktop_app.ui.today.due_notice import SETTING_KEY, show_due_notice
from desktop_app.ui.window.workspace import Workspace

TODAY = date.today()


@pytest.fixture
def small(db: Database, qtbot: QtBot) -> Iterator[tuple[Workspace, dict[str, int]]]:
    """Ana (inner), Bo (close), Cy (familiar, tagged 'data'): all added today, never met."""
    contacts = ContactsService(db)
    ids = {}
    for name, circle, tags in (
        ("Ana", Circle.INNER, ()),
        ("Bo", Circle.CLOSE, ()),
        ("Cy", Circle.FAMILIAR, ("data",)),
    ):
        new = NewPerson(PersonFields(full_name=name, circle=circle), tags=tags)
        ids[name], _ = contacts.create(new)
    workspace = Workspace(db)
    errors: list[str] = []
    workspace.error_raised.connect(errors.append)
    yield workspace, ids
    assert errors == []


def answer_next_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Press `button` on the next message box, remembering its text."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, press)

    QTimer.singleShot(20, press)


def test_quick_log_types_ahead_and_logs_with_undo(small, qtbot: QtBot) -> None:
    workspace, ids = small
    dialog = QuickLogDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.people.search.setText("an")
    dialog.people.search.returnPressed.emit()  # unique match: Ana
    assert dialog.people.person_ids() == [ids["Ana"]]
    dialog.kind.setCurrentIndex(dialog.kind.findData(InteractionKind.REFERRAL.value))
    dialog.set_direction(Direction.ASKED)
    dialog.note.setPlainText("Referred me to Acme")
    dialog.follow_up_enabled.setChecked(True)
    dialog.follow_up.setDate(dialog.follow_up.date().addDays(-10))  # 4 days from today
    with qtbot.waitSignal(workspace.changed):
        dialog.accept()
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    items = reminders.due_list(workspace.db, TODAY, within_days=4)
    assert {(i.person_id, i.reason) for i in items} == {
        (ids["Ana"], DueReason.THANK_YOU),
        (ids["Ana"], DueReason.FOLLOW_UP),
    }
    assert reciprocity.balances(workspace.db)[ids["Ana"]].asked == 1
    workspace.undo_stack.undo()
    assert reciprocity.balances(workspace.db) == {}
    workspace.undo_stack.redo()
    assert reciprocity.balances(workspace.db)[ids["Ana"]].asked == 1


def test_quick_log_questions_a_date_far_in_the_future(small, qtbot: QtBot) -> None:
    workspace, ids = small
    dialog = QuickLogDialog(workspace, [ids["Bo"]])
    qtbot.addWidget(dialog)
    dialog.occurred.setDate(dialog.occurred.date().addYears(3))
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.No, seen)
    dialog.accept()
    assert "future" in seen[0]
    assert dialog.result() != QuickLogDialog.DialogCode.Accepted
    assert reciprocity.balances(workspace.db) == {}
    answer_next_box(QMessageBox.StandardButton.Yes, seen)
    dialog.accept()
    assert reciprocity.balances(workspace.db)[ids["Bo"]].mutual == 1


def test_quick_log_without_anyone_says_so_and_stores_nothing(small, qtbot: QtBot) -> None:
    workspace, _ids = small
    dialog = QuickLogDialog(workspace)
    qtbot.addWidget(dialog)
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Ok, seen)
    dialog.accept()
    assert "Choose who" in seen[0]
    assert reciprocity.balances(workspace.db) == {}


def test_due_list_snoozes_and_logging_clears_it(small, qtbot: QtBot) -> None:
    workspace, ids = small
    widget = DueListWidget(workspace, within_days=14)
    qtbot.addWidget(widget)
    assert [i.name for i in widget.model.items] == ["Ana"]  # due in 14 days
    assert widget.model.data(widget.model.index(0, 0)) == "in 14 days"
    widget.table.selectRow(0)
    assert workspace.current_person == ids["Ana"]
    with qtbot.waitSignal(workspace.changed):
        widget.snooze_selected(30)
    qtbot.waitUntil(lambda: widget.model.items == [])
    assert reminders.snoozed_until(workspace.db, ids["Ana"]) == TODAY + timedelta(days=30)
    workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: len(widget.model.items) == 1)
    assert widget.summary.text() == "Nothing due now; 1 coming up in the next 14 days."


def test_goals_dialog_creates_links_and_records_who_was_told(small, qtbot: QtBot) -> None:
    workspace, ids = small
    dialog = GoalsDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.goal_list.count() == 0

    def fill_editor() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, GoalEditor):
            QTimer.singleShot(20, fill_editor)
            return
        editor.title.setText("Data role")
        editor.roles.setText("data engineer")
        editor.people.add_person(ids["Cy"])
        editor.accept()

    QTimer.singleShot(20, fill_editor)
    dialog.new_goal()
    assert dialog.goal_list.count() == 1
    assert "Data role" in dialog.summary.text()
    assert "Cy" in dialog.summary.text()
    assert [dialog.untold_list.item(i).text() for i in range(dialog.untold_list.count())] == [
        "Ana",
        "Bo",
    ]
    dialog.untold_list.item(0).setSelected(True)
    dialog.mark_told()
    assert dialog.untold_list.count() == 1
    assert dialog.told_list.item(0).text() == f"Ana — {TODAY.isoformat()}"
    (summary,) = goals.goals(workspace.db)
    assert (summary.told_in_circles, summary.untold, summary.people) == (1, 1, 1)
    workspace.undo_stack.undo()
    assert dialog.untold_list.count() == 2
    dialog.delete_goal()
    assert goals.goals(workspace.db) == []
    workspace.undo_stack.undo()
    assert [g.title for g in goals.goals(workspace.db)] == ["Data role"]


def test_share_dialog_suggests_by_tags_and_logs_a_gift(small, qtbot: QtBot) -> None:
    workspace, ids = small
    dialog = ShareDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.title.setText("Data hiring report")
    dialog.tags.setText("data, hiring")
    dialog.refresh_suggestions()
    item = dialog.suggested.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == ids["Cy"]
    item.setCheckState(Qt.CheckState.Checked)
    dialog.people.add_person(ids["Bo"])
    dialog.accept()
    (record,) = reciprocity.shared_resources(workspace.db)
    assert set(record.recipient_ids) == {ids["Cy"], ids["Bo"]}
    assert reciprocity.balances(workspace.db)[ids["Cy"]].gave == 1


def test_cadence_dialog_changes_the_rhythm_undoably(small, qtbot: QtBot) -> None:
    workspace, _ids = small
    dialog = CadenceDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.spins[Circle.INNER].setValue(7)
    dialog.accept()
    assert reminders.cadence_per_circle(workspace.db)[Circle.INNER] == 7
    workspace.undo_stack.undo()
    assert reminders.cadence_per_circle(workspace.db)[Circle.INNER] == 14


def test_start_up_notice_is_quiet_and_once_a_day(small, qtbot: QtBot, tmp_path) -> None:
    workspace, _ids = small
    window = QMainWindow()
    qtbot.addWidget(window)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    later = TODAY + timedelta(days=15)
    text = show_due_notice(window, workspace, today=later, settings=settings, use_tray=False)
    assert text == "Time to get in touch with Ana."
    assert window.statusBar().currentMessage() == text
    assert settings.value(SETTING_KEY) == later.isoformat()
    again = show_due_notice(window, workspace, today=later, settings=settings, use_tray=False)
    assert again == ""
    nothing = show_due_notice(window, workspace, today=TODAY, settings=settings, use_tray=False)
    assert nothing == ""  # nobody due today: no notice at all


def test_nurture_panel_follows_the_person_and_snoozes(small, qtbot: QtBot) -> None:
    from desktop_app.ui.nurture.nurture_panel import NurturePanel

    workspace, ids = small
    panel = NurturePanel(workspace)
    qtbot.addWidget(panel)
    assert panel.info is None
    panel.show_person(ids["Ana"])
    assert panel.check_in.text().startswith("On track: next check-in")
    assert "every 14 days (circle)" in panel.check_in.text()
    assert panel.balance.text() == "No exchanges logged yet"
    panel.snooze(7)
    assert "snoozed until" in panel.check_in.text()
    workspace.undo_stack.undo()
    assert "snoozed" not in panel.check_in.text()


def test_a_logged_interaction_is_edited_from_the_detail_panel_with_undo(
    small, qtbot: QtBot
) -> None:
    from desktop_app.services import interactions
    from desktop_app.services.interactions import NewInteraction
    from desktop_app.ui.contacts.detail_panel import DetailPanel

    workspace, ids = small
    entry = NewInteraction(
        TODAY - timedelta(days=3), InteractionKind.CALL, Direction.ASKED, (ids["Ana"],), "typo"
    )
    interaction_id, _ = interactions.log_interaction(workspace.db, entry)
    panel = DetailPanel(workspace)
    qtbot.addWidget(panel)
    panel.show_person(ids["Ana"])
    item = panel.timeline.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == interaction_id
    menu = panel.timeline_menu(interaction_id)
    assert [a.text() for a in menu.actions()] == ["Edit interaction…", "Delete interaction"]

    dialog = QuickLogDialog(workspace, (), editing=(interaction_id, entry))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit interaction"
    assert dialog.entry() == entry  # the form holds what was logged
    dialog.note.setPlainText("Called about the opening at Acme")
    dialog.people.add_person(ids["Bo"])
    with qtbot.waitSignal(workspace.changed):
        dialog.accept()
    edited = interactions.interaction_entry(workspace.db, interaction_id)
    assert edited.note == "Called about the opening at Acme"
    assert set(edited.participant_ids) == {ids["Ana"], ids["Bo"]}
    assert panel.timeline.item(0).text().endswith("Called about the opening at Acme")
    assert workspace.undo_stack.undoText() == "Edit call"
    workspace.undo_stack.undo()
    assert interactions.interaction_entry(workspace.db, interaction_id) == entry
