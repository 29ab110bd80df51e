"""The schema revision this build writes, readable without importing SQLAlchemy or Alembic.

Start-up compares the database's `alembic_version` with `HEAD_REVISION` through plain
sqlite3, so opening an up-to-date database never pays for importing Alembic. A test keeps
this constant equal to the head of `storage/migrations/versions/`.
"""

HEAD_REVISION = "0006_name_order_index"
KNOWN_REVISIONS = (
    "0001_initial",
    "0002_mock_interview_interaction",
    "0003_interaction_sources",
    "0004_carddav_sync",
    "0005_groups_events",
    "0006_name_order_index",
)
