"""Where the shipped resources are: templates, question bank, help guide, icons, samples.

The files live in the checkout's top-level `resources/` folder, beside `desktop_app/`. A
wheel carries them as the data package `desktop_app._resources` (pyproject maps that
package onto `resources/`), and the PyInstaller bundle puts them at the same place
(packaging/trellis.spec), so one rule finds them everywhere:

1. `desktop_app/_resources/` inside the package, when it is there (wheel, bundle);
2. otherwise `resources/` beside the package folder (a checkout, an editable install).

The package's own copy comes first: next to an installed package, `site-packages/resources`
may be some other distribution's folder. Every feature names a file by its path relative
to the resources root, `resource_path("icons/trellis.png")`, never by a path of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGED = PACKAGE_DIR / "_resources"
CHECKOUT = PACKAGE_DIR.parent / "resources"


@cache
def resources_root() -> Path:
    """The folder that holds every shipped resource (see the module's docstring)."""
    return PACKAGED if PACKAGED.is_dir() else CHECKOUT


def resource_path(relative: str) -> Path:
    """The file (or folder) at `relative`, a '/'-separated path under the resources root.

    The file need not exist: reading a missing one raises FileNotFoundError naming it, as
    the self-test reports for a bundle that lost its data.
    """
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise ValueError(f"not a path inside the resources folder: {relative!r}")
    return resources_root().joinpath(*parts)


def resource_files() -> list[str]:
    """Every shipped file, as the relative paths `resource_path` takes, sorted."""
    root = resources_root()
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )
