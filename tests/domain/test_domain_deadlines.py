import datetime as dt
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.deadlines import (
    Deadline,
    DeadlineKind,
    describe,
    due_on,
    next_due,
    parse_deadline,
)

DATE, ONGOING, RECURRING, UNRECOGNISED = (
    DeadlineKind.DATE,
    DeadlineKind.ONGOING,
    DeadlineKind.RECURRING,
    DeadlineKind.UNRECOGNISED,
)


def test_kind_constants():
    assert (DATE, ONGOING, RECURRING, UNRECOGNISED) == ("date", "ongoing", "recurring", "未识别")
    assert DeadlineKind.ALL == (DATE, ONGOING, RECURRING, UNRECOGNISED)


def test_deadline_is_frozen():
    d = parse_deadline("2023年6月底前")
    with pytest.raises(AttributeError):
        d.due = date(2024, 1, 1)  # type: ignore[misc]


# ---- dates ------------------------------------------------------------------------------------

DATED = [
    # docs/deadlines.md row 1: that date
    ("2023-06-30", date(2023, 6, 30)),
    ("2023/6/30", date(2023, 6, 30)),
    ("2023/06/30", date(2023, 6, 30)),
    ("2023.6.30", date(2023, 6, 30)),
    ("2023-6-3", date(2023, 6, 3)),
    ("2023年6月30日", date(2023, 6, 30)),
    ("2023年6月30日前", date(2023, 6, 30)),
    ("2023年6月30日之前", date(2023, 6, 30)),
    ("2023年6月30日以前", date(2023, 6, 30)),
    ("2023年6月30号", date(2023, 6, 30)),
    ("2023年6月30", date(2023, 6, 30)),
    ("2023年1月5日", date(2023, 1, 5)),
    ("20230630", date(2023, 6, 30)),
    ("2023-06-30 00:00:00", date(2023, 6, 30)),
    ("2023-06-30T08:30", date(2023, 6, 30)),
    # row 2: last day of that month
    ("2023年6月", date(2023, 6, 30)),
    ("2023年6月底", date(2023, 6, 30)),
    ("2023年6月底前", date(2023, 6, 30)),
    ("2023年6月前", date(2023, 6, 30)),
    ("2023年6月末", date(2023, 6, 30)),
    ("2023年6月份", date(2023, 6, 30)),
    ("2023年06月底前", date(2023, 6, 30)),
    ("2023年1月底前", date(2023, 1, 31)),
    ("2023年2月底前", date(2023, 2, 28)),
    ("2024年2月底前", date(2024, 2, 29)),  # leap year
    ("2000年2月底", date(2000, 2, 29)),  # divisible by 400: leap
    ("2100年2月底", date(2100, 2, 28)),  # divisible by 100: not leap
    ("2023年4月底", date(2023, 4, 30)),
    ("2023年9月底", date(2023, 9, 30)),
    ("2023年11月底", date(2023, 11, 30)),
    ("2023年12月底", date(2023, 12, 31)),
    ("2023-06", date(2023, 6, 30)),
    ("2023/6", date(2023, 6, 30)),
    ("2023.6", date(2023, 6, 30)),
    ("2023.10", date(2023, 10, 31)),
    ("2023年6月上旬", date(2023, 6, 10)),
    ("2023年6月中旬", date(2023, 6, 20)),
    ("2023年6月下旬", date(2023, 6, 30)),
    # row 3: 31 December
    ("2025年", date(2025, 12, 31)),
    ("2025年底", date(2025, 12, 31)),
    ("2025年底前", date(2025, 12, 31)),
    ("2025年年底前", date(2025, 12, 31)),
    ("2025年年底", date(2025, 12, 31)),
    ("2025年末", date(2025, 12, 31)),
    ("2025年年末", date(2025, 12, 31)),
    ("2025年前", date(2025, 12, 31)),
    ("2025年以前", date(2025, 12, 31)),
    ("2025年度", date(2025, 12, 31)),
    ("2025年内", date(2025, 12, 31)),
    ("2025年12月底前", date(2025, 12, 31)),
    ("2025", date(2025, 12, 31)),
    ("2025底前", date(2025, 12, 31)),
    # row 4: halves
    ("2023年上半年", date(2023, 6, 30)),
    ("2023年上半年前", date(2023, 6, 30)),
    ("2023年上半年底", date(2023, 6, 30)),
    ("2023年下半年", date(2023, 12, 31)),
    ("2023年下半年前", date(2023, 12, 31)),
    ("2023H1", date(2023, 6, 30)),
    ("2023H2", date(2023, 12, 31)),
    ("2023年年中", date(2023, 6, 30)),
    ("2023年中", date(2023, 6, 30)),
    # row 5: quarters, every spelling, every quarter, with 末/底/前
    *[
        (f"2023年{q}季度{tail}", end)
        for q, end in [
            ("第一", date(2023, 3, 31)),
            ("一", date(2023, 3, 31)),
            ("1", date(2023, 3, 31)),
            ("第1", date(2023, 3, 31)),
            ("第二", date(2023, 6, 30)),
            ("二", date(2023, 6, 30)),
            ("2", date(2023, 6, 30)),
            ("第2", date(2023, 6, 30)),
            ("第三", date(2023, 9, 30)),
            ("三", date(2023, 9, 30)),
            ("3", date(2023, 9, 30)),
            ("第3", date(2023, 9, 30)),
            ("第四", date(2023, 12, 31)),
            ("四", date(2023, 12, 31)),
            ("4", date(2023, 12, 31)),
            ("第4", date(2023, 12, 31)),
        ]
        for tail in ("", "末", "底", "前", "末前", "底前")
    ],
    ("2023Q1", date(2023, 3, 31)),
    ("2023q4", date(2023, 12, 31)),
    ("2023-Q2", date(2023, 6, 30)),
    # row 6: the 14th five-year plan
    ("“十四五”期间", date(2025, 12, 31)),
    ("十四五期间", date(2025, 12, 31)),
    ('"十四五"时期', date(2025, 12, 31)),
    ("'十四五'期间", date(2025, 12, 31)),
    ("‘十四五’期间", date(2025, 12, 31)),
    ("「十四五」期间", date(2025, 12, 31)),
    ("十四五末", date(2025, 12, 31)),
    ("“十四五”末", date(2025, 12, 31)),
    ("“十四五”时期末", date(2025, 12, 31)),
    ("十三五期间", date(2020, 12, 31)),
    ("“十五五”期间", date(2030, 12, 31)),
    # ranges: the end counts
    ("2023-2025年", date(2025, 12, 31)),
    ("2023—2025年", date(2025, 12, 31)),
    ("2023年至2025年", date(2025, 12, 31)),
    ("2023年6月至12月", date(2023, 12, 31)),
    ("2023年6-9月", date(2023, 9, 30)),
    ("2023年6月1日至9月15日", date(2023, 9, 15)),
    # words around the date
    ("2023年6月底前完成", date(2023, 6, 30)),
    ("完成时限：2023年6月底", date(2023, 6, 30)),
    ("于2023年底前全面完成", date(2023, 12, 31)),
]


