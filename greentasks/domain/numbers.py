"""What a number cell may hold: one rule for a value typed into the program and for a value read
from an imported sheet, so the two can never disagree."""

from __future__ import annotations

import math
import re
from decimal import Decimal

__all__ = ["NotANumber", "parse_number"]

# Full-width ASCII (０-９ ． ， ％ ＋ －, as a Chinese input method types them) → half-width. Only
# this block is folded: NFKC would also turn ² into 2 and ① into 1, making "10²" read as 102.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}

# ASCII digits only: Python's \d and float() also take Arabic-Indic and other digits.
_NUMBER = re.compile(
    r"""
    [+-]?
    (?: (?: [0-9]{1,3} (?: ,[0-9]{3} )+ | [0-9]+ ) (?: \.[0-9]* )?   # 1,234.5   1234   12.
      | \.[0-9]+ )                                                  # .5
    \s* %?                                                          # 35%   35 %
    """,
    re.VERBOSE | re.ASCII,
)


class NotANumber(ValueError):
    """The value is neither empty nor a number a clerk would write."""


def parse_number(value: object) -> float | None:
    """The number in a cell or an entry; ``None`` when it is empty (``None``, "" or only spaces).

    Accepted:
      * a number cell (int, float, Decimal) that is finite;
      * text made of ASCII digits with at most one decimal point (``12``, ``12.5``, ``.5``, ``12.``),
        an optional leading ``+`` or ``-``, optional thousands separators ``,`` in groups of three
        (``1,234,567.5``), and an optional trailing ``%`` (``35%`` reads as 35: the indicator's unit
        says it is a percentage, so the number is kept as written); spaces around it are ignored.
        Full-width digits and signs (``３５．２``, ``１，２３４``, ``３５％``) count as their
        half-width forms.

    Refused (raises :class:`NotANumber`): ``nan``, ``inf`` and other words; exponents (``1e3``);
    underscores (``1_000``); commas that are not thousands separators (``1,5`` may mean 1.5 in
    another locale, ``12,34`` is ambiguous); a ``%`` alone, twice or in front; more than one
    decimal point; digits of other scripts; ``TRUE``/``FALSE`` cells; dates; non-finite numbers.
    """
    if value is None:
        return None
    if isinstance(value, bool):  # before int: bool is an int, but a TRUE cell is no number
        raise NotANumber(value)
    if isinstance(value, int | float | Decimal):
        return _finite(value, value)
    if not isinstance(value, str):
        raise NotANumber(value)
    text = value.translate(_FULL_WIDTH).strip()
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise NotANumber(value)
    return _finite(text.replace(",", "").rstrip("%").strip(), value)


def _finite(number: int | float | Decimal | str, original: object) -> float:
    # Four hundred digits are still digits, but float() makes them inf; a huge int overflows.
    try:
        result = float(number)
    except (OverflowError, ValueError):  # ValueError: Decimal('sNaN')
        raise NotANumber(original) from None
    if not math.isfinite(result):
        raise NotANumber(original)
    return result
