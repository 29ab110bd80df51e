"""`trellis import FILE…`: vCard and CSV address books into the network, headless.

Sure duplicates (same UID, email, phone or LinkedIn profile) are merged; possible ones
(similar name at the same organisation) are kept apart and listed. `--dry-run` prints the
preview and writes nothing. Exit 0 when something was read (rejected cards on stderr with
their line numbers), 1 when nothing could be read, 2 for usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports services only when a command runs
    from desktop_app.services.importing.report import ImportReport

SHOWN = 20  # preview rows per section before "… and N more"


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "import", help="import vCard (.vcf) or CSV contact files, or folders of them"
    )
    add_db_argument(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files or folders")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument(
        "--rejected", type=Path, metavar="FILE", help="also save the rejected cards to FILE"
    )


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import db_path
    from desktop_app.services.importing.pipeline import run_import
    from desktop_app.storage.database import open_database

    with open_database(db_path(args), backups=not args.dry_run) as db:
        report = run_import(db, args.files, dry_run=args.dry_run)
    try:
        return _show(args, report)
    finally:
        report.close()


def _show(args: argparse.Namespace, report: ImportReport) -> int:
    from desktop_app.cli import EXIT_FAILURE, EXIT_OK, fail
    from desktop_app.services.importing.report import write_rejections

    for _path, reason in report.unreadable:
        print(f"trellis: {reason}", file=sys.stderr)
    for rejected in report.rejected:
        print(f"trellis: rejected {rejected.describe()}", file=sys.stderr)
    if not report.anything_read:
        if not report.unreadable:
            print("trellis: no contact files found", file=sys.stderr)
        return EXIT_FAILURE
    _print_report(report)
    if args.rejected is not None and report.rejected:
        try:
            write_rejections(report.rejected, args.rejected)
        except OSError as error:
            return fail(f"cannot write {args.rejected}: {error.strerror or error}")
    return EXIT_OK


def _print_report(report: ImportReport) -> None:
    out = sys.stdout
    if report.dry_run:
        print(f"Preview (nothing written): {len(report.new)} new", file=out)
        for card in report.new[:SHOWN]:
            org = f" ({card.organization})" if card.organization else ""
            print(f"  new        {card.name}{org}  [{Path(card.path).name}:{card.line}]", file=out)
        if len(report.new) > SHOWN:
            print(f"  … and {len(report.new) - SHOWN} more", file=out)
    duplicates = report.duplicates  # spooled: read a page at a time, never all at once
    if duplicates.sure_count:
        print(
            f"Already known, merged: {duplicates.sure_count} ({duplicates.stored_sure_count} "
            f"already in Trellis, {duplicates.repeated_sure_count} twice in the imported files)",
            file=out,
        )
        for dup in duplicates.where_sure(True, limit=SHOWN):
            where = f"{Path(dup.card.path).name}:{dup.card.line}"
            place = f", {dup.place.label.lower()}" if dup.in_this_import else ""
            print(
                f"  merge      {dup.card.name} → {dup.match_name}  ({dup.reason}{place}) [{where}]"
            )
        if duplicates.sure_count > SHOWN:
            print(f"  … and {duplicates.sure_count - SHOWN} more", file=out)
    if duplicates.possible_count:
        print(f"Possible duplicates, kept apart: {duplicates.possible_count}", file=out)
        for dup in duplicates.where_sure(False):
            where = f"{Path(dup.card.path).name}:{dup.card.line}"
            print(
                f"  keep both  {dup.card.name} ~ {dup.match_name} (id {dup.match_id}, "
                f"{dup.reason}) [{where}]",
                file=out,
            )
    if report.warnings:
        print(f"Warnings: {len(report.warnings)} (values that were repaired or left out)")
        for warning in report.warnings[:SHOWN]:
            print(f"  {warning}", file=out)
    print(report.summary(), file=out)
