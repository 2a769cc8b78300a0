from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.lights import GREEN, LIGHTS, RED, YELLOW, is_due_soon, is_overdue, light, reasons
from greentasks.domain.periods import Period
from greentasks.domain.statuses import BEHIND, DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUSES

TODAY = date(2023, 4, 10)
D = timedelta


def test_constants():
    assert (RED, YELLOW, GREEN) == ("红", "黄", "绿")
    assert LIGHTS == (RED, YELLOW, GREEN)


@pytest.mark.parametrize(
    ("status", "due", "missing", "expected"),
    [
        # red: overdue and not done
        (IN_PROGRESS, TODAY - D(1), False, RED),
        (NOT_STARTED, TODAY - D(400), False, RED),
        (BEHIND, TODAY - D(1), False, RED),
        (ONGOING, TODAY - D(1), False, RED),  # a dated deadline passed: 长期坚持 does not excuse it
        (IN_PROGRESS, TODAY - D(1), True, RED),
        # 已完成 is never red or yellow
        (DONE, TODAY - D(100), False, GREEN),
        (DONE, TODAY - D(100), True, GREEN),
        (DONE, TODAY, False, GREEN),
        (DONE, None, True, GREEN),
        # due today is not late, but it is due soon
        (IN_PROGRESS, TODAY, False, YELLOW),
        # the warning window, both ends inclusive
        (IN_PROGRESS, TODAY + D(1), False, YELLOW),
        (IN_PROGRESS, TODAY + D(29), False, YELLOW),
        (IN_PROGRESS, TODAY + D(30), False, YELLOW),
        (IN_PROGRESS, TODAY + D(31), False, GREEN),
        (NOT_STARTED, TODAY + D(30), False, YELLOW),
        # 滞后 is yellow whatever the date
        (BEHIND, TODAY + D(365), False, YELLOW),
        (BEHIND, None, False, YELLOW),
        # a missing return is yellow
        (IN_PROGRESS, TODAY + D(365), True, YELLOW),
        (ONGOING, None, True, YELLOW),
        (IN_PROGRESS, None, True, YELLOW),
        # green
        (IN_PROGRESS, TODAY + D(365), False, GREEN),
        (NOT_STARTED, None, False, GREEN),
        (ONGOING, None, False, GREEN),  # ongoing, reported on time: never red
        (IN_PROGRESS, None, False, GREEN),  # unrecognised deadline: no date, no light from it
    ],
)
def test_light(status, due, missing, expected):
    assert light(status=status, due=due, today=TODAY, missing_return=missing) == expected


@pytest.mark.parametrize(
    ("warn_days", "due", "expected"),
    [
        (7, TODAY + D(7), YELLOW),
        (7, TODAY + D(8), GREEN),
        (0, TODAY, YELLOW),
        (0, TODAY + D(1), GREEN),
        (60, TODAY + D(60), YELLOW),
        (60, TODAY + D(61), GREEN),
    ],
)
def test_warn_days_setting(warn_days, due, expected):
    assert light(status=IN_PROGRESS, due=due, today=TODAY, warn_days=warn_days) == expected


def test_synonyms_give_the_same_light():
    assert light(status="完成", due=TODAY - D(5), today=TODAY) == GREEN
    assert light(status="进度滞后", due=None, today=TODAY) == YELLOW


def test_keyword_only():
    with pytest.raises(TypeError):
        light(IN_PROGRESS, None, TODAY)  # type: ignore[misc]


def test_is_overdue():
    assert is_overdue(IN_PROGRESS, TODAY - D(1), TODAY)
    assert not is_overdue(IN_PROGRESS, TODAY, TODAY)
    assert not is_overdue(IN_PROGRESS, TODAY + D(1), TODAY)
    assert not is_overdue(DONE, TODAY - D(1), TODAY)
    assert not is_overdue(IN_PROGRESS, None, TODAY)
    assert not is_overdue(ONGOING, None, TODAY)


def test_is_due_soon():
    assert is_due_soon(IN_PROGRESS, TODAY, TODAY, 30)
    assert is_due_soon(IN_PROGRESS, TODAY + D(30), TODAY, 30)
    assert is_due_soon(IN_PROGRESS, TODAY + D(30), TODAY)  # default window is 30 days
    assert not is_due_soon(IN_PROGRESS, TODAY + D(31), TODAY, 30)
    assert not is_due_soon(IN_PROGRESS, TODAY - D(1), TODAY, 30)  # overdue, not "soon"
    assert not is_due_soon(DONE, TODAY + D(1), TODAY, 30)
    assert not is_due_soon(IN_PROGRESS, None, TODAY, 30)


@given(
    status=st.sampled_from(STATUSES),
    offset=st.one_of(st.none(), st.integers(-1000, 1000)),
    warn_days=st.integers(0, 365),
    missing=st.booleans(),
)
def test_light_agrees_with_spec_and_reasons(status, offset, warn_days, missing):
    due = None if offset is None else TODAY + D(offset)
    kwargs = {"status": status, "due": due, "today": TODAY, "warn_days": warn_days, "missing_return": missing}
    result = light(**kwargs)
    why = reasons(**kwargs)
    if status == DONE:
        expected = GREEN
    elif due is not None and due < TODAY:
        expected = RED
    elif (due is not None and TODAY <= due <= TODAY + D(warn_days)) or status == BEHIND or missing:
        expected = YELLOW
    else:
        expected = GREEN
    assert result == expected
    assert (result == GREEN) == (why == [])
    if result == RED:
        assert why[0].startswith("已逾期")


def test_reasons_overdue():
    assert reasons(status=IN_PROGRESS, due=TODAY - D(12), today=TODAY) == ["已逾期12天"]
    assert reasons(status=IN_PROGRESS, due=TODAY - D(1), today=TODAY) == ["已逾期1天"]


def test_reasons_due_soon():
    assert reasons(status=IN_PROGRESS, due=date(2023, 5, 10), today=TODAY) == ["30天内到期（2023年5月10日）"]
    assert reasons(status=IN_PROGRESS, due=date(2023, 4, 17), today=TODAY, warn_days=7) == [
        "7天内到期（2023年4月17日）"
    ]
    assert reasons(status=IN_PROGRESS, due=TODAY, today=TODAY) == ["今天到期（2023年4月10日）"]


def test_reasons_behind_and_missing():
    assert reasons(status=BEHIND, due=None, today=TODAY) == ["上报状态为滞后"]
    assert reasons(status=IN_PROGRESS, due=None, today=TODAY, missing_return=True) == ["未报送最近一期进展"]
    assert reasons(
        status=IN_PROGRESS, due=None, today=TODAY, missing_return=True, missing_period=Period(2023, "Q", 1)
    ) == ["未报送2023年第一季度进展"]
    assert reasons(
        status=IN_PROGRESS, due=None, today=TODAY, missing_return=True, missing_period="2023年3月"
    ) == ["未报送2023年3月进展"]
    # a period alone does not make a return missing
    assert reasons(status=IN_PROGRESS, due=None, today=TODAY, missing_period=Period(2023, "Q", 1)) == []


def test_reasons_all_together_red_first():
    assert reasons(status=BEHIND, due=TODAY - D(3), today=TODAY, missing_return=True) == [
        "已逾期3天",
        "上报状态为滞后",
        "未报送最近一期进展",
    ]


def test_reasons_empty_when_green():
    assert reasons(status=DONE, due=TODAY - D(3), today=TODAY, missing_return=True) == []
    assert reasons(status=ONGOING, due=None, today=TODAY) == []
    assert reasons(status=IN_PROGRESS, due=TODAY + D(31), today=TODAY) == []
