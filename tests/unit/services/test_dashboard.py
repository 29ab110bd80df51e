from datetime import date, timedelta

import pytest

from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.services import dashboard, interactions
from desktop_app.services.interactions import NewInteraction

TODAY = date(2026, 6, 17)  # a Wednesday


def log(db, people, day, kind=InteractionKind.COFFEE, direction=Direction.MUTUAL, note=""):
    entry = NewInteraction(day, kind, direction, tuple(people), note=note)
    return interactions.log_interaction(db, entry, today=TODAY)[0]


def test_weeks_start_on_monday_and_count_by_kind_and_direction(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER)
    log(db, [ana], date(2026, 6, 15), InteractionKind.CALL, Direction.GAVE)
    log(db, [ana], date(2026, 6, 17), InteractionKind.CALL, Direction.ASKED)
    log(db, [ana], date(2026, 6, 14), InteractionKind.COFFEE, Direction.ASKED)
    log(db, [ana], date(2025, 1, 1), InteractionKind.COFFEE, Direction.GAVE)  # too old
    activity = dashboard.weekly_activity(db, TODAY, weeks=4)
    assert activity.weeks[-1] == date(2026, 6, 15)
    assert activity.weeks[0] == date(2026, 5, 25)
    assert activity.by_kind == {"call": (0, 0, 0, 2), "coffee": (0, 0, 1, 0)}
    assert activity.gave == (0, 0, 0, 1)
    assert activity.asked == (0, 0, 1, 1)
    assert activity.balance_trend == (0, 0, -1, -1)


def test_circle_sizes_leave_me_out_and_count_the_unplaced(db, add_person) -> None:
    add_person("Ana", Circle.INNER)
    add_person("Bo", Circle.INNER)
    add_person("Cy", None)
    add_person("Me", Circle.INNER, is_me=True)
    sizes = dashboard.circle_sizes(db)
    assert sizes[Circle.INNER] == 2
    assert sizes[Circle.ACQUAINTANCE] == 0
    assert sizes[None] == 1
    assert next(iter(sizes)) is Circle.INNER


def test_funnel_sets_my_numbers_beside_the_one_in_twelve(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    for _ in range(24):
        log(db, [ana], TODAY, InteractionKind.INFORMATIONAL_INTERVIEW, Direction.ASKED)
    log(db, [ana], TODAY, InteractionKind.REFERRAL, Direction.ASKED)
    log(db, [ana], TODAY, InteractionKind.OFFER, Direction.MUTUAL)
    funnel = dashboard.funnel(db)
    assert [count for _, count in funnel.stages] == [24, 1, 0, 1]
    assert funnel.offer_rate == pytest.approx(1 / 24)
    assert funnel.expected_offers() == pytest.approx(2)
    assert funnel.resumes_for_same_offers() == 400
    assert dashboard.Funnel(0, 0, 0, 0).offer_rate is None


def test_recent_activity_is_newest_first_with_names(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    bo = add_person("Bo", Circle.CLOSE)
    log(db, [ana], TODAY - timedelta(days=3), note="old")
    log(db, [bo, ana], TODAY, InteractionKind.GROUP_EVENT, note="meetup")
    first, second = dashboard.recent_activity(db, limit=5)
    assert (first.note, first.participants) == ("meetup", ("Ana", "Bo"))
    assert second.note == "old"
    assert len(dashboard.recent_activity(db, limit=1)) == 1
