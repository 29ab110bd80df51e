"""The map coloured by keep-in-touch state: the same states and colours as the Due list."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.domain.cadence import CheckInState
from desktop_app.services.map.network_graph import load_network, person_key
from desktop_app.services.reminders import check_in_states
from desktop_app.ui.common.check_in_colours import state_hex
from desktop_app.ui.map.map_style import (
    CHECK_IN_STATES,
    ME_COLOUR,
    NONE,
    ORGANIZATION_COLOUR,
    node_style,
)
from desktop_app.ui.map.network_map_view import NetworkMapView
from desktop_app.ui.window.workspace import Workspace


def test_node_style_colours_people_by_their_state(workspace: Workspace) -> None:
    snapshot = load_network(workspace.db)
    states = {person_key(pid): s for pid, s in check_in_states(workspace.db).items()}
    style = node_style(snapshot, "check_in", check_in=states)
    for node, colour in zip(snapshot.nodes, style.colours, strict=True):
        if node.kind == "me":
            assert colour == ME_COLOUR
        elif node.kind == "organization":
            assert colour == ORGANIZATION_COLOUR
        else:
            assert colour == (state_hex(states.get(node.key, CheckInState.NONE)) or NONE)
    assert [e.label for e in style.legend][:3] == [s.label for s in CHECK_IN_STATES]
    used = {state_hex(s) for s in states.values()} - {None}
    assert used
    assert used <= set(style.colours)


def test_the_map_view_offers_keep_in_touch_colours(qtbot: QtBot, workspace: Workspace) -> None:
    view = NetworkMapView(workspace)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.show()
    index = view.colour_combo.findText("Colour: keep in touch")
    assert index >= 0
    view.colour_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: bool(view.colouring.check_in), timeout=30_000)
    qtbot.waitUntil(lambda: view.legend.labels()[0] == CheckInState.ON_TRACK.label)
    style = view._style(view.canvas.snapshot)
    expected = {state_hex(s) for s in view.colouring.check_in.values()} - {None}
    assert expected
    assert expected <= set(style.colours)
