"""`trellis --self-test`: prove an installed Trellis works, end to end, in a throwaway folder.

Meant for the bundles above all (CI runs it in the PyInstaller build): every step goes
through the same code and the same shipped resources as a user would, so a missing Qt
plugin, data file, migration or hidden import fails here, by name, rather than on a
user's machine. Nothing touches the user's data folder or remembered window state.

Prints one line — `trellis self-test: ok …` or `trellis self-test: FAILED at <step>: …`
— and returns 0 or 1; the traceback of a failure goes to stderr.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop_app.storage.database import Database

DEMO_CONTACTS = 40
SAMPLE_VCARD = ("resources", "self_test", "contacts.vcf")
SAMPLE_CARDS = 3
WINDOW_TIMEOUT_MS = 60_000
LAYOUT_TIMEOUT_S = 60.0


class SelfTestError(Exception):
    """A step ran but found something wrong (as opposed to crashing)."""


@dataclass
class SelfTestRun:
    """What the steps share: the temporary folder, the Qt application, the database."""

    folder: Path | None = None
    app: QApplication | None = None
    db: Database | None = None
    people_after_demo: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        assert self.folder is not None, "the data folder step comes first"
        return self.folder / "trellis.db"

    def database(self) -> Database:
        if self.db is None:
            raise SelfTestError("no database open (an earlier step failed)")
        return self.db

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


@dataclass(frozen=True)
class Step:
    """One named check; `run` returns a short note for the result line, or ""."""

    name: str
    run: Callable[[SelfTestRun], str]


def run_self_test(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step in a temporary data folder; print one line; 0 when all passed."""
    return run_steps(STEPS, out or sys.stdout, err or sys.stderr)


def run_steps(steps: Sequence[Step], out: TextIO, err: TextIO) -> int:
    started = time.perf_counter()
    run = SelfTestRun()
    notes: list[str] = []
    with _isolated_environment():
        try:
            for step in steps:
                try:
                    note = step.run(run)
                except Exception as error:  # every failure is reported with its step
                    traceback.print_exc(file=err)
                    reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    detail = f"{type(error).__name__}: {reason}" if reason else type(error).__name__
                    print(f"trellis self-test: FAILED at {step.name}: {detail}", file=out)
                    return 1
                notes.append(f"{step.name} ({note})" if note else step.name)
        finally:
            run.close()
    seconds = time.perf_counter() - started
    print(f"trellis self-test: ok — {', '.join(notes)} in {seconds:.1f} s", file=out)
    return 0


@contextmanager
def _isolated_environment() -> Iterator[None]:
    """Offscreen Qt, and no way to the user's data folder, for the length of the test."""
    from desktop_app.paths import DATA_DIR_ENV

    saved = {name: os.environ.get(name) for name in ("QT_QPA_PLATFORM", DATA_DIR_ENV)}
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# -- the steps -----------------------------------------------------------------------------


def _data_folder(run: SelfTestRun) -> str:
    from desktop_app.paths import DATA_DIR_ENV

    run.folder = Path(tempfile.mkdtemp(prefix="trellis-self-test-"))
    os.environ[DATA_DIR_ENV] = str(run.folder)
    return ""


