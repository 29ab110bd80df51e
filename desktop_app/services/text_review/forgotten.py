"""What the text leaves out: jobs of my own history it never names, goals nothing serves."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop_app.domain.documents import Finding
from desktop_app.domain.review import GoalTargets, MyJob

_WORD = re.compile(r"[^\W_]+")
# Legal forms and filler that a resume often drops from an employer's name.
_LEGAL = frozenset(
    [
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "bv",
        "nv",
        "corp",
        "corporation",
        "co",
        "company",
        "group",
        "holdings",
        "the",
        "of",
        "and",
    ]
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "as",
        "by",
        "from",
        "into",
        "my",
        "our",
        "new",
        "role",
        "roles",
        "move",
        "get",
        "become",
        "work",
        "working",
        "job",
        "position",
        "senior",
        "junior",
        "lead",
    ]
)
EXPERIENCE_HEADING = re.compile(
    r"^[ \t]*(?:work |professional |relevant )?(?:experience|employment(?: history)?|"
    r"career(?: history)?)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
PREFIX = 5  # words match on their first five letters: "manager" serves "management"


def forgotten_jobs(text: str, jobs: tuple[MyJob, ...]) -> Iterator[Finding]:
    """One finding per employer of mine the text never names."""
    words = [w for w in _words(text) if w not in _LEGAL]
    heading = EXPERIENCE_HEADING.search(text)
    at = (heading.start(), heading.end()) if heading else (0, 0)
    seen: set[str] = set()
    for job in jobs:
        key = job.organization.casefold()
        if key in seen:
            continue
        seen.add(key)
        if _mentions(words, job.organization):
            continue
        detail = f" ({job.label})" if job.label else ""
        yield Finding(
            "forgotten_job",
            f"{job.organization}{detail} is not on this resume.",
            *at,
            organization=job.organization,
        )


def unserved_goals(text: str, goals: tuple[GoalTargets, ...]) -> Iterator[Finding]:
    """A goal's target role or industry that no line speaks to (its title when it has none)."""
    lines = [_stems(line) for line in re.split(r"[\n.!?]+", text)]
    for goal in goals:
        targets = [*goal.roles, *goal.industries] or [goal.title]
        for target in targets:
            wanted = _stems(target) - {_stem(w) for w in _STOP}
            if not wanted or any(wanted <= line for line in lines):
                continue
            if target in goal.roles or target in goal.industries:
                what = "the role" if target in goal.roles else "the industry"
                message = f"Nothing here speaks to {what} “{target}” of your goal “{goal.title}”."
            else:
                message = f"Nothing here speaks to your goal “{goal.title}”."
            yield Finding("unserved_goal", message, 0, 0)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _mentions(words: list[str], organization: str) -> bool:
    """The organisation's name, without its legal form, appears as consecutive words."""
    name = [w for w in _words(organization) if w not in _LEGAL] or _words(organization)
    if not name:
        return True
    size = len(name)
    return any(words[i : i + size] == name for i in range(len(words) - size + 1))


def _stem(word: str) -> str:
    return word.casefold()[:PREFIX]


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if len(w) > 2}
