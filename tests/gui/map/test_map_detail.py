"""A big map stays readable: level of detail on zoom and expand, job lines that fade in,
labels kept inside the view, named rings and clusters — on real widgets, with real wheel
events, clicks and keys."""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.enums import Circle
from desktop_app.services.map.layout import compute_layout, layout_guides
from desktop_app.services.map.level_of_detail import detail_levels
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot
from desktop_app.ui.map.canvas_detail import REVEAL_BUDGET
from desktop_app.ui.map.map_style import node_style
from desktop_app.ui.map.network_canvas import NetworkCanvas
from tests.gui.map.test_network_canvas import send_mouse, viewport_point
from tests.unit.services.map.test_layout import clustered
from tests.unit.services.map.test_level_of_detail import network


def big_network(people: int, seed: int = 2) -> NetworkSnapshot:
    """`network(people)` (circles in turn, ten organisations) plus ties between people."""
    base = network(people)
    rnd = random.Random(seed)
    edges = list(base.edges)
    for p in range(people):
        for _ in range(2):
            edges.append(MapEdge(f"p:{p}", f"p:{rnd.randrange(people)}", "relationship", 2))
    # Inner-circle people (p:5, p:10) tied to acquaintances (p:8, p:13), not shown at first.
    edges.append(MapEdge("p:5", "p:8", "relationship", 3))
    edges.append(MapEdge("p:10", "p:13", "relationship", 3))
    return NetworkSnapshot(base.nodes, tuple(e for e in edges if e.a != e.b))


def scattered(snapshot: NetworkSnapshot, seed: int = 4) -> dict[str, tuple[float, float]]:
    rnd = random.Random(seed)
    return {n.key: (rnd.uniform(0, 100), rnd.uniform(0, 100)) for n in snapshot.nodes}


def open_canvas(qtbot: QtBot, snapshot: NetworkSnapshot, positions: dict) -> NetworkCanvas:
    canvas = NetworkCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 700)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_network(
        snapshot,
        positions,
        node_style(snapshot),
        show_my_ties=False,
        levels=detail_levels(snapshot),
    )
    canvas.node_clicked.connect(canvas.select)  # as the map view does
    canvas.fit()
    QApplication.processEvents()
    canvas.update_labels()
    return canvas


