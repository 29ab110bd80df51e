"""The network map's data: people, organisations and their links as plain values.

`load_network` reads the database once and builds a `NetworkSnapshot` that the map view,
the layouts, the path finder and the printed map all draw from. Odd rows are tolerated:
ties to people who no longer exist, ties of a person to themself and the same pair stored
twice (both directions, several kinds) become at most one edge, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.domain.enums import Circle
from desktop_app.storage.database import Database
from desktop_app.storage.network_queries import (
    NetworkRows,
    PersonRow,
    read_filter_choices,
    read_goal_members,
    read_name_counts,
    read_network_rows,
    read_photos,
)

ME = "me"
NODE_KINDS = ("me", "person", "organization", "group", "event")
EDGE_KINDS = ("relationship", "current_job", "past_job", "member", "attended")
MAX_STRENGTH = 5


def person_key(person_id: int) -> str:
    return f"p:{person_id}"


def organization_key(organization_id: int) -> str:
    return f"o:{organization_id}"


def group_key(group_id: int) -> str:
    return f"g:{group_id}"


def event_key(event_id: int) -> str:
    return f"e:{event_id}"


_KEY_KINDS = {"p": "person", "o": "organization", "g": "group", "e": "event"}


def parse_key(key: str) -> tuple[str, int | None]:
    """('me', None), or (kind, id) for a person, organisation, group or event node key."""
    if key == ME:
        return "me", None
    prefix, _, number = key.partition(":")
    if prefix in _KEY_KINDS and number.isdigit():
        return _KEY_KINDS[prefix], int(number)
    raise ValueError(f"not a map node key: {key!r}")


@dataclass(frozen=True, slots=True)
class MapNode:
    key: str  # 'me', 'p:<person id>', 'o:<organization id>'
    kind: str  # 'me' | 'person' | 'organization'
    label: str
    circle: Circle | None = None
    tags: tuple[str, ...] = ()
    organization: str = ""  # current organisation name, for colouring
    strength: int = 0  # strongest tie to me, 0..5
    has_photo: bool = False


@dataclass(frozen=True, slots=True)
class MapEdge:
    a: str
    b: str
    kind: str  # 'relationship' | 'current_job' | 'past_job'
    strength: int = 1


@dataclass(frozen=True, slots=True)
class MapFilters:
    """What the map shows. An empty set means "no restriction" for that criterion.

    Me is always shown. `goal_id` keeps the goal's people and organisations and the
    organisations' staff; `organization_ids` keeps those organisations and their staff.
    `min_strength` hides weaker relationship edges, and the people left without any link.
    """

    circles: frozenset[Circle] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)
    goal_id: int | None = None
    organization_ids: frozenset[int] = field(default_factory=frozenset)
    show_past_employment: bool = True
    min_strength: int = 1
    show_groups: bool = False  # groups as nodes, linked to their shown current members
    show_events: bool = False  # events as nodes, linked to who went or is going

    @property
    def is_default(self) -> bool:
        return self == MapFilters()


@dataclass(frozen=True, slots=True)
class NetworkSnapshot:
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]

    def node(self, key: str) -> MapNode | None:
        for node in self.nodes:
            if node.key == key:
                return node
        return None

    @property
    def is_empty(self) -> bool:
        """True when there is nobody but (perhaps) me."""
        return all(node.kind == "me" for node in self.nodes)


def load_network(db: Database, filters: MapFilters | None = None) -> NetworkSnapshot:
    """The map's nodes and edges, read in one transaction and filtered."""
    filters = filters or MapFilters()
    with db.transaction() as session:
        rows = read_network_rows(session)
        goal = read_goal_members(session, filters.goal_id) if filters.goal_id is not None else None
        snapshot = build_snapshot(rows, filters, goal)
        if filters.show_groups or filters.show_events:
            from desktop_app.storage import events_repository as er

            me_id = next((p.id for p in rows.people if p.is_me), None)
            groups = er.map_groups(session) if filters.show_groups else []
            events = er.map_events(session) if filters.show_events else []
            snapshot = with_groups_and_events(snapshot, me_id, groups, events)
    return snapshot


