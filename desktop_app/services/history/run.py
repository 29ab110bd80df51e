"""Matching the people of messages and events to contacts, and writing interactions.

Runs inside the contact import's transaction (services/importing/pipeline.py), after its
contact files, with its duplicate index: a LinkedIn export's Connections.csv and a vCard
imported in the same run are matched at once. Each (channel, thread, day) is one
interaction whose participants are the contacts named on its items; its source key makes a
re-import find it instead of doubling it. Direction is always "mutual": in Trellis it says
who gave help, which headers cannot tell, and guessing would skew the give/ask balance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from desktop_app.domain import durations
from desktop_app.domain.enums import Circle
from desktop_app.services.history.ics_reader import IcsReader
from desktop_app.services.history.linkedin_export import LinkedInExport
from desktop_app.services.history.mbox_reader import MboxReader
from desktop_app.services.history.model import (
    Correspondent,
    HistoryFileError,
    HistoryItem,
    LeftOut,
    MeHints,
    Warnings,
)
from desktop_app.services.history.report import (
    CircleSuggestion,
    HistoryReport,
    TieSuggestion,
    UnmatchedPerson,
)
from desktop_app.services.importing.duplicates import DuplicateIndex, MatchKeys, MatchReason
from desktop_app.services.importing.normalize import name_blocks, name_key, profile_key
from desktop_app.storage.history_writer import HistoryWriter

ME = -1
BATCH = 2000
CHECK_EVERY = 250
UNMATCHED_SHOWN = 100
MAX_GROUPS = 20_000  # (channel, thread, day) groups held in memory at once


class _Group:
    """One interaction being read: its id, whether it was imported before this run, who
    it has in the database, and who this run has counted on it (for the suggestions)."""

    __slots__ = ("counted", "id", "known", "participants")

    def __init__(self, interaction_id: int, known: bool) -> None:
        self.id = interaction_id
        self.known = known
        self.participants: set[int] = set()
        self.counted: set[int] = set()


class HistoryRun:
    """One import's history: `read_linkedin` / `read_file` each export or file (`check`
    gets the bytes read so far and raises to cancel), then `finish`."""

    def __init__(
        self,
        writer: HistoryWriter,
        index: DuplicateIndex,
        report: HistoryReport,
        *,
        dry_run: bool,
        keep_subjects: bool = False,
        today: date | None = None,
    ) -> None:
        self.writer = writer
        self.index = index
        self.report = report
        self.dry_run = dry_run
        self.keep_subjects = keep_subjects
        self.today = today or date.today()
        self.me = MeHints()
        stored = writer.stored_me()
        self.me_id = stored.id if stored else None
        if stored is not None:
            self.me.emails.update(stored.emails)
            self.me.profiles.update(k for k in map(profile_key, stored.urls) if k)
            if stored.full_name.strip():
                self.me.names.add(" ".join(stored.full_name.casefold().split()))
        self._people: dict[tuple[str, str, str], int | None] = {}
        self._resolved: dict[
            tuple[Correspondent, ...], tuple[set[int], tuple[Correspondent, ...], int]
        ] = {}
        self._me_size = (-1, -1, -1)
        self._groups: dict[tuple[str, str], _Group] = {}  # by (channel, source key)
        self._pending: list[tuple[int, date, str, str, str, str]] = []
        self._pending_people: list[tuple[int, int]] = []
        self._unmatched: dict[str, UnmatchedPerson] = {}
        self._ties: Counter[tuple[int, int]] = Counter()
        self._seen: dict[int, tuple[int, date]] = {}  # person -> (count, last day)

    # -- reading -------------------------------------------------------------------------

    def read_linkedin(self, export: LinkedInExport, check: Callable[[int], None]) -> None:
        export.find_me(self.me)
        export.learn_my_profile(self.me)
        self.report.unknown_files.extend(f"{export.path.name}/{n}" for n in export.unknown)
        for items in (export.messages(), export.invitations()):
            try:
                self._take_all(items, lambda: export.bytes_read, check)
            except HistoryFileError as error:  # one unreadable file of the export
                self.report.warnings.append(str(error))
        said = Warnings()  # the profile pass and the messages pass find the same damage
        said.extend(dict.fromkeys(export.warnings))
        said.more = export.warnings.more
        self.report.warnings.extend(said)

    def read_file(self, path: Path, kind: str, check: Callable[[int], None]) -> None:
        reader: MboxReader | IcsReader
        if kind == "mbox":
            reader = MboxReader(path, self.me)
            reader.subjects = self.keep_subjects
        else:
            reader = IcsReader(path, self.me)
        reader.is_contact = self._is_contact
        try:
            self._take_all(iter(reader), lambda: reader.bytes_read, check)
        finally:
            self.report.warnings.extend(reader.warnings)

    def _take_all(
        self,
        items: Iterator[HistoryItem],
        position: Callable[[], int],
        check: Callable[[int], None],
    ) -> None:
        for count, item in enumerate(items, 1):
            self.take(item)
            if count % CHECK_EVERY == 0:
                check(position())
                if len(self._pending) >= BATCH:
                    self.flush()

    def take(self, item: HistoryItem) -> None:
        report = self.report
        report.items_read += 1
        if item.left_out is not None:
            report.left_out[item.left_out.value] += 1
            return
        assert item.day is not None
        me = self.me
        if self._me_size != (len(me.emails), len(me.profiles), len(me.names)):
            # A reader learnt one more address of mine: what was resolved may be wrong.
            self._me_size = (len(me.emails), len(me.profiles), len(me.names))
            self._people.clear()
            self._resolved.clear()
        resolved = self._resolved.get(item.people)
        if resolved is None:
            resolved = self._resolve(item.people)
        matched, strangers, others = resolved
        for person in strangers:
            self._count_unmatched(person, item.day)
        if not others:
            report.left_out[LeftOut.ONLY_ME.value] += 1
            return
        if not matched:
            report.without_contacts += 1
            return
        self._join(item, matched)

    def _join(self, item: HistoryItem, matched: set[int]) -> None:
        assert item.day is not None
        group_key = (item.channel.value, item.key)
        group = self._groups.get(group_key)
        if group is None:
            group = self._open_group(item)
            self._groups[group_key] = group
        # Suggestions count what was read (new or known); the database gets who it lacks.
        for person_id in matched - group.counted:
            for other in group.counted:
                self._ties[(min(person_id, other), max(person_id, other))] += 1
            group.counted.add(person_id)
            count, last = self._seen.get(person_id, (0, item.day))
            self._seen[person_id] = (count + 1, max(last, item.day))
        for person_id in matched - group.participants:
            group.participants.add(person_id)
            self._pending_people.append((group.id, person_id))
            if group.known:  # imported before: the journal must be able to undo this
                self.report.participants_added.append((group.id, person_id))

    def _open_group(self, item: HistoryItem) -> _Group:
        assert item.day is not None
        if len(self._groups) >= MAX_GROUPS:
            # Bounded memory: the interactions written so far are found in the database
            # again (a dry run's in its TEMP tables).
            self.flush()
            self._groups.clear()
        stored = self.writer.known(item.channel.value, [item.key]).get(item.key)
        if stored is not None:
            group = _Group(stored, stored < self.writer.first_id)
            group.participants.update(self.writer.participants_of(stored))
            if group.known:
                self.report.interactions_known += 1
            else:  # made by this run, then dropped from memory: seen already
                group.counted.update(group.participants)
            return group
        group = _Group(self.writer.allocate_id(), False)
        self.report.interactions_new += 1
        self.report.by_channel[item.channel.value] += 1
        note = item.subject if self.keep_subjects else ""
        self._pending.append(
            (group.id, item.day, item.kind.value, note, item.channel.value, item.key)
        )
        return group

    # -- who is who ----------------------------------------------------------------------

    def _resolve(
        self, people: tuple[Correspondent, ...]
    ) -> tuple[set[int], tuple[Correspondent, ...], int]:
        """The contacts, the strangers and how many are not me, among `people`."""
        matched: set[int] = set()
        strangers: list[Correspondent] = []
        for person in people:
            found = self._person(person)
            if found is None:
                strangers.append(person)
            elif found != ME:
                matched.add(found)
        resolved = (matched, tuple(strangers), len(strangers) + len(matched))
        if len(self._resolved) >= MAX_GROUPS:
            self._resolved.clear()
        self._resolved[people] = resolved
        return resolved

    def _person(self, person: Correspondent) -> int | None:
        key = (person.email, person.profile_url, person.name)
        if key in self._people:
            return self._people[key]
        found = self._match(person)
        self._people[key] = found
        return found

    def _is_contact(self, address: str) -> bool:
        """True when someone other than me has this e-mail address."""
        match = self.index.find(MatchKeys("", (address,), (), "", ()))
        return match is not None and match.is_sure and match.person_id != self.me_id

    def _match(self, person: Correspondent) -> int | None:
        if self.me.is_me(person):
            return ME
        name = person.display_name
        if not person.email and not person.profile_url and not name:
            return None
        keys = MatchKeys(
            "",
            (person.email,) if person.email else (),
            (),
            name_key(name),
            (),
            (person.profile_url,) if person.profile_url else (),
            name_blocks(name),
        )
        match = self.index.find(keys)
        if match is None or match.reason is MatchReason.OTHER_UID:
            return None
        if match.person_id == self.me_id:
            return ME
        return match.person_id

    def _count_unmatched(self, person: Correspondent, day: date) -> None:
        key = person.email or person.profile_url or f"name:{person.name.casefold()}"
        entry = self._unmatched.get(key)
        if entry is None:
            self._unmatched[key] = UnmatchedPerson(
                person.display_name, person.email, person.profile_url, 1, day, day
            )
            return
        entry.count += 1
        if not entry.name and person.name:
            entry.name = person.display_name
        if entry.first is None or day < entry.first:
            entry.first = day
        if entry.last is None or day > entry.last:
            entry.last = day

    # -- the end -------------------------------------------------------------------------

    def flush(self) -> None:
        """Write what is pending (a dry run's writer keeps only the keys, in TEMP tables)."""
        if self._pending or self._pending_people:
            self.writer.insert(self._pending, self._pending_people)
        self._pending.clear()
        self._pending_people.clear()

    def finish(self) -> None:
        """Write what is pending; rank the unmatched and make the suggestions."""
        self.flush()
        report = self.report
        report.interaction_ids = (
            range(self.writer.first_id, self.writer.next_id) if not self.dry_run else range(0)
        )
        ranked = sorted(
            self._unmatched.values(),
            key=lambda u: (-u.count, -(u.last or date.min).toordinal(), u.name),
        )
        report.unmatched_total = len(ranked)
        report.unmatched = ranked[:UNMATCHED_SHOWN]
        if not self.dry_run:  # kept, so they can be added later (Network ▸ People you…)
            self.writer.remember_not_contacts([u.as_json() for u in ranked])
        report.ties = [
            TieSuggestion(a, b, count)
            for (a, b), count in sorted(self._ties.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for person_id in {*self._seen, *(p for pair in self._ties for p in pair)}:
            report.names[person_id] = self.index.name_of(person_id)
        current = self.writer.circles_of(list(self._seen))
        report.circles = [
            CircleSuggestion(pid, *suggest_circle(count, last, self.today), current.get(pid), count)
            for pid, (count, last) in sorted(self._seen.items())
        ]


def suggest_circle(count: int, last: date, today: date) -> tuple[Circle, str]:
    """A circle from how often and how recently we spoke (interactions in this import)."""
    days = (today - last).days
    if count >= 12 and days <= 60:
        circle = Circle.INNER
    elif count >= 6 and days <= 120:
        circle = Circle.CLOSE
    elif count >= 2 and days <= 365:
        circle = Circle.FAMILIAR
    else:
        circle = Circle.ACQUAINTANCE
    return circle, f"{count} interactions, the last {durations.ago(days)}"
