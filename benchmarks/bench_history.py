"""History imports against the standard library reading the same files (issue 13).

- mbox of 100,000 messages: the whole `trellis import` process (with 500 contacts who
  write in it) against Python's `mailbox.mbox` iterating the messages and reading
  From/To/Cc/Date. Goal ≤ 0.5×.
- peak memory of the mbox import at ~100 MB and ~1 GB: flat.
- messages.csv of 200,000 rows (an unpacked LinkedIn export) against the csv module
  reading it; an .ics of 20,000 events against `icalendar` parsing it. Goal ≤ 30 s each.

Every figure is a fresh process timed from outside. Synthetic data, invented people.

    PYTHONPATH=. python benchmarks/bench_history.py [--messages 100000] [--rows 200000]
        [--events 20000] [--repeat 3] [--only mbox|memory|csv|ics]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 3000
CONTACTS = 500


def _person(i: int) -> tuple[str, str]:
    return f"Person{i} Sample{i % 97}", f"person{i}@corp{i % 50}.example"


def write_contacts(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(CONTACTS):
            name, mail = _person(i)
            out.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{mail}\r\nEND:VCARD\r\n")


def write_mbox(path: Path, count: int) -> None:
    rng = random.Random(13)
    start = date(2020, 1, 1)
    body = "Hello,\n\nsome text of a message body that is never read.\n" * 8
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            name, mail = _person(rng.randrange(PEOPLE))
            day = start + timedelta(days=rng.randrange(1800))
            stamp = day.strftime("%a, %d %b %Y 10:00:00 +0000")
            mine = rng.random() < 0.3
            sender = "Me Myself <me@home.example>" if mine else f'"{name}" <{mail}>'
            to = f'"{name}" <{mail}>' if mine else "Me Myself <me@home.example>"
            extra = "List-Id: <news.example>\n" if n % 17 == 0 else ""
            out.write(
                f"From {mail} {day.strftime('%a %b %d')} 10:00:00 {day.year}\n"
                f"Received: from mx.example by mx.example; {stamp}\n"
                f"From: {sender}\nTo: {to}\nDate: {stamp}\n"
                f"Message-ID: <{n}@bench.example>\nSubject: Thread {n % 5000}\n"
                f"{extra}MIME-Version: 1.0\nContent-Type: text/plain\n\n{body}\n"
            )


def write_linkedin(folder: Path, rows: int) -> None:
    import csv

    folder.mkdir()
    (folder / "Profile.csv").write_text("First Name,Last Name\nMe,Myself\n", encoding="utf-8")
    rng = random.Random(7)
    me = "https://www.linkedin.com/in/me-myself"
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
             "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
        )  # fmt: skip
        for _n in range(rows):
            i = rng.randrange(PEOPLE)
            name, url = _person(i)[0], f"https://www.linkedin.com/in/p{i}"
            day = date(2020, 1, 1) + timedelta(days=rng.randrange(1800))
            mine = rng.random() < 0.5
            writer.writerow(
                [f"conv-{i}", "", "Me Myself" if mine else name, me if mine else url,
                 name if mine else "Me Myself", url if mine else me,
                 f"{day.isoformat()} 10:00:00 UTC", "", "a message body " * 10, "INBOX"]
            )  # fmt: skip


def write_ics(path: Path, events: int) -> None:
    rng = random.Random(5)
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"]
    for n in range(events):
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
        name, mail = _person(rng.randrange(PEOPLE))
        rule = "RRULE:FREQ=WEEKLY;COUNT=8\r\n" if n % 50 == 0 else ""
        parts.append(
            f"BEGIN:VEVENT\r\nUID:ev-{n}@bench\r\nDTSTART:{day:%Y%m%d}T090000Z\r\n"
            f"DTEND:{day:%Y%m%d}T100000Z\r\nSUMMARY:Meeting {n}\r\n{rule}"
            "ORGANIZER;CN=Me Myself:mailto:me@home.example\r\n"
            f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{mail}\r\n"
            "ATTENDEE;CN=Me Myself;PARTSTAT=ACCEPTED:mailto:me@home.example\r\n"
            "DESCRIPTION:An agenda never stored\r\nEND:VEVENT\r\n"
        )
    parts.append("END:VCALENDAR\r\n")
    path.write_text("".join(parts), encoding="utf-8", newline="")


BASELINE_MBOX = """
import mailbox, sys
for m in mailbox.mbox(sys.argv[1], create=False):
    m.get('From'); m.get('To'); m.get('Cc'); m.get('Date')
