"""Importing 20,000 vCard 3.0 cards, against vobject merely parsing the same file.

Goal (issue 3): the whole `trellis import` process takes at most half the time of vobject's
bare parse, into an empty database and again into one that already holds the cards
(duplicate detection on). Every figure is a fresh process, timed from outside.

Two card mixes (issue 18): the detailed cards of issue 3 (every name, number and address
different), and the cards of a real address book: two phones each, in US and
international spellings, and common names (340 given/family pairs for 20,000 people), so
many cards share a name and every number goes through phonenumbers.

    PYTHONPATH=. python benchmarks/bench_import.py [--cards 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Runs from compiled bytecode, as an installed Trellis does and vobject in the baseline
# does: compiling our modules from source each run (PYTHONDONTWRITEBYTECODE) is no part of
# an import.
from benchmarks._common import ENV  # noqa: E402

FIRST = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "John",
    "Donald",
    "Niklaus",
    "Bjarne",
    "Guido",
    "Anders",
    "James",
    "Larry",
    "Sophie",
    "Hedy",
    "Katherine",
    "Dorothy",
    "Mary",
    "Annie",
    "Evelyn",
    "Jean",
    "Betty",
    "Kathleen",
    "Adele",
    "Shafi",
    "Leslie",
    "Judea",
    "Yoshua",
    "Geoffrey",
    "Yann",
    "Fei",
    "Daphne",
    "Cynthia",
    "Manuel",
    "Ivan",
    "Butler",
    "Tony",
    "Robin",
    "Dana",
    "Juris",
    "Edmund",
    "Ole",
    "Kristen",
    "Peter",
    "Brian",
    "Bill",
    "Ward",
]
LAST = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Berners-Lee",
    "McCarthy",
    "Knuth",
    "Wirth",
    "Stroustrup",
    "van-Rossum",
    "Hejlsberg",
    "Gosling",
    "Wall",
    "Wilson",
    "Lamarr",
    "Johnson",
    "Vaughan",
    "Jackson",
    "Easley",
    "Boyd",
    "Jennings",
    "Holberton",
    "McNulty",
    "Goldberg",
    "Goldwasser",
    "Lamport",
    "Pearl",
    "Bengio",
    "Hinton",
    "LeCun",
    "Li",
    "Koller",
    "Dwork",
    "Blum",
    "Sutherland",
    "Lampson",
    "Hoare",
    "Milner",
    "Scott",
    "Hartmanis",
    "Stearns",
    "Clarke",
    "Dahl",
    "Nygaard",
    "Naur",
    "Kernighan",
    "Joy",
    "Cunningham",
    "Sammet",
    "Estrin",
]
ORGS = [f"Company {i}, Inc." for i in range(800)]

VOBJECT_PARSE = (
    "import sys, vobject\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    n = sum(1 for _ in vobject.readComponents(f))\n"
    "print(n)\n"
)


def write_cards(path: Path, count: int, seed: int = 3) -> None:
    """`count` realistic vCard 3.0 cards: folded lines, escapes, item groups, categories."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\r\n") as out:
        for i in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            org = rng.choice(ORGS).replace(",", "\\,")
            note = (
                f"Met at the meetup, talked about {rng.choice(LAST)}'s work\\, "
                "then coffee; wants an intro to the platform team. " * rng.randint(1, 3)
            )
            out.write(
                "BEGIN:VCARD\n"
                "VERSION:3.0\n"
                f"UID:bench-{i:06d}\n"
                f"N:{last};{first};;;\n"
                f"FN:{first} {last}\n"
                f"ORG:{org};Engineering\n"
                f"TITLE:Staff Engineer\\, Platform\n"
                f"EMAIL;TYPE=INTERNET,WORK:{first}.{last}.{i}@example.com\n"
                f"item1.EMAIL;TYPE=INTERNET:{first[0]}{last}{i}@mail.example.org\n"
                "item1.X-ABLabel:_$!<Other>!$_\n"
                f"TEL;TYPE=CELL:+1 415 {200 + i // 10000} {i % 10000:04d}\n"
                f"TEL;TYPE=WORK:(212) {300 + i // 10000}-{i % 10000:04d}\n"
                f"ADR;TYPE=WORK:;;{i} Market Street;San Francisco;CA;94105;USA\n"
                f"URL:https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i}\n"
                f"BDAY:--{1 + i % 12:02d}{1 + i % 28:02d}\n"
                f"CATEGORIES:{rng.choice(['conference', 'alumni', 'work'])},friends\n"
            )
            folded = f"NOTE:{note}"
            out.write(folded[:75] + "\n")
            for start in range(75, len(folded), 74):
                out.write(" " + folded[start : start + 74] + "\n")
            out.write("END:VCARD\n")


