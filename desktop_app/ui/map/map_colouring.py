"""What the map's colours need beyond the snapshot, fetched when a colour mode is chosen:
the nodes serving a goal, everyone's keep-in-touch state, the communities (in the layout's
child process: igraph holds the GIL). The view asks `choose(...)`; `ready` says when the
map should be restyled."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.domain.cadence import CheckInState
from desktop_app.services.map.communities import Communities, CommunitiesJob
from desktop_app.services.map.network_graph import NetworkSnapshot, goal_links, person_key
from desktop_app.ui.common.background import run_in_background
from desktop_app.ui.map.map_style import goal_members

if TYPE_CHECKING:
    from desktop_app.storage.database import Database


class MapColouring(QObject):
    """The extra facts of the chosen colour mode."""

    ready = Signal()  # the facts for the chosen mode arrived: restyle
    communities_found = Signal(object)  # Communities (empty when the search failed)

    def __init__(self, show_error: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_error = show_error
        self.goal_keys: set[str] = set()
        self.goal_title = ""
        self.check_in: dict[str, CheckInState] = {}
        self.communities: Communities | None = None
        self._job: CommunitiesJob | None = None
        self._job_shown = NetworkSnapshot((), ())
        self._poll = QTimer(self, interval=50)
        self._poll.timeout.connect(self._on_poll)

    def needs_refresh(self, colour_by: str) -> bool:
        """True when a reload must fetch this mode's facts again (they depend on data)."""
        return bool(self.goal_title) or colour_by in ("check_in", "community")

    def forget_communities(self) -> None:
        """The network changed: communities are found again when coloured by them."""
        self.communities = None

    def choose(
        self,
        colour_by: str,
        goal_id: int | None,
        goal_title: str,
        shown: NetworkSnapshot,
        db: Database,
    ) -> None:
        """Fetch what `colour_by` needs (off the UI thread); `ready` follows."""
        if colour_by == "check_in":
            self._fetch_check_in(db)
        elif colour_by == "community":
            self._find_communities(shown)
        elif colour_by == "goal" and goal_id is not None:
            self._fetch_goal(db, goal_id, goal_title, shown)
        else:
            self.goal_keys, self.goal_title = set(), ""
            self.ready.emit()

    def _fetch_goal(self, db: Database, goal_id: int, title: str, shown: NetworkSnapshot) -> None:
        def members() -> set[str]:
            people, organizations = goal_links(db, goal_id)
            return goal_members(shown, people, organizations)

        def apply(keys: set[str]) -> None:
            self.goal_keys, self.goal_title = keys, title
            self.ready.emit()

        run_in_background(members, apply, self._show_error, self)

    def _fetch_check_in(self, db: Database) -> None:
        """Everyone's keep-in-touch state, read off the UI thread."""

        def states() -> dict[str, CheckInState]:
            from desktop_app.services.reminders import check_in_states

            return {person_key(pid): state for pid, state in check_in_states(db).items()}

        def apply(found: dict[str, CheckInState]) -> None:
            self.goal_keys, self.goal_title = set(), ""
            self.check_in = found
            self.ready.emit()

        run_in_background(states, apply, self._show_error, self)

    def _find_communities(self, shown: NetworkSnapshot) -> None:
        self.cancel()
        self._job = CommunitiesJob(shown)
        self._job_shown = shown
        self._poll.start()

    def _on_poll(self) -> None:
        job = self._job
        if job is None:
            self._poll.stop()
            return
        result = job.poll()
        if result is None and not job.finished:
            return
        self.cancel()
        if isinstance(result, str) or result is None:
            self._show_error(result or "The search for communities stopped.")
            self.communities_found.emit(Communities())
            return
        self.goal_keys, self.goal_title = set(), ""
        self.communities = result
        self.communities_found.emit(result)
        self.ready.emit()

    def searched(self) -> NetworkSnapshot:
        """The snapshot the last search for communities was about."""
        return self._job_shown

    def cancel(self) -> None:
        """Stop a search for communities under way."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._poll.stop()
