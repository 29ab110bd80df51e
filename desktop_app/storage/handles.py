"""The types of storage's two doors, for code above storage that must name them.

Services, the UI and the CLI never import `sqlite3` or `sqlalchemy` themselves
(tests/unit/test_layers.py): a function that hands a connection or a session on to a
storage query names it through these aliases. `Session` exists for type checkers only, so
naming it never imports SQLAlchemy (start-up stays free of it).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, TypeAlias

Connection: TypeAlias = sqlite3.Connection
"""A plain sqlite3 connection: `Database.fast_connection()` or `Database.new_reader()`."""

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as Session

__all__ = ["Connection", "Session"]
