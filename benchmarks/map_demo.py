"""Shared by the bench_map_*.py scripts: the command line and the demo network's map."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from desktop_app.services.map.network_graph import NetworkSnapshot


def arguments(
    description: str, baseline_iterations: bool = False, detail: bool = False
) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    if baseline_iterations:
        parser.add_argument(
            "--baseline-iterations",
            type=int,
            default=0,
            help="run fewer networkx iterations and scale the time (for 20,000 contacts)",
        )
    if detail:
        parser.add_argument(
            "--detail", action="store_true", help="draw what the map view draws (level of detail)"
        )
    return parser.parse_args()


def demo_snapshot(contacts: int, seed: int) -> NetworkSnapshot:
    """The map of a fresh `trellis demo` network of `contacts` people."""
    from desktop_app.services.demo import write_demo
    from desktop_app.services.map.network_graph import load_network
    from desktop_app.storage.database import open_database

    with (
        tempfile.TemporaryDirectory() as folder,
        open_database(Path(folder) / "demo.db", backups=False) as db,
    ):
        write_demo(db, contacts, seed=seed)
        snapshot = load_network(db)
    print(f"graph: {len(snapshot.nodes):,} nodes, {len(snapshot.edges):,} edges")
    return snapshot
