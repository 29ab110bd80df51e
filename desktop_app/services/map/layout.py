"""Where each node of the network map goes: force-directed, radial ego, by organisation.

`compute_layout` is pure computation on a `NetworkSnapshot` (no Qt, no database), safe to
run off the UI thread. The force layout is igraph's Fruchterman–Reingold, run in short
chunks so a caller can show progress, draw intermediate positions and cancel; it starts
from the previous positions, so a map stays recognisable from one run to the next and a new
contact appears beside the people it knows.
"""

from __future__ import annotations

import math
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import NetworkSnapshot

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

LAYOUT_KINDS = ("force", "radial", "organizations")
Positions = dict[str, tuple[float, float]]
ProgressCallback = Callable[[int, int], bool]
"""Called with (steps done, steps in all); returning False stops the layout early."""

FORCE_ITERATIONS = 500
RELAX_ITERATIONS = 60  # when most nodes already have a place: settle, don't reshuffle
CHUNKS = 20
GRID_THRESHOLD = 1000  # nodes; igraph's own choice between exact and grid FR
RING_SPACING = 1.0  # radial: distance between two rings, in layout units
NODE_SPACING = 0.35  # radial / organisations: least distance between neighbours on a ring
_IGRAPH_RNG_LOCK = threading.Lock()


def compute_layout(
    snapshot: NetworkSnapshot,
    kind: str = "force",
    previous: Mapping[str, tuple[float, float]] | None = None,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    *,
    pinned: Collection[str] = (),
    partial: Callable[[Positions], None] | None = None,
) -> Positions:
    """A position for every node of `snapshot`, by node key.

    `previous` positions seed the force layout (nodes without one start near their placed
    neighbours); `pinned` nodes keep their previous position exactly. `seed` makes the
    result repeatable. `progress(done, total)` may return False to stop early: the force
    layout then returns the positions reached so far. `partial` receives intermediate
    positions of the force layout, for a progressive display.
    """
    if kind == "force":
        return _force_layout(snapshot, previous or {}, seed, progress, set(pinned), partial)
    if kind == "radial":
        result = radial_layout(snapshot)
    elif kind == "organizations":
        result = organization_layout(snapshot)
    else:
        raise ValueError(f"unknown layout {kind!r}; expected one of {LAYOUT_KINDS}")
    if progress is not None:
        progress(1, 1)
    return result


# --- force ---------------------------------------------------------------------------------


def _force_layout(
    snapshot: NetworkSnapshot,
    previous: Mapping[str, tuple[float, float]],
    seed: int,
    progress: ProgressCallback | None,
    pinned: set[str],
    partial: Callable[[Positions], None] | None,
) -> Positions:
    import numpy as np

    keys = [node.key for node in snapshot.nodes]
    count = len(keys)
    if count == 0:
        if progress is not None:
            progress(1, 1)
        return {}
    index = {key: i for i, key in enumerate(keys)}
    edges, weights = _unique_edges(snapshot, index)
    rng = np.random.default_rng(seed)
    start, known = _initial_positions(keys, index, edges, previous, rng)
    fixed = np.array([key in pinned and key in previous for key in keys])

    if count == 1 or (not edges and known.all()):
        if progress is not None:
            progress(1, 1)
        return _as_positions(keys, start)

    graph = _igraph().Graph(n=count, edges=edges)
    # Most nodes already placed: cool start, fewer steps, so the map only settles.
    settling = known.mean() >= 0.5
    iterations = RELAX_ITERATIONS if settling else FORCE_ITERATIONS
    if settling:
        # Each step moves a node at most `temp`: cap the total drift at ~5% of the map.
        spread = float(np.ptp(start[known], axis=0).max()) or 1.0
        start_temp = 0.1 * spread / iterations
    else:
        start_temp = math.sqrt(count) / 10  # igraph's own default
    layout = start
    grid = count > GRID_THRESHOLD
    # igraph's grid FR finds repelling neighbours from the cells of its *starting*
    # positions: restarting it on a settled, dense map is slow (~40 ms a step at 5k
    # nodes), so a large first layout runs as one call.
    chunks = 1 if grid and not settling else min(CHUNKS, iterations)
    per_chunk = iterations // chunks
    bounds = _pin_bounds(layout, fixed)
    with _IGRAPH_RNG_LOCK:
        # igraph draws its tiny anti-overlap jitter from a Python RNG: make it ours.
        _igraph().set_random_number_generator(random.Random(seed))
        try:
            for chunk in range(chunks):
                temp = start_temp * (1 - chunk / chunks)
                result = graph.layout_fruchterman_reingold(
                    weights=weights,
                    niter=per_chunk,
                    start_temp=max(temp, 1e-6),
                    seed=layout.tolist(),
                    grid="grid" if grid else "nogrid",
                    **bounds,
                )
                layout = _aligned(np.asarray(result.coords, dtype=float), layout)
                layout[fixed] = start[fixed]
                if partial is not None and chunk + 1 < chunks:
                    partial(_as_positions(keys, layout))
                if progress is not None and progress(chunk + 1, chunks) is False:
                    break
        finally:
            _igraph().set_random_number_generator(random)
    return _as_positions(keys, layout)


