"""The main window's views, created lazily the first time each is shown.

Each entry names a class taking `(workspace, parent=None)`. Importing a view's module is
deferred, so pyqtgraph and friends load only when their view opens.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    target: str  # "package.module:ClassName"
    shortcut: str

    def create(self, workspace: object, parent: QWidget | None = None) -> QWidget:
        module_name, class_name = self.target.split(":")
        view_class = getattr(importlib.import_module(module_name), class_name)
        view: QWidget = view_class(workspace, parent)
        return view


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "contacts", "Contacts", "desktop_app.ui.contacts.contacts_view:ContactsView", "Ctrl+1"
    ),
    ViewSpec("map", "Network map", "desktop_app.ui.map.network_map_view:NetworkMapView", "Ctrl+2"),
    ViewSpec("pitch", "Pitch && resume", "desktop_app.ui.pitch.pitch_view:PitchView", "Ctrl+3"),
    ViewSpec("today", "Today", "desktop_app.ui.today.today_view:TodayView", "Ctrl+4"),
    ViewSpec(
        "events", "Events && interviews", "desktop_app.ui.events.events_view:EventsView", "Ctrl+5"
    ),
)
