"""A plain-text editor that reviews what is typed, live, without ever blocking typing.

Edits restart a short timer (debounce); when it fires, the text is handed to a worker
thread that runs `text_review.review_text` and converts offsets to the editor's UTF-16
positions. Results of an older text are dropped. Only the first `MAX_HIGHLIGHTS` findings
are painted and listed, so a megabyte of pasted text stays responsive.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRunnable,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
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
from desktop_app.domain.review_advice import advice_for
from desktop_app.services.text_review import ReviewContext, review_text
from desktop_app.services.text_review.context import ReviewFacts
from desktop_app.services.text_review.spelling import DEFAULT_LANGUAGE
from desktop_app.storage.errors import StorageError
from desktop_app.ui.common.plain_label import PlainLabel, plain_tooltip

DEBOUNCE_MS = 350
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_HIGHLIGHTS = 500
WARM_SUGGESTIONS = 10
LANGUAGE_SETTING = "review/language"
LANGUAGE_CHOICES = (("English (US)", "en-US"), ("English (UK)", "en-GB"))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_KIND_LABELS = {
    "spelling": "Spelling",
    "inconsistent_punctuation": "Inconsistent punctuation",
    "final_punctuation": "Final punctuation",
    "unbalanced": "Unbalanced brackets and quotes",
    "mixed_dates": "Mixed date styles",
    "forgotten_job": "Forgotten jobs",
    "unserved_goal": "Goals not served",
    "filler_word": "Fillers",
    "buzzword": "Buzzwords",
    "repeated_word": "Repeated words",
    "long_sentence": "Long sentences",
}
# The hue of each kind of finding: warm colours only, far from the (blue) selection.
_AMBER, _ORANGE, _MAGENTA, _RED = (
    QColor(230, 160, 20),
    QColor(235, 110, 30),
    QColor(200, 60, 160),
    QColor(220, 50, 50),
)
_HUES = {
    "spoken_length": _AMBER,
    "word_count": _AMBER,
    "char_count": _AMBER,
    "long_sentence": _ORANGE,
    "filler_word": _MAGENTA,
    "buzzword": _MAGENTA,
    "forgotten_job": _ORANGE,
}
TINT = 0.22  # how much of the hue goes into the text's background
_WAVY = ("double_space", "space_before_punctuation", "repeated_word")


def _mix(base: QColor, hue: QColor, share: float) -> QColor:
    return QColor(
        round(base.red() + (hue.red() - base.red()) * share),
        round(base.green() + (hue.green() - base.green()) * share),
        round(base.blue() + (hue.blue() - base.blue()) * share),
    )


def highlight_format(kind: str, palette: QPalette) -> QTextCharFormat:
    """A soft tint of the editor's own background and an underline in the kind's hue:
    readable on light and dark palettes, and never the selection colour."""
    hue = _HUES.get(kind, _RED)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    fmt = QTextCharFormat()
    fmt.setProperty(QTextFormat.Property.UserProperty, kind)
    if kind == "spelling":  # as a word processor marks it: a red wavy line, no tint
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(QColor("red"))
        return fmt
    fmt.setBackground(_mix(base, hue, TINT))
    wavy = kind in _WAVY or kind not in _HUES
    fmt.setUnderlineStyle(
        QTextCharFormat.UnderlineStyle.WaveUnderline
        if wavy
        else QTextCharFormat.UnderlineStyle.SingleUnderline
    )
    fmt.setUnderlineColor(_mix(text, hue, 0.7))
    fmt.setProperty(QTextFormat.Property.UserProperty, kind)
    return fmt


@dataclass(frozen=True, slots=True)
class PlacedReview:
    """A review with each finding's span in editor (UTF-16) positions, and its line."""

    generation: int
    review: TextReview
    text: str
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
    return PlacedReview(generation, review, text, spans, lines)


class ContextHolder:
    """The review's context, built on the first worker that needs it and shared by the
    reviews after it: reading the network's names (55–200 ms at 50,000 contacts) and the
    dictionary (up to 3 s) both happen there, never on the UI thread."""

    def __init__(
        self, read: Callable[[], ReviewFacts] | None = None, language: str = DEFAULT_LANGUAGE
    ) -> None:
        self._read = read or ReviewFacts
        self.language = language
        self._facts: ReviewFacts | None = None
        self._context: ReviewContext | None = None
        self._lock = threading.Lock()

    def reader(self) -> Callable[[], ReviewFacts]:
        """What a holder for another language reads: the facts, once they are read."""
        facts = self._facts
        return self._read if facts is None else (lambda: facts)

    def get(self) -> ReviewContext:
        with self._lock:
            if self._context is None:
                if self._facts is None:
                    try:
                        self._facts = self._read()
                    except StorageError:  # the review runs on, without the network's words
                        self._facts = ReviewFacts()
                self._context = self._facts.context(self.language)
            return self._context

    @property
    def ready(self) -> ReviewContext | None:
        return self._context


