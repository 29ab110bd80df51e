"""Spelling on resumes: recall of planted misspellings, false alarms, time per keystroke.

Goals (issue 20): recall >= 95% of planted common misspellings; false alarms <= 1 per 500
words on resume vocabulary (company names from the network, job titles, technology words);
a live review of a two-page resume under 100 ms per keystroke. The baseline is a bare
Hunspell check (the same dictionary through spylls, every word, no personal dictionary and
no rules for proper nouns, acronyms, e-mails or URLs), which is what a word processor's
checker does before the user teaches it anything.

    PYTHONPATH=. python benchmarks/bench_spelling.py [--resumes 20] [--lang en-US|en-GB]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spelling_corpus as corpus

RECALL_GOAL = 0.95
FALSE_ALARMS_PER_500_GOAL = 1.0
KEYSTROKE_GOAL_MS = 100.0


def score(
    found: list[tuple[int, int]], planted: tuple[tuple[int, int, str], ...]
) -> tuple[int, int]:
    """(planted errors found, findings that are not planted errors)."""
    hits = sum(any(s < e2 and s2 < e for s2, e2 in found) for s, e, _ in planted)
    alarms = sum(not any(s < e2 and s2 < e for s2, e2, _ in planted) for s, e in found)
    return hits, alarms


def main() -> int:
    parser = argparse.ArgumentParser(description="Spelling on resumes with planted errors")
    parser.add_argument("--resumes", type=int, default=20)
    parser.add_argument("--lang", default="en-US", choices=["en-US", "en-GB"])
    args = parser.parse_args()

    from desktop_app.services.document_resources import kind_spec
    from desktop_app.services.text_review import ReviewContext, review_text
    from desktop_app.services.text_review.spelling import (
        TOKEN,
        Speller,
        hunspell_dictionary,
        misspellings,
    )

    started = time.perf_counter()
    bare = hunspell_dictionary(args.lang)
    load_s = time.perf_counter() - started
    network = [*corpus.COMPANIES, *corpus.PEOPLE, *corpus.TITLES]
    speller = Speller(args.lang, network)
    resumes = [corpus.planted_resume(seed, language=args.lang) for seed in range(args.resumes)]
    words = sum(r.words for r in resumes)
    planted = sum(len(r.planted) for r in resumes)

    rows = []
    for name, check in (
        (
            "bare Hunspell",
            lambda text: [m.span() for m in TOKEN.finditer(text) if not bare.lookup(m.group())],
        ),
        (
            "Trellis",
            lambda text: [(f.start, f.end) for f in misspellings(text, speller, suggestions=False)],
        ),
    ):
        hits = alarms = 0
        for resume in resumes:
            h, a = score(check(resume.text), resume.planted)
            hits, alarms = hits + h, alarms + a
        rows.append((name, hits / planted, alarms * 500 / words))

    print(
        f"{args.resumes} resumes, {words} words, {planted} planted misspellings ({args.lang});"
        f" dictionary read in {load_s:.2f} s"
    )
    print(f"{'':16}{'recall':>8}{'false alarms / 500 words':>28}")
    for name, recall, alarms in rows:
        print(f"{name:16}{recall:>8.1%}{alarms:>28.2f}")

    # Live review: one keystroke at the end of a two-page resume, the whole review rerun
    # (as the editor does on its worker), words seen before answered from the speller's cache.
    two_pages = corpus.planted_resume(1000, language=args.lang)
    text = two_pages.text
    spec = kind_spec("resume")
    context = ReviewContext(Speller(args.lang, network), suggestions=False)
    started = time.perf_counter()
    review_text(text, spec, context=context)
    first_ms = (time.perf_counter() - started) * 1000
    times = []
    for char in "Presented results to the board and the regional team every quarter. " * 2:
        text += char
        started = time.perf_counter()
        review_text(text, spec, context=context)
        times.append((time.perf_counter() - started) * 1000)
    median, worst = statistics.median(times), max(times)
    # On a shared machine one keystroke in a hundred can wait for the CPU: judge the 95th
    # percentile, and print the worst beside it.
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"review of a two-page resume ({two_pages.words} words): first "
        f"{first_ms:.0f} ms; per keystroke median {median:.1f} ms, 95th percentile {p95:.1f} ms, "
        f"worst {worst:.1f} ms "
        f"over {len(times)} keystrokes"
    )

    trellis = rows[1]
    ok = (
        trellis[1] >= RECALL_GOAL
        and trellis[2] <= FALSE_ALARMS_PER_500_GOAL
        and p95 < KEYSTROKE_GOAL_MS
    )
    print(
        f"goals (recall >= {RECALL_GOAL:.0%}, <= {FALSE_ALARMS_PER_500_GOAL:g} false alarm "
        f"per 500 words, < {KEYSTROKE_GOAL_MS:g} ms a keystroke, 95th percentile): "
        f"{'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
