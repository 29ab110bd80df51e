"""Helpers shared by the benchmark scripts: a demo database and timing whole processes."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A fresh, empty config folder: a sort or view remembered by someone's real session
# must not change what is measured.
ENV = dict(
    os.environ,
    QT_QPA_PLATFORM="offscreen",
    PYTHONPATH=str(REPO),
    XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="trellis-bench-config-"),
)
# An installed Trellis runs from compiled bytecode, as PySide6 in the baseline does (pip
# and PyInstaller both compile it): compile ours too, so no run measures the compiler.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
compileall.compile_dir(REPO / "desktop_app", quiet=1)


def trellis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )


def demo_db(folder: Path, contacts: int, seed: int = 1) -> Path:
    path = folder / f"demo-{contacts}-{seed}.db"
    if not path.exists():
        trellis("demo", "--db", str(path), "--contacts", str(contacts), "--seed", str(seed))
    return path


def time_process(argv: list[str], repeat: int = 7) -> float:
    """Median wall time of a whole process, after one warm-up run."""
    subprocess.run(argv, env=ENV, capture_output=True, check=True)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(argv, env=ENV, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
