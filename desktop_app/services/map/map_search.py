"""Finding a person or an organisation of the map by name.

The map's search box, the path finder's target box and `trellis path --to` match the same
way: a whole name (any case) first, else every name containing the text. Two people who
share a name stay two targets, each with a label of its own ("Ana Lee (Acme)").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.services.map.network_graph import MapNode


@dataclass(frozen=True, slots=True)
class MapTarget:
    """A node one can search for: `label` is its name, told apart when others share it."""

    key: str
    name: str
    label: str
    kind: str  # 'me' | 'person' | 'organization'


def map_targets(nodes: Iterable[MapNode], *, include_me: bool = False) -> list[MapTarget]:
    """The searchable nodes in the given order, each with a label no other target has.

    A shared name gets the person's organisation or "organisation" after it; when that is
    still shared (two Ana Lees at Acme), the node key tells them apart.
    """
    chosen = [node for node in nodes if include_me or node.kind != "me"]
    by_name: dict[str, list[MapNode]] = defaultdict(list)
    for node in chosen:
        by_name[node.label.casefold()].append(node)
    labels = {}
    for node in chosen:
        labels[node.key] = (
            node.label if len(by_name[node.label.casefold()]) == 1 else _told_apart(node)
        )
    counts: dict[str, int] = defaultdict(int)
    for label in labels.values():
        counts[label.casefold()] += 1
    for node in chosen:
        label = labels[node.key]
        if counts[label.casefold()] > 1:
            labels[node.key] = f"{label[:-1]}, {node.key})" if label.endswith(")") else label
    return [MapTarget(node.key, node.label, labels[node.key], node.kind) for node in chosen]


def match_targets(targets: Sequence[MapTarget], text: str) -> list[MapTarget]:
    """The targets `text` names: everyone with that name (any case), else the one with that
    label ("Ana Lee (Acme)"), else every target whose label contains it; empty if none."""
    folded = text.strip().casefold()
    if not folded:
        return []
    named = [t for t in targets if t.name.casefold() == folded]
    if named:
        return named
    labelled = [t for t in targets if t.label.casefold() == folded]
    if labelled:
        return labelled
    return [t for t in targets if folded in t.label.casefold()]


def _told_apart(node: MapNode) -> str:
    if node.kind == "organization":
        return f"{node.label} (organisation)"
    if node.kind == "me":
        return f"{node.label} (me)"
    return f"{node.label} ({node.organization or node.key})"
