"""packaging/linux: the .desktop entry and install.sh, run on a stand-in bundle."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

LINUX = REPO_ROOT / "packaging" / "linux"
ICONS = REPO_ROOT / "resources" / "icons"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_opens_vcards_with_trellis() -> None:
    entry = _desktop_entry(LINUX / "trellis.desktop")
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "trellis %F"  # files go to the import preview
    assert entry["Icon"] == "trellis"
    assert "text/vcard" in entry["MimeType"].split(";")
    assert entry["StartupWMClass"] == "trellis"  # QGuiApplication.setDesktopFileName


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """What the spec leaves in dist/trellis on Linux, with a stand-in program."""
    folder = tmp_path / "dist" / "trellis"
    (folder / "_internal").mkdir(parents=True)
    program = folder / "trellis"
    program.write_text("#!/bin/sh\necho trellis-stand-in\n")
    program.chmod(0o755)
    for source in (
        LINUX / "trellis.desktop",
        LINUX / "install.sh",
        ICONS / "trellis.png",
        ICONS / "trellis-48.png",
    ):
        shutil.copy2(source, folder / source.name)
    return folder


def _install(bundle: Path, prefix: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PREFIX=str(prefix), HOME=str(prefix.parent))
    return subprocess.run(
        ["sh", str(bundle / "install.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_install_and_uninstall_for_one_user(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "home" / ".local"
    done = _install(bundle, prefix)
    assert done.returncode == 0, done.stderr

    program = prefix / "lib" / "trellis" / "trellis"
    command = prefix / "bin" / "trellis"
    assert command.is_symlink()
    assert command.resolve() == program.resolve()
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout.strip() == (
        "trellis-stand-in"
    )
    entry = _desktop_entry(prefix / "share" / "applications" / "trellis.desktop")
    assert entry["Exec"] == f"{program} %F"
    assert entry["TryExec"] == str(program)
    icon = prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "trellis.png"
    assert icon.read_bytes() == (ICONS / "trellis.png").read_bytes()

    removed = _install(bundle, prefix, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not command.exists()
    assert not program.exists()
    assert not (prefix / "share" / "applications" / "trellis.desktop").exists()
    assert not icon.exists()


def test_install_refuses_to_run_outside_a_bundle(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy2(LINUX / "install.sh", loose / "install.sh")
    done = _install(loose, tmp_path / "prefix")
    assert done.returncode == 1
    assert "unpacked Trellis bundle" in done.stderr
    assert not (tmp_path / "prefix").exists()
