"""`trellis review-text FILE --kind KIND [--json]`: the automatic review, headless.

Offsets in the JSON are Python string indices (code points) into the decoded text; the
plain output adds line:column for people. Exit 0 when the text was reviewed, findings or
not; 1 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.services.document_resources import document_kinds

    parser = subparsers.add_parser(
        "review-text",
        help="check a pitch, brand statement, resume or letter (length, repeats, punctuation)",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a text file, or - for stdin")
    parser.add_argument(
        "--kind",
        required=True,
        choices=[spec.key for spec in document_kinds()],
        help="the kind of document, which sets the targets and checks",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else the detected encoding."""
    data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ValueError("it is not text in any encoding Trellis recognises") from None
        return str(best)


def run(args: argparse.Namespace) -> int:
    import json

    from desktop_app.cli import fail
    from desktop_app.cli.terminal_text import printable
    from desktop_app.domain.review_advice import advice_for
    from desktop_app.services.document_resources import kind_spec
    from desktop_app.services.text_review import review_as_json, review_text

    try:
        text = read_text(args.file)
    except FileNotFoundError:
        return fail(f"{args.file} does not exist")
    except IsADirectoryError:
        return fail(f"{args.file} is a folder, not a file")
    except (OSError, ValueError) as error:
        return fail(f"{args.file} cannot be read: {getattr(error, 'strerror', None) or error}")
    spec = kind_spec(args.kind)
    review = review_text(text, spec)
    if args.json:
        json.dump(review_as_json(review), sys.stdout, ensure_ascii=False, indent=2)
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


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1
