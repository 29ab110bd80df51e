"""Start to window ready (`--exit-when-ready`): what it loads, and the collector after it.

benchmarks/bench_startup.py measures the time; these keep the choices it depends on.
"""

from __future__ import annotations

import ast
import gc
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, run_cli

# Reports of an import (and the history readers' models): loaded with the first import.
NOT_BEFORE_THE_FIRST_PAINT = (
    "desktop_app.services.importing.report",
    "desktop_app.services.history.report",
    "desktop_app.services.history.model",
    "email.header",
)


def _start(tmp_path: Path, at_exit: str) -> object:
    """Run the window to ready on a small network; what `at_exit` evaluates to at exit."""
    db = tmp_path / "n.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "50").returncode == 0
    script = (
        "import atexit, gc, sys\n"
        f"atexit.register(lambda: print(repr({at_exit})))\n"
        "from desktop_app.cli import main\n"
        f"sys.exit(main(['--db', {str(db)!r}, '--exit-when-ready']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=dict(
            os.environ,
            PYTHONPATH=str(REPO_ROOT),
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(tmp_path / "config"),  # no saved theme: the system look
        ),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_the_first_paint_does_not_load_the_import_reports(tmp_path: Path) -> None:
    names = repr(NOT_BEFORE_THE_FIRST_PAINT)
    loaded = _start(tmp_path, f"[m for m in {names} if m in sys.modules]")
    assert loaded == []


def test_the_layers_under_the_window_are_imported_before_pyside6(tmp_path: Path) -> None:
    """Every module imported after PySide6 has its source read by shiboken (its
    `__feature__` check); the Qt-free layers come first, so they skip it."""
    watched = (
        "sqlite3",
        "desktop_app.storage.database",
        "desktop_app.storage.contact_summaries",
        "desktop_app.domain.values",
        "desktop_app.services.contacts",
        "PySide6",
    )
    order = _start(tmp_path, f"[m for m in sys.modules if m in {watched!r}]")
    assert order[-1] == "PySide6" and sorted(order) == sorted(watched)  # type: ignore[index]


def test_the_system_look_never_builds_the_themed_style(tmp_path: Path) -> None:
    """QStyle's enums take milliseconds to build; only a light or dark theme needs them."""
    assert _start(tmp_path, "'desktop_app.ui.window.indicator_style' in sys.modules") is False


def test_the_collector_has_its_thresholds_back_and_skips_what_start_up_made(
    tmp_path: Path,
) -> None:
    threshold, frozen = _start(tmp_path, "(gc.get_threshold(), gc.get_freeze_count())")  # type: ignore[misc]
    assert threshold == gc.get_threshold()  # this process has Python's own
    assert frozen > 10_000  # modules, classes and Qt wrappers made before the first paint
