from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.services.map.network_graph import organization_key, person_key
from desktop_app.services.map.path_finder import (
    PathFinder,
    describe_recency,
    goal_reach,
    recency_factor,
    tie_cost,
)
from desktop_app.storage.database import Database

TODAY = date(2026, 11, 29)


@pytest.fixture
def intro(network):
    """Me; Chidi (strong, spoke 2 weeks ago) knows Astrid at Northwind; Bea (weak, silent
    for a year) knows her too; Dan used to work at Northwind with Eve, who still does."""
    ids = {
        "me": network.person("Ada Me", me=True),
        "chidi": network.person("Chidi"),
        "bea": network.person("Bea"),
        "astrid": network.person("Astrid"),
        "dan": network.person("Dan"),
        "eve": network.person("Eve"),
        "north": network.organization("Northwind"),
        "acme": network.organization("Acme"),
        "far": network.organization("Faraway Ltd"),
    }
    network.tie(ids["me"], ids["chidi"], 4)
    network.tie(ids["me"], ids["bea"], 2)
    network.tie(ids["me"], ids["dan"], 3)
    network.tie(ids["chidi"], ids["astrid"], 3)
    network.tie(ids["astrid"], ids["bea"], 5)
    network.job(ids["astrid"], ids["north"])
    network.job(ids["eve"], ids["north"])
    network.job(ids["dan"], ids["north"], current=False)
    network.job(ids["chidi"], ids["acme"])
    network.interaction(TODAY - timedelta(days=14), ids["chidi"])
    network.interaction(TODAY - timedelta(days=400), ids["bea"])
    return ids


def test_paths_to_a_person_are_ranked_and_read_as_text(db: Database, intro) -> None:
    finder = PathFinder.from_database(db, TODAY)
    paths = finder.paths_to(person_key(intro["astrid"]))
    assert [p.introducer for p in paths][:2] == ["Chidi", "Bea"]
    assert paths[0].text == "You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind"
    assert paths[0].keys == ("me", person_key(intro["chidi"]), person_key(intro["astrid"]))
    assert paths[1].text.startswith("You → Bea (weak, spoke a year ago) → Astrid")
    assert paths == sorted(paths, key=lambda p: p.cost)
    # Dan gets there too, through his former colleagues at Northwind.
    dan = next(p for p in paths if p.introducer == "Dan")
    assert "former colleague at Northwind" in dan.text


def test_recency_changes_the_ranking(db: Database, network, intro) -> None:
    network.interaction(TODAY, intro["bea"])  # Bea and I spoke today
    network.tie(intro["me"], intro["bea"], 5, kind="colleague")
    finder = PathFinder.from_database(db, TODAY)
    assert finder.paths_to(person_key(intro["astrid"]))[0].introducer == "Bea"


def test_someone_at_an_organisation_and_former_colleagues_count(db: Database, intro) -> None:
    finder = PathFinder.from_database(db, TODAY)
    paths = finder.paths_to(organization_key(intro["north"]))
    assert paths
    assert all(p.keys[-1] == organization_key(intro["north"]) for p in paths)
    texts = [p.text for p in paths]
    assert "You → Dan (medium, no contact logged) @ Northwind (formerly)" in texts
    assert "You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind" in texts


def test_reach_gives_degrees_of_separation(db: Database, network, intro) -> None:
    goal = network.goal("Join Northwind", orgs=(intro["north"], intro["far"], intro["acme"]))
    reach = {r.name: r for r in goal_reach(db, goal, TODAY)}
    assert reach["Acme"].degree == 1  # I know Chidi, who works there
    assert reach["Northwind"].degree == 1  # Dan worked there
    assert reach["Northwind"].best is not None
    assert reach["Northwind"].best.introducer == "Chidi"  # the best way is not the shortest
    assert reach["Faraway Ltd"].degree is None  # nobody leads there
    assert reach["Faraway Ltd"].best is None


def test_no_paths_to_me_or_unknown_or_unreachable(db: Database, network, intro) -> None:
    stranger = network.person("Stranger")
    finder = PathFinder.from_database(db, TODAY)
    assert finder.paths_to("me") == []
    assert finder.paths_to("p:99999") == []
    assert finder.paths_to(person_key(stranger)) == []


def test_no_me_means_no_paths_but_no_crash(db: Database, network) -> None:
    a, b = network.person("A"), network.person("B")
    network.tie(a, b, 3)
    finder = PathFinder.from_database(db, TODAY)
    assert finder.paths_to(person_key(b)) == []


def test_odd_rows_do_not_break_the_finder(db: Database, network, intro) -> None:
    tie = "INSERT INTO relationships (a_id, b_id, kind, strength, note) VALUES (?, ?, ?, ?, '')"
    network.raw(tie, intro["chidi"], intro["chidi"], "x", 3)
    network.raw(tie, intro["chidi"], 4242, "x", 3)
    network.raw(tie, intro["astrid"], intro["chidi"], "colleague", 1)
    finder = PathFinder.from_database(db, TODAY)
    assert finder.paths_to(person_key(intro["astrid"]))[0].introducer == "Chidi"


def test_wording_helpers() -> None:
    assert tie_cost(5) < tie_cost(1)
    assert recency_factor(TODAY, TODAY) == 1.0
    assert recency_factor(None, TODAY) == 2.0
    assert 1.0 < recency_factor(TODAY - timedelta(days=200), TODAY) < 2.0
    assert describe_recency(TODAY - timedelta(days=1), TODAY) == "spoke yesterday"
    assert describe_recency(TODAY - timedelta(days=5), TODAY) == "spoke 5 days ago"
    assert describe_recency(TODAY - timedelta(days=90), TODAY) == "spoke 3 months ago"
    assert describe_recency(TODAY - timedelta(days=800), TODAY) == "spoke 2 years ago"
    assert describe_recency(None, TODAY) == "no contact logged"


