"""What a number cell may hold (domain.numbers): the one rule behind a value typed into the
indicators view and a value read from an imported indicators sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greentasks.domain.numbers import NotANumber, parse_number


@pytest.mark.parametrize(("value", "number"), [
    # number cells
    (7, 7.0), (30.5, 30.5), (-2, -2.0), (Decimal("2.50"), 2.5), (0, 0.0),
    # plain text
    ("35", 35.0), ("35.5", 35.5), (".5", 0.5), ("12.", 12.0), ("0", 0.0), ("007", 7.0),
    # signs
    ("+5", 5.0), ("-5", -5.0), ("-0.25", -0.25),
    # thousands separators, in groups of three
    ("1,234", 1234.0), ("1,234.5", 1234.5), ("12,345,678", 12345678.0), ("-1,000", -1000.0),
    # a trailing percent sign: the number as written (the unit column says it is a percentage)
    ("35%", 35.0), ("35.5%", 35.5), ("35 %", 35.0), ("1,234%", 1234.0),
    # full-width digits, point, comma, percent and signs, as a Chinese input method types them
    ("３５．２", 35.2), ("１，２３４", 1234.0), ("３５％", 35.0), ("－５", -5.0), ("＋５", 5.0),
    # spaces around it, the ideographic space included
    (" 12 ", 12.0), ("\u300012\u3000", 12.0), ("\t12\n", 12.0),
])
def test_accepted(value, number):
    assert parse_number(value) == number


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000"])
def test_empty_is_no_number_and_no_error(value):
    assert parse_number(value) is None


@pytest.mark.parametrize("value", [
    # words Python's float() would take
    "nan", "NaN", "inf", "-inf", "Infinity",
    # exponents and underscores
    "1e3", "1E3", "2.5e-1", "1_000", "1e3%",
    # commas that are not thousands separators
    "1,5", "12,34", "1,2345", "1,234,56", ",123", "123,",
    # percent signs out of place
    "%", "35%%", "%35",
    # more than one point, a point alone, signs alone or apart, spaces inside
    "1.2.3", ".", "+", "-", "-.", "- 5", "5-", "+-5", "1 234",
    # digits of other scripts, superscripts and circled digits (NFKC would read ² as 2)
    "٣٥", "१२", "10²", "①",
    # other notations and words
    "0x10", "1/2", "约30", "三十", "35吨", "待统计", "很多",
    # TRUE/FALSE cells, non-finite numbers, dates
    True, False, float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
    10 ** 400, "1" * 400,
])
def test_refused(value):
    with pytest.raises(NotANumber):
        parse_number(value)


def test_a_date_cell_is_no_number():
    with pytest.raises(NotANumber):
        parse_number(dt.date(2023, 1, 1))


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_number_written_out_reads_back(number):
    written = f"{number:.6f}"
    assert parse_number(written) == float(written)
    assert parse_number(f"{float(written):,.6f}") == float(written)  # with thousands separators
