from __future__ import annotations

import time

from desktop_app.services.map.layout import compute_layout
from desktop_app.services.map.layout_job import (
    LayoutDone,
    LayoutFailed,
    LayoutJob,
    LayoutPartial,
    LayoutProgress,
)
from tests.unit.services.map.test_layout import clustered


def test_a_job_gives_the_same_result_as_computing_in_process() -> None:
    snapshot = clustered()
    job = LayoutJob(snapshot, "force", seed=5)
    messages = job.wait(timeout=60)
    assert job.finished
    assert isinstance(messages[-1], LayoutDone)
    assert messages[-1].positions == compute_layout(snapshot, seed=5)
    assert any(isinstance(m, LayoutProgress) for m in messages)
    assert any(isinstance(m, LayoutPartial) for m in messages)
    progress = [m for m in messages if isinstance(m, LayoutProgress)]
    assert progress[-1].done == progress[-1].total


def test_a_failure_is_reported_not_raised() -> None:
    job = LayoutJob(clustered(), "spiral")
    messages = job.wait(timeout=60)
    assert isinstance(messages[-1], LayoutFailed)
    assert "unknown layout" in messages[-1].message


def test_cancel_stops_the_child_at_once() -> None:
    job = LayoutJob(clustered(people=3000, orgs=40), "force")
    started = time.perf_counter()
    job.cancel()
    assert job.finished
    assert job.poll() == []
    assert time.perf_counter() - started < 5
