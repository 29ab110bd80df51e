"""Issue 17's hostile vCards: a property with 100,000 TYPE values, cards with huge distinct
parameter heads, a card too big to wait for before Cancel is honoured."""

from __future__ import annotations

import gc
import io
import sqlite3
import time
import tracemalloc
from pathlib import Path

import pytest

from desktop_app.services.importing import vcard_reader
from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.vcard_heads import MAX_LABEL_CHARS, MAX_PARAMETER_VALUES
from desktop_app.services.importing.vcard_mapping import card_to_person
from desktop_app.services.importing.vcard_reader import VCardReader
from desktop_app.storage.database import Database


def typed_card(path: Path, types: int, prefix: str) -> Path:
    """One card whose phone has `types` distinct TYPE values, on line 4."""
    labels = ",".join(f"{prefix}{n}" for n in range(types))
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Types\r\n"
        f"TEL;TYPE={labels}:+1 415 555 0100\r\nEND:VCARD\r\n",
        encoding="ascii",
    )
    return path


def seconds_to_read(path: Path) -> float:
    started = time.perf_counter()
    with path.open("rb") as stream:
        for card in VCardReader(stream):
            card_to_person(card)
    return time.perf_counter() - started


def test_a_property_with_100000_types_reads_in_linear_time(tmp_path: Path) -> None:
    few = min(seconds_to_read(typed_card(tmp_path / f"few{n}.vcf", 100, f"f{n}-")) for n in "ab")
    many = seconds_to_read(typed_card(tmp_path / "many.vcf", 100_000, "m-"))
    # The line is 1,000 times longer. Quadratic took 42 s (a ratio in the millions);
    # linear in bytes is under 1,000 times, and the fixed cost of a card keeps it lower.
    assert many / few < 3_000, (few, many)


def test_the_label_and_parameters_are_capped_with_a_warning(db: Database, tmp_path: Path) -> None:
    path = typed_card(tmp_path / "types.vcf", 100_000, "kind-")
    report = run_import(db, [path])
    assert report.added == 1
    with sqlite3.connect(db.path) as conn:
        (label,) = conn.execute("SELECT label FROM phones").fetchone()
    assert 0 < len(label) <= MAX_LABEL_CHARS
    assert label.startswith("kind-0 kind-1")
    warnings = list(report.warnings)
    assert [w for w in warnings if w.startswith("types.vcf: line 4:") and "parameters" in w]
    assert [w for w in warnings if "line 4" in w and "label" in w]


def test_every_parameter_counts_towards_the_cap() -> None:
    head = ";".join(f"X-P{n}=v" for n in range(200))
    data = f"BEGIN:VCARD\r\nFN:Ann\r\nEMAIL;{head}:ann@example.com\r\nEND:VCARD\r\n".encode()
    (card,) = VCardReader(io.BytesIO(data))
    assert sum(len(v) for v in card.properties[1].params.values()) == MAX_PARAMETER_VALUES
    assert any(p.startswith("line 3:") and "parameters" in p for p in card.problems)


# -- memory: huge distinct heads ------------------------------------------------------------

HEAD_BYTES = 100_000


def write_heads(path: Path, count: int) -> Path:
    """`count` cards, each with two 100 KB parameter heads no other card has."""
    with path.open("w", encoding="ascii", newline="") as out:
        for number in range(count):
            pad = f"{number:06d}" * (HEAD_BYTES // 6)
            types = ",".join(f"t{number}x{n}" for n in range(HEAD_BYTES // 12))
            out.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card {number}\r\n"
                f"NOTE;X-PAD={pad}:hello\r\nX-CUSTOM;X-PAD={pad}:x\r\n"
                f"TEL;TYPE={types}:+1 415 555 {number:04d}\r\nEND:VCARD\r\n"
            )
    return path


def traced_read(path: Path) -> tuple[int, int]:
    """(peak, still held afterwards) of reading and mapping every card of `path`."""
    gc.collect()
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            count = sum(1 for card in VCardReader(stream) if card_to_person(card)[0])
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count > 0
    return peak, held


def test_memory_does_not_grow_with_cards_of_distinct_huge_heads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vcard_reader, "CHUNK_SIZE", 256 * 1024)
    traced_read(write_heads(tmp_path / "warm.vcf", 2))
    small_peak, small_held = traced_read(write_heads(tmp_path / "small.vcf", 10))
    big_peak, big_held = traced_read(write_heads(tmp_path / "big.vcf", 50))
    # 40 more cards are 12 MB more heads; before, the parser's caches kept every one.
    assert big_held - small_held < 1_000_000, (small_held, big_held)
    assert big_peak - small_peak < 1_000_000, (small_peak, big_peak)


# -- cancel inside one card ---------------------------------------------------------------


def test_cancel_is_honoured_inside_one_huge_card(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "one-card.vcf"
    with path.open("w", encoding="ascii", newline="") as out:
        out.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge\r\n")
        for number in range(200_000):
            out.write(f"X-FILLER;TYPE=a{number}:{'x' * 40}\r\n")
        out.write("END:VCARD\r\n")
    asked: list[int] = []

    def cancel_on_second_check() -> bool:
        asked.append(1)
        return len(asked) >= 2

    report = run_import(db, [path], is_cancelled=cancel_on_second_check)
    assert report.cancelled
    assert len(asked) == 2  # asked while reading the card, stopped at once
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
