from __future__ import annotations

from datetime import date

from desktop_app.services.printing.document import plan_document
from desktop_app.services.printing.options import PageGrid, PrintOptions, parse_page_grid

from .conftest import make_scene, measure


def test_a_small_network_names_everyone_on_one_page_without_an_index() -> None:
    scene = make_scene(25, 3)
    document = plan_document(scene, PrintOptions(), measure, today=date(2026, 3, 1))
    assert document.page_count == 1
    assert document.unlabeled == 0
    assert document.index == ()
    assert document.grid is None
    assert document.note() == ""
    assert all(mark.label_at is not None for mark in document.marks)
    assert all(mark.label_size >= 6 for mark in document.marks)
    assert document.title == "Alex Morgan's network"
    assert document.printed_on == date(2026, 3, 1)


def test_a_title_given_replaces_the_default() -> None:
    document = plan_document(make_scene(3), PrintOptions(title="For my coach"), measure)
    assert document.title == "For my coach"
    assert plan_document(make_scene(3, me=""), PrintOptions(), measure).title == "My network"


def test_a_dense_network_moves_names_that_do_not_fit_to_an_index_by_square() -> None:
    scene = make_scene(1500, 40)
    document = plan_document(scene, PrintOptions(), measure)
    assert document.unlabeled > 0
    assert document.grid is not None
    assert document.index_page_count >= 1
    assert document.page_count == 1 + document.index_page_count
    named = {node.label for node in scene.nodes if node.kind != "me"}
    assert {entry.name for entry in document.index} >= named
    assert all(entry.square[0].isalpha() and entry.square[-1].isdigit() for entry in document.index)
    assert document.suggestion is not None
    assert document.suggestion.count > 1
    assert "did not fit" in document.note()
    assert f"{document.suggestion.columns}×{document.suggestion.rows}" in document.note()
    # Every name drawn is drawn at a legible size; me is always named.
    assert all(m.label_size >= 6 for m in document.marks if m.label_at is not None)
    assert document.marks[0].label_at is not None


def test_a_poster_gives_names_room_that_one_page_lacks() -> None:
    scene = make_scene(400, 10)
    one = plan_document(scene, PrintOptions(), measure)
    poster = plan_document(scene, PrintOptions(pages=PageGrid(3, 3)), measure)
    assert poster.map_page_count == 9
    assert poster.unlabeled < one.unlabeled


def test_auto_pages_picks_a_poster_big_enough_for_most_names() -> None:
    scene = make_scene(400, 10)
    document = plan_document(scene, PrintOptions(pages=parse_page_grid("auto")), measure)
    assert document.poster.grid.count > 1
    assert document.unlabeled <= len(scene.nodes) * 0.1


def test_index_entries_name_the_sheet_of_a_poster() -> None:
    scene = make_scene(1500, 20)
    document = plan_document(scene, PrintOptions(pages=PageGrid(2, 1)), measure)
    assert {entry.page for entry in document.index} == {1, 2}
    assert document.index == tuple(
        sorted(document.index, key=lambda e: (e.name.casefold(), e.detail.casefold(), e.square))
    )
