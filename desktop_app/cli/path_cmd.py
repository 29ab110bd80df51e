"""`trellis path`: who can introduce me to a person, or to someone at an organisation?"""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "path",
        help="rank the ways to be introduced to a person or an organisation, as the map does",
    )
    add_db_argument(parser)
    parser.add_argument(
        "--to",
        required=True,
        metavar="TEXT",
        help="a person or an organisation, matched as the map's search box matches",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list of the paths")
    parser.add_argument(
        "--limit",
        type=_positive,
        default=5,
        metavar="N",
        help="at most N paths to each target (default: 5)",
    )


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import EXIT_USAGE, existing_db_path, fail
    from desktop_app.cli.dates import print_out
    from desktop_app.services.map.map_search import match_targets
    from desktop_app.services.map.path_finder import PathFinder, paths_heading, ranked_line
    from desktop_app.storage.database import open_database

    wanted = args.to.strip()
    if not wanted:
        return fail("--to needs the name of a person or an organisation", EXIT_USAGE)
    path = existing_db_path(args)
    with open_database(path, read_only=True) as db:
        finder = PathFinder.from_database(db)
    found = match_targets(finder.targets(), wanted)
    if not found:
        if any(t.kind == "me" for t in match_targets(finder.targets(include_me=True), wanted)):
            return fail(f"“{wanted}” is you: every path starts there")
        return fail(f"nobody and no organisation in the network is called “{wanted}”")
    names = {target.name.casefold() for target in found}
    if len(names) > 1:  # a part of several names: say which, rather than guess
        shown = ", ".join(target.label for target in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        return fail(f"“{wanted}” is part of {len(found)} names: {shown}{more}; give one in full")
    answers = [(target, finder.paths_to(target.key, args.limit)) for target in found]
    if args.json:
        rows = [
            {
                "target": target.label,
                "text": intro.text,
                "introducer": intro.introducer or None,
                "people_between": intro.people_between,
                "cost": intro.cost,
                "keys": list(intro.keys),
            }
            for target, paths in answers
            for intro in paths
        ]
        print_out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    blocks = []
    for target, paths in answers:
        lines = [paths_heading(target.label, paths)]
        lines.extend(ranked_line(rank, intro) for rank, intro in enumerate(paths, start=1))
        blocks.append("\n".join(lines) + "\n")
    print_out("\n".join(blocks))
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from error
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value}")
    return value
