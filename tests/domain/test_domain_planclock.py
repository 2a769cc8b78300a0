"""The plan's own clock (序时进度, the notices of 总览) and recurring deadlines that stop rolling at
the plan's horizon."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.deadlines import (
    Deadline,
    DeadlineKind,
    describe,
    due_on,
    last_due,
    next_due,
    parse_deadline,
)
from greentasks.domain.planclock import NEAR_END_DAYS, PLAN_HORIZON, PlanClock, elapsed_share

START = date(2022, 10, 26)  # 成文日期 of 南川府发〔2022〕34号


def clock(today: date, horizon: date = PLAN_HORIZON) -> PlanClock:
    return PlanClock(start=START, horizon=horizon, planned=PLAN_HORIZON, today=today)


# ---- 序时进度 -------------------------------------------------------------------------------------


def test_elapsed_share_runs_from_the_first_to_the_last_day():
    total = (PLAN_HORIZON - START).days + 1
    assert elapsed_share(START, PLAN_HORIZON, START) == pytest.approx(1 / total)
    assert elapsed_share(START, PLAN_HORIZON, START - timedelta(days=1)) == 0.0
    assert elapsed_share(START, PLAN_HORIZON, PLAN_HORIZON) == 1.0
    assert elapsed_share(START, PLAN_HORIZON, date(2024, 5, 29)) == pytest.approx(582 / total)


def test_elapsed_share_is_capped_at_the_whole_period():
    assert elapsed_share(START, PLAN_HORIZON, date(2026, 12, 1)) == 1.0
    assert clock(date(2026, 12, 1)).percent == 100


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)))
def test_elapsed_share_is_a_share_and_never_falls(today):
    share = elapsed_share(START, PLAN_HORIZON, today)
    assert 0.0 <= share <= 1.0
    assert elapsed_share(START, PLAN_HORIZON, today + timedelta(days=1)) >= share


def test_percent_is_whole_and_reaches_100_only_on_the_last_day():
    assert clock(date(2024, 5, 28)).percent == 49 and clock(date(2024, 5, 29)).percent == 50  # 582 of 1163 days
    assert clock(PLAN_HORIZON - timedelta(days=1)).percent == 99
    assert clock(PLAN_HORIZON).percent == 100


def test_an_extended_horizon_lengthens_the_period():
    today = date(2026, 12, 1)
    longer = clock(today, date(2028, 12, 31))
    assert longer.extended and not longer.passed
    assert longer.percent == int(elapsed_share(START, date(2028, 12, 31), today) * 100) == 66


# ---- what 总览 says ---------------------------------------------------------------------------------


def test_a_running_plan_needs_no_notice():
    running = clock(date(2023, 7, 10))
    assert not running.passed and not running.extended and running.notice() is None
    assert running.period_text == "规划期 2022年10月26日—2025年12月31日" and running.progress_text == "序时进度 22%"


def test_the_end_of_the_period_is_announced_half_a_year_ahead():
    assert clock(PLAN_HORIZON - timedelta(days=NEAR_END_DAYS + 1)).notice() is None
    near = clock(PLAN_HORIZON - timedelta(days=30)).notice()
    assert near == ("规划期将于2025年12月31日结束（还有30天），请提前做好总结评估；如需继续督办，可延长规划期。")


def test_a_passed_horizon_says_so_plainly():
    text = clock(date(2026, 1, 5)).notice()
    assert text is not None and text.startswith("规划期（至2025年）已结束，请做好总结评估")
    assert "周期性任务不再顺延" in text and "延长规划期" in text


def test_an_extended_horizon_says_to_when():
    text = clock(date(2026, 12, 1), date(2027, 12, 31)).notice()
    assert text is not None and text.startswith("规划期已延长至2027年12月31日")
    assert "文件原定至2025年" in text
    ended = clock(date(2028, 2, 1), date(2027, 12, 31)).notice()
    assert ended is not None and ended.startswith("延长后的规划期（至2027年）已结束，请做好总结评估")


def test_a_horizon_that_is_not_a_year_end_is_named_in_full():
    text = clock(date(2026, 8, 1), date(2026, 6, 30)).notice()
    assert text is not None and text.startswith("延长后的规划期（至2026年6月30日）已结束")


# ---- recurring deadlines stop at the horizon ------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "today", "horizon", "expected"),
    [
        # within the plan period: as before
        ("Y:12-31", date(2025, 3, 1), PLAN_HORIZON, date(2025, 12, 31)),
        ("Q", date(2025, 11, 2), PLAN_HORIZON, date(2025, 12, 31)),
        # after it: the last occurrence on or before the horizon, so undone work is overdue
        ("Y:12-31", date(2026, 12, 1), PLAN_HORIZON, date(2025, 12, 31)),
        ("Q", date(2026, 12, 1), PLAN_HORIZON, date(2025, 12, 31)),
        ("M", date(2026, 2, 10), PLAN_HORIZON, date(2025, 12, 31)),
        ("M:05", date(2026, 2, 10), PLAN_HORIZON, date(2025, 12, 5)),
        ("H", date(2026, 2, 10), PLAN_HORIZON, date(2025, 12, 31)),
        ("Y:06-30", date(2026, 2, 10), PLAN_HORIZON, date(2025, 6, 30)),
        # an extended horizon lets them roll on to it
        ("Y:12-31", date(2026, 12, 1), date(2028, 12, 31), date(2026, 12, 31)),
        ("Q", date(2029, 1, 5), date(2028, 12, 31), date(2028, 12, 31)),
        # a horizon inside a year: the occurrences after it do not exist
        ("Y:12-31", date(2027, 2, 1), date(2027, 6, 30), date(2026, 12, 31)),
        ("Q", date(2027, 5, 1), date(2027, 5, 15), date(2027, 3, 31)),
    ],
)
def test_next_due_stops_at_the_horizon(rule, today, horizon, expected):
    assert next_due(rule, today, horizon) == expected
    assert due_on(Deadline("x", DeadlineKind.RECURRING, None, rule), today, horizon) == expected


@pytest.mark.parametrize(
    ("rule", "until", "expected"),
    [
        ("Y:12-31", date(2025, 12, 31), date(2025, 12, 31)),
        ("Y:12-31", date(2025, 12, 30), date(2024, 12, 31)),
        ("Y:02-29", date(2025, 12, 31), date(2025, 2, 28)),
        ("Y:02-29", date(2024, 12, 31), date(2024, 2, 29)),
        ("Q", date(2025, 11, 15), date(2025, 9, 30)),
        ("H", date(2025, 6, 29), date(2024, 12, 31)),
        ("M", date(2025, 3, 1), date(2025, 2, 28)),
        ("M:31", date(2024, 2, 29), date(2024, 2, 29)),
        ("M:10", date(2025, 1, 9), date(2024, 12, 10)),
    ],
)
def test_last_due_is_the_last_occurrence_on_or_before(rule, until, expected):
    assert last_due(rule, until) == expected


@pytest.mark.parametrize("rule", ["Y:12-31", "Y:06-30", "Y:02-29", "Q", "H", "M", "M:05", "M:31"])
@given(today=st.dates(min_value=date(2021, 1, 1), max_value=date(2030, 12, 31)),
       horizon=st.dates(min_value=date(2023, 1, 1), max_value=date(2029, 12, 31)))
def test_a_capped_due_date_never_passes_the_horizon(rule, today, horizon):
    due = next_due(rule, today, horizon)
    assert due <= horizon
    assert due == (next_due(rule, today) if next_due(rule, today) <= horizon else last_due(rule, horizon))
    assert next_due(rule, due) == due  # it is one of the rule's own dates


def test_dated_deadlines_ignore_the_horizon():
    d = parse_deadline("2027年6月底前")
    assert due_on(d, date(2026, 1, 1), PLAN_HORIZON) == date(2027, 6, 30)


def test_describe_names_the_last_due_date_after_the_horizon():
    d = parse_deadline("每年12月底前")
    assert describe(d, date(2025, 3, 1), PLAN_HORIZON).endswith("下次截止 2025-12-31")
    assert describe(d, date(2026, 3, 1), PLAN_HORIZON).endswith("规划期内最后一次截止 2025-12-31")
