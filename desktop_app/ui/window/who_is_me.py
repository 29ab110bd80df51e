"""When the window asks who is me: the network has people but no me, or an import brought
in someone with my name. Me is the centre of the map and where every path starts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from desktop_app.domain.values import ChangeSet, ContactSummary, PersonFields
from desktop_app.services import who_is_me
from desktop_app.ui.window.who_is_me_dialog import WhoIsMeDialog

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

WHY = "You are the centre of your network map, and every path to someone starts with you."


def ask_on_open(window: MainWindow) -> WhoIsMeDialog | None:
    """On a network without me (made by `trellis import`, say): ask once; "Not now" is
    remembered for this database (Edit ▸ Which one is me… asks again)."""
    workspace = window.workspace
    contacts = workspace.contacts
    if workspace.read_only or contacts.me_id() is not None or who_is_me.declined(workspace.db):
        return None
    people = contacts.summaries()
    if not people:
        return None
    question = f"This network does not know which person is you yet. {WHY}"
    return _ask(window, people, question, ask_name=True, on_not_now=who_is_me.decline)


def ask_after_import(window: MainWindow, change: ChangeSet) -> WhoIsMeDialog | None:
    """After an import: "which of these is you?" when there is no me yet; when there is,
    only if the import brought in people with my name (my own card, most likely)."""
    workspace = window.workspace
    added = sorted(change.people_added)
    if workspace.read_only or not added:
        return None
    contacts = workspace.contacts
    me = contacts.me_id()
    if me is None:
        question = f"Which of the people you imported is you? {WHY}"
        people = contacts.summaries(added)
        return _ask(window, people, question, ask_name=True, on_not_now=who_is_me.decline)
    my_name = contacts.summaries([me])[0].full_name
    namesakes = who_is_me.same_name(contacts.summaries(added), my_name)
    if not namesakes:
        return None
    question = (
        f"The import brought in someone called {my_name}. If that is you, your card joins "
        "you at the centre of the map (what it holds is kept)."
    )
    return _ask(window, namesakes, question, ask_name=False)


def choose(window: MainWindow) -> WhoIsMeDialog | None:
    """Edit ▸ Which one is me…: anyone in the network can become me."""
    contacts = window.workspace.contacts
    people = [p for p in contacts.summaries() if not p.is_me]
    ask_name = contacts.me_id() is None
    if not people and not ask_name:
        window.statusBar().showMessage("There is nobody else in the network to choose.", 6000)
        return None
    return _ask(window, people, f"Choose the person who is you. {WHY}", ask_name=ask_name)


def _ask(
    window: MainWindow,
    people: Sequence[ContactSummary],
    question: str,
    ask_name: bool,
    on_not_now: Callable[..., None] | None = None,
) -> WhoIsMeDialog:
    dialog = WhoIsMeDialog(people, question, ask_name, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _on_dialog_accepted(window, dialog))
    if on_not_now is not None:
        dialog.rejected.connect(lambda: on_not_now(window.workspace.db))
    dialog.open()  # window-modal, and the event loop goes on
    window.who_is_me_asked.emit(dialog)
    return dialog


def _on_dialog_accepted(window: MainWindow, dialog: WhoIsMeDialog) -> None:
    workspace = window.workspace
    if dialog.chosen_id is not None:
        from desktop_app.ui.window.me_commands import BecomeMeCommand

        name = workspace.contacts.summaries([dialog.chosen_id])[0].full_name
        if not workspace.execute(BecomeMeCommand(workspace, dialog.chosen_id, name)):
            return
        person_id = dialog.chosen_id
    elif dialog.new_name is not None:
        given, family = dialog.new_name
        try:
            person_id, change = workspace.contacts.make_me(
                PersonFields(given_name=given, family_name=family)
            )
        except ValueError as error:  # someone became me meanwhile
            workspace.error_raised.emit(str(error))
            return
        workspace.announce(change)
        name = " ".join(x for x in (given, family) if x)
    else:
        return
    workspace.select_person(person_id)
    window.statusBar().showMessage(f"{name} is you: the centre of your network map.", 8000)
