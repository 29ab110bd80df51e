"""The Events & interviews view inside the real main window, over the demo network:
planning, quick capture with the keyboard, the pipeline's next stage, and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.events import InterviewStage
from desktop_app.services import events, interviews
from desktop_app.ui.events.events_view import EventsView
from desktop_app.ui.window.main_window import MainWindow


def _open(window: MainWindow, qtbot: QtBot) -> EventsView:
    index = [s.key for s in window.view_specs].index("events")
    window.show_view(index)
    qtbot.waitUntil(lambda: "events" in window.views)
    view = window.views["events"]
    assert isinstance(view, EventsView)
    qtbot.waitUntil(lambda: view.add_event_button.isVisible() and view.width() > 600)
    return view


def _select_event(view: EventsView, title: str) -> int:
    for row in range(view.event_list.count()):
        item = view.event_list.item(row)
        if item.text().startswith(title):
            view.event_list.setCurrentRow(row)
            return int(item.data(Qt.ItemDataRole.UserRole))
    raise AssertionError(f"no event {title!r} in the list")


def test_the_view_shows_the_prep_sheet_of_the_next_event(window: MainWindow, qtbot: QtBot) -> None:
    view = _open(window, qtbot)
    text = view.sheet.toPlainText()
    assert "PyData Berlin — December meetup" in text and "Who I know is going" in text
    assert view.pipeline_model.rowCount() == 7
    assert "1 in 12" in view.funnel_label.text()


def test_quick_capture_by_keyboard_links_people_and_undo_takes_them_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    event_id = _select_event(view, "Product leaders lunch")
    db = window.workspace.db
    before = events.event(db, event_id).met
    view.capture.setFocus()
    qtbot.keyClicks(view.capture, "Zofia Brandt, Vistula Analytics, data leadership")
    qtbot.keyClick(view.capture, Qt.Key.Key_Return)
    qtbot.keyClicks(view.capture, "Kai Berg")
    qtbot.keyClick(view.capture, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    met = events.event(db, event_id).met
    assert {a.name for a in met} - {a.name for a in before} == {"Zofia Brandt", "Kai Berg"}
    assert view.capture.toPlainText() == ""
    assert "Zofia Brandt" in {a.name for a in events.event(db, event_id).open_follow_ups}
    window.workspace.undo_stack.undo()
    assert events.event(db, event_id).met == before
    window.workspace.undo_stack.redo()
    assert len(events.event(db, event_id).met) == len(before) + 2


def test_an_event_ending_before_it_starts_is_refused_with_a_message(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    count = view.event_list.count()
    messages: list[str] = []
    window.workspace.error_raised.connect(messages.append)
    qtbot.keyClicks(view.title_edit, "Backwards meetup")
    view.ends_edit.setDateTime(view.starts_edit.dateTime().addSecs(-3600))
    qtbot.mouseClick(view.add_event_button, Qt.MouseButton.LeftButton)
    assert messages and "before it starts" in messages[-1]
    assert view.event_list.count() == count


def test_next_stage_moves_an_interview_along_and_undo_moves_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    db = window.workspace.db
    model = view.pipeline_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Idea")
    interview_id = int(model.index(row, 0).data(Qt.ItemDataRole.UserRole))
    view.pipeline.selectRow(row)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert interviews.interview(db, interview_id).stage is InterviewStage.ASKED
    window.workspace.undo_stack.undo()
    assert interviews.interview(db, interview_id).stage is InterviewStage.IDEA


def test_a_group_is_added_its_member_once_and_undo_removes_the_group(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    view.left_tabs.setCurrentWidget(view.groups)
    panel = view.groups
    before = panel.group_list.count()
    qtbot.keyClicks(panel.name_edit, "Rust Berlin")
    qtbot.keyClicks(panel.kind_edit, "Meetup group")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.group_list.count() == before + 1
    row = next(
        r
        for r in range(panel.group_list.count())
        if panel.group_list.item(r).text().startswith("Rust Berlin")
    )
    panel.group_list.setCurrentRow(row)
    name = next(iter(view._choices))  # a contact's label, as the completer offers it
    messages: list[str] = []
    window.workspace.error_raised.connect(messages.append)
    for _ in range(2):
        qtbot.keyClicks(panel.member_edit, name)
        qtbot.keyClick(panel.member_edit, Qt.Key.Key_Return)
    assert panel.member_list.count() == 1
    assert messages and "already a member of Rust Berlin" in messages[-1]
    window.workspace.undo_stack.undo()  # the member
    window.workspace.undo_stack.undo()  # the group
    assert panel.group_list.count() == before


def test_today_lists_what_the_pipeline_and_the_last_event_wait_on_me_for(
    window: MainWindow, qtbot: QtBot
) -> None:
    from desktop_app.domain.cadence import DueReason

    window.show_view([s.key for s in window.view_specs].index("today"))
    qtbot.waitUntil(lambda: "today" in window.views)
    due = window.views["today"].due
    if not due.show_all_button.isHidden():  # a long list opens as a catch-up: ask for all
        due.show_all_button.click()
    model = due.model
    texts = {(model.index(r, 2).data(), model.index(r, 3).data()) for r in range(model.rowCount())}
    assert ("Informational interview", "Send the request") in texts
    assert ("Informational interview", "Send thanks within 24 hours") in texts
    follow_ups = {i.detail for i in model.items if i.reason is DueReason.FOLLOW_UP}
    assert "Met at PyData Berlin — November meetup" in follow_ups


def test_a_past_events_page_lists_the_conversations_that_belong_to_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = _open(window, qtbot)
    event_id = _select_event(view, "PyData Berlin — November meetup")
    text = view.sheet.toPlainText()
    assert "Conversations at this event" in text
    for attendee in events.event(window.workspace.db, event_id).met:
        assert f"meetup with {attendee.name}: Met at PyData Berlin" in text
    assert "held" in view.funnel_label.text() and "1 in 12" in view.funnel_label.text()


def test_event_dates_follow_the_users_locale(window: MainWindow, qtbot: QtBot) -> None:
    """The event list and the start/end fields write dates as the rest of the window does
    (German here: 10.12.2026 19:00), not "Wed 10 Dec" in one place and "8 12 2026" in
    another."""
    import re

    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        view = _open(window, qtbot)
        german = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d")
        listed = [view.event_list.item(r).text() for r in range(view.event_list.count())]
        assert listed and all(german.search(text) for text in listed), listed
        assert german.fullmatch(view.starts_edit.text()), view.starts_edit.text()
        assert german.fullmatch(view.ends_edit.text()), view.ends_edit.text()
    finally:
        QLocale.setDefault(before)


def test_the_prep_sheet_writes_its_dates_as_the_window_does(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The sheet's conversations and its when-line follow the user's locale (German
    here: 10.12.2026), as the event list beside it does; no ISO date on a page a user reads."""
    import re

    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        view = _open(window, qtbot)
        _select_event(view, "PyData Berlin — November meetup")
        text = view.sheet.toPlainText()
        talks = text.split("Conversations at this event", 1)[1].strip().splitlines()
        assert talks and all(re.match(r"\d\d\.\d\d\.\d{4} · ", line) for line in talks), talks
        assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", text.splitlines()[1])
        assert not re.search(r"\d{4}-\d\d-\d\d", text)
    finally:
        QLocale.setDefault(before)


def test_the_prep_sheet_writes_the_end_time_as_the_locale_does(
    window: MainWindow, qtbot: QtBot
) -> None:
    """In US English the when-line reads "7:00 PM–9:00 PM", not a 12-hour start with a
    24-hour end ("7:00 PM–21:00")."""
    import re

    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        view = _open(window, qtbot)
        _select_event(view, "PyData Berlin — November meetup")
        when = view.sheet.toPlainText().splitlines()[1]
        assert re.search(r"\d{1,2}:\d\d\W?[AP]M–\d{1,2}:\d\d\W?[AP]M$", when), when
    finally:
        QLocale.setDefault(before)
