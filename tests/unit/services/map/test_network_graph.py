from __future__ import annotations

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.services.map.network_graph import (
    MapEdge,
    MapFilters,
    load_network,
    neighbours,
    organization_key,
    parse_key,
    person_key,
)
from desktop_app.storage.database import Database


@pytest.fixture
def small(network):
    """Me, Chidi (inner, strong) at Acme, Astrid (familiar) at Northwind, once at Acme."""
    ids = {
        "me": network.person("Ada Me", me=True),
        "chidi": network.person("Chidi Okafor", circle="inner", tags=("mentor",), photo=True),
        "astrid": network.person("Astrid Berg", circle="familiar", tags=("design",)),
        "loner": network.person("Lone Wolf", circle="acquaintance"),
        "acme": network.organization("Acme"),
        "north": network.organization("Northwind"),
        "empty": network.organization("Nobody Works Here"),
    }
    network.tie(ids["me"], ids["chidi"], 5)
    network.tie(ids["chidi"], ids["astrid"], 3)
    network.tie(ids["me"], ids["loner"], 1)
    network.job(ids["chidi"], ids["acme"])
    network.job(ids["astrid"], ids["north"])
    network.job(ids["astrid"], ids["acme"], current=False)
    return ids


def edge_set(snapshot):
    return {(e.a, e.b, e.kind, e.strength) for e in snapshot.edges}


def test_nodes_carry_what_the_map_draws(db: Database, small) -> None:
    snapshot = load_network(db)
    by_key = {n.key: n for n in snapshot.nodes}
    assert snapshot.nodes[0].key == "me"
    assert by_key["me"].kind == "me"
    assert by_key["me"].label == "Ada Me"
    chidi = by_key[person_key(small["chidi"])]
    assert (chidi.kind, chidi.circle, chidi.tags, chidi.organization) == (
        "person",
        Circle.INNER,
        ("mentor",),
        "Acme",
    )
    assert chidi.strength == 5
    assert chidi.has_photo
    astrid = by_key[person_key(small["astrid"])]
    assert astrid.strength == 0  # no direct tie to me
    assert astrid.organization == "Northwind"
    assert not astrid.has_photo
    assert by_key[organization_key(small["acme"])].kind == "organization"
    # An organisation nobody works or worked at is not drawn.
    assert organization_key(small["empty"]) not in by_key


def test_edges_link_people_and_their_current_and_past_employers(db: Database, small) -> None:
    snapshot = load_network(db)
    c, a, lo = (person_key(small[k]) for k in ("chidi", "astrid", "loner"))
    acme, north = organization_key(small["acme"]), organization_key(small["north"])
    assert edge_set(snapshot) == {
        ("me", c, "relationship", 5),
        ("me", lo, "relationship", 1),
        (c, a, "relationship", 3),
        (c, acme, "current_job", 1),
        (a, north, "current_job", 1),
        (a, acme, "past_job", 1),
    }


def test_empty_database_gives_an_empty_snapshot(db: Database) -> None:
    snapshot = load_network(db)
    assert snapshot.nodes == ()
    assert snapshot.edges == ()
    assert snapshot.is_empty


def test_dangling_self_and_duplicate_ties_become_at_most_one_edge(
    db: Database, network, small
) -> None:
    me, chidi = small["me"], small["chidi"]
    network.tie(chidi, me, 2, kind="colleague")  # same pair, other direction and kind
    tie = "INSERT INTO relationships (a_id, b_id, kind, strength, note) VALUES (?, ?, ?, ?, '')"
    network.raw(tie, me, 9999, "x", 3)  # a person who no longer exists
    network.raw(tie, chidi, chidi, "y", 4)  # a self-loop
    network.raw(tie, me, small["astrid"], "z", 42)  # out of range
    job = "INSERT INTO employment (person_id, organization_id, current, title) VALUES (?, ?, 1, '')"
    network.raw(job, chidi, 777)
    network.raw(job, 888, small["acme"])
    network.job(chidi, small["acme"], current=False)  # also a past job at the current employer
    snapshot = load_network(db)
    keys = {n.key for n in snapshot.nodes}
    for edge in snapshot.edges:
        assert edge.a in keys
        assert edge.b in keys
        assert edge.a != edge.b
    pairs = [frozenset((e.a, e.b)) for e in snapshot.edges]
    assert len(pairs) == len(set(pairs))
    strengths = {frozenset((e.a, e.b)): e.strength for e in snapshot.edges}
    assert strengths[frozenset(("me", person_key(chidi)))] == 5
    assert strengths[frozenset(("me", person_key(small["astrid"])))] == 5  # clamped from 42
    kinds = {frozenset((e.a, e.b)): e.kind for e in snapshot.edges}
    assert kinds[frozenset((person_key(chidi), organization_key(small["acme"])))] == "current_job"


