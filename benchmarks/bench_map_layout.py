"""Force layout of a 5,000-contact demo network: Trellis vs networkx.spring_layout.

Goal (issue 4): at least 20x faster than `networkx.spring_layout` (50 iterations, its
default) on the same graph, with a layout quality at least as good. Quality is printed as
two figures (see services/map/layout_quality.py): stress (lower is better) and neighbourhood
preservation (higher is better).

    PYTHONPATH=. python benchmarks/bench_map_layout.py [--contacts 5000] [--seed 1]
"""

from __future__ import annotations

import sys
import time

from map_demo import arguments, demo_snapshot

GOAL_SPEEDUP = 20.0


def main() -> int:
    args = arguments(__doc__ or "")

    import networkx

    from desktop_app.services.map.layout import compute_layout
    from desktop_app.services.map.layout_quality import layout_quality

    snapshot = demo_snapshot(args.contacts, args.seed)

    started = time.perf_counter()
    ours = compute_layout(snapshot, "force", seed=args.seed)
    ours_s = time.perf_counter() - started

    graph = networkx.Graph()
    graph.add_nodes_from(node.key for node in snapshot.nodes)
    graph.add_edges_from((edge.a, edge.b) for edge in snapshot.edges if edge.a != edge.b)
    started = time.perf_counter()
    theirs_raw = networkx.spring_layout(graph, iterations=50, seed=args.seed)
    theirs_s = time.perf_counter() - started
    theirs = {key: (float(x), float(y)) for key, (x, y) in theirs_raw.items()}

    q_ours, q_theirs = layout_quality(snapshot, ours), layout_quality(snapshot, theirs)
    speedup = theirs_s / ours_s
    print(f"trellis force layout (igraph FR):  {ours_s:8.2f} s")
    print(f"networkx.spring_layout (baseline): {theirs_s:8.2f} s")
    print(f"speed-up: {speedup:.1f}x (goal >= {GOAL_SPEEDUP:.0f}x)")
    print(
        f"stress (lower is better):          trellis {q_ours.stress:.4f}  "
        f"networkx {q_theirs.stress:.4f}"
    )
    print(
        f"neighbourhood preservation (higher is better): trellis {q_ours.neighbourhood:.4f}  "
        f"networkx {q_theirs.neighbourhood:.4f}"
    )
    ok = speedup >= GOAL_SPEEDUP and q_ours.stress <= q_theirs.stress
    print("goal met" if ok else "GOAL NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
