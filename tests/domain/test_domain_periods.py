import datetime as dt
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.periods import (
    CYCLES,
    HALF,
    MONTH,
    QUARTER,
    YEAR,
    Period,
    current,
    find_period,
    latest_ended,
    parse_period,
)

Q = Period.quarter
M = Period.month
H = Period.half
Y = Period.whole_year


# ---- the value ----------------------------------------------------------------------------------


def test_kinds():
    assert (MONTH, QUARTER, HALF, YEAR) == ("M", "Q", "H", "Y")
    assert CYCLES == {"month": "M", "quarter": "Q", "half": "H", "year": "Y"}
    assert Period(2023, "Q", 1) == Q(2023, 1)
    assert Period(2023, "Y") == Y(2023) == Period(2023, "Y", 1)


@pytest.mark.parametrize(
    ("period", "code", "label", "start", "end"),
    [
        (M(2023, 3), "2023-03", "2023年3月", date(2023, 3, 1), date(2023, 3, 31)),
        (M(2023, 1), "2023-01", "2023年1月", date(2023, 1, 1), date(2023, 1, 31)),
        (M(2023, 2), "2023-02", "2023年2月", date(2023, 2, 1), date(2023, 2, 28)),
        (M(2024, 2), "2024-02", "2024年2月", date(2024, 2, 1), date(2024, 2, 29)),
        (M(2023, 4), "2023-04", "2023年4月", date(2023, 4, 1), date(2023, 4, 30)),
        (M(2023, 12), "2023-12", "2023年12月", date(2023, 12, 1), date(2023, 12, 31)),
        (Q(2023, 1), "2023Q1", "2023年第一季度", date(2023, 1, 1), date(2023, 3, 31)),
        (Q(2023, 2), "2023Q2", "2023年第二季度", date(2023, 4, 1), date(2023, 6, 30)),
        (Q(2023, 3), "2023Q3", "2023年第三季度", date(2023, 7, 1), date(2023, 9, 30)),
        (Q(2023, 4), "2023Q4", "2023年第四季度", date(2023, 10, 1), date(2023, 12, 31)),
        (H(2023, 1), "2023H1", "2023年上半年", date(2023, 1, 1), date(2023, 6, 30)),
        (H(2023, 2), "2023H2", "2023年下半年", date(2023, 7, 1), date(2023, 12, 31)),
        (Y(2023), "2023", "2023年", date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_views(period, code, label, start, end):
    assert period.code == code
    assert str(period) == code
    assert period.label == label
    assert period.start == start
    assert period.end == end
    assert parse_period(code) == period
    assert parse_period(label) == period
    assert period.contains(start) and period.contains(end)
    assert period.contains(dt.datetime.combine(end, dt.time(23, 59)))
    assert not period.contains(start - dt.timedelta(days=1))
    assert not period.contains(end + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("year", "kind", "index"),
    [
        (2023, "M", 0),
        (2023, "M", 13),
        (2023, "Q", 0),
        (2023, "Q", 5),
        (2023, "H", 3),
        (2023, "Y", 2),
        (2023, "W", 1),
        (1899, "Y", 1),
        (2101, "Y", 1),
    ],
)
def test_invalid(year, kind, index):
    with pytest.raises(ValueError):
        Period(year, kind, index)


def test_frozen_and_hashable():
    p = Q(2023, 1)
    with pytest.raises(AttributeError):
        p.year = 2024  # type: ignore[misc]
    assert {Q(2023, 1), Period(2023, "Q", 1)} == {p}


def test_ordering_same_kind():
    assert Q(2022, 4) < Q(2023, 1) < Q(2023, 2) < Q(2023, 4) < Q(2024, 1)
    assert M(2023, 9) < M(2023, 10) < M(2023, 12) < M(2024, 1)
    assert H(2022, 2) < H(2023, 1) < H(2023, 2)
    assert Y(2022) < Y(2023)
    assert sorted([Q(2023, 2), Q(2022, 4), Q(2023, 1)]) == [Q(2022, 4), Q(2023, 1), Q(2023, 2)]
    assert max([M(2023, 2), M(2023, 11), M(2022, 12)]) == M(2023, 11)


def test_sort_key_orders_mixed_kinds_by_end():
    mixed = [Y(2023), Q(2023, 1), M(2023, 3), H(2023, 1), M(2023, 1), Q(2022, 4)]
    ordered = sorted(mixed, key=lambda p: p.sort_key)
    assert ordered == [Q(2022, 4), M(2023, 1), Q(2023, 1), M(2023, 3), H(2023, 1), Y(2023)]


@pytest.mark.parametrize(
    ("period", "following"),
    [
        (M(2023, 1), M(2023, 2)),
        (M(2023, 11), M(2023, 12)),
        (M(2023, 12), M(2024, 1)),
        (Q(2023, 1), Q(2023, 2)),
        (Q(2023, 3), Q(2023, 4)),
        (Q(2023, 4), Q(2024, 1)),
        (H(2023, 1), H(2023, 2)),
        (H(2023, 2), H(2024, 1)),
        (Y(2023), Y(2024)),
    ],
)
def test_next_previous(period, following):
    assert period.next() == following
    assert following.previous() == period
    assert period.next().start == period.end + dt.timedelta(days=1)


ALL_PERIODS = st.one_of(
    st.builds(M, st.integers(1901, 2099), st.integers(1, 12)),
    st.builds(Q, st.integers(1901, 2099), st.integers(1, 4)),
    st.builds(H, st.integers(1901, 2099), st.integers(1, 2)),
    st.builds(Y, st.integers(1901, 2099)),
)


@given(ALL_PERIODS)
def test_round_trips(period):
    assert parse_period(period.code) == period
    assert parse_period(period.label) == period
    assert find_period(f"区发改委_{period.code}_进展情况.xlsx") == period
    assert find_period(f"{period.label}进展情况（区发改委）.xls") == period
    assert find_period(f"报送期：{period.label}") == period
    assert period.next().previous() == period
    assert period.previous().next() == period
    assert period < period.next()
    assert period.next().start == period.end + dt.timedelta(days=1)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(list(CYCLES)))
def test_current_contains_and_latest_ended_is_before(today, cycle):
    now = current(today, cycle)
    assert now.contains(today)
    assert now.kind == CYCLES[cycle]
    ended = latest_ended(today, cycle)
    assert ended.end < today
    assert ended.next() == now  # nothing ended in between


# ---- parse_period ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023Q1", Q(2023, 1)),
        ("2023q1", Q(2023, 1)),
        ("2023-Q1", Q(2023, 1)),
        ("2023-q4", Q(2023, 4)),
        ("2023年Q2", Q(2023, 2)),
        ("2023年第一季度", Q(2023, 1)),
        ("2023年一季度", Q(2023, 1)),
        ("2023年1季度", Q(2023, 1)),
        ("2023年第1季度", Q(2023, 1)),
        ("2023年第二季度", Q(2023, 2)),
        ("2023年三季度", Q(2023, 3)),
        ("2023年4季度", Q(2023, 4)),
        ("2023年第四季度", Q(2023, 4)),
        ("2023年度第一季度", Q(2023, 1)),
        ("2023年3月", M(2023, 3)),
        ("2023年03月", M(2023, 3)),
        ("2023年3月份", M(2023, 3)),
        ("2023年12月", M(2023, 12)),
        ("2023-03", M(2023, 3)),
        ("2023-3", M(2023, 3)),
        ("2023.03", M(2023, 3)),
        ("2023.3", M(2023, 3)),
        ("2023/03", M(2023, 3)),
        ("2023-12", M(2023, 12)),
        ("2023H1", H(2023, 1)),
        ("2023h2", H(2023, 2)),
        ("2023-H1", H(2023, 1)),
        ("2023年上半年", H(2023, 1)),
        ("2023年下半年", H(2023, 2)),
        ("2023上半年", H(2023, 1)),
        ("2023", Y(2023)),
        ("2023年", Y(2023)),
        ("2023年度", Y(2023)),
        ("2023年1-3月", Q(2023, 1)),
        ("2023年4-6月", Q(2023, 2)),
        ("2023年1-6月", H(2023, 1)),
        ("2023年7-12月", H(2023, 2)),
        ("2023年1-12月", Y(2023)),
        # width and spaces
        ("２０２３Ｑ１", Q(2023, 1)),
        ("２０２３年第一季度", Q(2023, 1)),
        (" 2023Q1 ", Q(2023, 1)),
        ("2023 年 第一季度", Q(2023, 1)),
        ("2023\u3000Q1", Q(2023, 1)),
        ("２０２３－０３", M(2023, 3)),
        (2023, Y(2023)),
        (Q(2023, 1), Q(2023, 1)),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "  ",
        "abc",
        "2023Q5",
        "2023Q0",
        "2023H3",
        "2023-13",
        "2023-00",
        "2023年13月",
        "2023年第五季度",
        "2023-06-30",
        "2023年6月30日",
        "2023年第一季度进展",  # not only a period: see find_period
        "报送期：2023Q1",
        "023-71422160",
        "20231",
        "202303",
        "23Q1",
        "2023年2-4月",  # not a quarter
        "1899",
        "Q1",
    ],
)
def test_parse_period_rejects(text):
    assert parse_period(text) is None


