"""Property-based fuzzing of the vCard and CSV readers (hypothesis).

Whatever bytes arrive, reading never raises anything but a reported `UnreadableFileError`,
every card becomes a person or a rejection with a reason, and each input is read within
`SECONDS_PER_INPUT`. Inputs that once broke a reader live in tests/fixtures/fuzz/ and are
read on every run. More examples run in `python -m tools.reliability_report`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_app.services.exporting.vcard_writer import escape
from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage.database import Database
from tests.fuzz_harness import (
    SECONDS_PER_INPUT,
    breakers,
    mutated_seed_file,
    read_everything,
    seed_files,
)

# `TRELLIS_FUZZ_EXAMPLES` raises the count for long runs (tools/reliability_report.py).
EXAMPLES = int(os.environ.get("TRELLIS_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=SECONDS_PER_INPUT),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # The suite replays the same cases every run; the report tool explores new ones.
    derandomize="TRELLIS_FUZZ_EXAMPLES" not in os.environ,
)
SEEDS = seed_files()


def read_bytes(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    outcome = read_everything(path)
    assert outcome.seconds < SECONDS_PER_INPUT
    assert outcome.cards > 0 or outcome.unreadable


@pytest.mark.parametrize("suffix", [".vcf", ".csv", ".txt"])
@FUZZ
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_are_read_or_reported(tmp_path: Path, suffix: str, data: bytes) -> None:
    read_bytes(tmp_path, data, suffix)


@FUZZ
@given(
    data=st.lists(
        st.sampled_from(
            [
                b"BEGIN:VCARD\r\n",
                b"END:VCARD\r\n",
                b"VERSION:2.1\r\n",
                b"FN:Ana\r\n",
                b"N:;;;;\r\n",
                b"EMAIL;TYPE=work:a@b.example\r\n",
                b"NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=\r\n",
                b"=A9 =\r\n",
                b"PHOTO;ENCODING=b:iVBORw0KGgo=\r\n",
                b" AAAA\r\n",
                b"\tcontinued\r\n",
                b"ORG:\\;\\,\\\\;x\r\n",
                b'TEL;TYPE="a:b,c":+1 555\r\n',
                b"CHARSET=utf-16:\xff\xfe\r\n",
                b"BEGIN:VCALENDAR\r\n",
                b"END:VCALENDAR\r\n",
                b"\r\n",
                b"ADR:;;;;;;;;;;;;\r\n",
                b"BDAY:0000-00-00\r\n",
                b"BDAY:--1231\r\n",
                b"KIND:org\r\n",
                b"CATEGORIES:,,,\r\n",
            ]
        ),
        max_size=60,
    )
)
def test_vcard_shaped_noise_is_read_or_reported(tmp_path: Path, data: list[bytes]) -> None:
    read_bytes(tmp_path, b"".join(data), ".vcf")


@pytest.mark.skipif(not SEEDS, reason="no seed files")
@FUZZ
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 12))
def test_mutated_real_files_are_read_or_reported(tmp_path: Path, seed: int, rounds: int) -> None:
    data, suffix = mutated_seed_file(seed, rounds)
    read_bytes(tmp_path, data, suffix)


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@FUZZ
@given(cards=st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=12))
@example(cards=[("Ana\rCR", "Org; Inc", "VP, Sales", "first\rsecond\\n; third")])
def test_every_written_card_is_imported_or_rejected(
    db: Database, tmp_path: Path, cards: list[tuple[str, str, str, str]]
) -> None:
    path = tmp_path / "cards.vcf"
    domain = uuid.uuid4().hex  # the database is shared by the examples: no merges across them
    with path.open("w", encoding="utf-8", newline="") as out:
        for number, (name, org, title, note) in enumerate(cards):
            out.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{escape(name)}\r\n"
                f"EMAIL:p{number}@{domain}.example\r\nORG:{escape(org)}\r\n"
                f"TITLE:{escape(title)}\r\nNOTE:{escape(note)}\r\nEND:VCARD\r\n"
            )
    outcome = read_everything(path)
    assert outcome.cards == len(cards), outcome
    report = run_import(db, [path])
    assert report.added + report.merged + report.skipped + len(report.rejected) == len(cards)
    # Values come back whole: what the writer escapes, the reader unescapes.
    rows = db.fast_connection().execute(
        "SELECT e.value, p.note FROM people p JOIN emails e ON e.person_id = p.id "
        "WHERE e.value LIKE ?",
        (f"%@{domain}.example",),
    )
    stored = dict(rows.fetchall())
    for number, (_name, _org, _title, note) in enumerate(cards):
        # The writer drops the control characters RFC 6350 forbids in text (tab stays).
        kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", note)
        expected = kept.replace("\r\n", "\n").replace("\r", "\n").strip()
        assert expected in stored[f"p{number}@{domain}.example"]


@FUZZ
@given(
    rows=st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
@example(rows=[("", "", "", "BEGIN:VCARD")], delimiter=",")
def test_every_csv_row_is_imported_or_rejected(
    tmp_path: Path, rows: list[tuple[str, str, str, str]], delimiter: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["First Name", "Last Name", "E-mail Address", "Notes"])
    kept = 0
    for number, (given_name, family, _email, note) in enumerate(rows):
        writer.writerow([given_name, family, f"p{number}@fuzz.example", note])
        kept += 1
    path = tmp_path / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    outcome = read_everything(path)
    assert outcome.cards == kept, outcome


@pytest.mark.parametrize("path", list(breakers()), ids=lambda p: p.name)
def test_inputs_that_once_broke_a_reader(path: Path) -> None:
    outcome = read_everything(path)
    assert outcome.cards > 0 or outcome.unreadable
