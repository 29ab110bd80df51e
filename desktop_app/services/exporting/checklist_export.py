"""Share a document's checklist with all its feedback, as Markdown or PDF.

Every user string is escaped for its format (Markdown punctuation, HTML for the PDF's
QTextDocument), so a criterion such as `<b>bold</b> *claims*` prints exactly as typed.
The PDF is laid out by Qt (QTextDocument → QPdfWriter), imported only when asked for; it
needs a running QGuiApplication.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from desktop_app.domain.documents import DocumentDetail, FeedbackRoundInfo
from desktop_app.domain.enums import Verdict

VERDICT_LABELS = {
    Verdict.MET: "Met",
    Verdict.PARTLY: "Partly",
    Verdict.NOT_MET: "Not met",
    Verdict.NOT_REVIEWED: "Not reviewed",
}
# Characters that format text in the middle of a line; escaping only these keeps the raw
# Markdown readable (every escaped string follows a prefix such as "- [ ] " or "### ").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def verdict_label(value: str) -> str:
    try:
        return VERDICT_LABELS[Verdict(value)]
    except ValueError:
        return value or "—"


def reviewer_label(name: str, removed: bool) -> str:
    name = name or "Unknown reviewer"
    return f"{name} (removed contact)" if removed else name


def md_escape(text: str) -> str:
    """Markdown that renders as `text` on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _round_heading(info: FeedbackRoundInfo) -> str:
    parts = [reviewer_label(info.reviewer_name, info.reviewer_removed)]
    if info.version_number is not None:
        parts.append(f"version {info.version_number}")
    parts.append(f"asked {info.asked_on.isoformat()}")
    parts.append(
        f"received {info.received_on.isoformat()}" if info.received_on else "no answer yet"
    )
    return ", ".join(parts)


def _summary(detail: DocumentDetail, kind_label: str, today: date) -> str:
    met = sum(1 for item in detail.checklist if item.met)
    return (
        f"{kind_label} · {len(detail.versions)} version(s) · {met} of {len(detail.checklist)} "
        f"criteria met · exported {today.isoformat()}"
    )


def to_markdown(detail: DocumentDetail, kind_label: str, today: date | None = None) -> str:
    today = today or date.today()
    lines = [f"# {md_escape(detail.title)}", "", md_escape(_summary(detail, kind_label, today))]
    lines += ["", "## Checklist", ""]
    for item in detail.checklist:
        lines.append(f"- [{'x' if item.met else ' '}] {md_escape(item.criterion)}")
        for c in item.comments:
            said = f": {md_escape(c.comment)}" if c.comment.strip() else ""
            who = md_escape(reviewer_label(c.reviewer_name, c.reviewer_removed))
            lines.append(f"    - {who} — {VERDICT_LABELS[c.verdict]}{said}")
    if not detail.checklist:
        lines.append("No criteria yet.")
    lines += ["", "## Feedback rounds", ""]
    for info in detail.rounds:
        lines.append(f"### {md_escape(_round_heading(info))}")
        lines.append("")
        if info.received:
            lines.append(f"Overall: {md_escape(verdict_label(info.verdict))}")
        if info.comment.strip():
            lines += ["", *(f"> {md_escape(p)}" for p in info.comment.splitlines() if p.strip())]
        lines.append("")
    if not detail.rounds:
        lines += ["Nobody has been asked yet.", ""]
    return "\n".join(lines)


def to_html(detail: DocumentDetail, kind_label: str, today: date | None = None) -> str:
    """The same content as HTML for QTextDocument (only escaped user text inside)."""
    today = today or date.today()
    e = html.escape
    out = [
        f"<h1>{e(detail.title)}</h1>",
        f"<p style='color:#555'>{e(_summary(detail, kind_label, today))}</p>",
        "<h2>Checklist</h2>",
    ]
    if not detail.checklist:
        out.append("<p>No criteria yet.</p>")
    for item in detail.checklist:
        box = "☑" if item.met else "☐"
        out.append(f"<p style='margin-bottom:2px'><b>{box} {e(item.criterion)}</b></p>")
        if item.comments:
            out.append("<ul style='margin-top:0'>")
            for c in item.comments:
                who = e(reviewer_label(c.reviewer_name, c.reviewer_removed))
                said = f": {e(c.comment)}" if c.comment.strip() else ""
                out.append(f"<li>{who} — <i>{VERDICT_LABELS[c.verdict]}</i>{said}</li>")
            out.append("</ul>")
    out.append("<h2>Feedback rounds</h2>")
    if not detail.rounds:
        out.append("<p>Nobody has been asked yet.</p>")
    for info in detail.rounds:
        out.append(f"<h3>{e(_round_heading(info))}</h3>")
        if info.received:
            out.append(f"<p>Overall: {e(verdict_label(info.verdict))}</p>")
        for paragraph in info.comment.splitlines():
            if paragraph.strip():
                out.append(f"<blockquote>{e(paragraph)}</blockquote>")
    return "\n".join(out)


def write_markdown(detail: DocumentDetail, kind_label: str, path: Path) -> None:
    path.write_text(to_markdown(detail, kind_label), encoding="utf-8")


def write_pdf(detail: DocumentDetail, kind_label: str, path: Path) -> None:
    """Lay the checklist out on A4 pages and write them to `path` (needs a QGuiApplication)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(96)
    writer.setTitle(detail.title)
    writer.setCreator("Trellis")
    document = QTextDocument()
    document.setHtml(to_html(detail, kind_label))
    document.print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
