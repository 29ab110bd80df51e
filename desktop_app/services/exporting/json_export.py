"""The JSON export, format "trellis" version 1 — a contract for users' scripts.

Documented in docs/json-export.md; change it only by adding keys, or bump the version.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

from desktop_app.storage import export_queries as q
from desktop_app.storage.database import Database
from desktop_app.storage.handles import Connection

FORMAT_VERSION = 1


def build_export(db: Database) -> dict[str, Any]:
    """The whole network as JSON-ready data."""
    conn = db.fast_connection()
    emails, phones, urls, tags = q.emails(conn), q.phones(conn), q.urls(conn), q.tags(conn)
    jobs = q.employment(conn)
    contacts = []
    for person in q.people(conn):
        pid = person["id"]
        history = [
            {
                "organization": j["organization"],
                "title": j["title"],
                "start": j["start"],
                "end": j["end"],
                "current": bool(j["current"]),
            }
            for j in jobs.get(pid, [])
        ]
        current = next((j for j in history if j["current"]), None)
        birthday = None
        if person["birthday_month"] and person["birthday_day"]:
            year = person["birthday_year"]
            month_day = f"{person['birthday_month']:02d}-{person['birthday_day']:02d}"
            birthday = f"{year:04d}-{month_day}" if year else f"--{month_day}"
        contacts.append(
            {
                "id": pid,
                "full_name": person["full_name"],
                "given_name": person["given_name"],
                "family_name": person["family_name"],
                "is_me": bool(person["is_me"]),
                "emails": [e["value"] for e in emails.get(pid, [])],
                "phones": [p["value"] for p in phones.get(pid, [])],
                "urls": [u["value"] for u in urls.get(pid, [])],
                "organization": current["organization"] if current else None,
                "title": current["title"] if current else "",
                "note": person["note"],
                "circle": person["circle"],
                "tags": [t["name"] for t in tags.get(pid, [])],
                "has_photo": bool(person["has_photo"]),
                "how_we_met": person["how_we_met"],
                "met_on": person["met_on"],
                "birthday": birthday,
                "cadence_days": person["cadence_days"],
                "source": person["source"],
                "vcard_uid": person["vcard_uid"],
                "employment": history,
            }
        )
    participants = q.participants(conn)
    sources = q.interaction_sources(conn)
    event_of, heard = q.interaction_events(conn), q.heard_versions(conn)
    interactions = [
        {
            **row,
            "participants": [p["person_id"] for p in participants.get(row["id"], [])],
            "sources": [
                {"channel": s["channel"], "key": s["key"]} for s in sources.get(row["id"], [])
            ],
            "event_id": event_of.get(row["id"]),
            "heard_versions": heard.get(row["id"], []),
        }
        for row in q.interactions(conn)
    ]
    goal_orgs, disclosures = q.goal_organizations(conn), q.goal_disclosures(conn)
    goals = [
        {
            **row,
            "organizations": [g["organization_id"] for g in goal_orgs.get(row["id"], [])],
            "told": disclosures.get(row["id"], []),
        }
        for row in q.goals(conn)
    ]
    items, feedback = q.checklist_items(conn), q.criterion_feedback(conn)
    versions, rounds = q.document_versions(conn), q.feedback_rounds(conn)
    answers = q.mock_answers(conn)
    documents = [
        {
            "id": doc["id"],
            "kind": doc["kind"],
            "title": doc["title"],
            "checklist": [
                {
                    "criterion": item["criterion"],
                    "met": bool(item["met"]),
                    "feedback": feedback.get(item["id"], []),
                }
                for item in items.get(doc["id"], [])
            ],
            "versions": versions.get(doc["id"], []),
            "rounds": rounds.get(doc["id"], []),
        }
        for doc in q.documents(conn)
    ]
    mock_interviews = [
        {**row, "answers": answers.get(row["id"], [])} for row in q.mock_interviews(conn)
    ]
    return {
        "format": "trellis",
        "version": FORMAT_VERSION,
        "contacts": contacts,
        "organizations": list(q.organizations(conn)),
        "relationships": list(q.relationships(conn)),
        "interactions": interactions,
        "goals": goals,
        "documents": documents,
        "mock_interviews": mock_interviews,
        **_groups_and_events(conn),
    }


def _groups_and_events(conn: Connection) -> dict[str, Any]:
    """The keys added with schema 0004: groups, events, informational interviews."""
    members, people = q.group_members(conn), q.event_people(conn)
    groups = [
        {**row, "i_am_member": bool(row["i_am_member"]), "members": members.get(row["id"], [])}
        for row in q.groups(conn)
    ]
    events = [
        {
            **row,
            "going": [p["person_id"] for p in people.get(row["id"], []) if p["role"] == "going"],
            "met": [p["person_id"] for p in people.get(row["id"], []) if p["role"] == "met"],
        }
        for row in q.events(conn)
    ]
    return {
        "groups": groups,
        "events": events,
        "informational_interviews": list(q.informational_interviews(conn)),
    }


def write_export(db: Database, out: Path | None, stream: TextIO) -> None:
    """Write the export to `out` atomically (temp file + rename), or to `stream`."""
    data = build_export(db)
    if out is None:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    write_text_atomically(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text_atomically(path: Path, text: str) -> None:
    """Never leave a half-written file in place: write beside it, then rename over it."""
    path = path.expanduser()
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
