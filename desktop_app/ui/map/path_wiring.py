"""The path finder panel wired to the map: questions go to `services.map.path_finder` off
the UI thread, answers to the panel, the chosen path to the canvas."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_app.services.map.path_finder import PathFinder, goal_reach
from desktop_app.ui.common.background import run_in_background

if TYPE_CHECKING:
    from desktop_app.services.map.network_graph import MapNode
    from desktop_app.ui.map.network_canvas import NetworkCanvas
    from desktop_app.ui.map.path_panel import PathFinderPanel
    from desktop_app.ui.window.workspace import Workspace


class MapPathFinder(QObject):
    """Answers the panel's questions; keeps the built finder until the network changes."""

    def __init__(
        self,
        workspace: Workspace,
        panel: PathFinderPanel,
        canvas: NetworkCanvas,
        node_of: Callable[[str], MapNode | None],
        show_error: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace, self._panel, self._canvas = workspace, panel, canvas
        self._node_of, self._show_error = node_of, show_error
        self._finder: PathFinder | None = None
        panel.search_requested.connect(self.find_paths)
        panel.path_chosen.connect(self._on_path_chosen)
        panel.reach_requested.connect(self._on_reach_requested)

    def forget(self) -> None:
        """Recency and ties may have changed: build the finder afresh next time."""
        self._finder = None

    def find_paths(self, key: str) -> None:
        node = self._node_of(key)
        name = self._panel.label_of(key, node.label if node is not None else key)
        self._panel.show_busy(f"Looking for ways to {name}…")
        finder, db = self._finder, self._workspace.db

        def work() -> tuple[PathFinder, list[object]]:
            built = finder or PathFinder.from_database(db)
            return built, list(built.paths_to(key))

        def done(result: tuple[PathFinder, list[object]]) -> None:
            self._finder = result[0]
            self._panel.show_paths(name, result[1])  # type: ignore[arg-type]

        run_in_background(work, done, self._show_error, self)

    def _on_path_chosen(self, keys: tuple[str, ...]) -> None:
        self._canvas.highlight_path(keys)
        if keys:
            self._canvas.ensure_visible(keys[-1])

    def _on_reach_requested(self, goal_id: int) -> None:
        db = self._workspace.db
        run_in_background(
            lambda: goal_reach(db, goal_id), self._panel.show_reach, self._show_error, self
        )
