"""The rules behind the 销号/退回 buttons, the unit order and who owes a return (domain.rules)."""

from __future__ import annotations

import itertools

from greentasks.domain.periods import parse_period
from greentasks.domain.rules import (
    CLOSURE_CONFIRMED,
    CLOSURE_PENDING,
    STATUS_ORDER,
    can_confirm,
    can_send_back,
    category_sort_key,
    owes_return,
)
from greentasks.domain.statuses import STATUSES
from greentasks.domain.vocabulary import CATEGORIES


def test_only_a_pending_completion_can_be_confirmed():
    for status, closure in itertools.product(STATUSES, (None, CLOSURE_PENDING, CLOSURE_CONFIRMED, "退回")):
        assert can_confirm(status, closure) == (status == "已完成" and closure == CLOSURE_PENDING)


def test_only_completed_work_can_be_sent_back():
    assert [s for s in STATUSES if can_send_back(s)] == ["已完成"]


def test_status_order_puts_behind_first_and_done_last():
    assert set(STATUS_ORDER) == set(STATUSES)
    assert min(STATUS_ORDER, key=STATUS_ORDER.get) == "滞后" and max(STATUS_ORDER, key=STATUS_ORDER.get) == "已完成"


def test_units_sort_by_category_then_name():
    units = [("集合", "各乡镇（街道）"), ("企事业单位", "国网南川供电公司"), ("乡镇街道", "东城街道"),
             ("区级部门", "区财政局"), ("区级部门", "区发展改革委"), ("未知", "某单位")]
    ordered = sorted(units, key=lambda u: category_sort_key(*u))
    assert [c for c, _ in ordered] == ["区级部门", "区级部门", *CATEGORIES[1:], "未知"]
    assert ordered[0][1] < ordered[1][1]


def test_who_owes_a_return():
    q1, q2 = parse_period("2023Q1"), parse_period("2023Q2")
    assert owes_return("牵头", "区级部门", "推进中", period=q2)
    assert not owes_return("配合", "区级部门", "推进中", period=q2)
    assert not owes_return("牵头", "集合", "推进中", period=q2)
    assert owes_return("牵头", "区级部门", "已完成", period=q1, done_in=q2)  # done later: Q1 was still owed
    assert not owes_return("牵头", "区级部门", "已完成", period=q2, done_in=q1)
    assert not owes_return("牵头", "区级部门", "已完成", period=q2)  # done by hand
