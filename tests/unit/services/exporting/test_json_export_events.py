"""The JSON export's keys added with schema 0004: groups, events, informational interviews,
and on each interaction its event and the document versions it heard."""

from __future__ import annotations

import json

from desktop_app.services.exporting.json_export import build_export
from desktop_app.storage.database import Database


def test_export_adds_groups_events_and_the_pipeline_keeping_version_1(
    demo_db: Database,
) -> None:
    data = json.loads(json.dumps(build_export(demo_db)))
    assert data["version"] == 1
    contacts = {c["id"] for c in data["contacts"]}
    assert data["groups"] and set(data["groups"][0]) == {
        "id",
        "name",
        "kind",
        "url",
        "note",
        "i_am_member",
        "members",
    }
    assert all({m["person_id"] for m in g["members"]} <= contacts for g in data["groups"])
    events = data["events"]
    assert {"going", "met", "starts_at", "group_id"} <= set(events[0])
    assert any(e["going"] for e in events) and any(e["met"] for e in events)
    assert all(set(e["going"]) | set(e["met"]) <= contacts for e in events)
    stages = {i["stage"] for i in data["informational_interviews"]}
    assert stages == {"idea", "asked", "scheduled", "held", "thanked", "followed_up"}
    event_ids = {e["id"] for e in events}
    linked = [i for i in data["interactions"] if i["event_id"] is not None]
    assert linked and {i["event_id"] for i in linked} <= event_ids
    heard = [i for i in data["interactions"] if i["heard_versions"]]
    assert heard and set(heard[0]["heard_versions"][0]) == {"document_id", "number"}
