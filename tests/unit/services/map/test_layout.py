from __future__ import annotations

import math
import random

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.services.map.layout import LayoutGuides, compute_layout, layout_guides
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot


def clustered(people: int = 120, orgs: int = 6, seed: int = 3) -> NetworkSnapshot:
    """Me, `orgs` organisations with their staff tied to each other, a few ties across."""
    rnd = random.Random(seed)
    circles = list(Circle)
    nodes = [MapNode("me", "me", "Me", strength=5)]
    edges = []
    for o in range(orgs):
        nodes.append(MapNode(f"o:{o}", "organization", f"Org {o}"))
    for p in range(people):
        org = p % orgs
        nodes.append(MapNode(f"p:{p}", "person", f"Person {p}", circle=circles[p % 4]))
        edges.append(MapEdge(f"p:{p}", f"o:{org}", "current_job"))
        edges.append(MapEdge("me", f"p:{p}", "relationship", 1 + p % 5))
        for q in range(org, p, orgs):
            if rnd.random() < 0.3:
                edges.append(MapEdge(f"p:{p}", f"p:{q}", "relationship", 3))
    return NetworkSnapshot(tuple(nodes), tuple(edges))


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.dist(a, b)


@pytest.mark.parametrize("kind", ["force", "radial", "organizations"])
def test_every_node_gets_a_finite_position(kind: str) -> None:
    snapshot = clustered()
    positions = compute_layout(snapshot, kind)
    assert set(positions) == {n.key for n in snapshot.nodes}
    assert all(math.isfinite(v) for point in positions.values() for v in point)
    # No two nodes on the same spot.
    assert len({(round(x, 6), round(y, 6)) for x, y in positions.values()}) == len(positions)


@pytest.mark.parametrize("kind", ["force", "radial", "organizations"])
def test_empty_and_single_node_networks(kind: str) -> None:
    assert compute_layout(NetworkSnapshot((), ()), kind) == {}
    alone = NetworkSnapshot((MapNode("me", "me", "Me"),), ())
    assert set(compute_layout(alone, kind)) == {"me"}


def test_force_layout_is_repeatable_with_a_seed() -> None:
    snapshot = clustered()
    assert compute_layout(snapshot, seed=4) == compute_layout(snapshot, seed=4)


def test_force_layout_puts_colleagues_closer_than_strangers() -> None:
    snapshot = clustered()
    positions = compute_layout(snapshot)
    same = [distance(positions[f"p:{p}"], positions[f"o:{p % 6}"]) for p in range(120)]
    other = [distance(positions[f"p:{p}"], positions[f"o:{(p + 3) % 6}"]) for p in range(120)]
    assert sum(same) < 0.7 * sum(other)


def test_force_layout_tolerates_odd_edges() -> None:
    nodes = (MapNode("me", "me", "Me"), MapNode("p:1", "person", "A"))
    edges = (
        MapEdge("me", "p:1", "relationship", 3),
        MapEdge("p:1", "me", "relationship", 5),
        MapEdge("p:1", "p:1", "relationship", 2),
        MapEdge("p:1", "p:404", "relationship", 2),
    )
    positions = compute_layout(NetworkSnapshot(nodes, edges))
    assert set(positions) == {"me", "p:1"}


