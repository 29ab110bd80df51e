"""The map's path finder panel on a network where I have jobs and two people share a name:
typed into the real target box, answered by the real finder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.storage.database import Database
from desktop_app.ui.map.network_map_view import NetworkMapView
from desktop_app.ui.window.workspace import Workspace
from tests.network_builder import NetworkBuilder

TIMEOUT = 60_000


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    """Me at Acme (formerly Globex); Chidi, my one tie, is at Globex and hardly knows both
    Ana Lees; Astrid works at Acme and Northwind: the cheap way there would be through me."""
    net = NetworkBuilder(db)
    found = {
        "me": net.person("Ada Me", me=True),
        "chidi": net.person("Chidi"),
        "astrid": net.person("Astrid"),
        "ana_acme": net.person("Ana Lee"),
        "ana_globex": net.person("Ana Lee"),
        "acme": net.organization("Acme"),
        "globex": net.organization("Globex"),
        "north": net.organization("Northwind"),
    }
    net.tie(found["me"], found["chidi"], 4)
    net.tie(found["chidi"], found["ana_acme"], 1)
    net.tie(found["chidi"], found["ana_globex"], 1)
    net.job(found["me"], found["acme"])
    net.job(found["me"], found["globex"], current=False)
    net.job(found["chidi"], found["globex"])
    net.job(found["astrid"], found["acme"])
    net.job(found["astrid"], found["north"])
    net.job(found["ana_acme"], found["acme"])
    net.job(found["ana_globex"], found["globex"])
    net.goal("Stay close", orgs=(found["acme"], found["globex"], found["north"]))
    return found


@pytest.fixture
def view(qtbot: QtBot, db: Database, ids: dict[str, int]) -> NetworkMapView:
    map_view = NetworkMapView(Workspace(db))
    qtbot.addWidget(map_view)
    map_view.resize(1200, 800)
    with qtbot.waitSignal(map_view.loaded, timeout=TIMEOUT):
        map_view.show()
    qtbot.waitUntil(lambda: not map_view.layout_running, timeout=TIMEOUT)
    return map_view


def ask(qtbot: QtBot, view: NetworkMapView, text: str) -> None:
    """Type `text` into the target box and press Enter, as a user does."""
    panel = view.path_panel
    panel.target.clear()
    panel.status.setText("")
    qtbot.keyClicks(panel.target, text)
    qtbot.keyClick(panel.target, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: bool(panel.status.text()) and not panel.status.text().startswith("Looking"),
        timeout=TIMEOUT,
    )


def shown(view: NetworkMapView) -> list[tuple[str, tuple[str, ...]]]:
    paths = view.path_panel.paths
    return [
        (paths.item(i).text(), tuple(paths.item(i).data(Qt.ItemDataRole.UserRole)))
        for i in range(paths.count())
    ]


def test_the_panel_never_shows_me_in_the_middle(
    qtbot: QtBot, view: NetworkMapView, ids: dict[str, int]
) -> None:
    for target in ("Northwind", "Astrid", "Ana Lee (Acme)", "Globex", "Acme"):
        ask(qtbot, view, target)
        for text, keys in shown(view):
            assert "me" not in keys[1:], text
            assert "Ada Me" not in text
    ask(qtbot, view, "Astrid")  # the way through my colleagues costs more, but it is a way
    ((text, keys),) = shown(view)
    assert keys == (
        "me",
        f"p:{ids['chidi']}",
        f"p:{ids['ana_acme']}",
        f"o:{ids['acme']}",
        f"p:{ids['astrid']}",
    )
    assert view.canvas._path == keys


def test_my_own_employer_answers_i_work_there(
    qtbot: QtBot, view: NetworkMapView, ids: dict[str, int]
) -> None:
    ask(qtbot, view, "acme")
    text, keys = shown(view)[0]
    assert text == "1. You → Acme (I work there)"
    assert keys == ("me", f"o:{ids['acme']}")
    assert view.canvas._path == keys
    ask(qtbot, view, "Globex")
    assert shown(view)[0][0] == "1. You → Globex (I worked there)"
    # The goal's degrees of separation say the same.
    view.path_panel.goal_combo.setCurrentIndex(view.path_panel.goal_combo.findText("Stay close"))
    reach = view.path_panel.reach
    qtbot.waitUntil(lambda: reach.count() == 3, timeout=TIMEOUT)
    texts = sorted(reach.item(i).text() for i in range(reach.count()))
    assert texts[0] == "Acme: degree 0\nYou → Acme (I work there)"
    assert texts[1] == "Globex: degree 0\nYou → Globex (I worked there)"
    assert texts[2].startswith("Northwind: 3rd degree\nYou → Chidi")
    assert all("Ada Me" not in text for text in texts)


def test_two_people_sharing_a_name_stay_two_targets(
    qtbot: QtBot, view: NetworkMapView, ids: dict[str, int]
) -> None:
    panel = view.path_panel
    offered = panel._completer.model().stringList()  # type: ignore[attr-defined]
    assert "Ana Lee (Acme)" in offered
    assert "Ana Lee (Globex)" in offered
    ask(qtbot, view, "ana lee")
    assert panel.status.text() == "2 are called “Ana Lee”: pick one from the list."
    ask(qtbot, view, "Ana Lee (Globex)")
    assert panel.status.text().endswith("to Ana Lee (Globex):")
    assert shown(view)[0][1][-1] == f"p:{ids['ana_globex']}"
    # "Find path to here" on the other one names it apart too.
    menu = view.context_menu(f"p:{ids['ana_acme']}")
    action = next(a for a in menu.actions() if a.text() == "Find path to here")
    action.trigger()
    assert panel.target.text() == "Ana Lee (Acme)"
    qtbot.waitUntil(
        lambda: bool(shown(view)) and shown(view)[0][1][-1] == f"p:{ids['ana_acme']}",
        timeout=TIMEOUT,
    )
    assert panel.status.text() == "One way to Ana Lee (Acme):"
