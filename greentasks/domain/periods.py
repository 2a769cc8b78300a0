"""报送期: the reporting periods returns are sent for — month, quarter, half year, year (docs/periods.md).

Periods are written in files and cells in many ways; :func:`parse_period` reads a text that is a
period and nothing else, :func:`find_period` finds one inside a file name or a longer cell.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import Final

from greentasks.domain.text import clean, fold

__all__ = [
    "CYCLES",
    "HALF",
    "KINDS",
    "MONTH",
    "QUARTER",
    "YEAR",
    "Period",
    "current",
    "find_period",
    "latest_ended",
    "parse_period",
    "require_period",
]

MONTH: Final = "M"
QUARTER: Final = "Q"
HALF: Final = "H"
YEAR: Final = "Y"
KINDS: Final = (MONTH, QUARTER, HALF, YEAR)
# Reporting cycle (a setting) → the kind of period it produces.
CYCLES: Final = {"month": MONTH, "quarter": QUARTER, "half": HALF, "year": YEAR}

_PER_YEAR: Final = {MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1}
_MONTHS_PER: Final = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
_CN_ORDINAL: Final = ("一", "二", "三", "四")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. Ordering is chronological among periods of the same kind
    (compare mixed kinds by :attr:`sort_key`)."""

    year: int
    kind: str
    index: int = 1

    def __post_init__(self) -> None:
        if self.kind not in _PER_YEAR:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if not 1 <= self.index <= _PER_YEAR[self.kind]:
            raise ValueError(f"index {self.index} out of range for kind {self.kind!r}")
        if not _MIN_YEAR <= self.year <= _MAX_YEAR:
            raise ValueError(f"year {self.year} out of range")

    # -- constructors ------------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, MONTH, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, QUARTER, quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        return cls(year, HALF, half)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year, YEAR, 1)

    @classmethod
    def containing(cls, day: _dt.date, kind: str) -> Period:
        """The period of ``kind`` (a kind letter or a cycle name) that contains ``day``."""
        kind = _kind_of(kind)
        return cls(day.year, kind, (day.month - 1) // _MONTHS_PER[kind] + 1)

    # -- views ---------------------------------------------------------------------------------
    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind == YEAR:
            return f"{self.year}"
        return f"{self.year}{self.kind}{self.index}"

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}年{self.index}月"
        if self.kind == QUARTER:
            return f"{self.year}年第{_CN_ORDINAL[self.index - 1]}季度"
        if self.kind == HALF:
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        return f"{self.year}年"

    @functools.cached_property  # periods are shared (parse_period caches them): computed once
    def start(self) -> _dt.date:
        return _dt.date(self.year, (self.index - 1) * _MONTHS_PER[self.kind] + 1, 1)

    @functools.cached_property
    def end(self) -> _dt.date:
        month = self.index * _MONTHS_PER[self.kind]
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @functools.cached_property
    def sort_key(self) -> tuple[_dt.date, _dt.date]:
        """Chronological key that also orders periods of different kinds (by end, then start)."""
        return (self.end, self.start)

    def contains(self, day: _dt.date) -> bool:
        if isinstance(day, _dt.datetime):
            day = day.date()
        return self.start <= day <= self.end

    def next(self) -> Period:
        if self.index < _PER_YEAR[self.kind]:
            return Period(self.year, self.kind, self.index + 1)
        return Period(self.year + 1, self.kind, 1)

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        return Period(self.year - 1, self.kind, _PER_YEAR[self.kind])

    def __str__(self) -> str:
        return self.code


def _kind_of(cycle: str) -> str:
    if cycle in _PER_YEAR:
        return cycle
    try:
        return CYCLES[cycle]
    except KeyError:
        raise ValueError(f"unknown cycle {cycle!r}; expected one of {', '.join(CYCLES)}") from None


def current(today: _dt.date, cycle: str) -> Period:
    """The period of ``cycle`` ("month"|"quarter"|"half"|"year", or a kind letter) holding today."""
    return Period.containing(today, cycle)


def latest_ended(today: _dt.date, cycle: str) -> Period:
    """The latest period of ``cycle`` whose end is before ``today`` (the one returns are owed for).

    The current period always ends on or after today, so it is simply the one before it.
    """
    return current(today, cycle).previous()


# ---- reading periods from text ---------------------------------------------------------------

