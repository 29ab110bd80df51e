"""Level of detail of the network map: what a big map shows first and what it reveals as
the user zooms in or expands a node.

Each node gets a level: 0 is what matters (me, my inner and close circles, the
organisations and people my goals name), 1 the familiar circle, strong ties and where my
closest people work, 2 acquaintances and their organisations, 3 everyone else. Up to
`LOD_ABOVE` people every node is level 0: a small map shows everything at once. The
canvas shows the deepest level that keeps the nodes in view under its budget, so zooming
in reveals the next level where there is room for it.

Pure computation on a `NetworkSnapshot` (no Qt, no database).
"""

from __future__ import annotations

from collections.abc import Collection

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import NetworkSnapshot

LOD_ABOVE = 150  # people: a map this small shows everyone from the start
DEEPEST = 3
CIRCLE_LEVEL = {Circle.INNER: 0, Circle.CLOSE: 0, Circle.FAMILIAR: 1, Circle.ACQUAINTANCE: 2}
STRONG_TIE = 4  # a tie this strong to me is level 1 whatever the circle
KIND_LEVEL = {"me": 0}  # kinds shown first whatever their links (others: by their people)


def detail_levels(snapshot: NetworkSnapshot, goal_keys: Collection[str] = ()) -> tuple[int, ...]:
    """The level of each node of `snapshot`, in its order; `goal_keys` are the nodes a goal
    names (level 0). Nodes that are not people take the level of their closest person,
    one deeper, so an organisation appears with (not before) the people who link to it."""
    people = sum(1 for n in snapshot.nodes if n.kind == "person")
    if people <= LOD_ABOVE:
        return tuple(0 for _ in snapshot.nodes)
    goals = set(goal_keys)
    level: dict[str, int] = {}
    for node in snapshot.nodes:
        if node.key in goals:
            level[node.key] = 0
        elif node.kind in KIND_LEVEL:
            level[node.key] = KIND_LEVEL[node.kind]
        elif node.kind == "person":
            by_circle = CIRCLE_LEVEL.get(node.circle, DEEPEST) if node.circle else DEEPEST
            by_tie = 1 if node.strength >= STRONG_TIE else DEEPEST
            level[node.key] = min(by_circle, by_tie)
    kinds = {n.key: n.kind for n in snapshot.nodes}
    for edge in snapshot.edges:
        # A node that is not a person follows its closest person (jobs, memberships).
        for this, other in ((edge.a, edge.b), (edge.b, edge.a)):
            if kinds.get(this) not in (None, "person", "me") and kinds.get(other) == "person":
                through = min(DEEPEST, level[other] + 1)
                if through < level.get(this, DEEPEST + 1):
                    level[this] = through
    return tuple(min(DEEPEST, level.get(n.key, DEEPEST)) for n in snapshot.nodes)
