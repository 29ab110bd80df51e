"""Peak memory of importing a ~100 MB vCard file, against merely reading its cards.

Goal (issue 9, "huge input"): memory stays bounded as the file grows. Baseline: a fresh
process that reads every card of the file with our reader and mapping (`ContactSource`)
and drops it, writing nothing. Measured: `trellis import` (and `--dry-run`, the preview)
of the same file into an empty database. Each figure is the peak resident memory of a
fresh process; the same runs on a file a quarter the size show how much memory grows with
the file (before the change: ~1.1 KB per card, 618 MB peak for 500,000 cards).

    PYTHONPATH=. python benchmarks/bench_import_memory.py [--mb 100]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._common import ENV  # noqa: E402
from tests.crash_harness import write_vcards  # noqa: E402

MB = 1024 * 1024

# Runs the command in argv[1:] and prints its peak resident memory (a fresh wrapper per
# figure: RUSAGE_CHILDREN is the peak over every child waited for).
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
print(json.dumps({"code": done.returncode, "err": done.stderr.decode()[-500:],
                  "seconds": time.perf_counter() - started,
                  "peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))
"""

READ_ONLY = """
import sys
from pathlib import Path
from desktop_app.services.importing.sources import ContactSource
with ContactSource(Path(sys.argv[1])) as source:
    cards = sum(1 for _ in source)
print(cards)
"""


def measure(args: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of one fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], env=ENV, capture_output=True, text=True
    )
    result = json.loads(done.stdout)
    if result["code"] != 0:
        raise SystemExit(f"{args[:4]} failed: {result['err']}")
    return result["peak"] / MB, result["seconds"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of the big file")
    parser.add_argument("--no-dry-run", action="store_true", help="skip the preview run")
    args = parser.parse_args()
    per_card = 0.0
    with tempfile.TemporaryDirectory(prefix="trellis-bench-memory-") as folder_name:
        folder = Path(folder_name)
        sample = write_vcards(folder / "sample.vcf", 1000, "bench")
        per_card = sample.stat().st_size / 1000
        rows: list[tuple[str, float, float, float]] = []
        for size in (args.mb // 4, args.mb):
            cards = int(size * MB / per_card)
            path = write_vcards(folder / f"cards-{size}.vcf", cards, "bench")
            print(f"{cards:,} cards, {path.stat().st_size / MB:.1f} MB …", file=sys.stderr)
            base, base_s = measure([sys.executable, "-c", READ_ONLY, str(path)])
            rows.append((f"{size} MB: baseline, reading the cards only", base, base_s, base))
            db = folder / f"import-{size}.db"
            peak, seconds = measure(
                [sys.executable, "-m", "desktop_app", "import", "--db", str(db), str(path)]
            )
            rows.append((f"{size} MB: trellis import into an empty db", peak, seconds, base))
            if size == args.mb and not args.no_dry_run:
                dry = ["import", "--dry-run", "--db", str(folder / "dry.db"), str(path)]
                peak, seconds = measure([sys.executable, "-m", "desktop_app", *dry])
                rows.append((f"{size} MB: trellis import --dry-run", peak, seconds, base))
    print(f"vCard 3.0 cards of {per_card:.0f} bytes; peak resident memory of fresh processes")
    for what, peak, seconds, base in rows:
        print(f"{what:<48} {peak:7.0f} MB  {seconds:6.1f} s   ratio {peak / base:.2f}")
    small = next(r for r in rows if "import into" in r[0])
    big = [r for r in rows if "import into" in r[0]][-1]
    print(
        f"import peak grew {big[1] - small[1]:+.0f} MB from {args.mb // 4} MB to {args.mb} MB "
        "of file; goal: roughly flat (before: ~1.1 KB per card)"
    )
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    sys.exit(code)
