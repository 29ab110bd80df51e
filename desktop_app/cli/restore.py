"""`trellis restore --db D --from BACKUP`: put a backup back in place, keeping the present.

The database as it is now is backed up first (`…-before-restore.db` in the backups folder),
so a restore can itself be undone by restoring that file. `--list` shows the backups.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "restore", help="replace the database with one of its backups (backed up first)"
    )
    add_db_argument(parser)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--from", dest="source", type=Path, metavar="BACKUP", help="the backup file to restore"
    )
    what.add_argument("--list", action="store_true", help="list the backups, newest first")


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import db_path, fail
    from desktop_app.cli.terminal_text import printable
    from desktop_app.storage.restore import describe_backups, human_size, restore_backup

    path = db_path(args)
    if args.list:
        for info in describe_backups(path):
            taken, size = f"{info.taken:%Y-%m-%d %H:%M:%S}", human_size(info.size)
            print(f"{taken}  {size:>9}  {printable(info.reason):<15}  {printable(info.path)}")
        return 0
    try:
        result = restore_backup(path, args.source)
    except OSError as error:
        return fail(f"cannot restore {path}: {error.strerror or error}")
    saved = f" The database as it was is saved in {result.saved_as}." if result.saved_as else ""
    print(
        printable(
            f"Restored {path} from {result.restored_from} ({result.people} contacts).{saved}"
        ),
        file=sys.stderr,
    )
    return 0
