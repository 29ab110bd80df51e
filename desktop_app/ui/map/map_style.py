"""How the network map looks: node colours, sizes and symbols, and the legend they make.

Pure functions of a snapshot and a choice ("colour by circle"…), so the canvas, the legend
and the tests share one truth. Colours are the Tableau 10 palette, readable in light and
dark themes and distinguishable by most colour-blind readers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from desktop_app.domain.cadence import CheckInState
from desktop_app.domain.enums import Circle
from desktop_app.services.map.communities import Communities
from desktop_app.services.map.network_graph import NameCounts, NetworkSnapshot
from desktop_app.ui.common.check_in_colours import state_hex

PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
)
OTHER = "#BAB0AC"
NONE = "#D9D4D1"
ME_COLOUR = "#1F3A5F"
ORGANIZATION_COLOUR = "#6B6B6B"
GOAL_COLOUR = "#E15759"
CIRCLE_COLOURS = {
    Circle.INNER: "#E15759",
    Circle.CLOSE: "#F28E2B",
    Circle.FAMILIAR: "#4E79A7",
    Circle.ACQUAINTANCE: "#76B7B2",
}
COLOUR_MODES = ("circle", "organization", "tag", "goal", "check_in", "community")
CHECK_IN_STATES = (CheckInState.ON_TRACK, CheckInState.DUE, CheckInState.OVERDUE)
SIZE_MODES = ("strength", "degree")


@dataclass(frozen=True, slots=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """Per-node colours, sizes (pixels) and symbols, in snapshot order."""

    colours: tuple[str, ...]
    sizes: tuple[float, ...]
    symbols: tuple[str, ...]
    legend: tuple[LegendEntry, ...]


def node_style(
    snapshot: NetworkSnapshot,
    colour_by: str = "circle",
    size_by: str = "strength",
    goal_keys: Collection[str] = (),
    goal_title: str = "",
    check_in: Mapping[str, CheckInState] | None = None,
    counts: NameCounts | None = None,
    communities: Communities | None = None,
) -> NodeStyle:
    """The look of every node; `goal_keys` are the nodes serving the goal (colour by goal),
    `check_in` each person's keep-in-touch state by node key (colour by check-in).

    `counts` ranks tags and organisations for their colours over the whole network, so a
    name keeps its colour whatever a filter hides; without it, the snapshot is counted.
    `communities` (services.map.communities) colour each community, largest first."""
    degree: Counter[str] = Counter()
    for edge in snapshot.edges:
        degree[edge.a] += 1
        degree[edge.b] += 1
    if colour_by == "check_in":
        colours, legend = _check_in_colours(snapshot, check_in or {})
    elif colour_by == "community":
        colours, legend = _community_colours(snapshot, communities or Communities())
    else:
        colours, legend = _colours(snapshot, colour_by, set(goal_keys), goal_title, counts)
    sizes = tuple(
        _size(node.kind, node.strength, degree[node.key], size_by) for node in snapshot.nodes
    )
    symbols = tuple(
        {"me": "star", "organization": "s", "group": "t", "event": "d"}.get(node.kind, "o")
        for node in snapshot.nodes
    )
    colours, legend = _with_group_and_event_colours(snapshot, colours, legend)
    return NodeStyle(colours, sizes, symbols, legend)


GROUP_COLOUR = "#B07AA1"
EVENT_COLOUR = "#EDC948"
_KIND_COLOURS = {"group": (GROUP_COLOUR, "Group"), "event": (EVENT_COLOUR, "Event")}


def _with_group_and_event_colours(
    snapshot: NetworkSnapshot, colours: tuple[str, ...], legend: tuple[LegendEntry, ...]
) -> tuple[tuple[str, ...], tuple[LegendEntry, ...]]:
    """Groups and events keep their own colour in every colour mode, with a legend entry
    when the map shows any."""
    kinds = [node.kind for node in snapshot.nodes]
    colours = tuple(
        _KIND_COLOURS[kind][0] if kind in _KIND_COLOURS else colour
        for kind, colour in zip(kinds, colours, strict=True)
    )
    extra = tuple(LegendEntry(*_KIND_COLOURS[k]) for k in ("group", "event") if k in kinds)
    return colours, legend + extra


def _size(kind: str, strength: int, degree: int, size_by: str) -> float:
    if kind == "me":
        return 22.0
    if kind == "organization":
        return min(30.0, 9.0 + 2.0 * math.sqrt(degree))
    if kind in ("group", "event"):
        return min(26.0, 14.0 + 1.5 * math.sqrt(degree))
    if size_by == "degree":
        return min(24.0, 6.0 + 3.0 * math.sqrt(degree))
    return 6.0 + 2.0 * strength


def _colours(
    snapshot: NetworkSnapshot,
    colour_by: str,
    goal_keys: set[str],
    goal_title: str,
    everyone: NameCounts | None,
) -> tuple[tuple[str, ...], tuple[LegendEntry, ...]]:
    nodes = snapshot.nodes
    if colour_by == "organization":
        counts = Counter(n.organization for n in nodes if n.kind == "person" and n.organization)
        top = _top_colours(counts, everyone.organizations if everyone else None)
        colours = tuple(
            ME_COLOUR
            if n.kind == "me"
            else top.get(n.organization, OTHER if n.organization else NONE)
            for n in nodes
        )
        entries = [LegendEntry(c, name) for name, c in top.items()]
        entries += [LegendEntry(OTHER, "Other organisations"), LegendEntry(NONE, "No current job")]
        return colours, tuple(entries)
    if colour_by == "tag":
        counts = Counter(tag for n in nodes for tag in n.tags)
        top = _top_colours(counts, everyone.tags if everyone else None)
        colours = tuple(
            ME_COLOUR
            if n.kind == "me"
            else ORGANIZATION_COLOUR
            if n.kind == "organization"
            else next((top[t] for t in n.tags if t in top), OTHER if n.tags else NONE)
            for n in nodes
        )
        entries = [LegendEntry(c, name) for name, c in top.items()]
        entries += [LegendEntry(OTHER, "Other tags"), LegendEntry(NONE, "No tag")]
        return colours, tuple(entries)
    if colour_by == "goal":
        colours = tuple(
            ME_COLOUR if n.kind == "me" else GOAL_COLOUR if n.key in goal_keys else NONE
            for n in nodes
        )
        title = goal_title or "the goal"
        legend: tuple[LegendEntry, ...] = (
            LegendEntry(GOAL_COLOUR, f"Serves {title}"),
            LegendEntry(NONE, "Not linked to it"),
        )
        return colours, legend
    colours = tuple(
        ME_COLOUR
        if n.kind == "me"
        else ORGANIZATION_COLOUR
        if n.kind == "organization"
        else CIRCLE_COLOURS.get(n.circle, NONE)  # type: ignore[arg-type]
        for n in nodes
    )
    legend = (
        *(LegendEntry(CIRCLE_COLOURS[c], c.label) for c in Circle),
        LegendEntry(NONE, "No circle"),
        LegendEntry(ORGANIZATION_COLOUR, "Organisation"),
    )
    return colours, legend


def _check_in_colours(
    snapshot: NetworkSnapshot, states: Mapping[str, CheckInState]
) -> tuple[tuple[str, ...], tuple[LegendEntry, ...]]:
    """On track, due, overdue: the same colours as the Due list and the detail panel."""

    def colour(kind: str, key: str) -> str:
        if kind == "me":
            return ME_COLOUR
        if kind == "organization":
            return ORGANIZATION_COLOUR
        return state_hex(states.get(key, CheckInState.NONE)) or NONE

    colours = tuple(colour(n.kind, n.key) for n in snapshot.nodes)
    legend = (
        *(LegendEntry(state_hex(s) or NONE, s.label) for s in CHECK_IN_STATES),
        LegendEntry(NONE, "No rhythm"),
        LegendEntry(ORGANIZATION_COLOUR, "Organisation"),
    )
    return colours, legend


def _community_colours(
    snapshot: NetworkSnapshot, found: Communities
) -> tuple[tuple[str, ...], tuple[LegendEntry, ...]]:
    """The nine largest communities a colour each (by their number, so the same network
    always gets the same colours); smaller ones share grey."""

    def colour(key: str, kind: str) -> str:
        if kind == "me":
            return ME_COLOUR
        number = found.of(key)
        if number is None:
            return NONE
        return PALETTE[number] if number < len(PALETTE) else OTHER

    colours = tuple(colour(n.key, n.kind) for n in snapshot.nodes)
    named = {c.number: c for c in found.communities}
    entries = [
        LegendEntry(PALETTE[number], f"{named[number].name} ({named[number].size})")
        for number in range(len(PALETTE))
        if number in named
    ]
    entries += [LegendEntry(OTHER, "Smaller communities"), LegendEntry(NONE, "Not linked")]
    return colours, tuple(entries)


def _top_colours(shown: Counter[str], everyone: Mapping[str, int] | None) -> dict[str, str]:
    """The most frequent names, each with its own palette colour, of those `shown`.

    Ranked over `everyone` when given (the whole network), so hiding people with a filter
    never hands a name another colour."""
    ranking = dict(shown) if everyone is None else dict(everyone)
    ranked = sorted(ranking.items(), key=lambda item: (-item[1], item[0].casefold()))
    top = {name: PALETTE[i] for i, (name, _) in enumerate(ranked[: len(PALETTE)])}
    return {name: colour for name, colour in top.items() if name in shown}


def label_priority(snapshot: NetworkSnapshot) -> tuple[float, ...]:
    """Which labels win when there is no room for all: me, strong ties, big organisations."""
    degree: Counter[str] = Counter()
    for edge in snapshot.edges:
        degree[edge.a] += 1
        degree[edge.b] += 1
    result = []
    for node in snapshot.nodes:
        if node.kind == "me":
            result.append(1e9)
        elif node.kind == "organization":
            result.append(50.0 + degree[node.key])
        elif node.kind in ("group", "event"):  # few, and named nowhere else on the map
            result.append(60.0 + degree[node.key])
        else:
            result.append(10.0 * node.strength + min(degree[node.key], 9))
    return tuple(result)


def goal_members(
    snapshot: NetworkSnapshot, people: Collection[int], organizations: Collection[int]
) -> set[str]:
    """Node keys serving a goal: its people, its organisations and their staff."""
    org_keys = {f"o:{oid}" for oid in organizations}
    keys = {f"p:{pid}" for pid in people} | org_keys
    for edge in snapshot.edges:
        if edge.kind != "relationship" and edge.b in org_keys:
            keys.add(edge.a)
    present = {n.key for n in snapshot.nodes}
    return keys & present


def edge_widths(strength: int) -> float:
    """Pixels: 1 for weak ties up to 2.5 for the strongest."""
    return (1.0, 1.0, 1.0, 1.5, 2.0, 2.5)[max(0, min(5, strength))]
