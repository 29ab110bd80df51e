"""Printing the map of a 5,000-contact demo network, against networkx.spring_layout alone.

Goal (issue 6): the whole `trellis print-map --out map.pdf` process (start-up, loading,
layout, planning, rendering, writing) takes at most 15% of the time networkx.spring_layout
alone needs on the same graph, in a fresh process. The print is timed from outside; the
baseline's process times only its spring_layout call, not its own start-up or loading.

    PYTHONPATH=. python benchmarks/print_map.py [--contacts 5000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.15

BASELINE = """
import sys, time
from pathlib import Path
import networkx
from desktop_app.services.map.network_graph import load_network
from desktop_app.storage.database import open_database

with open_database(Path(sys.argv[1]), exclusive=False, backups=False) as db:
    snapshot = load_network(db)
graph = networkx.Graph()
graph.add_nodes_from(node.key for node in snapshot.nodes)
graph.add_edges_from((edge.a, edge.b) for edge in snapshot.edges)
started = time.perf_counter()
networkx.spring_layout(graph, iterations=50, seed=1)
print(time.perf_counter() - started, graph.number_of_nodes(), graph.number_of_edges())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    trellis = [sys.executable, "-m", "desktop_app"]
    with tempfile.TemporaryDirectory() as folder:
        db, pdf = Path(folder) / "demo.db", Path(folder) / "map.pdf"
        subprocess.run(
            [
                *trellis,
                "demo",
                "--db",
                str(db),
                "--contacts",
                str(args.contacts),
                "--seed",
                str(args.seed),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        started = time.perf_counter()
        printed = subprocess.run(
            [*trellis, "print-map", "--db", str(db), "--out", str(pdf)],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        print_seconds = time.perf_counter() - started
        baseline = subprocess.run(
            [sys.executable, "-c", BASELINE, str(db)],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        layout_seconds, nodes, edges = baseline.stdout.split()
        ratio = print_seconds / float(layout_seconds)
        print(f"graph: {nodes} nodes, {edges} edges ({args.contacts} contacts)")
        print(f"trellis print-map → PDF, whole process: {print_seconds:.2f} s")
        print(f"  {printed.stdout.strip()}  {pdf.stat().st_size / 1e6:.1f} MB")
        print(f"networkx.spring_layout alone (50 iterations): {float(layout_seconds):.2f} s")
        verdict = "meets" if ratio <= GOAL else "MISSES"
        print(f"ratio print / spring_layout: {ratio:.3f} ({verdict} the goal of ≤ {GOAL:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
