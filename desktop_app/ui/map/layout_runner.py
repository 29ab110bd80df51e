"""The force layout of the map run in its child process (`services.map.layout_job`), with
the progress row that shows it and a Cancel button."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop_app.services.map.layout_job import (
    LayoutDone,
    LayoutFailed,
    LayoutJob,
    LayoutPartial,
    LayoutProgress,
)
from desktop_app.services.map.network_graph import NetworkSnapshot


class LayoutRunner(QWidget):
    """The progress row; hidden unless a layout runs."""

    partial = Signal(object)  # dict[str, tuple[float, float]]: positions so far
    done = Signal(object)  # dict[str, tuple[float, float]]: final positions
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job: LayoutJob | None = None
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Laying out the map…"))
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.hide()
        self._poll = QTimer(self, interval=40)
        self._poll.timeout.connect(self._on_poll)

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(
        self,
        snapshot: NetworkSnapshot,
        known: Mapping[str, tuple[float, float]],
        seed: int,
        pinned: Collection[str],
    ) -> None:
        """Lay `snapshot` out from `known` positions (`pinned` ones stay put)."""
        self.cancel()
        self._job = LayoutJob(snapshot, "force", dict(known), seed=seed, pinned=set(pinned))
        self.progress.setRange(0, 0)
        self.show()
        self._poll.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._poll.stop()
        self.hide()

    def _on_poll(self) -> None:
        job = self._job
        if job is None:
            self._poll.stop()
            return
        for message in job.poll():
            if isinstance(message, LayoutProgress):
                self.progress.setRange(0, message.total)
                self.progress.setValue(message.done)
            elif isinstance(message, LayoutPartial):
                self.partial.emit(message.positions)
            elif isinstance(message, LayoutDone):
                self.done.emit(message.positions)
            elif isinstance(message, LayoutFailed):
                self.failed.emit(message.message)
        if job.finished and self._job is job:
            self._job = None
            self._poll.stop()
            self.hide()
