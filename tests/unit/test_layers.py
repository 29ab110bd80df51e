"""The house rules (docs/ARCHITECTURE.md), read from the source with `ast`: imports point
one way (domain ← storage ← services ← ui), only storage talks to the database, and the
window's actions, main window and restore flow import each other in one direction."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"

# Layer → the layers above it, which it must never import.
FORBIDDEN_ABOVE = {
    "domain": ("storage", "services", "ui", "cli", "app", "self_test"),
    "storage": ("services", "ui", "cli", "app", "self_test"),
    "services": ("ui", "cli", "app", "self_test"),
}
DATABASE_LIBRARIES = ("sqlite3", "sqlalchemy", "alembic")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, *, run_time_only: bool = False) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in `path`, wherever it stands (inside a
    function, and under `if TYPE_CHECKING:` unless `run_time_only`); relative imports
    resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    if run_time_only:
        for block in ast.walk(tree):
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test):
                block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], base]).strip(".")
            yield node.lineno, base
            for alias in node.names:  # `from desktop_app import ui` imports a layer too
                yield node.lineno, f"{base}.{alias.name}"


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_only_storage_imports_sqlite3_or_sqlalchemy() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in modules()
        if layer_of(module_name(path)) != "storage"
        for line, name in imports(path)
        if name.split(".")[0] in DATABASE_LIBRARIES
    ]
    assert offenders == []


def test_imports_point_one_way() -> None:
    offenders = []
    for path in modules():
        layer = layer_of(module_name(path))
        for line, name in imports(path):
            parts = name.split(".")
            if (
                parts[0] == "desktop_app"
                and len(parts) > 1
                and parts[1] in FORBIDDEN_ABOVE.get(layer, ())
            ):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    assert offenders == []


def test_the_layer_rules_see_a_breach() -> None:
    """The walker finds imports inside functions and under TYPE_CHECKING (a rule that
    cannot fail would prove nothing)."""
    source = PACKAGE / "services" / "contacts.py"
    found = {name for _line, name in imports(source)}
    assert "desktop_app.storage.people_repository" in found  # imported inside a method
    assert "desktop_app.storage.handles.Connection" in found


WINDOW_MODULES = (
    "desktop_app.ui.window.actions",
    "desktop_app.ui.window.main_window",
    "desktop_app.ui.window.restore_flow",
)


def test_actions_main_window_and_restore_flow_form_no_cycle() -> None:
    """At run time (imports inside functions count): a type named for the checker only is
    no cycle, and the window hands restore_flow the way to make a new window."""
    graph = {
        name: {
            other
            for _line, imported in imports(
                PACKAGE.parent / (name.replace(".", "/") + ".py"), run_time_only=True
            )
            for other in WINDOW_MODULES
            if other != name and (imported == other or imported.startswith(other + "."))
        }
        for name in WINDOW_MODULES
    }

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in graph[start]
        )

    cycles = [name for name in WINDOW_MODULES if reaches(name, name)]
    assert cycles == [], graph


def test_matching_keys_are_domain_rules_that_storage_calls() -> None:
    """Phone, email and organisation keys are defined once, in domain/, not in storage."""
    defined_in_storage = [
        f"{path.relative_to(PACKAGE.parent)}: {node.name}"
        for path in sorted((PACKAGE / "storage").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name.startswith("normalize_")
    ]
    assert defined_in_storage == []
    used = {name for _line, name in imports(PACKAGE / "storage" / "people_repository.py")}
    assert "desktop_app.domain.contact_keys.normalize_phone" in used


def test_the_window_and_the_views_do_not_import_the_commands() -> None:
    """`app.py` and `ui/` take what they share with `cli/` (the `--db` path) from a neutral
    module (`desktop_app/paths.py`), never from the command line's package."""
    sources = [PACKAGE / "app.py", *sorted((PACKAGE / "ui").rglob("*.py"))]
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in sources
        for line, name in imports(path)
        if name == "desktop_app.cli" or name.startswith("desktop_app.cli.")
    ]
    assert offenders == []
