"""Files opened from the desktop (macOS Open With) reach the import, in one batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.window.file_open import FileOpenForwarder


def _open(app: QApplication, path: Path | str) -> bool:
    return QApplication.sendEvent(app, QFileOpenEvent(str(path)))


def test_files_opened_before_the_window_wait_then_arrive_together(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    forwarder = FileOpenForwarder(qapp)
    qapp.installEventFilter(forwarder)
    received: list[list[Path]] = []
    try:
        first, second = tmp_path / "a.vcf", tmp_path / "b.vcf"
        assert _open(qapp, first)
        assert _open(qapp, second)
        qapp.processEvents()
        assert received == []  # no window yet: nothing is lost, nothing is opened

        forwarder.set_target(received.append)
        qtbot.waitUntil(lambda: received != [])
        assert received == [[first, second]]

        third = tmp_path / "c.vcf"
        assert _open(qapp, third)
        qtbot.waitUntil(lambda: len(received) == 2)
        assert received[1] == [third]
    finally:
        qapp.removeEventFilter(forwarder)
        forwarder.deleteLater()


def test_other_events_pass_through(qapp: QApplication) -> None:
    forwarder = FileOpenForwarder(qapp)
    received: list[list[Path]] = []
    forwarder.set_target(received.append)
    qapp.installEventFilter(forwarder)
    try:
        _open(qapp, "")  # an empty name is not a file
        qapp.processEvents()
        assert received == []
    finally:
        qapp.removeEventFilter(forwarder)
        forwarder.deleteLater()
