"""What an import found and did, as plain values the preview dialog and the CLI show."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from desktop_app.domain.values import ChangeSet, NewPerson


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


@dataclass(frozen=True, slots=True)
class RejectedCard:
    path: str
    line: int
    end_line: int
    reason: str

    def describe(self) -> str:
        return f"{Path(self.path).name}, line {self.line}: {self.reason}"


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    read_files: list[str] = field(default_factory=list)
    new: list[PreviewCard] = field(default_factory=list)
    duplicates: list[PossibleDuplicate] = field(default_factory=list)
    rejected: list[RejectedCard] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    added: int = 0
    merged: int = 0
    skipped: int = 0
    change_set: ChangeSet = field(default_factory=ChangeSet)
    dry_run: bool = False
    cancelled: bool = False

    @property
    def anything_read(self) -> bool:
        return bool(self.read_files)

    def decisions(self) -> dict[CardKey, Decision]:
        """The decision taken for every duplicate, to replay the import with changes."""
        return {d.card.key: d.decision for d in self.duplicates}

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        parts = [
            f"{self.added} new",
            f"{self.merged} merged",
            f"{self.skipped} skipped",
            f"{len(self.rejected)} rejected",
        ]
        possible = sum(1 for d in self.duplicates if not d.sure)
        text = f"{', '.join(parts)} ({verb} written)"
        if possible:
            text += f"; {possible} possible duplicate(s) kept apart"
        if self.cancelled:
            text = "Import cancelled: nothing was written."
        return text


def write_rejections(rejected: list[RejectedCard], out: Path) -> None:
    """Save the rejected cards, each with its reason and its original lines, to `out`."""
    from desktop_app.services.importing.sources import source_lines

    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for item in rejected:
            handle.write(f"# {item.path}, lines {item.line}-{item.end_line}: {item.reason}\n")
            try:
                lines = source_lines(Path(item.path), item.line, item.end_line)
            except OSError as error:
                lines = [f"(the file cannot be read any more: {error.strerror})"]
            handle.writelines(f"{line}\n" for line in lines)
            handle.write("\n")
