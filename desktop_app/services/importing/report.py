"""What an import found and did, as plain values the preview dialog and the CLI show."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar, overload

from desktop_app.domain.values import ChangeSet, NewPerson
from desktop_app.services.history.report import HistoryReport
from desktop_app.storage.import_spool import Spool, SpoolTable


class ImportCancelledError(Exception):
    """Raised inside the import's transaction so that cancelling rolls it back."""


class Decision(StrEnum):
    """What to do with a card that matches someone already known."""

    MERGE = "merge"
    SKIP = "skip"
    KEEP_BOTH = "keep_both"

    @property
    def label(self) -> str:
        return {"merge": "Merge", "skip": "Skip", "keep_both": "Keep both"}[self.value]


class MatchPlace(StrEnum):
    """Where the person a card matches comes from."""

    STORED = "stored"  # already in the database
    SAME_FILE = "same_file"  # an earlier card of the same file, new in this import
    OTHER_FILE = "other_file"  # a card of another file of this import

    @property
    def label(self) -> str:
        return {
            "stored": "Already in Trellis",
            "same_file": "Twice in this file",
            "other_file": "In another imported file",
        }[self.value]


@dataclass(frozen=True, slots=True, order=True)
class CardKey:
    """A card's place in one import: the file's index and the card's ordinal in it."""

    file: int
    ordinal: int


@dataclass(frozen=True, slots=True)
class PreviewCard:
    key: CardKey
    path: str
    line: int
    name: str
    organization: str
    email: str
    phone: str

    @classmethod
    def of(cls, key: CardKey, path: str, line: int, person: NewPerson) -> PreviewCard:
        return cls(
            key,
            path,
            line,
            person.fields.full_name,
            next((j.organization for j in person.employment if j.current), ""),
            person.emails[0].value if person.emails else "",
            person.phones[0].value if person.phones else "",
        )


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    card: PreviewCard
    match_id: int
    match_name: str
    reason: str
    sure: bool
    decision: Decision
    place: MatchPlace = MatchPlace.STORED

    @property
    def in_this_import(self) -> bool:
        """The match is a card of this import, not someone stored before it."""
        return self.place is not MatchPlace.STORED


@dataclass(frozen=True, slots=True)
class RejectedCard:
    path: str
    line: int
    end_line: int
    reason: str

    def describe(self) -> str:
        return f"{Path(self.path).name}, line {self.line}: {self.reason}"


T = TypeVar("T")
_PAGE = 500


def display_path(path: str | Path) -> str:
    """A path as text that can be encoded and shown: a file name that is not UTF-8 (a
    Latin-1 `café.vcf` on Linux comes back from the OS with lone surrogates) shows its
    odd bytes as `\\xe9`."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            data = text.encode("utf-8", "surrogateescape")  # POSIX: the bytes as they were
        except UnicodeEncodeError:
            data = text.encode("utf-8", "surrogatepass")  # Windows: an unpaired UTF-16 half
        return data.decode("utf-8", "backslashreplace")
    return text


def _path_cell(path: str) -> bytes:
    """Any path, lone surrogates included, as the spool stores it (and gives back whole)."""
    return path.encode("utf-8", "surrogatepass")


def _path_of(cell: bytes) -> str:
    return cell.decode("utf-8", "surrogatepass")


class SpooledList(Sequence[T]):
    """A list of report rows kept in the report's spool, not in memory; pages on demand."""

    def __init__(
        self,
        table: SpoolTable,
        to_row: Callable[[T], tuple[Any, ...]],
        of_row: Callable[[tuple[Any, ...]], T],
    ) -> None:
        self._table = table
        self._to_row = to_row
        self._of_row = of_row

    def append(self, value: T) -> None:
        self._table.append(self._to_row(value))

    def append_row(self, row: tuple[Any, ...]) -> None:
        """Append a row already in the spool's columns (`preview_row`): an import's
        20,000 cards need no value object each just to be turned into a row."""
        self._table.append(row)

    def extend(self, values: Iterable[T]) -> None:
        for value in values:
            self.append(value)

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self.page(start, stop)
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return self.page(position, position + 1)[0]

    def page(self, start: int, stop: int) -> list[T]:
        """Rows `start` to `stop` (excluded) as values."""
        return [self._of_row(row) for row in self._table.rows(start, stop)]

    def __iter__(self) -> Iterator[T]:
        for start in range(0, len(self), _PAGE):
            yield from self.page(start, start + _PAGE)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __repr__(self) -> str:
        return f"<{len(self)} spooled rows>"


