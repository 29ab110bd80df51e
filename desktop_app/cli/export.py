"""`trellis export`: the network as JSON, or the contacts as vCard 4.0/3.0 or CSV."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser("export", help="export the network to a file or stdout")
    add_db_argument(parser)
    parser.add_argument(
        "--format",
        choices=("json", "vcf", "vcf3", "csv"),
        default="json",
        help="json (default), vcf (vCard 4.0), vcf3 (vCard 3.0) or csv",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import existing_db_path, fail
    from desktop_app.services.exporting.json_export import write_export
    from desktop_app.storage.database import check_whole, open_database

    path = existing_db_path(args)
    try:
        with open_database(path, read_only=True) as db:  # an export never writes the database
            check_whole(db.path)  # an export is all of it, or a clear refusal
            if args.format == "json":
                write_export(db, args.out, sys.stdout)
            else:
                _export_contacts(db, args.format, args.out)
    except BrokenPipeError:  # `trellis export | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except OSError as error:
        return fail(f"cannot write {args.out}: {error.strerror or error}")
    return 0


def _export_contacts(db: object, fmt: str, out: Path | None) -> None:
    from desktop_app.services.exporting.contacts_export import export_contacts, export_to_file
    from desktop_app.storage.database import Database

    assert isinstance(db, Database)
    if out is None:
        sys.stdout.reconfigure(newline="")  # type: ignore[union-attr]
        export_contacts(db, fmt, sys.stdout)
    else:
        export_to_file(db, fmt, out)
