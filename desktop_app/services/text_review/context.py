"""What the review reads from a database: my personal dictionary, my jobs, my goals; and
Add to dictionary (one transaction, undoable by `remove_word`)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import RuleError
from desktop_app.domain.review import GoalTargets, MyJob
from desktop_app.domain.values import ChangeSet
from desktop_app.services.text_review import ReviewContext
from desktop_app.services.text_review.spelling import DEFAULT_LANGUAGE, TOKEN, Speller
from desktop_app.storage import review_vocabulary
from desktop_app.storage.database import Database


def load_context(
    db: Database | None, language: str = DEFAULT_LANGUAGE, *, suggestions: bool = True
) -> ReviewContext:
    """A speller with my network's words, my jobs and open goals (only the speller without
    a database)."""
    facts = ReviewFacts() if db is None else read_facts(db)
    return facts.context(language, suggestions=suggestions)


@dataclass(frozen=True)
class ReviewFacts:
    """What the review needs from the database, read quickly on the caller's thread; the
    speller (whose dictionary takes up to 3 s to read) is built from it on a worker."""

    personal: tuple[str, ...] = ()
    jobs: tuple[MyJob, ...] = ()
    goals: tuple[GoalTargets, ...] = ()

    def context(
        self, language: str = DEFAULT_LANGUAGE, *, suggestions: bool = False
    ) -> ReviewContext:
        return ReviewContext(Speller(language, self.personal), self.jobs, self.goals, suggestions)


def read_facts(db: Database) -> ReviewFacts:
    with db.transaction() as session:
        vocabulary = review_vocabulary.network_vocabulary(session)
        jobs = review_vocabulary.my_jobs(session)
        goals = review_vocabulary.open_goals(session)
    personal = (
        *vocabulary.people,
        *vocabulary.organizations,
        *vocabulary.my_titles,
        *vocabulary.added_words,
    )
    return ReviewFacts(personal, jobs, goals)


def added_words(db: Database) -> tuple[str, ...]:
    with db.transaction() as session:
        return review_vocabulary.added_words(session)


def add_word(db: Database, word: str) -> ChangeSet:
    """Add `word` to my dictionary; a second add of the same word changes nothing."""
    word = _one_word(word)
    with db.transaction() as session:
        words = review_vocabulary.added_words(session)
        if word not in words:
            review_vocabulary.set_added_words(session, (*words, word))
    return ChangeSet(documents_changed=True)


def remove_word(db: Database, word: str) -> ChangeSet:
    """Take `word` out of my dictionary again (the undo of `add_word`)."""
    with db.transaction() as session:
        words = review_vocabulary.added_words(session)
        review_vocabulary.set_added_words(session, tuple(w for w in words if w != word))
    return ChangeSet(documents_changed=True)


def _one_word(word: str) -> str:
    word = word.strip()
    if not TOKEN.fullmatch(word):
        raise RuleError(f"“{word}” is not one word; only single words go in the dictionary.")
    return word