@pytest.mark.parametrize(("text", "due"), DATED)
def test_dates(text, due):
    d = parse_deadline(text)
    assert d == Deadline(text, DATE, due, None)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("２０２３年６月３０日", date(2023, 6, 30)),  # full-width digits
        ("２０２３－０６－３０", date(2023, 6, 30)),
        ("２０２５年底前", date(2025, 12, 31)),
        ("2023年 6月 30日", date(2023, 6, 30)),  # spaces inside
        ("2023年\u30006月底前", date(2023, 6, 30)),
        (" 2023年6月底前 ", date(2023, 6, 30)),
        ("2023 年第一季度", date(2023, 3, 31)),
        ("2023年第一季度\n", date(2023, 3, 31)),
        ("“2023年6月底前”", date(2023, 6, 30)),
        ("2023年６月", date(2023, 6, 30)),
        ("２０２３Ｑ２", date(2023, 6, 30)),
    ],
)
def test_tolerated_noise(text, due):
    assert parse_deadline(text) == Deadline(text, DATE, due)


def test_several_dates_the_last_one_counts():
    text = "2023年6月底前完成方案，2025年底前全面完成"
    assert parse_deadline(text) == Deadline(text, DATE, date(2025, 12, 31))
    # reading order, not the latest date: the clerk's text is followed as written
    assert parse_deadline("2025年底前全面完成，2023年6月底前出台方案").due == date(2023, 6, 30)
    assert parse_deadline("2023年第一季度启动，2023年6月30日前完成").due == date(2023, 6, 30)


def test_date_wins_over_ongoing_words():
    assert parse_deadline("2025年底前持续推进").due == date(2025, 12, 31)
    assert parse_deadline("持续推进，2025年底前完成").due == date(2025, 12, 31)
    assert parse_deadline("“十四五”期间持续推进").due == date(2025, 12, 31)
    assert parse_deadline("2023年底前建立机制并长期坚持").kind == DATE


