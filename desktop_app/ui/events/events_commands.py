"""Undoable edits of groups, events and the interview pipeline: one service call each,
undone by putting the event tables back (`services.events.undo_change`)."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.values import ChangeSet
from desktop_app.services import events, interview_template
from desktop_app.services.events import EventsUndo
from desktop_app.services.interview_template import InterviewTemplate
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace

EventsCall = Callable[[], tuple[EventsUndo, ChangeSet]]


class EventsEditCommand(ServiceCommand):
    """`call` makes the change once; undo puts back what it replaced, redo the very rows
    (same ids) it made."""

    def __init__(self, workspace: Workspace, text: str, call: EventsCall) -> None:
        super().__init__(workspace, text)
        self.call = call
        self._undo: EventsUndo | None = None
        self._redo: EventsUndo | None = None

    def apply(self) -> ChangeSet:
        if self._redo is not None:
            return events.redo_change(self.workspace.db, self._redo)
        self._undo, change = self.call()
        return change

    def revert(self) -> ChangeSet:
        assert self._undo is not None
        self._redo, change = events.undo_change(self.workspace.db, self._undo)
        return change


class InterviewTemplateCommand(ServiceCommand):
    """Save the user's request and question bank (None: back to the shipped ones)."""

    def __init__(self, workspace: Workspace, template: InterviewTemplate | None) -> None:
        super().__init__(workspace, "Edit interview request and questions")
        self.template = template
        self.previous = interview_template.template_override(workspace.db)

    def apply(self) -> ChangeSet:
        return interview_template.set_template(self.workspace.db, self.template)

    def revert(self) -> ChangeSet:
        return interview_template.set_template(self.workspace.db, self.previous)
