"""Warm introductions: who can introduce me to this person, or to someone at this place?

The network becomes a weighted graph (networkx): people and organisations are nodes; a tie
costs less the stronger it is; my own ties cost more the longer ago we last spoke; a job
links a person to an organisation, a past job more loosely, so former colleagues count.
Paths are ranked by cost, one per introducer (the first person I would ask), and read as
text: "You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind".
I am the start of every path and never a step inside one: an organisation I work or worked
at answers first as "You → Acme (I work there)" (degree 0), never as a bridge to its staff.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.services.map.map_search import MapTarget, map_targets
from desktop_app.services.map.network_graph import (
    ME,
    MapEdge,
    MapFilters,
    NetworkSnapshot,
    build_snapshot,
    organization_key,
    parse_key,
    person_key,
)
from desktop_app.storage.database import Database
from desktop_app.storage.network_queries import (
    read_goal_members,
    read_last_contacts,
    read_network_rows,
)

if TYPE_CHECKING:
    import networkx as nx

CURRENT_JOB_COST = 1.5  # two current colleagues: 3.0, about a medium tie
PAST_JOB_COST = 2.5  # two former colleagues: 5.0, about a very weak tie
STRENGTH_WORDS = {5: "very strong", 4: "strong", 3: "medium", 2: "weak", 1: "very weak"}


@dataclass(frozen=True, slots=True)
class IntroPath:
    """One way to reach a target, from me; `keys` are map node keys, me first."""

    keys: tuple[str, ...]
    cost: float
    text: str
    introducer: str  # the first person on the way, whom I would ask ("": my own workplace)

    @property
    def people_between(self) -> int:
        """How many people stand between me and the target (0: I know them)."""
        return sum(1 for k in self.keys[1:-1] if not k.startswith("o:"))


@dataclass(frozen=True, slots=True)
class OrganizationReach:
    """How far a (goal) organisation is: 0 when I work there, 1 when I know someone there…"""

    key: str
    name: str
    degree: int | None  # None: nobody in my network leads there
    best: IntroPath | None


def tie_cost(strength: int) -> float:
    """1.0 for the strongest tie, 5.0 for the weakest."""
    return 1.0 + (5 - max(1, min(5, strength)))


def recency_factor(last: date | None, today: date) -> float:
    """How much a silence makes asking harder: ×1 within a month, up to ×2 after a year."""
    if last is None:
        return 2.0
    days = max(0, (today - last).days)
    if days <= 30:
        return 1.0
    return min(2.0, 1.0 + (days - 30) / 335)


def describe_recency(last: date | None, today: date) -> str:
    if last is None:
        return "no contact logged"
    days = (today - last).days
    if days <= 0:
        return "spoke today"
    if days == 1:
        return "spoke yesterday"
    if days < 14:
        return f"spoke {days} days ago"
    if days < 60:
        return f"spoke {days // 7} weeks ago"
    if days < 365:
        return f"spoke {days // 30} months ago"
    years = days // 365
    return "spoke a year ago" if years == 1 else f"spoke {years} years ago"


class PathFinder:
    """Ranked introduction paths over one snapshot of the network."""

    def __init__(
        self,
        snapshot: NetworkSnapshot,
        last_contacts: Mapping[int, date],
        today: date | None = None,
        organization_names: Mapping[int, str] | None = None,
        shared_groups: Mapping[int, str] | None = None,
    ) -> None:
        import networkx as nx

        self.today = today or date.today()
        self._nodes = {node.key: node for node in snapshot.nodes}
        self._last = last_contacts
        self._organization_names = dict(organization_names or {})
        self._me_ties: dict[str, int] = {}
        self._my_jobs: dict[str, str] = {}  # organisation key -> 'current_job' | 'past_job'
        # I am where every path starts, never a step in its middle: my ties are priced per
        # introducer (`first_hop_cost`) and my jobs answer "I work there" (degree 0), so
        # nothing of mine is an edge of the graph, and I am not one of its nodes.
        graph = nx.Graph()
        graph.add_nodes_from(key for key in self._nodes if key != ME)
        for edge in snapshot.edges:
            if edge.a == edge.b or edge.a not in self._nodes or edge.b not in self._nodes:
                continue
            if ME in (edge.a, edge.b):
                self._note_my_edge(edge)
                continue
            if edge.kind == "relationship":
                cost, job = tie_cost(edge.strength), ""
            else:
                cost = CURRENT_JOB_COST if edge.kind == "current_job" else PAST_JOB_COST
                job = edge.kind
            existing = graph.get_edge_data(edge.a, edge.b)
            if existing is None or existing["cost"] > cost:
                # `hops`: a tie is one step between people; a job is half of the two steps
                # person → organisation → colleague.
                hops = 1.0 if edge.kind == "relationship" else 0.5
                graph.add_edge(edge.a, edge.b, cost=cost, job=job, hops=hops)
        self._graph: nx.Graph[str] = graph
        # Whoever I have talked to (logged, or read from my mail, calendar and LinkedIn
        # history) is someone I can ask, before any tie says how well I know them: priced
        # as the weakest tie. Without this a freshly imported history leads nowhere.
        self._talked_to = {
            key
            for key in map(person_key, last_contacts)
            if key in self._nodes and key not in self._me_ties
        }
        # A group I belong to is a weak link to its members: someone I could approach
        # there, priced as the weakest tie, and said so ("Ana (both in PyData Berlin)").
        self._groups = {
            key: name
            for key, name in ((person_key(pid), n) for pid, n in (shared_groups or {}).items())
            if key in self._nodes and key not in self._me_ties
        }

    def _introducers(self) -> set[str]:
        """Everyone a path may start with: my ties and the people I have talked to."""
        return self._me_ties.keys() | self._talked_to | self._groups.keys()

    def _note_my_edge(self, edge: MapEdge) -> None:
        other = edge.b if edge.a == ME else edge.a
        if edge.kind == "relationship":
            self._me_ties[other] = max(self._me_ties.get(other, 0), edge.strength)
        elif other.startswith("o:") and self._my_jobs.get(other) != "current_job":
            self._my_jobs[other] = edge.kind

    @classmethod
    def from_database(cls, db: Database, today: date | None = None) -> PathFinder:
        """The finder over the whole network (filters would hide ways in)."""
        from desktop_app.storage.events_repository import shared_groups

        with db.transaction() as session:
            rows = read_network_rows(session)
            last = read_last_contacts(session)
            groups = dict(reversed(shared_groups(session)))  # the first group by name wins
        return cls(build_snapshot(rows, MapFilters()), last, today, rows.organizations, groups)

    def targets(self, *, include_me: bool = False) -> list[MapTarget]:
        """Everyone and every organisation one can ask for, each with a label of its own."""
        return map_targets(self._nodes.values(), include_me=include_me)

    def first_hop_cost(self, key: str) -> float:
        """The cost of asking someone I know directly."""
        weak = key in self._talked_to or key in self._groups
        strength = self._me_ties.get(key, 1 if weak else 0)
        if strength == 0:
            return math.inf
        return tie_cost(strength) * recency_factor(self._last_contact(key), self.today)

    def paths_to(self, target: str, limit: int = 5) -> list[IntroPath]:
        """The best path through each introducer, cheapest first (at most `limit`)."""
        import networkx as nx

        if target not in self._nodes or target == ME or limit < 1:
            return []
        paths = []
        if target in self._my_jobs:  # my own employer: degree 0, nobody to ask
            paths.append(self._my_workplace(target))
        # Distances from the target to everyone (I am not in the graph: never a bridge).
        costs, routes = nx.single_source_dijkstra(self._graph, target, weight="cost")
        candidates: list[tuple[float, str, list[str]]] = []
        for introducer in self._introducers():
            if introducer not in costs:
                continue
            total = self.first_hop_cost(introducer) + costs[introducer]
            candidates.append((total, self._nodes[introducer].label, routes[introducer]))
        candidates.sort(key=lambda c: (c[0], c[1]))
        for total, introducer, route in candidates[: limit - len(paths)]:
            keys = (ME, *reversed(route))
            paths.append(IntroPath(keys, round(total, 3), self.describe(keys), introducer))
        return paths

    def reach(self, organization_keys: Iterable[str]) -> list[OrganizationReach]:
        """Degrees of separation to each organisation (the fewest people on the way, 1
        when I know someone there), with the best-ranked path there."""
        import networkx as nx

        result = []
        for key in organization_keys:
            node = self._nodes.get(key)
            if node is None:  # an organisation nobody in the network works or worked at
                _, number = parse_key(key)
                if number in self._organization_names:
                    result.append(
                        OrganizationReach(key, self._organization_names[number], None, None)
                    )
                continue
            best = next(iter(self.paths_to(key, limit=1)), None)
            degree: int | None = None
            if key in self._my_jobs:
                degree = 0
            else:
                hops = nx.single_source_dijkstra_path_length(self._graph, key, weight="hops")
                reachable = [hops[k] for k in self._introducers() if k in hops]
                if reachable:
                    degree = 1 + math.floor(min(reachable))
            result.append(OrganizationReach(key, node.label, degree, best))
        return result

    def _my_workplace(self, organization: str) -> IntroPath:
        """ "You → Acme (I work there)": where I work or worked is degree 0."""
        verb = "work" if self._my_jobs[organization] == "current_job" else "worked"
        text = f"You → {self._nodes[organization].label} (I {verb} there)"
        return IntroPath((ME, organization), 0.0, text, "")

    def describe(self, keys: tuple[str, ...]) -> str:
        """ "You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind"."""
        parts = ["You"]
        target = keys[-1]
        for i, key in enumerate(keys[1:], start=1):
            node = self._nodes[key]
            if node.kind == "organization":
                continue  # said on the people either side of it
            notes: list[str] = []
            if i == 1 and key in self._groups and key not in self._talked_to:
                notes.append(f"both in {self._groups[key]}")
            elif i == 1:
                strength = self._me_ties.get(key, 0)
                talked = "no tie yet" if key in self._talked_to else "known"
                notes.append(STRENGTH_WORDS.get(strength, talked))
                notes.append(describe_recency(self._last_contact(key), self.today))
            else:
                notes.extend(self._link_note(keys[i - 1], key, keys[i - 2]))
            text = node.label + (f" ({', '.join(notes)})" if notes else "")
            before_target_org = (
                target.startswith("o:") and i + 1 < len(keys) and keys[i + 1] == target
            )
            if key == target or before_target_org:
                place = self._workplace(key, target)
                if place:
                    text += f" @ {place}"
            parts.append(text)
        return " → ".join(parts)

    def _link_note(self, before: str, key: str, before_that: str) -> list[str]:
        if before.startswith("o:"):
            jobs = (
                self._graph.edges[before_that, before]["job"],
                self._graph.edges[before, key]["job"],
            )
            word = "colleague" if jobs == ("current_job", "current_job") else "former colleague"
            return [f"{word} at {self._nodes[before].label}"]
        return []  # a plain tie between two others: the arrow says it

    def _workplace(self, person: str, target: str) -> str:
        """The organisation to name after a person: the target if it is one, else their job."""
        if target.startswith("o:") and self._graph.has_edge(person, target):
            name = self._nodes[target].label
            past = self._graph.edges[person, target]["job"] == "past_job"
            return f"{name} (formerly)" if past else name
        return self._nodes[person].organization

    def _last_contact(self, key: str) -> date | None:
        kind, number = parse_key(key)
        return self._last.get(number) if kind == "person" and number is not None else None


def paths_heading(target_label: str, paths: Sequence[IntroPath]) -> str:
    """The line above the ranked paths, as the map's path panel and `trellis path` say it."""
    if not paths:
        return f"Nobody in your network leads to {target_label} yet."
    if len(paths) == 1:
        return f"One way to {target_label}:"
    return f"{len(paths)} ways to {target_label}, best first:"


def ranked_line(rank: int, path: IntroPath) -> str:
    """ "1. You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind"."""
    return f"{rank}. {path.text}"


def goal_reach(db: Database, goal_id: int, today: date | None = None) -> list[OrganizationReach]:
    """Degrees of separation to each organisation a goal targets."""
    with db.transaction() as session:
        _, organizations = read_goal_members(session, goal_id)
    finder = PathFinder.from_database(db, today)
    return finder.reach(organization_key(oid) for oid in sorted(organizations))
