"""A plain-text editor that reviews what is typed, live, without ever blocking typing.

Edits restart a short timer (debounce); when it fires, the text is handed to a worker
thread that runs `text_review.review_text` and converts offsets to the editor's UTF-16
positions. Results of an older text are dropped. Only the first `MAX_HIGHLIGHTS` findings
are painted and listed, so a megabyte of pasted text stays responsive.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import DocumentKindSpec, Finding, TextReview
from desktop_app.services.text_review import review_text

DEBOUNCE_MS = 350
MAX_HIGHLIGHTS = 500
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_COLORS = {
    "spoken_length": QColor(255, 214, 153, 110),
    "word_count": QColor(255, 214, 153, 110),
    "char_count": QColor(255, 214, 153, 110),
    "long_sentence": QColor(255, 236, 153, 150),
    "filler_word": QColor(173, 216, 255, 170),
}
_DEFAULT_COLOR = QColor(255, 160, 160, 170)


@dataclass(frozen=True, slots=True)
class PlacedReview:
    """A review with each finding's span in editor (UTF-16) positions, and its line."""

    generation: int
    review: TextReview
    spans: tuple[tuple[int, int], ...]
    lines: tuple[int, ...]


def place_review(generation: int, text: str, review: TextReview) -> PlacedReview:
    """Convert code-point offsets to UTF-16 positions (astral characters count twice)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def utf16(offset: int) -> int:
        return offset + bisect.bisect_left(astral, offset) if astral else offset

    findings = review.findings[:MAX_HIGHLIGHTS]
    spans = tuple((utf16(f.start), utf16(f.end)) for f in findings)
    lines = tuple(bisect.bisect_right(line_starts, f.start) for f in findings)
    return PlacedReview(generation, review, spans, lines)


class _Emitter(QObject):
    finished = Signal(object)  # PlacedReview


class _ReviewTask(QRunnable):
    def __init__(self, generation: int, text: str, spec: DocumentKindSpec) -> None:
        super().__init__()
        self.generation, self.text, self.spec = generation, text, spec
        self.emitter = _Emitter()

    def run(self) -> None:
        review = review_text(self.text, self.spec)
        self.emitter.finished.emit(place_review(self.generation, self.text, review))


class ReviewEditor(QWidget):
    """Editor, a summary line (words, spoken time) and the list of findings."""

    review_finished = Signal(object)  # TextReview
    text_edited = Signal()

    def __init__(self, spec: DocumentKindSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._generation = 0
        self._tasks: dict[int, _ReviewTask] = {}
        self.last_review: TextReview | None = None
        self._loading = False

        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Type or paste the text here; it is checked as you type.")
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName("Text")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.findings = QListWidget()
        self.findings.setAlternatingRowColors(True)
        self.findings.setAccessibleName("Findings")
        self.findings.itemActivated.connect(self._on_findings_activated)
        self.findings.itemClicked.connect(self._on_findings_activated)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.editor.textChanged.connect(self._on_editor_text_changed)

    def set_spec(self, spec: DocumentKindSpec) -> None:
        self.spec = spec
        self.schedule_review(immediately=True)

    def set_text(self, text: str) -> None:
        """Load text (a saved version) without it counting as an edit."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self.schedule_review(immediately=True)

    def text(self) -> str:
        return self.editor.toPlainText()

    def schedule_review(self, immediately: bool = False) -> None:
        self._timer.start(0 if immediately else DEBOUNCE_MS)

    def _on_editor_text_changed(self) -> None:
        if not self._loading:
            self.text_edited.emit()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._generation += 1
        task = _ReviewTask(self._generation, self.editor.toPlainText(), self.spec)
        task.setAutoDelete(False)
        task.emitter.finished.connect(self._on_review_done, Qt.ConnectionType.QueuedConnection)
        self._tasks[self._generation] = task  # kept alive until its result arrives
        QThreadPool.globalInstance().start(task)

    def _on_review_done(self, placed: PlacedReview) -> None:
        self._tasks.pop(placed.generation, None)
        if placed.generation != self._generation:
            return  # the text changed meanwhile; a newer review is on its way
        self.last_review = placed.review
        self._show(placed)
        self.review_finished.emit(placed.review)

    def _show(self, placed: PlacedReview) -> None:
        review = placed.review
        target = self.spec.target_seconds
        spoken = f"about {review.spoken_seconds:.0f} s spoken"
        if target:
            spoken += f" (target {target} s)"
        total = len(review.findings)
        shown = min(total, MAX_HIGHLIGHTS)
        count = "no findings" if not total else f"{total} finding{'s' * (total != 1)}"
        if total > shown:
            count += f", the first {shown} shown"
        self.summary.setText(f"{review.words} words · {spoken} · {count}")

        selections = []
        self.findings.clear()
        for finding, (start, end), line in zip(
            review.findings, placed.spans, placed.lines, strict=False
        ):
            selections.append(self._selection(finding, start, end))
            item = QListWidgetItem(f"Line {line}: {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, (start, end))
            item.setToolTip(finding.kind.replace("_", " "))
            self.findings.addItem(item)
        self.editor.setExtraSelections(selections)

    def _selection(self, finding: Finding, start: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.editor.document())
        limit = max(0, self.editor.document().characterCount() - 1)
        cursor.setPosition(min(start, limit))
        cursor.setPosition(min(max(end, start + 1), limit), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(_COLORS.get(finding.kind, _DEFAULT_COLOR))
        if finding.kind in ("double_space", "space_before_punctuation"):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("red"))
        fmt.setProperty(QTextFormat.Property.UserProperty, finding.kind)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _on_findings_activated(self, item: QListWidgetItem) -> None:
        start, end = item.data(Qt.ItemDataRole.UserRole)
        cursor = self.editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def wait_for_idle(self) -> None:
        """Let running reviews finish (used on close so no worker outlives its editor)."""
        self._timer.stop()
        QThreadPool.globalInstance().waitForDone(5000)
