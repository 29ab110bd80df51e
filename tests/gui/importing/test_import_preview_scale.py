"""The import preview at 100,000+ cards: rows come from the report's spool a page at a time,
and decisions taken on thousands of rows are kept there, not in lists of the dialog."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.services.importing.report import (
    CardKey,
    Decision,
    ImportReport,
    PossibleDuplicate,
    PreviewCard,
    RejectedCard,
)
from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog
from desktop_app.ui.importing.preview_models import PagedCells

CARDS = 120_000


def big_report() -> ImportReport:
    report = ImportReport(files=["/data/huge.vcf"], dry_run=True)
    report.read_files.append("/data/huge.vcf")
    for number in range(CARDS):
        card = PreviewCard(
            CardKey(0, number), "/data/huge.vcf", 1 + 8 * number, f"Person {number}", "", "", ""
        )
        if number % 4:
            report.new.append(card)
        else:
            report.duplicates.append(
                PossibleDuplicate(
                    card,
                    number,
                    f"Stored {number}",
                    "similar name (90%)",
                    False,
                    Decision.KEEP_BOTH,
                )
            )
    for number in range(5_000):
        report.rejected.append(RejectedCard("/data/huge.vcf", 3 + number, 4 + number, "no name"))
        report.warnings.append(f"huge.vcf: warning {number}")
    report.added = len(report.new)
    return report


def test_a_preview_of_120000_cards_pages_its_rows(qtbot: QtBot) -> None:
    report = big_report()
    dialog = ImportPreviewDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.new_model.rowCount() == 90_000
    assert dialog.duplicates_model.rowCount() == 30_000
    assert dialog.tabs.tabText(2) == "Rejected (5000)"
    assert dialog.notes_model.rowCount() == 5_000
    model = dialog.new_model
    assert model.data(model.index(89_999, 0)) == "Person 119999"
    assert model.data(model.index(89_999, 4)) == "huge.vcf:959993"
    assert model.data(model.index(0, 0)) == "Person 1"
    assert dialog.rejected_model.data(dialog.rejected_model.index(4_999, 1)) == "5002"
    assert dialog.notes_model.data(dialog.notes_model.index(4_999, 0)) == "huge.vcf: warning 4999"
    assert "90000 new contact(s)" in dialog.summary_label.text()
    assert "30000 possible duplicate(s) to check" in dialog.summary_label.text()
    dialog.new_view.scrollToBottom()
    dialog.new_view.scrollToTop()
    qtbot.wait(10)
    cells = dialog.new_model.cells
    assert isinstance(cells, PagedCells)
    assert 1 <= cells.pages_held <= 8  # of 450 pages: what was shown, not every row

    dialog.tabs.setCurrentIndex(1)
    view = dialog.duplicates_view
    view.selectAll()
    dialog.decision_buttons[Decision.SKIP].click()
    view.clearSelection()
    view.selectRow(29_999)
    dialog.decision_buttons[Decision.MERGE].click()
    duplicates = dialog.duplicates_model
    assert duplicates.data(duplicates.index(0, 0)) == "Skip"
    assert duplicates.data(duplicates.index(29_999, 0)) == "Merge"
    decisions = dialog.decisions()
    assert len(decisions) == 30_000
    assert decisions[CardKey(0, 0)] is Decision.SKIP
    assert decisions[CardKey(0, 4 * 29_999)] is Decision.MERGE
    assert CardKey(0, 1) not in decisions  # a new card, not a duplicate
    dialog.close()
    report.close()
