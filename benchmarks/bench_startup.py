"""Start to window ready over a 10,000- and a 100,000-contact database, as a ratio of an
empty PySide6 QMainWindow shown and closed in a fresh process.
Goals: at most 2.0x at 10,000 contacts, at most 2.5x at 100,000.

The processes run interleaved (baseline, then each size, round after round) so that a
change in the machine's load touches every figure alike; each figure is a median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ENV, demo_db

BASELINE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.show(); app.processEvents()\n"
)
GOALS = {10_000: 2.0, 100_000: 2.5}


def _seconds(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=ENV, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=sorted(GOALS))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--folder", type=Path, help="keep the demo databases here (made once) for later runs"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.folder or Path(scratch)
        commands = {"baseline": [sys.executable, "-c", BASELINE]}
        for contacts in args.contacts:
            db = demo_db(tmp, contacts)
            commands[str(contacts)] = [
                *(sys.executable, "-m", "desktop_app", "--db", str(db), "--exit-when-ready"),
            ]
        for argv in commands.values():  # warm-up: disk cache, bytecode
            _seconds(argv)
        load_before = os.getloadavg()[0]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, argv in commands.items():
                times[name].append(_seconds(argv))
        load_after = os.getloadavg()[0]
    baseline = statistics.median(times["baseline"])
    print(f"load average {load_before:.2f} before, {load_after:.2f} after")
    print(f"baseline: empty QMainWindow process         {baseline * 1000:7.0f} ms")
    for contacts in args.contacts:
        trellis = statistics.median(times[str(contacts)])
        goal = GOALS.get(contacts)
        print(f"trellis --exit-when-ready, {contacts:>7,} contacts {trellis * 1000:7.0f} ms")
        print(f"  ratio {trellis / baseline:.2f}x" + (f" (goal <= {goal}x)" if goal else ""))


if __name__ == "__main__":
    main()
