"""The layout worker behind the hidden `--layout-worker` flag (how a frozen app starts it)."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys

from desktop_app.services.map.layout_job import encode_work
from tests.conftest import REPO_ROOT
from tests.unit.services.map.test_layout import clustered


def test_the_app_entry_point_runs_a_layout_from_stdin_to_stdout() -> None:
    snapshot = clustered(people=30, orgs=3)
    work = pickle.dumps(encode_work(snapshot, "radial", {}, 0, ()))
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--layout-worker"],
        input=work,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    stream = io.BytesIO(done.stdout)
    messages = []
    while stream.tell() < len(done.stdout):
        messages.append(pickle.load(stream))
    tag, positions = messages[-1]
    assert tag == "done"
    assert set(positions) == {n.key for n in snapshot.nodes}
