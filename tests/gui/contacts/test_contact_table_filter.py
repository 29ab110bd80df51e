"""The contact table shows the same rows whatever the typing history: after typing, deleting,
editing, adding and deleting people, the filtered (and sorted) table must equal a table
built afresh with the same filter text and sort."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import NewPerson, PersonFields
from desktop_app.ui.contacts.contact_commands import (
    CreatePersonCommand,
    DeletePeopleCommand,
    EditPersonCommand,
)
from desktop_app.ui.contacts.contact_table_model import Column, ContactTableModel
from desktop_app.ui.contacts.contacts_view import ContactsView
from desktop_app.ui.window.workspace import Workspace

# Few letters, so that filters keep matching some rows and edits move rows in and out.
LETTERS = "anelo r"
words = st.text(alphabet="anelorAN", min_size=1, max_size=6)

operations = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.sampled_from(LETTERS)),
        st.tuples(st.just("backspace")),
        st.tuples(
            st.just("edit"),
            st.integers(0, 10_000),
            st.sampled_from(["name", "organisation", "title", "tags"]),
            words,
        ),
        st.tuples(st.just("add"), words, words, words),
        st.tuples(st.just("delete"), st.integers(0, 10_000)),
        st.tuples(
            st.just("sort"),
            st.sampled_from([-1, *[int(c) for c in Column]]),
            st.sampled_from([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]),
        ),
    ),
    min_size=1,
    max_size=14,
)


def _shown_ids(model: ContactTableModel) -> list[int | None]:
    return [model.person_id_at(row) for row in range(model.rowCount())]


def _fresh_ids(workspace: Workspace, view: ContactsView) -> list[int | None]:
    fresh = ContactTableModel(workspace.contacts.ids_in_name_order, workspace.contacts.summaries)
    fresh.reload()
    header = view.table.horizontalHeader()
    section = header.sortIndicatorSection()
    if 0 <= section < len(Column):
        fresh.sort(section, header.sortIndicatorOrder())
    fresh.set_filter(view.filter_box.text())
    return _shown_ids(fresh)


def _edit(workspace: Workspace, person_id: int, field: str, value: str) -> None:
    fields = workspace.contacts.fields(person_id)
    summary = workspace.contacts.summaries([person_id])[0]
    tags: tuple[str, ...] | None = None
    job: tuple[str, str] | None = None
    if field == "name":
        fields = replace(fields, full_name=value)
    elif field == "organisation":
        job = (value, summary.title)
    elif field == "title":
        job = (summary.organization or "Acme", value)
    else:
        tags = (value,)
    workspace.execute(EditPersonCommand(workspace, person_id, fields, tags=tags, job=job))


def _run(qtbot: QtBot, workspace: Workspace, view: ContactsView, steps: list[tuple]) -> None:
    model = view.model
    for step in steps:
        kind = step[0]
        if kind == "type":
            qtbot.keyClicks(view.filter_box, step[1])
        elif kind == "backspace":
            qtbot.keyClick(view.filter_box, Qt.Key.Key_Backspace)
        elif kind == "sort":
            view.table.horizontalHeader().setSortIndicator(step[1], step[2])
        elif kind == "add":
            new = NewPerson(fields=PersonFields(full_name=step[1]), tags=(step[3],))
            workspace.execute(CreatePersonCommand(workspace, new))
        elif model.rowCount():
            person_id = model.person_id_at(step[1] % model.rowCount())
            assert person_id is not None
            if kind == "edit":
                _edit(workspace, person_id, step[2], step[3])
            elif person_id != workspace.contacts.me_id():
                workspace.execute(DeletePeopleCommand(workspace, [person_id], ["x"]))
        qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)  # filter now, not after the pause
        assert _shown_ids(model) == _fresh_ids(workspace, view), steps


def test_filter_results_do_not_depend_on_typing_history(qtbot: QtBot, workspace: Workspace) -> None:
    view = ContactsView(workspace)
    qtbot.addWidget(view)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(operations)
    def check(steps: list[tuple]) -> None:
        view.filter_box.clear()
        _run(qtbot, workspace, view, steps)

    check()


def test_edit_that_stops_matching_then_narrowing(qtbot: QtBot, workspace: Workspace) -> None:
    """The case hypothesis first found: type, rename a shown person so they no longer
    match, type on: the renamed person must not be shown."""
    view = ContactsView(workspace)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.filter_box, "a")
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    person_id = view.model.person_id_at(1)
    assert person_id is not None
    fields = replace(workspace.contacts.fields(person_id), full_name="Zed Quist", circle=None)
    workspace.execute(
        EditPersonCommand(workspace, person_id, fields, tags=("zz",), job=("Zz", "Zz"))
    )
    qtbot.keyClicks(view.filter_box, "n")
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    assert person_id not in _shown_ids(view.model)
    assert _shown_ids(view.model) == _fresh_ids(workspace, view)


def test_many_people_at_once_land_where_a_fresh_table_puts_them(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """An import or an undone mass delete re-sorts instead of placing people one by one."""
    for n in range(70):
        new = NewPerson(fields=PersonFields(full_name=f"Bulk {n:02d} Person"), tags=("bulk",))
        workspace.execute(CreatePersonCommand(workspace, new))
    view = ContactsView(workspace)
    qtbot.addWidget(view)
    view.table.horizontalHeader().setSortIndicator(Column.NAME, Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(view.filter_box, "bu")
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    bulk = [i for i in _shown_ids(view.model) if i is not None]
    assert len(bulk) >= 70
    workspace.execute(DeletePeopleCommand(workspace, bulk, ["x"] * len(bulk)))
    assert _shown_ids(view.model) == _fresh_ids(workspace, view) == []
    workspace.undo_stack.undo()
    assert _shown_ids(view.model) == _fresh_ids(workspace, view)
    assert sorted(_shown_ids(view.model)) == sorted(bulk)  # type: ignore[type-var]
