"""Why each kind of text-review finding matters, and what to try instead.

One entry per finding kind (`services/text_review.py` names them); the window shows it
beside the finding and `trellis review-text` prints it. A kind without an entry gets
`GENERIC`, so a new check is never shown without any advice — but give it its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Advice:
    why: str
    instead: str

    def text(self) -> str:
        return f"{self.why} Try: {self.instead}"


ADVICE: dict[str, Advice] = {
    "spoken_length": Advice(
        "Said aloud, it runs past the time you have; listeners stop following.",
        "keep one example and one ask, cut the rest, and read it aloud against a timer.",
    ),
    "word_count": Advice(
        "Past this length readers skim, and your best point may be the one they skip.",
        "keep your strongest points, one idea per sentence, and cut what repeats them.",
    ),
    "char_count": Advice(
        "Where this is posted, the text is cut off at the limit.",
        "shorten it here, or move the detail to a longer document.",
    ),
    "repeated_word": Advice(
        "A word typed twice in a row is almost always a slip, and readers notice it.",
        "delete one of the two.",
    ),
    "double_space": Advice(
        "Two spaces show as an uneven gap in most places this text ends up.",
        "use a single space.",
    ),
    "space_before_punctuation": Advice(
        "In English a comma, full stop or question mark sits against its word.",
        "remove the space before the mark.",
    ),
    "final_punctuation": Advice(
        "Without its last full stop the text looks unfinished.",
        "end with a full stop, or with a question that invites a reply.",
    ),
    "long_sentence": Advice(
        "Long sentences are hard to follow, above all when they are spoken.",
        "split it in two where it says “and”, “which” or “because”.",
    ),
    "filler_word": Advice(
        "Fillers make you sound unsure and use up your time.",
        "leave it out; a short pause sounds surer.",
    ),
}

GENERIC = Advice(
    "The automatic review flagged this passage.",
    "read it aloud and see whether a simpler wording says the same.",
)


def advice_for(kind: str) -> Advice:
    """The advice for a finding kind (`GENERIC` for a kind without its own)."""
    return ADVICE.get(kind, GENERIC)
