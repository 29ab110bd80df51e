"""What a big map shows first (services/map/level_of_detail.py)."""

from __future__ import annotations

from desktop_app.domain.enums import Circle
from desktop_app.services.map.level_of_detail import LOD_ABOVE, detail_levels
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot


def network(people: int) -> NetworkSnapshot:
    """Me; people cycling through the circles (and no circle); each at one of 10 orgs."""
    circles = [*Circle, None]
    nodes = [MapNode("me", "me", "Me", strength=5)]
    edges = []
    for o in range(10):
        nodes.append(MapNode(f"o:{o}", "organization", f"Org {o}"))
    for p in range(people):
        circle = circles[p % len(circles)]
        strength = {Circle.INNER: 5, Circle.CLOSE: 4, Circle.FAMILIAR: 3}.get(circle, 1)  # type: ignore[call-overload]
        nodes.append(MapNode(f"p:{p}", "person", f"P{p}", circle=circle, strength=strength))
        edges.append(MapEdge("me", f"p:{p}", "relationship", strength))
    # Org 0 employs an inner-circle person; org 1 only acquaintances; org 2 nobody I know
    # well but a goal names it.
    edges.append(MapEdge("p:0", "o:0", "current_job"))
    for p in range(3, people, len(circles)):
        edges.append(MapEdge(f"p:{p}", "o:1", "current_job"))
    edges.append(MapEdge(f"p:{4}", "o:2", "past_job"))
    return NetworkSnapshot(tuple(nodes), tuple(edges))


def levels_by_key(snapshot: NetworkSnapshot, goals: tuple[str, ...] = ()) -> dict[str, int]:
    return dict(zip((n.key for n in snapshot.nodes), detail_levels(snapshot, goals), strict=True))


def test_a_small_map_shows_everything_at_once() -> None:
    small = network(LOD_ABOVE)
    assert set(detail_levels(small)) == {0}


def test_a_big_map_opens_on_me_my_closer_circles_and_goal_organisations() -> None:
    big = network(LOD_ABOVE * 2)
    level = levels_by_key(big, goals=("o:2",))
    nodes = {n.key: n for n in big.nodes}
    assert level["me"] == 0
    for key, node in nodes.items():
        if node.circle in (Circle.INNER, Circle.CLOSE):
            assert level[key] == 0, key
        elif node.circle == Circle.FAMILIAR:
            assert level[key] == 1, key
        elif node.circle == Circle.ACQUAINTANCE:
            assert level[key] == 2, key
        elif node.kind == "person":
            assert level[key] == 3, key
    assert level["o:2"] == 0  # a goal names it
    assert level["o:0"] == 1  # where someone of my inner circle works: with them
    assert level["o:1"] == 3  # only acquaintances there: one step after them
    assert level["o:5"] == 3  # nobody links to it: last
    # Without the goal, the organisation follows its one (no-circle) person.
    assert levels_by_key(big)["o:2"] == 3