# ---- find_period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区农业农村委_2023Q2_进展情况.xlsx", Q(2023, 2)),
        ("sample_区农业农村委_2023Q2_进展情况.xlsx", Q(2023, 2)),
        ("2023Q1_区发展改革委_进展情况表.xlsx", Q(2023, 1)),
        ("2023年第一季度进展情况（区发改委）.xls", Q(2023, 1)),
        ("区发改委2023年一季度进展.xlsx", Q(2023, 1)),
        ("区发改委2023年1季度.xlsx", Q(2023, 1)),
        ("区发改委（2023年第1季度）.xlsm", Q(2023, 1)),
        ("报送期：2023年第二季度", Q(2023, 2)),
        ("报送期:2023Q3", Q(2023, 3)),
        ("报送期：２０２３年第四季度", Q(2023, 4)),
        ("区财政局2023年3月进展.xlsx", M(2023, 3)),
        ("区财政局_2023-03_进展.xlsx", M(2023, 3)),
        ("区财政局 2023.03 进展.xlsx", M(2023, 3)),
        ("2023H1_区财政局.xlsx", H(2023, 1)),
        ("区财政局2023年上半年工作进展.xlsx", H(2023, 1)),
        ("区财政局2023年下半年工作进展.xlsx", H(2023, 2)),
        ("区财政局2023年度进展.xlsx", Y(2023)),
        ("区财政局2023年进展.xlsx", Y(2023)),
        ("区财政局_2023.xlsx", Y(2023)),
        ("2023_区财政局.xlsx", Y(2023)),
        ("区财政局2023年1-3月进展.xlsx", Q(2023, 1)),
        # the most specific wins over a year
        ("2023年度第一季度进展", Q(2023, 1)),
        ("2023年进展_2023Q1.xlsx", Q(2023, 1)),
        ("2023年区财政局第一季度（2023Q1）", Q(2023, 1)),
        # dates and phone numbers beside the period do not disturb it
        ("报送期：2023年第二季度（截至2023年6月30日）", Q(2023, 2)),
        ("报送期：2023年第二季度（截至2023年6月）", Q(2023, 2)),
        ("报送期：2023年第一季度 填报日期：2023年4月", Q(2023, 1)),
        ("报送期：2023年第一季度 填报日期：2023-04-05", Q(2023, 1)),
        ("联系电话：023-71422160 报送期：2023Q1", Q(2023, 1)),
        ("南川府发〔2022〕34号 2023年第一季度进展", Q(2023, 1)),
        ("2023-06-30报送_2023Q2", Q(2023, 2)),
    ],
)
def test_find_period(text, expected):
    assert find_period(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "进展情况.xlsx",
        "2023-06-30",
        "2023/6/30",
        "2023.6.30",
        "2023年6月30日",
        "填报日期：2023年4月5日",
        "填报日期：2023年4月",
        "截至2023年6月",
        "023-71422160",
        "联系电话：023-71422160",
        "023-7142216",
        "13912345678",
        "南川府发〔2022〕34号",
        "第18项",
        "2023Q5",
        "2023年13月",
        "编号20230630",
        "进展202303.xlsx",
        "区财政局1234进展",
        "ABC2023DEF",
    ],
)
def test_find_period_negative(text):
    assert find_period(text) is None


