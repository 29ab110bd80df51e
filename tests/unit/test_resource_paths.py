"""desktop_app.resource_paths: one rule for where shipped files are, in a checkout too."""

from __future__ import annotations

import pytest

from desktop_app.resource_paths import CHECKOUT, resource_files, resource_path, resources_root
from tests.conftest import REPO_ROOT


def test_a_checkout_reads_the_top_level_resources_folder() -> None:
    assert CHECKOUT == REPO_ROOT / "resources"
    assert resources_root() == CHECKOUT
    assert resource_path("help/guide.md") == REPO_ROOT / "resources" / "help" / "guide.md"


def test_every_shipped_file_is_listed_by_its_relative_path() -> None:
    names = resource_files()
    on_disk = sorted(
        p.relative_to(CHECKOUT).as_posix()
        for p in CHECKOUT.rglob("*")
        if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
    )
    assert names == on_disk
    assert all(resource_path(name).is_file() for name in names)


def test_nothing_has_stayed_in_the_old_folder_inside_the_package() -> None:
    old = REPO_ROOT / "desktop_app" / "resources"
    assert not old.exists(), (
        "move them: git mv desktop_app/resources/X resources/X, and read them with "
        "desktop_app.resource_paths.resource_path('X/...')"
    )


@pytest.mark.parametrize("name", ["", "/etc/passwd", "../pyproject.toml", "icons/../../setup.py"])
def test_a_path_outside_the_resources_folder_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a path inside the resources folder"):
        resource_path(name)