def _igraph() -> Any:
    import igraph

    return igraph


def _unique_edges(
    snapshot: NetworkSnapshot, index: Mapping[str, int]
) -> tuple[list[tuple[int, int]], list[float]]:
    """Each linked pair once (strongest weight), without self-loops or unknown nodes."""
    best: dict[tuple[int, int], float] = {}
    for edge in snapshot.edges:
        a, b = index.get(edge.a), index.get(edge.b)
        if a is None or b is None or a == b:
            continue
        pair = (min(a, b), max(a, b))
        weight = 0.5 + 0.25 * max(1, edge.strength) if edge.kind == "relationship" else 1.0
        best[pair] = max(best.get(pair, 0.0), weight)
    pairs = sorted(best)
    return pairs, [best[pair] for pair in pairs]


def starting_positions(
    snapshot: NetworkSnapshot,
    previous: Mapping[str, tuple[float, float]],
    seed: int = 0,
) -> Positions:
    """Where the force layout starts: `previous` positions, a new node beside its placed
    neighbours, others spread at random. Cheap: shown while the layout runs."""
    import numpy as np

    keys = [node.key for node in snapshot.nodes]
    index = {key: i for i, key in enumerate(keys)}
    edges, _weights = _unique_edges(snapshot, index)
    start, _known = _initial_positions(keys, index, edges, previous, np.random.default_rng(seed))
    return _as_positions(keys, start)


