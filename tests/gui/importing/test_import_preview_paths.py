"""The import preview names a file whose name is not UTF-8 with its odd bytes shown."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from desktop_app.services.importing.report import CardKey, ImportReport, PreviewCard, RejectedCard
from desktop_app.ui.importing.preview_models import new_cards_model, rejected_model


def test_a_file_name_that_is_not_utf8_shows_its_bytes(qapp: object) -> None:
    path = "/tmp/" + os.fsdecode(b"caf\xe9.vcf")
    report = ImportReport([path])
    try:
        report.new.append(PreviewCard(CardKey(0, 0), path, 3, "Ana", "", "", ""))
        report.rejected.append(RejectedCard(path, 9, 12, "no name"))
        cards = new_cards_model(report.new)
        rejected = rejected_model(report.rejected)
        assert cards.data(cards.index(0, 4), Qt.ItemDataRole.DisplayRole) == "caf\\xe9.vcf:3"
        assert rejected.data(rejected.index(0, 0), Qt.ItemDataRole.DisplayRole) == "caf\\xe9.vcf"
        assert report.rejected[0].path == path  # kept whole, to read its lines again
    finally:
        report.close()
