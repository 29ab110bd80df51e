"""Real faults for storage tests and the reliability probes: a damaged data page, a small
disk that fills up, a folder the user may not enter.

Each makes the condition for real (bytes overwritten in a table's page, a tmpfs of a few
hundred KB, permissions enforced by the kernel); nothing of Trellis is mocked.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def damage_data_page(db: Path, table: str = "people", *, every: bool = False) -> int:
    """Overwrite the cell pointers of one leaf page of `table` (found with `dbstat`), the
    schema page left intact; returns the page number. `every` damages all its leaf pages,
    for readers that may touch only a few of them (the page they would meet depends on
    the order rows were written in)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        conn.close()
    assert pages, f"{table} has no leaf page to damage"
    page = pages[len(pages) // 2]
    with db.open("r+b") as handle:
        for damaged in pages if every else [page]:
            handle.seek((damaged - 1) * page_size + 8)  # past the page header: cell pointers
            handle.write(b"\xff" * 64)
    return page


def mount_small_disk(folder: Path, size: str = "1m") -> bool:
    """Mount a tmpfs of `size` on `folder`; False when this user may not mount."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@contextmanager
def small_disk(size: str = "1m") -> Iterator[Path | None]:
    """A real, small filesystem (None when it cannot be mounted here)."""
    folder = Path(tempfile.mkdtemp(prefix="trellis-small-disk-"))
    mounted = mount_small_disk(folder, size)
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            unmount(folder)
        shutil.rmtree(folder, ignore_errors=True)


def fill(folder: Path, leave: int) -> None:
    """Fill the filesystem of `folder` until about `leave` bytes are free."""
    free = shutil.disk_usage(folder).free
    filler = folder / "filler.bin"
    with filler.open("ab") as handle:
        handle.write(b"\0" * max(0, free - leave))


def without_root_powers() -> list[str]:
    """A command prefix that makes file permissions apply to this process as they do to a
    user (root's DAC override dropped); [] when not root. Raises OSError without setpriv."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise OSError("setpriv is not installed")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def run_trellis(
    *args: str, prefix: list[str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The real `trellis` command in a subprocess (as `tests.conftest.run_cli`), optionally
    behind `prefix`."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO_ROOT,
        check=False,
    )


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failing command printed on stderr (asserting that it is one,
    and no traceback)."""
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and "propagateSizeHints" not in line  # offscreen Qt's own chatter
    ]
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("trellis: "), result.stderr
    return lines[0]
