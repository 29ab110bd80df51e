"""Which files are history (a LinkedIn export, an mbox, a calendar), by content first."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.services.history.ics_reader import is_calendar
from desktop_app.services.history.linkedin_export import is_history_csv, looks_like_export
from desktop_app.services.history.mbox_reader import is_mbox

HISTORY_SUFFIXES = (".mbox", ".mbx", ".ics", ".ical", ".ifb", ".zip")


def is_linkedin_folder(path: Path) -> bool:
    return looks_like_export([p.name for p in path.iterdir() if p.is_file()])


def history_kind(path: Path) -> str | None:
    """'linkedin', 'mbox' or 'ics' for a history file or folder; None for anything else
    (a contact file, or something the contact readers will explain)."""
    if path.is_dir():
        return "linkedin" if is_linkedin_folder(path) else None
    try:
        with path.open("rb") as stream:
            head = stream.read(8192)
    except OSError:
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "linkedin"  # a zip: a damaged one is explained by the export reader
    if is_mbox(head):
        return "mbox"
    if is_calendar(head):
        return "ics"
    if is_history_csv(head):
        return "linkedin"  # messages.csv or Invitations.csv given on its own
    if b"BEGIN:VCARD" in head[:1024].upper():
        return None  # a vCard, whatever its name
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "linkedin"
    if suffix in (".mbox", ".mbx"):
        return "mbox"
    if suffix in (".ics", ".ical"):
        return "ics"
    return None


def folder_files(folder: Path, contact_suffixes: tuple[str, ...]) -> list[Path]:
    """What a folder holds worth importing: an unpacked LinkedIn export as one entry
    (wherever it sits), contact files by suffix, history files by suffix or (files
    without one, like Thunderbird's "Inbox") by content. Sorted."""
    chosen: list[Path] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        if looks_like_export(names):
            chosen.append(here)
            folders.clear()  # its files belong to the export
            continue
        folders.sort()
        for name in names:
            path = here / name
            suffix = path.suffix.lower()
            if (
                suffix in contact_suffixes
                or suffix in HISTORY_SUFFIXES
                or (not suffix and history_kind(path) is not None)
            ):
                chosen.append(path)
    return sorted(chosen)
