"""E-mails, phones and web addresses as links in the detail panel, and only safe ones.

A value becomes a link only as `mailto:`, `tel:`, `http:` or `https:`; anything else a
card or a CSV brought (`javascript:`, `file:`, `smb:`, a custom app scheme …) is shown as
text and never opened. The label checks the scheme again when a link is activated, so
even a link that slipped into the text some other way is not handed to the desktop.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

SAFE_SCHEMES = frozenset({"mailto", "tel", "http", "https"})
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{3,}$")
_HOST = re.compile(r"^[\w\-]+(\.[\w\-]+)+(:\d+)?([/?#]\S*)?$")
# A token this long with no space in it gets break opportunities after its separators,
# so a long address wraps inside the panel instead of widening it.
LONG_TOKEN = 28
_BREAK_AFTER = re.compile(r"([/.@\-_?&=])")


def breakable(text: str) -> str:
    """`text` with zero-width spaces after separators in its long unbroken tokens."""
    return " ".join(
        _BREAK_AFTER.sub("\\1\u200b", word) if len(word) > LONG_TOKEN else word
        for word in text.split(" ")
    )


def link_target(kind: str, value: str) -> QUrl | None:
    """The URL `value` opens as (kind: "email", "phone" or "url"), None when it is not
    safe to open."""
    value = value.strip()
    if kind == "email":
        return QUrl(f"mailto:{value}") if _EMAIL.match(value) else None
    if kind == "phone":
        if not _PHONE.match(value):
            return None
        return QUrl("tel:" + re.sub(r"[^\d+]", "", value))
    if kind == "url":
        url = QUrl(value, QUrl.ParsingMode.StrictMode)
        scheme = url.scheme().lower()
        if not scheme and _HOST.match(value):  # "example.com/me": the web is meant
            url = QUrl("https://" + value, QUrl.ParsingMode.StrictMode)
            scheme = "https"
        if scheme in ("http", "https") and url.isValid() and url.host():
            return url
    return None


def is_safe(url: QUrl) -> bool:
    return url.isValid() and url.scheme().lower() in SAFE_SCHEMES


def links_html(kind: str, values: list[tuple[str, str]]) -> str:
    """One line per (value, label): a link where `link_target` allows one, else text."""
    lines = []
    for value, label in values:
        shown = html.escape(breakable(value))
        target = link_target(kind, value)
        if target is not None:
            href = html.escape(target.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            shown = f'<a href="{href}">{shown}</a>'
        if label:
            shown += f" ({html.escape(label)})"
        lines.append(shown)
    return "<br>".join(lines)


class LinkLabel(QLabel):
    """Rich text built by `links_html` only; activating a link opens it if it is safe."""

    def __init__(self, text_html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMinimumWidth(1)
        self.setText(text_html)
        self.linkActivated.connect(self._on_link_activated)

    def _on_link_activated(self, link: str) -> None:
        url = QUrl(link, QUrl.ParsingMode.StrictMode)
        if is_safe(url):
            QDesktopServices.openUrl(url)
