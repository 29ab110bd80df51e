"""Huge input: a 10 MB photo and a 1 MB note (vCard) come in whole; past the limits a value is left
out with a warning (vCard); a CSV cell past csv's 128 KB bound rejects the rest of the file
from its line. Memory stays bounded.

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


def test_a_csv_cell_past_the_limit_rejects_the_rest_clearly(db: Database, tmp_path: Path) -> None:
    """Python's csv bounds a cell (128 KB); that bound is also what tells a quote that
    never closes from a long note, so a longer cell rejects the rest of the file, saying why.
    """
    path = tmp_path / "notes.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["First Name", "Last Name", "E-mail Address", "Notes"])
        writer.writerow(["Ana", "Short", "ana@x.example", "n" * 100_000])
        writer.writerow(["Bo", "Long", "bo@x.example", "n" * MB])
        writer.writerow(["Cy", "After", "cy@x.example", "short"])
    report = run_import(db, [path])
    assert report.added == 1
    assert [r.reason for r in report.rejected] == [
        "from here on the file cannot be read as CSV (a cell is longer than 128 KB)"
    ]
    note = db.fast_connection().execute("SELECT note FROM people").fetchone()[0]
    assert len(note) == 100_000


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
