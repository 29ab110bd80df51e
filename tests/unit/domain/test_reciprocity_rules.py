from datetime import date

from desktop_app.domain.reciprocity import (
    Balance,
    InterestFacts,
    asks_since_last_gave,
    parse_tags,
    suggest_recipients,
)


def test_asks_count_from_the_last_time_i_gave() -> None:
    assert asks_since_last_gave(["asked", "asked", "gave", "asked", "mutual", "asked"]) == 2
    assert asks_since_last_gave(["asked", "asked", "asked"]) == 3
    assert asks_since_last_gave(["gave"]) == 0


def test_ask_heavy_warning_reads_like_a_sentence() -> None:
    heavy = Balance(1, "Ana", 1, 5, 0, 4, date(2026, 1, 2))
    assert heavy.ask_heavy
    assert heavy.balance == -4
    assert heavy.warning() == "You've asked Ana 4 times since you last gave."
    never = Balance(2, "Bo", 0, 3, 0, 3, None)
    assert never.warning() == "You've asked Bo 3 times and not given yet."
    assert Balance(3, "Cy", 2, 2, 0, 2, date(2026, 1, 2)).warning() == ""


def test_tags_are_trimmed_folded_and_unique() -> None:
    assert parse_tags(" Python, data  science;python,, ") == ("python", "data science")


def test_suggestions_rank_tags_over_goal_words_then_longest_silence() -> None:
    people = [
        InterestFacts(1, "Ana", ("python",), frozenset(), date(2026, 5, 1)),
        InterestFacts(2, "Bo", ("python",), frozenset(), date(2025, 1, 1)),
        InterestFacts(3, "Cy", (), frozenset({"python"}), None),
        InterestFacts(4, "Di", ("cooking",), frozenset(), None),
        InterestFacts(5, "Ed", ("python",), frozenset(), None),
    ]
    result = suggest_recipients(["python"], people, exclude=[5])
    assert [s.name for s in result] == ["Bo", "Ana", "Cy"]
    assert result[0].why == "tags: python"
    assert result[2].why == "goals: python"
