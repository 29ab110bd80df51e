"""One document: its text with live review and versions, attached files, checklist,
feedback rounds, a side-by-side comparison, and export to PDF or Markdown.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import DocumentDetail, VersionFormat, VersionInfo
from desktop_app.domain.values import ChangeSet
from desktop_app.services import document_resources, documents
from desktop_app.services.documents import AttachmentError
from desktop_app.services.exporting import checklist_export
from desktop_app.services.text_review.context import read_facts
from desktop_app.ui.common.dates import format_date
from desktop_app.ui.common.plain_label import plain_tooltip
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.pitch.checklist_editor import ChecklistEditor
from desktop_app.ui.pitch.feedback_rounds import FeedbackRounds
from desktop_app.ui.pitch.file_text import FileTextLoader
from desktop_app.ui.pitch.heard_panel import HeardPanel
from desktop_app.ui.pitch.review_editor import ReviewEditor
from desktop_app.ui.pitch.version_compare import VersionCompare
from desktop_app.ui.window.workspace import Workspace

ATTACH_FILTER = "Documents (*.pdf *.docx *.doc *.odt *.rtf *.pages *.txt *.md);;All files (*)"


TITLE_SHOWN_CHARS = 160  # a longer title is cut here (whole in its tooltip)


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _wrapping(label: QLabel) -> QLabel:
    """A plain label that wraps to the width it is given and never asks for more: an
    unwrapped label's minimum width is its whole text, which widened the window past the
    screen for a long title or description."""
    _plain(label)
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label


def _shown_title(title: str) -> str:
    if len(title) <= TITLE_SHOWN_CHARS:
        return title
    return title[: TITLE_SHOWN_CHARS - 1].rstrip() + "…"


class DocumentPanel(QWidget):
    """Shows the document set with `show_detail`; edits go through the workspace."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.detail: DocumentDetail | None = None
        self._drafts: dict[int, str] = {}
        self._loaded_version: dict[int, int | None] = {}
        self.setAcceptDrops(True)

        self.title = _wrapping(QLabel())
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.kind_label = _wrapping(QLabel())
        self.progress = QProgressBar()
        # The count is a label beside the bar, not text painted inside it: inside, part of
        # it sat on the filled chunk and part beside it, and styles cut it off.
        self.progress.setTextVisible(False)
        self.progress_label = _plain(QLabel())
        self.progress.setToolTip(
            "Criteria you ticked as met, in your own judgement; the Checklist tab shows "
            "the reviewers' verdicts beside each tick."
        )
        self.progress.setAccessibleName("Checklist progress")
        self.progress.setFixedWidth(120)
        self.progress_label.setToolTip(self.progress.toolTip())
        # A push button draws its menu arrow beside the text, never over it.
        self.export_button = QPushButton("Export")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("Checklist and feedback as PDF…", self.export_pdf)
        export_menu.addAction("Checklist and feedback as Markdown…", self.export_markdown)
        self.export_button.setMenu(export_menu)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.kind_label)
        header.addLayout(titles, 1)
        header.addWidget(self.progress)
        header.addWidget(self.progress_label)
        header.addWidget(self.export_button)

        self.versions = QComboBox()
        self.versions.setAccessibleName("Versions")
        self.versions.activated.connect(self._on_versions_activated)
        self.open_button = QPushButton("Open file")
        self.open_button.clicked.connect(self.open_selected_file)
        self.attach_button = QPushButton("Attach file…")
        self.attach_button.clicked.connect(self._on_attach_clicked)
        self.note = QLineEdit()
        self.note.setPlaceholderText("What changed in this version?")
        self.note.setAccessibleName("What changed in this version")
        self.save_button = QPushButton("Save as new version")
        self.save_button.clicked.connect(self.save_version)
        self.save_button.setToolTip("Save the text as a new version (Ctrl+S)")
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self._on_save_shortcut_activated)
        self.draft_label = _plain(QLabel())
        bar = QHBoxLayout()
        bar.addWidget(self.versions, 2)
        bar.addWidget(self.open_button)
        bar.addWidget(self.attach_button)
        bar.addWidget(self.note, 2)
        bar.addWidget(self.save_button)

        self.editor = ReviewEditor(document_resources.kind_spec("pitch"))
        self.editor.text_edited.connect(self._on_editor_text_edited)
        self.editor.set_review_source(partial(read_facts, workspace.db))
        self.editor.word_added.connect(self._on_editor_word_added)
        self.file_text = FileTextLoader(self)
        self.file_text.loaded.connect(self._on_file_text_loaded)
        self.file_text.failed.connect(self._on_file_text_failed)
        self._file_version_asked: int | None = None
        workspace.changed.connect(self._on_workspace_changed)
        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        text_layout.addLayout(bar)
        text_layout.addWidget(self.draft_label)
        text_layout.addWidget(self.editor, 1)

        self.checklist = ChecklistEditor(workspace)
        self.rounds = FeedbackRounds(workspace)
        self.compare = VersionCompare(lambda vid: documents.version_text(workspace.db, vid))
        self.tabs = QTabWidget()
        self.tabs.addTab(text_tab, "Text && versions")
        self.tabs.addTab(self.checklist, "Checklist")
        self.tabs.addTab(self.rounds, "Feedback")
        self.tabs.addTab(self.compare, "Compare versions")
        self.heard = HeardPanel(workspace)
        self.tabs.addTab(self.heard, "Who heard it")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        if workspace.read_only:
            self.editor.editor.setReadOnly(True)
            self.note.setEnabled(False)
            self.attach_button.setEnabled(False)
            self.setAcceptDrops(False)
        self.show_detail(None)

    # -- showing -------------------------------------------------------------------------

    def show_detail(self, detail: DocumentDetail | None) -> None:
        previous = self.detail
        self.detail = detail
        self.setEnabled(detail is not None)
        if detail is None:
            self.title.setText("No document selected")
            self.title.setToolTip("")
            self.kind_label.setText("Create one with “New document”.")
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress_label.setText("")
            self.checklist.show_detail(None)
            self.rounds.show_detail(None)
            self.heard.show_detail(None)
            self.versions.clear()
            self.editor.set_text("")
            self._update_compare_tab(None)
            return
        spec = document_resources.kind_spec(detail.kind)
        self.title.setText(_shown_title(detail.title))
        self.title.setToolTip(
            plain_tooltip(detail.title) if detail.title != self.title.text() else ""
        )
        self.kind_label.setText(f"{spec.label} — {spec.description}")
        met = sum(1 for item in detail.checklist if item.met)
        self.progress.setRange(0, max(1, len(detail.checklist)))
        self.progress.setValue(met)
        self.progress_label.setText(f"{met} of {len(detail.checklist)} ticked as met")
        self.attach_button.setVisible(spec.accepts_files)
        self.editor.spec = spec
        self._fill_versions(detail)
        same_document = previous is not None and previous.id == detail.id
        latest_text = self._latest_text_version(detail)
        loaded = self._loaded_version.get(detail.id)
        if (
            not same_document
            or (loaded is not None and loaded not in {v.id for v in detail.versions})
            or (loaded is None and latest_text is not None and detail.id not in self._drafts)
        ):
            self._load(detail, latest_text)
        self.checklist.show_detail(detail)
        self.rounds.show_detail(detail)
        self.heard.show_detail(detail)
        self._update_compare_tab(detail)
        if self.tabs.currentWidget() is self.compare:
            self.compare.set_versions(detail.versions)
        self._update_draft_label()

    def _update_compare_tab(self, detail: DocumentDetail | None) -> None:
        """Compare needs two text versions: with fewer the tab is off and says why (it
        used to compare version 1 with itself)."""
        texts = sum(
            1 for v in (detail.versions if detail else ()) if v.format is VersionFormat.TEXT
        )
        files = detail is not None and any(v.format is VersionFormat.FILE for v in detail.versions)
        if texts >= 2:
            why = ""
        elif texts == 1:
            why = "There is only one version so far: save another to compare them."
        elif files:
            why = "Attached files are not compared: only typed text versions are."
        else:
            why = "No versions yet: save two to compare them."
        index = self.tabs.indexOf(self.compare)
        self.tabs.setTabEnabled(index, not why)
        self.tabs.setTabToolTip(index, why)

    def _fill_versions(self, detail: DocumentDetail) -> None:
        self.versions.clear()
        for version in reversed(detail.versions):
            if version.format is VersionFormat.FILE:
                label = f"Version {version.number} · file {version.file_name}"
            else:
                label = f"Version {version.number} · text"
            label += f" · {format_date(version.created_at.date())}"
            if version.note:
                label += f" · {version.note}"
            self.versions.addItem(label, version.id)
        if not detail.versions:
            self.versions.addItem("No versions yet", None)
        loaded = self._loaded_version.get(detail.id)
        index = self.versions.findData(loaded) if loaded is not None else 0
        self.versions.setCurrentIndex(max(0, index))
        self._update_open_button()

    def _latest_text_version(self, detail: DocumentDetail) -> VersionInfo | None:
        texts = [v for v in detail.versions if v.format is VersionFormat.TEXT]
        return texts[-1] if texts else None

    def _load(self, detail: DocumentDetail, version: VersionInfo | None) -> None:
        self._loaded_version[detail.id] = version.id if version else None
        draft = self._drafts.get(detail.id)
        if draft is not None:
            self.editor.set_text(draft)
        else:
            body = documents.version_text(self.workspace.db, version.id) if version else ""
            self.editor.set_text(body)

    def selected_version(self) -> VersionInfo | None:
        if self.detail is None:
            return None
        version_id = self.versions.currentData()
        return next((v for v in self.detail.versions if v.id == version_id), None)

    def _update_open_button(self) -> None:
        version = self.selected_version()
        self.open_button.setEnabled(version is not None and version.format is VersionFormat.FILE)

    def _update_draft_label(self) -> None:
        unsaved = self.detail is not None and self.detail.id in self._drafts
        self.draft_label.setText("Unsaved changes: save them as a new version." if unsaved else "")
        self.draft_label.setVisible(unsaved)
        self.save_button.setEnabled(unsaved and not self.workspace.read_only)

    # -- reacting ------------------------------------------------------------------------

    def _on_versions_activated(self, _index: int) -> None:
        self._update_open_button()
        version = self.selected_version()
        if self.detail is None or version is None:
            return
        if self.detail.id in self._drafts:
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                f"Show version {version.number} and drop the unsaved changes?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._fill_versions(self.detail)
                return
            del self._drafts[self.detail.id]
        if version.format is VersionFormat.FILE:
            self._review_file(version)
            return
        self._file_version_asked = None
        self._load(self.detail, version)
        self._update_draft_label()

    def _review_file(self, version: VersionInfo) -> None:
        """Show the attached file's text in the editor, where the checks run on it."""
        try:
            path = documents.attachment_path(self.workspace.db, version)
        except AttachmentError as error:
            self._show_file_note(str(error))
            return
        self._file_version_asked = version.id
        self._show_file_note(f"Reading the text of “{version.file_name}”…")
        self.file_text.load(version.id, path)

    def _on_file_text_loaded(self, version_id: int, text: str) -> None:
        version = self.selected_version()
        if self.detail is None or version is None or version.id != version_id:
            return  # another version was chosen meanwhile
        if version_id != self._file_version_asked:
            return
        self._loaded_version[self.detail.id] = version_id
        self.editor.set_text(text)
        self._show_file_note(
            f"The text of “{version.file_name}”: the checks run on it. "
            "Edit it and save to keep it as a text version."
        )

    def _on_file_text_failed(self, version_id: int, message: str) -> None:
        if version_id == self._file_version_asked:
            self._show_file_note(message)

    def _show_file_note(self, message: str) -> None:
        self.draft_label.setText(message)
        self.draft_label.setVisible(True)

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        """New names, jobs or goals: the review's dictionary and checks follow them."""
        if (
            change.people_added
            or change.people_changed
            or change.people_removed
            or change.organizations_changed
            or change.goals_changed
        ):
            self.editor.set_review_source(partial(read_facts, self.workspace.db))

    def _on_editor_word_added(self, word: str) -> None:
        self.workspace.execute(
            commands.AddWordCommand(
                self.workspace, word, self.editor.learn_word, self.editor.forget_word
            )
        )

    def _on_editor_text_edited(self) -> None:
        if self.detail is None:
            return
        self._file_version_asked = None
        self._drafts[self.detail.id] = self.editor.text()
        self._update_draft_label()

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.compare and self.detail is not None:
            self.compare.set_versions(self.detail.versions)

    def save_version(self) -> None:
        if self.detail is None:
            return
        body = self.editor.text()
        command = commands.AddTextVersionCommand(
            self.workspace, self.detail.id, body, self.note.text().strip()
        )
        document_id = self.detail.id
        self._drafts.pop(document_id, None)
        if self.workspace.execute(command):
            self._loaded_version[document_id] = command.version_id
            self.note.clear()
        else:
            self._drafts[document_id] = body
        self._update_draft_label()

    def _on_save_shortcut_activated(self) -> None:
        if self.save_button.isEnabled():
            self.save_version()

    def _on_attach_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Attach a version", "", ATTACH_FILTER)
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        if self.detail is None:
            return False
        command = commands.AttachFileCommand(
            self.workspace, self.detail.id, path, self.note.text().strip()
        )
        if self.workspace.execute(command):
            self.note.clear()
            return True
        return False

    def open_selected_file(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        try:
            path = documents.path_to_open(self.workspace.db, version)
        except AttachmentError as error:
            QMessageBox.warning(self, "Open file", str(error))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(
                self,
                "Open file",
                f"No program is set up to open “{version.file_name}”. The copy is at {path}.",
            )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        spec = document_resources.kind_spec(self.detail.kind) if self.detail else None
        if spec is not None and spec.accepts_files and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.attach(Path(url.toLocalFile()))
        event.acceptProposedAction()

    # -- export --------------------------------------------------------------------------

    def _export_target(self, title: str, suffix: str, filter_: str) -> Path | None:
        if self.detail is None:
            return None
        stem = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.detail.title)
        path, _ = QFileDialog.getSaveFileName(
            self, title, f"{stem.strip()} checklist{suffix}", filter_
        )
        if not path:
            return None
        target = Path(path)
        return target if target.suffix else target.with_suffix(suffix)

    def export_pdf(self, target: Path | None = None) -> Path | None:
        target = target or self._export_target("Export PDF", ".pdf", "PDF (*.pdf)")
        return self._export(target, checklist_export.write_pdf)

    def export_markdown(self, target: Path | None = None) -> Path | None:
        target = target or self._export_target("Export Markdown", ".md", "Markdown (*.md)")
        return self._export(target, checklist_export.write_markdown)

    def _export(self, target: Path | None, writer: object) -> Path | None:
        if target is None or self.detail is None:
            return None
        detail = documents.document_detail(self.workspace.db, self.detail.id)
        label = document_resources.kind_spec(detail.kind).label
        try:
            writer(detail, label, target)  # type: ignore[operator]
        except OSError as error:
            QMessageBox.warning(self, "Export", f"Could not write {target}: {error}")
            return None
        self.message.emit(f"Exported to {target}")
        return target
