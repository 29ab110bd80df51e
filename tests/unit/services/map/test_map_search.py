"""Finding a map node by name: the search box, the path finder's box and `trellis path`."""

from __future__ import annotations

from desktop_app.services.map.map_search import map_targets, match_targets
from desktop_app.services.map.network_graph import MapNode

NODES = (
    MapNode("me", "me", "Ada Me"),
    MapNode("p:2", "person", "Ana Lee", organization="Acme"),
    MapNode("p:3", "person", "Ana Lee", organization="Globex"),
    MapNode("p:4", "person", "Bo Chen", organization="Acme"),
    MapNode("p:5", "person", "Bo Chen", organization="Acme"),
    MapNode("p:6", "person", "Cy", organization=""),
    MapNode("p:7", "person", "Cy", organization=""),
    MapNode("o:1", "organization", "Acme", organization="Acme"),
    MapNode("p:8", "person", "Acme", organization="Acme"),
    MapNode("o:2", "organization", "Northwind", organization="Northwind"),
)


def test_shared_names_stay_apart_with_labels_of_their_own() -> None:
    labels = {t.key: t.label for t in map_targets(NODES)}
    assert "me" not in labels
    assert labels["p:2"] == "Ana Lee (Acme)"
    assert labels["p:3"] == "Ana Lee (Globex)"
    assert labels["p:4"] == "Bo Chen (Acme, p:4)"
    assert labels["p:5"] == "Bo Chen (Acme, p:5)"
    assert labels["p:6"] == "Cy (p:6)"
    assert labels["o:1"] == "Acme (organisation)"
    assert labels["p:8"] == "Acme (Acme)"
    assert labels["o:2"] == "Northwind"
    assert len(set(labels.values())) == len(labels)
    assert map_targets(NODES, include_me=True)[0].key == "me"


def test_a_name_matches_everyone_who_has_it_then_a_label_then_a_part() -> None:
    targets = map_targets(NODES)

    def keys(text: str) -> list[str]:
        return [t.key for t in match_targets(targets, text)]

    assert keys("ana lee") == ["p:2", "p:3"]
    assert keys("  Ana Lee (Globex) ") == ["p:3"]
    assert keys("north") == ["o:2"]
    assert keys("ana") == ["p:2", "p:3"]
    assert keys("Acme") == ["o:1", "p:8"]
    assert keys("acme (organisation)") == ["o:1"]
    assert keys("nobody") == []
    assert keys("   ") == []