_DUPLICATE_COLUMNS = (
    "file",
    "ordinal",
    "path",
    "line",
    "name",
    "organization",
    "email",
    "phone",
    "match_id",
    "match_name",
    "reason",
    "sure",
    "decision",
    "place",
)
_PREVIEW_COLUMNS = _DUPLICATE_COLUMNS[:8]


def _preview_row(card: PreviewCard) -> tuple[Any, ...]:
    return (card.key.file, card.key.ordinal, _path_cell(card.path), card.line, card.name,
            card.organization, card.email, card.phone)  # fmt: skip


def preview_row(
    file: int, ordinal: int, cell: bytes, line: int, person: NewPerson
) -> tuple[Any, ...]:
    """`_preview_row(PreviewCard.of(CardKey(file, ordinal), …))` built directly; `cell` is
    `path_cell(path)`."""
    return (
        file,
        ordinal,
        cell,
        line,
        person.fields.full_name,
        next((j.organization for j in person.employment if j.current), ""),
        person.emails[0].value if person.emails else "",
        person.phones[0].value if person.phones else "",
    )


def path_cell(path: str) -> bytes:
    """A path as the spool stores it (once a file, not once a card)."""
    return _path_cell(path)


def _preview_of(row: tuple[Any, ...]) -> PreviewCard:
    return PreviewCard(CardKey(row[0], row[1]), _path_of(row[2]), *row[3:8])


def _duplicate_row(d: PossibleDuplicate) -> tuple[Any, ...]:
    return (
        *_preview_row(d.card),
        d.match_id,
        d.match_name,
        d.reason,
        d.sure,
        d.decision.value,
        d.place.value,
    )


def _duplicate_of(row: tuple[Any, ...]) -> PossibleDuplicate:
    return PossibleDuplicate(
        _preview_of(row),
        row[8],
        row[9],
        row[10],
        bool(row[11]),
        Decision(row[12]),
        MatchPlace(row[13]),
    )


class DuplicateList(SpooledList[PossibleDuplicate]):
    """The cards that match someone known, with the decision taken for each.

    Every row is counted once: `stored_sure_count` (already in Trellis) +
    `repeated_sure_count` (a card of this import twice) + `possible_count` == `len`.
    """

    def __init__(self, table: SpoolTable) -> None:
        super().__init__(table, _duplicate_row, _duplicate_of)
        self.sure_count = 0
        self.repeated_sure_count = 0

    def append(self, value: PossibleDuplicate) -> None:
        super().append(value)
        self.sure_count += value.sure
        self.repeated_sure_count += value.sure and value.in_this_import

    def append_duplicate(
        self,
        preview: tuple[Any, ...],
        match_id: int,
        match_name: str,
        reason: str,
        sure: bool,
        decision: Decision,
        place: MatchPlace,
    ) -> None:
        """`append(PossibleDuplicate(…))` from a `preview_row`, without the objects."""
        self._table.append((*preview, match_id, match_name, reason, sure, decision.value,
                            place.value))  # fmt: skip
        self.sure_count += sure
        self.repeated_sure_count += sure and place is not MatchPlace.STORED

    @property
    def stored_sure_count(self) -> int:
        """Sure matches of people stored before this import."""
        return self.sure_count - self.repeated_sure_count

    @property
    def possible_count(self) -> int:
        return len(self) - self.sure_count

    def set_decision(self, positions: Iterable[int], decision: Decision) -> None:
        self._table.set_column("decision", decision.value, positions)

    def decision_for(self, key: CardKey) -> Decision | None:
        found = self._table.lookup((key.file, key.ordinal), "decision")
        return None if found is None else Decision(found)

    def where_sure(self, sure: bool, limit: int | None = None) -> Iterator[PossibleDuplicate]:
        """The sure (or the possible) duplicates in order, at most `limit` of them."""
        after, left = 0, len(self) if limit is None else limit
        while left > 0:
            rows = self._table.rows_where("sure", sure, after, min(left, _PAGE))
            if not rows:
                return
            for row in rows:
                yield _duplicate_of(row[1:])
            after, left = rows[-1][0] + 1, left - len(rows)


