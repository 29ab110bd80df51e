"""Shared by the fuzz tests and `python -m tools.reliability_report`.

`read_everything` reads a contact file the way an import does and accounts for every card:
each one becomes a person or a rejection with a reason; a file that holds nothing readable
is reported as unreadable. Anything else (an exception escaping the readers) is a bug.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.services.importing.sources import ContactSource, UnreadableFileError

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "tests" / "fixtures"
FUZZ_CORPUS = FIXTURES / "fuzz"
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "contacts"
SECONDS_PER_INPUT = 5.0  # generous on a busy 2-core machine; inputs are at most ~100 KB


@dataclass(frozen=True)
class Outcome:
    people: int = 0
    rejected: int = 0
    unreadable: str = ""
    seconds: float = 0.0

    @property
    def cards(self) -> int:
        return self.people + self.rejected


def read_everything(path: Path) -> Outcome:
    """Every card of `path` as a person or a rejection; raises only on a reader bug."""
    started = time.perf_counter()
    people = rejected = 0
    try:
        with ContactSource(path) as source:
            for card in source:
                if card.person is None:
                    assert card.reason, f"card at line {card.line} rejected without a reason"
                    rejected += 1
                else:
                    people += 1
    except UnreadableFileError as error:  # the callers check that it says why
        return Outcome(people, rejected, str(error), time.perf_counter() - started)
    return Outcome(people, rejected, "", time.perf_counter() - started)


def seed_files() -> list[Path]:
    """Real files to mutate: our fixtures, the shared corpus where present, past breakers."""
    found: list[Path] = []
    for folder in (FIXTURES / "contacts", CORPUS, FUZZ_CORPUS):
        if folder.is_dir():
            found.extend(
                p for p in sorted(folder.iterdir()) if p.suffix.lower() in (".vcf", ".csv")
            )
    return found


def mutate(data: bytes, rng: random.Random, rounds: int) -> bytes:
    """Byte-level damage of the kinds real files suffer: flips, cuts, splices, repeats."""
    buffer = bytearray(data)
    tokens = [
        b"\r\n",
        b"\n ",
        b":",
        b";",
        b",",
        b"=",
        b'"',
        b"\\",
        b"^",
        b"\x00",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"BEGIN:VCARD\r\n",
        b"END:VCARD\r\n",
        b"ENCODING=QUOTED-PRINTABLE:",
        b"ENCODING=b:",
        b"CHARSET=x-unknown:",
        b"=\r\n",
        b"<b>bold</b>",
        "é€😀".encode(),
    ]
    for _ in range(rounds):
        if not buffer:
            buffer.extend(rng.choice(tokens))
            continue
        at = rng.randrange(len(buffer))
        kind = rng.randrange(6)
        if kind == 0:
            buffer[at] = rng.randrange(256)
        elif kind == 1:
            buffer[at:at] = rng.choice(tokens)
        elif kind == 2:
            del buffer[at : at + rng.randrange(1, 64)]
        elif kind == 3:
            span = bytes(buffer[at : at + rng.randrange(1, 256)])
            buffer[at:at] = span * rng.randrange(1, 4)
        elif kind == 4:
            del buffer[at:]
        else:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(buffer)


def mutated_seed_file(seed: int, rounds: int) -> tuple[bytes, str]:
    """The input `test_mutated_real_files_are_read_or_reported` draws for (seed, rounds)."""
    rng = random.Random(seed)
    original = rng.choice(seed_files())
    return mutate(original.read_bytes()[:100_000], rng, rounds), original.suffix


def breakers() -> Iterator[Path]:
    """Inputs that once broke a reader, kept so they are read again by every test run."""
    if FUZZ_CORPUS.is_dir():
        yield from sorted(p for p in FUZZ_CORPUS.iterdir() if p.is_file() and p.name != "README.md")
