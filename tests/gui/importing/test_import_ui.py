"""Import and export in the window: preview, decisions, drag and drop, cancel, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.importing.report import Decision
from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog
from desktop_app.ui.importing.preview_models import DuplicatesModel, new_cards_model
from desktop_app.ui.window.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contacts"


def preview_of(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> ImportPreviewDialog:
    with qtbot.waitSignal(window.importer.preview_shown, timeout=20000) as shown:
        window.importer.start(paths)
    dialog = shown.args[0]
    assert isinstance(dialog, ImportPreviewDialog)
    return dialog


def test_preview_then_import_adds_contacts_and_refreshes_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.workspace.contacts.count()
    dialog = preview_of(qtbot, window, [FIXTURES / "v21-qp-photo.vcf"])
    assert before == window.workspace.contacts.count()  # the preview writes nothing
    assert dialog.new_model.rowCount() == 3
    assert dialog.rejected_model.rowCount() == 1
    assert dialog.rejected_model.data(dialog.rejected_model.index(0, 1)) == "17"
    assert dialog.summary_label.textFormat() == Qt.TextFormat.PlainText
    assert "3 new contact(s)" in dialog.summary_label.text()
    with qtbot.waitSignal(window.importer.imported, timeout=20000) as done:
        dialog.import_button.click()
    assert done.args[0].added == 3
    assert window.workspace.contacts.count() == before + 3
    qtbot.waitUntil(lambda: window.contacts_view.model.rowCount() == before + 3)
    assert "Import finished" in window.statusBar().currentMessage()


def test_duplicates_can_be_skipped_and_markup_stays_text(qtbot: QtBot, window: MainWindow) -> None:
    first = preview_of(qtbot, window, [FIXTURES / "v30-escapes-groups.vcf"])
    assert first.new_model.data(first.new_model.index(1, 0)) == (
        "<b>Bold</b> <script>alert(1)</script>"
    )
    with qtbot.waitSignal(window.importer.imported, timeout=20000):
        first.import_button.click()
    count = window.workspace.contacts.count()
    again = preview_of(qtbot, window, [FIXTURES / "v30-escapes-groups.vcf"])
    model = again.duplicates_model
    assert model.rowCount() == 2
    assert again.tabs.currentIndex() == 1  # nothing new: the duplicates are shown
    again.duplicates_view.selectRow(0)
    again.decision_buttons[Decision.SKIP].click()
    assert model.data(model.index(0, 0)) == "Skip"
    assert next(iter(again.decisions().values())) is Decision.SKIP
    with qtbot.waitSignal(window.importer.imported, timeout=20000) as done:
        again.import_button.click()
    assert (done.args[0].skipped, done.args[0].merged) == (1, 1)
    assert window.workspace.contacts.count() == count


def _drag(kind: type, mime: QMimeData) -> QDragEnterEvent | QDragMoveEvent | QDropEvent:
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    if kind is QDropEvent:
        return QDropEvent(QPointF(50, 50), *args)
    event = kind(QPoint(50, 50), *args)
    assert isinstance(event, QDragMoveEvent)
    return event


def _offer(window: MainWindow, mime: QMimeData) -> bool:
    """Drag `mime` over the window as Qt does: enter, move; True if both were accepted."""
    accepted = []
    for kind in (QDragEnterEvent, QDragMoveEvent):
        event = _drag(kind, mime)
        event.ignore()  # Qt hands them over ignored: the window must accept them
        QApplication.sendEvent(window, event)
        accepted.append(event.isAccepted())
    return all(accepted)


def _urls(*urls: QUrl) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(list(urls))
    return mime


def test_a_dragged_text_a_txt_file_or_a_web_address_is_refused(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    text = QMimeData()
    text.setText("hello")
    notes = tmp_path / "notes.txt"
    notes.write_text("BEGIN:VCARD\nFN:Not Imported\nEND:VCARD\n", encoding="utf-8")
    refused = [
        text,
        _urls(QUrl.fromLocalFile(str(notes))),
        _urls(QUrl("https://example.com/x.vcf")),
    ]
    with qtbot.assertNotEmitted(window.importer.preview_shown, wait=300):
        for mime in refused:
            assert not _offer(window, mime)
            drop = _drag(QDropEvent, mime)
            drop.ignore()
            QApplication.sendEvent(window, drop)
            assert not drop.isAccepted()
            assert not window.importer.busy
    assert window.last_error == ""


def test_a_vcard_dropped_on_the_window_opens_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    mime = _urls(QUrl.fromLocalFile(str(FIXTURES / "v21-qp-photo.vcf")))
    assert _offer(window, mime)
    drop = _drag(QDropEvent, mime)
    with qtbot.waitSignal(window.importer.preview_shown, timeout=20000) as shown:
        QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    dialog = shown.args[0]
    assert dialog.new_model.rowCount() == 3
    dialog.reject()


def test_files_and_folders_dropped_on_the_window_open_the_preview(
    qtbot: QtBot, window: MainWindow
) -> None:
    mime = _urls(QUrl.fromLocalFile(str(FIXTURES)), QUrl("https://example.com/x.vcf"))
    assert _offer(window, mime)
    with qtbot.waitSignal(window.importer.preview_shown, timeout=20000) as shown:
        QApplication.sendEvent(window, _drag(QDropEvent, mime))
    dialog = shown.args[0]
    assert dialog.new_model.rowCount() >= 10
    assert any("not-contacts.csv" in text for text in _notes(dialog))
    dialog.reject()


def _notes(dialog: ImportPreviewDialog) -> list[str]:
    assert dialog.tabs.widget(dialog.tabs.count() - 1) is dialog.notes_view
    model = dialog.notes_model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_cancelling_a_long_import_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    big = tmp_path / "big.vcf"
    big.write_text(
        "".join(f"BEGIN:VCARD\nFN:Bulk {i}\nEMAIL:b{i}@x.org\nEND:VCARD\n" for i in range(20000))
    )
    count = window.workspace.contacts.count()
    importer = window.importer
    importer.start([big])
    importer.cancel()
    qtbot.waitUntil(lambda: not importer.busy, timeout=30000)
    assert importer.preview is None
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.workspace.contacts.count() == count


def test_rejected_cards_can_be_saved_from_the_preview(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = preview_of(qtbot, window, [FIXTURES / "v21-qp-photo.vcf"])
    saved = dialog.save_rejected(tmp_path / "rejected.txt")
    assert saved is not None
    assert "the card has no name" in saved.read_text(encoding="utf-8")
    dialog.reject()


def test_export_writes_every_contact(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "all.vcf"
    with qtbot.waitSignal(window.importer.exported, timeout=20000) as done:
        window.importer.export(out, "vcf")
    assert done.args[0] == window.workspace.contacts.count()
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD") == done.args[0]


def test_file_menu_has_import_and_export(window: MainWindow) -> None:
    assert window.actions_by_name["import_contacts"].shortcut().toString() == "Ctrl+I"
    assert window.actions_by_name["export_contacts"].isEnabled()


def test_preview_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.importing.pipeline import run_import

    report = run_import(window.workspace.db, [FIXTURES], dry_run=True)
    qtmodeltester.check(new_cards_model(report.new), force_py=True)
    qtmodeltester.check(DuplicatesModel(report.duplicates), force_py=True)


def test_an_imported_photo_shows_as_a_thumbnail(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.services.importing.pipeline import run_import

    report = run_import(window.workspace.db, [FIXTURES / "v21-qp-photo.vcf"])
    jurgen = min(report.change_set.people_added)
    window.workspace.select_person(jurgen)
    panel = window.detail_panel
    assert panel.name_label.text() == "Jürgen Müller"
    assert panel.photo_label.isVisible()
    assert not panel.photo_label.pixmap().isNull()
    window.workspace.select_person(jurgen + 1)
    assert not panel.photo_label.isVisible()


def test_a_backup_is_made_before_an_import_from_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    from desktop_app.storage.backup import list_backups

    path = window.workspace.db.path
    before = list_backups(path)
    dialog = preview_of(qtbot, window, [FIXTURES / "linkedin-connections.csv"])
    assert list_backups(path) == before  # the preview writes nothing, copies nothing
    with qtbot.waitSignal(window.importer.imported, timeout=20000):
        dialog.import_button.click()
    made = [b for b in list_backups(path) if b not in before]
    assert len(made) == 1
    assert made[0].name.endswith("-before-import.db")
    assert "saved in" in window.statusBar().currentMessage()


def test_an_import_from_the_window_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    workspace = window.workspace
    before = workspace.contacts.count()
    dialog = preview_of(qtbot, window, [FIXTURES / "linkedin-connections.csv"])
    with qtbot.waitSignal(window.importer.imported, timeout=20000) as done:
        dialog.import_button.click()
    added = done.args[0].added
    assert added > 0 and workspace.contacts.count() == before + added
    assert workspace.undo_stack.undoText().startswith(f"Import ({added:,} new")
    assert "Edit ▸ Undo takes it back" in window.statusBar().currentMessage()
    workspace.undo_stack.undo()
    assert workspace.contacts.count() == before
    qtbot.waitUntil(lambda: window.contacts_view.model.rowCount() == before)
    workspace.undo_stack.redo()
    assert workspace.contacts.count() == before + added
    qtbot.waitUntil(lambda: window.contacts_view.model.rowCount() == before + added)


def test_preview_counts_and_headings_agree_with_the_duplicates_tab(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    stored = tmp_path / "stored.vcf"
    stored.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEMAIL:grace@navy.example\nEND:VCARD\n"
    )
    first = preview_of(qtbot, window, [stored])
    with qtbot.waitSignal(window.importer.imported, timeout=20000):
        first.import_button.click()
    cards = tmp_path / "cards.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@engines.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ken Thompson\nTEL:123456\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Dennis Ritchie\nTEL:123456\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada King\nEMAIL:ADA@engines.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Grace B. Hopper\nEMAIL:grace@navy.example\nEND:VCARD\n"
    )
    dialog = preview_of(qtbot, window, [cards])
    summary = dialog.summary_label.text()
    # The six-digit "number" of Ken and Dennis identifies nobody: two new contacts.
    assert "3 new contact(s)" in summary
    assert "1 already in Trellis" in summary
    assert "1 twice in the imported file(s)" in summary
    assert "0 possible duplicate(s)" in summary
    model = dialog.duplicates_model
    assert dialog.tabs.tabText(1) == f"Duplicates ({model.rowCount()})" == "Duplicates (2)"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Already in Trellis" not in headers
    where = headers.index("Where")
    rows = {
        model.data(model.index(r, 1)): (
            model.data(model.index(r, 2)),
            model.data(model.index(r, where)),
        )
        for r in range(model.rowCount())
    }
    assert rows == {
        "Ada King": ("Ada Lovelace", "Twice in this file"),
        "Grace B. Hopper": ("Grace Hopper", "Already in Trellis"),
    }
    dialog.reject()