MapGroup = tuple[int, str, bool, tuple[int, ...]]  # id, name, I am a member, current members
MapEvent = tuple[int, str, tuple[int, ...]]  # id, title, people going or met


def with_groups_and_events(
    snapshot: NetworkSnapshot,
    me_id: int | None,
    groups: Iterable[MapGroup],
    events: Iterable[MapEvent],
) -> NetworkSnapshot:
    """`snapshot` with a node per group and event that links to someone shown (me
    included for a group I belong to), drawn apart from people and organisations."""
    shown = {node.key for node in snapshot.nodes}
    nodes, edges = list(snapshot.nodes), list(snapshot.edges)

    def key_of(person_id: int) -> str:
        return ME if person_id == me_id else person_key(person_id)

    for group_id, name, mine, members in groups:
        linked = [key_of(pid) for pid in members if key_of(pid) in shown]
        if mine and ME in shown:
            linked.insert(0, ME)
        if linked:
            nodes.append(MapNode(group_key(group_id), "group", name or "(no name)"))
            edges.extend(MapEdge(k, group_key(group_id), "member") for k in dict.fromkeys(linked))
    for event_id, title, people in events:
        linked = [key_of(pid) for pid in people if key_of(pid) in shown]
        if linked:
            nodes.append(MapNode(event_key(event_id), "event", title or "(no title)"))
            edges.extend(MapEdge(k, event_key(event_id), "attended") for k in dict.fromkeys(linked))
    return NetworkSnapshot(tuple(nodes), tuple(edges))


def build_snapshot(
    rows: NetworkRows,
    filters: MapFilters | None = None,
    goal: tuple[set[int], set[int]] | None = None,
) -> NetworkSnapshot:
    """The snapshot for `rows` (see `load_network`); `goal` is (people, organisations)."""
    filters = filters or MapFilters()
    me_id = next((p.id for p in rows.people if p.is_me), None)
    keys = {p.id: (ME if p.id == me_id else person_key(p.id)) for p in rows.people}

    strength_to_me: dict[int, int] = {}
    pair_strength: dict[tuple[int, int], int] = {}
    for rel in rows.relationships:
        if rel.a_id == rel.b_id or rel.a_id not in keys or rel.b_id not in keys:
            continue
        strength = _clamp_strength(rel.strength)
        pair = (min(rel.a_id, rel.b_id), max(rel.a_id, rel.b_id))
        pair_strength[pair] = max(pair_strength.get(pair, 0), strength)
        if me_id in pair:
            other = pair[1] if pair[0] == me_id else pair[0]
            strength_to_me[other] = max(strength_to_me.get(other, 0), strength)

    jobs: dict[tuple[int, int], bool] = {}  # (person, organisation) -> current
    current_org: dict[int, str] = {}
    for job in rows.employment:
        if job.person_id not in keys or job.organization_id not in rows.organizations:
            continue
        pair = (job.person_id, job.organization_id)
        jobs[pair] = jobs.get(pair, False) or job.current
        if job.current and job.person_id not in current_org:
            current_org[job.person_id] = rows.organizations[job.organization_id]

    # Which people and organisations pass the filters.
    kept_people = {p.id for p in rows.people if p.id == me_id or _person_passes(p, rows, filters)}
    forced_orgs: set[int] = set()
    if filters.organization_ids:
        forced_orgs |= filters.organization_ids & rows.organizations.keys()
        staff = {
            pid
            for (pid, oid), current in jobs.items()
            if oid in forced_orgs and (current or filters.show_past_employment)
        }
        kept_people &= staff | {me_id}
    if goal is not None:
        goal_people, goal_orgs = goal
        goal_orgs = goal_orgs & rows.organizations.keys()
        forced_orgs = (forced_orgs & goal_orgs) if filters.organization_ids else goal_orgs
        staff = {
            pid
            for (pid, oid), current in jobs.items()
            if oid in goal_orgs and (current or filters.show_past_employment)
        }
        kept_people &= goal_people | staff | {me_id}

    edges: list[MapEdge] = []
    linked: set[int] = set()
    dropped_by_strength: set[int] = set()
    for (a, b), strength in sorted(pair_strength.items()):
        if a not in kept_people or b not in kept_people:
            continue
        if strength < filters.min_strength:
            dropped_by_strength.update((a, b))
            continue
        edges.append(MapEdge(keys[a], keys[b], "relationship", strength))
        linked.update((a, b))
    shown_orgs: set[int] = set(forced_orgs)
    job_edges: list[MapEdge] = []
    for (pid, oid), current in sorted(jobs.items()):
        if pid not in kept_people or (not current and not filters.show_past_employment):
            continue
        if filters.organization_ids and oid not in filters.organization_ids:
            continue
        job_edges.append(
            MapEdge(keys[pid], organization_key(oid), "current_job" if current else "past_job")
        )
        shown_orgs.add(oid)
        linked.add(pid)
    edges.extend(job_edges)

    # Hide people the strength filter cut off entirely (never me).
    hidden = dropped_by_strength - linked - {me_id}
    nodes: list[MapNode] = []
    people = sorted(rows.people, key=lambda p: (p.id != me_id, p.id))
    for person in people:
        if person.id not in kept_people or person.id in hidden:
            continue
        nodes.append(
            MapNode(
                key=keys[person.id],
                kind="me" if person.id == me_id else "person",
                label=person.name or ("Me" if person.id == me_id else "(no name)"),
                circle=_circle(person.circle),
                tags=rows.tags.get(person.id, ()),
                organization=current_org.get(person.id, ""),
                strength=MAX_STRENGTH if person.id == me_id else strength_to_me.get(person.id, 0),
                has_photo=person.has_photo,
            )
        )
    for oid in sorted(shown_orgs):
        nodes.append(
            MapNode(
                key=organization_key(oid),
                kind="organization",
                label=rows.organizations[oid] or "(no name)",
                organization=rows.organizations[oid],
            )
        )
    return NetworkSnapshot(tuple(nodes), tuple(edges))


