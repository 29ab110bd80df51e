"""A layout computed in a child process, so even a big one never stalls the event loop.

igraph keeps the GIL for the whole of a layout call (≈0.5 s at 5,000 contacts): a thread
would freeze the window for that long. The child sends progress, intermediate positions and
the result through a pipe; the caller polls (the map view does so from a timer) and may
cancel at any time. The child is started with "spawn", which is safe in a process that
already runs Qt threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from desktop_app.services.layout import Positions, compute_layout
from desktop_app.services.network_graph import NetworkSnapshot


@dataclass(frozen=True, slots=True)
class LayoutProgress:
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class LayoutPartial:
    positions: Positions


@dataclass(frozen=True, slots=True)
class LayoutDone:
    positions: Positions


@dataclass(frozen=True, slots=True)
class LayoutFailed:
    message: str


LayoutMessage = LayoutProgress | LayoutPartial | LayoutDone | LayoutFailed


class LayoutJob:
    """`compute_layout(...)` running in a child process; see the module docstring."""

    def __init__(
        self,
        snapshot: NetworkSnapshot,
        kind: str = "force",
        previous: Mapping[str, tuple[float, float]] | None = None,
        seed: int = 0,
        pinned: Collection[str] = (),
    ) -> None:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        self._receiver: Connection = receiver
        self._process = context.Process(
            target=_run,
            args=(sender, snapshot, kind, dict(previous or {}), seed, tuple(pinned)),
            daemon=True,
            name="trellis-layout",
        )
        self._process.start()
        sender.close()
        self._finished = False

    @property
    def finished(self) -> bool:
        """True once the result or a failure has been received, or after `cancel`."""
        return self._finished

    def poll(self) -> list[LayoutMessage]:
        """Every message the child sent since the last poll, without waiting."""
        messages: list[LayoutMessage] = []
        while not self._finished:
            try:
                if not self._receiver.poll():
                    if not self._process.is_alive() and not self._receiver.poll():
                        messages.append(LayoutFailed("The layout stopped unexpectedly."))
                        self._close()
                    break
                message = self._receiver.recv()
            except (EOFError, OSError):
                messages.append(LayoutFailed("The layout stopped unexpectedly."))
                self._close()
                break
            messages.append(message)
            if isinstance(message, LayoutDone | LayoutFailed):
                self._close()
        return messages

    def wait(self, timeout: float | None = None) -> list[LayoutMessage]:
        """Block until the child finishes (for scripts and tests); returns all messages."""
        messages: list[LayoutMessage] = []
        while not self._finished:
            if not self._receiver.poll(timeout):
                break
            messages.extend(self.poll())
        return messages

    def cancel(self) -> None:
        """Stop the child now; nothing more will be received."""
        if self._process.is_alive():
            self._process.terminate()
        self._close()

    def _close(self) -> None:
        self._finished = True
        self._process.join(timeout=5)
        self._receiver.close()


def _run(
    sender: Connection,
    snapshot: NetworkSnapshot,
    kind: str,
    previous: dict[str, tuple[float, float]],
    seed: int,
    pinned: tuple[str, ...],
) -> None:
    def progress(done: int, total: int) -> bool:
        sender.send(LayoutProgress(done, total))
        return True

    def partial(positions: Positions) -> None:
        sender.send(LayoutPartial(positions))

    result: Any
    try:
        result = LayoutDone(
            compute_layout(snapshot, kind, previous, seed, progress, pinned=pinned, partial=partial)
        )
    except Exception as error:  # reported to the parent, which shows it
        result = LayoutFailed(f"The layout failed: {error}")
    sender.send(result)
    sender.close()
