"""`trellis sync` run as a user runs it, in a subprocess, against a real Radicale server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.sync.radicale_server import PASSWORD, USER, NoSyncCollectionProxy, RadicaleServer, vcard


def trellis(*args: str, password: str | None = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO_ROOT),
        QT_QPA_PLATFORM="offscreen",
        # No keychain in tests: nothing may reach the user's own.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    env.pop("TRELLIS_CARDDAV_PASSWORD", None)
    if password is not None:
        env["TRELLIS_CARDDAV_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def sync_json(db: Path, *extra: str) -> tuple[int, dict[str, int], str]:
    result = trellis("sync", "--db", str(db), "--json", *extra)
    counts = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.returncode, counts, result.stderr


def people(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT full_name, id FROM people WHERE is_me = 0"))
    finally:
        conn.close()


def sql(db: Path, statement: str, *params: object) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = ON")  # as Trellis deletes: cascades and SET NULL
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def account_db(tmp_path: Path, radicale: RadicaleServer) -> Path:
    """A database with a few contacts and the Radicale account set up through the CLI."""
    db = tmp_path / "n.db"
    cards = tmp_path / "mine.vcf"
    cards.write_text(
        vcard("Ana Lima", "EMAIL:ana@example.org", uid="ana")
        + vcard("Caio Souza", "TEL:+55 11 5555 0101", uid="caio"),
        newline="",
    )
    assert trellis("import", "--db", str(db), str(cards)).returncode == 0
    added = trellis(
        "sync", "--db", str(db), "--add-account", "home", "--url", radicale.url, "--user", USER
    )
    assert added.returncode == 0, added.stderr
    assert "Contacts" in added.stdout and "not saved" in added.stdout
    return db


def test_first_sync_goes_both_ways(account_db: Path, radicale: RadicaleServer) -> None:
    radicale.put_card("bo.vcf", vcard("Bo Chen", "EMAIL:bo@example.org", uid="bo"))
    code, counts, err = sync_json(account_db)
    assert code == 0, err
    assert counts == {
        "pulled": 1,
        "pushed": 2,
        "deleted_local": 0,
        "deleted_remote": 0,
        "conflicts": 0,
    }
    assert set(people(account_db)) == {"Ana Lima", "Caio Souza", "Bo Chen"}
    texts = radicale.cards()
    assert len(texts) == 3 and any("FN:Ana Lima" in t for t in texts.values())
    code, counts, err = sync_json(account_db)
    assert (code, sum(counts.values())) == (0, 0), err


def test_edits_on_each_side_and_a_conflict(account_db: Path, radicale: RadicaleServer) -> None:
    assert sync_json(account_db)[0] == 0
    ana_name = next(n for n, t in radicale.cards().items() if "FN:Ana Lima" in t)
    ana_text, _ = radicale.get_card(ana_name)
    radicale.put_card(
        ana_name,
        ana_text.replace("END:VCARD", "TITLE:Engineer\r\nNOTE:from the phone\r\nEND:VCARD"),
    )
    sql(account_db, "UPDATE people SET note = 'from Trellis' WHERE full_name = 'Caio Souza'")
    code, counts, err = sync_json(account_db)
    assert code == 0, err
    assert (counts["pulled"], counts["pushed"], counts["conflicts"]) == (1, 1, 0)
    caio = next(t for t in radicale.cards().values() if "FN:Caio Souza" in t)
    assert "NOTE:from Trellis" in caio
    # Now both sides change Ana's note.
    ana_text, _ = radicale.get_card(ana_name)
    radicale.put_card(ana_name, ana_text.replace("NOTE:from the phone", "NOTE:phone again"))
    sql(account_db, "UPDATE people SET note = 'Trellis again' WHERE full_name = 'Ana Lima'")
    code, counts, err = sync_json(account_db)
    assert code == 3, err
    assert counts["conflicts"] == 1
    assert "NOTE:phone again" in radicale.get_card(ana_name)[0]
    plain = trellis("sync", "--db", str(account_db))
    assert plain.returncode == 3 and "wait for you" in plain.stdout
    decided = trellis("sync", "--db", str(account_db), "--resolve", "local")
    assert decided.returncode == 0 and "1 conflict(s) decided" in decided.stdout
    code, counts, err = sync_json(account_db)
    assert code == 0 and counts["pushed"] == 1 and counts["conflicts"] == 0, err
    assert "NOTE:Trellis again" in radicale.get_card(ana_name)[0]


def test_deletions_on_each_side_and_confirmation(
    account_db: Path, radicale: RadicaleServer
) -> None:
    assert sync_json(account_db)[0] == 0
    ana_name = next(n for n, t in radicale.cards().items() if "FN:Ana Lima" in t)
    radicale.delete_card(ana_name)
    sql(account_db, "DELETE FROM people WHERE full_name = 'Caio Souza'")
    dry = trellis("sync", "--db", str(account_db), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["deleted_local"] == 1 and len(radicale.card_names()) == 1
    code, counts, err = sync_json(account_db)
    assert code == 0, err
    assert (counts["deleted_local"], counts["deleted_remote"]) == (1, 1)
    assert people(account_db) == {} and radicale.card_names() == []
    # More than a few: refused without --yes, nothing changed.
    for index in range(7):
        radicale.put_card(f"p{index}.vcf", vcard(f"Person Number{index}", uid=f"p{index}"))
    assert sync_json(account_db)[0] == 0
    for name in radicale.card_names():
        radicale.delete_card(name)
    refused = trellis("sync", "--db", str(account_db))
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert len(people(account_db)) == 7
    code, counts, err = sync_json(account_db, "--yes")
    assert code == 0 and counts["deleted_local"] == 7, err


def test_a_server_restart_mid_sync_is_resumed_without_loss(
    account_db: Path, radicale: RadicaleServer
) -> None:
    assert sync_json(account_db)[0] == 0
    radicale.stop()
    sql(account_db, "UPDATE people SET note = 'while offline' WHERE full_name = 'Ana Lima'")
    code, _counts, err = sync_json(account_db)
    assert code == 1 and "cannot reach" in err and "Traceback" not in err
    radicale.start()
    code, counts, err = sync_json(account_db)
    assert code == 0 and counts["pushed"] == 1, err
    assert any("NOTE:while offline" in t for t in radicale.cards().values())


def test_a_killed_sync_leaves_a_resumable_state(account_db: Path, radicale: RadicaleServer) -> None:
    """The server has taken our cards but the local transaction never ran (as when Trellis
    is killed between the two): the next sync links them up, no duplicate, no conflict."""
    import shutil

    before = account_db.with_name("before.db")
    shutil.copy(account_db, before)
    assert sync_json(account_db)[0] == 0
    shutil.copy(before, account_db)  # the local state as if the sync never finished
    for suffix in ("-wal", "-shm"):
        Path(str(account_db) + suffix).unlink(missing_ok=True)
    code, counts, err = sync_json(account_db)
    assert code == 0, err
    assert counts["conflicts"] == 0 and counts["pulled"] == 0
    assert len(radicale.card_names()) == 2 and len(people(account_db)) == 2


def test_wrong_password_fails_clearly(account_db: Path) -> None:
    result = trellis("sync", "--db", str(account_db), password="wrong")
    assert result.returncode == 1
    assert "refused the user name or password" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_password_and_no_terminal_fails_clearly(account_db: Path) -> None:
    result = trellis("sync", "--db", str(account_db), password=None)
    assert result.returncode == 1 and "TRELLIS_CARDDAV_PASSWORD" in result.stderr


def test_plain_http_to_another_machine_is_refused(tmp_path: Path) -> None:
    result = trellis(
        "sync", "--db", str(tmp_path / "n.db"), "--add-account", "x",
        "--url", "http://dav.example.org/", "--user", "u",
    )  # fmt: skip
    assert result.returncode == 1 and "plain http" in result.stderr


def test_a_server_without_sync_collection_syncs_by_etags(
    tmp_path: Path,
    radicale_without_sync_collection: tuple[RadicaleServer, NoSyncCollectionProxy],
) -> None:
    server, proxy = radicale_without_sync_collection
    db = tmp_path / "n.db"
    server.put_card("bo.vcf", vcard("Bo Chen", uid="bo"))
    added = trellis(
        "sync", "--db", str(db), "--add-account", "p", "--url", proxy.url, "--user", USER
    )
    assert added.returncode == 0, added.stderr
    code, counts, err = sync_json(db)
    assert code == 0 and counts["pulled"] == 1, err
    text, _ = server.get_card("bo.vcf")
    server.put_card("bo.vcf", text.replace("END:VCARD", "NOTE:edited\r\nEND:VCARD"))
    code, counts, err = sync_json(db)
    assert code == 0 and counts["pulled"] == 1, err
    assert proxy.refused == 1  # asked once; the address book remembers it has no sync-collection


def test_vdir_folder_sync_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "bo.vcf").write_text(vcard("Bo Chen", uid="bo"), newline="")
    db = tmp_path / "n.db"
    code, counts, err = sync_json(db, "--vdir", str(folder))
    assert code == 0 and counts["pulled"] == 1, err
    assert people(db) == {"Bo Chen": people(db)["Bo Chen"]}


def test_sync_without_an_account_says_how_to_add_one(tmp_path: Path) -> None:
    result = trellis("sync", "--db", str(tmp_path / "n.db"))
    assert result.returncode == 1 and "--add-account" in result.stderr