# ---- current / latest_ended ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "cycle", "now", "ended"),
    [
        # quarter
        (date(2023, 4, 10), "quarter", Q(2023, 2), Q(2023, 1)),
        (date(2023, 3, 31), "quarter", Q(2023, 1), Q(2022, 4)),
        (date(2023, 4, 1), "quarter", Q(2023, 2), Q(2023, 1)),
        (date(2023, 1, 1), "quarter", Q(2023, 1), Q(2022, 4)),
        (date(2023, 12, 31), "quarter", Q(2023, 4), Q(2023, 3)),
        (date(2023, 7, 1), "quarter", Q(2023, 3), Q(2023, 2)),
        (date(2023, 10, 1), "quarter", Q(2023, 4), Q(2023, 3)),
        # month
        (date(2023, 4, 10), "month", M(2023, 4), M(2023, 3)),
        (date(2023, 1, 1), "month", M(2023, 1), M(2022, 12)),
        (date(2023, 1, 31), "month", M(2023, 1), M(2022, 12)),
        (date(2023, 3, 1), "month", M(2023, 3), M(2023, 2)),
        (date(2024, 2, 29), "month", M(2024, 2), M(2024, 1)),
        (date(2023, 12, 31), "month", M(2023, 12), M(2023, 11)),
        # half
        (date(2023, 6, 30), "half", H(2023, 1), H(2022, 2)),
        (date(2023, 7, 1), "half", H(2023, 2), H(2023, 1)),
        (date(2023, 1, 1), "half", H(2023, 1), H(2022, 2)),
        (date(2023, 12, 31), "half", H(2023, 2), H(2023, 1)),
        # year
        (date(2023, 12, 31), "year", Y(2023), Y(2022)),
        (date(2024, 1, 1), "year", Y(2024), Y(2023)),
        (date(2023, 6, 15), "year", Y(2023), Y(2022)),
        # kind letters are accepted as well
        (date(2023, 4, 10), "Q", Q(2023, 2), Q(2023, 1)),
        (date(2023, 4, 10), "M", M(2023, 4), M(2023, 3)),
    ],
)
def test_current_and_latest_ended(today, cycle, now, ended):
    assert current(today, cycle) == now
    assert latest_ended(today, cycle) == ended
    assert ended.end < today <= now.end


def test_unknown_cycle():
    with pytest.raises(ValueError):
        latest_ended(date(2023, 4, 10), "week")
    with pytest.raises(ValueError):
        current(date(2023, 4, 10), "")


def test_containing():
    assert Period.containing(date(2023, 8, 15), "Q") == Q(2023, 3)
    assert Period.containing(date(2023, 8, 15), "half") == H(2023, 2)


def test_require_period_reads_or_raises_the_one_period_error():
    from greentasks.domain.periods import require_period
    from greentasks.errors import PeriodError, UsageError

    assert require_period("2023年第二季度").code == "2023Q2"
    assert require_period(Period.quarter(2023, 1)).code == "2023Q1"
    with pytest.raises(PeriodError) as caught:
        require_period("下个季度")
    assert isinstance(caught.value, UsageError) and "下个季度" in str(caught.value) and "2023Q1" in str(caught.value)
