"""Ticking Groups and Events in the map's filters draws them as their own kinds, with their
own colour and legend entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.map.map_style import EVENT_COLOUR, GROUP_COLOUR
from desktop_app.ui.window.workspace import Workspace
from tests.gui.map.test_network_map_view import LAYOUT_TIMEOUT, laid_out, make_view


def test_groups_and_events_filters_add_their_nodes_and_legend(
    qtbot: QtBot, workspace: Workspace
) -> None:
    view = make_view(qtbot, workspace)
    laid_out(qtbot, view)
    assert not any(k.startswith(("g:", "e:")) for k in view.canvas.keys)
    assert "Group" not in view.legend.labels()
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        qtbot.keyClick(view.filter_panel.groups_box, Qt.Key.Key_Space)
    with qtbot.waitSignal(view.loaded, timeout=LAYOUT_TIMEOUT):
        qtbot.keyClick(view.filter_panel.events_box, Qt.Key.Key_Space)
    laid_out(qtbot, view)
    keys = set(view.canvas.keys)
    assert any(k.startswith("g:") for k in keys) and any(k.startswith("e:") for k in keys)
    labels = view.legend.labels()
    assert "Group" in labels and "Event" in labels
    assert view.filters.show_groups and view.filters.show_events
    style = view._style(view.canvas.snapshot)
    colours = dict(zip((n.kind for n in view.canvas.snapshot.nodes), style.colours, strict=True))
    assert colours["group"] == GROUP_COLOUR and colours["event"] == EVENT_COLOUR
