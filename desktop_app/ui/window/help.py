"""The Help menu: the user guide (shipped with the app, read offline), the keyboard
shortcuts (read from the window's own actions, so the list cannot go stale), and About."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QProxyStyle,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, __version__
from desktop_app.resource_paths import resource_path
from desktop_app.ui.window.icons import app_icon

LICENCE = "MIT licence"
TAGLINE = "Build your network before you need it, nurture it, and keep it two-way."


def guide_markdown() -> str:
    return resource_path("help/guide.md").read_text(encoding="utf-8")


class GuideWindow(QDialog):
    """Help ▸ User guide: a window of its own, beside the main one (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} user guide")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)


def _shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(where, keys) for every action of the window that has a shortcut: the menus' in
    menu order, then any the window holds outside its menus."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()

    def keys(action: QAction) -> str:
        texts = (s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        return ", ".join(dict.fromkeys(texts))  # a standard key may repeat one given too

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            title = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {title}")
            elif not action.isSeparator() and action.shortcuts():
                seen.add(id(action))
                rows.append((f"{path} ▸ {title}", keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    for action in window.actions():
        if id(action) not in seen and action.shortcuts():
            rows.append((action.text().replace("&", ""), keys(action)))
    return rows


class ShortcutsWindow(QDialog):
    """Help ▸ Keyboard shortcuts."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = _shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setTabKeyNavigation(False)  # Tab goes on to Close
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, (where, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(where))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 620)

    def rows(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(self.table.rowCount())]


def diagnostics(db_path: str) -> str:
    """What a bug report needs, and nothing personal beyond where the data is."""
    app = QApplication.instance()
    style = "?"
    if isinstance(app, QApplication):
        current = app.style()
        base = current.baseStyle() if isinstance(current, QProxyStyle) else None
        style = current.name() or (base.name() if base is not None else "") or "?"
    from desktop_app.ui.window.theme import saved_theme

    return "\n".join(
        (
            f"{APP_NAME} {__version__}",
            f"Qt {qVersion()}, PySide6 {pyside_version}, style {style}, "
            f"theme {saved_theme().value}",
            f"Python {platform.python_version()} ({sys.executable})",
            f"OS {platform.platform()}",
            f"Database {db_path}",
        )
    )


class AboutDialog(QDialog):
    """Help ▸ About Trellis: version, licence, where the data is, and diagnostics to copy."""

    def __init__(self, db_path: str, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.db_path = db_path
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setText(
            f"{APP_NAME} {__version__}\n\n{TAGLINE}\n\n{LICENCE}. Offline: your data stays "
            f"on this computer.\n\nData folder:\n{data_folder}\n\nDatabase:\n{db_path}"
        )
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("&Copy diagnostics", self)
        self.copy_button.setToolTip("Version, Qt, Python, OS and database path, for a bug report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        buttons.rejected.connect(self.reject)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def copy_diagnostics(self) -> None:
        QApplication.clipboard().setText(diagnostics(self.db_path))
        self.status.setText("Copied to the clipboard.")
