"""Why each kind of text-review finding matters, and what to try instead.

One entry per finding kind (the checks in `services/text_review/` name them); the window shows it
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
    "buzzword": Advice(
        "Words every applicant uses claim a quality without showing it; readers skip them.",
        "show it instead: one result with a number, or what you did and what changed.",
    ),
    "spelling": Advice(
        "A misspelt word is the first thing a recruiter notices, and some stop reading there.",
        "choose one of the suggestions, or add the word to the dictionary if it is a name.",
    ),
    "inconsistent_punctuation": Advice(
        "Lines of one list punctuated two ways look careless, however good the content.",
        "end every bullet the same way (all with a full stop or none), one dash in ranges.",
    ),
    "unbalanced": Advice(
        "A bracket or quotation mark left open makes the reader look for where it ends.",
        "close it, or take out the one that has no partner.",
    ),
    "mixed_dates": Advice(
        "Dates written several ways make a timeline harder to scan.",
        "write every date the same way, for example “Jan 2020 – Feb 2021”.",
    ),
    "forgotten_job": Advice(
        "A job you held that the resume leaves out is experience nobody will ask about.",
        "add a line for it, or leave it out on purpose if it does not serve this goal.",
    ),
    "unserved_goal": Advice(
        "Nothing here tells the reader about the role or field you are aiming for.",
        "add one sentence that links your experience to that role or industry.",
    ),
}

GENERIC = Advice(
    "The automatic review flagged this passage.",
    "read it aloud and see whether a simpler wording says the same.",
)


def advice_for(kind: str) -> Advice:
    """The advice for a finding kind (`GENERIC` for a kind without its own)."""
    return ADVICE.get(kind, GENERIC)
