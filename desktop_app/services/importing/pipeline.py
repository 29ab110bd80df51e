"""One import: read the files, match every card, and write it all in one transaction.

The same run serves the preview (`dry_run=True`: nothing is written) and the import itself
(with the user's decision per duplicate). Cards stream through in batches, so memory holds
one batch of people, never the whole file: the matching keys of everyone known live in
TEMP tables of the import's connection (storage/import_keys.py) and the report's rows in
its spool (storage/import_spool.py).
"""

from __future__ import annotations

import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.values import ChangeSet, NewPerson
from desktop_app.services.history.report import HistoryReport
from desktop_app.services.history.sources import HistorySources
from desktop_app.services.importing.duplicates import (
    DuplicateIndex,
    Match,
    MatchKeys,
    MatchReason,
)
from desktop_app.services.importing.merge import adds_nothing, merge_people
from desktop_app.services.importing.normalize import name_key, normalize_email
from desktop_app.services.importing.report import (
    CardKey,
    Decision,
    ImportCancelledError,
    ImportReport,
    MatchPlace,
    RejectedCard,
    display_path,
    path_cell,
    preview_row,
)
from desktop_app.services.importing.sources import (
    ContactSource,
    SourceCard,
    UnreadableFileError,
    expand_paths,
)
from desktop_app.storage.contact_keys import known_people
from desktop_app.storage.database import Database
from desktop_app.storage.handles import Connection
from desktop_app.storage.history_writer import HistoryWriter, me_id, raw_connection
from desktop_app.storage.import_keys import ImportKeyTables
from desktop_app.storage.import_writer import ImportWriter

if TYPE_CHECKING:
    from desktop_app.services.importing.undo import ImportJournal
    from desktop_app.storage.handles import Session

BATCH = 1000
PROGRESS_EVERY = 250

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def run_import(
    db: Database,
    paths: Iterable[Path],
    *,
    decisions: Mapping[CardKey, Decision] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
    journal: ImportJournal | None = None,
    history: bool = False,
    keep_subjects: bool = False,
    add_people: Sequence[NewPerson] = (),
    make_me: bool = False,
    apply_circles: bool = False,
) -> ImportReport:
    """Import `paths` (files or folders) into `db`, or only preview when `dry_run`.

    Sure duplicates are merged and possible ones kept apart unless `decisions` says
    otherwise. Cancelling rolls everything back and returns a report with `cancelled` set.
    A `journal` keeps what it takes to undo the import (`services/importing/undo.py`).
    With `history`, history files (a LinkedIn export's messages, mbox, iCalendar) are read
    after the contact files, in the same transaction, into interactions
    (`report.history`); subjects are kept as the interactions' notes only with
    `keep_subjects`. `add_people` (people of the history who are not contacts, chosen in
    the preview) are added as new contacts before the history is read, so their
    interactions are theirs at once. Without `history` only a LinkedIn export's
    Connections.csv is read, and other history files are left alone (the window and
    `trellis import` both read history).

    `make_me`: in a network without me, a LinkedIn export's Profile.csv makes me (unless
    one of my addresses is a contact's already). `apply_circles`: the circles the history
    suggests are given to the people who have none (a circle the user chose is never
    replaced), so their check-ins fall due (`trellis import` does both; the window asks
    "who are you?" and has its sorting view).
    """
    files = expand_paths(paths)
    report = ImportReport(files=[str(f) for f in files], dry_run=dry_run)
    sources = HistorySources.sort(files, read_history=history)
    report.history = sources.report
    total = sum(f.stat().st_size for f in sources.contact_files if f.is_file())
    total = total + sources.total_size() or 1
    try:
        with _transaction(db, journal) as (connection, session):
            tables = ImportKeyTables(connection)  # inside the transaction: rolled back too
            run = _Run(ImportWriter(connection), tables, report, decisions or {}, dry_run)
            if journal is not None and session is not None and not dry_run:
                journal.first_id = journal.next_id = run.first_id
                run.before_merges = lambda ids: journal.remember(session, ids)
            for known in known_people(connection):
                run.index.add_known(known)
            done = 0
            for file_index, path in enumerate(sources.contact_files):
                done += run.read_file(file_index, path, done, total, progress, is_cancelled)
            for file_index, (label, stream, size) in enumerate(
                sources.export_contacts(), len(files)
            ):
                with stream:
                    source = ContactSource(label, is_cancelled, stream, size)
                    try:
                        done += run.read_file(
                            file_index, label, done, total, progress, is_cancelled, source
                        )
                    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
                        # A damaged member of a zip: the cards before the damage are kept.
                        report.unreadable.append((str(label), f"{label}: damaged ({error})."))
            for person in add_people:
                run.add_new(person)
            me = me_id(connection)
            mine = list(sources.my_details())  # Positions.csv, Email Addresses.csv
            if me is None and make_me:
                me = run.make_me(sources.my_profile(), mine, sources.report)
            for details in mine:
                if me is not None:
                    run.merge_into_me(me, details)
                    sources.report.me_updated = True
            run.flush()
            if journal is not None and not dry_run:
                journal.next_id = run.writer.next_id
            history_writer = HistoryWriter(connection, dry_run=dry_run)
            sources.read(
                history_writer,
                run.index,
                dry_run=dry_run,
                keep_subjects=keep_subjects,
                check=partial(_check, progress, is_cancelled, done, total),
            )
            if apply_circles:
                run.apply_circles(history_writer, sources.report)
            history_writer.close()
            if journal is not None and not dry_run:
                journal.interactions = sources.report.interaction_ids
                journal.participants = list(sources.report.participants_added)
            report.read_files.extend(sources.report.read_files)
            report.unreadable.extend(sources.report.unreadable)
            changed = sources.report.interactions_new or sources.report.participants_added
            report.set_change_set(run.change_set(bool(changed)))
            tables.drop()
    except ImportCancelledError:
        report.cancelled = True
        report.set_change_set(ChangeSet())
        report.added = report.merged = report.skipped = 0
        sources.report.cancelled()
    finally:
        sources.close()
    return report


