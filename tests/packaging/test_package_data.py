"""Data files inside desktop_app reach wheels (pyproject package-data) as they reach bundles.

packaging/trellis.spec collects every non-Python file of the package; an installed wheel
only has those matching `[tool.setuptools.package-data]`. A new kind of data file must be
added there, or `pip install` users would miss it while bundle users have it.
"""

from __future__ import annotations

import fnmatch
import tomllib

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "desktop_app"


def test_every_data_file_of_the_package_is_package_data() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["desktop_app"]
    data = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.name.startswith(".")
        and path.suffix not in (".py", ".pyc")
    ]
    assert data, "the package ships data files"
    # For setuptools "**/" may also match no folder at all; fnmatch's "*" crosses "/".
    globs = [*patterns, *(p.removeprefix("**/") for p in patterns)]
    missing = [name for name in data if not any(fnmatch.fnmatch(name, g) for g in globs)]
    assert missing == []


def test_the_migrations_ship_with_their_template() -> None:
    migrations = PACKAGE / "storage" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    assert list((migrations / "versions").glob("0001_*.py"))
