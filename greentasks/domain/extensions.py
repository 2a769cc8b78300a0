"""延期: a unit's request for a later deadline and the office's decision (docs/deadlines.md#extensions).

The assignment's own 完成时限 is never changed by an extension: an approved one moves the date
the lights use (from the day it was approved) and sheets print both dates, as
``原定2023年6月底前，已批准延期至2023年9月底前``. Everything here is a plain function of plain
values, so the services, the command line, the import of returns and the desktop app ask the
same questions and get the same Chinese answers.

Rules decided here:

* Only a deadline that falls due on one day can be extended: a dated one, or one the parser did
  not understand (the new date then gives it a date). 长期坚持 is never overdue, and a recurring
  deadline (每季度末) falls due again every period, so neither has anything to extend.
* The new date must be later than the date in force (the latest approved extension, else the
  deadline itself) and not before the plan's 成文日期.
* The extension in force as of a day is the approved one decided on or before that day, the
  latest by decided day, then by id (the later record wins on the same day).
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ..errors import UsageError
from .deadlines import DeadlineKind, parse_deadline
from .text import clean

__all__ = [
    "APPROVED",
    "DECLINED",
    "REQUESTED",
    "STATES",
    "ExtensionError",
    "ExtensionFacts",
    "date_words",
    "effective_due",
    "extension_text",
    "in_force",
    "new_date_problem",
    "not_extendable",
    "original_words",
    "parse_new_date",
]

# The states of a request (stored as they are; models.assignment re-states them for the schema).
REQUESTED: Final = "申请中"
APPROVED: Final = "已批准"
DECLINED: Final = "不予批准"
STATES: Final = (REQUESTED, APPROVED, DECLINED)


class ExtensionError(UsageError):
    """A request or decision the rules refuse (a usage error: exit 2, nothing written)."""


@dataclass(frozen=True)
class ExtensionFacts:
    """What the rules need of one recorded extension."""

    id: int
    state: str
    requested_to: _dt.date
    decided_on: _dt.date | None = None


def date_words(day: _dt.date) -> str:
    """A due date as an office writes it: a month's last day is 2023年9月底前, another day
    2023年9月15日前."""
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return f"{day.year}年{day.month}月底前"
    return f"{day.year}年{day.month}月{day.day}日前"


def original_words(original_text: str) -> str:
    """The original 完成时限 as printed beside an extension: the clerk's text, except a bare
    ISO date (what an Excel date cell is stored as) in words; nothing filled in says so."""
    text = clean(original_text)
    if not text:
        return "原定时限未填写"
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        return f"原定{text}"
    return f"原定{date_words(day)}"


def extension_text(original_text: str, extended_to: _dt.date) -> str:
    """原定2023年6月底前，已批准延期至2023年9月底前 — the deadline a sheet prints once an
    extension is approved."""
    return f"{original_words(original_text)}，已批准延期至{date_words(extended_to)}"


def not_extendable(kind: str, original_text: str = "") -> str | None:
    """Why an assignment whose deadline is of ``kind`` cannot be extended (None: it can)."""
    shown = clean(original_text)
    if kind == DeadlineKind.ONGOING:
        return (f"这项分工的完成时限是“{shown or '长期坚持'}”，没有截止日期，不计逾期，不需要延期。"
                "如确需规定完成日期，请直接修改完成时限。")
    if kind == DeadlineKind.RECURRING:
        return (f"这项分工的完成时限“{shown}”是周期性的，每期按时完成即可，不能延期。"
                "如确需改变，请直接修改完成时限。")
    return None


def new_date_problem(to: _dt.date, *, current_due: _dt.date | None, extended: bool = False,
                     issued_on: _dt.date | None = None) -> str | None:
    """Why ``to`` cannot be the new date (None: it can). ``current_due`` is the date in force
    (``extended``: it is an approved extension's), ``issued_on`` the plan's 成文日期."""
    if current_due is not None and to <= current_due:
        now = f"已批准延期至{date_words(current_due)}" if extended else f"现在的完成时限是{date_words(current_due)}"
        return f"延期后的时限（{date_words(to)}）须晚于现在的时限：{now}。请核对日期。"
    if issued_on is not None and to < issued_on:
        return (f"延期后的时限（{date_words(to)}）早于文件的成文日期"
                f"（{issued_on.year}年{issued_on.month}月{issued_on.day}日）。请核对日期。")
    return None


def parse_new_date(value: object, what: str = "延期至") -> _dt.date:
    """The new date as a clerk writes it: anything the 完成时限 parser reads as one day
    (2023年9月底前, 2023-09-30, 2023年第三季度, an Excel date cell). Raises ExtensionError."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = clean(value)
    if not text:
        raise ExtensionError(f"请填写{what}的日期，如 2023年9月底前 或 2023-09-30。")
    parsed = parse_deadline(value if isinstance(value, int | float) else text)
    if parsed.kind != DeadlineKind.DATE or parsed.due is None:
        raise ExtensionError(f"{what}“{text}”不是一个日期。请写成 2023年9月底前、2023年9月15日 或 2023-09-30 这样的形式。")
    return parsed.due


def in_force(extensions: Iterable[ExtensionFacts], as_of: _dt.date | None = None) -> ExtensionFacts | None:
    """The approved extension in force on ``as_of`` (None: every approval so far counts): the one
    decided last on or before that day, the later record on the same day."""
    chosen: ExtensionFacts | None = None
    for e in extensions:
        if e.state != APPROVED or e.decided_on is None:
            continue
        if as_of is not None and e.decided_on > as_of:
            continue
        if chosen is None or (e.decided_on, e.id) > (chosen.decided_on, chosen.id):  # type: ignore[operator]
            chosen = e
    return chosen


def effective_due(deadline_due: _dt.date | None, extensions: Iterable[ExtensionFacts],
                  as_of: _dt.date | None = None) -> tuple[_dt.date | None, bool]:
    """The due date in force on ``as_of`` and whether an approved extension set it."""
    found = in_force(extensions, as_of)
    if found is not None:
        return found.requested_to, True
    return deadline_due, False
