"""A first sync pulling a folder of cards: what each person holds, what is remembered as
synced, and the garbage collector off while it runs, on again afterwards."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from desktop_app.services.sync import cards, run
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ann-1\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
    "EMAIL;TYPE=work:Ann@Example.org\r\nEMAIL;TYPE=home:ann@example.ORG\r\n"
    "TEL;TYPE=cell:+1 212 555 0101\r\nTEL;TYPE=work:(212) 555-0101\r\n"
    "ORG:ACME  Corp\r\nTITLE:CTO\r\nCATEGORIES:zeta,alpha\r\n"
    "X-TRELLIS-MET-ON:2020-01-02\r\nEND:VCARD\r\n"
)


def test_a_pulled_card_keeps_trellis_fields_home_and_its_state_is_as_stored(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "ann.vcf").write_text(CARD, newline="")
    (folder / "bo.vcf").write_text(
        CARD.replace("ann-1", "bo-1").replace("FN:Ann", "FN:Bo"), newline=""
    )
    seen: list[bool] = []
    assert gc.isenabled()
    report = run.sync_vdir(db, folder, is_cancelled=lambda: bool(seen.append(gc.isenabled())))
    assert report.pulled == 2
    assert seen and set(seen) == {False}  # no collection while it ran…
    assert gc.isenabled()  # …and the collector back afterwards
    with db.transaction() as session:
        items = sync_state.items(session, 1)
        stored = sync_state.stored_people(
            session, [i.person_id for i in items.values() if i.person_id]
        )
    assert len(stored) == 2
    for item in items.values():
        person = stored[item.person_id]
        assert person.fields.met_on is None and person.source == "carddav"
        assert json.loads(item.local_state) == cards.state(person)
        assert cards.state(person)["categories"] == ["alpha", "zeta"]
        state = cards.state(person)
        assert (len(state["emails"]), len(state["phones"])) == (1, 1)  # repeats dropped
        assert state["organization"] == [["ACME Corp", "CTO"]]
    again = run.sync_vdir(db, folder)
    assert (again.pulled, again.pushed, again.conflicts) == (0, 0, 0)


def test_the_stored_state_is_sorted_json_as_before() -> None:
    """`dumps` writes a state's keys sorted without sorting them (`state` makes them in
    order): the text is what `json.dumps(..., sort_keys=True)` wrote, byte for byte."""
    person = cards.parse(CARD)
    state = cards.state(person)
    assert list(state) == sorted(state) == sorted(cards.SYNCED_FIELDS)
    assert cards.dumps(state) == json.dumps(state, ensure_ascii=False, sort_keys=True)
