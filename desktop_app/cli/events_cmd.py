"""`trellis events`: upcoming events with who is going, and past events with follow-ups
still open."""

from __future__ import annotations

import argparse
import json

DEFAULT_WITHIN_DAYS = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument
    from desktop_app.cli.dates import non_negative_days

    parser = subparsers.add_parser(
        "events", help="list upcoming events and past ones with follow-ups still open"
    )
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument(
        "--within",
        type=non_negative_days,
        default=DEFAULT_WITHIN_DAYS,
        metavar="DAYS",
        help=f"upcoming events in the next DAYS days (default: {DEFAULT_WITHIN_DAYS})",
    )


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from desktop_app.cli import EXIT_USAGE, existing_db_path, fail
    from desktop_app.cli.dates import horizon_problem, print_out
    from desktop_app.cli.terminal_text import printable
    from desktop_app.services.events import agenda
    from desktop_app.storage.database import open_database

    path = existing_db_path(args)
    now = datetime.now()
    problem = horizon_problem(now.date(), args.within)
    if problem:
        return fail(f"events: {problem}", EXIT_USAGE)
    with open_database(path, read_only=True) as db:
        found = agenda(db, now, args.within)
    if args.json:
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "starts_at": e.starts_at.isoformat(timespec="minutes"),
                "place": e.place,
                "group": e.group or None,
                "going": [a.person_id for a in e.going],
                "met": [a.person_id for a in e.met],
                "open_follow_ups": len(e.open_follow_ups),
            }
            for e in found
        ]
        print_out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not found:
        print_out(f"No event in the next {args.within} days, and no follow-up open.\n")
        return 0
    lines = []
    for e in found:
        where = " · ".join(printable(p) for p in (e.place, e.group) if p)
        head = f"{e.starts_at:%Y-%m-%d %H:%M}  #{e.id} {printable(e.title)}"
        lines.append(head + (f" — {where}" if where else "") + "\n")
        if not e.is_over(now):
            names = ", ".join(printable(a.name) for a in e.going) or "nobody you know yet"
            lines.append(f"    going: {names}\n")
        else:
            names = ", ".join(printable(a.name) for a in e.open_follow_ups)
            lines.append(f"    follow up with: {names}\n")
    print_out("".join(lines))
    return 0
