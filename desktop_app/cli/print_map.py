"""`trellis print-map`: the network map to a PDF, PNG or SVG file, as File ▸ Export map… does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, add_db_argument, fail

if TYPE_CHECKING:
    from desktop_app.services.printing.options import PrintOptions

LAYOUT_NAMES = {
    "force": "force",
    "radial": "radial",
    "organizations": "organizations",
    "organisations": "organizations",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "print-map",
        help="print the network map to a PDF, PNG or SVG file",
        description=(
            "Render the network map with a title, the date, a legend and page numbers. "
            "Names too crowded to read go into an index by grid square; --pages makes a "
            "poster of several sheets with overlap and cut marks."
        ),
    )
    add_db_argument(parser)
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="FILE.pdf, FILE.png or FILE.svg (PNG/SVG posters: one file a page)",
    )
    parser.add_argument(
        "--layout",
        choices=sorted(LAYOUT_NAMES),
        default="force",
        help="how to arrange the map (default: force)",
    )
    parser.add_argument(
        "--pages",
        default="1x1",
        metavar="NxM",
        help="sheets across x down for a poster, or 'auto' (default: 1x1)",
    )
    parser.add_argument("--title", default="", help='default: "<my name>\'s network"')
    parser.add_argument("--paper", default="A4", help="A4, Letter, A3 or Legal (default: A4)")
    parser.add_argument(
        "--orientation",
        choices=("auto", "portrait", "landscape"),
        default="auto",
        help="default: the way the map is wider",
    )
    parser.add_argument(
        "--black-and-white",
        "--mono",
        dest="mono",
        action="store_true",
        help="a style that reads on a black-and-white printer",
    )
    parser.add_argument("--dpi", type=int, default=150, help="PNG resolution (default: 150)")
    parser.add_argument(
        "--overlap",
        type=float,
        default=10.0,
        metavar="MM",
        help="poster overlap between sheets in mm (default: 10)",
    )
    parser.add_argument(
        "--no-cut-marks",
        dest="cut_marks",
        action="store_false",
        help="leave out the poster's cut marks",
    )
    parser.add_argument("--seed", type=int, default=0, help="layout seed (default: 0)")


def run(args: argparse.Namespace) -> int:
    from desktop_app.services.printing.options import (
        Orientation,
        PrintError,
        PrintOptions,
        output_format,
        parse_page_grid,
        parse_paper,
    )
    from desktop_app.services.printing.output import check_output_path

    out: Path = args.out
    try:
        output_format(out)
        options = PrintOptions(
            title=args.title,
            paper=parse_paper(args.paper),
            orientation=Orientation(args.orientation),
            pages=parse_page_grid(args.pages),
            overlap_mm=args.overlap,
            cut_marks=args.cut_marks,
            monochrome=args.mono,
            dpi=args.dpi,
        )
    except PrintError as error:
        return fail(str(error), EXIT_USAGE)
    try:
        check_output_path(out)
    except PrintError as error:
        return fail(str(error))
    from desktop_app.cli import db_path
    from desktop_app.storage.database import file_size

    database = db_path(args)
    if file_size(database) is None:  # a StorageError when a folder on the way is shut
        return fail(f"no database at {database}")
    return _print(database, out, options, LAYOUT_NAMES[args.layout], args.seed)


def _print(database: Path, out: Path, options: PrintOptions, layout: str, seed: int) -> int:
    from desktop_app.cli.terminal_text import printable
    from desktop_app.services.printing.job import document_from_database
    from desktop_app.services.printing.options import PrintError
    from desktop_app.services.printing.output import write_document
    from desktop_app.storage.database import open_database

    with open_database(database, read_only=True) as db:  # printing never writes the database
        document = document_from_database(db, options, layout=layout, seed=seed)
    try:
        files = write_document(document, out)
    except (PrintError, OSError) as error:
        return fail(str(error))
    if document.scene.is_empty:
        print("trellis: the network is empty; the map says so.", file=sys.stderr)
    elif document.note():
        print(f"trellis: {printable(document.note())}", file=sys.stderr)
    pages = 1 if document.scene.is_empty else document.page_count
    shown = ", ".join(printable(f) for f in files)
    print(f"wrote {shown} ({pages} page{'s' if pages != 1 else ''})")
    return EXIT_OK if files else EXIT_FAILURE
