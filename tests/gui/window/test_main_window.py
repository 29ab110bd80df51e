"""The main window over a real database: table, detail panel, edits with undo/redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import EmploymentRecord, NewPerson, PersonFields
from desktop_app.ui.contacts.contact_commands import (
    CreatePersonCommand,
    DeletePeopleCommand,
    EditPersonCommand,
)
from desktop_app.ui.contacts.contact_table_model import Column
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace


def count(workspace: Workspace) -> int:
    return workspace.contacts.count()


def test_window_shows_contacts_and_me_in_the_detail_panel(window: MainWindow) -> None:
    view = window.contacts_view
    assert view.model.rowCount() == 61
    assert view.count_label.text() == "61 contacts"
    assert window.detail_panel.name_label.text() == "Alex Rivera (me)"
    assert not window.detail_panel.delete_button.isEnabled()  # me cannot be deleted


def test_selecting_a_row_follows_in_the_detail_panel(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    view.table.selectRow(4)
    person = view.model.summary_at(4)
    assert person is not None
    assert window.workspace.current_person == person.id
    assert window.detail_panel.name_label.text() == person.full_name


def test_selection_from_elsewhere_moves_the_table(window: MainWindow) -> None:
    view = window.contacts_view
    target = view.model.person_id_at(30)
    window.workspace.select_person(target)
    assert view.table.currentIndex().row() == 30


def test_filter_box_filters_after_typing(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    qtbot.keyClicks(view.filter_box, "zzz-no-such-person")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.count_label.text() == "0 of 61 contacts"
    view.filter_box.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 61)


def test_create_edit_delete_with_undo_and_redo(window: MainWindow) -> None:
    ws = window.workspace
    stack = ws.undo_stack
    create = CreatePersonCommand(
        ws,
        NewPerson(
            PersonFields(given_name="Chidi", family_name="Okafor"),
            employment=(EmploymentRecord("Northwind", "Ethicist"),),
        ),
    )
    assert ws.execute(create)
    new_id = create.person_id
    assert count(ws) == 62
    view = window.contacts_view
    assert view.model.rowCount() == 62

    fields = ws.contacts.fields(new_id)  # type: ignore[arg-type]
    from dataclasses import replace

    assert ws.execute(
        EditPersonCommand(
            ws,
            new_id,
            replace(fields, full_name="Chidi A. Okafor"),  # type: ignore[arg-type]
            tags=("ethics",),
            job=("Northwind", "Lead Ethicist"),
        )
    )
    summary = ws.contacts.summaries([new_id])[0]  # type: ignore[list-item]
    assert (summary.full_name, summary.title, summary.tags) == (
        "Chidi A. Okafor",
        "Lead Ethicist",
        "ethics",
    )

    stack.undo()
    summary = ws.contacts.summaries([new_id])[0]  # type: ignore[list-item]
    assert (summary.full_name, summary.title, summary.tags) == ("Chidi Okafor", "Ethicist", "")
    stack.redo()
    assert ws.contacts.summaries([new_id])[0].full_name == "Chidi A. Okafor"  # type: ignore[list-item]

    stack.undo()
    stack.undo()  # undo the creation
    assert count(ws) == 61
    assert view.model.rowCount() == 61
    stack.redo()  # the same person comes back with the same id
    assert ws.contacts.summaries([new_id])[0].full_name == "Chidi Okafor"  # type: ignore[list-item]


def test_delete_restores_relationships_interactions_and_feedback(window: MainWindow) -> None:
    ws = window.workspace
    conn = ws.db.fast_connection()
    reviewer = conn.execute("SELECT reviewer_id FROM feedback_rounds LIMIT 1").fetchone()[0]

    def links(pid: int) -> tuple[int, int, int, int]:
        return (
            conn.execute(
                "SELECT COUNT(*) FROM relationships WHERE a_id=? OR b_id=?", (pid, pid)
            ).fetchone()[0],
            conn.execute(
                "SELECT COUNT(*) FROM interaction_participants WHERE person_id=?", (pid,)
            ).fetchone()[0],
            conn.execute(
                "SELECT COUNT(*) FROM feedback_rounds WHERE reviewer_id=?", (pid,)
            ).fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM employment WHERE person_id=?", (pid,)).fetchone()[0],
        )

    before = links(reviewer)
    assert before[0] > 0 and before[2] > 0
    assert ws.execute(DeletePeopleCommand(ws, [reviewer], ["someone"]))
    assert links(reviewer)[:2] == (0, 0)
    assert (
        conn.execute("SELECT COUNT(*) FROM feedback_rounds WHERE reviewer_id IS NULL").fetchone()[0]
        >= 1
    )
    ws.undo_stack.undo()
    assert links(reviewer) == before


def test_table_edit_goes_through_undo(window: MainWindow, qtbot: QtBot) -> None:
    view = window.contacts_view
    index = view.model.index(2, Column.ORGANIZATION)
    person = view.model.person_id_at(2)
    view.model.setData(index, "Tidewater Labs")
    assert view.model.index(2, Column.ORGANIZATION).data() == "Tidewater Labs"
    assert window.workspace.undo_stack.count() == 1
    window.workspace.undo_stack.undo()
    assert (
        view.model.index(view.model.row_of(person), Column.ORGANIZATION).data() != "Tidewater Labs"
    )  # type: ignore[arg-type]


def test_markup_in_names_is_shown_literally(window: MainWindow) -> None:
    ws = window.workspace
    create = CreatePersonCommand(
        ws,
        NewPerson(
            PersonFields(full_name="<b>Bold</b> <img src=x>", note="<script>alert(1)</script>")
        ),
    )
    assert ws.execute(create)
    ws.select_person(create.person_id)
    panel = window.detail_panel
    assert panel.name_label.text() == "<b>Bold</b> <img src=x>"
    assert panel.name_label.textFormat() == Qt.TextFormat.PlainText


def test_read_only_workspace_refuses_edits(demo_db, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.storage.database import open_database

    path = demo_db.path
    reader = open_database(path, read_only=True)
    ws = Workspace(reader)
    errors: list[str] = []
    ws.error_raised.connect(errors.append)
    win = MainWindow(ws)
    qtbot.addWidget(win)
    assert not win.actions_by_name["new_contact"].isEnabled()
    assert not ws.execute(CreatePersonCommand(ws, NewPerson(PersonFields(full_name="X"))))
    assert errors and "read-only" in errors[0]
    reader.close()


def test_window_state_is_remembered(qtbot: QtBot, workspace: Workspace) -> None:
    first = MainWindow(workspace)
    qtbot.addWidget(first)
    first.resize(1100, 640)
    first.show()
    first.contacts_view.table.horizontalHeader().resizeSection(Column.TITLE, 333)
    first.detail_dock.hide()
    first.close()
    second = MainWindow(workspace)
    qtbot.addWidget(second)
    second.show()
    assert second.height() == 640
    assert second.contacts_view.table.horizontalHeader().sectionSize(Column.TITLE) == 333
    assert not second.detail_dock.isVisible()


def test_the_detail_panel_is_built_only_after_the_table_has_painted(
    qtbot: QtBot, workspace: Workspace
) -> None:
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    seen: list[tuple[str, bool]] = []
    win.contacts_ready.connect(
        lambda: seen.append(("contacts_ready", win.detail_dock.widget() is not None))
    )
    win.first_painted.connect(  # connected after the window's own "show me" slot
        lambda: seen.append(("first_painted", win.detail_dock.widget() is not None))
    )
    with qtbot.waitSignal(win.first_painted):
        win.show()
    assert seen == [("contacts_ready", False), ("first_painted", True)]
    assert win.detail_panel.name_label.text() == "Alex Rivera (me)"


def test_editing_contact_details_and_earlier_jobs_is_one_undo_step(window: MainWindow) -> None:
    from dataclasses import replace

    from desktop_app.domain.values import ContactPoints, LabeledValue, PersonDetail

    ws = window.workspace
    person = window.contacts_view.model.summary_at(3)
    assert person is not None
    before = ws.contacts.detail(person.id)
    points = ContactPoints(
        emails=(LabeledValue("new@example.org", "work"),),
        phones=(LabeledValue("+1 555 0100", "mobile"),),
    )
    earlier = (EmploymentRecord("Initech", "Analyst", current=False),)
    assert ws.execute(
        EditPersonCommand(
            ws,
            person.id,
            replace(before.fields, note="met at PyCon"),
            points=points,
            past_jobs=earlier,
        )
    )
    after = ws.contacts.detail(person.id)
    assert after.contact_points == points and after.fields.note == "met at PyCon"
    assert [(j.organization, j.title) for j in after.employment if not j.current] == [
        ("Initech", "Analyst")
    ]
    window.workspace.select_person(person.id)
    shown = [label.text() for label in window.detail_panel.findChildren(QLabel)]
    assert "new@example.org (work)" in shown
    ws.undo_stack.undo()

    def same_jobs_any_ids(detail: PersonDetail) -> PersonDetail:  # earlier jobs get new ids
        return replace(detail, employment=tuple(replace(j, id=None) for j in detail.employment))

    assert same_jobs_any_ids(ws.contacts.detail(person.id)) == same_jobs_any_ids(before)


def test_everyday_actions_have_their_standard_keys(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    keys = {name: a.shortcut() for name, a in window.actions_by_name.items()}
    assert keys["new_contact"] == QKeySequence(QKeySequence.StandardKey.New)
    assert keys["find"] == QKeySequence(QKeySequence.StandardKey.Find)
    assert keys["delete_contact"] == QKeySequence(QKeySequence.StandardKey.Delete)
    assert not keys["quit"].isEmpty()  # Ctrl+Q where the platform has no Quit key
    assert keys["view_contacts"].toString() == "Ctrl+1"


def test_my_own_timeline_explains_where_interactions_are(window: MainWindow) -> None:
    me = window.workspace.contacts.me_id()
    assert me is not None
    window.workspace.select_person(me)
    panel = window.detail_panel
    assert panel.timeline.count() == 1
    assert panel.timeline.item(0).text() == "Listed under the people you met."


def test_closing_the_network_tidies_away_copies_of_deleted_attachments(
    qtbot: QtBot,
    db_path,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from desktop_app.paths import attachments_dir
    from desktop_app.services import documents
    from desktop_app.storage.database import open_database

    workspace = Workspace(open_database(db_path))
    document_id, _ = documents.create_document(workspace.db, "resume", "Old resume", [])
    source = tmp_path / "old.pdf"
    source.write_bytes(b"%PDF old")
    documents.attach_file(workspace.db, document_id, source)
    documents.delete_document(workspace.db, document_id)  # undo could still want the copy
    folder = attachments_dir(workspace.db.path)
    assert len(list(folder.iterdir())) == 1
    workspace.close()  # the undo history ends here
    assert list(folder.iterdir()) == []
    workspace.close()  # twice is harmless


def test_ties_are_strengthened_and_removed_from_the_detail_panel_with_undo(
    window: MainWindow,
) -> None:
    from desktop_app.services import relationships
    from desktop_app.ui.contacts.detail_panel import TIE_ROLE

    ws, panel = window.workspace, window.detail_panel
    person = next(
        s.id
        for r in range(window.contacts_view.model.rowCount())
        if (s := window.contacts_view.model.summary_at(r)) is not None
        and not s.is_me
        and ws.contacts.relationship_count(s.id) > 0
    )
    ws.select_person(person)
    tie_id = panel.ties.item(0).data(TIE_ROLE)
    tie = relationships.tie(ws.db, tie_id)
    texts = [a.text() for a in panel.ties_menu(tie_id).actions() if not a.isSeparator()]
    assert texts == ["Open", "Strength", "Remove relationship", "Add relationship…"]
    assert [a.text() for a in panel.ties_menu(None).actions()] == ["Add relationship…"]

    weaker = 1 if tie.strength != 1 else 2
    panel.set_tie_strength(tie, weaker)
    assert relationships.tie(ws.db, tie_id).strength == weaker
    ws.undo_stack.undo()
    assert relationships.tie(ws.db, tie_id) == tie

    before = ws.contacts.relationship_count(person)
    panel.remove_tie(tie)
    assert ws.contacts.relationship_count(person) == before - 1
    ws.undo_stack.undo()
    assert ws.contacts.relationship_count(person) == before
    back = [t for t in ws.contacts.detail(person).relationships if t.other_id in tie.people]
    restored = relationships.tie(ws.db, back[0].id)  # … the same way round, as strong
    assert (restored.a_id, restored.b_id, restored.kind, restored.strength) == (
        tie.a_id,
        tie.b_id,
        tie.kind,
        tie.strength,
    )
    ws.undo_stack.redo()
    assert ws.contacts.relationship_count(person) == before - 1
