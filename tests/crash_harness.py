"""Kill `trellis` at random moments and check what it leaves behind.

Used by tests/cli/test_crash_safety.py (a few kills per command, within the suite's time
budget) and by `python -m tools.reliability_report` (many more, for docs/reliability.md).
Each run starts the real command in a subprocess, sends SIGKILL after a delay drawn from
the time an uninterrupted run takes, then opens the database afresh: SQLite must recover
it (`PRAGMA integrity_check` = ok) and the command's work must be wholly there or not at all.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", *args]


def cli_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")


GIVEN = [
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Eli",
    "Femi",
    "Gita",
    "Hugo",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Uma",
    "Vik",
    "Wen",
    "Xavi",
    "Yara",
    "Zoe",
    "Ali",
    "Bea",
    "Caio",
    "Dmitri",
    "Esra",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jana",
    "Kemal",
    "Lior",
    "Mina",
    "Nils",
]
FAMILY = [
    "Abe",
    "Brandt",
    "Costa",
    "Duarte",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Laine",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Adeyemi",
    "Berg",
    "Castro",
    "Dubois",
    "Evans",
    "Fontaine",
    "Gomez",
    "Horvat",
    "Ibrahim",
    "Jovanovic",
    "Kim",
    "Lopez",
    "Muller",
    "Novak",
    "Olsen",
    "Park",
    "Reyes",
    "Santos",
    "Torres",
    "Uddin",
    "Vega",
    "Wang",
    "Young",
    "Zeller",
]


def person_name(number: int) -> tuple[str, str]:
    """A plausible (given, family) name; about 52,000 distinct ones."""
    given = GIVEN[number % len(GIVEN)]
    initial = chr(65 + number // len(GIVEN) % 26)
    family = FAMILY[number // (len(GIVEN) * 26) % len(FAMILY)]
    return f"{given} {initial}.", family


def write_vcards(path: Path, count: int, tag: str = "crash") -> Path:
    """`count` distinct vCard 3.0 cards (each with its own email, so none merge), spread
    over 1,500 organisations as a real address book would be."""
    with path.open("w", encoding="utf-8", newline="") as out:
        for number in range(count):
            given, family = person_name(number)
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:{given} {family}\r\nN:{family};{given};;;\r\n"
                f"EMAIL:person{number}@{tag}.example\r\n"
                f"TEL:+1 555 {number // 10000 % 1000:03d} {number % 10000:04d}\r\n"
                f"ORG:Company {number * 7919 % 1500}\r\nTITLE:Engineer {number % 13}\r\n"
                f"NOTE:Card number {number} of the {tag} test\\, with a comma.\r\n"
                "END:VCARD\r\n"
            )
    return path


def count_rows(db: Path, table: str = "people") -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
    finally:
        conn.close()


def integrity(db: Path) -> str:
    """`PRAGMA integrity_check` through a fresh connection (which recovers the WAL)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(r[0] for r in rows)
    finally:
        conn.close()


def timed_run(args: list[str]) -> float:
    """Seconds an uninterrupted run takes (it must succeed)."""
    started = time.perf_counter()
    done = subprocess.run(
        cli_command(*args), env=cli_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"trellis {' '.join(args)} failed: {done.stderr}")
    return time.perf_counter() - started


