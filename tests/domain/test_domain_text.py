import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.text import clean, closest, fold


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("区发改委", "区发改委"),
        ("  区发改委  ", "区发改委"),
        ("区\u3000发改委", "区发改委"),  # ideographic space
        ("区\u00a0发改委", "区发改委"),  # non-breaking space
        ("区\t发改\n委\r\n", "区发改委"),
        ("区\u200b发改委\ufeff", "区发改委"),  # zero-width characters
        ("２０２３Ｑ１", "2023Q1"),
        ("ＡＢＣａｂｃ", "ABCabc"),
        ("（牵头）", "(牵头)"),
        ("牵头单位：", "牵头单位:"),
        ("甲，乙；丙！", "甲,乙;丙!"),
        ("", ""),
        ("   ", ""),
        ("\u3000\u3000", ""),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


def test_fold_makes_full_and_half_width_equal():
    assert fold("各乡镇（街道）") == fold("各乡镇(街道)")
    assert fold("推进中 ") == fold("\u3000推进中")


@given(st.text())
def test_fold_is_idempotent_and_has_no_whitespace(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(ch.isspace() for ch in folded)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  区发改委 ", "区发改委"),
        (18, "18"),
        (18.0, "18"),
        (-3.0, "-3"),
        (18.5, "18.5"),
        (0.1, "0.1"),
        (Decimal("18.00"), "18"),
        (Decimal("18.50"), "18.5"),
        (True, "TRUE"),
        (False, "FALSE"),
        (float("nan"), ""),
        (dt.date(2023, 6, 30), "2023-06-30"),
        (dt.datetime(2023, 6, 30), "2023-06-30"),
        (dt.datetime(2023, 6, 30, 9, 5), "2023-06-30 09:05"),
        ("第一行\r\n第二行", "第一行\n第二行"),
        ("第一行\r第二行", "第一行\n第二行"),
        ("\n 第一行\n\n第二行 \n", "第一行\n\n第二行"),
        ("a_x000D_\nb", "a\nb"),
    ],
)
def test_clean(value, expected):
    assert clean(value) == expected


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_clean_integral_floats_have_no_decimal_point(n):
    assert clean(float(n)) == str(n)
    assert clean(n) == str(n)


DIRECTORY = ["区发展改革委", "区经济信息委", "区农业农村委", "区财政局", "各乡镇（街道）", "区住房城乡建委"]


def test_closest_exact_match_first():
    assert closest("区财政局", DIRECTORY)[0] == "区财政局"


def test_closest_folds_width_and_spaces():
    assert closest("各乡镇(街道)", DIRECTORY)[0] == "各乡镇（街道）"
    assert closest(" 区财政局\u3000", DIRECTORY)[0] == "区财政局"


def test_closest_containment():
    assert closest("农业农村委", DIRECTORY)[0] == "区农业农村委"
    assert closest("南川区财政局", DIRECTORY)[0] == "区财政局"
    assert closest("各乡镇", DIRECTORY)[0] == "各乡镇（街道）"


def test_closest_similar_short_form():
    assert "区发展改革委" in closest("区发改委", DIRECTORY)
    assert closest("区经济信息化委", DIRECTORY)[0] == "区经济信息委"


def test_closest_limits_and_orders():
    result = closest("区委", DIRECTORY, n=2)
    assert len(result) <= 2
    assert closest("区财政局", DIRECTORY, n=0) == []
    # 区 is contained in every name but 各乡镇（街道）
    assert sorted(closest("区", DIRECTORY, n=10)) == sorted(n for n in DIRECTORY if "区" in n)


def test_closest_nothing_similar():
    assert closest("中国人民银行", DIRECTORY) == []
    assert closest("", DIRECTORY) == []
    assert closest("区财政局", []) == []


def test_closest_no_duplicates_and_skips_empty():
    assert closest("区财政局", ["区财政局", "区财政局", "", "  "]) == ["区财政局"]


@given(st.text(), st.lists(st.text(), max_size=8), st.integers(min_value=0, max_value=5))
def test_closest_returns_subset_of_candidates(name, candidates, n):
    result = closest(name, candidates, n)
    assert len(result) <= n
    assert len(set(result)) == len(result)
    assert all(r in candidates for r in result)
