"""Remembered UI state (geometry, dock layout, table columns, last view) via QSettings.

This is state, not preference: losing it costs a resize, never data.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

STATE_VERSION = 1


def _settings() -> QSettings:
    return QSettings()


def save_window(window: QMainWindow, extra: dict[str, object]) -> None:
    settings = _settings()
    settings.beginGroup("main_window")
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("state", window.saveState(STATE_VERSION))
    for key, value in extra.items():
        settings.setValue(key, value)
    settings.endGroup()


def restore_window(window: QMainWindow) -> dict[str, object]:
    settings = _settings()
    settings.beginGroup("main_window")
    geometry = settings.value("geometry")
    state = settings.value("state")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    if isinstance(state, QByteArray):
        window.restoreState(state, STATE_VERSION)
    extra = {key: settings.value(key) for key in settings.childKeys()}
    settings.endGroup()
    return extra
