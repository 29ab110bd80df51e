"""The map's drawing surface on real widgets: hit tests, clicks, drags, labels, keys."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.map.layout import compute_layout
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot
from desktop_app.ui.map.map_style import node_style
from desktop_app.ui.map.network_canvas import LABEL_BUDGET, NetworkCanvas
from tests.unit.services.map.test_layout import clustered


@pytest.fixture
def canvas(qtbot: QtBot) -> NetworkCanvas:
    widget = NetworkCanvas()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def show(canvas: NetworkCanvas, snapshot: NetworkSnapshot, kind: str = "radial") -> dict:
    positions = compute_layout(snapshot, kind)
    canvas.set_network(snapshot, positions, node_style(snapshot))
    canvas.fit()
    QApplication.processEvents()
    canvas.update_labels()
    return positions


def viewport_point(canvas: NetworkCanvas, key: str) -> QPoint:
    x, y = canvas.positions_array[canvas.index[key]]
    scene = canvas.viewbox.mapViewToScene(QPointF(x, y))
    return canvas.mapFromScene(scene)


def send_mouse(
    canvas: NetworkCanvas, kind: QEvent.Type, point: QPoint, buttons, button=None
) -> None:  # type: ignore[no-untyped-def]
    if button is None:
        button = (
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        )
    event = QMouseEvent(
        kind,
        QPointF(point),
        QPointF(canvas.viewport().mapToGlobal(point)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas.viewport(), event)


def test_node_at_finds_the_drawn_node(canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    for key in ("me", "p:7", "o:2"):
        x, y = canvas.positions_array[canvas.index[key]]
        assert canvas.keys[canvas.node_at(QPointF(x, y))] == key
    rect = canvas.viewbox.viewRect()
    assert canvas.node_at(QPointF(rect.right() + 100, rect.bottom() + 100)) is None


def test_click_selects_and_double_click_activates(qtbot: QtBot, canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    point = viewport_point(canvas, "p:7")
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    with qtbot.waitSignal(canvas.node_clicked) as clicked:
        # Sent as the platform sends them: QTest's click warns when pyqtgraph's view lets
        # the press go by (it answers on the release).
        send_mouse(canvas, QEvent.Type.MouseButtonPress, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
    assert clicked.args == ["p:7"]
    qtbot.wait(600)  # not a double click yet
    with qtbot.waitSignal(canvas.node_activated) as activated:
        # What a real double click sends: press, release, double-click, release.
        send_mouse(canvas, QEvent.Type.MouseButtonPress, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
        send_mouse(canvas, QEvent.Type.MouseButtonDblClick, point, left)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none)
    assert activated.args == ["p:7"]


def test_right_click_asks_for_the_node_menu(qtbot: QtBot, canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    point, right = viewport_point(canvas, "o:1"), Qt.MouseButton.RightButton
    with qtbot.waitSignal(canvas.node_context_requested) as requested:
        send_mouse(canvas, QEvent.Type.MouseButtonPress, point, right, right)
        send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton, right)
    assert requested.args[0] == "o:1"


def test_dragging_a_node_moves_and_pins_it(qtbot: QtBot, canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    start = viewport_point(canvas, "p:11")
    before = canvas.positions_array[canvas.index["p:11"]].copy()
    left = Qt.MouseButton.LeftButton
    with qtbot.waitSignal(canvas.node_moved) as moved:
        send_mouse(canvas, QEvent.Type.MouseButtonPress, start, left)
        for step in range(1, 6):
            qtbot.wait(25)  # pyqtgraph drops mouse moves that come faster than 60 a second
            send_mouse(canvas, QEvent.Type.MouseMove, start + QPoint(12 * step, 8 * step), left)
        qtbot.wait(25)
        send_mouse(
            canvas, QEvent.Type.MouseButtonRelease, start + QPoint(60, 40), Qt.MouseButton.NoButton
        )
    key, from_x, from_y, x, y = moved.args
    assert key == "p:11"
    assert (from_x, from_y) == pytest.approx(tuple(before))
    assert math.dist(before, (x, y)) > 0
    assert tuple(canvas.positions_array[canvas.index["p:11"]]) == pytest.approx((x, y))
    # Dragging empty space pans instead (no node moves).
    rect_before = canvas.viewbox.viewRect()
    empty = QPoint(5, 5)
    send_mouse(canvas, QEvent.Type.MouseButtonPress, empty, left)
    for step in range(1, 6):
        qtbot.wait(25)
        send_mouse(canvas, QEvent.Type.MouseMove, empty + QPoint(10 * step, 0), left)
    qtbot.wait(25)
    send_mouse(
        canvas, QEvent.Type.MouseButtonRelease, empty + QPoint(50, 0), Qt.MouseButton.NoButton
    )
    assert canvas.viewbox.viewRect() != rect_before


def test_labels_have_a_budget_never_overlap_and_always_include_me(
    canvas: NetworkCanvas,
) -> None:
    snapshot = clustered(people=1500, orgs=30)
    show(canvas, snapshot, "force")
    labelled = canvas.labelled_keys()
    assert "me" in labelled
    assert 0 < len(labelled) <= LABEL_BUDGET
    assert len(labelled) < len(snapshot.nodes)
    # Selecting someone labels them (and the people around them) however crowded.
    canvas.select("p:1234")
    canvas.update_labels()
    assert "p:1234" in canvas.labelled_keys()


def test_zoomed_in_everyone_in_view_gets_a_label(canvas: NetworkCanvas) -> None:
    show(canvas, clustered(people=1500, orgs=30), "force")
    canvas.centre_on("p:5", zoom_to=0.05)
    canvas.update_labels()
    rect = canvas.viewbox.viewRect()
    in_view = [
        k
        for k, (x, y) in zip(canvas.keys, canvas.positions_array.tolist(), strict=True)
        if rect.contains(QPointF(x, y))
    ]
    assert 0 < len(in_view) <= 90
    assert set(canvas.labelled_keys()) >= {"p:5"}


def test_keyboard_zooms_pans_and_fits(qtbot: QtBot, canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    canvas.setFocus()
    fitted = canvas.viewbox.viewRect()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    zoomed = canvas.viewbox.viewRect()
    assert zoomed.width() < fitted.width()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.viewbox.viewRect().center().x() > zoomed.center().x()
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert canvas.viewbox.viewRect().width() == pytest.approx(fitted.width(), rel=0.05)


def test_path_selection_flash_and_odd_edges_do_not_break_drawing(
    qtbot: QtBot, canvas: NetworkCanvas
) -> None:
    nodes = (MapNode("me", "me", "Me"), MapNode("p:1", "person", "<b>Ann</b>"))
    edges = (
        MapEdge("me", "p:1", "relationship", 3),
        MapEdge("p:1", "me", "relationship", 5),
        MapEdge("p:1", "p:1", "relationship", 2),
        MapEdge("p:1", "p:404", "past_job"),
    )
    snapshot = NetworkSnapshot(nodes, edges)
    show(canvas, snapshot, "force")
    canvas.select("p:1")
    canvas.highlight_path(("me", "p:1", "p:404"))
    canvas.flash("p:1")
    canvas.set_hovered(canvas.index["p:1"])
    qtbot.wait(50)
    assert canvas.grab().width() > 0
    assert "<b>Ann</b>" in canvas._label_layer.texts()  # plain text, shown as typed
    assert "<b>Ann</b>" in canvas.hover_card.text()
    assert canvas.hover_card.textFormat() == Qt.TextFormat.PlainText


def test_a_touchpad_pinch_zooms_in_and_out(canvas: NetworkCanvas) -> None:
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    show(canvas, clustered())
    fitted = canvas.viewbox.viewRect().width()
    centre = QPointF(canvas.viewport().rect().center())

    def pinch(value: float) -> None:
        event = QNativeGestureEvent(
            Qt.NativeGestureType.ZoomNativeGesture,
            QPointingDevice.primaryPointingDevice(),
            2,
            centre,
            centre,
            QPointF(canvas.viewport().mapToGlobal(centre.toPoint())),
            value,
            QPointF(),
            1,
        )
        QApplication.sendEvent(canvas.viewport(), event)

    pinch(0.25)  # fingers apart: closer
    zoomed = canvas.viewbox.viewRect().width()
    assert zoomed < fitted
    pinch(-0.2)  # together: further
    assert canvas.viewbox.viewRect().width() > zoomed


def hover(qtbot: QtBot, canvas: NetworkCanvas, key: str) -> QPoint:
    """Move the mouse onto `key` the way a user does: a few moves towards it."""
    target = viewport_point(canvas, key)
    for step in (3, 2, 1, 0):
        qtbot.wait(25)  # pyqtgraph drops mouse moves that come faster than 60 a second
        send_mouse(
            canvas, QEvent.Type.MouseMove, target + QPoint(step, step), Qt.MouseButton.NoButton
        )
    qtbot.waitUntil(canvas.hover_card.isVisible)
    return target


def card_pixels(canvas: NetworkCanvas) -> list[QColor]:
    image = canvas.hover_card.grab().toImage()
    return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]


@pytest.mark.parametrize("dark", [False, True])
def test_the_hover_card_has_a_background_a_border_and_readable_text(
    qtbot: QtBot, canvas: NetworkCanvas, dark: bool
) -> None:
    if dark:
        palette = QPalette(canvas.palette())
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#202124"))
        palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#F1F3F4"))
        palette.setColor(QPalette.ColorRole.Window, QColor("#111111"))
        canvas.setPalette(palette)
    show(canvas, clustered())
    hover(qtbot, canvas, "p:7")
    card = canvas.hover_card
    assert "p:7" not in card.text() and card.text()
    base = canvas.palette().color(QPalette.ColorRole.ToolTipBase)
    text = canvas.palette().color(QPalette.ColorRole.ToolTipText)
    pixels = card_pixels(canvas)
    filled = sum(1 for c in pixels if c.rgb() == base.rgb())
    assert filled > len(pixels) / 2, "the card's background is filled with the tool-tip colour"
    inked = sum(1 for c in pixels if abs(c.lightness() - text.lightness()) < 40)
    assert inked > 20, "the text is drawn in the tool-tip text colour"
    image = card.grab().toImage()
    corner = image.pixelColor(0, image.height() // 2)
    assert corner.rgb() != base.rgb(), "a border frames the card"


def test_a_keyboard_zoom_hides_the_hover_card(qtbot: QtBot, canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    hover(qtbot, canvas, "p:7")
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: not canvas.hover_card.isVisible())
    # Moving the mouse onto a node again brings the card back, at the node's new place.
    target = hover(qtbot, canvas, "p:7")
    assert canvas.hover_card.geometry().contains(target + QPoint(20, 20))
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.waitUntil(lambda: not canvas.hover_card.isVisible())
    hover(qtbot, canvas, "p:7")
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: not canvas.hover_card.isVisible())


def right_click(canvas: NetworkCanvas, point: QPoint) -> None:
    """A right press and release, as the mouse sends them (QTest warns on pyqtgraph's view)."""
    right, none = Qt.MouseButton.RightButton, Qt.MouseButton.NoButton
    send_mouse(canvas, QEvent.Type.MouseButtonPress, point, right, right)
    send_mouse(canvas, QEvent.Type.MouseButtonRelease, point, none, right)


def test_right_click_selects_the_node_before_its_menu(qtbot: QtBot, canvas: NetworkCanvas) -> None:
    show(canvas, clustered())
    order: list[str] = []
    canvas.node_clicked.connect(lambda key: order.append(f"clicked {key}"))
    canvas.node_context_requested.connect(lambda key, _pos: order.append(f"menu {key}"))
    right_click(canvas, viewport_point(canvas, "p:9"))
    assert order == ["clicked p:9", "menu p:9"]
