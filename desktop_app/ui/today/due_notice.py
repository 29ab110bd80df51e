"""A quiet start-up notice of what is due: once a day at most, never a dialog.

A system-tray message where the desktop has a tray, the status bar otherwise. It runs a
moment after the window has painted, so it never slows the start.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon

from desktop_app import APP_NAME
from desktop_app.ui.window.workspace import Workspace

SETTING_KEY = "nurture/due_notice_shown_on"
START_DELAY_MS = 2500
MESSAGE_MS = 8000


def schedule_due_notice(window: QMainWindow, workspace: Workspace) -> None:
    QTimer.singleShot(START_DELAY_MS, window, lambda: show_due_notice(window, workspace))


def show_due_notice(
    window: QMainWindow,
    workspace: Workspace,
    *,
    today: date | None = None,
    settings: QSettings | None = None,
    use_tray: bool | None = None,
) -> str:
    """Show the notice if today's has not been shown yet; returns the text shown ("" if none)."""
    from desktop_app.services import reminders  # SQLAlchemy: only after the first paint

    today = today or date.today()
    settings = settings or QSettings()
    if settings.value(SETTING_KEY) == today.isoformat():
        return ""
    text = reminders.due_summary(reminders.due_list(workspace.db, today))
    if not text:
        return ""
    settings.setValue(SETTING_KEY, today.isoformat())
    if use_tray is None:
        use_tray = QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()
    if use_tray:
        icon = QApplication.windowIcon()
        if icon.isNull():
            icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        tray = QSystemTrayIcon(icon, window)
        tray.setToolTip(APP_NAME)
        tray.show()
        tray.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        tray.messageClicked.connect(window.activateWindow)
        QTimer.singleShot(MESSAGE_MS + 2000, tray, tray.hide)
    window.statusBar().showMessage(text, MESSAGE_MS * 2)
    return text
