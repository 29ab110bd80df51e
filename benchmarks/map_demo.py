"""Shared by the bench_map_*.py scripts: the command line and the demo network's map."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from desktop_app.services.map.network_graph import NetworkSnapshot


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
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
