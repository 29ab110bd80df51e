"""Communities and their bridges on generated networks (services/map/communities.py)."""

from __future__ import annotations

import random

from desktop_app.services.map.communities import CommunitiesJob, find_communities
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot


def two_groups(size: int = 30, seed: int = 5) -> NetworkSnapshot:
    """Me tied to everyone; two dense groups (A at Acme, B at Globex) that touch only
    through one person, "p:bridge", who knows a few people in each."""
    rnd = random.Random(seed)
    nodes = [MapNode("me", "me", "Me", strength=5)]
    edges = []
    groups = {"a": "Acme", "b": "Globex"}
    for group, organisation in groups.items():
        nodes.append(MapNode(f"o:{group}", "organization", organisation))
        members = [f"p:{group}{i}" for i in range(size)]
        for key in members:
            nodes.append(MapNode(key, "person", key, organization=organisation))
            edges.append(MapEdge(key, f"o:{group}", "current_job"))
            edges.append(MapEdge("me", key, "relationship", 2))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if rnd.random() < 0.4:
                    edges.append(MapEdge(a, b, "relationship", 3))
    nodes.append(MapNode("p:bridge", "person", "Bea Bridge"))
    edges.append(MapEdge("me", "p:bridge", "relationship", 4))
    for key in ("p:a0", "p:a1", "p:a2", "p:b0", "p:b1", "p:b2"):
        edges.append(MapEdge("p:bridge", key, "relationship", 3))
    return NetworkSnapshot(tuple(nodes), tuple(edges))


def test_two_groups_are_two_communities_joined_by_their_bridge() -> None:
    found = find_communities(two_groups())
    a = {found.of(f"p:a{i}") for i in range(30)}
    b = {found.of(f"p:b{i}") for i in range(30)}
    assert len(a) == 1 and len(b) == 1 and a != b  # each group one community, apart
    assert found.of("o:a") in a and found.of("o:b") in b  # organisations with their staff
    assert found.of("me") is None  # I touch everyone: I am left out
    names = {c.name for c in found.communities}
    assert names == {"Acme", "Globex"}
    bridge_lists = {c.name: [b.key for b in c.bridges] for c in found.communities}
    # The one person joining the groups is the first bridge of the community they are in.
    home = next(c for c in found.communities if c.number == found.of("p:bridge"))
    assert bridge_lists[home.name][0] == "p:bridge"
    first = home.bridges[0]
    assert first.label == "Bea Bridge" and len(first.reaches) == 1
    assert first.betweenness >= max(b.betweenness for b in home.bridges)


def test_numbers_are_stable_largest_first() -> None:
    snapshot = two_groups()
    assert find_communities(snapshot) == find_communities(snapshot)
    sizes = [c.size for c in find_communities(snapshot).communities]
    assert sizes == sorted(sizes, reverse=True)


def test_a_network_without_links_has_no_communities_worth_naming() -> None:
    lonely = NetworkSnapshot(
        (MapNode("me", "me", "Me"), MapNode("p:1", "person", "Ann")),
        (MapEdge("me", "p:1", "relationship", 3),),
    )
    assert find_communities(lonely).communities == ()
    assert find_communities(NetworkSnapshot((), ())).membership == {}


def test_the_child_process_finds_the_same_communities() -> None:
    snapshot = two_groups()
    job = CommunitiesJob(snapshot)
    job._job.wait(timeout=60)  # a script may block; the window polls
    assert job.finished
    # The child drops what communities do not use (tags, photos): the result is the same.
    expected = find_communities(snapshot)
    job = CommunitiesJob(snapshot)
    result = None
    while result is None:
        result = job.poll()
    assert result == expected
