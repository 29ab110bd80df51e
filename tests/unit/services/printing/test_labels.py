from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.services.printing.labels import LabelRequest, place_labels

requests = st.lists(
    st.builds(
        LabelRequest,
        x=st.floats(0, 300),
        y=st.floats(0, 200),
        radius=st.floats(1, 4),
        width=st.floats(10, 80),
        height=st.floats(6, 12),
    ),
    max_size=60,
)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@settings(max_examples=60, deadline=None)
@given(requests)
def test_placed_names_never_overlap_names_or_other_dots_or_leave_the_area(
    wanted: list[LabelRequest],
) -> None:
    spots = place_labels(wanted, (300.0, 200.0))
    boxes = [
        (x, y, x + r.width, y + r.height)
        for r, spot in zip(wanted, spots, strict=True)
        if spot is not None
        for x, y in [spot]
    ]
    for i, box in enumerate(boxes):
        assert box[0] >= 0
        assert box[1] >= 0
        assert box[2] <= 300
        assert box[3] <= 200
        assert not any(_overlap(box, other) for other in boxes[i + 1 :])
    for r, spot in zip(wanted, spots, strict=True):
        if spot is None:
            continue
        box = (spot[0], spot[1], spot[0] + r.width, spot[1] + r.height)
        for other in wanted:
            if other is r:
                continue
            dot = (
                other.x - other.radius,
                other.y - other.radius,
                other.x + other.radius,
                other.y + other.radius,
            )
            assert not _overlap(box, dot)


def test_a_lone_name_goes_to_the_right_of_its_dot() -> None:
    [spot] = place_labels([LabelRequest(50, 50, 3, 40, 8)], (200.0, 100.0))
    assert spot is not None
    assert spot[0] > 53
    assert spot[1] < 50 < spot[1] + 8


def test_a_name_without_room_is_left_off_except_mine() -> None:
    crowd = [LabelRequest(50 + dx, 50 + dy, 3, 60, 9) for dx in (-8, 0, 8) for dy in (-8, 0, 8)]
    mine = LabelRequest(50, 50, 3, 60, 9, must=True)
    spots = place_labels([mine, *crowd], (200.0, 200.0))
    assert spots[0] is not None
    assert None in spots[1:]
