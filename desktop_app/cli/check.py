"""`trellis check`: integrity and consistency; exit 0 when the database is sound."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser("check", help="check the database's integrity")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import db_path, fail
    from desktop_app.services.integrity import check_database
    from desktop_app.storage.database import open_database
    from desktop_app.storage.errors import StorageError

    path = db_path(args)
    if not path.exists():
        return fail(f"{path} does not exist")
    try:
        with open_database(path, read_only=True) as db:
            report = check_database(db)
    except StorageError as error:
        return fail(str(error))
    if report.sound:
        print(f"{path}: sound ({report.people} people).")
        return 0
    for problem in report.problems:
        print(f"{path}: {problem}")
    return 1
