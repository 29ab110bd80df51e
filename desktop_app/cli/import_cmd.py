"""`trellis import FILE…`: vCard and CSV address books into the network, headless, and
history (LinkedIn exports, mbox, iCalendar) into interactions (docs/history-import.md).

Sure duplicates (same UID, email, phone or LinkedIn profile) are merged; possible ones
(similar name at the same organisation) are kept apart and listed, the first 20 unless
`--verbose`. `--dry-run` prints the preview and writes nothing. Exit 0 when something was
read (rejected cards on stderr with their line numbers), 1 when nothing could be read, 2
for usage.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports services only when a command runs
    from desktop_app.services.importing.report import ImportReport
    from desktop_app.storage.database import Database

SHOWN = 20  # preview rows per section before "… and N more"


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "import",
        help="import vCard (.vcf) or CSV contact files, LinkedIn exports (zip or folder), "
        "mbox mailboxes and iCalendar (.ics) files, or folders of them",
    )
    add_db_argument(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files or folders")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument(
        "--rejected", type=Path, metavar="FILE", help="also save the rejected cards to FILE"
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument(
        "--subjects",
        action="store_true",
        help="keep message and event subjects as the interactions' notes (never bodies)",
    )
    parser.add_argument(
        "--no-circles",
        action="store_true",
        help="only list the circles the history suggests; by default people without a "
        "circle get the suggested one, so their check-ins fall due",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=f"list every possible duplicate (by default the first {SHOWN} and how many more)",
    )


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import db_path, report_warnings
    from desktop_app.storage.database import open_database

    with _few_collections():
        if args.dry_run:
            report = _preview(args)
        else:
            with open_database(db_path(args)) as db:
                report_warnings(db)  # a daily backup that failed does not stop the import
                report = _run_import(db, args)
    try:
        return _show(args, report)
    finally:
        report.close()


def _run_import(db: Database, args: argparse.Namespace, dry_run: bool = False) -> ImportReport:
    """History read with the contacts; me made from a LinkedIn profile in a network
    without me; suggested circles given to people without one (unless --no-circles)."""
    from desktop_app.services.importing.pipeline import run_import

    return run_import(
        db,
        args.files,
        dry_run=dry_run,
        history=True,
        keep_subjects=args.subjects,
        make_me=True,
        apply_circles=not args.no_circles,
    )


@contextmanager
def _few_collections() -> Iterator[None]:
    """Fewer garbage collections while an import makes its ~10 objects a card (12% of the
    CPU time of 20,000 cards, issue 18). What was imported so far lives until the command
    ends: frozen, no collection walks it again. Young objects wait for 50,000 allocations
    instead of 700; they are freed by reference counting anyway, cycles only later."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _preview(args: argparse.Namespace) -> ImportReport:
    """`--dry-run`: read the database, write nothing — not even to a read-only one, nor
    a schema into a missing or empty file (then everything is new)."""
    import tempfile

    from desktop_app.cli import db_path
    from desktop_app.storage.database import file_size, open_database

    path = db_path(args)
    if file_size(path):
        with open_database(path, read_only=True) as db:
            return _run_import(db, args, dry_run=True)
    with (
        tempfile.TemporaryDirectory(prefix="trellis-preview-") as folder,
        open_database(Path(folder) / "empty.db", exclusive=False, backups=False) as db,
    ):
        return _run_import(db, args, dry_run=True)


