"""The real `trellis` against hostile storage (issue 17): a damaged data page, `#`/`?`/`%`
in the path, a full disk, an empty file, a folder that may not be entered, a read-only
database. Every failure is one clear line on stderr, exit 1, and nothing written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.storage_faults import (
    damage_data_page,
    fill,
    one_clear_line,
    run_trellis,
    small_disk,
    without_root_powers,
)

VCARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Example\nEMAIL:ann@example.org\nEND:VCARD\n"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real demo database, made by the real command, copied by each test."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    made = run_trellis("demo", "--db", str(db), "--contacts", "80")
    assert made.returncode == 0, made.stderr
    return db


@pytest.fixture
def vcard(tmp_path: Path) -> Path:
    path = tmp_path / "ann.vcf"
    path.write_text(VCARD, encoding="utf-8")
    return path


def reading_commands(tmp_path: Path, vcard: Path) -> dict[str, list[str]]:
    return {
        "check": ["check"],
        "export": ["export"],
        "export csv": ["export", "--format", "csv", "--out", str(tmp_path / "out.csv")],
        "due": ["due"],
        "ics": ["ics"],
        "print-map": ["print-map", "--out", str(tmp_path / "map.pdf")],
        "import --dry-run": ["import", "--dry-run", str(vcard)],
        "window": ["--read-only", "--exit-when-ready"],
    }


# -- 1. a damaged data page --------------------------------------------------------------


COMMANDS_ON_DAMAGE = [
    "check",
    "export",
    "export csv",
    "due",
    "ics",
    "print-map",
    "import --dry-run",
    "import",
    "window",
    "window --read-only",
]


@pytest.mark.parametrize("command", COMMANDS_ON_DAMAGE)
def test_every_command_reports_a_damaged_data_page_in_one_line(
    tmp_path: Path, demo_file: Path, vcard: Path, command: str
) -> None:
    db = tmp_path / "t.db"
    shutil.copyfile(demo_file, db)
    damage_data_page(db)
    before = db.read_bytes()
    commands = reading_commands(tmp_path, vcard)
    commands["import"] = ["import", str(vcard)]
    commands["window"] = ["--exit-when-ready"]
    commands["window --read-only"] = ["--read-only", "--exit-when-ready"]
    result = run_trellis(*commands[command], "--db", str(db))
    assert result.returncode == 1, result.stderr
    line = one_clear_line(result)
    assert f"{db} is damaged" in line and "restore it from a backup" in line
    assert db.read_bytes() == before  # left untouched
    assert not list(db.parent.glob("t.backups/*.db"))  # no backup of damage was counted


def test_damaged_database_is_not_rotated_in_over_good_backups(
    tmp_path: Path, demo_file: Path, vcard: Path
) -> None:
    from desktop_app.storage import backup

    db = tmp_path / "t.db"
    shutil.copyfile(demo_file, db)
    good = [backup.make_backup(db, "daily") for _ in range(backup.KEEP_BACKUPS)]
    damage_data_page(db)
    for _day in range(3):  # three more "days", the daily backup due each time
        for path in backup.list_backups(db):
            os.utime(path, (0, 0))
        result = run_trellis("import", str(vcard), "--db", str(db))
        assert result.returncode == 1
        assert "is damaged" in one_clear_line(result)
    assert backup.list_backups(db) == good  # every good one kept
    assert len(backup.damaged_copies(db)) <= backup.KEEP_DAMAGED  # the check came first
    restored = run_trellis("restore", "--db", str(db), "--from", str(good[-1]))
    assert restored.returncode == 0, restored.stderr
    assert run_trellis("check", "--db", str(db)).returncode == 0


# -- 3. '#', '?', '%', spaces, non-ASCII and 'file:' in the path -------------------------


@pytest.mark.parametrize("folder", ["file:Job search #2", "100% sure? Zoë ü"])
def test_paths_with_uri_characters_read_and_write_the_same_file(
    tmp_path: Path, vcard: Path, folder: str
) -> None:
    where = tmp_path / folder / "sub dir"
    where.mkdir(parents=True)
    db = where / "t.db"
    steps = [
        ["demo", "--contacts", "15"],
        ["import", str(vcard)],
        ["export", "--out", str(tmp_path / "out.json")],
        ["due", "--within", "400"],
        ["check"],
        ["--exit-when-ready"],
    ]
    for step in steps:
        result = run_trellis(*step, "--db", str(db))
        assert result.returncode == 0, (step, result.stderr)
    assert "Ann Example" in (tmp_path / "out.json").read_text(encoding="utf-8")
    assert "sound (17 people)" in run_trellis("check", "--db", str(db)).stdout
    beside = {p.name for p in where.iterdir()} - {"t.db-wal", "t.db-shm"}  # a reader's WAL
    assert sorted(beside) == ["t.backups", "t.db", "t.db.lock"]
    assert sorted(p.name for p in (tmp_path / folder).iterdir()) == ["sub dir"]
    # `config` is the test's settings folder (XDG_CONFIG_HOME): the window remembers the
    # network among File > Open Recent there; nothing else may appear.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config") == sorted(
        {folder, "ann.vcf", "out.json"}
    ), "an extra database appeared beside"


# -- 8. a full disk ----------------------------------------------------------------------


def test_demo_on_a_full_disk_says_so_and_leaves_nothing_readable_to_others() -> None:
    with small_disk("600k") as disk:
        if disk is None:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        db = disk / "new.db"
        result = run_trellis("demo", "--db", str(db), "--contacts", "3000")
        assert result.returncode == 1
        assert "The disk is full" in one_clear_line(result)
        assert "INSERT" not in result.stderr
        if db.exists():
            assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_import_into_a_new_database_on_a_full_disk_removes_the_half_made_file(
    vcard: Path,
) -> None:
    with small_disk("400k") as disk:
        if disk is None:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        fill(disk, leave=40_000)
        db = disk / "new.db"
        result = run_trellis("import", str(vcard), "--db", str(db))
        assert result.returncode == 1
        assert "The disk is full" in one_clear_line(result)
        assert not db.exists()


def test_a_failed_daily_backup_is_a_warning_and_the_import_goes_on(
    demo_file: Path, vcard: Path
) -> None:
    with small_disk("2m") as disk:
        if disk is None:
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        db = disk / "t.db"
        shutil.copyfile(demo_file, db)
        fill(disk, leave=120_000)  # room for the import's log, not for a backup
        for _attempt in range(2):
            result = run_trellis("import", str(vcard), "--db", str(db))
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
            assert "warning: the daily backup failed: The disk is full" in result.stderr
        assert not list((disk / "t.backups").iterdir()), "a partial backup was left"
        conn = sqlite3.connect(db)
        names = [r[0] for r in conn.execute("SELECT full_name FROM people")]
        conn.close()
        assert "Ann Example" in names


# -- 9. an empty (0-byte) file -----------------------------------------------------------


@pytest.mark.parametrize(
    "command", ["check", "export", "export csv", "due", "ics", "print-map", "window"]
)
def test_an_empty_file_is_not_a_database_for_reading_commands(
    tmp_path: Path, vcard: Path, command: str
) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    result = run_trellis(*reading_commands(tmp_path, vcard)[command], "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert "is an empty file, not a Trellis database" in one_clear_line(result)
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.vcf", "empty.db"]


def test_import_dry_run_into_an_empty_file_previews_and_writes_nothing(
    tmp_path: Path, vcard: Path
) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    result = run_trellis("import", "--dry-run", str(vcard), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Preview (nothing written): 1 new" in result.stdout
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.vcf", "empty.db"]


# -- 10. a data folder that cannot be entered --------------------------------------------


def _prefix_or_skip() -> list[str]:
    try:
        return without_root_powers()
    except OSError as error:
        pytest.skip(str(error))


@pytest.mark.parametrize(
    "command", ["check", "export", "due", "ics", "print-map", "import", "window"]
)
def test_a_folder_that_cannot_be_entered_is_one_clear_line(
    tmp_path: Path, demo_file: Path, vcard: Path, command: str
) -> None:
    prefix = _prefix_or_skip()
    shut = tmp_path / "shut"
    (shut / "inner").mkdir(parents=True)
    db = shut / "inner" / "t.db"
    shutil.copyfile(demo_file, db)
    commands = reading_commands(tmp_path, vcard)
    commands["import"] = ["import", str(vcard)]
    commands["window"] = ["--exit-when-ready"]
    shut.chmod(0)
    try:
        result = run_trellis(*commands[command], "--db", str(db), prefix=prefix)
    finally:
        shut.chmod(0o700)
    assert result.returncode == 1, result.stderr
    assert f"may not open the folder {shut} (permission denied)" in one_clear_line(result)


# -- 13. import --dry-run into a read-only database --------------------------------------


def test_import_dry_run_into_a_read_only_database_previews(
    tmp_path: Path, demo_file: Path, vcard: Path
) -> None:
    prefix = _prefix_or_skip()
    folder = tmp_path / "cd"
    folder.mkdir()
    db = folder / "t.db"
    shutil.copyfile(demo_file, db)
    before = db.read_bytes()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = run_trellis("import", "--dry-run", str(vcard), "--db", str(db), prefix=prefix)
        written = run_trellis("import", str(vcard), "--db", str(db), prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "Preview (nothing written): 1 new" in result.stdout
    assert written.returncode == 1
    assert "cannot write" in one_clear_line(written).lower()
    assert db.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["t.db"]


@pytest.fixture(scope="module")
def large_demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database too large for the check on opening: damage is met by the reads."""
    from desktop_app.storage.database import QUICK_CHECK_MAX_BYTES

    db = tmp_path_factory.mktemp("large") / "large.db"
    made = run_trellis("demo", "--db", str(db), "--contacts", "4500")
    assert made.returncode == 0, made.stderr
    assert db.stat().st_size > QUICK_CHECK_MAX_BYTES
    return db


@pytest.mark.parametrize(
    "command",
    ["export", "export csv", "export vcf", "due", "ics", "print-map", "import --dry-run",
     "window", "window rw"],
)  # fmt: skip
def test_damage_in_a_large_database_is_one_line_when_the_reads_meet_it(
    tmp_path: Path, large_demo_file: Path, vcard: Path, command: str
) -> None:
    db = tmp_path / "t.db"
    shutil.copyfile(large_demo_file, db)
    for table in ("people", "interactions", "relationships"):
        damage_data_page(db, table, every=table == "people")
    commands = reading_commands(tmp_path, vcard)
    commands["window rw"] = ["--exit-when-ready"]
    commands["export vcf"] = ["export", "--format", "vcf"]
    result = run_trellis(*commands[command], "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert f"{db} is damaged" in one_clear_line(result)