def test_recurring_and_date_in_reading_order():
    d = parse_deadline("2023年6月底前建立制度，此后每季度末报送")
    assert (d.kind, d.rule) == (RECURRING, "Q")
    d = parse_deadline("每季度末报送进展，2025年底前全面完成")
    assert (d.kind, d.due) == (DATE, date(2025, 12, 31))


# ---- date cells and numbers -------------------------------------------------------------------


def test_date_cell():
    assert parse_deadline(date(2023, 6, 30)) == Deadline("2023-06-30", DATE, date(2023, 6, 30))


def test_datetime_cell():
    d = parse_deadline(dt.datetime(2023, 6, 30, 17, 45))
    assert d == Deadline("2023-06-30", DATE, date(2023, 6, 30))
    assert type(d.due) is date


def test_leap_day_cell():
    assert parse_deadline(date(2024, 2, 29)).due == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "text", "due"),
    [
        (45107, "2023-06-30", date(2023, 6, 30)),  # Excel serial of 2023-06-30
        (45107.0, "2023-06-30", date(2023, 6, 30)),
        (45107.75, "2023-06-30", date(2023, 6, 30)),  # a date-time serial
        (45351, "2024-02-29", date(2024, 2, 29)),
        (36526, "2000-01-01", date(2000, 1, 1)),
        (73050, "2099-12-31", date(2099, 12, 31)),
        (2025, "2025", date(2025, 12, 31)),  # a year typed into a number cell
        (2025.0, "2025", date(2025, 12, 31)),
    ],
)
def test_numbers(value, text, due):
    assert parse_deadline(value) == Deadline(text, DATE, due)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (18, "18"),
        (2023.6, "2023.6"),  # 2023.10 would arrive as 2023.1: never guessed
        (36525, "36525"),
        (73051, "73051"),
        (-1, "-1"),
        (0, "0"),
        (float("nan"), ""),
        (float("inf"), ""),
        (True, "TRUE"),
    ],
)
def test_numbers_not_understood(value, text):
    assert parse_deadline(value) == Deadline(text, UNRECOGNISED)


# ---- ongoing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "长期坚持",
        "持续推进",
        "长期",
        "常态化",
        "常态化推进",
        "长期推进",
        "持续开展",
        "常年",
        "长期坚持。",
        " 长期坚持 ",
        "长 期 坚 持",
        "“长期坚持”",
        "按要求长期推进",
    ],
)
def test_ongoing(text):
    assert parse_deadline(text) == Deadline(text, ONGOING)


# ---- recurring ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("每年12月底前", "Y:12-31"),
        ("每年6月底前", "Y:06-30"),
        ("每年6月底", "Y:06-30"),
        ("每年1月底前", "Y:01-31"),
        ("每年2月底前", "Y:02-29"),  # clamped to 28 in common years (see next_due)
        ("每年11月底前", "Y:11-30"),
        ("每年年底前", "Y:12-31"),
        ("每年底前", "Y:12-31"),
        ("每年年末", "Y:12-31"),
        ("每年", "Y:12-31"),
        ("每年度", "Y:12-31"),
        ("每年3月15日前", "Y:03-15"),
        ("每年12月31日前", "Y:12-31"),
        ("每年2月29日", "Y:02-29"),
        ("每年上半年", "Y:06-30"),
        ("每年第三季度", "Y:09-30"),
        ("每年一季度", "Y:03-31"),
        ("每季度末", "Q"),
        ("每季度", "Q"),
        ("每季度末前", "Q"),
        ("每季末", "Q"),
        ("每个季度", "Q"),
        ("每月底", "M"),
        ("每月", "M"),
        ("每月末", "M"),
        ("每个月底前", "M"),
        ("每月5日前", "M:05"),
        ("每月25号前", "M:25"),
        ("每月31日前", "M:31"),
        ("每半年", "H"),
        ("每半年末", "H"),
        ("每年12月底前报送", "Y:12-31"),
        ("每季度末报送进展情况", "Q"),
        ("２０２３年起每季度末", "Q"),
        ("每年１２月底前", "Y:12-31"),  # full-width digits
    ],
)
def test_recurring(text, rule):
    assert parse_deadline(text) == Deadline(text, RECURRING, None, rule)


