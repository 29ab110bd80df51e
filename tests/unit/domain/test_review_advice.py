"""Every finding of the text review says why, and what to try instead."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.domain.review_advice import ADVICE, GENERIC, advice_for

SERVICES = Path(__file__).resolve().parents[3] / "desktop_app" / "services"


def _kinds_the_review_makes() -> set[str]:
    kinds: set[str] = set()
    for module in (SERVICES / "text_review").glob("*.py"):
        kinds.update(re.findall(r'Finding\(\s*"([a-z_]+)"', module.read_text(encoding="utf-8")))
    return kinds


def test_each_kind_the_review_makes_has_its_own_advice() -> None:
    kinds = _kinds_the_review_makes()
    assert {"repeated_word", "filler_word", "long_sentence", "spelling", "forgotten_job"} <= kinds
    missing = sorted(k for k in kinds if k not in ADVICE)
    assert missing == [], "add these to domain/review_advice.ADVICE"


def test_advice_reads_as_a_reason_then_something_to_try() -> None:
    for advice in (*ADVICE.values(), GENERIC):
        assert advice.why.endswith(".") and advice.why[0].isupper()
        assert advice.instead.endswith(".") and advice.instead[0].islower()
        assert advice.text() == f"{advice.why} Try: {advice.instead}"
    assert advice_for("a_kind_nobody_wrote_advice_for") is GENERIC
