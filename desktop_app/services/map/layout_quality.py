"""How faithful a layout is to its graph: two standard figures, for benchmarks and tests.

- Stress (Kamada–Kawai's, normalised): how far drawn distances are from graph distances
  (hops) after the best uniform scaling; 0 is perfect, lower is better.
- Neighbourhood preservation: for each node, the share (Jaccard) of its graph neighbours
  among its nearest drawn nodes; 1 is perfect, higher is better.

Both are sampled from `sample` source nodes, so they run in about a second at 5,000 nodes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.services.map.network_graph import NetworkSnapshot


@dataclass(frozen=True, slots=True)
class LayoutQuality:
    stress: float
    neighbourhood: float


def layout_quality(
    snapshot: NetworkSnapshot,
    positions: Mapping[str, tuple[float, float]],
    sample: int = 400,
    seed: int = 0,
) -> LayoutQuality:
    """Stress and neighbourhood preservation of `positions` for `snapshot`."""
    import igraph
    import numpy as np

    keys = [node.key for node in snapshot.nodes]
    index = {key: i for i, key in enumerate(keys)}
    pairs = {
        (min(index[e.a], index[e.b]), max(index[e.a], index[e.b]))
        for e in snapshot.edges
        if e.a in index and e.b in index and e.a != e.b
    }
    graph = igraph.Graph(n=len(keys), edges=sorted(pairs))
    points = np.array([positions[key] for key in keys], dtype=float)
    rng = np.random.default_rng(seed)
    sources = rng.choice(len(keys), size=min(sample, len(keys)), replace=False)
    hops = np.array(graph.distances(source=sources.tolist()), dtype=float)
    drawn = np.linalg.norm(points[sources][:, None, :] - points[None, :, :], axis=2)
    mask = np.isfinite(hops) & (hops > 0)
    d, x = hops[mask], drawn[mask]
    weight = 1.0 / d**2
    scale = (weight * d * x).sum() / max((weight * x * x).sum(), 1e-12)
    stress = float((weight * (scale * x - d) ** 2).sum() / (weight * d * d).sum())
    adjacency = graph.get_adjlist()
    shares = []
    for row, source in enumerate(sources.tolist()):
        near_graph = set(adjacency[source])
        if not near_graph:
            continue
        k = len(near_graph)
        order = np.argsort(drawn[row], kind="stable")[: k + 1].tolist()
        near_drawn = set([i for i in order if i != source][:k])
        shares.append(len(near_graph & near_drawn) / len(near_graph | near_drawn))
    return LayoutQuality(stress, float(np.mean(shares)) if shares else 0.0)
