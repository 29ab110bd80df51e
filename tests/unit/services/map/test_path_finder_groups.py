"""A group I belong to is a weak first link to its members, and the path says so."""

from __future__ import annotations

from datetime import date

from desktop_app.services import events
from desktop_app.services.events import GroupFields
from desktop_app.services.map.network_graph import person_key
from desktop_app.services.map.path_finder import PathFinder
from desktop_app.storage.database import Database
from tests.network_builder import NetworkBuilder


def test_a_shared_group_leads_to_a_member_and_the_path_text_names_it(
    db: Database, network: NetworkBuilder
) -> None:
    network.person("Me", me=True)
    ana, bea = network.person("Ana Lima"), network.person("Bea Sousa")
    network.job(bea, network.organization("Target GmbH"))
    network.tie(ana, bea, strength=4)
    finder = PathFinder.from_database(db, date(2026, 12, 7))
    assert finder.paths_to(person_key(bea)) == []  # no way in before the group

    mine, _u, _ = events.create_group(db, GroupFields("PyData Berlin", i_am_member=True))
    not_mine, _u, _ = events.create_group(db, GroupFields("Rust Berlin"))
    events.add_member(db, mine, ana)
    events.add_member(db, not_mine, bea)
    [path] = PathFinder.from_database(db, date(2026, 12, 7)).paths_to(person_key(bea))
    assert path.text == "You → Ana Lima (both in PyData Berlin) → Bea Sousa @ Target GmbH"
    assert path.introducer == "Ana Lima"
