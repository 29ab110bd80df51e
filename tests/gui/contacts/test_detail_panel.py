"""The detail panel: safe links, values that wrap, clearing when the filter hides its
person, and ties and interactions acted on where they are shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.ui.contacts.contact_links import LinkLabel
from desktop_app.ui.window.main_window import MainWindow

SCHEMES = ("mailto", "tel", "http", "https", "javascript", "file")


class _Desktop(QObject):
    """Stands in for the desktop's browser and mail program (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def desktop() -> Iterator[_Desktop]:
    handler = _Desktop()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def _person(window: MainWindow, **lists: tuple[LabeledValue, ...]) -> int:
    person_id, change = window.workspace.contacts.create(
        NewPerson(
            PersonFields(full_name="Zed Linkworth", note="see " + "x" * 30 + "/y" * 40), **lists
        )
    )
    window.workspace.announce(change)  # the table learns of them as after an import
    window.workspace.select_person(person_id)
    return person_id


def _activate_every_link(qtbot: QtBot, label: LinkLabel) -> None:
    """As a keyboard user does: focus the text, Tab to each link, Enter."""
    label.setFocus()
    qtbot.waitUntil(label.hasFocus)
    for _ in range(label.text().count("<a ")):
        qtbot.keyClick(label, Qt.Key.Key_Tab)
        qtbot.keyClick(label, Qt.Key.Key_Return)


def test_emails_phones_and_web_addresses_are_links_of_safe_schemes_only(
    window: MainWindow, qtbot: QtBot, desktop: _Desktop
) -> None:
    _person(
        window,
        emails=(LabeledValue("zed@example.org", "work"),),
        phones=(LabeledValue("+44 20 7946 0000", "mobile"),),
        urls=(
            LabeledValue("example.org/zed"),
            LabeledValue("javascript:alert(document.cookie)"),
            LabeledValue("file:///etc/passwd"),
            LabeledValue("http://example.com/page?a=1&b=2"),
            LabeledValue("<b>bold</b>.example"),
        ),
    )
    panel = window.detail_panel
    email, phone, web = (panel.links[k] for k in ("email", "phone", "url"))
    assert 'href="mailto:zed@example.org"' in email.text()
    assert 'href="tel:+442079460000"' in phone.text()
    assert 'href="https://example.org/zed"' in web.text()
    # Shown, never links: the text is there, escaped, with no <a> around it.
    shown = web.text().replace("\u200b", "")  # break opportunities in long values
    assert "javascript" not in "".join(t.split(">")[0] for t in shown.split("<a ")[1:])
    assert "javascript:alert(document.cookie)" in shown
    assert "file:///etc/passwd" in shown
    assert shown.count("<a ") == 2  # example.org and the http one
    assert 'href="http://example.com/page?a=1&amp;b=2"' in shown
    assert "<b>" not in shown and "&lt;b&gt;bold&lt;/b&gt;.example" in shown  # text, not markup

    window.activateWindow()
    for label in (email, phone, web):
        _activate_every_link(qtbot, label)
    qtbot.waitUntil(lambda: len(desktop.opened) == 4)
    assert desktop.opened[:3] == [
        "mailto:zed@example.org",
        "tel:+442079460000",
        "https://example.org/zed",
    ]
    assert not any(u.startswith(("javascript", "file")) for u in desktop.opened)

    # Even a link that is activated some other way is checked again before it opens.
    web.linkActivated.emit("javascript:alert(1)")
    web.linkActivated.emit("file:///etc/passwd")
    assert len(desktop.opened) == 4


def test_long_values_wrap_inside_the_panel(window: MainWindow, qtbot: QtBot) -> None:
    _person(
        window,
        emails=(LabeledValue("a.very.long.name.indeed.for.an.address@subdomain.example.org"),),
        urls=(LabeledValue("https://example.org/" + "/".join(["segment"] * 30)),),
    )
    panel = window.detail_panel
    window.detail_dock.setFixedWidth(320)
    qtbot.waitUntil(lambda: panel.width() <= 320)
    qtbot.wait(50)
    bar = panel.scroll_area.horizontalScrollBar()
    assert bar.maximum() == 0, "a long value widened the panel"
    assert panel.links["url"].height() > 2 * panel.fontMetrics().lineSpacing()


