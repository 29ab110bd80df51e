"""Communities of the network map and the bridges between them.

A community is a group of people (and the organisations they work at) more linked among
themselves than to the rest: igraph's Leiden algorithm, optimising modularity. Me is left
out of the computation (I touch everyone, so I would glue every group into one), and so
is nobody else. A bridge is a person whose links reach into other communities, ranked by
betweenness between communities: the people through whom groups that otherwise hardly
touch are connected, the ones most worth keeping warm.

Exact betweenness (every shortest path between every pair of people) costs minutes at
20,000 people; counted between communities instead, with each community one node, it is
a sum over a person's links: the shortest paths between communities A and B (|A| × |B|
pairs of people) run through one of the k people who link A to B, a share of 1/k each.
So a person who alone joins two big groups scores high; one of forty who join two small
ones, low. igraph's Leiden holds the GIL for seconds at 20,000 people: the window runs it
in the layout's child process (`CommunitiesJob`).

Pure computation on a `NetworkSnapshot` (no Qt, no database). Community numbers are
stable for the same network: communities are numbered largest first, ties broken by
their smallest node key, and igraph's random choices are seeded.
"""

from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from desktop_app.services.map.network_graph import ME, NetworkSnapshot

BRIDGES_PER_COMMUNITY = 5
COMMUNITIES_KIND = "communities"  # what the child process is asked for (layout_worker)
SMALLEST_COMMUNITY = 3  # fewer members: no colour of its own, no bridges list
_IGRAPH_RNG_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Bridge:
    key: str
    label: str
    betweenness: float
    reaches: tuple[int, ...]  # the other communities this person has links into


@dataclass(frozen=True, slots=True)
class Community:
    number: int  # 0 is the largest
    size: int  # people in it
    name: str  # its most common current organisation, else its best-linked person
    bridges: tuple[Bridge, ...]


@dataclass(frozen=True, slots=True)
class Communities:
    membership: dict[str, int] = field(default_factory=dict)  # node key → community number
    communities: tuple[Community, ...] = ()

    def of(self, key: str) -> int | None:
        return self.membership.get(key)


def find_communities(snapshot: NetworkSnapshot, seed: int = 0) -> Communities:
    """The communities of `snapshot` (people and organisations, not me) and their bridges."""
    keys = [n.key for n in snapshot.nodes if n.key != ME]
    if not keys:
        return Communities()
    index = {key: i for i, key in enumerate(keys)}
    pairs: set[tuple[int, int]] = set()
    for edge in snapshot.edges:
        a, b = index.get(edge.a), index.get(edge.b)
        if a is None or b is None or a == b:
            continue
        pairs.add((min(a, b), max(a, b)))
    edges = sorted(pairs)
    igraph = _igraph()
    graph = igraph.Graph(n=len(keys), edges=edges)
    with _IGRAPH_RNG_LOCK:
        random_state = random.getstate()
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = graph.community_leiden(objective_function="modularity", n_iterations=4)
            raw = list(found.membership)
        finally:
            igraph.set_random_number_generator(random)
            random.setstate(random_state)
    kinds = {n.key: n.kind for n in snapshot.nodes}
    membership = _renumbered(keys, raw, kinds)
    return Communities(membership, _describe(snapshot, keys, edges, membership))


def _renumbered(keys: list[str], raw: list[int], kinds: dict[str, str]) -> dict[str, int]:
    """Largest community (in people) first, ties by smallest key: numbers that do not
    depend on igraph's internal order."""
    members: dict[int, list[str]] = defaultdict(list)
    for key, group in zip(keys, raw, strict=True):
        members[group].append(key)
    order = sorted(
        members,
        key=lambda g: (-sum(1 for k in members[g] if kinds[k] == "person"), min(members[g])),
    )
    number = {group: i for i, group in enumerate(order)}
    return {key: number[group] for key, group in zip(keys, raw, strict=True)}


def _describe(
    snapshot: NetworkSnapshot,
    keys: list[str],
    edges: list[tuple[int, int]],
    membership: dict[str, int],
) -> tuple[Community, ...]:
    nodes = {n.key: n for n in snapshot.nodes}
    reaches: dict[str, set[int]] = defaultdict(set)
    degree: Counter[str] = Counter()
    for a, b in edges:
        ka, kb = keys[a], keys[b]
        degree[ka] += 1
        degree[kb] += 1
        ca, cb = membership[ka], membership[kb]
        if ca != cb:
            reaches[ka].add(cb)
            reaches[kb].add(ca)
    people: dict[int, list[str]] = defaultdict(list)
    for key, group in membership.items():
        if nodes[key].kind == "person":
            people[group].append(key)
    score = _between_communities(membership, reaches, people)
    result = []
    for group in sorted(people):
        members = people[group]
        if len(members) < SMALLEST_COMMUNITY:
            continue
        organisations = Counter(nodes[k].organization for k in members if nodes[k].organization)
        if organisations:
            name = min(organisations.items(), key=lambda item: (-item[1], item[0]))[0]
        else:
            hub = min(members, key=lambda k: (-degree[k], nodes[k].label, k))
            name = f"around {nodes[hub].label}"
        candidates = [k for k in members if reaches.get(k)]
        candidates.sort(key=lambda k: (-score.get(k, 0.0), nodes[k].label.casefold(), k))
        bridges = tuple(
            Bridge(k, nodes[k].label, score.get(k, 0.0), tuple(sorted(reaches[k])))
            for k in candidates[:BRIDGES_PER_COMMUNITY]
        )
        result.append(Community(group, len(members), name, bridges))
    return tuple(result)


def _between_communities(
    membership: dict[str, int], reaches: dict[str, set[int]], people: dict[int, list[str]]
) -> dict[str, float]:
    """Each person's share of the shortest paths between the communities they join (see
    the module docstring)."""
    carriers: Counter[tuple[int, int]] = Counter()
    for key, others in reaches.items():
        own = membership[key]
        for other in others:
            carriers[(min(own, other), max(own, other))] += 1
    size = {group: len(members) for group, members in people.items()}
    score: dict[str, float] = {}
    for key, others in reaches.items():
        own = membership[key]
        score[key] = sum(
            size.get(own, 1) * size.get(other, 1) / carriers[(min(own, other), max(own, other))]
            for other in others
        )
    return score


class CommunitiesJob:
    """`find_communities` in the layout's child process (igraph holds the GIL)."""

    def __init__(self, snapshot: NetworkSnapshot, seed: int = 0) -> None:
        from desktop_app.services.map.layout_job import LayoutJob

        self._job = LayoutJob(snapshot, COMMUNITIES_KIND, seed=seed)

    @property
    def finished(self) -> bool:
        return self._job.finished

    def poll(self) -> Communities | str | None:
        """The communities, a message saying why there are none, or None until done."""
        from desktop_app.services.map.layout_job import LayoutDone, LayoutFailed

        for message in self._job.poll():
            if isinstance(message, LayoutDone):
                found: Communities = message.positions  # type: ignore[assignment]
                return found
            if isinstance(message, LayoutFailed):
                return message.message.replace("layout", "search for communities")
        return None

    def cancel(self) -> None:
        self._job.cancel()


def _igraph() -> Any:
    import igraph

    return igraph
