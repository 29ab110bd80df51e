"""The map's look: colours, sizes, symbols and legend per choice (pure functions)."""

from __future__ import annotations

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import MapEdge, MapNode, NetworkSnapshot
from desktop_app.ui.map.map_style import (
    CIRCLE_COLOURS,
    GOAL_COLOUR,
    NONE,
    goal_members,
    label_priority,
    node_style,
)

SNAPSHOT = NetworkSnapshot(
    (
        MapNode("me", "me", "Me", strength=5),
        MapNode("p:1", "person", "Ann", Circle.INNER, ("mentor",), "Acme", strength=5),
        MapNode("p:2", "person", "Bo", Circle.FAMILIAR, (), "Acme", strength=2),
        MapNode("p:3", "person", "Cy", None, ("design",), "", strength=0),
        MapNode("o:1", "organization", "Acme", organization="Acme"),
    ),
    (
        MapEdge("me", "p:1", "relationship", 5),
        MapEdge("p:1", "o:1", "current_job"),
        MapEdge("p:2", "o:1", "current_job"),
        MapEdge("p:3", "o:1", "past_job"),
    ),
)


def test_colour_by_circle_with_its_legend() -> None:
    style = node_style(SNAPSHOT, "circle")
    assert style.colours[1] == CIRCLE_COLOURS[Circle.INNER]
    assert style.colours[3] == NONE
    assert [e.label for e in style.legend][:4] == [c.label for c in Circle]
    assert style.symbols == ("star", "o", "o", "o", "s")


def test_colour_by_organisation_and_tag_share_a_palette_colour_per_name() -> None:
    by_org = node_style(SNAPSHOT, "organization")
    assert by_org.colours[1] == by_org.colours[2] == by_org.colours[4]
    assert by_org.legend[0].label == "Acme"
    by_tag = node_style(SNAPSHOT, "tag")
    assert by_tag.colours[1] != by_tag.colours[2]
    assert {e.label for e in by_tag.legend} >= {"mentor", "design", "No tag"}


def test_colour_by_goal_marks_its_people_organisations_and_staff() -> None:
    keys = goal_members(SNAPSHOT, people=(), organizations=(1,))
    assert keys == {"o:1", "p:1", "p:2", "p:3"}
    style = node_style(SNAPSHOT, "goal", goal_keys=keys, goal_title="Join Acme")
    assert style.colours[1] == GOAL_COLOUR
    assert style.legend[0].label == "Serves Join Acme"


def test_sizes_follow_strength_or_links_and_me_wins_labels() -> None:
    by_strength = node_style(SNAPSHOT, size_by="strength").sizes
    assert by_strength[1] > by_strength[2] > by_strength[3]
    by_degree = node_style(SNAPSHOT, size_by="degree").sizes
    assert by_degree[1] > by_degree[3]
    priority = label_priority(SNAPSHOT)
    assert priority[0] == max(priority)


def test_tag_and_organisation_colours_rank_over_the_whole_network_not_the_shown_part() -> None:
    from desktop_app.services.map.network_graph import NameCounts

    counts = NameCounts({"mentor": 1, "design": 5}, {"Acme": 2, "Bolt": 9})
    everyone = node_style(SNAPSHOT, "tag", counts=counts)
    shown = NetworkSnapshot(tuple(n for n in SNAPSHOT.nodes if n.key != "p:3"), ())
    filtered = node_style(shown, "tag", counts=counts)
    mentor = {e.label: e.colour for e in everyone.legend}["mentor"]
    assert {e.label: e.colour for e in filtered.legend}["mentor"] == mentor
    assert "design" not in {e.label for e in filtered.legend}  # nobody shown has it
    assert node_style(shown, "tag").legend[0].colour != mentor  # counted alone it would move
    by_org = node_style(SNAPSHOT, "organization", counts=counts)
    assert [e.label for e in by_org.legend][:1] == ["Acme"]
    assert by_org.legend[0].colour != node_style(SNAPSHOT, "organization").legend[0].colour