class SpooledDecisions(Mapping[CardKey, Decision]):
    """The decision per duplicate card, read from the spool: to replay the import."""

    def __init__(self, duplicates: DuplicateList) -> None:
        self._duplicates = duplicates

    def __getitem__(self, key: CardKey) -> Decision:
        found = self._duplicates.decision_for(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[CardKey]:
        return (d.card.key for d in self._duplicates)

    def __len__(self) -> int:
        return len(self._duplicates)


class ImportReport:
    """What an import found and did. The rows per card (new, duplicates, rejected, warnings)
    are spooled to a private temporary database, so the report's memory does not grow with
    the file; `close()` (or dropping the report) deletes them."""

    def __init__(self, files: list[str] | None = None, dry_run: bool = False) -> None:
        self.files = list(files or [])
        self.read_files: list[str] = []
        self.unreadable: list[tuple[str, str]] = []
        self.added = self.merged = self.skipped = 0
        self._change: Callable[[], ChangeSet] | ChangeSet = ChangeSet()
        self.dry_run = dry_run
        self.cancelled = False
        self.history = HistoryReport()  # set by the pipeline: messages and events read
        self._spool = Spool()
        self.new = SpooledList(
            self._spool.table("new_cards", _PREVIEW_COLUMNS), _preview_row, _preview_of
        )
        self.duplicates = DuplicateList(
            self._spool.table("duplicates", _DUPLICATE_COLUMNS, key=("file", "ordinal"))
        )
        self.rejected: SpooledList[RejectedCard] = SpooledList(
            self._spool.table("rejected", ("path", "line", "end_line", "reason")),
            lambda r: (_path_cell(r.path), r.line, r.end_line, r.reason),
            lambda row: RejectedCard(_path_of(row[0]), *row[1:]),
        )
        self.warnings: SpooledList[str] = SpooledList(
            self._spool.table("warnings", ("text",)), lambda text: (text,), lambda row: row[0]
        )

    def close(self) -> None:
        self._spool.close()

    @property
    def change_set(self) -> ChangeSet:
        """What the import changed. Built when first asked for (the window asks, the CLI
        does not): half a million added ids are a set of ~25 MB."""
        if callable(self._change):
            self._change = self._change()
        return self._change

    def set_change_set(self, change: Callable[[], ChangeSet] | ChangeSet) -> None:
        self._change = change

    @property
    def anything_read(self) -> bool:
        return bool(self.read_files)

    def decisions(self) -> Mapping[CardKey, Decision]:
        """The decision taken for every duplicate, to replay the import with changes."""
        return SpooledDecisions(self.duplicates)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        parts = [
            f"{self.added} new",
            f"{self.merged} merged",
            f"{self.skipped} skipped",
            f"{len(self.rejected)} rejected",
        ]
        possible = self.duplicates.possible_count
        text = f"{', '.join(parts)} ({verb} written)"
        if possible:
            text += f"; {possible} possible duplicate(s) kept apart"
        if self.cancelled:
            text = "Import cancelled: nothing was written."
        return text


def write_rejections(rejected: Iterable[RejectedCard], out: Path) -> None:
    """Save the rejected cards, each with its reason and its original lines, to `out`."""
    from desktop_app.services.importing.sources import source_lines

    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for item in rejected:
            handle.write(
                f"# {display_path(item.path)}, lines {item.line}-{item.end_line}: {item.reason}\n"
            )
            try:
                lines = source_lines(Path(item.path), item.line, item.end_line)
            except OSError as error:
                lines = [f"(the file cannot be read any more: {error.strerror})"]
            handle.writelines(f"{line}\n" for line in lines)
            handle.write("\n")
