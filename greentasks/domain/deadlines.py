"""完成时限: the deadline text of an assignment, parsed into a date, ongoing or recurring (docs/deadlines.md).

The clerk's text is always kept verbatim in :attr:`Deadline.text`; parsing only adds meaning.

Rules beyond the spec's table, decided here so every caller agrees:

* The text is folded first (full-width digits, spaces, ASCII and Chinese quotes do not matter)
  and may hold other words (``2023年6月30日前完成``).
* When it names several dates (``2023年6月底前完成方案，2025年底前全面完成``) the LAST one, in
  reading order, is the final deadline; a recurring phrase counts as a date for this purpose.
* A date or recurring phrase wins over an "ongoing" word in the same text
  (``2025年底前持续推进`` is due 2025-12-31): supervision must never hide a deadline.
* If the last date is impossible (``2023年2月30日``) or vague (``2023年初``) the whole text is
  未识别, so the clerk fixes it instead of the program guessing.
* A number cell in Excel's date-serial range (36526…73050, i.e. 2000…2099) is a date cell that
  lost its format: it is read as that date and, like a date cell, its text is the ISO date.
  A whole number 1900…2100 is a year. Any other number is 未识别.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from greentasks.domain.text import clean, fold

__all__ = ["Deadline", "DeadlineKind", "describe", "due_on", "last_due", "next_due", "parse_deadline"]


class DeadlineKind:
    """The kinds of :class:`Deadline` as plain strings (stored and printed as they are)."""

    DATE: Final = "date"
    ONGOING: Final = "ongoing"
    RECURRING: Final = "recurring"
    UNRECOGNISED: Final = "未识别"
    ALL: Final = (DATE, ONGOING, RECURRING, UNRECOGNISED)


@dataclass(frozen=True)
class Deadline:
    """A parsed 完成时限.

    ``rule`` (only for recurring deadlines) is one of: ``"Y:MM-DD"`` every year on that day
    (Feb 29 and month ends are written with the longest month, e.g. ``"Y:02-29"``, and clamped to
    the real month end), ``"H"`` every half-year end, ``"Q"`` every quarter end, ``"M"`` every month
    end, ``"M:DD"`` every month on that day (clamped to the month end).
    """

    text: str
    kind: str
    due: _dt.date | None = None
    rule: str | None = None

    @property
    def is_blank(self) -> bool:
        """Nothing was filled in (as opposed to something the parser did not understand)."""
        return not self.text.strip()


_SERIAL_MIN, _SERIAL_MAX = 36526, 73050  # Excel serials of 2000-01-01 and 2099-12-31
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_MIN_YEAR, _MAX_YEAR = 1900, 2100

# Quotes around 十四五 and the like carry no meaning; removed before matching.
_QUOTES_RE = re.compile("[\"'“”‘’„‟「」『』〝〞〃]")
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FIVE_YEAR_PLANS = {"十三五": 2020, "十四五": 2025, "十五五": 2030}
_ONGOING_WORDS = ("长期", "常态", "持续", "常年")

_Y = r"(?<!\d)(\d{4})"
_TO = r"(?:-|~|—|–|至|到)"
# Each alternative is matched at the earliest position; at one position the first that matches
# wins, so the more specific shapes come first (a full date before its year-month before its year).
_ALTERNATIVES: Final[list[tuple[str, str]]] = [
    ("recurring", r"每(?:个)?(?:半年|季度?|月|年度?)[^,;，；。]*"),
    ("plan", r"十三五|十四五|十五五"),
    ("range_ymd", _Y + r"年(\d{1,2})月(\d{1,2})[日号]?" + _TO + r"(\d{1,2})月(\d{1,2})[日号]?(?!\d)"),
    ("range_ym", _Y + r"年(\d{1,2})月?" + _TO + r"(\d{1,2})月(?!\d)"),
    ("range_y", _Y + r"年?" + _TO + r"(\d{4})(?!\d)"),
    ("ymd_sep", _Y + r"(?P<sep>[-/.])(\d{1,2})(?P=sep)(\d{1,2})(?!\d)"),
    ("ymd_cn", _Y + r"年(\d{1,2})月(\d{1,2})(?![\d月])"),
    ("ym_cn", _Y + r"年(\d{1,2})月份?(上旬|中旬|下旬|初)?"),
    ("ym_sep", _Y + r"[-/.](\d{1,2})(?!\d|[-/.]\d)"),
    ("quarter", _Y + r"(?:年度?)?第?([一二三四1-4])季度?"),
    ("quarter_code", _Y + r"[-_]?q([1-4])(?!\d)"),
    ("half", _Y + r"(?:年度?)?([上下])半年"),
    ("half_code", _Y + r"[-_]?h([12])(?!\d)"),
    ("midyear", _Y + r"年年?中"),
    ("vague_year", _Y + r"年年?初"),
    ("year", _Y + r"年(?!\d)"),
]
_SCAN_RE: Final = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _ALTERNATIVES))
_PATTERNS: Final = {name: re.compile(pattern) for name, pattern in _ALTERNATIVES}
_BARE_YEAR_RE: Final = re.compile(r"(\d{4})(?:年度?|年底|年末|底|末|前|之前|以前)*")
_COMPACT_DATE_RE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME_RE: Final = re.compile(r"(?<=\d)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")


class _Invalid(Exception):
    """A date-like mention that cannot be a real date."""


def _year(text: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _Invalid(text)
    return year


def _month_end(year: int, month: int) -> _dt.date:
    if not 1 <= month <= 12:
        raise _Invalid(month)
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise _Invalid(f"{year}-{month}-{day}") from exc


def _recurring_rule(phrase: str) -> str:
    """The rule of a phrase starting with 每 (``每年12月底前``, ``每季度末``, ``每月5日前``…)."""
    m = re.match(r"每(?:个)?(半年|季度?|月|年度?)(.*)", phrase)
    assert m is not None  # the scanner only hands over phrases that start this way
    unit, rest = m.group(1), m.group(2)
    if unit == "半年":
        return "H"
    if unit.startswith("季"):
        return "Q"
    if unit == "月":
        d = re.match(r"(\d{1,2})[日号]", rest)
        if d:
            day = int(d.group(1))
            if not 1 <= day <= 31:
                raise _Invalid(phrase)
            return f"M:{day:02d}"
        return "M"
    # every year: on a given day, by a given month's end, half or quarter; else by 12-31
    if d := re.match(r"(?:的)?(\d{1,2})月(\d{1,2})[日号]", rest):
        month, day = int(d.group(1)), int(d.group(2))
        _day(2000, month, day)  # 2000 is a leap year: accepts 02-29, rejects 02-30
        return f"Y:{month:02d}-{day:02d}"
    if d := re.match(r"(?:的)?(\d{1,2})月", rest):
        end = _month_end(2000, int(d.group(1)))
        return f"Y:{end:%m-%d}"
    if re.match(r"(?:的)?上半年", rest):
        return "Y:06-30"
    if d := re.match(r"(?:的)?第?([一二三四1-4])季度?", rest):
        end = _month_end(2000, _CN_DIGIT[d.group(1)] * 3)
        return f"Y:{end:%m-%d}"
    return "Y:12-31"


def _resolve(name: str, text: str) -> tuple[str, _dt.date | None, str | None]:
    """(kind, due, rule) for one mention found by the scanner; raises _Invalid."""
    if name == "recurring":
        return DeadlineKind.RECURRING, None, _recurring_rule(text)
    if name == "plan":
        return DeadlineKind.DATE, _dt.date(_FIVE_YEAR_PLANS[text], 12, 31), None
    m = _PATTERNS[name].fullmatch(text)
    assert m is not None
    g = m.groups()
    year = _year(g[0])
    if name == "range_ymd":
        due = _day(year, int(g[3]), int(g[4]))
        _day(year, int(g[1]), int(g[2]))  # the start must be a real date too
    elif name == "range_ym":
        due = _month_end(year, int(g[2]))
        _month_end(year, int(g[1]))
    elif name == "range_y":
        due = _dt.date(_year(g[1]), 12, 31)
    elif name == "ymd_sep":
        due = _day(year, int(g[2]), int(g[3]))
    elif name == "ymd_cn":
        due = _day(year, int(g[1]), int(g[2]))
    elif name == "ym_cn":
        month, part = int(g[1]), g[2]
        end = _month_end(year, month)
        if part == "初":
            raise _Invalid(text)  # "early June" is not a date a light can be computed from
        due = {"上旬": end.replace(day=10), "中旬": end.replace(day=20)}.get(part or "", end)
    elif name == "ym_sep":
        due = _month_end(year, int(g[1]))
    elif name in ("quarter", "quarter_code"):
        due = _month_end(year, _CN_DIGIT[g[1]] * 3)
    elif name in ("half", "half_code"):
        due = _dt.date(year, 6, 30) if g[1] in ("上", "1") else _dt.date(year, 12, 31)
    elif name == "midyear":
        due = _dt.date(year, 6, 30)
    elif name == "vague_year":
        raise _Invalid(text)
    else:  # "year": 2025年, 2025年底, 2025年年底前, 2025年末, 2025年度 …
        due = _dt.date(year, 12, 31)
    return DeadlineKind.DATE, due, None


def _parse_text(original: str) -> Deadline:
    # A datetime pasted as text ("2023-06-30 00:00:00") would run into the date once spaces go.
    key = _TIME_RE.sub("", unicodedata.normalize("NFKC", original))
    key = _QUOTES_RE.sub("", fold(key)).lower()
    unrecognised = Deadline(original, DeadlineKind.UNRECOGNISED)
    if not key:
        return unrecognised
    try:
        # A cell holding only a year (2025, 2025底前) or a compact date (20230630).
        if m := _BARE_YEAR_RE.fullmatch(key):
            return Deadline(original, DeadlineKind.DATE, _dt.date(_year(m.group(1)), 12, 31))
        if m := _COMPACT_DATE_RE.fullmatch(key):
            y, mo, d = (int(x) for x in m.groups())
            return Deadline(original, DeadlineKind.DATE, _day(_year(str(y)), mo, d))
    except _Invalid:
        return unrecognised
    mentions = list(_SCAN_RE.finditer(key))
    if mentions:
        last = mentions[-1]
        assert last.lastgroup is not None
        try:
            kind, due, rule = _resolve(last.lastgroup, last.group(last.lastgroup))
        except _Invalid:
            return unrecognised
        return Deadline(original, kind, due, rule)
    if any(word in key for word in _ONGOING_WORDS):
        return Deadline(original, DeadlineKind.ONGOING)
    return unrecognised


def parse_deadline(value: str | _dt.date | _dt.datetime | int | float | None) -> Deadline:
    """Parse a 完成时限 cell (text, Excel date cell, number or empty). Never raises."""
    if value is None:
        return Deadline("", DeadlineKind.UNRECOGNISED)
    if isinstance(value, _dt.datetime):  # before date: a datetime is a date
        day = value.date()
        return Deadline(day.isoformat(), DeadlineKind.DATE, day)
    if isinstance(value, _dt.date):
        return Deadline(value.isoformat(), DeadlineKind.DATE, value)
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            whole = int(value)
        except (OverflowError, ValueError):  # inf, nan
            return Deadline(clean(value), DeadlineKind.UNRECOGNISED)
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            day = _EXCEL_EPOCH + _dt.timedelta(days=whole)
            return Deadline(day.isoformat(), DeadlineKind.DATE, day)
        if whole == value:
            return _parse_text(str(whole))
        # 2023.6 typed into a number cell: 2023.10 would arrive as 2023.1, so never guess.
        return Deadline(clean(value), DeadlineKind.UNRECOGNISED)
    return _parse_text(clean(value))


def _clamped(year: int, month: int, day: int) -> _dt.date:
    return _dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_due(rule: str, today: _dt.date, horizon: _dt.date | None = None) -> _dt.date:
    """The first due date of a recurring ``rule`` on or after ``today``.

    With the plan's ``horizon`` the rule stops rolling there: once its next date would fall after
    the horizon, the last one on or before it stands (and is overdue unless the work is done).
    """
    due = _first_on_or_after(rule, today)
    if horizon is not None and due > horizon:
        return last_due(rule, horizon)
    return due


def last_due(rule: str, until: _dt.date) -> _dt.date:
    """The last due date of a recurring ``rule`` on or before ``until``."""
    # Every rule recurs at least once a year: start a year back and walk forward.
    due = _first_on_or_after(rule, until - _dt.timedelta(days=366))
    while True:
        following = _first_on_or_after(rule, due + _dt.timedelta(days=1))
        if following > until:
            return due
        due = following


def _first_on_or_after(rule: str, today: _dt.date) -> _dt.date:
    if rule == "M":
        return _month_end(today.year, today.month)
    if rule == "Q":
        return _month_end(today.year, (today.month - 1) // 3 * 3 + 3)
    if rule == "H":
        return _dt.date(today.year, 6, 30) if today.month <= 6 else _dt.date(today.year, 12, 31)
    if rule.startswith("M:"):
        day = int(rule[2:])
        this = _clamped(today.year, today.month, day)
        if this >= today:
            return this
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return _clamped(year, month, day)
    if rule.startswith("Y:"):
        month, day = (int(x) for x in rule[2:].split("-"))
        this = _clamped(today.year, month, day)
        return this if this >= today else _clamped(today.year + 1, month, day)
    raise ValueError(f"unknown recurring rule {rule!r}")


def due_on(deadline: Deadline, today: _dt.date, horizon: _dt.date | None = None) -> _dt.date | None:
    """The date the deadline falls due as seen on ``today``; ``None`` for ongoing/未识别.
    A recurring deadline does not roll past the plan's ``horizon`` (see :func:`next_due`)."""
    if deadline.kind == DeadlineKind.DATE:
        return deadline.due
    if deadline.kind == DeadlineKind.RECURRING and deadline.rule:
        return next_due(deadline.rule, today, horizon)
    return None


