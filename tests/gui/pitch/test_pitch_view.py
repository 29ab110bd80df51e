"""The Pitch & resume view with real widgets on a real demo database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.documents import CriterionVerdict
from desktop_app.domain.enums import Verdict
from desktop_app.services import documents, feedback
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Person
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.pitch import review_editor
from desktop_app.ui.pitch.document_list_model import DocumentListModel
from desktop_app.ui.pitch.pitch_view import PitchView
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.conftest import REPO_ROOT


@pytest.fixture
def pitch_workspace(demo_db: Database) -> Workspace:
    return Workspace(demo_db)


@pytest.fixture
def view(qtbot: QtBot, pitch_workspace: Workspace) -> Iterator[PitchView]:
    widget = PitchView(pitch_workspace)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.panel.editor.wait_for_idle()


def select(view: PitchView, kind: str) -> int:
    row = next(i for i, d in enumerate(view.model.documents) if d.kind == kind)
    view.list.setCurrentIndex(view.model.index(row))
    return view.model.documents[row].id


def wait_for_review_of(qtbot: QtBot, view: PitchView, text: str) -> None:
    """Wait until the editor shows the review of exactly `text` (older ones may land first)."""
    from desktop_app.services.text_review import count_words

    editor = view.panel.editor
    words = count_words(text)
    qtbot.waitUntil(
        lambda: editor.last_review is not None and editor.last_review.words == words,
        timeout=20000,
    )


def test_demo_documents_are_listed_and_the_latest_text_is_reviewed(
    qtbot: QtBot, view: PitchView
) -> None:
    assert [d.kind for d in view.model.documents] == ["brand", "cover", "pitch", "resume"]
    with qtbot.waitSignal(view.panel.editor.review_finished, timeout=5000):
        select(view, "pitch")
    panel = view.panel
    assert panel.title.text() == "Elevator pitch"
    assert panel.editor.text().startswith("I'm Alex")
    assert "words" in panel.editor.summary.text()
    assert panel.progress.value() == 3
    assert panel.progress.maximum() == 6
    assert view.thanks.count() == 1


def test_typing_is_reviewed_after_a_pause_and_findings_are_highlighted(
    qtbot: QtBot, view: PitchView
) -> None:
    editor = view.panel.editor
    select(view, "pitch")
    wait_for_review_of(qtbot, view, editor.text())
    reviews: list[object] = []
    editor.review_finished.connect(reviews.append)
    text = "🙂 I built the the tools."
    for size in range(1, len(text) + 1):  # a burst of edits: one review at the end
        editor.editor.setPlainText(text[:size])
    qtbot.waitUntil(lambda: len(reviews) == 1, timeout=5000)
    qtbot.wait(review_editor.DEBOUNCE_MS + 100)
    assert len(reviews) == 1
    [selection] = editor.editor.extraSelections()
    assert selection.cursor.selectedText() == "the the"  # UTF-16 positions after the emoji
    assert editor.findings.count() == 1
    assert view.panel.save_button.isEnabled()


def test_a_megabyte_paste_is_reviewed_off_the_ui_thread_and_capped(
    qtbot: QtBot, view: PitchView
) -> None:
    editor = view.panel.editor
    select(view, "resume")
    line = "Led the the team of five  engineers , shipping weekly\n"
    big = line * (1_000_000 // len(line))
    editor.editor.setPlainText(big)
    wait_for_review_of(qtbot, view, big)
    review = editor.last_review
    assert review is not None
    assert len(review.findings) > review_editor.MAX_HIGHLIGHTS
    assert len(editor.editor.extraSelections()) == review_editor.MAX_HIGHLIGHTS
    assert editor.findings.count() == review_editor.MAX_HIGHLIGHTS
    assert f"the first {review_editor.MAX_HIGHLIGHTS} shown" in editor.summary.text()


def test_save_version_undo_redo_keeps_the_id(
    qtbot: QtBot, view: PitchView, pitch_workspace: Workspace
) -> None:
    document_id = select(view, "brand")
    panel = view.panel
    panel.editor.editor.setPlainText("I make hospital data useful.")
    panel.note.setText("shorter")
    panel.save_version()
    detail = documents.document_detail(pitch_workspace.db, document_id)
    assert len(detail.versions) == 2
    new_id = detail.versions[-1].id
    assert detail.versions[-1].note == "shorter"
    assert not panel.save_button.isEnabled()
    pitch_workspace.undo_stack.undo()
    assert len(documents.document_detail(pitch_workspace.db, document_id).versions) == 1
    assert panel.editor.text().startswith("I turn hospital data")
    pitch_workspace.undo_stack.redo()
    assert documents.document_detail(pitch_workspace.db, document_id).versions[-1].id == new_id


def test_checklist_tick_reword_add_move_and_undo(
    view: PitchView, pitch_workspace: Workspace
) -> None:
    document_id = select(view, "cover")
    checklist = view.panel.checklist
    item = checklist.model.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    assert documents.document_detail(pitch_workspace.db, document_id).checklist[0].met
    assert view.panel.progress.value() == 1
    checklist.model.item(1).setText("Names Northwind and why")
    assert (
        documents.document_detail(pitch_workspace.db, document_id).checklist[1].criterion
        == "Names Northwind and why"
    )
    checklist.tree.setCurrentIndex(checklist.model.index(1, 0))
    checklist.down_button.click()
    criteria = [
        e.criterion for e in documents.document_detail(pitch_workspace.db, document_id).checklist
    ]
    assert criteria[2] == "Names Northwind and why"
    for _ in range(3):
        pitch_workspace.undo_stack.undo()
    detail = documents.document_detail(pitch_workspace.db, document_id)
    assert not detail.checklist[0].met
    assert detail.checklist[1].criterion == "Names the organisation and why it, specifically"


def test_feedback_round_thanks_and_a_deleted_reviewer(
    view: PitchView, pitch_workspace: Workspace
) -> None:
    db = pitch_workspace.db
    document_id = select(view, "cover")
    reviewer_id, name = feedback.people_choices(db)[0]
    pitch_workspace.execute(
        commands.AskFeedbackCommand(
            pitch_workspace, document_id, None, reviewer_id, name, date.today()
        )
    )
    rounds = view.panel.rounds
    assert rounds.table.rowCount() == 1
    assert rounds.table.item(0, 3).text() == "waiting"
    info = rounds.selected_round()
    assert info is not None
    first_item = view.panel.detail.checklist[0].id
    pitch_workspace.execute(
        commands.RecordFeedbackCommand(
            pitch_workspace,
            info.id,
            date.today(),
            "partly",
            "Needs a number.",
            [CriterionVerdict(first_item, Verdict.NOT_MET, "too generic")],
        )
    )
    assert view.thanks.count() == 2
    [child_text] = [view.panel.checklist.model.item(0).child(0).text()]
    assert child_text == f"{name} — Not met: too generic"
    view.thanks.setCurrentRow(
        next(i for i in range(view.thanks.count()) if "Cover letter" in view.thanks.item(i).text())
    )
    view.thank_button.click()
    assert view.thanks.count() == 1
    pitch_workspace.undo_stack.undo()
    assert view.thanks.count() == 2
    with db.transaction() as session:
        session.delete(session.get(Person, reviewer_id))
    pitch_workspace.announce(documents.DOCUMENTS_CHANGED)
    assert rounds.table.item(0, 0).text() == f"{name} (removed contact)"
    assert "(removed contact)" in view.panel.checklist.model.item(0).child(0).text()


def test_attach_file_errors_reach_the_user_and_a_good_file_is_versioned(
    qtbot: QtBot,
    view: PitchView,
    pitch_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document_id = select(view, "resume")
    panel = view.panel
    assert panel.attach_button.isVisibleTo(panel)
    with qtbot.waitSignal(pitch_workspace.error_raised) as blocker:
        assert not panel.attach(tmp_path / "missing.pdf")
    assert "does not exist" in blocker.args[0]
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF-1.4 resume")
    assert panel.attach(resume)
    latest = documents.document_detail(pitch_workspace.db, document_id).versions[-1]
    assert latest.file_name == "resume.pdf"
    panel.versions.setCurrentIndex(panel.versions.findData(latest.id))
    panel._update_open_button()
    assert panel.open_button.isEnabled()
    documents.attachment_path(pitch_workspace.db, latest).unlink()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    panel.open_selected_file()
    assert "missing" in warnings[0]


def test_export_pdf_and_markdown(view: PitchView, tmp_path: Path) -> None:
    select(view, "pitch")
    markdown = view.panel.export_markdown(tmp_path / "pitch.md")
    pdf = view.panel.export_pdf(tmp_path / "pitch.pdf")
    assert markdown is not None
    assert "# Elevator pitch" in markdown.read_text()
    assert pdf is not None
    assert pdf.read_bytes().startswith(b"%PDF")


def test_new_and_deleted_documents_with_undo(view: PitchView, pitch_workspace: Workspace) -> None:
    command = commands.CreateDocumentCommand(pitch_workspace, "linkedin_headline", "Headline")
    view.create_document(command)
    assert view.panel.title.text() == "Headline"
    assert view.panel.checklist.model.rowCount() == 3
    assert not view.panel.attach_button.isVisibleTo(view.panel)
    pitch_workspace.execute(
        commands.DeleteDocumentCommand(pitch_workspace, command.document_id, "Headline")
    )
    assert len(view.model.documents) == 4
    pitch_workspace.undo_stack.undo()
    assert len(view.model.documents) == 5


def test_compare_versions_side_by_side(view: PitchView) -> None:
    select(view, "pitch")
    view.panel.tabs.setCurrentWidget(view.panel.compare)
    compare = view.panel.compare
    assert compare.left.count() == 3
    assert compare.table.rowCount() >= 2
    assert "differ" in compare.summary.text()


def test_mock_interviews_plot_is_built_when_shown(qtbot: QtBot, view: PitchView) -> None:
    assert view.mocks.plot is None
    view.tabs.setCurrentWidget(view.mocks)
    assert view.mocks.table.rowCount() == 5
    assert view.mocks.plot is not None
    items = view.mocks.plot.getPlotItem().listDataItems()
    assert len(items) == 2


def test_mock_interview_dialog_collects_bank_and_own_questions(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QToolButton

    from desktop_app.ui.pitch.mock_interview_dialog import MockInterviewDialog

    dialog = MockInterviewDialog([(1, "Ana Ruiz")], date(2026, 5, 1))
    qtbot.addWidget(dialog)
    [bank_button] = dialog.findChildren(QToolButton)
    first_category = bank_button.menu().actions()[0].menu()
    first_category.actions()[0].trigger()
    dialog.add_question("My own question", "rambled", 4)
    dialog.interviewer.setEditText("Ana Ruiz")
    value = dialog.interview_value()
    assert value.interviewer_id == 1
    assert [a.question for a in value.answers] == ["Tell me about yourself.", "My own question"]
    assert [a.rating for a in value.answers] == [None, 4]
    dialog.interviewer.setEditText("Sam from the meetup")
    assert dialog.interview_value().interviewer_id is None
    assert dialog.interview_value().interviewer_name == "Sam from the meetup"


def test_document_list_model_passes_the_model_tester(
    qtmodeltester: object, demo_db: Database
) -> None:
    model = DocumentListModel()
    model.set_documents(documents.list_documents(demo_db))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_opening_the_view_module_does_not_import_pyqtgraph() -> None:
    code = "import sys, desktop_app.ui.pitch.pitch_view; print('pyqtgraph' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"


def test_template_from_a_checklist_and_back_to_the_shipped_one(
    view: PitchView, pitch_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(view, "brand")
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    checklist = view.panel.checklist
    checklist.model.item(0).setText("Sounds like me, out loud")
    checklist.use_template_action.trigger()
    template = documents.checklist_template(pitch_workspace.db, "brand")
    assert template[0] == "Sounds like me, out loud"
    checklist.reset_template_action.trigger()
    assert documents.template_override(pitch_workspace.db, "brand") is None
    pitch_workspace.undo_stack.undo()
    assert documents.checklist_template(pitch_workspace.db, "brand") == template


def test_ctrl_s_saves_a_version(qtbot: QtBot, view: PitchView, pitch_workspace: Workspace) -> None:
    document_id = select(view, "cover")
    view.panel.editor.editor.setFocus()
    view.panel.editor.editor.setPlainText("Dear team, hello.")
    qtbot.keyClick(view.panel.editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    versions = documents.document_detail(pitch_workspace.db, document_id).versions
    assert documents.version_text(pitch_workspace.db, versions[-1].id) == "Dear team, hello."


def test_ask_and_record_dialogs_return_what_was_entered(
    qtbot: QtBot, pitch_workspace: Workspace
) -> None:
    from desktop_app.ui.pitch.feedback_dialogs import AskFeedbackDialog, RecordFeedbackDialog

    db = pitch_workspace.db
    pitch = next(d for d in documents.list_documents(db) if d.kind == "pitch")
    detail = documents.document_detail(db, pitch.id)
    people = feedback.people_choices(db)
    ask = AskFeedbackDialog(detail, people, date(2026, 5, 1))
    qtbot.addWidget(ask)
    ok = ask.buttons.button(ask.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nobody chosen yet
    ask.reviewer.setEditText(people[1][1].lower())  # typed, any case
    assert ok.isEnabled()
    assert ask.values() == (
        people[1][0],
        detail.versions[-1].id,
        people[1][1].lower(),
        date(2026, 5, 1),
    )

    waiting = next(r for r in detail.rounds if not r.received)
    record = RecordFeedbackDialog(detail, waiting, date(2026, 5, 3))
    qtbot.addWidget(record)
    record.verdict_boxes[0].setCurrentIndex(1)  # Met
    record.comment_edits[0].setText("  warm  ")
    record.comment.setPlainText("Good.")
    assert record.verdict.currentData() == "partly"  # the default for a new answer
    record.verdict.setCurrentIndex(0)
    received, verdict, comment, criteria = record.values()
    assert (received, verdict, comment) == (date(2026, 5, 3), "met", "Good.")
    assert criteria[0] == CriterionVerdict(detail.checklist[0].id, Verdict.MET, "warm")
    assert criteria[1].verdict is Verdict.NOT_REVIEWED
    record.received.setChecked(False)
    assert record.values()[0] is None


def test_read_only_database_offers_no_edits(qtbot: QtBot, demo_db: Database) -> None:
    from desktop_app.storage.database import open_database

    path = demo_db.path
    demo_db.close()
    with open_database(path, read_only=True) as db:
        workspace = Workspace(db)
        view = PitchView(workspace)
        qtbot.addWidget(view)
        select(view, "pitch")
        panel = view.panel
        assert panel.editor.editor.isReadOnly()
        assert not view.new_button.isEnabled()
        assert not view.thank_button.isEnabled()
        assert not panel.checklist.add_button.isEnabled()
        assert not panel.rounds.ask_button.isEnabled()
        item = panel.checklist.model.item(0)
        assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert not item.isEditable()
        view.tabs.setCurrentWidget(view.mocks)
        assert not view.mocks.add_button.isEnabled()
        assert view.mocks.table.rowCount() == 5
        panel.editor.wait_for_idle()


def test_mock_interview_add_edit_delete_with_undo_redo(
    view: PitchView, pitch_workspace: Workspace
) -> None:
    from desktop_app.domain.documents import MockAnswerInfo, MockInterviewInfo

    view.tabs.setCurrentWidget(view.mocks)
    stack = pitch_workspace.undo_stack
    new = MockInterviewInfo(
        0, None, "Sam", date(2026, 5, 2), "", (MockAnswerInfo("Why us?", "", 2),)
    )
    add = commands.AddMockInterviewCommand(pitch_workspace, new)
    assert pitch_workspace.execute(add)
    assert view.mocks.table.rowCount() == 6
    assert add.interview_id is not None
    edited = MockInterviewInfo(
        add.interview_id,
        None,
        "Sam",
        date(2026, 5, 2),
        "better",
        (MockAnswerInfo("Why us?", "", 4),),
    )
    pitch_workspace.execute(commands.EditMockInterviewCommand(pitch_workspace, edited))
    pitch_workspace.execute(commands.DeleteMockInterviewCommand(pitch_workspace, add.interview_id))
    assert view.mocks.table.rowCount() == 5
    stack.undo()  # delete
    assert next(i for i in view.mocks.interviews if i.id == add.interview_id) == edited
    stack.undo()  # edit
    restored = next(i for i in view.mocks.interviews if i.id == add.interview_id)
    assert restored.answers[0].rating == 2
    stack.undo()  # add
    assert view.mocks.table.rowCount() == 5
    stack.redo()
    stack.redo()
    assert next(i for i in view.mocks.interviews if i.id == add.interview_id) == edited


def test_dropping_a_file_on_a_resume_attaches_it(
    view: PitchView, pitch_workspace: Workspace, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    document_id = select(view, "resume")
    source = tmp_path / "resume v2.docx"
    source.write_bytes(b"PK docx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.panel.dropEvent(event)
    latest = documents.document_detail(pitch_workspace.db, document_id).versions[-1]
    assert latest.file_name == "resume v2.docx"
    assert documents.attachment_path(pitch_workspace.db, latest).read_bytes() == b"PK docx"


def test_a_long_title_wraps_instead_of_widening_the_window(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    window.resize(1200, 800)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "pitch" in window.views)
    view = window.views["pitch"]
    assert isinstance(view, PitchView)
    assert window.detail_panel is not None  # the Details dock is built
    words = ("Senior platform engineer pitch for the Lisbon fintech round, " * 40)[:2000]
    view.create_document(commands.CreateDocumentCommand(workspace, "pitch", words))
    select(view, "brand")
    qtbot.wait(100)
    width = window.width()
    assert width == 1200
    # Select it as a user does: click its row.
    row = view.model.row_of(next(d.id for d in view.model.documents if d.title == words))
    rect = view.list.visualRect(view.model.index(row))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.panel.title.toolTip() == words)
    qtbot.wait(100)
    assert window.width() == width
    assert window.minimumSizeHint().width() <= width
    assert window.detail_dock.isVisible()
    assert window.rect().contains(window.detail_dock.geometry())
    # The title wraps within the panel, cut after a few lines; the tooltip holds it whole.
    title = view.panel.title
    assert title.text().startswith(words[:100]) and title.text().endswith("…")
    assert title.width() <= view.panel.width()
    assert view.panel.kind_label.width() <= view.panel.width()
    # Back on a short title, nothing stays wide either.
    select(view, "pitch")
    assert title.text() == "Elevator pitch" and not title.toolTip()
    assert window.width() == width


def press_space_on(qtbot: QtBot, view: PitchView, row: int) -> None:
    """Tick or untick a criterion with the keyboard, as a user does."""
    tree = view.panel.checklist.tree
    tree.setFocus()
    tree.setCurrentIndex(view.panel.checklist.model.index(row, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Space)


def test_reviewer_verdicts_stand_beside_ticks_and_a_contradiction_is_flagged(
    qtbot: QtBot, view: PitchView, pitch_workspace: Workspace
) -> None:
    view.panel.tabs.setCurrentWidget(view.panel.checklist)
    document_id = select(view, "pitch")
    checklist = view.panel.checklist
    model = checklist.model
    header = model.horizontalHeaderItem(0).text()
    assert "your" in header.lower() and "met" in header.lower()
    assert model.horizontalHeaderItem(1).text() == "Reviewers said"
    assert not checklist.tree.isHeaderHidden()
    detail = documents.document_detail(pitch_workspace.db, document_id)
    # Demo: "Sounds like me" is ticked; the reviewer said it is not met.
    first = detail.checklist[0]
    assert first.met
    [said] = first.comments
    assert said.verdict is Verdict.NOT_MET
    verdict = model.item(0, 1)
    assert f"{said.reviewer_name}: Not met" in verdict.text()
    assert verdict.text().startswith("⚠")
    assert "You ticked this as met" in verdict.toolTip()
    assert "your own" in model.item(0, 0).toolTip().lower()
    # Untick it with the keyboard: ticks and verdict agree, the warning goes.
    press_space_on(qtbot, view, 0)
    assert not documents.document_detail(pitch_workspace.db, document_id).checklist[0].met
    assert not model.item(0, 1).text().startswith("⚠")
    # "Names one concrete achievement": unticked, the reviewer said met: a hint to tick it.
    fourth = detail.checklist[3]
    assert not fourth.met and fourth.comments[0].verdict is Verdict.MET
    assert model.item(3, 1).text().startswith("⚠")
    assert "said it is met" in model.item(3, 1).toolTip()
    press_space_on(qtbot, view, 3)
    assert documents.document_detail(pitch_workspace.db, document_id).checklist[3].met
    assert not model.item(3, 1).text().startswith("⚠")
    # A criterion nobody reviewed says so.
    cover = select(view, "cover")
    assert documents.document_detail(pitch_workspace.db, cover).checklist[0].comments == ()
    assert model.item(0, 1).text() == "Not reviewed"


def test_compare_is_off_for_a_single_version_and_defaults_to_previous_against_latest(
    qtbot: QtBot, view: PitchView, pitch_workspace: Workspace
) -> None:
    panel = view.panel
    tabs = panel.tabs
    compare_tab = tabs.indexOf(panel.compare)
    document_id = select(view, "brand")
    assert len(documents.document_detail(pitch_workspace.db, document_id).versions) == 1
    assert not tabs.isTabEnabled(compare_tab)
    assert "only one version" in tabs.tabToolTip(compare_tab).lower()
    # Clicking the tab does nothing: version 1 is never compared with itself.
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(compare_tab).center())
    assert tabs.currentWidget() is not panel.compare
    # A second version turns it on, comparing the previous version with the latest.
    panel.editor.editor.setPlainText("I make hospital data useful.")
    panel.save_version()
    assert tabs.isTabEnabled(compare_tab)
    assert not tabs.tabToolTip(compare_tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(compare_tab).center())
    assert tabs.currentWidget() is panel.compare
    compare = panel.compare
    assert compare.left.currentText().startswith("Version 1")
    assert compare.right.currentText().startswith("Version 2")
    assert "differ" in compare.summary.text()
    # Choosing the same version on both sides says so instead of "the same".
    compare.right.setFocus()
    qtbot.keyClick(compare.right, Qt.Key.Key_Up)
    assert compare.right.currentText().startswith("Version 1")
    assert "both sides" in compare.summary.text().lower()
    assert compare.table.rowCount() == 0
    # Undo takes the second version away: the tab goes off again and leaves the compare.
    pitch_workspace.undo_stack.undo()
    assert not tabs.isTabEnabled(compare_tab)
    assert tabs.currentWidget() is not panel.compare


def test_a_link_is_refused_and_a_launcher_is_kept_but_never_opened(
    qtbot: QtBot,
    view: PitchView,
    pitch_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QDesktopServices

    document_id = select(view, "resume")
    panel = view.panel
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    link = tmp_path / "resume.pdf"
    link.symlink_to(secret)
    with qtbot.waitSignal(pitch_workspace.error_raised) as blocker:
        assert not panel.attach(link)
    assert "is a link to another file" in blocker.args[0]
    launcher = tmp_path / "resume.desktop"
    launcher.write_text("[Desktop Entry]\nExec=sh -c 'echo pwned'\n", encoding="utf-8")
    assert panel.attach(launcher)
    latest = documents.document_detail(pitch_workspace.db, document_id).versions[-1]
    assert latest.file_name == "resume.desktop"
    assert not latest.file_path.endswith(".desktop")
    panel.versions.setCurrentIndex(panel.versions.findData(latest.id))
    panel._update_open_button()
    opened: list[object] = []
    warnings: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened == []
    assert "opens only documents" in warnings[0]