def test_circle_and_tag_filters_keep_me(db: Database, small) -> None:
    inner = load_network(db, MapFilters(circles=frozenset({Circle.INNER})))
    assert {n.key for n in inner.nodes} == {
        "me",
        person_key(small["chidi"]),
        organization_key(small["acme"]),
    }
    design = load_network(db, MapFilters(tags=frozenset({"design"})))
    assert {n.key for n in design.nodes if n.kind != "organization"} == {
        "me",
        person_key(small["astrid"]),
    }


def test_past_employment_can_be_hidden(db: Database, small) -> None:
    snapshot = load_network(db, MapFilters(show_past_employment=False))
    assert all(e.kind != "past_job" for e in snapshot.edges)
    assert any(e.kind == "past_job" for e in load_network(db).edges)


def test_min_strength_drops_weak_ties_and_the_people_left_alone(db: Database, small) -> None:
    snapshot = load_network(db, MapFilters(min_strength=2))
    keys = {n.key for n in snapshot.nodes}
    assert person_key(small["loner"]) not in keys
    assert person_key(small["chidi"]) in keys
    assert all(e.strength >= 2 for e in snapshot.edges if e.kind == "relationship")


def test_organization_filter_keeps_its_staff_past_and_present(db: Database, small) -> None:
    snapshot = load_network(db, MapFilters(organization_ids=frozenset({small["acme"]})))
    keys = {n.key for n in snapshot.nodes}
    assert keys == {
        "me",
        person_key(small["chidi"]),
        person_key(small["astrid"]),
        organization_key(small["acme"]),
    }
    assert MapEdge(person_key(small["astrid"]), organization_key(small["acme"]), "past_job") in (
        snapshot.edges
    )


def test_goal_filter_keeps_goal_people_organisations_and_staff(
    db: Database, network, small
) -> None:
    goal = network.goal(
        "Design at Northwind", people=(small["loner"],), orgs=(small["north"], small["empty"])
    )
    snapshot = load_network(db, MapFilters(goal_id=goal))
    keys = {n.key for n in snapshot.nodes}
    assert keys == {
        "me",
        person_key(small["loner"]),
        person_key(small["astrid"]),
        organization_key(small["north"]),
        organization_key(small["acme"]),  # Astrid's past employer stays visible
        organization_key(small["empty"]),  # a target with nobody there yet is still shown
    }
    unknown = load_network(db, MapFilters(goal_id=12345))
    assert {n.key for n in unknown.nodes} == {"me"}


def test_keys_round_trip() -> None:
    assert parse_key("me") == ("me", None)
    assert parse_key(person_key(7)) == ("person", 7)
    assert parse_key(organization_key(3)) == ("organization", 3)
    with pytest.raises(ValueError, match="not a map node key"):
        parse_key("x:1")


def test_neighbours_is_symmetric(db: Database, small) -> None:
    adjacency = neighbours(load_network(db))
    for key, others in adjacency.items():
        for other in others:
            assert key in adjacency[other]


def test_name_counts_cover_the_whole_network_whatever_is_filtered(db: Database, small) -> None:
    from desktop_app.services.map.network_graph import name_counts

    counts = name_counts(db)
    assert counts.tags == {"mentor": 1, "design": 1}
    # Current jobs only: Astrid's past job at Acme does not count.
    assert counts.organizations == {"Acme": 1, "Northwind": 1}
