"""The top-level resources/ folder reaches an installed wheel, and every file is found there.

A wheel is built from a copy of the checkout (as pip builds it, in an isolated build
environment), installed with `pip install --target` into a folder of its own, and a fresh
Python process with only that folder in front of sys.path reads every resource through
`desktop_app.resource_paths` and through the features that use them; then the installed
`trellis --self-test` runs from there.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.resource_paths import CHECKOUT, resource_files
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow

SOURCES = ("desktop_app", "resources", "pyproject.toml", "setup.py", "README.md")

PROBE = """
import hashlib, json, sys
import desktop_app
from desktop_app.resource_paths import resource_files, resource_path, resources_root
from desktop_app.services import document_resources
from desktop_app.ui.window.help import guide_markdown
from desktop_app.app import _icon_path

print(json.dumps({
    "package": desktop_app.__file__,
    "root": str(resources_root()),
    "files": {
        name: hashlib.sha256(resource_path(name).read_bytes()).hexdigest()
        for name in json.loads(sys.argv[1])
    },
    "listed": resource_files(),
    "kinds": len(document_resources.document_kinds()),
    "questions": sum(len(c.questions) for c in document_resources.question_bank()),
    "guide": guide_markdown()[:40],
    "icon": str(_icon_path()),
}))
"""


def _run(*argv: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        argv, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the package as `pip install` of the project's wheel leaves it."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for name in SOURCES:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet")
    _run(*pip, "wheel", "--no-deps", "--wheel-dir", str(tmp / "dist"), str(source), cwd=tmp)
    (wheel,) = (tmp / "dist").glob("trellis_network-*.whl")
    site = tmp / "site"
    _run(*pip, "install", "--no-deps", "--no-compile", "--target", str(site), str(wheel), cwd=tmp)
    return site


def _env(site: Path, home: Path) -> dict[str, str]:
    """Only the installed copy in front of sys.path; dependencies from this venv's site."""
    return dict(
        os.environ,
        PYTHONPATH=str(site),
        QT_QPA_PLATFORM="offscreen",
        TRELLIS_DATA_DIR=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )


def test_every_resource_resolves_from_an_installed_wheel(installed: Path, tmp_path: Path) -> None:
    shipped = resource_files()
    assert CHECKOUT.is_dir(), "run from a checkout: the files to compare with"
    assert {"documents/questions.json", "help/guide.md", "icons/trellis.png"} <= set(shipped)
    expected = {
        name: hashlib.sha256((CHECKOUT / name).read_bytes()).hexdigest() for name in shipped
    }
    out = _run(
        sys.executable,
        "-c",
        PROBE,
        json.dumps(shipped),
        cwd=tmp_path,
        env=_env(installed, tmp_path),
    )
    found = json.loads(out)
    package = installed / "desktop_app"
    assert Path(found["package"]).parent == package, "the wheel's copy, not the checkout"
    assert Path(found["root"]) == package / "_resources"
    assert found["files"] == expected
    assert found["listed"] == shipped
    assert found["kinds"] > 0
    assert found["questions"] > 0
    assert found["guide"].startswith("#")
    assert Path(found["icon"]) == package / "_resources" / "icons" / "trellis.png"


def test_self_test_passes_from_an_installed_wheel(installed: Path, tmp_path: Path) -> None:
    out = _run(
        sys.executable,
        "-m",
        "desktop_app",
        "--self-test",
        cwd=tmp_path,
        env=_env(installed, tmp_path),
        timeout=240,
    )
    assert out.startswith("trellis self-test: ok — "), out
    assert f"resources ({len(resource_files())} files, " in out
