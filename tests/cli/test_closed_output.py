"""A reader that stops early (`trellis export | head -1`) gets a quiet exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, run_cli


def test_export_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "3000").returncode == 0
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    # `head -c 10`: reads ten bytes of the JSON, then closes its end of the pipe.
    shell = f"{sys.executable} -m desktop_app export --db '{db}' | head -c 10 > /dev/null"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert "BrokenPipeError" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
