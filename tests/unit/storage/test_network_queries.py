from __future__ import annotations

from datetime import date

from desktop_app.storage.database import Database
from desktop_app.storage.network_queries import (
    read_last_contacts,
    read_positions,
    write_positions,
)
from desktop_app.storage.tables import Interaction, Person


def test_positions_round_trip_per_layout_with_pins(db: Database) -> None:
    with db.transaction() as session:
        write_positions(session, "force", {"me": (0.0, 0.0), "p:1": (1.5, -2.0)}, pinned={"p:1"})
        write_positions(session, "radial", {"me": (9.0, 9.0)})
    with db.transaction() as session:
        force = read_positions(session, "force")
        radial = read_positions(session, "radial")
    assert {k: (v.x, v.y, v.pinned) for k, v in force.items()} == {
        "me": (0.0, 0.0, False),
        "p:1": (1.5, -2.0, True),
    }
    assert set(radial) == {"me"}


def test_replacing_forgets_old_nodes_and_updating_keeps_them(db: Database) -> None:
    with db.transaction() as session:
        write_positions(session, "force", {"me": (0.0, 0.0), "p:1": (1.0, 1.0)})
        write_positions(session, "force", {"p:2": (2.0, 2.0)})
        assert set(read_positions(session, "force")) == {"p:2"}
        write_positions(session, "force", {"p:2": (3.0, 3.0), "p:3": (4, 4)}, replace=False)
        write_positions(session, "force", {"p:4": (5.0, 5.0)}, replace=False)
        stored = read_positions(session, "force")
    assert {k: (v.x, v.y) for k, v in stored.items()} == {
        "p:2": (3.0, 3.0),
        "p:3": (4.0, 4.0),
        "p:4": (5.0, 5.0),
    }


def test_last_contact_is_the_latest_interaction_per_person(db: Database) -> None:
    with db.transaction() as session:
        a, b, c = Person(full_name="A"), Person(full_name="B"), Person(full_name="C")
        session.add_all([a, b, c])
        session.add(Interaction(occurred_on=date(2026, 1, 5), kind="coffee", participants=[a, b]))
        session.add(Interaction(occurred_on=date(2026, 3, 1), kind="call", participants=[a]))
        session.flush()
        ids = (a.id, b.id, c.id)
    with db.transaction() as session:
        last = read_last_contacts(session)
    assert last == {ids[0]: date(2026, 3, 1), ids[1]: date(2026, 1, 5)}
