"""`trellis demo --contacts 100000`, whole process. Goal: under 30 s here.
Baseline printed beside it: the same process creating an empty database (start-up and
migrations), so the ratio shows the cost of the network itself."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import ENV


def run(db: Path, contacts: int) -> float:
    import subprocess

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "demo", "--db", str(db), "--contacts", str(contacts)],
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        empty = run(Path(tmp) / "empty.db", 0)
        full = run(Path(tmp) / "full.db", 100_000)
    print(f"baseline: trellis demo --contacts 0        {empty:6.2f} s")
    print(
        f"trellis demo --contacts 100000             {full:6.2f} s "
        f"({'meets' if full < 30 else 'misses'} the 30 s goal)"
    )
    print(f"ratio {full / empty:.1f}x the empty run")


if __name__ == "__main__":
    main()
