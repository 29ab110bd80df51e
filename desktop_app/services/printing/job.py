"""From a database to a printed map in one call: what `trellis print-map` and the GUI share."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.services.printing.document import MapDocument, plan_document
from desktop_app.services.printing.options import PrintOptions
from desktop_app.services.printing.scene import Point, Rect, build_scene

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

    from desktop_app.services.map.network_graph import MapFilters, NetworkSnapshot
    from desktop_app.storage.database import Database

_headless_app: QGuiApplication | None = None


@dataclass(frozen=True, slots=True)
class MapPrintSource:
    """What the map view shows, so the paper can show the same (its filters included).

    `positions` and `visible` are in the map's own coordinates (y up); `visible` is the
    area on screen, for printing the current view rather than the whole network.
    """

    snapshot: NetworkSnapshot
    positions: Mapping[str, Point]
    visible: Rect | None = None
    # The map's colouring ("by organisation"…): fill per node key, and its legend as
    # (colour, label) pairs. None prints the circles' colours.
    colours: Mapping[str, str] | None = None
    legend: tuple[tuple[str, str], ...] = ()


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; headless runs get an offscreen one."""
    global _headless_app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _headless_app = QGuiApplication([])


def document_for(
    snapshot: NetworkSnapshot,
    positions: Mapping[str, Point],
    options: PrintOptions,
    visible: Rect | None = None,
) -> MapDocument:
    """Plan the printed map of an already laid-out snapshot."""
    return document_for_source(MapPrintSource(snapshot, positions, visible), options, True)


def document_for_source(
    source: MapPrintSource, options: PrintOptions, current_view: bool = False
) -> MapDocument:
    """Plan the printed map of what the map view shows: all of it, or only the visible area."""
    from desktop_app.services.printing.painter import measure_text

    ensure_gui_application()
    visible = source.visible if current_view else None
    scene = build_scene(source.snapshot, source.positions, visible, source.colours, source.legend)
    return plan_document(scene, options, measure_text)


def document_from_database(
    db: Database,
    options: PrintOptions,
    layout: str = "force",
    filters: MapFilters | None = None,
    seed: int = 0,
) -> MapDocument:
    """Load the network and plan its printed map where the map view last left each node.

    Positions the map saved for `layout` are kept as they are (so the paper matches the
    screen); only nodes without one are laid out, around them.
    """
    from desktop_app.services.map.network_graph import load_network

    snapshot = load_network(db, filters)
    return document_for(snapshot, positions_for(db, snapshot, layout, seed), options)


def positions_for(
    db: Database, snapshot: NetworkSnapshot, layout: str, seed: int = 0
) -> dict[str, Point]:
    """The saved positions of `layout`, completed by the layout itself where missing."""
    from desktop_app.services.map.layout import compute_layout
    from desktop_app.storage.network_queries import read_positions

    with db.transaction() as session:
        saved = {key: (p.x, p.y) for key, p in read_positions(session, layout).items()}
    keys = [node.key for node in snapshot.nodes]
    if keys and all(key in saved for key in keys):
        return {key: saved[key] for key in keys}
    known = [key for key in keys if key in saved]
    return dict(compute_layout(snapshot, kind=layout, previous=saved, seed=seed, pinned=known))
