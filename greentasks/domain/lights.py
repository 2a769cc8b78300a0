"""预警 lights: 红/黄/绿, always computed from status, due date and returns, never typed (docs/lights.md)."""

from __future__ import annotations

import datetime as _dt
from typing import Final

from greentasks.domain.periods import Period
from greentasks.domain.statuses import BEHIND, DONE, normalize_status
from greentasks.domain.vocabulary import GREEN, LIGHTS, RED, YELLOW

__all__ = ["GREEN", "LIGHTS", "RED", "YELLOW", "is_due_soon", "is_overdue", "light", "reasons"]

DEFAULT_WARN_DAYS: Final = 30


def _canonical(status: str) -> str:
    # Callers pass canonical statuses; a synonym (完成, 进度滞后) must not change the light.
    return normalize_status(status) or status


def is_overdue(status: str, due: _dt.date | None, today: _dt.date) -> bool:
    """逾期: not 已完成, has a due date, and that date is before today (due today is not late)."""
    return _canonical(status) != DONE and due is not None and due < today


def is_due_soon(
    status: str, due: _dt.date | None, today: _dt.date, warn_days: int = DEFAULT_WARN_DAYS
) -> bool:
    """Not 已完成 and due between today and today + warn_days, both inclusive."""
    return (
        _canonical(status) != DONE
        and due is not None
        and today <= due <= today + _dt.timedelta(days=warn_days)
    )


def light(
    *,
    status: str,
    due: _dt.date | None,
    today: _dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
    missing_return: bool = False,
) -> str:
    """The warning light of one assignment.

    ``due`` is the date it falls due as of today (``deadlines.due_on``; None for ongoing and
    unrecognised deadlines); ``missing_return`` whether the unit owes a return for the latest
    period that has ended.
    """
    status = _canonical(status)
    if status == DONE:
        return GREEN
    if is_overdue(status, due, today):
        return RED
    if is_due_soon(status, due, today, warn_days) or status == BEHIND or missing_return:
        return YELLOW
    return GREEN


def reasons(
    *,
    status: str,
    due: _dt.date | None,
    today: _dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
    missing_return: bool = False,
    missing_period: Period | str | None = None,
) -> list[str]:
    """Short Chinese reasons for the light (empty when green), for tooltips and notices.

    ``missing_period`` names the period in the 未报送 reason (a :class:`Period` shows its label).
    """
    status = _canonical(status)
    if status == DONE:
        return []
    out: list[str] = []
    if is_overdue(status, due, today):
        assert due is not None
        out.append(f"已逾期{(today - due).days}天")
    elif is_due_soon(status, due, today, warn_days):
        assert due is not None
        day = f"{due.year}年{due.month}月{due.day}日"  # in words: these reasons are printed
        out.append(f"今天到期（{day}）" if due == today else f"{warn_days}天内到期（{day}）")
    if status == BEHIND:
        out.append(f"上报状态为{BEHIND}")
    if missing_return:
        if isinstance(missing_period, Period):
            label = missing_period.label
        else:
            label = missing_period or "最近一期"
        out.append(f"未报送{label}进展")
    return out