def test_the_panel_clears_when_the_filter_hides_its_person(
    window: MainWindow, qtbot: QtBot
) -> None:
    person = _person(window)
    panel = window.detail_panel
    qtbot.waitUntil(lambda: panel.person_id == person)
    view = window.contacts_view
    view.filter_box.setFocus()
    qtbot.keyClicks(view.filter_box, "nobody-has-this-name")
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    assert panel.person_id is None
    assert panel.empty_label.isVisible()

    view.filter_box.clear()
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    window.workspace.select_person(person)
    qtbot.keyClicks(view.filter_box, "Linkworth")  # a filter that keeps them: kept
    qtbot.keyClick(view.filter_box, Qt.Key.Key_Return)
    assert panel.person_id == person


def test_removing_a_tie_from_its_menu_says_so_with_undo(window: MainWindow, qtbot: QtBot) -> None:
    from desktop_app.ui.common.undo_notice import UndoNotice
    from desktop_app.ui.contacts.detail_panel import TIE_ROLE

    ws, panel = window.workspace, window.detail_panel
    model = window.contacts_view.model
    person = next(
        s.id
        for r in range(model.rowCount())
        if (s := model.summary_at(r)) is not None
        and not s.is_me
        and ws.contacts.relationship_count(s.id) > 0
    )
    ws.select_person(person)
    before = ws.contacts.relationship_count(person)
    menu = panel.ties_menu(panel.ties.item(0).data(TIE_ROLE))
    remove = next(a for a in menu.actions() if a.text() == "Remove relationship")
    remove.trigger()
    assert ws.contacts.relationship_count(person) == before - 1
    notice = window.findChild(UndoNotice)
    assert notice is not None and notice.isVisible()
    assert window.statusBar().currentMessage().startswith("Removed the relationship")
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    assert ws.contacts.relationship_count(person) == before


def test_ties_and_interactions_by_keyboard_enter_opens_delete_removes(
    window: MainWindow, qtbot: QtBot
) -> None:
    ws, panel = window.workspace, window.detail_panel
    model = window.contacts_view.model
    person = next(
        s.id
        for r in range(model.rowCount())
        if (s := model.summary_at(r)) is not None
        and not s.is_me
        and ws.contacts.relationship_count(s.id) > 1
        and ws.contacts.detail(s.id).interactions
    )
    ws.select_person(person)
    window.activateWindow()

    before = ws.contacts.relationship_count(person)
    panel.ties.setFocus()
    qtbot.waitUntil(panel.ties.hasFocus)
    panel.ties.setCurrentRow(0)
    qtbot.keyClick(panel.ties, Qt.Key.Key_Delete)
    assert ws.contacts.relationship_count(person) == before - 1
    ws.undo_stack.undo()
    assert ws.contacts.relationship_count(person) == before

    interactions = len(ws.contacts.detail(person).interactions)
    panel.timeline.setFocus()
    qtbot.waitUntil(panel.timeline.hasFocus)
    panel.timeline.setCurrentRow(0)
    qtbot.keyClick(panel.timeline, Qt.Key.Key_Delete)
    assert len(ws.contacts.detail(person).interactions) == interactions - 1
    ws.undo_stack.undo()
    assert len(ws.contacts.detail(person).interactions) == interactions

    other = panel.ties.item(0).data(Qt.ItemDataRole.UserRole)
    panel.ties.setFocus()
    qtbot.waitUntil(panel.ties.hasFocus)
    panel.ties.setCurrentRow(0)
    qtbot.keyClick(panel.ties, Qt.Key.Key_Return)  # Enter opens the other person
    assert ws.current_person == other
