"""The Due list's model, checked by Qt's own model tester on a real demo network."""

from __future__ import annotations

from datetime import date

from desktop_app.services.reminders import due_list
from desktop_app.storage.database import Database
from desktop_app.ui.today.due_model import DueModel


def test_due_model_passes_the_model_tester(qapp, qtmodeltester, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    items = due_list(demo_db, today, within_days=30)
    assert items, "the demo network has people due within a month"
    model = DueModel()
    model.set_items(items, today)
    qtmodeltester.check(model, force_py=True)  # and it watches every change from now on
    model.set_items(items[: len(items) // 2], today)
    assert model.rowCount() == len(items) // 2
    model.set_items([], today)
    assert model.rowCount() == 0
