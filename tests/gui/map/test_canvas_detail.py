"""The level-of-detail arithmetic of the canvas (ui/map/canvas_detail.py), on plain arrays."""

from __future__ import annotations

import numpy as np

from desktop_app.ui.map.canvas_detail import (
    JOB_LINES_FULL_BELOW,
    JOB_LINES_GONE_ABOVE,
    REVEAL_BUDGET,
    DetailState,
    job_line_fade,
)


def state(levels: list[int], priority: list[float]) -> DetailState:
    detail = DetailState()
    detail.reset(levels, len(levels), np.array(priority))
    return detail


def test_the_deepest_level_within_the_budget_is_shown_whole() -> None:
    levels = [0] * 50 + [1] * 60 + [2] * 500
    detail = state(levels, [1.0] * len(levels))
    everywhere = np.ones(len(levels), dtype=bool)
    assert detail.update(everywhere, (), {})
    assert detail.level == 1  # 110 within the budget; 610 would not be
    assert int(detail.visible.sum()) == 110  # the whole map: no partial level


def test_zoomed_in_the_budget_fills_with_the_most_important_of_the_next_level() -> None:
    levels = [0] * 50 + [1] * 400
    priority = [0.0] * 50 + list(range(400))  # the last of level 1 matter most
    detail = state(levels, priority)
    in_view = np.ones(len(levels), dtype=bool)
    detail.update(in_view, (), {}, zoomed_in=True)
    shown = np.flatnonzero(detail.visible)
    assert len(shown) == REVEAL_BUDGET
    assert set(shown[50:].tolist()) == set(range(450 - (REVEAL_BUDGET - 50), 450))


def test_forced_and_expanded_nodes_are_shown_whatever_the_level() -> None:
    big = [0] + [3] * (REVEAL_BUDGET + 5)  # me, then more of level 3 than the budget
    detail = state(big, [0.0] * len(big))
    everywhere = np.ones(len(big), dtype=bool)
    detail.update(everywhere, (7,), {})  # 7: the selection, say
    assert np.flatnonzero(detail.visible).tolist() == [0, 7]
    detail.expanded.add(0)
    detail.update(everywhere, (), {0: [3, 4]})
    assert np.flatnonzero(detail.visible).tolist() == [0, 3, 4]
    assert detail.hidden_neighbours(0, {0: [3, 4, 5]}) == 1


def test_job_lines_fade_in_steps_as_fewer_nodes_are_in_view() -> None:
    assert job_line_fade(JOB_LINES_GONE_ABOVE) == 0.0
    assert job_line_fade(JOB_LINES_FULL_BELOW) == 1.0
    steps = [job_line_fade(n) for n in range(JOB_LINES_GONE_ABOVE, 0, -10)]
    assert steps == sorted(steps)  # never weaker as the view empties
    assert set(steps) <= {0.0, 0.25, 0.5, 0.75, 1.0}