"""
BASELINE_CSV = """
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        pass
"""
BASELINE_ICS = """
import icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    e.get('DTSTART'); e.get('ATTENDEE')
"""


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall-clock seconds, peak resident MB and CPU seconds of one fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(
            f"{command[:4]} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def median(repeat: int, run: Callable[[], tuple[float, float, float]]) -> tuple[float, float]:
    results = [run() for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def trellis_into(base: Path, work: Path, *files: Path) -> tuple[float, float, float]:
    """`trellis import FILES` into a fresh copy of `base` (which holds the contacts)."""
    for stale in work.parent.glob(work.name + "*"):
        stale.unlink()
    shutil.copyfile(base, work)
    return timed(
        [sys.executable, "-m", "desktop_app", "import", *map(str, files), "--db", str(work)]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="median of this many runs")
    parser.add_argument("--only", choices=("mbox", "memory", "csv", "ics"))
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        contacts = work / "contacts.vcf"
        write_contacts(contacts)
        base = work / "base.db"
        # The database exists and holds the contacts, as before a history import.
        timed([sys.executable, "-m", "desktop_app", "import", str(contacts), "--db", str(base)])
        db = work / "work.db"
        if args.only in (None, "mbox"):
            mbox = work / "mail.mbox"
            write_mbox(mbox, args.messages)
            size = mbox.stat().st_size / 1e6
            # Interleaved, so both see the same load; medians of the pairs' ratios.
            pairs = [
                (
                    timed([sys.executable, "-c", BASELINE_MBOX, str(mbox)]),
                    trellis_into(base, db, mbox),
                )
                for _ in range(args.repeat)
            ]
            ratios = sorted(ours[0] / theirs[0] for theirs, ours in pairs)
            cpu = sorted(ours[2] / theirs[2] for theirs, ours in pairs)
            base_s = statistics.median(theirs[0] for theirs, _ours in pairs)
            ours_s = statistics.median(ours[0] for _theirs, ours in pairs)
            print(
                f"mbox {args.messages} messages ({size:.0f} MB): trellis import {ours_s:.2f} s "
                f"({max(o[1] for _t, o in pairs):.0f} MB peak), mailbox.mbox {base_s:.2f} s; "
                f"ratio {statistics.median(ratios):.2f}x (range {ratios[0]:.2f}-{ratios[-1]:.2f}), "
                f"CPU time {statistics.median(cpu):.2f}x; goal <= 0.5x; {args.repeat} pairs"
            )

            mbox.unlink()
        if args.only in (None, "memory"):
            for megabytes in (100, 1000):
                mbox = work / "mail.mbox"
                write_mbox(mbox, megabytes * 1250)  # ~800 bytes a message
                size = mbox.stat().st_size / 1e6
                seconds, peak, _cpu = trellis_into(base, db, mbox)
                print(f"mbox {size:.0f} MB: trellis import {seconds:.1f} s, peak {peak:.0f} MB")
                mbox.unlink()
        if args.only in (None, "csv"):
            export = work / "export"
            write_linkedin(export, args.rows)
            base_s, _mb = median(
                1, lambda: timed([sys.executable, "-c", BASELINE_CSV, str(export / "messages.csv")])
            )
            ours_s, ours_mb, _cpu = trellis_into(base, db, export)
            print(
                f"messages.csv {args.rows} rows: trellis import {ours_s:.2f} s "
                f"({ours_mb:.0f} MB peak), csv module {base_s:.2f} s (goal <= 30 s)"
            )
        if args.only in (None, "ics"):
            ics = work / "calendar.ics"
            write_ics(ics, args.events)
            base_s, _mb = median(1, lambda: timed([sys.executable, "-c", BASELINE_ICS, str(ics)]))
            ours_s, ours_mb, _cpu = trellis_into(base, db, ics)
            print(
                f".ics {args.events} events: trellis import {ours_s:.2f} s "
                f"({ours_mb:.0f} MB peak), icalendar {base_s:.2f} s (goal <= 30 s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
