"""The self-test's step runner: one line, the failing step named, nothing left behind."""

from __future__ import annotations

import io
import os
from pathlib import Path

from desktop_app import self_test
from desktop_app.self_test import SelfTestError, SelfTestRun, Step, run_steps


def test_the_first_failing_step_is_named_and_the_rest_do_not_run() -> None:
    folders: list[Path] = []
    ran: list[str] = []

    def remember_folder(run: SelfTestRun) -> str:
        assert run.folder is not None
        folders.append(run.folder)
        assert run.folder.is_dir()
        assert os.environ["TRELLIS_DATA_DIR"] == str(run.folder)
        return "kept"

    def broken(_run: SelfTestRun) -> str:
        raise SelfTestError("the table shows 3 of 44 people\nsecond line")

    def never(_run: SelfTestRun) -> str:
        ran.append("never")
        return ""

    out, err = io.StringIO(), io.StringIO()
    steps = (
        Step("data folder", self_test._data_folder),
        Step("check", remember_folder),
        Step("main window", broken),
        Step("after", never),
    )
    before = os.environ.get("TRELLIS_DATA_DIR")
    assert run_steps(steps, out, err) == 1
    assert out.getvalue() == (
        "trellis self-test: FAILED at main window: SelfTestError: the table shows 3 of 44 people\n"
    )
    assert "Traceback" in err.getvalue()
    assert ran == []
    assert not folders[0].exists(), "the temporary data folder is removed"
    assert os.environ.get("TRELLIS_DATA_DIR") == before


def test_success_lists_every_step_with_its_note() -> None:
    out = io.StringIO()
    steps = (Step("data folder", self_test._data_folder), Step("count", lambda _r: "3 things"))
    assert run_steps(steps, out, io.StringIO()) == 0
    line = out.getvalue()
    assert line.startswith("trellis self-test: ok — data folder, count (3 things) in ")
    assert line.count("\n") == 1


def test_the_sample_vcard_ships_with_the_app() -> None:
    from desktop_app.resource_paths import resource_path

    sample = resource_path(self_test.SAMPLE_VCARD)
    text = sample.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == self_test.SAMPLE_CARDS
