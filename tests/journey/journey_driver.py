"""A user's journey through the real Trellis window, driven by real X input events.

Runs inside the Trellis process under a real X server (the xcb platform, never offscreen):
`trellis` itself starts as it would from a menu, and a timer advances the journey one
small step at a time while Qt's event loop (and any modal dialog's) keeps running. Every
key press and click goes through the X server with xdotool, exactly as a user's would;
the driver only *reads* the widgets and the database to check what came out.

    python journey_driver.py first|reopen DB SHOTS_DIR [VCARD]

Exit 0 when every step held; otherwise it prints the failing step, saves a screenshot of
the whole screen to SHOTS_DIR and exits 1. Qt warnings fail the journey too.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

Steps = Iterator[None]

# The xcb platform's own chatter on a bare Xvfb, never about Trellis.
IGNORED_QT_MESSAGES = (
    "QXcbConnection",
    "qt.qpa.xcb",
    "xkbcommon",
    "Could not load the Qt platform plugin",
    "QStandardPaths: XDG_RUNTIME_DIR",
    "qt.qpa.wayland",
    "This plugin does not support propagateSizeHints",
)


class JourneyError(Exception):
    pass


class Journey:
    def __init__(self, db: Path, shots: Path, vcard: Path | None) -> None:
        self.db = db
        self.shots = shots
        self.vcard = vcard
        self.step_name = "start"
        self.step_number = 0
        self.qt_warnings: list[str] = []
        self.python_errors: list[str] = []
        self.finished = 0.0  # when the last step ran (the journey then waits for Trellis to quit)
        self.state_file = shots / "journey-state.json"

    # -- the machinery -------------------------------------------------------------------

    def step(self, name: str) -> None:
        self.step_number += 1
        self.step_name = name
        print(f"step {self.step_number}: {name}", flush=True)

    def fail(self, message: str) -> None:
        raise JourneyError(f"{self.step_name}: {message}")

    def wait_until(
        self, condition: Callable[[], Any], what: str | Callable[[], str], timeout: float = 20
    ) -> Steps:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                said = what() if callable(what) else what
                self.fail(f"timed out after {timeout:.0f} s waiting for {said}")
            yield

    def pause(self, seconds: float) -> Steps:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            yield

    def xdotool(self, *args: str) -> Steps:
        """Run xdotool without blocking Qt: the X events it sends must be answered."""
        process = subprocess.Popen(["xdotool", *args])
        deadline = time.monotonic() + 30
        while process.poll() is None:
            if time.monotonic() > deadline:
                process.kill()
                self.fail(f"xdotool {' '.join(args)} hung")
            yield
        if process.returncode != 0:
            self.fail(f"xdotool {' '.join(args)} exited {process.returncode}")
        yield from self.pause(0.15)

    def key(self, *keys: str) -> Steps:
        yield from self.xdotool("key", "--clearmodifiers", "--delay", "40", *keys)

    def type_text(self, text: str) -> Steps:
        yield from self.xdotool("type", "--clearmodifiers", "--delay", "30", text)

    def click(self, widget: QWidget, where: QPoint | None = None, button: int = 1) -> Steps:
        point = widget.mapToGlobal(where if where is not None else widget.rect().center())
        yield from self.xdotool(
            "mousemove", "--sync", str(point.x()), str(point.y()), "click", str(button)
        )

    def quit(self) -> Steps:
        """Ctrl+Q; the journey ends when Trellis returns, and fails if it does not."""
        self.finished = time.monotonic()
        subprocess.Popen(["xdotool", "key", "--clearmodifiers", "ctrl+q"])
        yield

    def screenshot(self, name: str) -> Path:
        path = self.shots / f"{self.step_number:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=False, timeout=30)
        return path

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as connection:
            return list(connection.execute(sql, params))

    def title_of(self, person_id: int) -> str:
        rows = self.query("SELECT title FROM employment WHERE person_id = ? AND current", person_id)
        return rows[0][0] if rows else ""

    @staticmethod
    def modal(kind: str) -> QWidget | None:
        widget = QApplication.activeModalWidget()
        return widget if widget is not None and type(widget).__name__ == kind else None

    @staticmethod
    def main_window() -> Any:
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == "MainWindow" and widget.isVisible():
                return widget
        return None

    @staticmethod
    def button(parent: QWidget, text: str) -> QAbstractButton:
        for candidate in parent.findChildren(QAbstractButton):
            if candidate.text().replace("&", "") == text and candidate.isVisible():
                return candidate
        raise JourneyError(f"no visible button {text!r} in {type(parent).__name__}")

    @staticmethod
    def focus_name() -> str:
        focus = QApplication.focusWidget()
        return "nothing" if focus is None else f"{type(focus).__name__} {focus.objectName()!r}"

    # -- the journeys ------------------------------------------------------------------------

    def first(self) -> Steps:
        """From an empty database to a used network, then quit."""
        self.step("first run asks who I am or offers a sample")
        yield from self.wait_until(lambda: self.modal("FirstRunDialog"), "the welcome dialog")
        dialog = self.modal("FirstRunDialog")
        assert dialog is not None
        yield from self.pause(0.5)
        self.screenshot("welcome")
        yield from self.click(self.button(dialog, "Show me a sample network"))

        self.step("the sample network opens in the contact table")
        yield from self.wait_until(self.main_window, "the main window", timeout=60)
        window = self.main_window()
        yield from self.wait_until(
            lambda: "contacts" in window.views and window.contacts_view.table.model().rowCount(),
            "contact rows",
        )
        yield from self.xdotool("windowactivate", "--sync", str(int(window.winId())))
        contacts = window.contacts_view
        total = contacts.table.model().rowCount()
        if total < 100:
            self.fail(f"the sample network shows {total} rows")
        self.screenshot("contacts")

        self.step("Ctrl+F goes to the filter, typing narrows the table")
        name, old_title, person_id = self.query(
            "SELECT p.full_name, e.title, p.id FROM people p "
            "JOIN employment e ON e.person_id = p.id AND e.current "
            "WHERE p.is_me = 0 AND e.title != '' ORDER BY p.full_name LIMIT 1 OFFSET 7"
        )[0]
        yield from self.key("ctrl+f")
        yield from self.wait_until(
            lambda: QApplication.focusWidget() is contacts.filter_box,
            f"focus in the filter box (focus is on {self.focus_name()})",
            timeout=5,
        )
        yield from self.type_text(name)
        model = contacts.table.model()
        yield from self.wait_until(
            lambda: 0 < model.rowCount() < total,
            f"the table narrowed to {name!r}",
        )
        shown = [model.index(row, 0).data() for row in range(model.rowCount())]
        if not all(name.casefold() in str(s).casefold() for s in shown):
            self.fail(f"filter {name!r} shows {shown}")
        self.screenshot("filtered")

        self.step("edit the contact's title in the dialog")
        first_row = contacts.table.visualRect(model.index(0, 0))
        yield from self.click(contacts.table.viewport(), first_row.center())
        yield from self.key("ctrl+e")
        yield from self.wait_until(lambda: self.modal("PersonDialog"), "the contact dialog")
        dialog = self.modal("PersonDialog")
        assert dialog is not None
        yield from self.key("alt+t")  # &Title
        if QApplication.focusWidget() is not dialog.job_title:
            self.fail(f"Alt+T put the focus on {self.focus_name()}")
        yield from self.key("ctrl+a")
        yield from self.type_text("Head of Journeys")
        self.screenshot("editing")
        yield from self.key("Return")
        yield from self.wait_until(lambda: self.modal("PersonDialog") is None, "the dialog closing")
        yield from self.wait_until(
            lambda: self.title_of(person_id) == "Head of Journeys",
            "the new title in the database",
            timeout=5,
        )

        self.step("Ctrl+Z undoes the edit")
        yield from self.key("ctrl+z")
        yield from self.wait_until(
            lambda: self.title_of(person_id) == old_title,
            f"the title back to {old_title!r}",
            timeout=5,
        )

        self.step("a vCard dragged from another program opens the import preview")
        assert self.vcard is not None
        yield from self.key("ctrl+f")
        yield from self.key("ctrl+a", "BackSpace")
        source = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("drag_source.py")),
                "40",
                "40",
                str(self.vcard),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert source.stdout is not None
            yield from self.wait_until(
                lambda: source.poll() is not None or bool(_window_of("journey drag source")),
                "the drag source window",
            )
            yield from self.pause(0.8)
            target = window.mapToGlobal(window.rect().center())
            yield from self.xdotool(
                "mousemove",
                "--sync",
                "120",
                "70",
                "mousedown",
                "1",
                "sleep",
                "0.3",
                "mousemove",
                "--sync",
                "160",
                "110",
                "sleep",
                "0.3",
                "mousemove",
                "--sync",
                str(target.x() - 40),
                str(target.y() - 40),
                "sleep",
                "0.4",
                "mousemove",
                "--sync",
                str(target.x()),
                str(target.y()),
                "sleep",
                "0.6",
                "mouseup",
                "1",
            )
            yield from self.wait_until(
                lambda: self.modal("ImportPreviewDialog"), "the import preview", timeout=30
            )
        finally:
            source.terminate()
            source.wait(timeout=10)
        preview = self.modal("ImportPreviewDialog")
        assert preview is not None
        yield from self.pause(0.5)
        self.screenshot("import-preview")
        yield from self.click(preview.import_button)
        yield from self.wait_until(
            lambda: (
                self.query("SELECT count(*) FROM people WHERE family_name = 'Journeyman'")[0][0]
                == 1
            ),
            "the dropped contact in the database",
            timeout=30,
        )

        self.step("the map shows the network and finds a path")
        yield from self.key("ctrl+2")
        yield from self.wait_until(lambda: "map" in window.views, "the map view", timeout=30)
        map_view = window.views["map"]
        panel = map_view.path_panel
        yield from self.wait_until(
            lambda: panel.target.isEnabled() and panel._completer.model().rowCount() > 0,
            "the map's data loaded",
            timeout=60,
        )
        organisation = self.query(
            "SELECT o.name FROM organizations o JOIN employment e ON e.organization_id = o.id "
            "JOIN people p ON p.id = e.person_id WHERE p.is_me = 0 "
            "GROUP BY o.id ORDER BY count(*) DESC LIMIT 1"
        )[0][0]
        yield from self.click(panel.target)
        yield from self.type_text(organisation)
        yield from self.key("Escape")  # close the completer's popup, if it opened
        if QApplication.focusWidget() is not panel.target:
            yield from self.click(panel.target)
        yield from self.key("Return")
        yield from self.wait_until(
            lambda: panel.paths.count() > 0, f"paths to {organisation}", timeout=30
        )
        me = self.query("SELECT full_name FROM people WHERE is_me = 1")[0][0]
        for row in range(panel.paths.count()):
            text = panel.paths.item(row).text()
            if f"→ {me} " in text or f"→ {me}\n" in text:
                self.fail(f"a path goes through me: {text}")
        self.screenshot("map-path")

        self.step("Ctrl+L logs an interaction")
        before = self.query("SELECT count(*) FROM interactions")[0][0]
        yield from self.key("ctrl+1")
        yield from self.wait_until(contacts.isVisible, "the contact table")
        yield from self.key("ctrl+l")
        yield from self.wait_until(
            lambda: self.modal("QuickLogDialog"),
            lambda: (
                f"the quick log (focus on {self.focus_name()}, "
                f"modal {QApplication.activeModalWidget()})"
            ),
        )
        quick = self.modal("QuickLogDialog")
        assert quick is not None
        if not quick.people.names():
            self.fail("the quick log did not start with the selected person")
        yield from self.key("alt+n")
        yield from self.type_text("Coffee about the journey")
        self.screenshot("quick-log")
        yield from self.click(self.button(quick, "Log"))
        yield from self.wait_until(
            lambda: self.query("SELECT count(*) FROM interactions")[0][0] == before + 1,
            "the interaction in the database",
        )

        self.step("Today shows the day")
        yield from self.key("ctrl+4")
        yield from self.wait_until(
            lambda: "today" in window.views and window.views["today"].isVisible(), "Today"
        )
        yield from self.pause(1)
        self.screenshot("today")

        self.step("Ctrl+P opens the print preview of the map")
        yield from self.key("ctrl+2")
        yield from self.key("ctrl+p")
        yield from self.wait_until(
            lambda: self.modal("QPrintPreviewDialog"), "the print preview", timeout=60
        )
        yield from self.pause(1.5)
        self.screenshot("print-preview")
        yield from self.key("Escape")
        yield from self.wait_until(
            lambda: QApplication.activeModalWidget() is None, "the preview closing"
        )

        self.step("quit with Ctrl+Q, remembering the window")
        yield from self.xdotool("windowsize", "--sync", str(int(window.winId())), "1100", "760")
        yield from self.pause(0.5)
        self.state_file.write_text(
            json.dumps({"width": window.width(), "height": window.height(), "view": "map"})
        )
        yield from self.quit()

    def reopen(self) -> Steps:
        """The second start: the window comes back as it was left."""
        self.step("reopen: the window as I left it")
        remembered = json.loads(self.state_file.read_text())
        yield from self.wait_until(self.main_window, "the main window", timeout=60)
        window = self.main_window()
        yield from self.pause(1)
        if (window.width(), window.height()) != (remembered["width"], remembered["height"]):
            self.fail(
                f"the window is {window.width()}×{window.height()}, "
                f"was {remembered['width']}×{remembered['height']}"
            )
        current = window.view_specs[window.tabs.currentIndex()].key
        if current != remembered["view"]:
            self.fail(f"the window opened on {current!r}, was left on {remembered['view']!r}")
        people = self.query("SELECT count(*) FROM people WHERE family_name = 'Journeyman'")[0][0]
        if people != 1:
            self.fail(f"{people} dropped contacts after reopening")
        self.screenshot("reopened")
        yield from self.quit()


def _window_of(title: str) -> str:
    found = subprocess.run(
        ["xdotool", "search", "--name", title], capture_output=True, text=True, check=False
    )
    return found.stdout.strip()


def main() -> int:
    phase, db, shots = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    vcard = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    shots.mkdir(parents=True, exist_ok=True)
    journey = Journey(db, shots, vcard)

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        serious = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if kind in serious and not any(noise in message for noise in IGNORED_QT_MESSAGES):
            journey.qt_warnings.append(message)
        print(f"qt: {message}", file=sys.stderr, flush=True)

    qInstallMessageHandler(on_message)

    def on_python_error(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        # PySide reports exceptions raised in Python overrides (event handlers, slots) here.
        journey.python_errors.append("".join(traceback.format_exception(kind, error, tb)))
        sys.__excepthook__(kind, error, tb)

    sys.excepthook = on_python_error
    from desktop_app.app import create_application

    app = create_application([sys.argv[0]])
    steps = journey.first() if phase == "first" else journey.reopen()

    def advance() -> None:
        if journey.finished:
            if time.monotonic() - journey.finished > 20:
                journey.screenshot("FAILED")
                print("JOURNEY FAILED: Ctrl+Q did not quit Trellis within 20 s", flush=True)
                os._exit(1)
            return
        try:
            next(steps)
        except StopIteration:
            journey.finished = time.monotonic()
        except Exception as error:  # any failure ends the journey, with a picture
            shot = journey.screenshot("FAILED")
            print(f"JOURNEY FAILED at step {journey.step_number}: {error}", flush=True)
            if not isinstance(error, JourneyError):
                traceback.print_exc()
            print(f"screenshot: {shot}", flush=True)
            os._exit(1)

    timer = QTimer(app)
    timer.timeout.connect(advance)
    timer.start(30)

    from desktop_app.cli import main as trellis

    code = trellis(["--db", str(db)])
    if not journey.finished:
        print(f"JOURNEY FAILED: Trellis exited {code} during step {journey.step_name}", flush=True)
        return 1
    if journey.python_errors:
        print("JOURNEY FAILED: exceptions in Qt callbacks:\n" + "\n".join(journey.python_errors))
        return 1
    if journey.qt_warnings:
        print("JOURNEY FAILED: Qt warnings:\n" + "\n".join(journey.qt_warnings), flush=True)
        return 1
    print(f"journey {phase}: all {journey.step_number} steps held (trellis exited {code})")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
