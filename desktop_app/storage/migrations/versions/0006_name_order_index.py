"""an index in the contact table's own order: full name without case

Revision ID: 0006_name_order_index
Revises: 0005_groups_events
Create Date: 2026-12-07

The contact table opens in `full_name COLLATE NOCASE` order. `ix_people_full_name` is in
binary order, so SQLite sorted every name into a temporary B-tree first: about 30 ms of a
100,000-contact start-up. This index holds the names in the table's order (ties by rowid,
which is the id), so the first paint reads it straight through.

Alembic cannot reflect a collation on an SQLite index: a later batch rebuild of `people`
would recreate this index without NOCASE. Such a migration must create it again.
"""

from __future__ import annotations

from alembic import op


revision = '0006_name_order_index'
down_revision = '0005_groups_events'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_people_name_order ON people (full_name COLLATE NOCASE)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_people_name_order")
