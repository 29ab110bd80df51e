from __future__ import annotations

from desktop_app.services.map import map_positions
from desktop_app.storage.database import Database


def test_positions_and_pins_survive_a_reopen(db: Database) -> None:
    map_positions.save_positions(db, {"me": (0.0, 0.0), "p:1": (1.0, 2.0)})
    map_positions.pin(db, "p:2", 5.0, 6.0)
    positions, pinned = map_positions.load_positions(db)
    assert positions == {"me": (0.0, 0.0), "p:1": (1.0, 2.0), "p:2": (5.0, 6.0)}
    assert pinned == {"p:2"}
    # Saving a filtered part keeps the others' places.
    map_positions.save_positions(db, {"p:1": (3.0, 3.0)}, pinned={"p:2"})
    positions, pinned = map_positions.load_positions(db)
    assert positions["p:1"] == (3.0, 3.0)
    assert positions["me"] == (0.0, 0.0)
    map_positions.unpin(db, ["p:2"])
    assert map_positions.load_positions(db)[1] == set()
    assert map_positions.load_positions(db)[0]["p:2"] == (5.0, 6.0)
    map_positions.forget(db)
    assert map_positions.load_positions(db) == ({}, set())