@contextmanager
def _transaction(
    db: Database, journal: ImportJournal | None
) -> Iterator[tuple[Connection, Session | None]]:
    """The import's one transaction: plain sqlite3 (no SQLAlchemy to import, ~0.3 s), or
    an ORM session when a window's undo journal copies people with it."""
    if journal is None:
        with db.raw_transaction() as connection:
            yield connection, None
    else:
        with db.transaction() as session:
            yield raw_connection(session.connection()), session


def _check(
    progress: Progress | None, is_cancelled: Cancelled | None, done: int, total: int, at: int
) -> None:
    if is_cancelled is not None and is_cancelled():
        raise ImportCancelledError
    if progress is not None:
        progress(min(done + at, total), total)


class _Run:
    def __init__(
        self,
        writer: ImportWriter,
        tables: ImportKeyTables,
        report: ImportReport,
        decisions: Mapping[CardKey, Decision],
        dry_run: bool,
    ) -> None:
        self.writer = writer
        self.report = report
        self.decisions = decisions
        self.dry_run = dry_run
        self.index = DuplicateIndex(tables)
        self.pending_new: dict[int, NewPerson] = {}
        self.pending_merges: dict[int, NewPerson] = {}
        # Ids are handed out in order, so the people added are a range: no set per card.
        self.first_id = writer.next_id
        self.file_first_ids: list[int] = []  # the first id given to each file's cards
        self.changed_ids: set[int] = set()
        self.before_merges: Callable[[list[int]], None] | None = None  # a journal's hook

    def read_file(
        self,
        file_index: int,
        path: Path,
        done: int,
        total: int,
        progress: Progress | None,
        is_cancelled: Cancelled | None,
        opened: ContactSource | None = None,
    ) -> int:
        """Take every card of one file; returns the file's size for the progress."""
        self.file_first_ids.append(self.writer.next_id)
        try:
            source = opened if opened is not None else ContactSource(path, is_cancelled)
        except UnreadableFileError as error:
            self.report.unreadable.append((str(path), str(error)))
            return 0
        cell = path_cell(str(path))
        with source:
            try:
                for count, card in enumerate(source, 1):
                    self.take(file_index, path, cell, card)
                    if count % PROGRESS_EVERY == 0:
                        if is_cancelled is not None and is_cancelled():
                            raise ImportCancelledError
                        if progress is not None:
                            progress(done + source.progress(), total)
            except UnreadableFileError as error:
                self.report.unreadable.append((str(path), str(error)))
            else:
                self.report.read_files.append(str(path))
        if progress is not None:
            progress(done + source.size, total)
        return source.size

    def take(self, file_index: int, path: Path, cell: bytes, card: SourceCard) -> None:
        """Match one card and add, merge or skip it; `cell` is the spool's form of `path`."""
        report = self.report
        if card.warnings:
            report.warnings.extend(f"{display_path(path.name)}: {w}" for w in card.warnings)
        if card.person is None:
            report.rejected.append(RejectedCard(str(path), card.line, card.end_line, card.reason))
            return
        person = card.person
        keys = MatchKeys.of(person)
        match = self.index.find(keys)
        # A card with an email, phone or profile nobody has cannot be contained in anyone.
        sure_keys = keys.emails or keys.phones or keys.profiles
        if (
            match is not None
            and not match.is_sure
            and not sure_keys
            and self._holds_already(match, person)
        ):
            match = Match(match.person_id, MatchReason.SAME_CARD, "")
        # Spool rows built directly: no preview and duplicate objects for 20,000 cards.
        preview = preview_row(file_index, card.ordinal, cell, card.line, person)
        if match is None:
            report.new.append_row(preview)
            self._add(person, keys)
            return
        sure = match.is_sure
        decision = Decision.MERGE if sure else Decision.KEEP_BOTH
        if self.decisions:  # a preview's decisions, replayed by the window
            decision = self.decisions.get(CardKey(file_index, card.ordinal), decision)
        report.duplicates.append_duplicate(
            preview,
            match.person_id,
            self.index.name_of(match.person_id),
            match.describe(),
            sure,
            decision,
            self._place(match.person_id, file_index),
        )
        if decision is Decision.KEEP_BOTH:
            self._add(person, keys)
        elif decision is Decision.MERGE:
            self._merge(match.person_id, person, keys)
        else:
            report.skipped += 1

    def _place(self, person_id: int, file_index: int) -> MatchPlace:
        """Whether `person_id` was stored before, or came from a file of this import."""
        if person_id < self.first_id:
            return MatchPlace.STORED
        if bisect_right(self.file_first_ids, person_id) - 1 == file_index:
            return MatchPlace.SAME_FILE
        return MatchPlace.OTHER_FILE

    def _holds_already(self, match: Match, person: NewPerson) -> bool:
        """True when the matched person already has every value of `person`."""
        target = match.person_id
        if target in self.pending_new:
            held, has_photo = self.pending_new[target], False
        else:
            stored = self.writer.load_people([target]).get(target)
            if stored is None:
                return False
            held, has_photo = stored.person, stored.has_photo
            if target in self.pending_merges:
                held = merge_people(held, self.pending_merges[target], has_photo)
        same_name = name_key(held.fields.full_name) == name_key(person.fields.full_name)
        return same_name and merge_people(held, person, has_photo) == held

    def add_new(self, person: NewPerson) -> None:
        """A person chosen to be added as they are (not matched: the user chose them)."""
        self._add(person, MatchKeys.of(person))

    def _add(self, person: NewPerson, keys: MatchKeys) -> None:
        person_id = self.writer.allocate_id()
        self.pending_new[person_id] = person
        self.index.add(person_id, person.fields.full_name, keys)
        self.report.added += 1
        if len(self.pending_new) >= BATCH:
            self.flush()

    def _merge(self, target: int, person: NewPerson, keys: MatchKeys) -> None:
        if target in self.pending_new:
            self.pending_new[target] = merge_people(self.pending_new[target], person)
        elif target in self.pending_merges:
            self.pending_merges[target] = merge_people(self.pending_merges[target], person)
        else:
            self.pending_merges[target] = person
        self.index.add(target, person.fields.full_name, keys)
        self.report.merged += 1
        if len(self.pending_merges) >= BATCH:
            self.flush()

    def make_me(
        self, profile: NewPerson | None, mine: list[NewPerson], history: HistoryReport
    ) -> int | None:
        """Me, as my export names me, in a network without me; None when the export has
        no name, or one of my addresses is a contact's already (that one may be me: the
        window's Edit ▸ Which one is me… says so; two of me would be worse)."""
        if profile is None:
            return None
        emails = tuple(normalize_email(e.value) for p in mine for e in p.emails)
        match = self.index.find(MatchKeys("", emails, (), "", ())) if emails else None
        if match is not None and match.is_sure:
            history.warnings.append(
                f"You were not added as the owner of the network: your address "
                f"{match.detail} is {self.index.name_of(match.person_id)}'s already (if that "
                "is you, choose them with Edit ▸ Which one is me… in the window)."
            )
            return None
        person_id = self.writer.allocate_id()
        self.pending_new[person_id] = profile
        history.me_created = True
        return person_id

    def apply_circles(self, writer: HistoryWriter, history: HistoryReport) -> None:
        """Give the suggested circles to the people who have none (counted in a dry run)."""
        fresh = [(c.person_id, c.circle.value) for c in history.circles if c.current is None]
        history.circles_applied = len(fresh)
        if self.dry_run or not fresh:
            return
        ids = [person_id for person_id, _circle in fresh]
        if self.before_merges is not None:  # the journal copies them first, for undo
            self.before_merges(ids)
        writer.set_circles(fresh)
        self.changed_ids.update(ids)

    def merge_into_me(self, me: int, person: NewPerson) -> None:
        """My own details from an export (my jobs, my addresses): merged into me, never
        counted as a contact."""
        held = self.pending_merges.get(me)
        self.pending_merges[me] = merge_people(held, person) if held is not None else person

    def flush(self) -> None:
        if not self.dry_run:
            self.writer.insert_people(list(self.pending_new.items()))
            # Most re-imported cards bring nothing new: find those on cheap summaries and
            # build full values only for the rest.
            summaries = self.writer.load_summaries(self.pending_merges.keys())
            changing = {
                pid: incoming
                for pid, incoming in self.pending_merges.items()
                if pid in summaries and not adds_nothing(summaries[pid], incoming)
            }
            stored = self.writer.load_people(changing.keys())
            merges = [
                (pid, held, merge_people(held.person, incoming, held.has_photo))
                for pid, incoming in changing.items()
                if (held := stored.get(pid)) is not None
            ]
            if self.before_merges is not None and merges:
                self.before_merges([pid for pid, _held, _after in merges])
            self.changed_ids |= self.writer.write_merges(merges)
        self.pending_new.clear()
        self.pending_merges.clear()

    def change_set(self, interactions: bool = False) -> Callable[[], ChangeSet]:
        """What changed, as a recipe: the set of added ids is built only when asked for."""
        return partial(
            _change_set,
            range(self.first_id, self.writer.next_id) if not self.dry_run else range(0),
            frozenset(self.changed_ids),
            self.writer.organizations_changed,
            interactions and not self.dry_run,
        )


def _change_set(
    added: range, changed: frozenset[int], organizations: bool, interactions: bool
) -> ChangeSet:
    return ChangeSet(
        people_added=frozenset(added),
        people_changed=frozenset(i for i in changed if i not in added),
        organizations_changed=organizations,
        interactions_changed=interactions,
    )