# ---- not understood -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2023年2月30日",  # no such day
        "2023年2月29日",  # 2023 is not a leap year
        "2100年2月29日",
        "2023-02-30",
        "2023/13/01",
        "2023年13月",
        "2023年0月",
        "2023-13",
        "2023年6月31日",
        "2023年初",  # vague
        "2023年年初",
        "2023年6月初",
        "6月底前",  # no year
        "年底前",
        "按上级要求",
        "根据工作需要",
        "已完成",
        "2023年6",
        "023-71422160",
        "每年2月30日",
        "每月32日",
        "1899年",
        "9999年底",
        "2023年6月30日前完成方案，2023年2月30日全面完成",  # the last one is impossible
        "abc",
        "……",
        "2023-6/30",  # mixed separators
        "12:30",
    ],
)
def test_unrecognised(text):
    assert parse_deadline(text) == Deadline(text, UNRECOGNISED)


@pytest.mark.parametrize("value", [None, ""])
def test_empty(value):
    d = parse_deadline(value)
    assert d == Deadline("", UNRECOGNISED)
    assert d.is_blank


def test_blank_text_kept():
    d = parse_deadline("  \u3000")
    assert d == Deadline("  \u3000", UNRECOGNISED)
    assert d.is_blank
    assert not parse_deadline("按要求").is_blank


# ---- properties --------------------------------------------------------------------------------

_DEADLINE_ALPHABET = st.sampled_from(
    list(
        "0123456789０１２３年月日底末前之以季度第一二三四上下半期间十五长坚持续常态化每号-/.()（）“”\"' 　,，;；"
    )
)


@given(st.one_of(st.text(), st.text(_DEADLINE_ALPHABET, max_size=30)))
def test_never_raises_and_keeps_text(text):
    d = parse_deadline(text)
    assert d.text == text
    assert d.kind in DeadlineKind.ALL
    if d.kind == DATE:
        assert isinstance(d.due, date)
        assert d.rule is None
    elif d.kind == RECURRING:
        assert d.due is None and d.rule
        assert due_on(d, date(2023, 4, 10)) >= date(2023, 4, 10)
    else:
        assert d.due is None and d.rule is None
    assert describe(d)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_round_trips_in_every_spelling(day):
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}日前",
        f"{day:%Y%m%d}",
    ):
        assert parse_deadline(text) == Deadline(text, DATE, day)
    assert parse_deadline(day) == Deadline(day.isoformat(), DATE, day)


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_every_month_end(year, month):
    d = parse_deadline(f"{year}年{month}月底前")
    assert d.kind == DATE
    assert d.due.month == month and d.due.year == year
    assert (d.due + dt.timedelta(days=1)).day == 1


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.none(), st.dates(), st.datetimes()))
def test_never_raises_on_cell_values(value):
    d = parse_deadline(value)
    assert d.kind in DeadlineKind.ALL
    assert d.kind != DATE or isinstance(d.due, date)


# ---- due_on / next_due ---------------------------------------------------------------------------


def test_due_on_date_ignores_today():
    d = parse_deadline("2023年6月底前")
    assert due_on(d, date(2020, 1, 1)) == date(2023, 6, 30)
    assert due_on(d, date(2030, 1, 1)) == date(2023, 6, 30)


@pytest.mark.parametrize("text", ["长期坚持", "按要求", ""])
def test_due_on_none(text):
    assert due_on(parse_deadline(text), date(2023, 4, 10)) is None


