"""The read-only record table of the pitch view: its last column takes the room left."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.common.row_table import RowTable


def test_the_last_column_fills_the_width_after_rows_arrive(qtbot: QtBot) -> None:
    table = RowTable(("Date", "Who", "Notes"), "Rounds")
    qtbot.addWidget(table)
    table.resize(700, 300)
    table.show()
    qtbot.waitExposed(table)
    table.set_rows([(1, ("2026-11-24", "Olivia Fischer", "Strong close")), (2, ("x", "y", ""))])
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() == table.viewport().width())
    assert header.sectionSize(2) > header.sectionSize(1)
    assert table.record_id() is None
    table.selectRow(1)
    assert table.record_id() == 2
