"""Reads an attached PDF or DOCX's text on a worker, so the review can run on the file.

`loaded(version_id, text)` or `failed(version_id, message)` arrive on the UI thread; a
result for a version no longer asked for is dropped by the receiver.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from desktop_app.services.document_text import DocumentTextError, extract_text


class _Emitter(QObject):
    loaded = Signal(int, str)
    failed = Signal(int, str)


class _ExtractTask(QRunnable):
    def __init__(self, version_id: int, path: Path, emitter: _Emitter) -> None:
        super().__init__()
        self.version_id, self.path, self.emitter = version_id, path, emitter

    def run(self) -> None:
        try:
            text = extract_text(self.path).text
        except DocumentTextError as error:
            self.emitter.failed.emit(self.version_id, str(error))
        except OSError as error:
            self.emitter.failed.emit(
                self.version_id, f"The file cannot be read: {error.strerror or error}"
            )
        else:
            self.emitter.loaded.emit(self.version_id, text)


class FileTextLoader(QObject):
    """Hands back the text of attached files, read off the UI thread."""

    loaded = Signal(int, str)
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._emitter = _Emitter()
        queued = Qt.ConnectionType.QueuedConnection
        self._emitter.loaded.connect(self.loaded, queued)
        self._emitter.failed.connect(self.failed, queued)

    def load(self, version_id: int, path: Path) -> None:
        QThreadPool.globalInstance().start(_ExtractTask(version_id, path, self._emitter))
