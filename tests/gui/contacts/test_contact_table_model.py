"""The contact table model, checked by Qt's own model tester and by behaviour."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.domain.values import ChangeSet
from desktop_app.ui.contacts.contact_table_model import Column, ContactTableModel
from desktop_app.ui.window.workspace import Workspace


def make_model(workspace: Workspace) -> ContactTableModel:
    model = ContactTableModel(workspace.contacts.ids_in_name_order, workspace.contacts.summaries)
    model.reload()
    return model


def test_passes_qt_model_tester(qapp, qtmodeltester, workspace: Workspace) -> None:
    model = make_model(workspace)
    qtmodeltester.check(model, force_py=True)
    model.set_filter("a")
    qtmodeltester.check(model, force_py=True)


def test_rows_load_lazily_then_completely(workspace: Workspace) -> None:
    model = make_model(workspace)
    assert model.rowCount() == 61
    assert not model.is_complete
    first = model.index(0, Column.NAME).data()
    assert first.endswith("(me)")
    model.set_filter("")
    assert model.is_complete


def test_filter_matches_every_word_across_columns(workspace: Workspace) -> None:
    model = make_model(workspace)
    some = model.summary_at(5)
    assert some is not None
    word = some.full_name.split()[0].lower()
    model.set_filter(word)
    names = [model.index(r, Column.NAME).data() for r in range(model.rowCount())]
    assert names and all(word in n.lower() for n in names)
    model.set_filter(f"{word} zzzz-nothing")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == 61


def test_narrowing_filter_gives_same_rows_as_fresh_filter(workspace: Workspace) -> None:
    model = make_model(workspace)
    model.set_filter("a")
    model.set_filter("an")
    narrowed = [model.person_id_at(r) for r in range(model.rowCount())]
    model.set_filter("")
    model.set_filter("an")
    fresh = [model.person_id_at(r) for r in range(model.rowCount())]
    assert narrowed == fresh


def test_sort_by_each_column_both_ways(workspace: Workspace) -> None:
    model = make_model(workspace)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = [model.summary_at(r).full_name.casefold() for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert names == sorted(names)
    model.sort(Column.BALANCE, Qt.SortOrder.DescendingOrder)
    balances = [model.summary_at(r).balance for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert balances == sorted(balances, reverse=True)
    for column in Column:
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert model.rowCount() == 61


def test_edit_is_requested_not_written(workspace: Workspace) -> None:
    model = make_model(workspace)
    seen: list[tuple[int, int, object]] = []
    model.edit_requested.connect(lambda *args: seen.append(args))
    index = model.index(1, Column.TITLE)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "Chief Gardener")
    assert seen == [(model.person_id_at(1), int(Column.TITLE), "Chief Gardener")]
    assert not model.flags(model.index(1, Column.LAST_CONTACT)) & Qt.ItemFlag.ItemIsEditable


def test_apply_change_refreshes_only_touched_rows(workspace: Workspace) -> None:
    model = make_model(workspace)
    model.set_filter("")  # every row read, as after the first keystroke or change
    person = model.person_id_at(3)
    assert person is not None
    workspace.db.fast_connection().execute(
        "UPDATE people SET circle = 'inner' WHERE id = ?", (person,)
    )
    changed: list[int] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    model.modelReset.connect(lambda: resets.append(True))
    model.apply_change(ChangeSet(people_changed=frozenset({person})))
    assert changed == [3] and not resets
    assert model.index(3, Column.CIRCLE).data() == "Inner circle"


def test_renamed_person_moves_to_their_place_by_name(workspace: Workspace) -> None:
    for complete, name in ((False, "Zz Renamed 1"), (True, "Zz Renamed 2")):
        model = make_model(workspace)
        if complete:
            model.set_filter("")
        person = model.person_id_at(3)
        assert person is not None
        workspace.db.fast_connection().execute(
            "UPDATE people SET full_name = ? WHERE id = ?", (name, person)
        )
        model.apply_change(ChangeSet(people_changed=frozenset({person})))
        assert model.person_id_at(model.rowCount() - 1) == person
        assert model.index(model.rowCount() - 1, Column.NAME).data() == name


def test_every_column_is_what_its_spec_says(qapp, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """Headers, editability and alignment come from the one `COLUMNS` tuple, and an edit of
    a cell becomes an undoable command beside the model (`request_edit`), not in the view."""
    from desktop_app.ui.contacts.contact_table_model import COLUMNS, request_edit

    model = make_model(workspace)
    assert [spec.column for spec in COLUMNS] == list(Column)
    for spec in COLUMNS:
        index = model.index(0, spec.column)
        assert model.headerData(spec.column, Qt.Orientation.Horizontal) == spec.header
        editable = bool(model.flags(index) & Qt.ItemFlag.ItemIsEditable)
        assert editable == spec.editable
        alignment = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
        assert alignment == (int(spec.alignment) if spec.alignment is not None else None)
    person_id = model.person_id_at(0)
    assert person_id is not None
    errors: list[str] = []
    workspace.error_raised.connect(errors.append)
    assert not request_edit(workspace, person_id, Column.NAME, "   ")
    assert errors == ["A contact needs a name."]
    assert request_edit(workspace, person_id, Column.TITLE, "Chief Gardener")
    assert workspace.contacts.summaries([person_id])[0].title == "Chief Gardener"
    workspace.undo_stack.undo()
    assert workspace.contacts.summaries([person_id])[0].title != "Chief Gardener"
