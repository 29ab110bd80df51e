"""A status-bar notice for work that went at once, with an Undo button beside it:
"Deleted Ana Lee — Undo". The button goes with the message, or as soon as anything else
is done or undone (then Undo would no longer undo what the message says)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QToolButton

NOTICE_MS = 10_000


class UndoNotice(QToolButton):
    """The Undo button; `say` shows a message and the button for the last command."""

    def __init__(self, window: QMainWindow, stack: QUndoStack) -> None:
        super().__init__(window.statusBar())
        self._bar = window.statusBar()
        self._stack = stack
        self._message = ""
        self.setObjectName("undoDeleteButton")
        self.setText("Undo")
        self.setAutoRaise(True)
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.setToolTip(f"Undo ({keys})" if keys else "Undo")
        self._bar.addPermanentWidget(self)
        self.hide()
        self.clicked.connect(self._on_clicked)
        self._bar.messageChanged.connect(self._on_bar_message_changed)
        stack.indexChanged.connect(self._on_stack_index_changed)

    def say(self, text: str) -> None:
        """Show `text` and offer to undo the command just pushed."""
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self._message = f"{text} — Undo ({keys})" if keys else f"{text} — Undo"
        self._bar.showMessage(self._message, NOTICE_MS)
        self.show()

    def _on_clicked(self) -> None:
        self.hide()
        self._bar.clearMessage()
        self._stack.undo()

    def _on_bar_message_changed(self, text: str) -> None:
        if text != self._message:
            self.hide()

    def _on_stack_index_changed(self, _index: int) -> None:
        self.hide()


def say_with_undo(window: QMainWindow, stack: QUndoStack, text: str) -> None:
    """Show `text` in `window`'s status bar with an Undo button (one per window)."""
    notice = window.findChild(UndoNotice)
    if notice is None:
        notice = UndoNotice(window, stack)
    notice.say(text)