def _qt(run: SelfTestRun) -> str:
    """A QApplication, with remembered window state kept in the temporary folder."""
    from PySide6.QtCore import QSettings

    from desktop_app.app import create_application

    assert run.folder is not None
    settings = str(run.folder / "settings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, scope, settings)
    run.app = create_application()
    if run.app.windowIcon().isNull():
        raise SelfTestError("the application icon was not found")
    return run.app.platformName()


def _resources(run: SelfTestRun) -> str:
    """Shipped data found through importlib.resources, as every feature reads it."""
    from desktop_app.services import document_resources
    from desktop_app.storage.migrate import head_revision
    from desktop_app.storage.schema_version import HEAD_REVISION

    kinds = document_resources.document_kinds()
    questions = sum(len(c.questions) for c in document_resources.question_bank())
    templates = [k.key for k in kinds if document_resources.default_checklist(k.key)]
    if not kinds or not questions or not templates:
        raise SelfTestError("checklist templates or the question bank are empty")
    if head_revision() != HEAD_REVISION:
        raise SelfTestError(
            f"the shipped migrations end at {head_revision()}, the code expects {HEAD_REVISION}"
        )
    return f"{len(kinds)} document kinds, {questions} questions"


def _migrations(run: SelfTestRun) -> str:
    """A new database upgraded to the head revision by Alembic, with every table."""
    from desktop_app.storage.database import open_database, read_revision
    from desktop_app.storage.integrity_queries import tables_missing
    from desktop_app.storage.schema_version import HEAD_REVISION

    run.db = open_database(run.db_path, backups=False)
    revision = read_revision(run.db_path)
    if revision != HEAD_REVISION:
        raise SelfTestError(f"the new database is at {revision!r}, not {HEAD_REVISION!r}")
    missing = tables_missing(run.db_path)
    if missing:
        raise SelfTestError(f"tables missing after the upgrade: {', '.join(missing)}")
    return f"head {HEAD_REVISION}"


def _demo(run: SelfTestRun) -> str:
    from desktop_app.services.contacts import ContactsService
    from desktop_app.services.demo import write_demo

    db = run.database()
    write_demo(db, DEMO_CONTACTS, seed=1)
    run.people_after_demo = ContactsService(db).count()
    if run.people_after_demo != DEMO_CONTACTS + 1:  # the contacts and me
        raise SelfTestError(f"{run.people_after_demo} people after a demo of {DEMO_CONTACTS}")
    return f"{DEMO_CONTACTS} contacts"


def _import(run: SelfTestRun) -> str:
    """The vCard shipped inside the package, through the same pipeline as File ▸ Import."""
    from desktop_app.services.contacts import ContactsService
    from desktop_app.services.importing.pipeline import run_import

    db = run.database()
    sample = resources.files("desktop_app").joinpath(*SAMPLE_VCARD)
    with resources.as_file(sample) as path:
        report = run_import(db, [path])
    problems = [r.describe() for r in report.rejected] + [u[1] for u in report.unreadable]
    if problems:
        raise SelfTestError("; ".join(problems))
    people = ContactsService(db).count()
    if report.added != SAMPLE_CARDS or people != run.people_after_demo + SAMPLE_CARDS:
        raise SelfTestError(f"{report.summary()}; {people} people now")
    return f"{report.added} cards"


def _map_pdf(run: SelfTestRun) -> str:
    from desktop_app.services.printing.job import document_from_database
    from desktop_app.services.printing.options import PrintOptions
    from desktop_app.services.printing.output import write_document

    assert run.folder is not None
    document = document_from_database(run.database(), PrintOptions(title="Trellis self-test"))
    if document.scene.is_empty:
        raise SelfTestError("the map of the demo network is empty")
    target = run.folder / "map.pdf"
    write_document(document, target)
    data = target.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SelfTestError(f"{target.name} is not a complete PDF ({len(data)} bytes)")
    pages = document.page_count
    return f"{pages} page{'s' if pages != 1 else ''}, {len(data) // 1024} kB"


def _layout_worker(run: SelfTestRun) -> str:
    """The map's layout process: `python -m …` from source, `trellis --layout-worker` frozen."""
    from desktop_app.services.map.layout_job import LayoutDone, LayoutFailed, LayoutJob
    from desktop_app.services.map.network_graph import load_network

    snapshot = load_network(run.database())
    job = LayoutJob(snapshot, kind="force", seed=0)
    try:
        messages = job.wait(timeout=LAYOUT_TIMEOUT_S)
    finally:
        job.cancel()
    result = messages[-1] if messages else None
    if isinstance(result, LayoutFailed):
        raise SelfTestError(result.message)
    if not isinstance(result, LayoutDone):
        raise SelfTestError(f"no layout from the worker process in {LAYOUT_TIMEOUT_S} s")
    if set(result.positions) != {node.key for node in snapshot.nodes}:
        raise SelfTestError("the worker laid out other nodes than it was sent")
    return f"{len(result.positions)} nodes"


def _main_window(run: SelfTestRun) -> str:
    """The real window, offscreen: contacts painted, every view opened once, closed."""
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.window.workspace import Workspace

    workspace = Workspace(run.database())
    run.db = None  # the workspace closes it from now on
    # Exceptions in Qt slots (a view that cannot be built) are printed, not raised: catch them.
    slot_errors: list[BaseException] = []
    previous_hook = sys.excepthook

    def record(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        slot_errors.append(error)
        previous_hook(kind, error, tb)

    sys.excepthook = record
    window = MainWindow(workspace)
    try:
        loop = QEventLoop()
        ready: list[bool] = []

        def on_ready() -> None:
            ready.append(True)
            loop.quit()

        window.contacts_ready.connect(on_ready)
        QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
        window.show()
        if not ready:
            loop.exec()
        if not ready:
            raise SelfTestError(f"the contact table did not paint in {WINDOW_TIMEOUT_MS} ms")
        rows = window.contacts_view.model.rowCount()
        if rows != workspace.contacts.count():
            raise SelfTestError(f"the table shows {rows} of {workspace.contacts.count()} people")
        for index in range(window.tabs.count()):
            window.show_view(index)
            assert run.app is not None
            run.app.processEvents()
        if slot_errors:
            error = slot_errors[0]
            raise SelfTestError(f"{type(error).__name__}: {error}") from error
        if window.last_error:
            raise SelfTestError(window.last_error)
        missing = [spec.title for spec in window.view_specs if spec.key not in window.views]
        if missing:
            raise SelfTestError(f"views not opened: {', '.join(missing)}")
        views = len(window.views)
    finally:
        sys.excepthook = previous_hook
        window.close()
        window.deleteLater()
        workspace.close()
    return f"{views} view{'s' if views != 1 else ''}"


STEPS: tuple[Step, ...] = (
    Step("data folder", _data_folder),
    Step("Qt", _qt),
    Step("resources", _resources),
    Step("migrations", _migrations),
    Step("demo", _demo),
    Step("import", _import),
    Step("map PDF", _map_pdf),
    Step("layout worker", _layout_worker),
    Step("main window", _main_window),
)
