"""SIGKILL `trellis import`, `trellis demo` and `trellis export` at random moments.

After each kill SQLite must recover the database (`PRAGMA integrity_check` = ok) and the
command's work must be wholly present or wholly absent; an export file is either the old
one or the complete new one. The moments are random; a failure prints the seed to replay.
Many more kills run in `python -m tools.reliability_report` (docs/reliability.md).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.crash_harness import (
    DemoScenario,
    ExportScenario,
    ImportScenario,
    expected_export,
    kill_series,
    timed_run,
)

pytestmark = pytest.mark.slow

KILLS = 3


def fresh_rng() -> tuple[int, random.Random]:
    seed = random.SystemRandom().randrange(1 << 32)
    return seed, random.Random(seed)


def test_killed_import_of_20000_cards_is_all_or_nothing(tmp_path: Path) -> None:
    scenario = ImportScenario(tmp_path, 20_000)
    scenario.prepare()
    duration = timed_run(scenario.args)
    assert scenario.check() == "whole"  # the uninterrupted run imports every card

    seed, rng = fresh_rng()
    tally = kill_series(
        "import", scenario.prepare, scenario.args, scenario.check, KILLS, duration, rng
    )
    assert tally.failures == [], f"seed {seed}"
    assert tally.survived == KILLS


def test_killed_demo_is_all_or_nothing(tmp_path: Path) -> None:
    scenario = DemoScenario(tmp_path, 3000)
    scenario.prepare()
    duration = timed_run(scenario.args)
    assert scenario.check() == "whole"

    seed, rng = fresh_rng()
    tally = kill_series(
        "demo", scenario.prepare, scenario.args, scenario.check, KILLS, duration, rng
    )
    assert tally.failures == [], f"seed {seed}"


@pytest.mark.parametrize("fmt", ["json", "vcf"])
def test_killed_export_never_leaves_a_half_file_in_place(tmp_path: Path, fmt: str) -> None:
    source = DemoScenario(tmp_path, 3000)
    source.prepare()
    timed_run(source.args)
    scenario = ExportScenario(tmp_path, source.db, fmt)
    expected_export(scenario)
    scenario.prepare()
    duration = timed_run(scenario.args)
    assert scenario.check() == "whole"

    seed, rng = fresh_rng()
    tally = kill_series(
        "export", scenario.prepare, scenario.args, scenario.check, KILLS, duration, rng
    )
    assert tally.failures == [], f"seed {seed}"