def _initial_positions(
    keys: list[str],
    index: Mapping[str, int],
    edges: list[tuple[int, int]],
    previous: Mapping[str, tuple[float, float]],
    rng: np.random.Generator,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Previous positions where known; a new node beside its placed neighbours, else random."""
    import numpy as np

    count = len(keys)
    start = np.zeros((count, 2))
    known = np.zeros(count, dtype=bool)
    for key, i in index.items():
        point = previous.get(key)
        if point is not None and all(math.isfinite(v) for v in point):
            start[i] = point
            known[i] = True
    if known.any():
        spread = float(np.ptp(start[known], axis=0).max()) or 1.0
        centre = start[known].mean(axis=0)
    else:
        spread = math.sqrt(count)
        centre = np.zeros(2)
    adjacency: dict[int, list[int]] = defaultdict(list)
    for a, b in edges:
        adjacency[a].append(b)
        adjacency[b].append(a)
    jitter = spread / max(10.0, math.sqrt(count) * 4)
    for new in np.flatnonzero(~known).tolist():
        placed = [j for j in adjacency[new] if known[j]]
        if placed:
            start[new] = start[placed].mean(axis=0) + rng.normal(0, jitter, 2)
        else:
            start[new] = centre + rng.uniform(-spread / 2, spread / 2, 2)
    return start, known


def _aligned(
    layout: npt.NDArray[np.float64], reference: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """`layout` turned and shifted to best match `reference` (igraph re-centres and rotates
    its results, which would make every run of the map spin)."""
    import numpy as np

    centre, ref_centre = layout.mean(axis=0), reference.mean(axis=0)
    u, _, vt = np.linalg.svd((layout - centre).T @ (reference - ref_centre))
    rotation = u @ vt
    return np.asarray((layout - centre) @ rotation + ref_centre)


def _pin_bounds(
    layout: npt.NDArray[np.float64], fixed: npt.NDArray[np.bool_]
) -> dict[str, list[float]]:
    if not fixed.any():
        return {}
    inf = float("inf")
    xs, ys = layout[:, 0], layout[:, 1]
    return {
        "minx": [float(x) if f else -inf for x, f in zip(xs, fixed, strict=True)],
        "maxx": [float(x) if f else inf for x, f in zip(xs, fixed, strict=True)],
        "miny": [float(y) if f else -inf for y, f in zip(ys, fixed, strict=True)],
        "maxy": [float(y) if f else inf for y, f in zip(ys, fixed, strict=True)],
    }


def _as_positions(keys: list[str], layout: npt.NDArray[np.float64]) -> Positions:
    return {key: (float(x), float(y)) for key, (x, y) in zip(keys, layout.tolist(), strict=True)}


# --- radial ego ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ring:
    """A ring of the radial layout: its title and radius (layout units), centred on me."""

    label: str
    radius: float
    count: int


@dataclass(frozen=True, slots=True)
class Cluster:
    """An organisation's cluster in the layout by organisation: its centre and radius."""

    key: str  # the organisation's node key ("" for people without a current job)
    label: str
    x: float
    y: float
    radius: float
    people: int  # the people I know there


@dataclass(frozen=True, slots=True)
class LayoutGuides:
    """What a computed layout draws behind its nodes: rings or clusters, with names."""

    rings: tuple[Ring, ...] = ()
    clusters: tuple[Cluster, ...] = ()


def layout_guides(snapshot: NetworkSnapshot, kind: str) -> LayoutGuides:
    """The rings of the radial layout, the clusters of the layout by organisation."""
    if kind == "radial":
        return LayoutGuides(rings=_radial(snapshot)[1])
    if kind == "organizations":
        return LayoutGuides(clusters=_organizations(snapshot)[1])
    return LayoutGuides()


def radial_layout(snapshot: NetworkSnapshot) -> Positions:
    """Me at the centre, one ring per circle (inner first), then people without a circle,
    then organisations; colleagues sit side by side, facing their organisation."""
    return _radial(snapshot)[0]


def _radial(snapshot: NetworkSnapshot) -> tuple[Positions, tuple[Ring, ...]]:
    rings: dict[int, list[str]] = defaultdict(list)
    org_of: dict[str, str] = {}
    for edge in snapshot.edges:
        if edge.kind == "current_job":
            org_of.setdefault(edge.a, edge.b)
    sector = _organization_order(snapshot, org_of)
    outer_people = len(Circle) + 1
    labels = {node.key: node.label.casefold() for node in snapshot.nodes}
    for node in snapshot.nodes:
        if node.kind == "me":
            continue
        if node.kind == "organization":
            rings[outer_people + 1].append(node.key)
        else:
            rings[node.circle.rank if node.circle else outer_people].append(node.key)
    positions: Positions = {n.key: (0.0, 0.0) for n in snapshot.nodes if n.kind == "me"}
    radius = 0.0
    titles = {c.rank: c.label for c in Circle}
    titles[outer_people] = "No circle"
    titles[outer_people + 1] = "Organisations"
    guides: list[Ring] = []
    for ring in sorted(rings):

        def place(key: str) -> tuple[int, str, str]:
            return (sector.get(org_of.get(key, key), len(sector)), labels[key], key)

        members = sorted(rings[ring], key=place)
        circumference_radius = len(members) * NODE_SPACING / (2 * math.pi)
        radius = max(radius + RING_SPACING, circumference_radius)
        for i, key in enumerate(members):
            angle = 2 * math.pi * i / len(members) - math.pi / 2
            positions[key] = (radius * math.cos(angle), radius * math.sin(angle))
        guides.append(Ring(titles.get(ring, ""), radius, len(members)))
    return positions, tuple(guides)


def _organization_order(snapshot: NetworkSnapshot, org_of: Mapping[str, str]) -> dict[str, int]:
    """Organisations in a stable order (largest first), so each gets its own sector."""
    staff: dict[str, int] = defaultdict(int)
    for org in org_of.values():
        staff[org] += 1
    labels = {n.key: n.label.casefold() for n in snapshot.nodes if n.kind == "organization"}
    ordered = sorted(labels, key=lambda k: (-staff.get(k, 0), labels[k], k))
    return {key: i for i, key in enumerate(ordered)}


# --- grouped by organisation ---------------------------------------------------------------


def organization_layout(snapshot: NetworkSnapshot) -> Positions:
    """One cluster per organisation (its node at the centre, current staff around it),
    clusters packed in rows, largest first; people without a current job form their own
    cluster and me stands apart at the top left."""
    return _organizations(snapshot)[0]


def _organizations(snapshot: NetworkSnapshot) -> tuple[Positions, tuple[Cluster, ...]]:
    org_of: dict[str, str] = {}
    for edge in snapshot.edges:
        if edge.kind == "current_job":
            org_of.setdefault(edge.a, edge.b)
    groups: dict[str, list[str]] = defaultdict(list)
    org_keys = [n.key for n in snapshot.nodes if n.kind == "organization"]
    for key in org_keys:
        groups[key] = []
    loose = "~"
    for node in snapshot.nodes:
        if node.kind in ("person", "group", "event"):  # groups and events join the loose
            groups[org_of.get(node.key, loose)].append(node.key)
    labels = {n.key: n.label.casefold() for n in snapshot.nodes}
    names = {n.key: n.label for n in snapshot.nodes}
    clusters: list[Cluster] = []
    order = sorted(
        (g for g in groups if g != loose or groups[g]),
        key=lambda g: (g == loose, -len(groups[g]), labels.get(g, ""), g),
    )
    radii = {g: _cluster_radius(len(groups[g])) for g in order}
    positions: Positions = {}
    me = next((n.key for n in snapshot.nodes if n.kind == "me"), None)
    total_area = sum((2 * r + RING_SPACING) ** 2 for r in radii.values()) or 1.0
    row_width = max(math.sqrt(total_area) * 1.2, 2 * max(radii.values(), default=0) + 1)
    x = y = 0.0
    row_height = 0.0
    if me is not None:
        # Apart, up and to the left: the clusters' names sit along the top of each row.
        positions[me] = (-RING_SPACING * 3, RING_SPACING * 3)
    for group in order:
        r = radii[group]
        if x > 0 and x + 2 * r > row_width:
            x, y = 0.0, y - row_height - RING_SPACING
            row_height = 0.0
        cx, cy = x + r, y - r
        if group != loose:
            positions[group] = (cx, cy)
        members = sorted(groups[group], key=lambda k: (labels[k], k))
        positions.update(_sunflower(members, cx, cy, skip_centre=group != loose))
        title = names.get(group, "") if group != loose else "No current job"
        clusters.append(Cluster("" if group == loose else group, title, cx, cy, r, len(members)))
        x += 2 * r + RING_SPACING
        row_height = max(row_height, 2 * r)
    return positions, tuple(clusters)


def _cluster_radius(members: int) -> float:
    return NODE_SPACING * (math.sqrt(members + 1) + 1)


def _sunflower(
    keys: list[str], cx: float, cy: float, skip_centre: bool
) -> dict[str, tuple[float, float]]:
    """Evenly filled disc (Vogel's spiral) around (cx, cy)."""
    golden = math.pi * (3 - math.sqrt(5))
    offset = 1 if skip_centre else 0
    result = {}
    for i, key in enumerate(keys):
        r = NODE_SPACING * math.sqrt(i + offset + 0.5)
        theta = (i + offset) * golden
        result[key] = (cx + r * math.cos(theta), cy + r * math.sin(theta))
    return result
