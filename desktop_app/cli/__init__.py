"""The `trellis` command: the GUI by default, headless sub-commands for scripting.

Sub-command modules are imported only when the parser is built, and each keeps its heavy
imports inside `run`, so `trellis` with no sub-command starts the window quickly.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import __version__
from desktop_app.paths import db_path as db_path  # re-exported for the commands

# One module per sub-command, each with `register(subparsers)` and `run(args) -> int`.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "export",
    "check",
    "due",
    "ics",
    "review_text",
    "print_map",
    "import_cmd",
    "restore",
    "path_cmd",
    "sync_cmd",
    "events_cmd",
    "prep_cmd",
)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = _gui_parser(with_files=False)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"desktop_app.cli.{name}")
        module.register(subparsers)
    return parser


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the database file (default: trellis.db in the user data folder)",
    )


class CommandError(Exception):
    """A failure `main` reports on stderr with exit 1; `str(error)` is meant for the user."""


def existing_db_path(args: argparse.Namespace) -> Path:
    """`db_path(args)`, for commands that only read: it must already exist."""
    from desktop_app.storage.database import file_size

    path = db_path(args)
    if file_size(path) is None:  # a StorageError when a folder on the way is shut
        raise CommandError(f"{path} does not exist")
    return path


def report_warnings(db: object) -> None:
    """What went wrong while opening without stopping the command (a failed daily
    backup), one line each on stderr."""
    for warning in getattr(db, "warnings", ()):
        print(f"trellis: warning: {warning}", file=sys.stderr)


def fail(message: str, code: int = EXIT_FAILURE) -> int:
    from desktop_app.cli.terminal_text import printable

    print(f"trellis: {printable(message, keep_newlines=True)}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--layout-worker"]:  # internal: the map's layout process in a frozen app
        from desktop_app.services.map.layout_worker import main as layout_worker

        return layout_worker()
    try:
        args = _parse(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(stop.code or 0)
    command = getattr(args, "command", None)
    if getattr(args, "self_test", False):
        from desktop_app.self_test import run_self_test

        return run_self_test()
    if command is None:
        import_layers_under_the_window()
        from desktop_app.app import run_gui

        return run_gui(args)
    from desktop_app.storage.errors import StorageError, translated_errors

    modules = {_command_name(name): name for name in COMMAND_MODULES}
    module = importlib.import_module(f"desktop_app.cli.{modules[command]}")
    try:
        # The storage door for what a command read on a raw connection: damage met
        # mid-read, a full disk, busy beyond the timeout. Anything else is a bug, raised.
        with translated_errors(db_path(args)):
            return int(module.run(args))
    except (CommandError, StorageError) as error:  # the database missing, locked, too new…
        return fail(str(error), EXIT_FAILURE)
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_FAILURE)


def import_layers_under_the_window() -> None:
    """Import what the window stands on (storage, domain, services) before PySide6.

    Once PySide6 is in, shiboken reads the source of every module imported after it, to
    see whether the module uses PySide's `__feature__` switches: about 10 ms of start-up for
    these Qt-free modules. None of them imports Qt (tests/cli/test_start_up.py)."""
    import html  # noqa: F401  (the sync status line escapes with it)

    import desktop_app.resource_paths
    import desktop_app.services.attachments
    import desktop_app.services.contacts
    import desktop_app.storage.database
    import desktop_app.storage.integrity_queries  # noqa: F401


def _parse(argv: list[str]) -> argparse.Namespace:
    """Sub-commands parse `argv` as it is; the window hands Qt's own options to Qt
    (`args.qt_options`) and parses the rest."""
    try:
        ours, qt_options = split_qt_options(argv)
    except ValueError as missing:
        if _is_gui_invocation(argv):
            _gui_parser().error(f"argument {missing}: expected one argument")
        ours, qt_options = argv, []
    if not _is_gui_invocation(ours):
        args = build_parser().parse_args(argv)
        args.qt_options = []
        return args
    args = _gui_parser().parse_args(ours)
    args.qt_options = qt_options
    return args


def _command_name(module: str) -> str:
    """`import_cmd` → `import`: modules named after keywords carry a `_cmd` suffix."""
    return module.removesuffix("_cmd").replace("_", "-")


def _is_gui_invocation(argv: Sequence[str]) -> bool:
    """True when no sub-command is named: skip importing every command module."""
    commands = {_command_name(name) for name in COMMAND_MODULES}
    return not any(arg in commands for arg in argv) and not any(
        arg in ("-h", "--help") for arg in argv
    )


def _gui_parser(with_files: bool = True) -> argparse.ArgumentParser:
    """The arguments of the window itself; sub-commands are added by `build_parser`.

    `build_parser` leaves out the window's FILES: a greedy positional before the
    sub-command would swallow the command's name when it takes a positional (review-text).
    """
    parser = argparse.ArgumentParser(
        prog="trellis",
        description="Trellis: build, nurture and use your professional network.",
        epilog="The window also takes Qt's own options (-style Fusion, -platform xcb, "
        "-stylesheet FILE, -reverse…) and passes them on to Qt.",
    )
    parser.add_argument("--version", action="version", version=f"trellis {__version__}")
    add_db_argument(parser)
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="open the main window and exit 0 once the contact table has painted",
    )
    parser.add_argument("--read-only", action="store_true", help="open the database read-only")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end in a temporary folder, offscreen; exit 0 if sound",
    )
    if with_files:
        parser.add_argument("files", nargs="*", type=Path, help="contact files to import")
    return parser


# Options QApplication reads itself (Qt's QGuiApplication and QApplication documentation),
# given with one dash or two; the window passes them on to Qt instead of refusing them.
_QT_VALUE_OPTIONS = frozenset(
    f"{dashes}{name}"
    for dashes in ("-", "--")
    for name in (
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "session",
        "style",
        "stylesheet",
        "display",
        "geometry",
        "title",
        "icon",
        "name",
    )
)
_QT_FLAG_OPTIONS = frozenset(
    f"{dashes}{name}"
    for dashes in ("-", "--")
    for name in ("reverse", "widgetcount", "nograb", "dograb", "sync", "testability")
)


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """`argv` without Qt's own options (`-style Fusion`, `-style=Fusion`, `-reverse`…),
    and those options with their values, for QApplication. `--` ends the options; a value
    option at the end without its value raises ValueError(option)."""
    ours: list[str] = []
    qt: list[str] = []
    rest = iter(argv)
    for arg in rest:
        if arg == "--":
            ours.append(arg)
            ours.extend(rest)
            break
        name = arg.split("=", 1)[0]
        if arg in _QT_FLAG_OPTIONS or ("=" in arg and name in _QT_VALUE_OPTIONS):
            qt.append(arg)
        elif arg in _QT_VALUE_OPTIONS:
            value = next(rest, None)
            if value is None:
                raise ValueError(arg)  # the option that lacks its value
            qt.extend((arg, value))
        else:
            ours.append(arg)
    return ours, qt
