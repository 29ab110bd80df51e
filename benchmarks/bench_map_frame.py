"""Redraw time of the 5,000-contact map after a pan or a zoom.

Goal (issue 4): one frame (16 ms) or less, median. Each step pans or zooms the view, then
times a synchronous render of the widget (`grab()`, as in docs/platform-notes.md); the choice of
labels, which the view redoes once a move settles, is timed apart. Baseline, same run and
same positions: the same graph drawn as a single pyqtgraph `GraphItem` (the plain way).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/bench_map_frame.py [--contacts 20000]

By default every node is drawn, as on a map without level of detail (the worst case);
`--detail` draws what the map view draws (services/map/level_of_detail.py: above 300
people the closer circles first, the rest as the user zooms in) and says how many nodes
that is.
"""

from __future__ import annotations

import statistics
import sys
import time

from map_demo import arguments, demo_snapshot

GOAL_MS = 16.0
STEPS = 40


def main() -> int:
    args = arguments(__doc__ or "", detail=True)

    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.map.layout import compute_layout
    from desktop_app.services.map.level_of_detail import detail_levels
    from desktop_app.ui.map.map_style import node_style
    from desktop_app.ui.map.network_canvas import NetworkCanvas

    app = QApplication.instance() or QApplication(sys.argv)
    snapshot = demo_snapshot(args.contacts, args.seed)
    positions = compute_layout(snapshot, "force", seed=args.seed)
    print(f"graph: {len(snapshot.nodes):,} nodes, {len(snapshot.edges):,} edges")

    canvas = NetworkCanvas()
    canvas.resize(1280, 800)
    canvas.show()
    levels = detail_levels(snapshot) if args.detail else None
    canvas.set_network(snapshot, positions, node_style(snapshot), show_my_ties=False, levels=levels)
    canvas.fit()
    app.processEvents()
    canvas.update_labels()
    print(f"nodes drawn at fit: {len(canvas.shown_keys()):,} of {len(snapshot.nodes):,}")

    def frames(widget, viewbox, relabel) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
        paint, labels = [], []
        for step in range(STEPS):
            if step % 4 == 0:
                viewbox.scaleBy((0.8, 0.8))
            elif step % 4 == 2:
                viewbox.scaleBy((1.25, 1.25))
            else:
                rect = viewbox.viewRect()
                viewbox.translateBy(x=rect.width() * 0.05 * (1 if step % 8 < 4 else -1))
            if relabel is not None:  # the view relabels once a move settles, not per frame
                started = time.perf_counter()
                relabel()
                labels.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            widget.grab()
            paint.append((time.perf_counter() - started) * 1000)
        return paint, labels

    ours, relabels = frames(canvas, canvas.viewbox, canvas.update_labels)

    keys = [n.key for n in snapshot.nodes]
    index = {k: i for i, k in enumerate(keys)}
    adjacency = np.array([(index[e.a], index[e.b]) for e in snapshot.edges if e.a != e.b])
    graph_item = pg.GraphItem(
        pos=np.array([positions[k] for k in keys]), adj=adjacency, size=8, pxMode=True
    )
    baseline = pg.PlotWidget()
    baseline.resize(1280, 800)
    baseline.addItem(graph_item)
    baseline.show()
    app.processEvents()
    theirs, _ = frames(baseline, baseline.getViewBox(), None)

    def summary(times: list[float]) -> str:
        return f"median {statistics.median(times):6.1f} ms, worst {max(times):6.1f} ms"

    print(f"trellis map redraw:            {summary(ours)}")
    print(f"trellis label choice per move: {summary(relabels)}")
    print(f"pyqtgraph GraphItem baseline:  {summary(theirs)}")
    print(
        f"median ratio trellis/baseline: {statistics.median(ours) / statistics.median(theirs):.2f}"
    )
    ok = statistics.median(ours) <= GOAL_MS
    print(f"goal (median <= {GOAL_MS:.0f} ms): " + ("met" if ok else "NOT MET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
