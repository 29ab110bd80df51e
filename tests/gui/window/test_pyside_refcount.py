"""Guard against PySide6 6.12.0 on Python 3.11, which drops a reference to None on every
call of a method returning nothing and aborts the interpreter (docs/platform-notes.md)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_void_calls_keep_none_refcount(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(500):
        label.setText(str(i))
        label.setWordWrap(bool(i % 2))
    after = sys.getrefcount(None)
    assert after >= before - 50
