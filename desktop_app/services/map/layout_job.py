"""A layout computed in a child process, so even a big one never stalls the event loop.

igraph keeps the GIL for the whole of a layout call (≈0.5 s at 5,000 contacts): on a
thread it would freeze the window for that long. The child (`python -m
desktop_app.services.map.layout_worker`) receives the network as plain tuples on stdin and
sends progress, intermediate positions and the result back on stdout; two small threads
move the bytes, so the caller only ever polls a queue (the map view does so from a timer)
and may cancel at any time.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import IO, Any

from desktop_app.services.map.layout import Positions
from desktop_app.services.map.network_graph import NetworkSnapshot


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


def worker_command() -> list[str]:
    """How to start the worker: this interpreter, or the frozen app with a flag."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--layout-worker"]
    return [sys.executable, "-m", "desktop_app.services.map.layout_worker"]


def encode_work(
    snapshot: NetworkSnapshot,
    kind: str,
    previous: Mapping[str, tuple[float, float]],
    seed: int,
    pinned: Collection[str],
) -> tuple[Any, ...]:
    """The job as plain tuples: they pickle ~10x faster than the dataclasses."""
    nodes = tuple(
        (n.key, n.kind, n.label, n.circle.value if n.circle else None, n.organization, n.strength)
        for n in snapshot.nodes
    )
    edges = tuple((e.a, e.b, e.kind, e.strength) for e in snapshot.edges)
    return (nodes, edges, kind, dict(previous), seed, tuple(pinned))


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
        self._messages: queue.Queue[LayoutMessage] = queue.Queue()
        self._finished = False
        self._process = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        work = encode_work(snapshot, kind, previous or {}, seed, pinned)
        threading.Thread(
            target=_feed, args=(self._process.stdin, work), daemon=True, name="layout-feed"
        ).start()
        threading.Thread(
            target=_read,
            args=(self._process.stdout, self._messages),
            daemon=True,
            name="layout-read",
        ).start()

    @property
    def finished(self) -> bool:
        """True once the result or a failure has been received, or after `cancel`."""
        return self._finished

    def poll(self) -> list[LayoutMessage]:
        """Every message the child sent since the last poll, without waiting."""
        messages: list[LayoutMessage] = []
        while not self._finished:
            try:
                message = self._messages.get_nowait()
            except queue.Empty:
                break
            messages.append(message)
            if isinstance(message, LayoutDone | LayoutFailed):
                self._close()
        return messages

    def wait(self, timeout: float | None = None) -> list[LayoutMessage]:
        """Block until the child finishes (for scripts and tests); returns all messages."""
        messages: list[LayoutMessage] = []
        while not self._finished:
            try:
                message = self._messages.get(timeout=timeout)
            except queue.Empty:
                break
            messages.append(message)
            if isinstance(message, LayoutDone | LayoutFailed):
                self._close()
        return messages

    def cancel(self) -> None:
        """Stop the child now; nothing more will be received."""
        if self._process.poll() is None:
            self._process.kill()
        self._close()

    def _close(self) -> None:
        self._finished = True
        # The child may take a moment to exit after its last message: reap it elsewhere.
        threading.Thread(target=self._process.wait, daemon=True, name="layout-reap").start()


def _feed(stdin: IO[bytes] | None, work: tuple[Any, ...]) -> None:
    if stdin is None:
        return
    try:
        pickle.dump(work, stdin, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, ValueError):  # cancelled before the child read its work
        pass
    finally:
        with contextlib.suppress(OSError):
            stdin.close()


def _read(stdout: IO[bytes] | None, messages: queue.Queue[LayoutMessage]) -> None:
    if stdout is None:
        return
    try:
        while True:
            tag, payload = pickle.load(stdout)
            messages.put(_decode(tag, payload))
            if tag in ("done", "failed"):
                return
    except (EOFError, OSError, ValueError, pickle.UnpicklingError):
        messages.put(LayoutFailed("The layout stopped unexpectedly."))
    finally:
        stdout.close()


def _decode(tag: str, payload: Any) -> LayoutMessage:
    if tag == "progress":
        return LayoutProgress(*payload)
    if tag == "partial":
        return LayoutPartial(payload)
    if tag == "done":
        return LayoutDone(payload)
    return LayoutFailed(str(payload))
