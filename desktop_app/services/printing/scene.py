"""The map to print as plain values: positioned nodes and edges, plus the style they get.

Built from the network map's own snapshot and layout positions, so the paper shows the
same people, filters and arrangement as the screen. No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.domain.enums import Circle

if TYPE_CHECKING:
    from desktop_app.services.map.network_graph import NetworkSnapshot

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, point: Point) -> bool:
        return self.x <= point[0] <= self.right and self.y <= point[1] <= self.bottom

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True, slots=True)
class SceneNode:
    key: str
    kind: str  # 'me' | 'person' | 'organization'
    label: str
    circle: Circle | None
    organization: str  # where a person works, to tell apart people of the same name
    position: Point  # world units, y pointing down the page
    priority: int  # lower is labelled first
    colour: str | None = None  # the map's colouring, when it is not by circle


@dataclass(frozen=True, slots=True)
class SceneEdge:
    a: int  # index into MapScene.nodes
    b: int
    kind: str  # 'relationship' | 'current_job' | 'past_job'


@dataclass(frozen=True, slots=True)
class MapScene:
    """What goes on paper: nodes, edges between them, the world area shown and the name."""

    nodes: tuple[SceneNode, ...]
    edges: tuple[SceneEdge, ...]
    bounds: Rect  # world area to fit on the paper
    owner_name: str  # the user's own name, for the default title
    legend: tuple[tuple[str, str], ...] = ()  # (colour, label) of the map's colouring

    @property
    def is_empty(self) -> bool:
        """True when nobody but me is on the map (organisations alone make no network)."""
        return not any(node.kind == "person" for node in self.nodes)

    @property
    def people_count(self) -> int:
        return sum(1 for node in self.nodes if node.kind == "person")

    def default_title(self) -> str:
        return f"{self.owner_name}'s network" if self.owner_name else "My network"


def build_scene(
    snapshot: NetworkSnapshot,
    positions: Mapping[str, Point],
    visible: Rect | None = None,
    colours: Mapping[str, str] | None = None,
    legend: tuple[tuple[str, str], ...] = (),
) -> MapScene:
    """Place `snapshot` at `positions`; with `visible`, keep only what lies in that area.

    `positions` and `visible` are in the map view's coordinates, where y points up (as in
    pyqtgraph); paper has y pointing down, so the scene flips them. Nodes without a position
    are left out (the layout had not reached them); an edge is kept when both ends are.
    `colours` and `legend` carry the map's colouring when it is not by circle.
    """
    owner = next((n.label for n in snapshot.nodes if n.kind == "me"), "")
    page_area = None
    if visible is not None:
        page_area = Rect(visible.x, -visible.bottom, visible.width, visible.height)
    nodes: list[SceneNode] = []
    index: dict[str, int] = {}
    for node in snapshot.nodes:
        given = positions.get(node.key)
        if given is None:
            continue
        position = (float(given[0]), -float(given[1]))
        if page_area is not None and not page_area.contains(position):
            continue
        index[node.key] = len(nodes)
        nodes.append(
            SceneNode(
                key=node.key,
                kind=node.kind,
                label=node.label,
                circle=node.circle,
                organization=node.organization,
                position=position,
                priority=_priority(node.kind, node.circle, node.strength),
                colour=colours.get(node.key) if colours is not None else None,
            )
        )
    edges = tuple(
        SceneEdge(index[edge.a], index[edge.b], edge.kind)
        for edge in snapshot.edges
        if edge.a in index and edge.b in index and edge.a != edge.b
    )
    bounds = page_area if page_area is not None else _bounds(nodes)
    return MapScene(tuple(nodes), edges, bounds, owner, legend if colours is not None else ())


def _priority(kind: str, circle: Circle | None, strength: int) -> int:
    """Who gets a name first when space runs out: me, organisations, then the closest."""
    if kind == "me":
        return 0
    if kind == "organization":
        return 1
    rank = circle.rank if circle is not None else 5
    return 10 + rank * 10 - min(max(strength, 0), 9)


def _bounds(nodes: list[SceneNode]) -> Rect:
    if not nodes:
        return Rect(-1.0, -1.0, 2.0, 2.0)
    xs = [n.position[0] for n in nodes]
    ys = [n.position[1] for n in nodes]
    left, top = min(xs), min(ys)
    width, height = max(xs) - left, max(ys) - top
    # A single node or a straight line still needs an area to centre in.
    span = max(width, height, 1e-9)
    if width < span * 0.05:
        left, width = left - span * 0.025 - 0.5, width + span * 0.05 + 1.0
    if height < span * 0.05:
        top, height = top - span * 0.025 - 0.5, height + span * 0.05 + 1.0
    return Rect(left, top, width, height)
