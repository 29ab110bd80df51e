"""A first sync reads thousands of cards with one reader (`cards.parse_many`); each must
come out exactly as `cards.parse` reads it alone, whatever its neighbours hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.values import NewPerson
from desktop_app.services.sync import cards
from tests.fuzz_harness import stored_people

# Ways a server's card may differ from a plain one (each one-card text, or not a card).
ODD = (
    lambda t: t.replace("\r\n", "\n"),
    lambda t: t + t,  # two cards in one resource: the first one counts
    lambda t: t.replace("END:VCARD\r\n", ""),  # no END
    lambda t: t + "X-AFTER:the end\r\n",
    lambda t: t + "BEGIN:VCALENDAR\r\n",
    lambda t: t.replace("END:VCARD", "end:vcard"),
    lambda t: t.replace("VERSION:3.0", "VERSION:3.0\r\nKIND:group"),
    lambda t: t.replace(
        "VERSION:3.0", "VERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:caf=E9 =\r\n ok"
    ),
    lambda t: "\ufeff" + t,
    lambda t: "",
    lambda t: "not a card at all\n",
    lambda t: t.replace("BEGIN:VCARD\r\n", "BEGIN:VCARD\r\nEND:VCARD\r\nBEGIN:VCARD\r\n"),
    lambda t: t.replace("\r\n", "\r\r\n"),
    lambda t: t.rstrip("\r\n"),
)


def _outcome(result: NewPerson | cards.CardError) -> object:
    return ("refused", str(result)) if isinstance(result, cards.CardError) else result


@settings(
    max_examples=80,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(
    people=stored_people(max_people=4),
    odd=st.lists(st.one_of(st.none(), st.integers(0, len(ODD) - 1)), min_size=4, max_size=4),
)
def test_reading_cards_together_is_reading_each_alone(
    people: list[NewPerson], odd: list[int | None]
) -> None:
    texts = [cards.card_text(replace(p, vcard_uid=f"u{i}")) for i, p in enumerate(people)]
    texts = [t if o is None else ODD[o](t) for t, o in zip(texts, odd, strict=False)]
    texts += texts  # the same plain card twice, and more of them to read together
    together = [_outcome(r) for r in cards.parse_many(texts)]
    alone = []
    for text in texts:
        try:
            alone.append(_outcome(cards.parse(text)))
        except cards.CardError as error:
            alone.append(_outcome(error))
    assert together == alone
