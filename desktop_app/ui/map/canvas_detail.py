"""Which nodes of a big map the canvas shows at the present zoom (level of detail).

The levels come from `services.map.level_of_detail`; this decides, after each pan or
zoom, the deepest level whose nodes in view stay within `REVEAL_BUDGET`; zoomed in, it fills
what is left of the budget with the most important nodes of the next level (so zooming in
reveals a few at a time, not a whole level at once; the whole map opens on what matters
only); it adds what the user expanded, selected or follows on
a path, and how strongly job lines are drawn. Plain numpy,
no Qt: the canvas asks, then redraws only when the answer changes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np

REVEAL_BUDGET = 150  # nodes in view the canvas is willing to show at once (deeper levels wait)
ZOOMED_IN = 0.6  # a view narrower than this share of the map is zoomed in (fills the budget)
JOB_LINES_FULL_BELOW = 80  # nodes in view under which job lines are fully drawn
JOB_LINES_GONE_ABOVE = 600  # ... above which they are not drawn at all
FADE_STEPS = 4  # job line strength changes in this many steps (a restyle is not free)


class DetailState:
    """Levels, expanded nodes and the visible set they give."""

    def __init__(self) -> None:
        self.levels = np.zeros(0, dtype=int)
        self.rank = np.zeros(0, dtype=int)  # 0 = the most important node
        self.expanded: set[int] = set()
        self.level = 0
        self.visible = np.zeros(0, dtype=bool)

    def reset(
        self, levels: Sequence[int] | None, count: int, priority: np.ndarray | None = None
    ) -> None:
        """New nodes: their levels and (optional) importance, higher first."""
        self.levels = (
            np.zeros(count, dtype=int) if levels is None else np.asarray(levels, dtype=int)
        )
        self.rank = np.arange(count)
        if priority is not None and len(priority) == count:
            self.rank[np.argsort(-np.asarray(priority, dtype=float), kind="stable")] = np.arange(
                count
            )
        self.expanded = set()
        self.level = int(self.levels.max()) if count else 0
        self.visible = np.ones(count, dtype=bool)

    @property
    def has_hidden(self) -> bool:
        return bool(len(self.visible)) and not bool(self.visible.all())

    def update(
        self,
        in_view: np.ndarray,
        forced: Iterable[int],
        adjacency: Mapping[int, Collection[int]],
        zoomed_in: bool = False,
    ) -> bool:
        """Recompute `visible` for the nodes `in_view` (a mask); True when it changed."""
        levels = self.levels
        if len(levels) == 0:
            return False
        deepest = int(levels.max())
        level = 0
        for candidate in range(deepest, -1, -1):
            if int(np.count_nonzero(in_view & (levels <= candidate))) <= REVEAL_BUDGET:
                level = candidate
                break
        visible = levels <= level
        room = REVEAL_BUDGET - int(np.count_nonzero(in_view & visible))
        if zoomed_in and level < deepest and room > 0:
            following = np.flatnonzero(in_view & (levels == level + 1))
            first = following[np.argsort(self.rank[following], kind="stable")][:room]
            visible[first] = True
        for i in self.expanded:
            visible[i] = True
            for j in adjacency.get(i, ()):
                visible[j] = True
        for i in forced:
            visible[i] = True
        changed = level != self.level or not np.array_equal(visible, self.visible)
        self.level, self.visible = level, visible
        return changed

    def hidden_neighbours(self, index: int, adjacency: Mapping[int, Collection[int]]) -> int:
        """How many of the node's neighbours are not shown now."""
        if len(self.visible) == 0:
            return 0
        return sum(1 for j in adjacency.get(index, ()) if not self.visible[j])


def job_line_fade(nodes_in_view: int) -> float:
    """How strongly job lines are drawn (0 = not at all) for this many nodes in view."""
    if nodes_in_view <= JOB_LINES_FULL_BELOW:
        return 1.0
    if nodes_in_view >= JOB_LINES_GONE_ABOVE:
        return 0.0
    share = (JOB_LINES_GONE_ABOVE - nodes_in_view) / (JOB_LINES_GONE_ABOVE - JOB_LINES_FULL_BELOW)
    return round(share * FADE_STEPS) / FADE_STEPS