def run_and_kill(args: list[str], delay: float) -> bool:
    """Start `trellis args`, SIGKILL it after `delay` s; False if it finished first."""
    process = subprocess.Popen(
        cli_command(*args),
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True
    return False


@dataclass
class KillTally:
    """What a series of kills found: `killed` runs died mid-way; `finished` beat the kill."""

    command: str
    killed: int = 0
    finished: int = 0
    whole: int = 0  # the work was wholly there afterwards
    absent: int = 0  # the work was wholly absent afterwards
    failures: list[str] = field(default_factory=list)

    @property
    def survived(self) -> int:
        return self.whole + self.absent


Check = Callable[[], str]  # "whole", "absent", or a description of what is wrong


def kill_series(
    command: str,
    prepare: Callable[[], None],
    args: list[str],
    check: Check,
    kills: int,
    duration: float,
    rng: random.Random,
) -> KillTally:
    """`kills` runs of `args`, each killed at a uniform random moment of `duration`."""
    tally = KillTally(command)
    for _ in range(kills):
        prepare()
        delay = rng.uniform(0.05, duration * 1.1)
        if run_and_kill(args, delay):
            tally.killed += 1
        else:
            tally.finished += 1
        outcome = check()
        if outcome == "whole":
            tally.whole += 1
        elif outcome == "absent":
            tally.absent += 1
        else:
            tally.failures.append(f"killed after {delay:.2f} s: {outcome}")
    return tally


# -- the three commands ------------------------------------------------------------------


class ImportScenario:
    """A database with a small network, then `trellis import` of `cards` new cards."""

    def __init__(self, folder: Path, cards: int) -> None:
        self.folder = folder
        self.cards = cards
        self.pristine = folder / "pristine.db"
        self.db = folder / "import.db"
        self.vcf = write_vcards(folder / "cards.vcf", cards)
        if not self.pristine.exists():
            subprocess.run(
                cli_command("demo", "--db", str(self.pristine), "--contacts", "20"),
                env=cli_env(),
                check=True,
                capture_output=True,
            )
        self.before = count_rows(self.pristine)
        self.args = ["import", "--db", str(self.db), str(self.vcf)]

    def prepare(self) -> None:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{self.db}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(self.db.with_name(self.db.stem + ".backups"), ignore_errors=True)
        shutil.copyfile(self.pristine, self.db)

    def check(self) -> str:
        state = integrity(self.db)
        if state != "ok":
            return f"integrity_check: {state}"
        people = count_rows(self.db)
        if people == self.before:
            return "absent"
        if people == self.before + self.cards:
            emails = count_rows(self.db, "emails")
            return "whole" if emails >= self.cards else f"{emails} emails for {people} people"
        return f"{people - self.before} of {self.cards} cards present"


class DemoScenario:
    """`trellis demo` into an empty database."""

    def __init__(self, folder: Path, contacts: int) -> None:
        self.db = folder / "demo.db"
        self.contacts = contacts
        self.args = ["demo", "--db", str(self.db), "--contacts", str(contacts)]

    def prepare(self) -> None:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{self.db}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(self.db.with_name(self.db.stem + ".backups"), ignore_errors=True)

    def check(self) -> str:
        if not self.db.exists():
            return "absent"  # killed before the database was even created
        state = integrity(self.db)
        if state != "ok":
            return f"integrity_check: {state}"
        conn = sqlite3.connect(self.db)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
        if "people" not in tables:
            return "absent"  # killed before the schema was committed
        people = count_rows(self.db)
        if people == 0:
            return "absent"
        return "whole" if people == self.contacts + 1 else f"{people} people of {self.contacts + 1}"


class ExportScenario:
    """`trellis export --out F` over an older export: F is the old file or the new one."""

    def __init__(self, folder: Path, db: Path, fmt: str = "json") -> None:
        self.folder = folder
        self.out = folder / f"export.{fmt}"
        self.old = '{"old": "a complete earlier export"}\n'
        self.args = ["export", "--db", str(db), "--format", fmt, "--out", str(self.out)]
        self.fmt = fmt
        self.expected = ""

    def prepare(self) -> None:
        self.out.write_text(self.old, encoding="utf-8")

    def check(self) -> str:
        if not self.out.exists():
            return "the export file is gone"
        text = self.out.read_text(encoding="utf-8")
        if text == self.old:
            return "absent"
        if text == self.expected:
            return "whole"
        return f"a different file of {len(text)} characters is in place"

    def leftovers(self) -> list[Path]:
        """Temporary files a kill left beside the export (never in its place)."""
        return [p for p in self.folder.iterdir() if p.name.startswith(".") and "export" in p.name]


def expected_export(scenario: ExportScenario) -> None:
    """Run the export once, uninterrupted, and remember its content."""
    scenario.prepare()
    subprocess.run(cli_command(*scenario.args), env=cli_env(), check=True, capture_output=True)
    scenario.expected = scenario.out.read_text(encoding="utf-8")
    if scenario.fmt == "json":
        json.loads(scenario.expected)
