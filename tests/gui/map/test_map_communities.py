"""Colour by community, the bridges list, the layouts' names and the collapsible side
panel, in the map view on a real demo network."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import MapFilters
from desktop_app.ui.map.community_panel import KEY_ROLE
from desktop_app.ui.map.map_style import PALETTE
from desktop_app.ui.window.workspace import Workspace
from tests.gui.map.test_network_map_view import LAYOUT_TIMEOUT, laid_out, make_view


def choose(qtbot: QtBot, combo, kind: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry with the keyboard, as a user does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != kind and (combo.currentData() or (None,))[0] != kind:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no {kind} in the list"


def test_colour_by_community_lists_bridges_and_a_bridge_selects_its_person(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    assert not view.community_panel.isVisible()
    choose(qtbot, view.colour_combo, "community")
    assert view.community_panel.isVisible()
    qtbot.waitUntil(lambda: view.communities is not None, timeout=LAYOUT_TIMEOUT)
    found = view.communities
    assert found is not None and found.communities
    style = view.canvas.drawn_style()
    assert style is not None
    for key, colour in zip(view.canvas.keys, style.colours, strict=True):
        number = found.of(key)
        if number is not None and number < len(PALETTE):
            assert colour == PALETTE[number], key
    assert style.legend[0].label.startswith(found.communities[0].name)
    bridges = view.community_panel.bridge_keys()
    assert bridges
    panel_list = view.community_panel.list
    row = next(
        r for r in range(panel_list.count()) if panel_list.item(r).data(KEY_ROLE) == bridges[0]
    )
    rect = panel_list.visualItemRect(panel_list.item(row))
    qtbot.mouseClick(panel_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.canvas.selected == bridges[0]
    assert workspace.current_person == int(bridges[0][2:])


def test_the_side_panel_collapses_and_comes_back(qtbot: QtBot, workspace: Workspace) -> None:
    view = make_view(qtbot, workspace)
    assert view.side_panel.isVisible()
    width = view.canvas.width()
    qtbot.mouseClick(view.toolbar.panel_button, Qt.MouseButton.LeftButton)
    assert not view.side_panel.isVisible()
    qtbot.waitUntil(lambda: view.canvas.width() > width)
    qtbot.mouseClick(view.toolbar.panel_button, Qt.MouseButton.LeftButton)
    assert view.side_panel.isVisible()


def test_radial_rings_and_organisation_clusters_are_named_in_the_view(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    choose(qtbot, view.layout_combo, "radial")
    rings = view.canvas.guides().rings
    assert [r.label for r in rings][: len(Circle)] == [c.label for c in Circle]
    view.canvas.grab()
    names = [text for text, _box in view.canvas._guides.painted_names]
    assert any(name.startswith(Circle.INNER.label) for name in names), names
    choose(qtbot, view.layout_combo, "organizations")
    clusters = view.canvas.guides().clusters
    assert clusters and not view.canvas.guides().rings
    biggest = max((c for c in clusters if c.key), key=lambda c: c.people)
    view.canvas.grab()
    names = [text for text, _box in view.canvas._guides.painted_names]
    assert f"{biggest.label} · {biggest.people}" in names
    choose(qtbot, view.layout_combo, "force")
    assert view.canvas.guides().clusters == () == view.canvas.guides().rings


def test_an_organisations_colour_does_not_change_when_a_filter_does(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    choose(qtbot, view.colour_combo, "organization")

    def colours() -> dict[str, str]:
        style = view.canvas.drawn_style()
        assert style is not None
        return {e.label: e.colour for e in style.legend if not e.label.startswith(("Other", "No "))}

    everyone = colours()
    assert len(everyone) >= 3
    for circles in ({Circle.INNER}, {Circle.CLOSE, Circle.FAMILIAR}, {Circle.ACQUAINTANCE}):
        with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
            view.filter_panel.set_filters(MapFilters(circles=frozenset(circles)))
        for name, colour in colours().items():
            assert everyone.get(name, colour) == colour, name
