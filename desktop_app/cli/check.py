"""`trellis check`: integrity and consistency; exit 0 when the database is sound."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser("check", help="check the database's integrity")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import existing_db_path
    from desktop_app.services.integrity import check_database
    from desktop_app.storage.database import open_database

    path = existing_db_path(args)
    with open_database(path, read_only=True) as db:
        report = check_database(db)
    from desktop_app.cli.terminal_text import printable

    if report.sound:
        print(f"{printable(path)}: sound ({report.people} people).")
        return 0
    for problem in report.problems:
        print(f"{printable(path)}: {printable(problem)}")
    return 1
