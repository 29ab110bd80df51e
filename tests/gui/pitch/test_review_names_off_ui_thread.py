"""The pitch view opens without reading the network's names on the UI thread: the review's
worker reads them, and the speller knows them just the same."""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.services.document_resources import kind_spec
from desktop_app.services.text_review import review_text
from desktop_app.services.text_review.context import ReviewFacts
from desktop_app.storage.database import Database
from desktop_app.ui.pitch.pitch_view import PitchView
from desktop_app.ui.window.workspace import Workspace

SURNAME = "Vantrebeck"


def _bare_dictionary_flags(word: str) -> bool:
    text = f"{word} helped me at the fair."  # first in a sentence: a name is checked
    review = review_text(text, kind_spec("pitch"), context=ReviewFacts().context())
    return any(text[f.start : f.end] == word for f in review.findings if f.kind == "spelling")


def test_the_names_are_read_by_the_review_worker_not_the_ui_thread(
    qtbot: QtBot, demo_db: Database
) -> None:
    workspace = Workspace(demo_db)
    workspace.contacts.create(NewPerson(fields=PersonFields(full_name=f"Quilla {SURNAME}")))
    assert _bare_dictionary_flags(SURNAME)  # so only the network's names can make it known
    names_read_on: list[bool] = []  # True: on the UI thread

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "DISTINCT people.full_name" in statement:
            names_read_on.append(threading.current_thread() is threading.main_thread())

    event.listen(demo_db.engine, "before_cursor_execute", on_execute)
    try:
        view = PitchView(workspace)
        qtbot.addWidget(view)
        view.resize(1100, 700)
        view.show()
        row = next(i for i, d in enumerate(view.model.documents) if d.kind == "pitch")
        view.list.setCurrentIndex(view.model.index(row))
        editor = view.panel.editor
        assert names_read_on == []  # the view is open and nothing has read them yet
        surname = SURNAME
        editor.editor.selectAll()
        qtbot.keyClicks(editor.editor, f"{surname} helped me at the fair.")
        qtbot.waitUntil(
            lambda: (
                editor.last_review is not None
                and editor.editor.toPlainText().startswith(surname)
                and not editor._tasks
                and not editor._timer.isActive()
            ),
            timeout=20000,
        )
        editor.wait_for_idle()
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", on_execute)
    assert names_read_on and not any(names_read_on)  # read, and only on a worker
    assert editor.last_review is not None
    spelt = [f for f in editor.last_review.findings if f.kind == "spelling"]
    assert surname not in [editor.text()[f.start : f.end] for f in spelt]
