"""`trellis demo`: fill an empty database with a realistic synthetic network, or write
sample LinkedIn, mail and calendar exports (`--exports DIR`) to try the history import."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "demo",
        help="create a sample network in an empty database, or sample exports (--exports)",
    )
    add_db_argument(parser)
    parser.add_argument(
        "--contacts", type=int, default=None, metavar="N", help="how many contacts (default 300)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed gives the same network or exports (default 1)",
    )
    exports = parser.add_argument_group(
        "sample exports",
        "write a LinkedIn archive, a Google Takeout mbox and a Google Calendar .ics for one "
        "made-up person instead of filling a database (docs/history-import.md)",
    )
    exports.add_argument("--exports", type=Path, metavar="DIR", help="the folder to write")
    exports.add_argument(
        "--exports-unpacked",
        action="store_true",
        help="also unpack the LinkedIn archive into DIR/linkedin/",
    )
    exports.add_argument("--people", type=int, metavar="N", help="people (default 150)")
    exports.add_argument(
        "--messages", type=int, metavar="N", help="mails, and LinkedIn messages (default 600)"
    )
    exports.add_argument(
        "--linkedin-messages",
        type=int,
        metavar="N",
        help="rows of LinkedIn's messages.csv (default: as --messages)",
    )
    exports.add_argument("--events", type=int, metavar="N", help="calendar events (default 80)")


_EXPORT_ONLY = ("exports_unpacked", "people", "messages", "linkedin_messages", "events")


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import EXIT_USAGE, fail

    if args.exports is not None:
        if hasattr(args, "db") or args.contacts is not None:
            return fail(
                "--exports writes files, not a database: leave out --db and --contacts", EXIT_USAGE
            )
        return _run_exports(args)
    given = [name for name in _EXPORT_ONLY if getattr(args, name) not in (None, False)]
    if given:
        option = "--" + given[0].replace("_", "-")
        return fail(f"{option} goes with --exports DIR", EXIT_USAGE)
    return _run_database(args)


def _run_database(args: argparse.Namespace) -> int:
    from desktop_app.cli import EXIT_USAGE, db_path, fail
    from desktop_app.services.demo import DemoError, write_demo
    from desktop_app.storage.database import open_database

    contacts = 300 if args.contacts is None else args.contacts
    if not 0 <= contacts <= 1_000_000:
        return fail("--contacts must be between 0 and 1,000,000", EXIT_USAGE)
    started = time.perf_counter()
    try:
        with open_database(db_path(args), backups=False) as db:
            rows = write_demo(db, contacts, args.seed)
            path = db.path
    except DemoError as error:
        return fail(str(error))
    print(
        f"Created a demo network of {contacts} contacts, "
        f"{rows.count('organizations')} organisations, {rows.count('relationships')} "
        f"relationships and {rows.count('interactions')} interactions in {path} "
        f"({time.perf_counter() - started:.1f} s).",
        file=sys.stderr,
    )
    return 0


def _run_exports(args: argparse.Namespace) -> int:
    from desktop_app.cli import EXIT_USAGE, fail
    from desktop_app.services.demo.exports import ExportsError, ExportSizes, write_demo_exports

    defaults = ExportSizes()
    sizes = ExportSizes(
        people=defaults.people if args.people is None else args.people,
        messages=defaults.messages if args.messages is None else args.messages,
        events=defaults.events if args.events is None else args.events,
        linkedin_messages=args.linkedin_messages,
    )
    try:
        sizes.check()
    except ExportsError as error:
        return fail(str(error), EXIT_USAGE)
    started = time.perf_counter()
    try:
        manifest = write_demo_exports(
            args.exports, seed=args.seed, sizes=sizes, unpacked=args.exports_unpacked
        )
    except ExportsError as error:
        return fail(str(error))
    files = manifest["files"]
    print(
        f"Wrote sample exports for {manifest['me']['name']} to {args.exports} "
        f"({time.perf_counter() - started:.1f} s):\n"
        f"  {files['linkedin_zip']}: {manifest['linkedin']['connections']['rows']} connections, "
        f"{manifest['linkedin']['messages']['rows']} messages\n"
        f"  {files['mbox']}: {manifest['mbox']['messages']} mails\n"
        f"  {files['ics']}: {manifest['calendar']['events']} events\n"
        "  expected.json: what they hold",
        file=sys.stderr,
    )
    return 0
