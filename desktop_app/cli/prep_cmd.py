"""`trellis prep`: the prep sheet of an event as a PDF (names and pitch searchable)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "prep",
        help="print an event's prep sheet to a PDF",
        description=(
            "Who you know is going, whom they could introduce you to, the organisations "
            "there that serve your goals, your latest pitch and questions to ask."
        ),
    )
    add_db_argument(parser)
    parser.add_argument("--event", type=int, required=True, metavar="ID", help="the event's id")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import EXIT_OK, EXIT_USAGE, existing_db_path, fail
    from desktop_app.cli.terminal_text import printable
    from desktop_app.domain.errors import MissingError
    from desktop_app.services.prep_sheet import prep_sheet
    from desktop_app.services.printing.options import PrintError
    from desktop_app.services.printing.prep_pdf import write_prep_pdf
    from desktop_app.storage.database import open_database

    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        return fail(f"prep: the sheet is written as a PDF; name it {out.stem}.pdf", EXIT_USAGE)
    path = existing_db_path(args)
    with open_database(path, read_only=True) as db:
        try:
            sheet = prep_sheet(db, args.event)
        except MissingError:
            return fail(f"prep: no event with id {args.event} (see `trellis events`)")
    try:
        write_prep_pdf(sheet, out)
    except (PrintError, OSError) as error:
        return fail(f"prep: {error}")
    print(f"wrote {printable(str(out))}")
    return EXIT_OK
