"""CSV address books: LinkedIn Connections, Google (both layouts), Outlook and their cousins.

Columns are recognised by their header, not by position, so Thunderbird, Yahoo and Windows
Address Book exports come in too. Google packs several values in one cell with ` ::: `.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from desktop_app.domain.dates import numeric_day_first
from desktop_app.domain.values import NewPerson, PostalAddress
from desktop_app.services.importing.csv_dates import CsvDates
from desktop_app.services.importing.person_building import URL_REFUSED, PersonDraft
from desktop_app.services.importing.text_decoding import sniff_text_encoding

MULTI = " ::: "
# The apostrophe Trellis (and careful exporters) put before a cell that a spreadsheet would
# run as a formula (OWASP CSV injection); `csv_writer.guard` writes it.
_GUARDED = re.compile("'+[=+\\-@\t\r]")


def unguard(cell: str) -> str:
    """`'=x` → `=x`, `''+1` → `'+1`: one guard apostrophe off, only before what it guards."""
    return cell[1:] if _GUARDED.match(cell) else cell


_ADDRESS_PREFIXES = ("business", "work", "home", "other", "personal")
_ADDRESS_PARTS = {
    "street": "street",
    "address": "street",
    "street 2": "street2",
    "street 3": "street3",
    "address 2": "street2",
    "city": "locality",
    "town": "locality",
    "state": "region",
    "county": "region",
    "region": "region",
    "postal code": "postal_code",
    "zipcode": "postal_code",
    "zip": "postal_code",
    "post code": "postal_code",
    "country": "country",
    "country/region": "country",
    "po box": "po_box",
    "extended address": "street2",
}
_GOOGLE_ITEM = re.compile(r"^(e-mail|phone|website|address|organization|relation|im) (\d+) - (.+)$")
_LABEL_WORDS = {
    "business": "work",
    "home": "home",
    "work": "work",
    "personal": "home",
    "other": "other",
}


@dataclass
class ColumnPlan:
    """Which column feeds which field, worked out once from the header."""

    source: str = "csv"
    full_name: list[int] = field(default_factory=list)
    given: list[int] = field(default_factory=list)
    family: list[int] = field(default_factory=list)
    emails: list[tuple[int, int | None, str]] = field(default_factory=list)
    phones: list[tuple[int, int | None, str]] = field(default_factory=list)
    urls: list[tuple[int, int | None, str]] = field(default_factory=list)
    orgs: list[tuple[int, int | None]] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # Google's: only ` ::: ` separates
    birthday: list[int] = field(default_factory=list)
    birth_parts: dict[str, int] = field(default_factory=dict)
    met_on: list[int] = field(default_factory=list)
    other_dates: list[int] = field(default_factory=list)  # anniversaries: the file's date order
    addresses: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        """A name column with something beside it, or e-mail or phone columns alone (an
        Outlook export of addresses only): each row names its person by the e-mail or the
        number then, as a nameless vCard does."""
        if self.emails or self.phones:
            return True
        return bool(self.full_name or self.given or self.family) and (
            bool(self.orgs or self.family or self.urls)
        )


def plan_columns(header: list[str]) -> ColumnPlan:
    names = [h.strip().lstrip("\ufeff").casefold() for h in header]
    plan = ColumnPlan()
    if "connected on" in names:
        plan.source = "linkedin"
    elif "group membership" in names or "labels" in names:
        plan.source = "google"
    elif "business street" in names or "e-mail address" in names:
        plan.source = "outlook"
    has_job_title = any(n in ("job title", "position", "organization title") for n in names)
    google: dict[tuple[str, str], dict[str, int]] = {}
    for index, name in enumerate(names):
        item = _GOOGLE_ITEM.match(name)
        if item:
            google.setdefault((item.group(1), item.group(2)), {})[item.group(3)] = index
        elif name in ("name", "display name", "full name"):
            plan.full_name.append(index)
        elif name in ("first name", "given name", "first"):
            plan.given.append(index)
        elif name in ("last name", "family name", "last", "surname"):
            plan.family.append(index)
        elif not _column_name(name):
            continue  # a sentence: LinkedIn's preamble ("… don't have an email address.")
        elif "mail" in name and not any(w in name for w in ("type", "display", "label", "list")):
            plan.emails.append((index, None, _label_of(name)))
        elif name in ("home", "work", "mobile", "pager", "fax") or any(
            w in name for w in ("phone", "mobile", "fax", "pager")
        ):
            plan.phones.append((index, None, _label_of(name)))
        elif name in ("web page", "website", "url", "personal web page", "business web page") or (
            name.startswith(("web page", "website", "personal website", "business website"))
        ):
            label = "LinkedIn" if plan.source == "linkedin" and name == "url" else _label_of(name)
            plan.urls.append((index, None, label))
        elif name in ("company", "organization", "organisation", "organization name"):
            plan.orgs.append((index, None))
        elif name in ("notes", "note", "comments"):
            plan.notes.append(index)
        elif name in ("categories", "category"):
            plan.tags.append(index)
        elif name in ("group membership", "labels"):
            plan.labels.append(index)
        elif name in ("birthday", "birth date", "date of birth"):
            plan.birthday.append(index)
        elif name in ("birth year", "birth month", "birth day"):
            plan.birth_parts[name.split()[1]] = index
        elif name in ("connected on", "met on"):
            plan.met_on.append(index)
        elif name == "anniversary":
            plan.other_dates.append(index)
        elif name in ("job title", "position", "organization title") or (
            name == "title" and not has_job_title
        ):
            plan.orgs.append((-1, index))
        else:
            _address_column(plan, name, index)
    _pair_titles(plan)
    _google_items(plan, google)
    return plan


def _column_name(name: str) -> bool:
    """A cell that can name a column: a few words, not a sentence."""
    return len(name.split()) <= 5 and not name.endswith((".", ":", "!", "?"))


def _label_of(header: str) -> str:
    for word, label in _LABEL_WORDS.items():
        if word in header:
            return label
    for word in ("mobile", "fax", "pager"):
        if word in header:
            return word
    return ""


def _address_column(plan: ColumnPlan, name: str, index: int) -> None:
    for prefix in _ADDRESS_PREFIXES:
        if name.startswith(prefix + " "):
            part = _ADDRESS_PARTS.get(name[len(prefix) + 1 :])
            if part:
                plan.addresses.setdefault(_LABEL_WORDS[prefix], {}).setdefault(part, index)
            return


def _pair_titles(plan: ColumnPlan) -> None:
    """A job-title column joins the first organisation column that has no title."""
    orgs = [o for o in plan.orgs if o[0] >= 0]
    titles = [o[1] for o in plan.orgs if o[0] < 0]
    plan.orgs = [(org, titles[i] if i < len(titles) else None) for i, (org, _) in enumerate(orgs)]
    if not orgs and titles:
        plan.orgs = [(-1, titles[0])]


def _google_items(plan: ColumnPlan, items: dict[tuple[str, str], dict[str, int]]) -> None:
    for (kind, _number), parts in sorted(items.items(), key=lambda kv: int(kv[0][1])):
        value = parts.get("value")
        label = parts.get("type", parts.get("label"))
        if kind == "e-mail" and value is not None:
            plan.emails.append((value, label, ""))
        elif kind == "phone" and value is not None:
            plan.phones.append((value, label, ""))
        elif kind == "website" and value is not None:
            plan.urls.append((value, label, ""))
        elif kind == "organization" and "name" in parts:
            plan.orgs.append((parts["name"], parts.get("title")))
        elif kind == "address":
            columns = {_ADDRESS_PARTS[p]: i for p, i in parts.items() if p in _ADDRESS_PARTS} | (
                {"label": label} if label is not None else {}
            )
            plan.addresses[f"google{_number}"] = columns


# The longest cell read: 4 Mi characters, a note of about a thousand pages. CSV address
# books carry no photos (Google, Outlook and LinkedIn export none), so nothing real comes
# near it, while a quote that never closes grows a "cell" until this bound stops it. A
# physical line is bounded too (16 Mi characters, like a vCard value), so one row never
# holds more than a few times that in memory, however the file is shaped.
CELL_LIMIT = 4 * 1024 * 1024
LINE_LIMIT = 16 * 1024 * 1024


class _RowTooLongError(Exception):
    """A physical line past LINE_LIMIT: the row is skipped without ever holding it."""


class _Lines:
    """The text's physical lines for `csv.reader`, with what it takes to resync after a row
    that is too long: line numbers, and whether the record so far leaves a quote open
    (parity of `"`; a doubled `""` counts twice, so well-formed quoting stays even).
    """

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text = text
        self.number = 0  # physical lines handed out or skipped
        self.open_quote = False  # the current record has an odd number of quotes so far
        self.at_end = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._read()
        if not line:
            raise StopIteration
        if len(line) >= LINE_LIMIT and not line.endswith(("\n", "\r")):
            while line and not line.endswith(("\n", "\r")):  # never held whole
                line = self._read()
            raise _RowTooLongError
        return line

    def _read(self) -> str:
        line = self._text.readline(LINE_LIMIT)
        if not line:
            self.at_end = True
            return line
        if line.endswith(("\n", "\r")) or len(line) < LINE_LIMIT:
            self.number += 1
        if line.count('"') % 2:
            self.open_quote = not self.open_quote
        return line

    def record_ended(self) -> None:
        self.open_quote = False

    def skip_open_quote(self) -> bool:
        """Skip the lines of a quoted cell that goes on; False when it never closes."""
        while self.open_quote:
            if not self._read():
                return False
        return True


class CsvReader:
    """Rows of a CSV address book as people: yields (line, NewPerson or rejection reason).

    A row with a cell longer than CELL_LIMIT (or a line longer than LINE_LIMIT) is rejected
    on its own and reading goes on with the next row; a quote that never closes rejects the
    rest of the file from the row that opened it, saying so.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.bytes_read = 0
        self.plan: ColumnPlan | None = None
        # What was left out of the row last yielded: dates that cannot be read, refused URLs.
        self.warnings: tuple[str, ...] = ()
        self._header_line = 0

    def __iter__(self) -> Iterator[tuple[int, NewPerson | str]]:
        head = self._stream.read(65536)
        self._stream.seek(0)
        encoding = sniff_text_encoding(head)
        text = io.TextIOWrapper(self._stream, encoding=encoding, errors="replace", newline="")
        sample = head[:4096]
        delimiter = max((",", ";", "\t"), key=lambda d: sample.count(d.encode()))
        csv.field_size_limit(CELL_LIMIT)  # process-wide; csv's own default is 128 KB
        lines = _Lines(text)
        dates = CsvDates(
            lambda: self._scan_day_first(encoding, delimiter),
            True if delimiter == ";" else None,
        )
        try:
            yield from self._rows(lines, csv.reader(lines, delimiter=delimiter), dates)
        finally:
            text.detach()  # the caller owns the binary stream and closes it

    def _rows(
        self, lines: _Lines, rows: Any, dates: CsvDates
    ) -> Iterator[tuple[int, NewPerson | str]]:
        while True:
            start = lines.number + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except (csv.Error, _RowTooLongError) as error:
                yield start, self._too_long(lines, start, error)
                if lines.at_end:
                    return
                continue
            if lines.open_quote and lines.at_end:
                yield start, _never_closes(start, lines.number)
                return
            lines.record_ended()
            if self.plan is None:
                plan = plan_columns(row)
                if plan.usable:
                    self.plan = plan
                    self._header_line = lines.number
                elif start > 20:
                    return
                continue
            self.bytes_read = self._stream.tell()
            if not any(cell.strip() for cell in row):
                continue
            dates.warnings.clear()
            person = row_to_person(self.plan, row, dates, start)
            self.warnings = tuple(dates.warnings)
            yield start, person

    def _scan_day_first(self, encoding: str, delimiter: str) -> bool | None:
        """Whether the file's dates put the day first, from the first one that reads only
        one way (None when none does). A second pass over the file, made only when a date
        reads both ways; the reading pass goes on where it was."""
        plan = self.plan
        if plan is None:
            return None
        columns = [*plan.birthday, *plan.met_on, *plan.other_dates]
        position = self._stream.tell()
        self._stream.seek(0)
        text = io.TextIOWrapper(self._stream, encoding=encoding, errors="replace", newline="")
        lines = _Lines(text)
        try:
            for row in csv.reader(lines, delimiter=delimiter):
                if lines.number <= self._header_line:
                    continue
                for index in columns:
                    if index < len(row) and (found := numeric_day_first(row[index])) is not None:
                        return found
        except (csv.Error, _RowTooLongError):
            pass  # the reading pass reports the damage; the dates before it are enough
        finally:
            text.detach()
            self._stream.seek(position)
        return None

    def _too_long(self, lines: _Lines, start: int, error: Exception) -> str:
        """Skip the rest of a row that is too long; the reason it is rejected."""
        if isinstance(error, _RowTooLongError):
            what = f"a line is longer than {LINE_LIMIT // (1024 * 1024)} MB"
        elif "field larger than field limit" in str(error):
            what = f"a cell is longer than {CELL_LIMIT // (1024 * 1024)} MB"
        else:  # csv's other errors (a NUL byte in old Pythons): this row only
            what = f"not CSV ({error})"
        closed = lines.skip_open_quote()
        lines.record_ended()
        if not closed:
            return f"{what}: {_never_closes(start, lines.number)}"
        end = f" (lines {start}-{lines.number})" if lines.number > start else ""
        return f"{what}{end}; this row was left out and reading went on after it"