@pytest.fixture
def my_jobs(network):
    """Me (Ada) at Acme now and formerly at Globex; Chidi, my one tie, was at Globex with
    me; Astrid works at Acme and Northwind; Gus works at Globex. Only I link Chidi to Astrid."""
    ids = {
        "me": network.person("Ada Me", me=True),
        "chidi": network.person("Chidi"),
        "astrid": network.person("Astrid"),
        "gus": network.person("Gus"),
        "acme": network.organization("Acme"),
        "globex": network.organization("Globex"),
        "north": network.organization("Northwind"),
    }
    network.tie(ids["me"], ids["chidi"], 4)
    network.job(ids["me"], ids["acme"])
    network.job(ids["me"], ids["globex"], current=False)
    network.job(ids["chidi"], ids["globex"], current=False)
    network.job(ids["astrid"], ids["acme"])
    network.job(ids["astrid"], ids["north"])
    network.job(ids["gus"], ids["globex"])
    return ids


def test_i_am_never_a_bridge_in_the_middle_of_a_path(db: Database, my_jobs) -> None:
    finder = PathFinder.from_database(db, TODAY)
    for target in (
        person_key(my_jobs["astrid"]),
        organization_key(my_jobs["north"]),
        person_key(my_jobs["gus"]),
    ):
        for path in finder.paths_to(target):
            assert "me" not in path.keys[1:], path.text
            assert "Ada Me" not in path.text
    # Chidi only reaches Astrid and Northwind through me: no way there.
    assert finder.paths_to(person_key(my_jobs["astrid"])) == []
    assert finder.paths_to(organization_key(my_jobs["north"])) == []
    # Gus is reached through Chidi's former job, not mine.
    (gus,) = finder.paths_to(person_key(my_jobs["gus"]))
    assert gus.keys == (
        "me",
        person_key(my_jobs["chidi"]),
        organization_key(my_jobs["globex"]),
        person_key(my_jobs["gus"]),
    )


def test_my_own_employer_is_degree_zero_i_work_there(db: Database, network, my_jobs) -> None:
    finder = PathFinder.from_database(db, TODAY)
    acme = finder.paths_to(organization_key(my_jobs["acme"]))
    assert acme[0].keys == ("me", organization_key(my_jobs["acme"]))
    assert acme[0].text == "You → Acme (I work there)"
    assert acme[0].people_between == 0
    assert acme[0].cost == 0
    assert all("me" not in p.keys[1:] for p in acme)
    globex = finder.paths_to(organization_key(my_jobs["globex"]))
    assert globex[0].text == "You → Globex (I worked there)"
    # Chidi, my former colleague there, is still a way to ask someone at Globex.
    assert [p.introducer for p in globex[1:]] == ["Chidi"]
    goal = network.goal("Stay", orgs=(my_jobs["acme"], my_jobs["north"]))
    reach = {r.name: r for r in goal_reach(db, goal, TODAY)}
    assert reach["Acme"].degree == 0
    assert reach["Acme"].best is not None
    assert reach["Acme"].best.text == "You → Acme (I work there)"
    assert reach["Northwind"].degree is None  # only through me, which is no way at all


def test_no_path_in_a_random_network_passes_through_me(db: Database, network) -> None:
    """Me with few ties but jobs at half the organisations: every shortcut through me."""
    import random

    rng = random.Random(11)
    me = network.person("Ada Me", me=True)
    people = [network.person(f"P{i}") for i in range(30)]
    orgs = [network.organization(f"Org {i}") for i in range(8)]
    for person in people:
        network.job(person, rng.choice(orgs), current=rng.random() < 0.7)
    pairs = {tuple(sorted(rng.sample(people, 2))) for _ in range(15)}
    for a, b in sorted(pairs):
        network.tie(a, b, rng.randint(1, 5))
    for person in people[:3]:
        network.tie(me, person, rng.randint(1, 5))
    for org in orgs[::2]:
        network.job(me, org, current=org in orgs[::4])
    finder = PathFinder.from_database(db, TODAY)
    checked = 0
    for key in [person_key(p) for p in people] + [organization_key(o) for o in orgs]:
        for path in finder.paths_to(key, limit=10):
            assert "me" not in path.keys[1:], path.text
            checked += 1
    assert checked > 30


def test_someone_i_have_only_talked_to_can_introduce_me(db: Database, network) -> None:
    """A history import gives interactions, not ties: the people in it still lead on."""
    me = network.person("Ada Me", me=True)
    gus = network.person("Gus")
    hana = network.person("Hana")
    stranger = network.person("Ivo")  # no tie and never spoken to: never a first step
    north = network.organization("Northwind")
    network.job(hana, north)
    network.tie(gus, hana, 4)
    network.tie(stranger, hana, 5)
    network.interaction(TODAY - timedelta(days=3), gus)
    assert me
    finder = PathFinder.from_database(db, TODAY)
    paths = finder.paths_to(organization_key(north))
    assert [p.introducer for p in paths] == ["Gus"]
    assert paths[0].text == "You → Gus (no tie yet, spoke 3 days ago) → Hana @ Northwind"
    assert paths[0].cost == pytest.approx(
        tie_cost(1)
        + finder._graph.edges[person_key(gus), person_key(hana)]["cost"]
        + finder._graph.edges[person_key(hana), organization_key(north)]["cost"]
    )
    (reach,) = finder.reach([organization_key(north)])
    assert reach.degree == 2