def test_a_new_contact_lands_near_its_neighbours_without_reshuffling() -> None:
    before = clustered()
    old = compute_layout(before, seed=1)
    newcomer = MapNode("p:new", "person", "Newcomer")
    after = NetworkSnapshot(
        (*before.nodes, newcomer),
        (
            *before.edges,
            MapEdge("p:new", "o:2", "current_job"),
            MapEdge("p:new", "p:2", "relationship", 4),
        ),
    )
    new = compute_layout(after, previous=old, seed=1)
    span = max(max(abs(x), abs(y)) for x, y in old.values())
    moved = sorted(distance(old[k], new[k]) for k in old)
    assert moved[len(moved) // 2] < 0.1 * span  # the median node barely moves
    others = [distance(new["p:new"], new[k]) for k in old]
    assert distance(new["p:new"], new["o:2"]) < sorted(others)[len(others) // 4]


def test_pinned_nodes_stay_exactly_where_they_were() -> None:
    snapshot = clustered()
    old = compute_layout(snapshot, seed=2)
    moved = dict(old)
    moved["p:5"] = (old["p:5"][0] + 3.0, old["p:5"][1] - 2.0)
    new = compute_layout(snapshot, previous=moved, pinned={"p:5"}, seed=2)
    assert new["p:5"] == pytest.approx(moved["p:5"])


def test_progress_reports_and_can_cancel() -> None:
    snapshot = clustered()
    calls: list[tuple[int, int]] = []
    partials: list[int] = []

    def stop_after_two(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 2

    positions = compute_layout(
        snapshot, progress=stop_after_two, partial=lambda p: partials.append(len(p))
    )
    assert calls[:2] == [(1, calls[0][1]), (2, calls[0][1])]
    assert len(calls) == 2
    assert calls[0][1] > 2
    assert partials == [len(snapshot.nodes)] * 2
    assert set(positions) == {n.key for n in snapshot.nodes}


def test_radial_layout_puts_me_in_the_middle_and_circles_in_rings() -> None:
    snapshot = clustered()
    positions = compute_layout(snapshot, "radial")
    assert positions["me"] == (0.0, 0.0)
    radius = {n.key: math.hypot(*positions[n.key]) for n in snapshot.nodes}
    rings: dict[int, set[float]] = {}
    for node in snapshot.nodes:
        if node.circle is not None:
            rings.setdefault(node.circle.rank, set()).add(round(radius[node.key], 6))
    assert all(len(r) == 1 for r in rings.values())  # one ring per circle
    ordered = [rings[rank].pop() for rank in sorted(rings)]
    assert ordered == sorted(ordered)  # inner circle closest
    assert min(radius[f"o:{o}"] for o in range(6)) > ordered[-1]


def test_organization_layout_groups_staff_around_their_organisation() -> None:
    snapshot = clustered()
    positions = compute_layout(snapshot, "organizations")
    for p in range(120):
        own = distance(positions[f"p:{p}"], positions[f"o:{p % 6}"])
        nearest_other = min(
            distance(positions[f"p:{p}"], positions[f"o:{o}"]) for o in range(6) if o != p % 6
        )
        assert own < nearest_other


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        compute_layout(clustered(), "spiral")


def test_quality_figures_tell_a_good_layout_from_a_random_one() -> None:
    from desktop_app.services.map.layout_quality import layout_quality

    snapshot = clustered()
    good = layout_quality(snapshot, compute_layout(snapshot, "force", seed=1))
    rnd = random.Random(0)
    noise = {n.key: (rnd.random(), rnd.random()) for n in snapshot.nodes}
    bad = layout_quality(snapshot, noise)
    assert good.stress < bad.stress
    assert good.neighbourhood > bad.neighbourhood
    assert 0 <= good.neighbourhood <= 1


def test_starting_positions_keep_the_known_and_place_the_new_near_neighbours() -> None:
    from desktop_app.services.map.layout import starting_positions

    snapshot = clustered()
    known = {k: p for k, p in compute_layout(snapshot, seed=1).items() if k != "p:3"}
    start = starting_positions(snapshot, known, seed=1)
    assert set(start) == {n.key for n in snapshot.nodes}
    assert all(start[k] == pytest.approx(p) for k, p in known.items())
    others = sorted(distance(start["p:3"], p) for k, p in known.items())
    neighbours = [distance(start["p:3"], known[k]) for k in ("o:3", "me")]
    assert min(neighbours) < others[len(others) // 2]


def test_radial_rings_are_named_and_pass_through_their_people() -> None:
    snapshot = clustered()
    positions = compute_layout(snapshot, "radial")
    rings = layout_guides(snapshot, "radial").rings
    assert [r.label for r in rings] == [*(c.label for c in Circle), "Organisations"]
    by_label = {r.label: r for r in rings}
    for node in snapshot.nodes:
        if node.circle is not None:
            ring = by_label[node.circle.label]
            assert math.hypot(*positions[node.key]) == pytest.approx(ring.radius)
    assert sum(r.count for r in rings) == len(snapshot.nodes) - 1  # everyone but me


def test_organisation_clusters_are_named_sized_and_hold_their_staff() -> None:
    snapshot = clustered(people=100, orgs=4)
    # Org 3 gets 10 more people: its cluster is bigger.
    extra = [MapNode(f"p:x{i}", "person", f"Extra {i}") for i in range(10)]
    jobs = [MapEdge(f"p:x{i}", "o:3", "current_job") for i in range(10)]
    snapshot = NetworkSnapshot(snapshot.nodes + tuple(extra), snapshot.edges + tuple(jobs))
    positions = compute_layout(snapshot, "organizations")
    clusters = {c.key: c for c in layout_guides(snapshot, "organizations").clusters}
    assert {c.label for c in clusters.values()} == {f"Org {o}" for o in range(4)}
    assert clusters["o:3"].people == 35 and clusters["o:0"].people == 25
    assert clusters["o:3"].radius > clusters["o:0"].radius
    for edge in snapshot.edges:
        if edge.kind == "current_job":
            cluster = clusters[edge.b]
            x, y = positions[edge.a]
            assert math.hypot(x - cluster.x, y - cluster.y) <= cluster.radius
    assert layout_guides(snapshot, "force") == LayoutGuides()
