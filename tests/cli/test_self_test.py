"""`trellis --self-test`, the real command in a subprocess (CI also runs it in the bundle)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, run_cli


def test_self_test_passes_and_prints_one_line(data_dir: Path) -> None:
    result = run_cli("--self-test", timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("trellis self-test: ok — ")
    for step in ("migrations", "demo (40 contacts)", "import (3 cards)", "map PDF", "main window"):
        assert step in line
    assert not data_dir.exists(), "the self-test must not touch the user's data folder"


@pytest.mark.parametrize(
    ("lost", "message"),
    [
        ("documents/questions.json", "FileNotFoundError: "),
        ("help/guide.md", "SelfTestError: shipped files missing: help/guide.md"),
    ],
)
def test_a_broken_installation_fails_at_the_step_that_needs_the_missing_file(
    tmp_path: Path, lost: str, message: str
) -> None:
    """An installed copy (resources inside the package, as in a wheel or the bundle) that
    lost one shipped file, as a bundle missing its data."""
    installed = tmp_path / "site"
    shutil.copytree(
        REPO_ROOT / "desktop_app",
        installed / "desktop_app",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copytree(REPO_ROOT / "resources", installed / "desktop_app" / "_resources")
    (installed / "desktop_app" / "_resources" / lost).unlink()
    env = dict(os.environ, PYTHONPATH=str(installed))
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert result.stdout.startswith(f"trellis self-test: FAILED at resources: {message}")
    assert Path(lost).name in result.stdout
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" in result.stderr
