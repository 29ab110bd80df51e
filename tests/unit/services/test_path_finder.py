from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.services.network_graph import organization_key, person_key
from desktop_app.services.path_finder import (
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
