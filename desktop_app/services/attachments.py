"""Tidying the attachments folder: copies nothing refers to any more.

Kept apart from `services.documents` (which reads through the ORM) so closing the window
never imports SQLAlchemy: everything here reads through storage's plain sqlite3 path.
"""

from __future__ import annotations

from contextlib import closing

from desktop_app.paths import attachments_dir
from desktop_app.storage import integrity_queries
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
    in_backups = integrity_queries.attachment_names_in_backups(db.path)
    if in_backups is None:
        return []
    wanted |= in_backups
    removed = []
    for path in folder.iterdir():
        if path.is_file() and not path.name.startswith(".") and path.name not in wanted:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return sorted(removed)
