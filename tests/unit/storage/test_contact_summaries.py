"""storage.contact_summaries: the start path's reads, with plain sqlite3."""

from __future__ import annotations

from desktop_app.storage import contact_summaries
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Person


def _add(db: Database, *names: str, me: str | None = None) -> dict[str, int]:
    with db.transaction() as session:
        people = {name: Person(full_name=name, is_me=name == me) for name in names}
        session.add_all(people.values())
        session.flush()
        return {name: person.id for name, person in people.items()}


def test_ids_come_me_first_then_by_name_as_nocase_compares_then_by_id(db: Database) -> None:
    ids = _add(db, "bea", "Zoë", "Ana", "ana", "Émile", "Yann", "Bea", me="Yann")
    order = contact_summaries.ids_in_name_order(db.fast_connection())
    # NOCASE folds ASCII letters only: "É" (U+00C9) sorts after every ASCII name.
    names = ["Yann", "Ana", "ana", "bea", "Bea", "Zoë", "Émile"]
    assert order == [ids[name] for name in names]


def test_ids_without_me_are_only_by_name(db: Database) -> None:
    ids = _add(db, "b", "A")
    assert contact_summaries.ids_in_name_order(db.fast_connection()) == [ids["A"], ids["b"]]


def test_the_name_order_reads_an_index_not_every_row_of_the_table(db: Database) -> None:
    """100,000 wide rows read and sorted cost start-up ~0.2 s; names from an index do not."""
    conn = db.fast_connection()
    plan = " | ".join(
        row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {contact_summaries.NAME_ORDER_SQL}")
    )
    assert "COVERING INDEX" in plan, plan


def test_rows_a_damaged_page_hides_are_damage_not_absence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A lookup by id over a damaged page can return nothing instead of failing: people
    the name index still lists are then reported as damage, not silently left out; a
    person who simply does not exist is no damage."""
    import sqlite3 as sqlite

    import pytest

    from desktop_app.services.demo import write_demo
    from desktop_app.storage.contact_summaries import ids_in_name_order, summary_rows_for
    from desktop_app.storage.database import open_database
    from tests.storage_faults import damage_data_page

    db_path = tmp_path / "t.db"
    db = open_database(db_path)
    write_demo(db, contacts=1500)
    db.close()
    conn = sqlite.connect(db_path)
    ids = ids_in_name_order(conn)[:100]
    assert len(summary_rows_for(conn, [*ids, 10**9])) == len(ids)
    conn.close()
    damage_data_page(db_path, "people", every=True)
    conn = sqlite.connect(db_path)
    with pytest.raises(sqlite.DatabaseError, match="malformed"):
        summary_rows_for(conn, ids_in_name_order(conn)[:100])
    conn.close()
