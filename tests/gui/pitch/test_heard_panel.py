"""A document's "Who heard it" tab: who knows an older version of the pitch, and one click
that puts a check-in with each on the Due list (undoable)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.cadence import DueReason
from desktop_app.services import interviews, reminders
from desktop_app.storage.database import Database
from desktop_app.ui.pitch.pitch_view import PitchView
from desktop_app.ui.window.workspace import Workspace


@pytest.fixture
def view(qtbot: QtBot, demo_db: Database) -> Iterator[PitchView]:
    widget = PitchView(Workspace(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.panel.editor.wait_for_idle()


def test_who_heard_an_older_pitch_is_listed_and_one_click_checks_in_with_each(
    view: PitchView, qtbot: QtBot
) -> None:
    row = next(i for i, d in enumerate(view.model.documents) if d.kind == "pitch")
    view.list.setCurrentIndex(view.model.index(row))
    pitch_id = view.model.documents[row].id
    heard = view.panel.heard
    view.panel.tabs.setCurrentWidget(heard)
    db = view.workspace.db
    report = interviews.heard_older_version(db, pitch_id)
    assert report.listeners, "the demo has people who heard an earlier pitch"
    assert heard.listeners.count() == len(report.listeners)
    assert heard.sentence.text().startswith(f"{len(report.listeners)} people heard the pitch")
    names = {p.name for p in report.listeners}

    def follow_ups() -> set[str]:
        return {
            i.name
            for i in reminders.due_list(db)
            if i.reason is DueReason.FOLLOW_UP and i.detail.startswith("Check in: share version")
        }

    assert follow_ups() == set()
    qtbot.mouseClick(heard.check_in_button, Qt.MouseButton.LeftButton)
    assert follow_ups() == names
    view.workspace.undo_stack.undo()
    assert follow_ups() == set()
