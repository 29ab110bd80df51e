"""The child process of `layout_job.LayoutJob`: one layout, from stdin to stdout.

Input: one pickle, `layout_job.encode_work(...)`. Output: a pickle per message,
("progress", (done, total)), ("partial", positions), then ("done", positions) or
("failed", message). The kind "communities" sends ("done", `Communities`) instead
(`communities.CommunitiesJob`).
"""

from __future__ import annotations

import pickle
import sys
from typing import IO, Any

from desktop_app.domain.enums import Circle
from desktop_app.services.map.communities import COMMUNITIES_KIND, find_communities
from desktop_app.services.map.layout import Positions, compute_layout
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot


def decode_snapshot(nodes: tuple[Any, ...], edges: tuple[Any, ...]) -> NetworkSnapshot:
    return NetworkSnapshot(
        tuple(
            MapNode(
                key,
                kind,
                label,
                circle=Circle(circle) if circle else None,
                organization=organization,
                strength=strength,
            )
            for key, kind, label, circle, organization, strength in nodes
        ),
        tuple(MapEdge(a, b, kind, strength) for a, b, kind, strength in edges),
    )


def run(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    def send(tag: str, payload: Any) -> None:
        pickle.dump((tag, payload), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()

    def progress(done: int, total: int) -> bool:
        send("progress", (done, total))
        return True

    def partial(positions: Positions) -> None:
        send("partial", positions)

    try:
        nodes, edges, kind, previous, seed, pinned = pickle.load(stdin)
        if kind == COMMUNITIES_KIND:
            send("done", find_communities(decode_snapshot(nodes, edges), seed))
            return 0
        positions = compute_layout(
            decode_snapshot(nodes, edges),
            kind,
            previous,
            seed,
            progress,
            pinned=pinned,
            partial=partial,
        )
    except Exception as error:  # reported to the parent, which shows it
        send("failed", f"The layout failed: {error}")
        return 1
    send("done", positions)
    return 0


def main() -> int:
    return run(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main())
