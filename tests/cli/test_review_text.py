"""`trellis review-text` in a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_json_output_has_the_documented_shape(tmp_path: Path) -> None:
    text = "I build the the tools  nurses use"
    source = tmp_path / "pitch.txt"
    source.write_text(text, encoding="utf-8")
    result = run_cli("review-text", str(source), "--kind", "pitch", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"words", "spoken_seconds", "findings"}
    assert data["words"] == 7
    assert data["spoken_seconds"] == 3.2
    spans = {f["kind"]: text[f["start"] : f["end"]] for f in data["findings"]}
    assert spans == {
        "repeated_word": "the the",
        "double_space": "  ",
        "final_punctuation": "use",
    }
    for finding in data["findings"]:
        assert set(finding) == {"kind", "message", "start", "end", "why", "instead"}
        assert finding["why"] and finding["instead"]  # each says why, and what to try


def test_offsets_count_code_points_after_a_bom_and_accents(tmp_path: Path) -> None:
    text = "Café 😀 owner: very very good."
    source = tmp_path / "brand.txt"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_cli("review-text", str(source), "--kind", "brand", "--json")
    data = json.loads(result.stdout)
    repeated = next(f for f in data["findings"] if f["kind"] == "repeated_word")
    assert text[repeated["start"] : repeated["end"]] == "very very"


def test_plain_output_gives_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "cover.txt"
    source.write_text("Dear Ana,\n\nI led  teams.\n", encoding="utf-8")
    result = run_cli("review-text", str(source), "--kind", "cover")
    assert result.returncode == 0, result.stderr
    assert f"{source}:3:6: double_space: Double space" in result.stdout
    lines = result.stdout.splitlines()
    advice = lines[lines.index(f"{source}:3:6: double_space: Double space") + 1]
    assert advice.startswith("    ") and "Try: use a single space." in advice
    assert result.stdout.startswith("5 words, about 2.3 s spoken.")


def test_missing_file_and_unknown_kind(tmp_path: Path) -> None:
    missing = run_cli("review-text", str(tmp_path / "nope.txt"), "--kind", "resume")
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr
    wrong = run_cli("review-text", str(tmp_path / "nope.txt"), "--kind", "poem")
    assert wrong.returncode == 2
    assert "invalid choice" in wrong.stderr


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    source = tmp_path / "resume.txt"
    source.write_bytes("Gérant de café à Montréal, très très apprécié.\n".encode("latin-1"))
    result = run_cli("review-text", str(source), "--kind", "resume", "--json")
    assert result.returncode == 0, result.stderr
    # French in an English dictionary is misspelt; the repeat is what shows the decoding.
    findings = json.loads(result.stdout)["findings"]
    [finding] = [f for f in findings if f["kind"] == "repeated_word"]
    assert finding["message"] == "“très” repeated"


def test_json_shows_buzzwords_with_their_advice(tmp_path: Path) -> None:
    text = "I am a passionate team player who can leverage data."
    source = tmp_path / "resume.txt"
    source.write_text(text, encoding="utf-8")
    result = run_cli("review-text", str(source), "--kind", "resume", "--json")
    assert result.returncode == 0, result.stderr
    buzz = [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "buzzword"]
    assert [text[f["start"] : f["end"]] for f in buzz] == ["passionate", "team player", "leverage"]
    assert all(f["why"] and f["instead"] and f["message"].startswith("Buzzword") for f in buzz)
