"""`trellis import` in a real subprocess: exit codes, stderr, preview, one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def people(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT full_name FROM people"))


def test_import_reports_rejections_with_line_numbers_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run_cli("import", str(FIXTURES / "v21-qp-photo.vcf"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "v21-qp-photo.vcf, line 17: the card has no name" in result.stderr
    assert "3 new, 0 merged, 0 skipped, 1 rejected (were written)" in result.stdout
    assert people(db) == ["After The Broken One", "Broken", "Jürgen Müller"]


def test_dry_run_prints_the_preview_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run_cli(
        "import", str(FIXTURES / "linkedin-connections.csv"), "--db", str(db), "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    assert "Ada Lovelace (Engines, Ltd.)" in result.stdout
    assert "(would be written)" in result.stdout
    assert not db.exists()  # not even an empty database is created


def test_importing_twice_merges_and_lists_possible_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = tmp_path / "a.vcf"
    first.write_text("BEGIN:VCARD\nFN:Jonathan Smith\nORG:Acme\nEMAIL:js@a.org\nEND:VCARD\n")
    second = tmp_path / "b.vcf"
    second.write_text(
        "BEGIN:VCARD\nFN:Jonathon Smith\nORG:Acme\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:J. Smith\nEMAIL:JS@a.org\nTEL:+1 212 555 0100\nEND:VCARD\n"
    )
    assert run_cli("import", str(first), "--db", str(db)).returncode == 0
    result = run_cli("import", str(second), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "keep both  Jonathon Smith ~ Jonathan Smith" in result.stdout
    assert "merge      J. Smith → Jonathan Smith  (same email: js@a.org)" in result.stdout
    assert people(db) == ["Jonathan Smith", "Jonathon Smith"]


def test_exit_1_when_nothing_can_be_read(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    missing = run_cli("import", str(tmp_path / "nope.vcf"), "--db", str(db))
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr
    not_contacts = run_cli("import", str(FIXTURES / "not-contacts.csv"), "--db", str(db))
    assert not_contacts.returncode == 1
    assert "no contact columns" in not_contacts.stderr


def test_exit_2_for_usage_errors(tmp_path: Path) -> None:
    result = run_cli("import", "--db", str(tmp_path / "t.db"))
    assert result.returncode == 2
    assert "FILE" in result.stderr


def test_rejected_cards_can_be_saved(tmp_path: Path) -> None:
    out = tmp_path / "rejected.txt"
    result = run_cli(
        "import",
        str(FIXTURES / "v21-qp-photo.vcf"),
        "--db",
        str(tmp_path / "t.db"),
        "--rejected",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "X-ONLY:nothing useful here" in out.read_text(encoding="utf-8")


def test_export_vcf_and_csv_then_import_into_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert run_cli("import", str(FIXTURES), "--db", str(db)).returncode == 0
    for fmt, name in (("vcf", "out.vcf"), ("vcf3", "out3.vcf"), ("csv", "out.csv")):
        result = run_cli("export", "--format", fmt, "--db", str(db), "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    to_stdout = run_cli("export", "--format", "vcf", "--db", str(db))
    assert to_stdout.stdout.startswith("BEGIN:VCARD\nVERSION:4.0\n")  # text mode: \r\n read as \n
    copy = tmp_path / "copy.db"
    assert run_cli("import", str(tmp_path / "out.vcf"), "--db", str(copy)).returncode == 0
    assert people(copy) == people(db)


def test_an_outlook_export_of_addresses_only_is_imported_with_its_date_warnings(
    tmp_path: Path,
) -> None:
    from tests.unit.services.importing.test_csv_outlook_and_dates import outlook_csv

    source = tmp_path / "contacts.CSV"
    source.write_bytes(
        outlook_csv(
            [
                {"E-mail Address": "grace.hopper@example.com", "Birthday": "12/9/1906"},
                {"E-mail Address": "edsger@example.nl", "E-mail 2 Address": "ewd@example.org"},
                {"E-mail 3 Address": "radia@example.com", "Birthday": "31/31/1951"},
            ]
        )
    )
    db = tmp_path / "t.db"
    result = run_cli("import", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "3 new, 0 merged, 0 skipped, 0 rejected (were written)" in result.stdout
    assert "contacts.CSV: line 4: the birthday '31/31/1951' is not a date" in result.stdout
    assert "contacts.CSV: line 2: the birthday '12/9/1906' reads as day/month" in result.stdout
    assert people(db) == ["Edsger", "Grace Hopper", "Radia"]
    with sqlite3.connect(db) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT value FROM emails")) == [
            "edsger@example.nl",
            "ewd@example.org",
            "grace.hopper@example.com",
            "radia@example.com",
        ]
        assert conn.execute(
            "SELECT birthday_year, birthday_month, birthday_day FROM people "
            "WHERE full_name = 'Grace Hopper'"
        ).fetchone() == (1906, 12, 9)


def test_many_possible_duplicates_are_summarised_and_verbose_lists_them_all(
    tmp_path: Path,
) -> None:
    """A real address book holds thousands of same-named people: the terminal shows the
    first few possible duplicates and how many more; `--verbose` lists every one."""
    cards = tmp_path / "same.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\nFN:Ada Lovelace\nTEL:+1 212 555 {i:04d}\nEND:VCARD\n" for i in range(30)
        )
    )
    result = run_cli("import", str(cards), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 0, result.stderr
    assert "Possible duplicates, kept apart: 29" in result.stdout
    assert result.stdout.count("keep both  Ada Lovelace ~ Ada Lovelace") == 20
    assert "… and 9 more (--verbose lists them all)" in result.stdout
    verbose = run_cli("import", str(cards), "--db", str(tmp_path / "b.db"), "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert verbose.stdout.count("keep both  Ada Lovelace ~ Ada Lovelace") == 29
    assert "more (--verbose" not in verbose.stdout


def test_importing_into_an_existing_database_never_imports_sqlalchemy(tmp_path: Path) -> None:
    """Issue 18 item 11: SQLAlchemy alone is a tenth of importing 20,000 cards. The import
    runs on plain sqlite3 (`Database.raw_transaction`), and merges the second time."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    db = tmp_path / "t.db"
    cards = FIXTURES / "v30-escapes-groups.vcf"
    created = run_cli("import", str(cards), "--db", str(db))  # a new file: migrations run
    assert created.returncode == 0, created.stderr
    before = people(db)
    watch = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')])\n"
        "sys.exit(code)\n"
    )
    again = subprocess.run(
        [sys.executable, "-c", watch, "import", str(cards), "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        cwd=REPO_ROOT,
        check=False,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.rstrip().endswith("[]")
    assert '"new": 0' in again.stdout and '"merged": 0' not in again.stdout
    assert people(db) == before
