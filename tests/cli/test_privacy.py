"""Privacy: Trellis never touches the network, and keeps its files private on POSIX.

Every command and the window run with a `sitecustomize` that installs an audit hook: any
Internet-socket connect, bind, send or name lookup is logged and refused. The commands must
still succeed and the log must stay empty. (The hook sees everything Python does; Qt's own
C++ networking is not linked in: the app never imports QtNetwork.)
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

BLOCKER = """
import os, socket, sys

_LOG = os.environ["TRELLIS_NET_LOG"]
_INET = (socket.AF_INET, socket.AF_INET6)


def _refuse(event, args):
    if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        sock = args[0]
        if getattr(sock, "family", None) not in _INET:
            return  # AF_UNIX socket pairs between our own processes are not the network
    elif event not in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        return
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{event} {args!r}\\n")
    raise OSError(f"network use blocked by the privacy test: {event}")


sys.addaudithook(_refuse)
"""


@pytest.fixture
def offline(tmp_path: Path) -> tuple[dict[str, str], Path]:
    folder = tmp_path / "offline-site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    log = tmp_path / "network.log"
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(folder), str(REPO_ROOT)]),
        QT_QPA_PLATFORM="offscreen",
        TRELLIS_NET_LOG=str(log),
    )
    return env, log


def trellis(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_the_blocker_really_blocks(offline: tuple[dict[str, str], Path]) -> None:
    env, log = offline
    for code in (
        "import socket; socket.socket().connect(('192.0.2.1', 9))",
        "import socket; socket.create_connection(('example.org', 80), 1)",
    ):
        probe = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        assert probe.returncode != 0
        assert "blocked by the privacy test" in probe.stderr
    logged = log.read_text()
    assert "socket.connect" in logged and "socket.getaddrinfo" in logged


def test_commands_and_window_work_with_the_network_blocked(
    offline: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    env, log = offline
    db = str(tmp_path / "n.db")
    cards = tmp_path / "cards.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Offline\r\nEND:VCARD\r\n")
    pitch = tmp_path / "pitch.txt"
    pitch.write_text("I help small teams ship reliable software, and I want to do it at scale.")
    runs = [
        ("demo", "--db", db, "--contacts", "30"),
        ("import", "--db", db, str(cards)),
        ("export", "--db", db, "--out", str(tmp_path / "n.json")),
        ("export", "--db", db, "--format", "vcf", "--out", str(tmp_path / "n.vcf")),
        ("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "n.csv")),
        ("check", "--db", db),
        ("due", "--db", db),
        ("ics", "--db", db, "--out", str(tmp_path / "n.ics")),
        ("review-text", str(pitch), "--kind", "pitch"),
        ("review-text", str(pitch), "--kind", "pitch", "--db", db, "--lang", "en-GB"),
        ("print-map", "--db", db, "--out", str(tmp_path / "map.pdf")),
        ("restore", "--db", db, "--list"),
        ("--db", db, "--exit-when-ready"),
    ]
    for args in runs:
        result = trellis(env, *args)
        assert result.returncode == 0, f"trellis {' '.join(args)}: {result.stderr}"
    assert not log.exists(), log.read_text()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_database_and_backups_are_private(tmp_path: Path) -> None:
    from desktop_app.paths import attachments_dir, default_db_path
    from desktop_app.services import documents
    from desktop_app.services.demo import write_demo
    from desktop_app.storage import backup
    from desktop_app.storage.database import open_database

    path = default_db_path()  # inside the test's own TRELLIS_DATA_DIR
    old_umask = os.umask(0o022)  # the usual umask: group and others may read new files
    try:
        with open_database(path) as db:
            write_demo(db, 10, seed=1)
            copy = backup.make_backup(path, "daily")
            attached = tmp_path / "resume.pdf"
            attached.write_bytes(b"%PDF-1.4 a resume")
            document_id = documents.list_documents(db)[0].id
            documents.attach_file(db, document_id, attached)
            wal = Path(f"{path}-wal")
            modes = {
                "data folder": path.parent,
                "database": path,
                "write-ahead log": wal,
                "lock": Path(f"{path}.lock"),
                "backups folder": backup.backup_dir_for(path),
                "backup": copy,
                "attachments folder": attachments_dir(path),
                **{f"attachment {p.name}": p for p in attachments_dir(path).iterdir()},
            }
            found = {
                what: stat.S_IMODE(p.stat().st_mode) for what, p in modes.items() if p.exists()
            }
    finally:
        os.umask(old_umask)
    private = {what: mode for what, mode in found.items() if mode & 0o077}
    assert private == {}, {what: oct(mode) for what, mode in private.items()}
    assert {"data folder", "database", "backups folder", "backup", "attachments folder"} <= set(
        found
    )


def test_sync_opens_no_socket_without_an_account(
    offline: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    """CardDAV sync (docs/sync.md) is there, but a user without an account never opens a
    socket: `trellis sync` refuses with a message, and a vdir folder sync stays local."""
    env, log = offline
    db = str(tmp_path / "n.db")
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "ana.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:Ana\r\nEND:VCARD\r\n"
    )
    assert trellis(env, "demo", "--db", db, "--contacts", "20").returncode == 0
    no_account = trellis(env, "sync", "--db", db)
    assert no_account.returncode == 1 and "--add-account" in no_account.stderr
    vdir = trellis(env, "sync", "--db", db, "--vdir", str(folder), "--json", "--yes")
    assert vdir.returncode == 0, vdir.stderr
    assert trellis(env, "--db", db, "--exit-when-ready").returncode == 0
    assert not log.exists(), log.read_text()
