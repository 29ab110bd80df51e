"""`trellis ics`: upcoming check-ins and follow-ups as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument
    from desktop_app.cli.dates import iso_date, non_negative_days

    parser = subparsers.add_parser(
        "ics", help="export upcoming check-ins and follow-ups to a calendar (.ics)"
    )
    add_db_argument(parser)
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")
    parser.add_argument(
        "--days",
        type=non_negative_days,
        default=90,
        metavar="DAYS",
        help="how far ahead to look (default 90)",
    )
    parser.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="pretend today is DATE (YYYY-MM-DD)"
    )


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from desktop_app.cli import EXIT_USAGE, existing_db_path, fail
    from desktop_app.cli.dates import horizon_problem, print_out
    from desktop_app.cli.terminal_text import printable
    from desktop_app.services.exporting.ics_export import calendar_for, export_ics
    from desktop_app.storage.database import open_database

    path = existing_db_path(args)
    problem = horizon_problem(args.as_of or date.today(), args.days)
    if problem:
        return fail(f"ics: {problem}", EXIT_USAGE)
    if args.out is not None and args.out.is_dir():
        return fail(f"{args.out} is a folder; give a file name, e.g. {args.out / 'trellis.ics'}")
    try:
        with open_database(path, read_only=True) as db:
            if args.out is None:
                text, _ = calendar_for(db, today=args.as_of, horizon_days=args.days)
                print_out(text, exact=True)
                return 0
            count = export_ics(db, args.out, today=args.as_of, horizon_days=args.days)
    except OSError as error:
        return fail(f"cannot write {args.out}: {error.strerror or error}")
    print(f"{count} events written to {printable(args.out)}", file=sys.stderr)
    return 0
