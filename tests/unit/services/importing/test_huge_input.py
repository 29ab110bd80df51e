"""Huge input: a 10 MB photo and a 1 MB note come in whole; past the limits a vCard value is
left out with a warning, and a CSV row with a cell over 4 MB is rejected on its own (a quote
that never closes rejects the rest of the file, saying so). Memory stays bounded.

The 100 MB vCard and the 100,000-row CSV are measured by `python -m tools.reliability_report`
(too slow for every test run); their figures are in docs/reliability.md.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.services.importing.csv_reader import CELL_LIMIT, LINE_LIMIT
from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.vcard_reader import MAX_LINE_BYTES
from desktop_app.storage.database import Database
from tests.conftest import REPO_ROOT

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + os.urandom(10 * MB)


def card(name: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{body}END:VCARD\r\n"


def test_a_10_mb_photo_and_a_1_mb_note_come_in_whole(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "big.vcf"
    photo = base64.b64encode(PNG).decode()
    path.write_text(
        card("Photo Person", "EMAIL:photo@x.example", f"PHOTO;ENCODING=b;TYPE=PNG:{photo}")
        + card("Note Person", "EMAIL:note@x.example", "NOTE:" + "word " * (MB // 5)),
        encoding="utf-8",
    )
    report = run_import(db, [path])
    assert report.added == 2 and not report.warnings
    conn = db.fast_connection()
    assert conn.execute("SELECT data FROM photos").fetchone()[0] == PNG
    note = conn.execute("SELECT note FROM people WHERE full_name = 'Note Person'").fetchone()[0]
    assert len(note) >= MB - 5


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["First Name", "Last Name", "E-mail Address", "Notes"])
        writer.writerows(rows)
    return path


def imported_names(db: Database) -> list[str]:
    rows = db.fast_connection().execute("SELECT full_name FROM people ORDER BY id")
    return [name for (name,) in rows]


def test_a_csv_with_a_1_mb_note_imports_whole(db: Database, tmp_path: Path) -> None:
    note = "word " * (MB // 5) + "\nsecond paragraph"
    path = write_csv(
        tmp_path / "notes.csv",
        [["Ana", "Before", "ana@x.example", "n" * 100_000], ["Bo", "Long", "bo@x.example", note]],
    )
    report = run_import(db, [path])
    assert report.added == 2 and not report.rejected
    stored = db.fast_connection().execute("SELECT note FROM people WHERE family_name = 'Long'")
    assert stored.fetchone()[0] == note


@pytest.mark.parametrize("newlines", [False, True], ids=["one-line", "multi-line"])
def test_a_csv_cell_past_the_limit_rejects_only_its_row(
    db: Database, tmp_path: Path, newlines: bool
) -> None:
    """A cell over CELL_LIMIT (4 MB) rejects its own row, with its line, and reading goes on
    with the next row, also when the long cell spans several lines."""
    filler = ("n" * 999 + "\n") if newlines else "n" * 1000
    path = write_csv(
        tmp_path / "cell.csv",
        [
            ["Ana", "Before", "ana@x.example", "short"],
            ["Bo", "Huge", "bo@x.example", filler * (CELL_LIMIT // 1000 + 100)],
            ["Cy", "After", "cy@x.example", 'said "hi"'],
            ["Di", "Last", "di@x.example", ""],
        ],
    )
    report = run_import(db, [path])
    assert imported_names(db) == ["Ana Before", "Cy After", "Di Last"]
    [rejected] = report.rejected
    assert rejected.line == 3
    assert rejected.reason.startswith("a cell is longer than 4 MB")
    assert "this row was left out" in rejected.reason
    assert ("lines 3-" in rejected.reason) is newlines


def test_a_csv_line_past_the_line_limit_is_skipped_without_holding_it(
    db: Database, tmp_path: Path
) -> None:
    cells = ["x" * (CELL_LIMIT - 10)] * (LINE_LIMIT // CELL_LIMIT + 1)
    path = write_csv(
        tmp_path / "wide.csv",
        [["Ana", "Before", "ana@x.example", "a"], ["Bo", "Wide", "bo@x.example", *cells]],
    )
    with path.open("a", encoding="utf-8", newline="") as out:
        csv.writer(out).writerow(["Cy", "After", "cy@x.example", "c"])
    report = run_import(db, [path])
    assert imported_names(db) == ["Ana Before", "Cy After"]
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "a line is longer than 16 MB; this row was left out and reading went on after it")
    ]


@pytest.mark.parametrize("rows", [10, 60_000], ids=["small-file", "past-the-cell-limit"])
def test_a_quote_that_never_closes_is_reported_not_swallowed(
    db: Database, tmp_path: Path, rows: int
) -> None:
    """An unclosed quote early in a file must not silently turn the rest of the file into
    one cell (small file) nor into rows read out of step (past the limit): it is reported,
    the rows before it stay, and the time stays linear in the file."""
    path = write_csv(tmp_path / "open.csv", [["Ana", "Before", "ana@x.example", "a"]])
    with path.open("a", encoding="utf-8", newline="") as out:
        out.write('Bo,"Broken,bo@x.example,never closed\r\n')
        writer = csv.writer(out)
        for number in range(rows):
            writer.writerow([f"Row{number}", "Filler", f"r{number}@x.example", "x" * 80])
    report = run_import(db, [path])
    assert imported_names(db) == ["Ana Before"]
    [rejected] = report.rejected
    assert rejected.line == 3
    assert "a quote opened in this row never closes" in rejected.reason
    assert f"lines 3-{rows + 3} (the rest of the file) cannot be read as CSV" in rejected.reason


MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                  "peak": peak}))
"""


def peak_memory(*args: str) -> dict[str, object]:
    """Run `trellis args` and return its exit code, output and peak resident memory."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(sys.platform == "win32", reason="resource module")
def test_an_endless_value_is_left_out_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "endless.vcf"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Endless Note\r\nNOTE:")
        chunk = b"x" * MB
        for _ in range(MAX_LINE_BYTES // MB * 4):  # 64 MB on one line
            out.write(chunk)
        out.write(b"\r\nEMAIL:endless@x.example\r\nEND:VCARD\r\n")
        out.write(card("Next Card", "EMAIL:next@x.example").encode())
    small = tmp_path / "small.vcf"
    small.write_text(card("Small Card", "EMAIL:small@x.example"), encoding="utf-8")
    baseline = peak_memory("import", "--db", str(tmp_path / "small.db"), str(small))
    result = peak_memory("import", "--db", str(tmp_path / "n.db"), str(path))
    assert result["code"] == 0, result["stderr"]
    assert "line 4: a value longer than 16 MB was left out" in str(result["stdout"])
    assert "2 new" in str(result["stdout"])
    # The 64 MB line is never held whole: the peak stays near the limit, not the line.
    assert int(result["peak"]) < int(baseline["peak"]) + 3 * MAX_LINE_BYTES
