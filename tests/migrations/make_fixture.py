"""Freeze a database of the current schema revision for the migration tests.

Run once per released schema revision, BEFORE adding the next Alembic revision, from the
repository root:

    PYTHONPATH=. python -m tests.migrations.make_fixture

It writes `tests/migrations/fixtures/<revision>.db`: a demo network plus an imported card
with an address and a photo, a goal with people, saved map positions and a setting, so
every table holds realistic rows. `test_upgrade.py` then upgrades each frozen file to the
head revision and checks that every row is still there.
"""

from __future__ import annotations

import base64
import sqlite3
import sys
import tempfile
from pathlib import Path

from desktop_app.domain.enums import Circle
from desktop_app.services import goals, reminders
from desktop_app.services.demo import write_demo
from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.map import map_positions
from desktop_app.storage.database import open_database
from desktop_app.storage.schema_version import HEAD_REVISION
from desktop_app.storage.uri import sqlite_uri

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A 1×1 PNG: small, but a real image the photo column must keep byte for byte.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zofia Kowalska-Brandt\r\nN:Kowalska-Brandt;Zofia;;;\r\n"
    "ORG:Vistula Analytics\r\nTITLE:Head of Data, Kraków office\r\n"
    "EMAIL;TYPE=work:zofia@vistula.example\r\nTEL;TYPE=cell:+48 601 234 567\r\n"
    "ADR;TYPE=work:;;ul. Floriańska 3;Kraków;;31-019;Poland\r\n"
    "NOTE:Met at PyCon PL\\, talked about career moves into data leadership.\r\n"
    f"PHOTO;ENCODING=b;TYPE=PNG:{base64.b64encode(PIXEL).decode()}\r\n"
    "END:VCARD\r\n"
)

MAIL = (
    "From zofia@vistula.example Mon Nov 30 09:00:00 2026\n"
    "From: Zofia Kowalska-Brandt <zofia@vistula.example>\n"
    "To: Me <me@example.org>\nDate: Mon, 30 Nov 2026 09:00:00 +0100\n"
    "Message-ID: <frozen-1@vistula.example>\nSubject: Coffee\n\nBody.\n\n"
)


def build(target: Path) -> dict[str, int]:
    """Write the frozen database to `target`; returns the row count of every table."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "frozen.db"
        card = Path(folder) / "zofia.vcf"
        card.write_text(CARD, encoding="utf-8")
        with open_database(work, backups=False) as db:
            write_demo(db, 40, seed=11)
            run_import(db, [card])
            mail = Path(folder) / "mail.mbox"  # fills interaction_sources (revision 0003)
            mail.write_text(MAIL, encoding="utf-8")
            run_import(db, [mail], history=True)
            people = [r[0] for r in db.fast_connection().execute("SELECT id FROM people")]
            goal_list = goals.goals(db)
            goals.set_links(db, goal_list[0].id, people[:4], [])
            map_positions.save_positions(
                db, {f"p:{pid}": (float(i), float(-i)) for i, pid in enumerate(people)}, ["me"]
            )
            reminders.set_cadence_per_circle(db, {Circle.INNER: 21})
        target.unlink(missing_ok=True)
        conn = sqlite3.connect(work)
        try:
            conn.execute("VACUUM INTO ?", (str(target),))
        finally:
            conn.close()
    return row_counts(target)


def row_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")
        ]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def main() -> int:
    FIXTURES.mkdir(exist_ok=True)
    target = FIXTURES / f"{HEAD_REVISION}.db"
    counts = build(target)
    empty = [name for name, count in counts.items() if count == 0]
    print(f"wrote {target} ({target.stat().st_size} bytes): {counts}")
    if empty:
        print(f"tables left empty: {', '.join(empty)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
