"""延期 as plain rules (domain.extensions): the words sheets print, which deadlines can be
extended, which new dates are allowed, and which approval is in force on a day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from greentasks.domain.extensions import (
    APPROVED,
    DECLINED,
    REQUESTED,
    STATES,
    ExtensionError,
    ExtensionFacts,
    date_words,
    effective_due,
    extension_text,
    in_force,
    new_date_problem,
    not_extendable,
    original_words,
    parse_new_date,
)
from greentasks.errors import UsageError
from greentasks.models.assignment import EXTENSION_STATES


def test_the_states_are_the_schemas():
    assert STATES == EXTENSION_STATES == (REQUESTED, APPROVED, DECLINED)


@pytest.mark.parametrize(("day", "words"), [
    (date(2023, 9, 30), "2023年9月底前"),
    (date(2023, 9, 15), "2023年9月15日前"),
    (date(2023, 9, 29), "2023年9月29日前"),
    (date(2024, 2, 29), "2024年2月底前"),
    (date(2023, 2, 28), "2023年2月底前"),
    (date(2024, 2, 28), "2024年2月28日前"),  # not the end of February in a leap year
    (date(2023, 12, 31), "2023年12月底前"),
    (date(2023, 1, 1), "2023年1月1日前"),
])
def test_date_words(day, words):
    assert date_words(day) == words


@pytest.mark.parametrize(("original", "extended_to", "text"), [
    ("2023年6月底前", date(2023, 9, 30), "原定2023年6月底前，已批准延期至2023年9月底前"),
    ("2023年6月底前", date(2023, 9, 15), "原定2023年6月底前，已批准延期至2023年9月15日前"),
    ("  2023年6月30日前完成 ", date(2023, 12, 31), "原定2023年6月30日前完成，已批准延期至2023年12月底前"),
    ("2023-06-30", date(2023, 8, 31), "原定2023年6月底前，已批准延期至2023年8月底前"),  # a date cell's text
    ("2023-06-15", date(2023, 8, 31), "原定2023年6月15日前，已批准延期至2023年8月底前"),
    ("", date(2023, 9, 30), "原定时限未填写，已批准延期至2023年9月底前"),
    ("　", date(2023, 9, 30), "原定时限未填写，已批准延期至2023年9月底前"),
    ("尽快", date(2023, 9, 30), "原定尽快，已批准延期至2023年9月底前"),
])
def test_extension_text(original, extended_to, text):
    assert extension_text(original, extended_to) == text


def test_original_words_keep_what_the_clerk_wrote():
    assert original_words("2023年上半年") == "原定2023年上半年"
    assert original_words("2023-13-45") == "原定2023-13-45"  # not a date: the text as it is


def test_only_a_deadline_of_one_day_can_be_extended():
    assert not_extendable("date", "2023年6月底前") is None
    assert not_extendable("未识别", "尽快") is None  # the new date gives it one
    assert not_extendable("未识别", "") is None
    ongoing = not_extendable("ongoing", "长期坚持")
    assert ongoing is not None and "长期坚持" in ongoing and "不需要延期" in ongoing
    recurring = not_extendable("recurring", "每季度末")
    assert recurring is not None and "每季度末" in recurring and "周期性" in recurring


def test_the_new_date_must_be_later_than_the_date_in_force():
    assert new_date_problem(date(2023, 9, 30), current_due=date(2023, 6, 30)) is None
    same = new_date_problem(date(2023, 6, 30), current_due=date(2023, 6, 30))
    assert same is not None and "须晚于" in same and "现在的完成时限是2023年6月底前" in same
    earlier = new_date_problem(date(2023, 8, 31), current_due=date(2023, 9, 30), extended=True)
    assert earlier is not None and "已批准延期至2023年9月底前" in earlier
    assert new_date_problem(date(2023, 9, 30), current_due=None) is None  # an unrecognised deadline


def test_the_new_date_is_not_before_the_plan_was_issued():
    issued = date(2022, 7, 28)
    problem = new_date_problem(date(2022, 7, 1), current_due=None, issued_on=issued)
    assert problem is not None and "成文日期（2022年7月28日）" in problem
    assert new_date_problem(date(2022, 7, 28), current_due=None, issued_on=issued) is None


@pytest.mark.parametrize(("value", "day"), [
    ("2023年9月底前", date(2023, 9, 30)),
    ("2023-09-30", date(2023, 9, 30)),
    ("２０２３年９月１５日", date(2023, 9, 15)),
    ("2023年第三季度", date(2023, 9, 30)),
    ("2023/9/15", date(2023, 9, 15)),
    (datetime(2023, 9, 15, 0, 0), date(2023, 9, 15)),
    (date(2023, 9, 15), date(2023, 9, 15)),
    (45199, date(2023, 9, 30)),  # an Excel date cell that lost its format
])
def test_parse_new_date(value, day):
    assert parse_new_date(value) == day


@pytest.mark.parametrize("value", ["每季度末", "长期坚持", "尽快", "2023年初", "2023年2月30日", "abc"])
def test_a_new_date_that_is_not_one_day_is_refused_in_chinese(value):
    with pytest.raises(ExtensionError, match="不是一个日期") as caught:
        parse_new_date(value)
    assert isinstance(caught.value, UsageError)  # the command line's exit 2


def test_an_empty_new_date_asks_for_one():
    with pytest.raises(ExtensionError, match="请填写"):
        parse_new_date("  ")


def test_the_extension_in_force_is_the_latest_approval_up_to_the_day():
    first = ExtensionFacts(1, APPROVED, date(2023, 9, 30), date(2023, 7, 1))
    second = ExtensionFacts(2, APPROVED, date(2023, 12, 31), date(2023, 10, 8))
    declined = ExtensionFacts(3, DECLINED, date(2024, 6, 30), date(2023, 11, 1))
    pending = ExtensionFacts(4, REQUESTED, date(2024, 12, 31))
    every = [second, declined, pending, first]
    assert in_force(every) == second
    assert in_force(every, date(2023, 10, 7)) == first
    assert in_force(every, date(2023, 10, 8)) == second
    assert in_force(every, date(2023, 6, 30)) is None
    same_day = ExtensionFacts(5, APPROVED, date(2023, 11, 30), date(2023, 10, 8))
    assert in_force([same_day, second]) == same_day  # the later record on the same day
    assert effective_due(date(2023, 6, 30), every, date(2023, 8, 1)) == (date(2023, 9, 30), True)
    assert effective_due(date(2023, 6, 30), every, date(2023, 6, 1)) == (date(2023, 6, 30), False)
    assert effective_due(None, [], None) == (None, False)
