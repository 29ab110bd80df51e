"""The history files of one import, sorted from its contact files, and read in order:
LinkedIn exports first (they say who I am), then mailboxes, then calendars."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from desktop_app.domain.values import EmploymentRecord, LabeledValue, NewPerson, PersonFields
from desktop_app.services.history.detect import history_kind
from desktop_app.services.history.linkedin_export import LinkedInExport
from desktop_app.services.history.model import HistoryFileError, MeHints
from desktop_app.services.history.report import HistoryReport
from desktop_app.services.history.run import HistoryRun
from desktop_app.services.importing.duplicates import DuplicateIndex
from desktop_app.storage.history_writer import HistoryWriter

_ORDER = {"linkedin": 0, "mbox": 1, "ics": 2}


class HistorySources:
    """`contact_files` go to the contact readers; the rest is read by `read`."""

    def __init__(self, read_history: bool = True) -> None:
        self.read_history = read_history
        self.contact_files: list[Path] = []
        self.history: list[tuple[Path, str]] = []
        self.exports: dict[Path, LinkedInExport] = {}
        self.report = HistoryReport()

    @classmethod
    def sort(cls, files: list[Path], read_history: bool = True) -> HistorySources:
        """Sort `files`; without `read_history` only exports' Connections.csv is read."""
        sources = cls(read_history)
        for path in files:
            kind = history_kind(path) if path.exists() else None
            if kind is None:
                sources.contact_files.append(path)
                continue
            sources.report.files.append(str(path))
            if kind == "linkedin":
                try:
                    sources.exports[path] = LinkedInExport.open(path)
                except HistoryFileError as error:
                    sources.report.unreadable.append((str(path), str(error)))
                    continue
            if read_history:
                sources.history.append((path, kind))
        sources.history.sort(key=lambda entry: _ORDER[entry[1]])
        return sources

    def size(self, path: Path) -> int:
        """The bytes reading one history file goes through, for the progress."""
        export = self.exports.get(path)
        if export is not None:
            return export.history_size()
        return path.stat().st_size if path.is_file() else 0

    def total_size(self) -> int:
        """Every byte the history and the exports' Connections.csv will be read through."""
        connections = sum(
            e.size("connections.csv")
            for e in self.exports.values()
            if "connections.csv" in e.members
        )
        return connections + sum(self.size(path) for path, _kind in self.history)

    def export_contacts(self) -> Iterator[tuple[Path, IO[bytes], int]]:
        """Each export's Connections.csv, for the contact reader."""
        for export in self.exports.values():
            if "connections.csv" in export.members:
                label = Path(export.label("connections.csv"))
                try:
                    stream = export.open_binary("connections.csv")
                except (OSError, ValueError) as error:
                    self.report.warnings.append(f"{label}: cannot be read ({error}).")
                    continue
                yield label, stream, export.size("connections.csv")

    def my_profile(self) -> NewPerson | None:
        """Me as the first export's Profile.csv names me (None without a name): to make
        me in a network that has no me yet; my addresses and jobs follow in
        `my_details`."""
        if not self.read_history:
            return None
        for export in self.exports.values():
            name = export.my_name()
            if name is not None:
                first, last = name
                full = " ".join(part for part in (first, last) if part)
                fields = PersonFields(given_name=first, family_name=last, full_name=full)
                return NewPerson(fields, source="linkedin", is_me=True)
        return None

    def my_details(self) -> Iterator[NewPerson]:
        """What each export says about me: my jobs (Positions.csv) and my addresses."""
        if not self.read_history:
            return
        for export in self.exports.values():
            me = MeHints()
            export.find_me(me)
            jobs = tuple(
                EmploymentRecord(p.organization, p.title, p.start, p.end, current=p.end is None)
                for p in export.positions()
            )
            emails = tuple(LabeledValue(e, "LinkedIn") for e in sorted(me.emails))
            self.report.my_positions += len(jobs)
            if jobs or emails:
                yield NewPerson(PersonFields(), emails=emails, employment=jobs)

    def read(
        self,
        writer: HistoryWriter,
        index: DuplicateIndex,
        *,
        dry_run: bool,
        keep_subjects: bool,
        check: Callable[[int], None],
    ) -> None:
        """Read every history file into interactions (nothing written when `dry_run`)."""
        if not self.read_history:
            return
        run = HistoryRun(writer, index, self.report, dry_run=dry_run, keep_subjects=keep_subjects)
        offset = 0
        for path, kind in self.history:
            start = offset

            def at(position: int, start: int = start) -> None:
                check(start + position)

            try:
                if kind == "linkedin":
                    run.read_linkedin(self.exports[path], at)
                else:
                    run.read_file(path, kind, at)
            except HistoryFileError as error:
                self.report.unreadable.append((str(path), str(error)))
            else:
                self.report.read_files.append(str(path))
            offset += self.size(path)
            check(offset)
        run.finish()

    def close(self) -> None:
        for export in self.exports.values():
            export.close()
