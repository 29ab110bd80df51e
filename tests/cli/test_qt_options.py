"""Qt's own command-line options (-style, -platform, -reverse…) reach Qt; unknown ones are
still usage errors (exit 2)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.cli import split_qt_options
from tests.conftest import run_cli


def test_the_window_takes_qt_style_options(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    result = run_cli("--db", str(db), "--exit-when-ready", "-style", "Fusion", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "unrecognized" not in result.stderr


def test_qt_options_are_handed_to_qt(tmp_path: Path) -> None:
    """Qt itself answers an unknown style: proof that the option went to Qt."""
    sheet = tmp_path / "plain.qss"
    sheet.write_text("QLabel { color: black; }", encoding="utf-8")
    result = run_cli(
        "-style=NoSuchStyle",
        "--db",
        str(tmp_path / "n.db"),
        "-reverse",
        "-stylesheet",
        str(sheet),
        "--exit-when-ready",
        "-qwindowtitle",
        "Trellis test",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "invalid style override 'NoSuchStyle'" in result.stderr


def test_unknown_options_are_still_usage_errors(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "n.db"), "--bogus")
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr
    missing_value = run_cli("--db", str(tmp_path / "n.db"), "-style")
    assert missing_value.returncode == 2
    assert "-style" in missing_value.stderr
    assert not (tmp_path / "n.db").exists()


def test_qt_options_are_split_from_ours() -> None:
    ours, qt = split_qt_options(
        [
            "--db",
            "x.db",
            "-platform",
            "xcb",
            "a.vcf",
            "--reverse",
            "-style=Fusion",
            "--",
            "-reverse",
        ]
    )
    assert ours == ["--db", "x.db", "a.vcf", "--", "-reverse"]
    assert qt == ["-platform", "xcb", "--reverse", "-style=Fusion"]
