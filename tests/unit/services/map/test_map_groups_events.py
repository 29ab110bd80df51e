"""Groups and events as their own node kinds on the map, behind their own filters."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop_app.services import events
from desktop_app.services.events import EventFields, GroupFields
from desktop_app.services.map.layout import compute_layout
from desktop_app.services.map.network_graph import (
    ME,
    MapFilters,
    event_key,
    group_key,
    load_network,
    parse_key,
    person_key,
)
from desktop_app.storage.database import Database
from tests.network_builder import NetworkBuilder


def test_groups_and_events_are_nodes_only_when_their_filter_asks(
    db: Database, network: NetworkBuilder
) -> None:
    network.person("Me", me=True)
    ana, bea = network.person("Ana"), network.person("Bea")
    group, _u, _ = events.create_group(db, GroupFields("PyData Berlin", i_am_member=True))
    empty, _u, _ = events.create_group(db, GroupFields("Nobody's club"))
    events.add_member(db, group, ana)
    soon = datetime.now().replace(microsecond=0) + timedelta(days=2)
    event, _u, _ = events.create_event(db, EventFields("Meetup", soon))
    events.mark_going(db, event, bea)

    plain = load_network(db)
    assert {n.kind for n in plain.nodes} == {"me", "person"}
    both = load_network(db, MapFilters(show_groups=True, show_events=True))
    kinds = {n.key: n.kind for n in both.nodes}
    assert kinds[group_key(group)] == "group" and kinds[event_key(event)] == "event"
    assert group_key(empty) not in kinds  # links to nobody shown: left out
    edges = {(e.a, e.b, e.kind) for e in both.edges}
    assert (ME, group_key(group), "member") in edges
    assert (person_key(ana), group_key(group), "member") in edges
    assert (person_key(bea), event_key(event), "attended") in edges
    assert parse_key(group_key(group)) == ("group", group)
    assert parse_key(event_key(event)) == ("event", event)
    only_events = load_network(db, MapFilters(show_events=True))
    assert {n.kind for n in only_events.nodes} == {"me", "person", "event"}
    for layout in ("force", "radial", "organizations"):
        placed = compute_layout(both, layout)
        assert set(placed) == set(kinds), layout
