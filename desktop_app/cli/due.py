"""`trellis due`: who is due a check-in, a follow-up or a thank-you, most overdue first."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument
    from desktop_app.cli.dates import iso_date, non_negative_days

    parser = subparsers.add_parser("due", help="list who is due a check-in, follow-up or thank-you")
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument(
        "--within",
        type=non_negative_days,
        default=0,
        metavar="DAYS",
        help="also list what falls due in the next DAYS days",
    )
    parser.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="pretend today is DATE (YYYY-MM-DD)"
    )


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from desktop_app.cli import EXIT_USAGE, existing_db_path, fail
    from desktop_app.cli.dates import horizon_problem, print_out
    from desktop_app.services.reminders import due_people
    from desktop_app.storage.database import open_database

    path = existing_db_path(args)
    today = args.as_of or date.today()
    problem = horizon_problem(today, args.within)
    if problem:
        return fail(f"due: {problem}", EXIT_USAGE)
    with open_database(path, read_only=True) as db:
        items = due_people(db, today, within_days=args.within)
    if args.json:
        rows = [
            {
                "id": item.person_id,
                "name": item.name,
                "due": item.due.isoformat(),
                "reason": item.reason.value,
                "overdue_days": item.overdue_days(today),
            }
            for item in items
        ]
        print_out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not items:
        print_out("Nobody is due.\n")
        return 0
    from desktop_app.cli.terminal_text import printable
    from desktop_app.domain import durations

    lines = []
    for item in items:
        late = item.overdue_days(today)
        when = durations.overdue_by(late) if late else "due today"
        if item.due > today:
            when = durations.from_now((item.due - today).days)
        lines.append(
            f"{item.due.isoformat()}  {when:<22} {printable(item.name)} — {item.reason.label}\n"
        )
    print_out("".join(lines))
    return 0
