"""`trellis demo`: fill an empty database with a realistic synthetic network."""

from __future__ import annotations

import argparse
import sys
import time


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser("demo", help="create a sample network in an empty database")
    add_db_argument(parser)
    parser.add_argument(
        "--contacts", type=int, default=300, metavar="N", help="how many contacts (default 300)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed gives the same network (default 1)",
    )


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import EXIT_USAGE, db_path, fail
    from desktop_app.services.demo import DemoError, write_demo
    from desktop_app.storage.database import open_database

    if not 0 <= args.contacts <= 1_000_000:
        return fail("--contacts must be between 0 and 1,000,000", EXIT_USAGE)
    started = time.perf_counter()
    try:
        with open_database(db_path(args), backups=False) as db:
            rows = write_demo(db, args.contacts, args.seed)
            path = db.path
    except DemoError as error:
        return fail(str(error))
    print(
        f"Created a demo network of {args.contacts} contacts, "
        f"{rows.count('organizations')} organisations, {rows.count('relationships')} "
        f"relationships and {rows.count('interactions')} interactions in {path} "
        f"({time.perf_counter() - started:.1f} s).",
        file=sys.stderr,
    )
    return 0