_CN_NUM: Final = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y = r"(?<!\d)(\d{4})"
_TO = r"(?:-|~|—|–|至|到)"
# Scanned left to right; at one position the first alternative that matches wins, so dates and
# phone numbers are consumed (and then ignored) before their pieces could look like periods.
_ALTERNATIVES: Final[list[tuple[str, str]]] = [
    ("phone", r"(?<!\d)\d{3,4}-\d{7,8}(?!\d)|(?<!\d)1\d{10}(?!\d)"),
    ("digits", r"\d{5,}"),
    ("date", _Y + r"(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2}(?!\d)|" + _Y + r"年\d{1,2}月\d{1,2}(?![\d月])"),
    ("until", r"(?:截至|截止|至|到|日期:?|时间:?)" + _Y + r"(?:年\d{1,2}月|[-/.]\d{1,2}(?!\d))"),
    ("range", _Y + r"年(\d{1,2})月?" + _TO + r"(\d{1,2})月(?:份)?"),
    ("month", _Y + r"年(\d{1,2})月(?:份)?"),
    ("month_sep", _Y + r"[-./](\d{1,2})(?!\d|[-./]\d)"),
    ("quarter", _Y + r"(?:年度?)?第?([一二三四1-4])季度?"),
    ("quarter_code", _Y + r"(?:年)?[-_]?q([1-4])(?!\d)"),
    ("half", _Y + r"(?:年度?)?([上下])半年(?:度)?"),
    ("half_code", _Y + r"(?:年)?[-_]?h([12])(?!\d)"),
    ("year", _Y + r"(?:年度?)(?!\d)"),
    ("bare_year", _Y + r"(?!\d)"),
]
_SCAN_RE: Final = re.compile("|".join(f"(?P<{n}>{p})" for n, p in _ALTERNATIVES))
_PATTERNS: Final = {n: re.compile(p) for n, p in _ALTERNATIVES}
_RANGE_KIND: Final = {3: QUARTER, 6: HALF, 12: YEAR, 1: MONTH}


def _build(name: str, text: str) -> Period | None:
    """The period a scanned mention stands for, or None (a date, a phone number, nonsense)."""
    if name in ("phone", "digits", "date", "until"):
        return None
    m = _PATTERNS[name].fullmatch(text)
    assert m is not None
    g = m.groups()
    year = int(g[0])
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        if name in ("month", "month_sep"):
            return Period(year, MONTH, int(g[1]))
        if name in ("quarter", "quarter_code"):
            return Period(year, QUARTER, _CN_NUM[g[1]])
        if name in ("half", "half_code"):
            return Period(year, HALF, 1 if g[1] in ("上", "1") else 2)
        if name == "range":  # 2023年1-3月 is the first quarter, 2023年1-6月 the first half …
            first, last = int(g[1]), int(g[2])
            months = last - first + 1
            kind = _RANGE_KIND.get(months)
            if kind is None or not 1 <= first <= 12 or (first - 1) % _MONTHS_PER[kind]:
                return None
            return Period(year, kind, (first - 1) // _MONTHS_PER[kind] + 1)
        return Period(year, YEAR, 1)  # year, bare_year
    except ValueError:  # month 13, …
        return None


def _key(text: object) -> str:
    return fold(clean(text)).lower()


def parse_period(text: object) -> Period | None:
    """A text that is exactly a period (``2023Q1``, ``2023年第一季度``, ``2023-03``, ``2023H1``,
    ``2023年上半年``, ``2023年度``, …, full-width tolerated), else ``None``."""
    if isinstance(text, Period):
        return text
    if isinstance(text, str):
        return _parse_text(text)  # a stored code comes back many times a list: parsed once
    return _parse(text)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> Period | None:
    return _parse(text)


def _parse(text: object) -> Period | None:
    key = _key(text)
    for name, pattern in _PATTERNS.items():
        if pattern.fullmatch(key):
            return _build(name, key)
    return None


def period_words(code: str | None) -> str:
    """A stored period code as a clerk reads it (2023Q2 → 2023年第二季度); codes stay in JSON and
    file names. An unreadable code is shown as it is, none as ""."""
    period = parse_period(code) if code else None
    return period.label if period is not None else (code or "")


def require_period(text: object) -> Period:
    """The period a clerk wrote (see :func:`parse_period`), or :class:`PeriodError`: the one
    place where the command line and the window turn period text into a :class:`Period`."""
    from greentasks.errors import PeriodError

    period = parse_period(text)
    if period is None:
        raise PeriodError(text)
    return period


def find_period(text: object) -> Period | None:
    """The period named somewhere in ``text`` (a file name, a 报送期 cell), or ``None``.

    Dates (2023-06-30, 2023年6月30日), phone numbers (023-71422160), long digit runs and a
    month after 截至/日期 (``截至2023年6月``, ``填报日期：2023年7月``) are never read as periods.
    A month, quarter or half year is preferred to a bare year (``2023年度第一季度`` → 2023Q1);
    among several of those the first named wins, since a 报送期 comes before any later date.
    """
    year: Period | None = None
    for m in _SCAN_RE.finditer(_key(text)):
        assert m.lastgroup is not None
        name = m.lastgroup
        if name == "bare_year" and not _bare_year_ok(m):
            continue
        period = _build(name, m.group(name))
        if period is None:
            continue
        if period.kind != YEAR:
            return period
        year = year or period
    return year


def _bare_year_ok(m: re.Match[str]) -> bool:
    """A four-digit number without 年 is a year only between separators (``进展_2023.xlsx``),
    not inside a document number (〔2022〕), an amount or a code."""
    text = m.string
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    separators = "_-.·—~ "
    return (before == "" or before in separators) and (after == "" or after in separators)
