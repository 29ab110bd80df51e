"""What an edit may be refused for: the rules, or what it names being gone.

`str(error)` is a message for the user. The window (`ui.workspace.Workspace.execute`) shows
these, and storage's `StorageError`s, as messages; any other exception is a bug and is raised.
"""

from __future__ import annotations


class RuleError(ValueError):
    """The edit breaks a rule the user can fix (a tie that already exists, a goal with no
    title, a file that cannot be attached)."""


class MissingError(LookupError):
    """What the edit names is gone (deleted meanwhile, by another window or an undo)."""