class _Emitter(QObject):
    finished = Signal(object)  # PlacedReview


class _ReviewTask(QRunnable):
    def __init__(
        self,
        generation: int,
        text: str,
        spec: DocumentKindSpec,
        holder: ContextHolder,
        ignored: frozenset[str],
    ) -> None:
        super().__init__()
        self.generation, self.text, self.spec = generation, text, spec
        self.holder, self.ignored = holder, ignored
        self.emitter = _Emitter()

    def run(self) -> None:
        review = review_text(self.text, self.spec, context=self.holder.get())
        if self.ignored:
            kept = tuple(
                f
                for f in review.findings
                if f.kind != "spelling" or self.text[f.start : f.end] not in self.ignored
            )
            review = replace(review, findings=kept)
        self.emitter.finished.emit(place_review(self.generation, self.text, review))
        # Corrections cost ~0.3 s a word: work them out now, so the right-click menu is quick.
        speller = self.holder.get().speller
        if speller is not None:
            words = {self.text[f.start : f.end] for f in review.findings if f.kind == "spelling"}
            for word in sorted(words)[:WARM_SUGGESTIONS]:
                speller.suggest(word)


class ReviewEditor(QWidget):
    """Editor, a summary line (words, spoken time) and the list of findings."""

    review_finished = Signal(object)  # TextReview
    text_edited = Signal()
    word_added = Signal(str)  # Add to dictionary: the owner stores it, undoably

    def __init__(self, spec: DocumentKindSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._ignored: set[str] = set()
        self._spelling: list[tuple[int, int, str]] = []  # editor positions of misspellings
        self._generation = 0
        self._tasks: dict[int, _ReviewTask] = {}
        self.last_review: TextReview | None = None
        self._loading = False

        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Type or paste the text here; it is checked as you type.")
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName("Text")
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._on_editor_context_menu)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.findings = QListWidget()
        self.findings.setAlternatingRowColors(True)
        self.findings.setAccessibleName("Findings")
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._on_findings_activated)
        self.findings.itemClicked.connect(self._on_findings_activated)
        self.findings.currentRowChanged.connect(self._on_findings_current_row_changed)
        # Why the chosen finding matters and what to try instead (domain/review_advice).
        self.advice = PlainLabel()
        self.advice.setAccessibleName("Advice on the finding")
        self.advice.hide()
        self._placed: PlacedReview | None = None

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.findings, 1)
        below_layout.addWidget(self.advice)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        self.language = QComboBox()
        for label, code in LANGUAGE_CHOICES:
            self.language.addItem(label, code)
        self.language.setAccessibleName("Spelling dictionary")
        saved = QSettings().value(LANGUAGE_SETTING, DEFAULT_LANGUAGE)
        self.language.setCurrentIndex(max(0, self.language.findData(saved)))
        self.language.currentIndexChanged.connect(self._on_language_current_index_changed)
        language_label = QLabel("&Dictionary:")
        language_label.setBuddy(self.language)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(language_label)
        bottom.addWidget(self.language)
        layout.addLayout(bottom)
        self._holder = ContextHolder(language=self.language.currentData())

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.editor.textChanged.connect(self._on_editor_text_changed)

    def set_review_source(self, read: Callable[[], ReviewFacts]) -> None:
        """How to read my network's words, jobs and goals; the next review's worker calls it."""
        self._holder = ContextHolder(read, self.language.currentData())
        self.schedule_review(immediately=True)

    def _on_language_current_index_changed(self, _index: int) -> None:
        code = self.language.currentData()
        QSettings().setValue(LANGUAGE_SETTING, code)
        self._holder = ContextHolder(self._holder.reader(), code)
        self.schedule_review(immediately=True)

    def learn_word(self, word: str) -> None:
        """The speller knows `word` from now on (after Add to dictionary, or its redo)."""
        self._holder.get().speller.add(word)  # type: ignore[union-attr]
        self.schedule_review(immediately=True)

    def forget_word(self, word: str) -> None:
        """The undo of `learn_word`."""
        self._holder.get().speller.remove(word)  # type: ignore[union-attr]
        self.schedule_review(immediately=True)

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
        task = _ReviewTask(
            self._generation,
            self.editor.toPlainText(),
            self.spec,
            self._holder,
            frozenset(self._ignored),
        )
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
        self._placed = placed
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
        self._spelling = []
        placed_findings = list(zip(review.findings, placed.spans, placed.lines, strict=False))
        kinds = list(dict.fromkeys(f.kind for f, _span, _line in placed_findings))
        for kind in kinds:
            group = [entry for entry in placed_findings if entry[0].kind == kind]
            header = QListWidgetItem(
                f"{_KIND_LABELS.get(kind, kind.replace('_', ' '))} ({len(group)})"
            )
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.findings.addItem(header)
            for finding, (start, end), line in group:
                where = f"Line {line}: " if finding.end > finding.start else ""
                item = QListWidgetItem(where + finding.message)
                item.setData(Qt.ItemDataRole.UserRole, (start, end))
                item.setData(KIND_ROLE, finding.kind)
                item.setToolTip(plain_tooltip(advice_for(finding.kind).text()))
                self.findings.addItem(item)
        for finding, (start, end), _line in placed_findings:
            if end > start:  # a forgotten job or goal is about what is absent: nothing to mark
                selections.append(self._selection(finding, start, end))
            if finding.kind == "spelling":
                word = placed.text[finding.start : finding.end]
                self._spelling.append((start, end, word))
        self.editor.setExtraSelections(selections)

    def _selection(self, finding: Finding, start: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.editor.document())
        limit = max(0, self.editor.document().characterCount() - 1)
        cursor.setPosition(min(start, limit))
        cursor.setPosition(min(max(end, start + 1), limit), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = highlight_format(finding.kind, self.editor.palette())
        return selection

    def misspelling_at(self, position: int) -> tuple[int, int, str] | None:
        """The misspelt word at an editor position, as (start, end, word)."""
        for start, end, word in self._spelling:
            if start <= position <= end:
                return start, end, word
        return None

    def spelling_actions(self, position: int) -> list[QAction]:
        """Suggestions, Add to dictionary and Ignore for the misspelling at `position`."""
        found = self.misspelling_at(position)
        context = self._holder.ready
        if found is None or context is None or context.speller is None:
            return []
        start, end, word = found
        actions = []
        for suggestion in context.speller.suggest(word):
            action = QAction(suggestion, self)
            action.triggered.connect(
                lambda _=False, s=start, e=end, w=suggestion: self._replace(s, e, w)
            )
            actions.append(action)
        if not actions:
            none = QAction("No suggestions", self)
            none.setEnabled(False)
            actions.append(none)
        add = QAction(f"Add “{word}” to dictionary", self)
        add.triggered.connect(lambda _=False, w=word: self.word_added.emit(w))
        ignore = QAction("Ignore", self)
        ignore.triggered.connect(lambda _=False, w=word: self._ignore(w))
        return [*actions, add, ignore]

    def _on_editor_context_menu(self, pos: QPoint) -> None:
        menu = self.editor.createStandardContextMenu()
        position = self.editor.cursorForPosition(pos).position()
        actions = self.spelling_actions(position)
        if actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in actions:
                menu.insertAction(first, action)  # type: ignore[arg-type]
            menu.insertSeparator(first)  # type: ignore[arg-type]
        menu.exec(self.editor.viewport().mapToGlobal(pos))  # pos is in viewport coordinates
        menu.deleteLater()

    def _replace(self, start: int, end: int, word: str) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(word)  # one step of the editor's own undo

    def _ignore(self, word: str) -> None:
        self._ignored.add(word)
        self.schedule_review(immediately=True)

    def _on_findings_current_row_changed(self, row: int) -> None:
        item = self.findings.item(row)
        kind = item.data(KIND_ROLE) if item is not None else None
        self.advice.setText(advice_for(kind).text() if isinstance(kind, str) else "")
        self.advice.setVisible(isinstance(kind, str))

    def _on_findings_activated(self, item: QListWidgetItem) -> None:
        """Go to the finding: the cursor at its start, nothing selected (a selection would
        hide the highlight under the selection colour); a group's heading goes nowhere."""
        span = item.data(Qt.ItemDataRole.UserRole)
        if span is None:
            return
        start, _end = span
        cursor = self.editor.textCursor()
        cursor.setPosition(start)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        """View ▸ Theme: the highlights are mixed from the palette, so mix them again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._placed is not None:
            self._show(self._placed)

    def wait_for_idle(self) -> None:
        """Let running reviews finish (used on close so no worker outlives its editor)."""
        self._timer.stop()
        QThreadPool.globalInstance().waitForDone(5000)
