"""What pyproject.toml cannot say alone: the wheel carries the top-level `resources/` folder
as the data package `desktop_app._resources` (found by desktop_app/resource_paths.py).

pyproject's `packages.find` only lists folders that exist under `desktop_app/`; a package
mapped onto another folder, and its subfolders, have to be named beside the discovered
ones, here. (Unnamed subfolders would still ship, through the package-data glob, but with
a warning from setuptools for each.)
"""

from setuptools import find_namespace_packages, setup

RESOURCES = "desktop_app._resources"

setup(
    packages=[
        *find_namespace_packages(include=["desktop_app*"]),
        RESOURCES,
        *(f"{RESOURCES}.{name}" for name in find_namespace_packages(where="resources")),
    ],
    package_dir={RESOURCES: "resources"},
)
