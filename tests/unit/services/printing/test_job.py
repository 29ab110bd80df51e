from __future__ import annotations

from desktop_app.services.map.network_graph import load_network
from desktop_app.services.printing.job import document_from_database, positions_for
from desktop_app.services.printing.options import PrintOptions
from desktop_app.storage.database import Database
from desktop_app.storage.network_queries import write_positions


def test_the_map_prints_where_the_map_view_left_every_node(demo_db: Database) -> None:
    snapshot = load_network(demo_db)
    saved = {node.key: (float(i), float(i % 7)) for i, node in enumerate(snapshot.nodes)}
    with demo_db.transaction() as session:
        write_positions(session, "radial", saved)
    document = document_from_database(demo_db, PrintOptions(), layout="radial")
    printed = {node.key: node.position for node in document.scene.nodes}
    assert printed == {key: (x, -y) for key, (x, y) in saved.items()}


def test_nodes_without_a_saved_place_are_laid_out_around_the_saved_ones(
    demo_db: Database,
) -> None:
    snapshot = load_network(demo_db)
    half = {node.key: (1000.0 + i, 0.0) for i, node in enumerate(snapshot.nodes[::2])}
    with demo_db.transaction() as session:
        write_positions(session, "force", half)
    positions = positions_for(demo_db, snapshot, "force")
    assert set(positions) == {node.key for node in snapshot.nodes}
    for key, place in half.items():
        assert positions[key] == place


def test_a_fresh_database_is_laid_out_from_scratch(demo_db: Database) -> None:
    document = document_from_database(demo_db, PrintOptions(), layout="organizations")
    assert document.scene.people_count == 60
    assert document.title.endswith("'s network")
