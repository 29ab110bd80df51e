"""Run a function on Qt's thread pool and get its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

_alive: set[_Relay] = set()


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # reported on the UI thread
            self._relay.failed.emit(str(error) or type(error).__name__)
        else:
            self._relay.succeeded.emit(result)


def run_in_background(
    fn: Callable[[], Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    context: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Call `fn()` on a worker thread; `on_result(value)` or `on_error(message)` follow
    on the UI thread. With `context`, nothing is delivered once it has been destroyed.
    `pool` defaults to Qt's global pool; a pool of one thread runs its tasks in order."""
    relay = _Relay()
    _alive.add(relay)

    def deliver(value: object) -> None:
        _alive.discard(relay)
        if context is None or _is_alive(context):
            on_result(value)

    def fail(message: str) -> None:
        _alive.discard(relay)
        if on_error is not None and (context is None or _is_alive(context)):
            on_error(message)

    # Queued: the relay lives on the UI thread, so that is where these run.
    relay.succeeded.connect(deliver, Qt.ConnectionType.QueuedConnection)
    relay.failed.connect(fail, Qt.ConnectionType.QueuedConnection)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


def _is_alive(obj: QObject) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))
