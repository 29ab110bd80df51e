"""The user's journey, in a real X window with real input events.

First run → sample network → Ctrl+F and typing → edit a contact → undo → drag a vCard from
another program → import preview → map → path finder → quick log (Ctrl+L) → Today → print
preview → Ctrl+Q, then a second start that must find the window as it was left.

Runs under Xvfb with a window manager (openbox) on Qt's xcb platform, never offscreen: the
keys and clicks go through the X server (xdotool), the drag through XDND between two
programs. Skips, saying why, where Xvfb, openbox, xdotool or the xcb libraries are missing
(`.ci/run` installs them). A failed journey leaves a screenshot; its path is in the failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
TOOLS = ("Xvfb", "openbox", "xdotool", "import")

JOURNEY_VCARD = """BEGIN:VCARD
VERSION:3.0
N:Journeyman;Jordan;;;
FN:Jordan Journeyman
ORG:Northwind Health
TITLE:Staff Engineer
EMAIL;TYPE=INTERNET:jordan.journeyman@example.org
END:VCARD
"""


def _missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb screen with openbox on it; both stopped afterwards."""
    missing = _missing_tools()
    if missing:
        pytest.skip(f"the user journey needs {', '.join(missing)} (installed by .ci/run)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    display = f":{number}"
    manager = subprocess.Popen(
        ["openbox"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield display
    finally:
        for process in (manager, server):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _xcb_usable(env: dict[str, str]) -> str:
    """Empty when a Qt program can open a window on the display, else Qt's complaint."""
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from PySide6.QtWidgets import QApplication; QApplication([]).platformName()",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return "" if probe.returncode == 0 else (probe.stderr.strip().splitlines() or ["?"])[-1]


def _journey(phase: str, env: dict[str, str], db: Path, shots: Path, vcard: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(HERE / "journey_driver.py"), phase, str(db), str(shots), str(vcard)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    steps = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 0, (
        f"the {phase} journey failed (screenshots in {shots}):\n"
        + "\n".join(steps[-12:])
        + "\n--- stderr ---\n"
        + "\n".join(result.stderr.splitlines()[-25:])
    )


@pytest.mark.slow
def test_user_journey_in_a_real_window(x_display: str, tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "TRELLIS_DATA_DIR")
    }
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env.update(
        DISPLAY=x_display,
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    complaint = _xcb_usable(env)
    if complaint:
        pytest.skip(f"Qt cannot open a window on Xvfb here: {complaint}")
    vcard = tmp_path / "journey.vcf"
    vcard.write_text(JOURNEY_VCARD, encoding="utf-8")
    db, shots = tmp_path / "network.db", tmp_path / "shots"

    _journey("first", env, db, shots, vcard)
    _journey("reopen", env, db, shots, vcard)
