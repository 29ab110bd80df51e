"""One date format everywhere, the user's (QLocale); spans of days in words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop_app.ui.common.dates import format_date, format_day_month
from desktop_app.ui.contacts.contact_table_model import Column
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
AMERICAN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def german() -> Iterator[QLocale]:
    before = QLocale()
    QLocale.setDefault(GERMAN)
    yield GERMAN
    QLocale.setDefault(before)


def test_dates_follow_the_locale_with_a_four_digit_year() -> None:
    day = date(2026, 3, 7)
    assert format_date(day, GERMAN) == "07.03.2026"
    assert format_date(day, AMERICAN) == "3/7/2026"
    assert format_day_month(day, GERMAN) == "07.03"
    assert format_day_month(day, AMERICAN) == "3/7"
    assert format_date(None) == ""


def test_table_panel_and_today_show_the_users_dates(
    german: QLocale, qtbot: QtBot, workspace: Workspace
) -> None:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted):
        window.show()
    model = window.contacts_view.model
    german_date = re.compile(r"^\d\d\.\d\d\.\d{4}$")
    shown = [model.index(r, Column.LAST_CONTACT).data() for r in range(model.rowCount())]
    dated = [text for text in shown if text]
    assert dated and all(german_date.match(text) for text in dated), dated[:5]

    person = next(model.person_id_at(r) for r in range(model.rowCount()) if shown[r])
    workspace.select_person(person)
    panel = window.detail_panel
    first = panel.timeline.item(0).text()
    assert re.match(r"^\d\d\.\d\d\.\d{4} ·", first), first

    window.show_view([s.key for s in window.view_specs].index("today"))
    today = window.views["today"]
    line = today.recent_list.item(0).text()  # type: ignore[attr-defined]
    assert re.match(r"^\d\d\.\d\d\.\d{4} ", line), line


def test_rhythms_and_lateness_are_words_in_the_window(qtbot: QtBot, workspace: Workspace) -> None:
    from desktop_app.ui.today.due_list import DueListWidget

    widget = DueListWidget(workspace, within_days=0)
    qtbot.addWidget(widget)
    texts = [widget.model.index(r, 0).data() for r in range(widget.model.rowCount())]
    details = [widget.model.index(r, 3).data() or "" for r in range(widget.model.rowCount())]
    assert texts
    wordy = [
        t for t in texts + details if re.search(r"\b(1[4-9]|[2-9]\d|\d{3,}) days", t)
    ]  # two weeks on: words
    assert not wordy, wordy
    assert all(t.startswith(("overdue by", "today")) for t in texts), texts


def test_backups_are_listed_with_the_users_date_and_time(
    german: QLocale, qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop_app.storage import backup
    from desktop_app.storage.database import open_database
    from desktop_app.ui.window.restore_dialog import RestoreDialog

    path = tmp_path / "n.db"
    open_database(path).close()
    backup.make_backup(path, "daily")
    dialog = RestoreDialog(path)
    qtbot.addWidget(dialog)
    assert re.match(r"^\d\d\.\d\d\.\d{4} \d\d:\d\d$", dialog.table.item(0, 0).text())
