"""`trellis path` on a real database, through the real command in a subprocess."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from desktop_app.storage.database import open_database
from tests.conftest import run_cli
from tests.network_builder import NetworkBuilder


def _network(path: Path) -> dict[str, int]:
    """Me at Acme (and formerly Globex); Chidi (strong, spoke 2 weeks ago) knows Astrid at
    Northwind, was at Globex with me and knows both Ana Lees; Bea (weak) knows Astrid."""
    with open_database(path, backups=False) as db:
        net = NetworkBuilder(db)
        ids = {
            "me": net.person("Ada Me", me=True),
            "chidi": net.person("Chidi"),
            "bea": net.person("Bea"),
            "astrid": net.person("Astrid"),
            "ana_acme": net.person("Ana Lee"),
            "ana_globex": net.person("Ana Lee"),
            "lone": net.person("Lonely Lars"),
            "acme": net.organization("Acme"),
            "globex": net.organization("Globex"),
            "north": net.organization("Northwind"),
        }
        net.tie(ids["me"], ids["chidi"], 4)
        net.tie(ids["me"], ids["bea"], 2)
        net.tie(ids["chidi"], ids["astrid"], 3)
        net.tie(ids["bea"], ids["astrid"], 5)
        net.tie(ids["chidi"], ids["ana_acme"], 3)
        net.tie(ids["chidi"], ids["ana_globex"], 3)
        net.job(ids["me"], ids["acme"])
        net.job(ids["me"], ids["globex"], current=False)
        net.job(ids["chidi"], ids["globex"], current=False)
        net.job(ids["astrid"], ids["north"])
        net.job(ids["astrid"], ids["acme"])
        net.job(ids["ana_acme"], ids["acme"])
        net.job(ids["ana_globex"], ids["globex"])
        net.interaction(date.today() - timedelta(days=14), ids["chidi"])
    return ids


def test_path_prints_the_ranked_paths_as_the_map_panel_does(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _network(db)
    result = run_cli("path", "--db", str(db), "--to", "astrid")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2 ways to Astrid, best first:",
        "1. You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind",
        "2. You → Bea (weak, no contact logged) → Astrid @ Northwind",
    ]
    assert result.stderr == ""


def test_path_never_puts_me_in_the_middle_and_my_employer_is_degree_zero(
    tmp_path: Path,
) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    north = json.loads(run_cli("path", "--db", str(db), "--to", "Northwind", "--json").stdout)
    assert north
    for row in north:
        assert "me" not in row["keys"][1:]
        assert "Ada Me" not in row["text"]
    acme = run_cli("path", "--db", str(db), "--to", "acme", "--json")
    assert acme.returncode == 0, acme.stderr
    first = json.loads(acme.stdout)[0]
    assert first == {
        "target": "Acme",
        "text": "You → Acme (I work there)",
        "introducer": None,
        "people_between": 0,
        "cost": 0.0,
        "keys": ["me", f"o:{ids['acme']}"],
    }
    assert all("me" not in row["keys"][1:] for row in json.loads(acme.stdout))


def test_path_json_and_limit(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    result = run_cli("path", "--db", str(db), "--to", "Astrid", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["introducer"] for r in rows] == ["Chidi", "Bea"]
    assert rows[0]["keys"] == ["me", f"p:{ids['chidi']}", f"p:{ids['astrid']}"]
    assert rows[0]["people_between"] == 1
    assert rows[0]["cost"] < rows[1]["cost"]
    assert rows[0]["text"] == "You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind"
    limited = run_cli("path", "--db", str(db), "--to", "Astrid", "--json", "--limit", "1")
    assert [r["introducer"] for r in json.loads(limited.stdout)] == ["Chidi"]
    text = run_cli("path", "--db", str(db), "--to", "Astrid", "--limit", "1")
    assert text.stdout.splitlines() == [
        "One way to Astrid:",
        "1. You → Chidi (strong, spoke 2 weeks ago) → Astrid @ Northwind",
    ]
    for bad in ("0", "-2", "many"):
        refused = run_cli("path", "--db", str(db), "--to", "Astrid", "--limit", bad)
        assert refused.returncode == 2
        assert "--limit" in refused.stderr
        assert "Traceback" not in refused.stderr


def test_shared_names_are_two_targets_told_apart(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    ids = _network(db)
    text = run_cli("path", "--db", str(db), "--to", "ana lee")
    assert text.returncode == 0, text.stderr
    acme, globex = text.stdout.split("\n\n")
    assert acme.splitlines()[:2] == [
        "2 ways to Ana Lee (Acme), best first:",
        "1. You → Chidi (strong, spoke 2 weeks ago) → Ana Lee @ Acme",
    ]
    assert globex.splitlines()[:2] == [
        "2 ways to Ana Lee (Globex), best first:",
        "1. You → Chidi (strong, spoke 2 weeks ago) → Ana Lee @ Globex",
    ]
    rows = json.loads(run_cli("path", "--db", str(db), "--to", "Ana Lee", "--json").stdout)
    assert [(r["target"], r["keys"][-1]) for r in rows] == [
        ("Ana Lee (Acme)", f"p:{ids['ana_acme']}"),
        ("Ana Lee (Acme)", f"p:{ids['ana_acme']}"),
        ("Ana Lee (Globex)", f"p:{ids['ana_globex']}"),
        ("Ana Lee (Globex)", f"p:{ids['ana_globex']}"),
    ]
    one = json.loads(run_cli("path", "--db", str(db), "--to", "Ana Lee (Globex)", "--json").stdout)
    assert {r["keys"][-1] for r in one} == {f"p:{ids['ana_globex']}"}


def test_unknown_ambiguous_me_and_unreachable_targets(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _network(db)
    unknown = run_cli("path", "--db", str(db), "--to", "Zed Nobody")
    assert unknown.returncode == 1
    assert unknown.stdout == ""
    assert "nobody and no organisation in the network is called “Zed Nobody”" in unknown.stderr
    ambiguous = run_cli("path", "--db", str(db), "--to", "a")
    assert ambiguous.returncode == 1
    assert "give one in full" in ambiguous.stderr
    assert "Ana Lee (Acme)" in ambiguous.stderr
    me = run_cli("path", "--db", str(db), "--to", "Ada Me")
    assert me.returncode == 1
    assert "is you" in me.stderr
    lonely = run_cli("path", "--db", str(db), "--to", "Lonely Lars")
    assert lonely.returncode == 0, lonely.stderr
    assert lonely.stdout == "Nobody in your network leads to Lonely Lars yet.\n"
    assert json.loads(run_cli("path", "--db", str(db), "--to", "Lars", "--json").stdout) == []
    empty = run_cli("path", "--db", str(db), "--to", "  ")
    assert empty.returncode == 2
    assert run_cli("path", "--db", str(db)).returncode == 2  # --to is required
    missing = run_cli("path", "--db", str(tmp_path / "none.db"), "--to", "Astrid")
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("just some notes")
    refused = run_cli("path", "--db", str(not_a_db), "--to", "Astrid")
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert not_a_db.read_text() == "just some notes"


def test_path_opens_the_database_without_writing(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _network(db)
    before = db.read_bytes()
    mtime = db.stat().st_mtime_ns
    for args in (("--to", "Astrid"), ("--to", "acme", "--json"), ("--to", "nobody at all")):
        run_cli("path", "--db", str(db), *args)
    assert db.stat().st_mtime_ns == mtime
    assert db.read_bytes() == before
    # A reader of a WAL database may leave SQLite's shared-memory index, never a log entry.
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not (tmp_path / "n.backups").exists()  # opening to write backs up once a day
