"""Files the desktop asks a running Trellis to open: macOS Finder's "Open With" on a .vcf.

macOS does not put them on the command line; it sends an Apple Event, which Qt delivers to
the QApplication as a `QFileOpenEvent`, at launch as well as later. (Linux and Windows pass
them as arguments: `trellis FILE.vcf`.) Events can come before the main window exists —
while the first-run dialog is open — so paths wait until a target is set; several files
chosen together arrive as one event each and go to the target as one list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

OpenFiles = Callable[[list[Path]], None]


class FileOpenForwarder(QObject):
    """An event filter for the QApplication that hands opened files to `open_files`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target: OpenFiles | None = None
        self._pending: list[Path] = []

    def set_target(self, open_files: OpenFiles) -> None:
        """From now on files go to `open_files`, starting with any that came before."""
        self._target = open_files
        self._schedule_flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file()
            if name:
                self._pending.append(Path(name))
                self._schedule_flush()
                return True
        return super().eventFilter(watched, event)

    def _schedule_flush(self) -> None:
        if self._target is not None and self._pending:
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        if self._target is None or not self._pending:
            return
        paths, self._pending = self._pending, []
        self._target(paths)
