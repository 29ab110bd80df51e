"""Start to window ready over a 10,000-contact database, as a ratio of an empty PySide6
QMainWindow shown and closed in a fresh process. Goal: at most 2.5x."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import demo_db, time_process

BASELINE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.show(); app.processEvents()\n"
)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_db(Path(tmp), 10_000)
        baseline = time_process([sys.executable, "-c", BASELINE])
        trellis = time_process(
            [sys.executable, "-m", "desktop_app", "--db", str(db), "--exit-when-ready"]
        )
    print(f"baseline: empty QMainWindow process        {baseline * 1000:7.0f} ms")
    print(f"trellis --exit-when-ready, 10,000 contacts {trellis * 1000:7.0f} ms")
    print(f"ratio {trellis / baseline:.2f}x (goal <= 2.5x)")


if __name__ == "__main__":
    main()