def _person_passes(person: PersonRow, rows: NetworkRows, filters: MapFilters) -> bool:
    if filters.circles and _circle(person.circle) not in filters.circles:
        return False
    return not (filters.tags and not filters.tags.intersection(rows.tags.get(person.id, ())))


def _circle(value: str | None) -> Circle | None:
    try:
        return Circle(value) if value else None
    except ValueError:
        return None


def _clamp_strength(value: int | None) -> int:
    if value is None:
        return 1
    return max(1, min(MAX_STRENGTH, int(value)))


def neighbours(snapshot: NetworkSnapshot) -> dict[str, set[str]]:
    """Adjacency of the snapshot's edges, by node key."""
    adjacency: dict[str, set[str]] = {node.key: set() for node in snapshot.nodes}
    for edge in snapshot.edges:
        adjacency.setdefault(edge.a, set()).add(edge.b)
        adjacency.setdefault(edge.b, set()).add(edge.a)
    return adjacency


def filter_choices(db: Database) -> tuple[list[str], list[tuple[int, str]]]:
    """Tags and organisations the map's filters offer."""
    with db.transaction() as session:
        return read_filter_choices(session)


def goal_links(db: Database, goal_id: int) -> tuple[set[int], set[int]]:
    """(people ids, organisation ids) a goal names."""
    with db.transaction() as session:
        return read_goal_members(session, goal_id)


def photos(db: Database, keys: Iterable[str]) -> dict[str, bytes]:
    """Photo bytes by node key, for the people among `keys` who have one."""
    ids = {}
    for key in keys:
        kind, number = parse_key(key)
        if kind == "person" and number is not None:
            ids[number] = key
    with db.transaction() as session:
        found = read_photos(session, ids)
    return {ids[pid]: data for pid, data in found.items()}


@dataclass(frozen=True, slots=True)
class NameCounts:
    """People per tag and per organisation (current jobs) over the whole network."""

    tags: dict[str, int] = field(default_factory=dict)
    organizations: dict[str, int] = field(default_factory=dict)


def name_counts(db: Database) -> NameCounts:
    """What the map's colours are ranked by, whatever the filters show (see map_style)."""
    with db.transaction() as session:
        return NameCounts(*read_name_counts(session))