@pytest.mark.parametrize(
    ("rule", "today", "expected"),
    [
        # yearly
        ("Y:12-31", date(2023, 1, 1), date(2023, 12, 31)),
        ("Y:12-31", date(2023, 12, 31), date(2023, 12, 31)),  # due today is still this year's
        ("Y:12-31", date(2024, 1, 1), date(2024, 12, 31)),
        ("Y:06-30", date(2023, 6, 30), date(2023, 6, 30)),
        ("Y:06-30", date(2023, 7, 1), date(2024, 6, 30)),
        ("Y:06-30", date(2023, 1, 1), date(2023, 6, 30)),
        ("Y:02-29", date(2023, 1, 10), date(2023, 2, 28)),  # common year: month end
        ("Y:02-29", date(2024, 1, 10), date(2024, 2, 29)),  # leap year
        ("Y:02-29", date(2023, 3, 1), date(2024, 2, 29)),
        ("Y:02-29", date(2024, 3, 1), date(2025, 2, 28)),
        ("Y:03-15", date(2023, 3, 15), date(2023, 3, 15)),
        ("Y:03-15", date(2023, 3, 16), date(2024, 3, 15)),
        # quarterly
        ("Q", date(2023, 1, 1), date(2023, 3, 31)),
        ("Q", date(2023, 3, 31), date(2023, 3, 31)),
        ("Q", date(2023, 4, 1), date(2023, 6, 30)),
        ("Q", date(2023, 6, 30), date(2023, 6, 30)),
        ("Q", date(2023, 7, 1), date(2023, 9, 30)),
        ("Q", date(2023, 9, 30), date(2023, 9, 30)),
        ("Q", date(2023, 10, 1), date(2023, 12, 31)),
        ("Q", date(2023, 12, 31), date(2023, 12, 31)),
        ("Q", date(2024, 1, 1), date(2024, 3, 31)),
        # half-yearly
        ("H", date(2023, 1, 1), date(2023, 6, 30)),
        ("H", date(2023, 6, 30), date(2023, 6, 30)),
        ("H", date(2023, 7, 1), date(2023, 12, 31)),
        ("H", date(2023, 12, 31), date(2023, 12, 31)),
        # monthly
        ("M", date(2023, 1, 1), date(2023, 1, 31)),
        ("M", date(2023, 1, 31), date(2023, 1, 31)),
        ("M", date(2023, 2, 1), date(2023, 2, 28)),
        ("M", date(2024, 2, 15), date(2024, 2, 29)),
        ("M", date(2023, 4, 30), date(2023, 4, 30)),
        ("M", date(2023, 12, 31), date(2023, 12, 31)),
        ("M", date(2024, 1, 1), date(2024, 1, 31)),
        # monthly on a day
        ("M:05", date(2023, 4, 5), date(2023, 4, 5)),
        ("M:05", date(2023, 4, 6), date(2023, 5, 5)),
        ("M:05", date(2023, 12, 6), date(2024, 1, 5)),
        ("M:31", date(2023, 2, 1), date(2023, 2, 28)),
        ("M:31", date(2023, 4, 30), date(2023, 4, 30)),
        ("M:30", date(2023, 2, 28), date(2023, 2, 28)),
        ("M:31", date(2023, 3, 31), date(2023, 3, 31)),
    ],
)
def test_next_due(rule, today, expected):
    assert next_due(rule, today) == expected
    assert due_on(Deadline("x", RECURRING, None, rule), today) == expected


def test_next_due_unknown_rule():
    with pytest.raises(ValueError):
        next_due("W", date(2023, 1, 1))


@pytest.mark.parametrize("rule", ["Y:12-31", "Y:06-30", "Y:02-29", "Q", "H", "M", "M:05", "M:31"])
@given(today=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_next_due_is_on_or_after_today_and_within_its_cycle(rule, today):
    due = next_due(rule, today)
    assert due >= today
    longest_cycle = {"Q": 92, "H": 184, "M": 31, "Y": 366}[rule[0]]
    assert (due - today).days < longest_cycle
    assert next_due(rule, due) == due  # a due date is its own next due date
    assert next_due(rule, due + dt.timedelta(days=1)) > due


def test_due_on_parsed_recurring():
    assert due_on(parse_deadline("每年12月底前"), date(2023, 4, 10)) == date(2023, 12, 31)
    assert due_on(parse_deadline("每季度末"), date(2023, 4, 10)) == date(2023, 6, 30)
    assert due_on(parse_deadline("每月底"), date(2023, 4, 10)) == date(2023, 4, 30)
    assert due_on(parse_deadline("每半年"), date(2023, 4, 10)) == date(2023, 6, 30)


# ---- describe ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年6月底前", "截止 2023-06-30"),
        ("2025年", "截止 2025-12-31"),
        ("长期坚持", "长期坚持，不计逾期"),
        ("每季度末", "每季度末（周期性）"),
        ("每月底", "每月底（周期性）"),
        ("每半年", "每半年末（周期性）"),
        ("每年12月底前", "每年年底前（周期性）"),
        ("每年6月底前", "每年6月底前（周期性）"),
        ("每年2月底前", "每年2月底前（周期性）"),
        ("每年3月15日前", "每年3月15日前（周期性）"),
        ("每月5日前", "每月5日前（周期性）"),
        ("按上级要求", "未识别：请改为如“2023年6月底前”的写法"),
        ("", "未填写完成时限"),
    ],
)
def test_describe(text, expected):
    assert describe(parse_deadline(text)) == expected


def test_describe_with_today_shows_next_due():
    d = parse_deadline("每季度末")
    assert describe(d, date(2023, 4, 10)) == "每季度末（周期性），下次截止 2023-06-30"
    assert describe(parse_deadline("2023年6月底前"), date(2023, 4, 10)) == "截止 2023-06-30"
