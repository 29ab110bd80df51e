"""What the automatic review knows about me: my jobs, my goals and my own words.

Plain values read from the database (storage/review_vocabulary.py) and handed to the
pure checks in services/text_review/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MyJob:
    """One position in my own employment history."""

    organization: str
    title: str = ""
    start_year: int | None = None
    end_year: int | None = None
    current: bool = False

    @property
    def label(self) -> str:
        """ "Data Analyst, 2014–2017" (the parts that are known)."""
        if self.start_year and (self.end_year or self.current):
            years = f"{self.start_year}–{'now' if self.current else self.end_year}"
        else:
            years = str(self.start_year or self.end_year or "")
        return ", ".join(part for part in (self.title, years) if part)


@dataclass(frozen=True, slots=True)
class GoalTargets:
    """An open goal and the roles and industries it aims at."""

    title: str
    roles: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NetworkVocabulary:
    """Words of my network the spelling check must know, as the database holds them."""

    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    my_titles: tuple[str, ...] = ()
    added_words: tuple[str, ...] = ()
