"""Reading what the map view draws, off the UI thread: the snapshot (narrowed to the closer
circles when the whole network is too big to draw), saved positions, filter choices, goals
and the names' colour ranking."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop_app.domain.enums import Circle
from desktop_app.services import goals as goal_service
from desktop_app.services.map import map_positions
from desktop_app.services.map.network_graph import (
    MapFilters,
    NameCounts,
    NetworkSnapshot,
    filter_choices,
    goal_links,
    load_network,
    name_counts,
    organization_key,
    person_key,
)
from desktop_app.ui.map.map_style import goal_members

if TYPE_CHECKING:
    from desktop_app.storage.database import Database

MAX_DRAWN_NODES = 25_000  # beyond this even the level of detail cannot help: draw a part
NARROWER = (
    frozenset({Circle.INNER, Circle.CLOSE, Circle.FAMILIAR}),
    frozenset({Circle.INNER, Circle.CLOSE}),
    frozenset({Circle.INNER}),
)


@dataclass(frozen=True, slots=True)
class LoadedMap:
    snapshot: NetworkSnapshot
    filters: MapFilters
    positions: dict[str, tuple[float, float]]
    pinned: set[str]
    tags: list[str]
    organizations: list[tuple[int, str]]
    goals: list[tuple[int, str]]
    message: str
    serves: dict[str, tuple[str, ...]]  # node key → titles of the goals it serves
    counts: NameCounts  # over the whole network: tag and organisation colours rank by it
    goal_named: frozenset[str]  # node keys a goal names itself (a big map shows them first)


def load_map(db: Database, filters: MapFilters) -> LoadedMap:
    """Everything the view needs, read off the UI thread."""
    snapshot = load_network(db, filters)
    message = ""
    if len(snapshot.nodes) > MAX_DRAWN_NODES and filters.is_default:
        total = sum(1 for n in snapshot.nodes if n.kind == "person")
        for circles in NARROWER:
            narrowed = replace(filters, circles=circles)
            snapshot = load_network(db, narrowed)
            if len(snapshot.nodes) <= MAX_DRAWN_NODES:
                break
        filters = narrowed
        shown = sum(1 for n in snapshot.nodes if n.kind == "person")
        message = (
            f"Your network has {total:,} people, too many to draw legibly: showing the "
            f"{shown:,} in your closer circles. Use the filters to choose another part."
        )
    positions, pinned = map_positions.load_positions(db)
    tags, organizations = filter_choices(db)
    goals = [(g.id, g.title) for g in goal_service.goals(db)]
    serves: dict[str, tuple[str, ...]] = {}
    named: set[str] = set()
    for goal_id, title in goals:
        goal_people, goal_orgs = goal_links(db, goal_id)
        named.update(person_key(p) for p in goal_people)
        named.update(organization_key(o) for o in goal_orgs)
        for key in goal_members(snapshot, goal_people, goal_orgs):
            serves[key] = (*serves.get(key, ()), title)
    return LoadedMap(
        snapshot,
        filters,
        positions,
        pinned,
        tags,
        organizations,
        goals,
        message,
        serves,
        name_counts(db),
        frozenset(named),
    )
