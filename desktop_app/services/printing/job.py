"""From a database to a printed map in one call: what `trellis print-map` and the GUI share."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop_app.services.printing.document import MapDocument, plan_document
from desktop_app.services.printing.options import PrintOptions
from desktop_app.services.printing.scene import Point, Rect, build_scene

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

    from desktop_app.services.network_graph import MapFilters, NetworkSnapshot
    from desktop_app.storage.database import Database

LAYOUTS = ("force", "radial", "organizations")

_headless_app: QGuiApplication | None = None


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
    """Plan the printed map of an already laid-out snapshot (what the map view shows)."""
    from desktop_app.services.printing.painter import measure_text

    ensure_gui_application()
    return plan_document(build_scene(snapshot, positions, visible), options, measure_text)


def document_from_database(
    db: Database,
    options: PrintOptions,
    layout: str = "force",
    filters: MapFilters | None = None,
    seed: int = 0,
) -> MapDocument:
    """Load the network, lay it out as the map would, and plan its printed map."""
    from desktop_app.services.layout import compute_layout
    from desktop_app.services.network_graph import load_network

    snapshot = load_network(db, filters)
    positions = compute_layout(snapshot, kind=layout, seed=seed)
    return document_for(snapshot, positions, options)