def _never_closes(start: int, end: int) -> str:
    return (
        f"a quote opened in this row never closes, so lines {start}-{end} "
        "(the rest of the file) cannot be read as CSV"
    )


def row_to_person(
    plan: ColumnPlan, row: list[str], dates: CsvDates | None = None, line: int = 0
) -> NewPerson | str:
    """The person a row describes (or why it is rejected); what was left out of it (dates
    that cannot be read, refused URLs) is added to `dates.warnings`, naming `line`."""
    if dates is None:
        dates = CsvDates(lambda: None, None)

    def cell(index: int | None) -> str:
        return unguard(row[index]).strip() if index is not None and 0 <= index < len(row) else ""

    def multi(index: int | None) -> list[str]:
        return [v.strip() for v in cell(index).split(MULTI) if v.strip()]

    draft = PersonDraft(source=plan.source)
    draft.full_name = next((cell(i) for i in plan.full_name if cell(i)), "")
    draft.given_name = next((cell(i) for i in plan.given if cell(i)), "")
    draft.family_name = next((cell(i) for i in plan.family if cell(i)), "")
    for value_column, label_column, label in plan.emails:
        for value in multi(value_column):
            draft.add_email(value, _clean_label(cell(label_column)) or label)
    for value_column, label_column, label in plan.phones:
        for value in multi(value_column):
            draft.add_phone(value, _clean_label(cell(label_column)) or label)
    for value_column, label_column, label in plan.urls:
        for value in multi(value_column):
            taken = draft.add_url(value, _clean_label(cell(label_column)) or label)
            if not taken:
                dates.warnings.append(f"line {line}: {URL_REFUSED}")
    for org_column, title_column in plan.orgs:
        draft.add_job(cell(org_column), cell(title_column))
    for index in plan.notes:
        draft.add_note(cell(index))
    for index in plan.tags:
        draft.add_tags([t.removeprefix("* ") for t in re.split(r" ::: |[;,\n]", cell(index))])
    for index in plan.labels:  # a Google label may hold a comma: "Friends, close"
        draft.add_tags([t.removeprefix("* ") for t in cell(index).split(MULTI)])
    for index in plan.birthday:
        draft.birthday = draft.birthday or dates.birthday(cell(index), line)
    if plan.birth_parts:
        parts = [cell(plan.birth_parts.get(p)) for p in ("year", "month", "day")]
        if parts[1].isdecimal() and parts[2].isdecimal():
            year = parts[0].zfill(4) if parts[0].isdecimal() else "-"
            draft.birthday = dates.birthday(f"{year}-{parts[1].zfill(2)}-{parts[2].zfill(2)}", line)
    for index in plan.met_on:
        draft.met_on = draft.met_on or dates.day(cell(index), line, "date met")
    for label, columns in plan.addresses.items():
        street = "\n".join(cell(columns.get(k)) for k in ("street", "street2", "street3"))
        box = cell(columns.get("po_box"))
        draft.add_address(
            PostalAddress(
                label=_clean_label(cell(columns.get("label"))) or _LABEL_WORDS.get(label, ""),
                street="\n".join(p for p in (street.strip(), box and f"PO Box {box}") if p),
                locality=cell(columns.get("locality")),
                region=cell(columns.get("region")),
                postal_code=cell(columns.get("postal_code")),
                country=cell(columns.get("country")),
            )
        )
    return draft.build()


def _clean_label(text: str) -> str:
    """Google's `* Home` marks the preferred value; the star is not part of the label."""
    return text.split(MULTI)[0].removeprefix("*").strip().casefold()