def wheel(canvas: NetworkCanvas, point: QPoint, notches: int) -> None:
    """Turn the mouse wheel over `point` (positive: zoom in), as the platform sends it."""
    for _ in range(abs(notches)):
        event = QWheelEvent(
            QPointF(point),
            QPointF(canvas.viewport().mapToGlobal(point)),
            QPoint(0, 0),
            QPoint(0, 120 if notches > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(canvas.viewport(), event)
    QApplication.processEvents()
    canvas.update_labels()  # what the view's timer does once the wheel stops


def level_of(snapshot: NetworkSnapshot) -> dict[str, int]:
    return dict(zip((n.key for n in snapshot.nodes), detail_levels(snapshot), strict=True))


def test_a_big_map_opens_on_what_matters_and_reveals_the_rest_as_you_zoom(
    qtbot: QtBot,
) -> None:
    snapshot = big_network(600)
    canvas = open_canvas(qtbot, snapshot, scattered(snapshot))
    level = level_of(snapshot)
    shown = set(canvas.shown_keys())
    assert shown == {k for k, lv in level.items() if lv == 0}  # me, inner and close circles
    assert canvas.detail_note().startswith(f"Showing {len(shown):,} of {len(canvas.keys):,}")
    assert set(canvas.labelled_keys()) <= shown  # no label for a node not drawn
    assert canvas.node_at(QPointF(*canvas.positions_array[canvas.index["p:13"]])) is None

    centre = canvas.viewport().rect().center()
    wheel(canvas, centre, 3)
    # A little closer: the most important of the next level, while there is room for them.
    rect = canvas.viewbox.viewRect()
    partly = set(canvas.shown_keys())
    in_view = [
        k for k in partly if rect.contains(QPointF(*canvas.positions_array[canvas.index[k]]))
    ]
    assert shown < partly
    assert len(in_view) <= max(REVEAL_BUDGET, sum(1 for k in in_view if level[k] == 0))
    wheel(canvas, centre, 3)
    rect = canvas.viewbox.viewRect()
    in_view = {
        k for k in canvas.keys if rect.contains(QPointF(*canvas.positions_array[canvas.index[k]]))
    }
    revealed = set(canvas.shown_keys()) & in_view
    assert any(level[k] > 1 for k in revealed)  # zoomed in: the next levels appear
    assert set(canvas.shown_keys()) >= shown  # and nothing that was shown went away

    wheel(canvas, centre, -6)
    canvas.fit()
    QApplication.processEvents()
    canvas.update_labels()
    assert set(canvas.shown_keys()) == shown  # zoomed out again: back to what matters


def test_double_click_or_e_expands_a_node_to_its_hidden_links(qtbot: QtBot) -> None:
    snapshot = big_network(600)
    canvas = open_canvas(qtbot, snapshot, scattered(snapshot))
    assert not canvas.is_shown("p:8") and canvas.hidden_links("p:5") >= 1
    point = viewport_point(canvas, "p:5")  # inner circle, knows p:8, an acquaintance
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    with qtbot.waitSignal(canvas.detail_changed):
        send_mouse(canvas, QEvent.Type.MouseButtonPress, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
        send_mouse(canvas, QEvent.Type.MouseButtonDblClick, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
    assert canvas.is_shown("p:8")
    assert canvas.hidden_links("p:5") == 0

    assert not canvas.is_shown("p:13")
    point = viewport_point(canvas, "p:10")
    send_mouse(canvas, QEvent.Type.MouseButtonPress, point, left)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
    assert canvas.selected == "p:10"
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    assert canvas.is_shown("p:13")


def test_a_small_map_shows_everyone_and_double_click_still_opens(qtbot: QtBot) -> None:
    snapshot = clustered()
    canvas = open_canvas(qtbot, snapshot, compute_layout(snapshot, "radial"))
    assert set(canvas.shown_keys()) == set(canvas.keys)
    assert canvas.detail_note() == ""
    point = viewport_point(canvas, "p:7")
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(canvas, QEvent.Type.MouseButtonPress, point, left)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
    assert canvas.selected == "p:7"  # its selection ring now lies over it...
    qtbot.wait(600)  # not a double click yet
    with qtbot.waitSignal(canvas.node_activated) as activated:  # ...and lets clicks through
        send_mouse(canvas, QEvent.Type.MouseButtonPress, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
        send_mouse(canvas, QEvent.Type.MouseButtonDblClick, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
    assert activated.args == ["p:7"]


def test_job_lines_fade_in_as_you_zoom_in(qtbot: QtBot) -> None:
    snapshot = big_network(1500)
    jobs = [
        MapEdge(f"p:{p}", f"o:{p % 10}", "current_job")
        for p in range(1500)
        if level_of(snapshot)[f"p:{p}"] == 0
    ]
    snapshot = NetworkSnapshot(snapshot.nodes, snapshot.edges + tuple(jobs))
    canvas = open_canvas(qtbot, snapshot, scattered(snapshot))
    far = canvas.job_line_strength()
    assert far < 1.0
    wheel(canvas, canvas.viewport().rect().center(), 8)
    near = canvas.job_line_strength()
    assert near > far
    item = canvas._edge_items[("current_job", 0)]
    background = canvas.palette().color(canvas.palette().ColorRole.Window)
    assert item.isVisible()
    assert item.opts["pen"].color() != background


def test_labels_are_never_cut_at_the_edge_of_the_view(qtbot: QtBot) -> None:
    nodes = [MapNode("me", "me", "Me", strength=5)]
    edges = []
    # A long name at each corner of the map: the fit puts them at the view's edges.
    corners = {"p:1": (0.0, 0.0), "p:2": (100.0, 0.0), "p:3": (0.0, 100.0), "p:4": (100.0, 100.0)}
    for key in corners:
        nodes.append(MapNode(key, "person", f"Maximiliana Featherstonehaugh {key}", strength=5))
        edges.append(MapEdge("me", key, "relationship", 5))
    snapshot = NetworkSnapshot(tuple(nodes), tuple(edges))
    canvas = open_canvas(qtbot, snapshot, {"me": (50.0, 50.0), **corners})
    for key in corners:
        canvas.select(key)  # the selection is always labelled
        canvas.grab()  # paints
        view = QRectF(canvas.viewport().rect())
        boxes = canvas._label_layer.painted
        assert len(boxes) == len(canvas.labelled_keys()) >= 2
        for box in boxes:
            assert view.contains(box), (key, box, view)


def test_radial_rings_and_organisation_clusters_are_named_on_the_map(qtbot: QtBot) -> None:
    snapshot = clustered()
    canvas = open_canvas(qtbot, snapshot, compute_layout(snapshot, "radial"))
    canvas.set_network(
        snapshot,
        compute_layout(snapshot, "radial"),
        node_style(snapshot),
        guides=layout_guides(snapshot, "radial"),
    )
    canvas.fit()
    canvas.grab()
    names = [text for text, _box in canvas._guides.painted_names]
    for circle in Circle:
        assert any(name.startswith(circle.label + " (") for name in names), names

    positions = compute_layout(snapshot, "organizations")
    canvas.set_network(
        snapshot,
        positions,
        node_style(snapshot),
        guides=layout_guides(snapshot, "organizations"),
    )
    canvas.fit()
    canvas.grab()
    names = [text for text, _box in canvas._guides.painted_names]
    assert sorted(names) == sorted(f"Org {o} · 20" for o in range(6))  # 120 people, 6 orgs
    view = QRectF(canvas.viewport().rect())
    assert all(view.contains(box) for _text, box in canvas._guides.painted_names)
    assert np.isfinite(canvas.positions_array).all()


def test_fit_frames_what_a_big_map_shows(qtbot: QtBot) -> None:
    snapshot = big_network(600)
    level = level_of(snapshot)
    rnd = random.Random(8)
    # What matters in the middle (40..60), the rest all around (0..100), as a force
    # layout puts my closest people near me.
    positions = {
        key: (rnd.uniform(40, 60), rnd.uniform(40, 60))
        if lv == 0
        else (rnd.uniform(0, 100), rnd.uniform(0, 100))
        for key, lv in level.items()
    }
    canvas = open_canvas(qtbot, snapshot, positions)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_0)  # fit, as the Fit button does
    rect = canvas.viewbox.viewRect()
    assert max(rect.width(), rect.height()) < 40  # the middle fills the view
    middle = [canvas.positions_array[canvas.index[k]] for k, lv in level.items() if lv == 0]
    assert all(rect.contains(QPointF(x, y)) for x, y in middle)


def test_no_label_covers_the_name_of_a_cluster(qtbot: QtBot) -> None:
    snapshot = clustered()
    positions = compute_layout(snapshot, "organizations")
    canvas = open_canvas(qtbot, snapshot, positions)
    canvas.set_network(
        snapshot, positions, node_style(snapshot), guides=layout_guides(snapshot, "organizations")
    )
    canvas.fit()
    canvas.zoom(2.0)  # a few clusters in view: everyone in them is labelled
    canvas.update_labels()
    canvas.grab()
    assert len(canvas.labelled_keys()) > 20
    names = [box for _text, box in canvas._guides.painted_names]
    assert names
    labels = canvas._label_layer.painted
    assert labels
    for label in labels:
        assert not any(label.intersects(name) for name in names), label
