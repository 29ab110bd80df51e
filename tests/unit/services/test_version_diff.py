"""Side-by-side diff rows pair lines and mark what changed."""

from __future__ import annotations

from desktop_app.services.version_diff import changed_words, side_by_side


def test_rows_pair_changed_lines_and_show_insertions() -> None:
    rows = side_by_side("a\nb\nc", "a\nB\nc\nd")
    assert [(r.tag, r.left, r.right) for r in rows] == [
        ("equal", "a", "a"),
        ("replace", "b", "B"),
        ("equal", "c", "c"),
        ("insert", None, "d"),
    ]
    assert [(r.left_number, r.right_number) for r in rows] == [(1, 1), (2, 2), (3, 3), (None, 4)]


def test_deleted_lines_have_no_right_side() -> None:
    rows = side_by_side("x\ny", "x")
    assert [(r.tag, r.left, r.right) for r in rows] == [("equal", "x", "x"), ("delete", "y", None)]


def test_uneven_replacement_fills_with_none() -> None:
    rows = side_by_side("one\ntwo", "uno")
    assert [(r.left, r.right) for r in rows] == [("one", "uno"), ("two", None)]


def test_changed_words_spans() -> None:
    left, right = changed_words("I build good tools", "I build great tools fast")
    assert left == [(8, 12)]
    assert right == [(8, 13), (20, 24)]