def _describe_rule(rule: str) -> str:
    if rule == "M":
        return "每月底"
    if rule == "Q":
        return "每季度末"
    if rule == "H":
        return "每半年末"
    if rule.startswith("M:"):
        return f"每月{int(rule[2:])}日前"
    month, day = (int(x) for x in rule[2:].split("-"))
    if day == calendar.monthrange(2000, month)[1]:
        return "每年年底前" if month == 12 else f"每年{month}月底前"
    return f"每年{month}月{day}日前"


def describe(deadline: Deadline, today: _dt.date | None = None, horizon: _dt.date | None = None) -> str:
    """A short Chinese description of the parse result, for a live preview while typing.

    With ``today`` a recurring deadline also shows its next due date (not past ``horizon``).
    """
    if deadline.kind == DeadlineKind.DATE and deadline.due is not None:
        return f"截止 {deadline.due.isoformat()}"
    if deadline.kind == DeadlineKind.ONGOING:
        return "长期坚持，不计逾期"
    if deadline.kind == DeadlineKind.RECURRING and deadline.rule:
        text = f"{_describe_rule(deadline.rule)}（周期性）"
        if today is not None:
            due = next_due(deadline.rule, today, horizon)
            if due < today:
                text += f"，规划期内最后一次截止 {due.isoformat()}"
            else:
                text += f"，下次截止 {due.isoformat()}"
        return text
    if deadline.is_blank:
        return "未填写完成时限"
    return "未识别：请改为如“2023年6月底前”的写法"
