"""Contacts use cases: the table's rows, a person's detail, and undoable edits.

Every write is one transaction and returns the `ChangeSet` the views refresh from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from desktop_app.domain.cadence import CheckInState, cadence_for, next_check_in, overall_state
from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle
from desktop_app.domain.errors import RuleError
from desktop_app.domain.values import (
    ChangeSet,
    ContactPoints,
    ContactSummary,
    EmploymentRecord,
    NewPerson,
    PersonDetail,
    PersonFields,
)
from desktop_app.storage import contact_summaries, person_detail_queries
from desktop_app.storage.database import Database
from desktop_app.storage.handles import Connection

CADENCE_SETTING_PREFIX = "cadence."


class ContactsService:
    """Reads take storage's sqlite3 fast path; writes import the ORM on first use."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading -------------------------------------------------------------------------

    def cadences(self, conn: Connection | None = None) -> dict[Circle, int]:
        conn = conn or self.db.fast_connection()
        result = dict(DEFAULT_CADENCE_DAYS)
        for circle in Circle:
            value = contact_summaries.read_setting(conn, CADENCE_SETTING_PREFIX + circle.value)
            if value and value.isdigit() and int(value) > 0:
                result[circle] = int(value)
        return result

    def ids_in_name_order(self) -> list[int]:
        return contact_summaries.ids_in_name_order(self.db.fast_connection())

    def summaries(
        self, ids: Iterable[int] | None = None, conn: Connection | None = None
    ) -> list[ContactSummary]:
        """Rows for the contact table: everyone, or just `ids`.

        `conn` lets a worker thread read on its own connection (`Database.new_reader`).
        """
        conn = conn or self.db.fast_connection()
        if ids is None:
            rows = contact_summaries.all_summary_rows(conn)
        else:
            rows = contact_summaries.summary_rows_for(conn, ids)
        cadences = self.cadences(conn)
        return [_summary(row, cadences) for row in rows]

    def detail(self, person_id: int) -> PersonDetail:
        """Everything about one person (the strongest 300 ties, the latest 200 events)."""
        return person_detail_queries.read_person_detail(self.db.fast_connection(), person_id)

    def relationship_count(self, person_id: int) -> int:
        return person_detail_queries.count_relationships(self.db.fast_connection(), person_id)

    def fields(self, person_id: int) -> PersonFields:
        from desktop_app.storage import people_repository

        with self.db.transaction() as session:
            return people_repository.person_fields(session, person_id)

    def me_id(self) -> int | None:
        return contact_summaries.me_id(self.db.fast_connection())

    def count(self) -> int:
        return contact_summaries.count_people(self.db.fast_connection())

    # -- writing -------------------------------------------------------------------------

    def create(self, new: NewPerson) -> tuple[int, ChangeSet]:
        from desktop_app.storage import people_repository

        with self.db.transaction() as session:
            person_id = people_repository.create_person(session, new)
        return person_id, ChangeSet(people_added=frozenset({person_id}))

    def make_me(self, fields: PersonFields) -> tuple[int, ChangeSet]:
        """Create the owner of the network: "me", the centre of the map."""
        from desktop_app.storage import people_repository

        with self.db.transaction() as session:
            if people_repository.me_id(session) is not None:
                raise RuleError("This network already has an owner.")
            person_id = people_repository.create_person(
                session, NewPerson(fields=fields, is_me=True, source="me")
            )
        return person_id, ChangeSet(people_added=frozenset({person_id}))

    def edit(
        self,
        person_id: int,
        fields: PersonFields,
        tags: tuple[str, ...] | None = None,
        job: tuple[str, str] | None = None,
        points: ContactPoints | None = None,
        past_jobs: Sequence[EmploymentRecord] | None = None,
    ) -> ChangeSet:
        """One edit of a person, in one transaction: fields, and when given their tags,
        current job (organisation, title), contact points and earlier jobs."""
        from desktop_app.storage import people_repository

        with self.db.transaction() as session:
            people_repository.update_fields(session, person_id, fields)
            if tags is not None:
                people_repository.set_tags(session, person_id, tags)
            if past_jobs is not None:  # first: a current job ended below joins them
                people_repository.set_past_jobs(session, person_id, past_jobs)
            if job is not None:
                people_repository.set_current_job(session, person_id, *job)
            if points is not None:
                people_repository.set_contact_points(session, person_id, points)
        return ChangeSet(
            people_changed=frozenset({person_id}),
            organizations_changed=job is not None or past_jobs is not None,
        )

    def delete(self, person_ids: Iterable[int]) -> tuple[list[object], ChangeSet]:
        """Delete people; the returned snapshots let `restore` undo it exactly."""
        from desktop_app.storage import row_snapshots

        ids = sorted(set(person_ids))
        with self.db.transaction() as session:
            snapshots = row_snapshots.delete_people(session, ids)
        change = ChangeSet(
            people_removed=frozenset(ids), relationships_changed=True, interactions_changed=True
        )
        return list(snapshots), change

    def restore(self, snapshots: list[object]) -> ChangeSet:
        from desktop_app.storage import row_snapshots

        restored = [s for s in snapshots if isinstance(s, row_snapshots.PersonSnapshot)]
        with self.db.transaction() as session:
            row_snapshots.restore_people(session, restored)
        return ChangeSet(
            people_added=frozenset(s.person_id for s in restored),
            relationships_changed=True,
            interactions_changed=True,
        )


def _summary(row: contact_summaries.SummaryRow, cadences: dict[Circle, int]) -> ContactSummary:
    circle = Circle(row.circle) if row.circle in _CIRCLE_VALUES else None
    due: date | None = None
    state = CheckInState.NONE
    if not row.is_me:
        cadence = cadence_for(circle, row.cadence_days, cadences)
        due = next_check_in(
            row.last_contact, row.added_on, cadence, row.follow_up, row.snoozed_until
        )
        state = overall_state(
            row.last_contact, row.added_on, cadence, date.today(), row.follow_up, row.snoozed_until
        )
    return ContactSummary(
        id=row.id,
        full_name=row.full_name,
        organization=row.organization,
        title=row.title,
        circle=circle,
        tags=row.tags,
        last_contact=row.last_contact,
        next_check_in=due,
        gave=row.gave,
        asked=row.asked,
        is_me=row.is_me,
        check_in_state=state,
    )


_CIRCLE_VALUES = frozenset(c.value for c in Circle)