def _show(args: argparse.Namespace, report: ImportReport) -> int:
    from desktop_app.cli import EXIT_FAILURE, EXIT_OK, fail
    from desktop_app.cli.terminal_text import printable
    from desktop_app.services.importing.report import write_rejections

    for _path, reason in report.unreadable:
        print(f"trellis: {printable(reason)}", file=sys.stderr)
    for rejected in report.rejected:
        print(f"trellis: rejected {printable(rejected.describe())}", file=sys.stderr)
    for warning in report.history.warnings:
        print(f"trellis: {printable(warning)}", file=sys.stderr)
    if report.history.warnings.more:
        print(f"trellis: … and {report.history.warnings.more} more warnings", file=sys.stderr)
    if not report.anything_read:
        if not report.unreadable:
            print("trellis: no contact files found", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        _print_json(report)
    else:
        _print_report(report, verbose=args.verbose)
    if args.rejected is not None and report.rejected:
        try:
            write_rejections(report.rejected, args.rejected)
        except OSError as error:
            return fail(f"cannot write {args.rejected}: {error.strerror or error}")
    return EXIT_OK


def _print_report(report: ImportReport, *, verbose: bool = False) -> None:
    from desktop_app.cli.terminal_text import printable as p

    out = sys.stdout
    if report.dry_run:
        print(f"Preview (nothing written): {len(report.new)} new", file=out)
        for card in report.new[:SHOWN]:
            org = f" ({p(card.organization)})" if card.organization else ""
            where = f"{p(Path(card.path).name)}:{card.line}"
            print(f"  new        {p(card.name)}{org}  [{where}]", file=out)
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
            where = f"{p(Path(dup.card.path).name)}:{dup.card.line}"
            place = f", {dup.place.label.lower()}" if dup.in_this_import else ""
            print(
                f"  merge      {p(dup.card.name)} → {p(dup.match_name)}  ({p(dup.reason)}{place})"
                f" [{where}]",
                file=out,
            )
        if duplicates.sure_count > SHOWN:
            print(f"  … and {duplicates.sure_count - SHOWN} more", file=out)
    if duplicates.possible_count:
        print(f"Possible duplicates, kept apart: {duplicates.possible_count}", file=out)
        # A real address book holds thousands of same-named people: a screenful, unless asked.
        for dup in duplicates.where_sure(False, limit=None if verbose else SHOWN):
            where = f"{p(Path(dup.card.path).name)}:{dup.card.line}"
            print(
                f"  keep both  {p(dup.card.name)} ~ {p(dup.match_name)} (id {dup.match_id}, "
                f"{p(dup.reason)}) [{where}]",
                file=out,
            )
        if not verbose and duplicates.possible_count > SHOWN:
            more = duplicates.possible_count - SHOWN
            print(f"  … and {more} more (--verbose lists them all)", file=out)
    if report.warnings:
        print(f"Warnings: {len(report.warnings)} (values that were repaired or left out)", file=out)
        for warning in report.warnings[:SHOWN]:
            print(f"  {p(warning)}", file=out)
    print(report.summary(), file=out)
    history = report.history
    if history.files:
        print(history.summary(), file=out)
        for reason, count in sorted(history.left_out.items()):
            print(f"  left out   {reason.replace('_', ' ')}: {count}", file=out)
        for person in history.unmatched[:SHOWN]:
            who = person.email or person.profile_url
            print(f"  not a contact  {p(person.name)} <{p(who)}>: {person.count}", file=out)
        if history.me_created:
            print("You: made from the export's Profile.csv (the centre of the map)", file=out)
        if history.circles_applied:
            done = "would get" if report.dry_run else "got"
            print(
                f"Circles: {history.circles_applied} people without one {done} the "
                "suggested circle (--no-circles: only suggest)",
                file=out,
            )
        left = len(history.circles) - history.circles_applied
        if history.ties or left:
            print(
                f"Suggestions (not applied): {len(history.ties)} ties, "
                f"{left} circles (--json lists them)",
                file=out,
            )


def _print_json(report: ImportReport) -> None:
    import json

    history = report.history
    duplicates = report.duplicates
    document = {
        "dry_run": report.dry_run,
        "contacts": {
            "new": report.added,
            "merged": report.merged,
            "skipped": report.skipped,
            "rejected": len(report.rejected),
            "possible_duplicates": duplicates.possible_count,
        },
        "history": history.as_json(),
        "unmatched": [u.as_json() for u in history.unmatched],
        "unmatched_total": history.unmatched_total,
        "suggestions": {
            "ties": [{"a": t.a, "b": t.b, "count": t.count} for t in history.ties],
            "circles": [
                {
                    "id": c.person_id,
                    "circle": c.circle.value,
                    "current": c.current.value if c.current else None,
                    "reason": c.reason,
                }
                for c in history.circles
            ],
        },
        "unreadable": [{"file": f, "reason": r} for f, r in report.unreadable],
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))
