from __future__ import annotations

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot
from desktop_app.services.printing.scene import Rect, build_scene

SNAPSHOT = NetworkSnapshot(
    nodes=(
        MapNode("me", "me", "Robin Ade"),
        MapNode("p:1", "person", "Kim Lee", Circle.INNER, organization="Acme", strength=4),
        MapNode("p:2", "person", "Sam Roe", Circle.ACQUAINTANCE),
        MapNode("o:1", "organization", "Acme"),
        MapNode("p:3", "person", "Not Placed"),
    ),
    edges=(
        MapEdge("me", "p:1", "relationship", 4),
        MapEdge("p:1", "o:1", "current_job"),
        MapEdge("p:2", "o:1", "past_job"),
        MapEdge("p:3", "me", "relationship"),
    ),
)
POSITIONS = {"me": (0.0, 0.0), "p:1": (1.0, 2.0), "p:2": (-3.0, -1.0), "o:1": (2.0, 1.0)}


def test_the_scene_keeps_placed_nodes_and_the_edges_between_them() -> None:
    scene = build_scene(SNAPSHOT, POSITIONS)
    assert [n.key for n in scene.nodes] == ["me", "p:1", "p:2", "o:1"]
    kinds = sorted(e.kind for e in scene.edges)
    assert kinds == ["current_job", "past_job", "relationship"]
    assert scene.default_title() == "Robin Ade's network"
    assert scene.people_count == 2
    assert not scene.is_empty
    assert scene.nodes[1].organization == "Acme"


def test_the_map_is_flipped_so_up_on_screen_is_up_on_paper() -> None:
    scene = build_scene(SNAPSHOT, POSITIONS)
    kim = scene.nodes[1]
    assert kim.position == (1.0, -2.0)
    assert scene.bounds == Rect(-3.0, -2.0, 5.0, 3.0)


def test_me_and_organisations_are_named_before_people_and_close_before_far() -> None:
    scene = build_scene(SNAPSHOT, POSITIONS)
    me, kim, sam, acme = scene.nodes
    assert me.priority < acme.priority < kim.priority < sam.priority


def test_the_current_view_keeps_only_what_it_shows() -> None:
    visible = Rect(-0.5, -0.5, 3.0, 3.0)  # screen coordinates, y up: x -0.5..2.5, y -0.5..2.5
    scene = build_scene(SNAPSHOT, POSITIONS, visible)
    assert [n.key for n in scene.nodes] == ["me", "p:1", "o:1"]
    assert scene.bounds == Rect(-0.5, -2.5, 3.0, 3.0)


def test_only_me_is_an_empty_map() -> None:
    scene = build_scene(NetworkSnapshot((MapNode("me", "me", "Robin Ade"),), ()), POSITIONS)
    assert scene.is_empty
    assert build_scene(NetworkSnapshot((), ()), {}).default_title() == "My network"


def test_organisations_without_people_are_still_an_empty_network() -> None:
    nodes = (MapNode("me", "me", "Robin Ade"), MapNode("o:1", "organization", "Acme"))
    assert build_scene(NetworkSnapshot(nodes, ()), POSITIONS).is_empty


def test_the_maps_colouring_comes_along_with_its_legend() -> None:
    colours = {"p:1": "#4E79A7", "o:1": "#59A14F"}
    legend = (("#4E79A7", "Acme"),)
    scene = build_scene(SNAPSHOT, POSITIONS, None, colours, legend)
    assert [n.colour for n in scene.nodes] == [None, "#4E79A7", None, "#59A14F"]
    assert scene.legend == legend
    assert build_scene(SNAPSHOT, POSITIONS, legend=legend).legend == ()
