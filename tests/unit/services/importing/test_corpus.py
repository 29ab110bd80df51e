"""Every file of ../shared/corpus/contacts (real exporters' files) imports; skipped if absent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage.database import Database
from tests.conftest import CORPUS

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/contacts is absent"),
]
FILES = (
    sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".vcf", ".csv"))
    if (CORPUS.is_dir())
    else []
)

# What a person would expect to find after importing some of the files.
EXPECTED_NAMES = {
    "v21-outlook-qp-photo.vcf": {"Mr. John Richter James Doe Sr."},
    "v21-shift-jis-qp-adr.vcf": {"安藤 ロイド 1"},
    "v21-evolution-qp-chinese-bare-params.vcf": {"十城目管理大型知座"},
    "v30-apple-utf16be-nobom-xabuid.vcf": {"Ǽgean ĽdaMonté"},
    "v21-charset-windows-1252-8bit.vcf": {"John Doë"},
    "bad-owncloud-fold-splits-utf8.vcf": {
        "βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1"
        "βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1"
    },
    "bad-v21-nested-vcard.vcf": {"parent", "nest1", "nest2"},
    "bad-missing-end.vcf": {"Frank Dawson"},
    "bad-missing-begin.vcf": {"Frank Dawson"},
    "bad-ximian-no-version-fn-no-colon.vcf": {"Ximian, Inc."},
    "v40-label-caret-escape.vcf": {"Dummy, Dummy"},
    "csv-thunderbird-shift-jis.csv": {"名無しの権兵衛"},
    "csv-thunderbird-utf16le-bom.csv": {"John Doe"},
    "linkedin-connections-bom-quoted.csv": {"José García", "Æsop Fontaine"},
    "csv-google-contacts-legacy-multiline.csv": {"Prefix Firstname Middle Lastname Suffix"},
}


def names(db: Database) -> set[str]:
    with sqlite3.connect(db.path) as conn:
        return {row[0] for row in conn.execute("SELECT full_name FROM people")}


@pytest.mark.parametrize("name", FILES)
def test_every_corpus_file_is_read(db: Database, name: str) -> None:
    path = CORPUS / name
    before = path.read_bytes()
    report = run_import(db, [path])
    assert report.unreadable == []
    assert report.read_files == [str(path)]
    assert report.added + len(report.rejected) >= 1
    assert all(n.strip() for n in names(db)), "a contact without a name"
    if name in EXPECTED_NAMES:
        assert EXPECTED_NAMES[name] <= names(db)
    assert path.read_bytes() == before


def test_the_whole_corpus_twice_doubles_nothing(db: Database) -> None:
    first = run_import(db, [CORPUS])
    assert first.unreadable == []
    with sqlite3.connect(db.path) as conn:
        people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        photos = conn.execute("SELECT COUNT(*) FROM photos").fetchone()[0]
    assert photos >= 8
    second = run_import(db, [CORPUS])
    assert second.added == 0
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == people
    assert Path(CORPUS).is_dir()
