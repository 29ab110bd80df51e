"""`trellis review-text FILE --kind KIND [--db D] [--lang en-US|en-GB] [--json]`: the
automatic review, headless.

FILE is plain text (.txt, .md, or - for stdin), a PDF or a DOCX; offsets in the JSON are
Python string indices (code points) into the extracted text, which the JSON carries as
`text` when FILE is not plain text. With `--db` the spelling check knows the network's
names, my job titles and added words, and the review names my jobs and goals the text leaves
out; without it no database is read. The plain output adds line:column for people. Exit 0
when the text was reviewed, findings or not; 1 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.services.text_review import ReviewContext


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.services.document_resources import document_kinds

    parser = subparsers.add_parser(
        "review-text",
        help="check a pitch, brand statement, resume or letter (length, repeats, punctuation)",
    )
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="a .txt, .md, .pdf or .docx file, or - for stdin"
    )
    parser.add_argument(
        "--kind",
        required=True,
        choices=[spec.key for spec in document_kinds()],
        help="the kind of document, which sets the targets and checks",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="a Trellis database: its names join the dictionary; my jobs and goals are checked",
    )
    parser.add_argument(
        "--lang",
        choices=["en-US", "en-GB"],
        default="en-US",
        help="the spelling dictionary (default en-US)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else the detected encoding."""
    from desktop_app.services.document_text import decode_text

    return decode_text(sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes())


def run(args: argparse.Namespace) -> int:
    import json

    from desktop_app.cli import fail
    from desktop_app.cli.terminal_text import printable
    from desktop_app.domain.review_advice import advice_for
    from desktop_app.services.document_resources import kind_spec
    from desktop_app.services.document_text import DocumentTextError, extract_text
    from desktop_app.services.text_review import review_as_json, review_text

    source = "text"
    try:
        if str(args.file) == "-":
            text = read_text(args.file)
        else:
            extracted = extract_text(args.file)
            text, source = extracted.text, extracted.source
    except FileNotFoundError:
        return fail(f"{args.file} does not exist")
    except IsADirectoryError:
        return fail(f"{args.file} is a folder, not a file")
    except DocumentTextError as error:
        return fail(f"{args.file} cannot be checked: {error}")
    except (OSError, ValueError) as error:
        return fail(f"{args.file} cannot be read: {getattr(error, 'strerror', None) or error}")
    spec = kind_spec(args.kind)
    review = review_text(text, spec, context=_context(args))
    if args.json:
        shape = review_as_json(review)
        if source != "text":
            shape["text"] = text
        json.dump(shape, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    target = f" (target {spec.target_seconds} s)" if spec.target_seconds else ""
    print(f"{review.words} words, about {review.spoken_seconds:g} s spoken{target}.")
    line_starts = _line_starts(text)
    for finding in review.findings:
        line, column = _position(line_starts, finding.start)
        where = f"{printable(args.file)}:{line}:{column}"
        print(f"{where}: {finding.kind}: {printable(finding.message)}")
        print(f"    {advice_for(finding.kind).text()}")
    if not review.findings:
        print("No findings.")
    return 0


def _context(args: argparse.Namespace) -> ReviewContext:
    from desktop_app.cli import existing_db_path
    from desktop_app.services.text_review.context import load_context
    from desktop_app.storage.database import open_database

    if getattr(args, "db", None) is None:
        return load_context(None, args.lang)
    with open_database(existing_db_path(args), read_only=True) as db:
        return load_context(db, args.lang)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1
