"""Tidying the attachments folder: copies nothing refers to any more.

Kept apart from `services.documents` (which reads through the ORM) so closing the window
never imports SQLAlchemy: everything here is plain sqlite3.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

from desktop_app.paths import attachments_dir
from desktop_app.storage import backup, integrity_queries
from desktop_app.storage.database import Database


def prune_attachments(db: Database) -> list[str]:
    """Delete the attachment copies nothing refers to any more; returns their names.

    Run when the undo history is gone (the window closes): a deleted document's files stay
    while undo could bring it back, and while any backup still refers to them (a restore
    must find them), so a deleted resume leaves the disk with the last backup naming it.
    A backup that cannot be read keeps everything.
    """
    folder = attachments_dir(db.path)
    if db.read_only or not folder.is_dir():
        return []
    with closing(db.new_reader()) as conn:
        wanted = {stored for _d, _n, stored, _name in integrity_queries.attached_files(conn)}
    try:
        for copy in backup.list_backups(db.path):
            wanted |= integrity_queries.attachment_names_in(copy)
    except sqlite3.Error:
        return []
    removed = []
    for path in folder.iterdir():
        if path.is_file() and not path.name.startswith(".") and path.name not in wanted:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return sorted(removed)
