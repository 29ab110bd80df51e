"""The network map view on a real demo network, a real database and real widgets."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import ChangeSet, NewPerson, PersonFields
from desktop_app.services.map import map_positions
from desktop_app.services.map.network_graph import MapFilters, load_network, person_key
from desktop_app.storage.database import open_database
from desktop_app.ui.map import map_loading
from desktop_app.ui.map.network_map_view import NetworkMapView
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace

LAYOUT_TIMEOUT = 60_000


def make_view(qtbot: QtBot, workspace: Workspace) -> NetworkMapView:
    view = NetworkMapView(workspace)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        view.show()
    return view


def assert_same_places(a: dict, b: dict) -> None:
    assert set(a) == set(b)
    for key, point in a.items():
        assert point == pytest.approx(b[key]), key


def laid_out(qtbot: QtBot, view: NetworkMapView) -> None:
    qtbot.waitUntil(lambda: not view.layout_running, timeout=LAYOUT_TIMEOUT)


def test_first_open_lays_out_the_network_and_saves_the_positions(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    snapshot = load_network(workspace.db)
    assert view.stack.currentWidget() is view.canvas
    assert set(view.canvas.keys) == {n.key for n in snapshot.nodes}
    with qtbot.waitSignal(view.layout_finished, timeout=LAYOUT_TIMEOUT):
        pass
    saved, _pinned = map_positions.load_positions(workspace.db)
    assert set(saved) == set(view.canvas.keys)
    assert_same_places(view.canvas.positions(), saved)
    assert view.legend.labels()[0] == Circle.INNER.label


def test_the_map_is_the_same_when_opened_again(qtbot: QtBot, workspace: Workspace) -> None:
    first = make_view(qtbot, workspace)
    with qtbot.waitSignal(first.layout_finished, timeout=LAYOUT_TIMEOUT):
        pass
    before = first.canvas.positions()
    second = make_view(qtbot, workspace)
    assert not second.layout_running  # every node has its place: nothing to compute
    assert_same_places(second.canvas.positions(), before)


def test_selection_is_shared_with_the_workspace_both_ways(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    someone = next(k for k in view.canvas.keys if k.startswith("p:"))
    workspace.select_person(int(someone[2:]))
    assert view.canvas.selected == someone
    other = [k for k in view.canvas.keys if k.startswith("p:")][3]
    view.canvas.node_clicked.emit(other)
    assert workspace.current_person == int(other[2:])
    me = workspace.contacts.me_id()
    workspace.select_person(me)
    assert view.canvas.selected == "me"


def test_double_click_asks_the_window_to_open_the_person(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    someone = next(k for k in view.canvas.keys if k.startswith("p:"))
    with qtbot.waitSignal(view.open_person_requested) as opened:
        view.canvas.node_activated.emit(someone)
    assert opened.args == [int(someone[2:])]


def test_filters_reload_only_the_chosen_part(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        view.filter_panel.set_filters(MapFilters(circles=frozenset({Circle.INNER})))
    people = [n for n in view.canvas.snapshot.nodes if n.kind == "person"]
    assert people
    assert all(n.circle == Circle.INNER for n in people)
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        view.filter_panel.past_jobs.setChecked(False)
    assert all(e.kind != "past_job" for e in view.canvas.snapshot.edges)


def test_an_edit_elsewhere_adds_the_person_without_reshuffling(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    with qtbot.waitSignal(view.layout_finished, timeout=LAYOUT_TIMEOUT):
        pass
    before = view.canvas.positions()
    new_id, change = workspace.contacts.create(
        NewPerson(PersonFields(full_name="Newt Newcomer", circle=Circle.CLOSE))
    )
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        workspace.announce(change)
    assert person_key(new_id) in view.canvas.index
    laid_out(qtbot, view)
    after = view.canvas.positions()
    span = max(max(abs(x), abs(y)) for x, y in before.values())
    moved = sorted(math.dist(before[k], after[k]) for k in before)
    assert moved[len(moved) // 2] < 0.1 * span


def test_context_menu_hide_and_show_again(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    someone = next(k for k in view.canvas.keys if k.startswith("p:"))
    texts = [a.text() for a in view.context_menu(someone).actions() if a.text()]
    assert texts == ["Open", "Log interaction…", "Add relationship…", "Find path to here", "Hide"]
    organisation = next(k for k in view.canvas.keys if k.startswith("o:"))
    org_texts = [a.text() for a in view.context_menu(organisation).actions() if a.text()]
    assert "Find path to someone here" in org_texts
    assert "Hide" not in [a.text() for a in view.context_menu("me").actions()]
    view.hide_node(someone)
    assert someone not in view.canvas.index
    assert view.show_hidden_button.isVisibleTo(view)
    view.show_hidden()
    assert someone in view.canvas.index
    assert not view.show_hidden_button.isVisibleTo(view)


def test_path_finder_lists_ranked_paths_and_highlights_one(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    organisation = next(n for n in view.canvas.snapshot.nodes if n.kind == "organization")
    view.path_panel.ask(organisation.label, organisation.key)
    qtbot.waitUntil(lambda: view.path_panel.paths.count() > 0, timeout=LAYOUT_TIMEOUT)
    first = view.path_panel.paths.item(0).text()
    assert first.startswith("1. You → ")
    assert organisation.label in first
    assert view.canvas._path[-1] == organisation.key
    assert view.canvas._path[0] == "me"


def test_search_selects_and_centres_a_node(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    person = next(n for n in view.canvas.snapshot.nodes if n.kind == "person")
    view.search.setText(person.label)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.canvas.selected == person.key
    assert workspace.current_person == int(person.key[2:])
    x, y = view.canvas.positions_array[view.canvas.index[person.key]]
    centre = view.canvas.viewbox.viewRect().center()
    assert (
        math.dist((x, y), (centre.x(), centre.y()))
        < 1e-6 + view.canvas.viewbox.viewRect().width() / 4
    )


def test_radial_layout_puts_me_in_the_middle(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    view.layout_combo.setCurrentIndex(view.layout_combo.findData("radial"))
    assert view.canvas.positions()["me"] == (0.0, 0.0)
    assert not view.layout_running


def test_colour_by_goal_marks_what_serves_it(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    goal_index = next(
        i for i in range(view.colour_combo.count()) if view.colour_combo.itemData(i)[0] == "goal"
    )
    view.colour_combo.setCurrentIndex(goal_index)
    qtbot.waitUntil(lambda: view.legend.labels()[0].startswith("Serves "), timeout=10_000)


def test_empty_network_shows_a_helpful_page(qtbot: QtBot, tmp_path: Path) -> None:
    with open_database(tmp_path / "empty.db") as db:
        view = make_view(qtbot, Workspace(db))
        assert view.stack.currentWidget() is view.empty
        assert "Nobody on your map yet" in view.empty.text()


def test_a_network_too_big_to_draw_is_narrowed_with_a_message(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(map_loading, "MAX_DRAWN_NODES", 40)
    view = make_view(qtbot, workspace)
    assert view.banner.isVisibleTo(view)
    assert "too many to draw legibly" in view.banner.text()
    assert len(view.canvas.keys) <= 40 or view.filters.circles == frozenset({Circle.INNER})
    assert view.filters.circles


def test_main_window_opens_the_map_with_ctrl_2(qtbot: QtBot, window: MainWindow) -> None:
    window.show_view(0)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "map" in window.views)
    assert window.tabs.currentWidget() is window.views["map"].parentWidget()
    view = window.views["map"]
    assert isinstance(view, NetworkMapView)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.canvas, timeout=LAYOUT_TIMEOUT)
    someone = next(k for k in view.canvas.keys if k.startswith("p:"))
    seen: list[str] = []

    def close_the_person_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(300, close_the_person_dialog)
    view.canvas.node_activated.emit(someone)  # opens the window's person dialog
    assert seen


def test_changes_that_do_not_touch_the_map_do_not_reload_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    reloads: list[bool] = []
    view.loaded.connect(lambda: reloads.append(True))
    workspace.announce(ChangeSet(documents_changed=True))
    qtbot.wait(500)
    assert reloads == []


def test_add_relationship_from_the_map_is_undoable_and_redraws(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from desktop_app.ui.map.relationship_dialog import RelationshipDialog

    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    people = [int(k[2:]) for k in view.canvas.keys if k.startswith("p:")]
    linked = {frozenset((e.a, e.b)) for e in view.canvas.snapshot.edges}
    a, b = next(
        (x, y)
        for x in people
        for y in people
        if x < y and frozenset((person_key(x), person_key(y))) not in linked
    )
    dialog = RelationshipDialog(workspace, a, view)
    qtbot.addWidget(dialog)
    dialog.other.add_person(b)
    dialog.strength.setValue(5)
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        dialog.accept()
    pair = frozenset((person_key(a), person_key(b)))
    assert pair in {frozenset((e.a, e.b)) for e in view.canvas.snapshot.edges}
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        workspace.undo_stack.undo()
    assert pair not in {frozenset((e.a, e.b)) for e in view.canvas.snapshot.edges}
    # The same tie twice is refused with a message, not a crash.
    errors: list[str] = []
    workspace.error_raised.connect(errors.append)
    for _ in range(2):
        again = RelationshipDialog(workspace, a, view)
        qtbot.addWidget(again)
        again.other.add_person(b)
        again.accept()
    assert errors == ["These two are already linked that way."]


def test_log_interaction_from_the_map_opens_the_quick_log_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    from desktop_app.ui.nurture.quick_log import QuickLogDialog

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "map" in window.views)
    view = window.views["map"]
    assert isinstance(view, NetworkMapView)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.canvas, timeout=LAYOUT_TIMEOUT)
    someone = next(k for k in view.canvas.keys if k.startswith("p:"))
    seen: list[list[int]] = []

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QuickLogDialog):
            seen.append(dialog.people.person_ids())
            dialog.reject()
            QTimer.singleShot(300, look_and_close)  # a second dialog would be a bug

    QTimer.singleShot(300, look_and_close)
    view.log_interaction_requested.emit(int(someone[2:]))
    qtbot.wait(700)
    assert seen == [[int(someone[2:])]]


def test_photos_become_node_faces_once_zoomed_in(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    from tests.network_builder import NetworkBuilder

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366CC"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    with open_database(tmp_path / "faces.db") as db:
        network = NetworkBuilder(db)
        me = network.person("Me", me=True)
        ann = network.person("Ann", circle="inner", photo=True)
        bob = network.person("Bob", circle="close")
        network.tie(me, ann, 5)
        network.tie(me, bob, 4)
        db.fast_connection().execute(
            "UPDATE photos SET data = ?, mime = 'image/png'", (bytes(buffer.data()),)
        )
        view = make_view(qtbot, Workspace(db))
        laid_out(qtbot, view)
        view.canvas.centre_on(person_key(ann))
        qtbot.waitUntil(lambda: view.canvas.faces_shown() == [person_key(ann)], timeout=10_000)


def test_dragging_a_node_is_undoable(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    key = next(k for k in view.canvas.keys if k.startswith("p:") and k not in view.pinned)
    index = view.canvas.index[key]
    start = tuple(float(v) for v in view.canvas.positions_array[index])
    target = (start[0] + 40.0, start[1] - 25.0)

    view.canvas.begin_move(index)  # what a mouse drag does (the canvas test drags for real)
    view.canvas.move_node(index, *target, final=True)
    assert key in view.pinned
    stack = workspace.undo_stack
    assert stack.undoText().startswith("Move ")

    def saved() -> tuple[tuple[float, float] | None, bool]:
        positions, pinned = map_positions.load_positions(workspace.db)
        return positions.get(key), key in pinned

    qtbot.waitUntil(lambda: saved() == (pytest.approx(target), True))
    stack.undo()
    assert tuple(view.canvas.positions_array[index]) == pytest.approx(start)
    assert key not in view.pinned
    qtbot.waitUntil(lambda: saved() == (pytest.approx(start), False))
    stack.redo()
    assert tuple(view.canvas.positions_array[index]) == pytest.approx(target)
    assert key in view.pinned
    qtbot.waitUntil(lambda: saved() == (pytest.approx(target), True))


def test_hover_card_says_which_goals_a_node_serves(qtbot: QtBot, workspace: Workspace) -> None:
    from desktop_app.services import goals as goal_service
    from desktop_app.services.map.network_graph import goal_links, organization_key

    view = make_view(qtbot, workspace)
    goal = goal_service.goals(workspace.db)[0]
    _people, organizations = goal_links(workspace.db, goal.id)
    key = next(
        k for k in (organization_key(o) for o in sorted(organizations)) if k in view.canvas.index
    )
    view.canvas.set_hovered(view.canvas.index[key])
    assert f"Serves: {goal.title}" in view.canvas.hover_card.text()
    plain = next(k for k in view.canvas.keys if k.startswith("p:"))
    view.canvas.set_goal_titles({})
    view.canvas.set_hovered(view.canvas.index[plain])
    assert "Serves:" not in view.canvas.hover_card.text()


def test_right_click_selects_the_person_in_map_and_table_before_the_menu(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from PySide6.QtWidgets import QMenu

    from tests.gui.map.test_network_canvas import right_click, viewport_point

    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    view.canvas.fit()
    QApplication.processEvents()
    people = [k for k in view.canvas.keys if k.startswith("p:")]
    workspace.select_person(int(people[0][2:]))
    target = people[5]
    seen: list[tuple[int | None, str | None]] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.append((workspace.current_person, view.canvas.selected))
            menu.close()
        else:
            QTimer.singleShot(20, close_menu)

    QTimer.singleShot(20, close_menu)
    right_click(view.canvas, viewport_point(view.canvas, target))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(int(target[2:]), target)]  # selected while its menu is open


def test_a_tags_colour_does_not_change_when_a_filter_does(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)

    def colours() -> dict[str, str]:
        style = view.canvas.drawn_style()
        assert style is not None
        return {e.label: e.colour for e in style.legend if not e.label.startswith(("Other", "No "))}

    view.colour_combo.setFocus()
    while view.colour_combo.currentData()[0] != "tag":
        qtbot.keyClick(view.colour_combo, Qt.Key.Key_Down)
    everyone = colours()
    assert len(everyone) >= 3
    for index in range(1, view.filter_panel.tag_combo.count()):
        with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
            view.filter_panel.tag_combo.setFocus()
            qtbot.keyClick(view.filter_panel.tag_combo, Qt.Key.Key_Down)
        assert view.filter_panel.tag_combo.currentIndex() == index
        for tag, colour in colours().items():
            assert everyone.get(tag, colour) == colour, tag
    for circles in ({Circle.INNER}, {Circle.CLOSE, Circle.FAMILIAR}):
        with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
            view.filter_panel.set_filters(MapFilters(circles=frozenset(circles)))
        for tag, colour in colours().items():
            assert everyone.get(tag, colour) == colour, tag