# A real 20,000-person address book has about 340 distinct given/family pairs among its
# common names; the numbers are each person's own, in the spellings phones write.
COMMON_NAME_PAIRS = 340
_PHONE_SPELLINGS = (  # each gives a different number for every i below 100,000
    lambda i: f"({201 + i // 10000}) 555-{i % 10000:04d}",
    lambda i: f"+1 {301 + i // 10000} 555 {i % 10000:04d}",
    lambda i: f"+44 20 79{i // 10000:02d} {i % 10000:04d}",
    lambda i: f"+44 7700 9{i:05d}",
    lambda i: f"+49 30 {1000000 + i:07d}",
    lambda i: f"+33 1 {40 + i // 10000:02d} {i // 100 % 100:02d} {i % 100:02d} 00",
    lambda i: f"+91 98{i:08d}",
    lambda i: f"020 7{i:06d}",
)


def write_common_name_cards(path: Path, count: int, seed: int = 5) -> None:
    """`count` plain cards: a common name and two phones each, as most address books hold."""
    rng = random.Random(seed)
    pairs = rng.sample([(f, la) for f in FIRST for la in LAST], COMMON_NAME_PAIRS)
    with path.open("w", encoding="utf-8", newline="\r\n") as out:
        for i in range(count):
            first, last = rng.choice(pairs)
            mobile = _PHONE_SPELLINGS[i % len(_PHONE_SPELLINGS)](i)
            other = _PHONE_SPELLINGS[(i + 3) % len(_PHONE_SPELLINGS)](i + count)
            out.write(
                "BEGIN:VCARD\n"
                "VERSION:3.0\n"
                f"UID:common-{i:06d}\n"
                f"N:{last};{first};;;\n"
                f"FN:{first} {last}\n"
                f"TEL;TYPE=CELL:{mobile}\n"
                f"TEL;TYPE=HOME:{other}\n"
                "END:VCARD\n"
            )


MIXES = (
    ("detailed cards, every name different (issue 3)", write_cards),
    ("two phones each, 340 common names (issue 18)", write_common_name_cards),
)


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process. On a machine shared with other
    work the wall time swings with the load; the CPU time much less, so both are shown."""
    env = ENV
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def median_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="median of this many runs")
    parser.add_argument(
        "--mix", type=int, choices=range(len(MIXES)), help="only this mix (0 or 1); both by default"
    )
    args = parser.parse_args()
    for number, (title, write) in enumerate(MIXES):
        if args.mix is None or args.mix == number:
            measure(title, write, args.cards, args.repeat)
    print("goal: ratio <= 0.50 for every line")
    return 0


def measure(title: str, write: Callable[[Path, int], None], count: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cards = Path(folder) / "cards.vcf"
        empty = Path(folder) / "empty.db"
        full = Path(folder) / "full.db"
        work = Path(folder) / "work.db"
        write(cards, count)
        print(f"{title}: {count} vCard 3.0 cards, {cards.stat().st_size / 1e6:.1f} MB")
        # The database exists and is empty, as after the first start of the app.
        create = "import sys, pathlib; from desktop_app.storage.database import open_database"
        create += "; open_database(pathlib.Path(sys.argv[1])).close()"
        timed([sys.executable, "-c", create, str(empty)])
        trellis = [sys.executable, "-m", "desktop_app", "import", str(cards), "--db", str(work)]

        def into(database: Path) -> tuple[float, float]:
            shutil.copyfile(database, work)
            return timed(trellis)

        shutil.copyfile(empty, full)
        timed([*trellis[:-1], str(full)])  # the database that already holds every card
        # One of each in turn, so that a change in the machine's load weighs on all three.
        runs = [
            (
                timed([sys.executable, "-c", VOBJECT_PARSE, str(cards)]),
                into(empty),
                into(full),
            )
            for _ in range(repeat)
        ]
        baseline, first, again = (median_of([r[i] for r in runs]) for i in range(3))
        print(f"  medians of {repeat} fresh processes each: wall time, then CPU time")
        for what, (wall, cpu) in (
            ("vobject bare parse (baseline)     ", baseline),
            ("trellis import into an empty db   ", first),
            ("trellis import again (all matched)", again),
        ):
            print(
                f"  {what}  {wall:6.2f} s  ratio {wall / baseline[0]:.2f}   "
                f"CPU {cpu:6.2f} s  ratio {cpu / baseline[1]:.2f}"
            )


if __name__ == "__main__":
    sys.exit(main())
