"""The state "as of a period" (docs/periods.md#as-of): which day a period's sheets are seen from.

A period is *open* while it is the latest one that has ended (or a later one): its returns are
still coming in and the office is still working on it, so it is seen as of today, with every hand
change made so far. An earlier period is *closed*: its sheets show what was true on its reporting
day (the period's end plus the office's reporting allowance): the newest return for it or an
earlier period, the hand changes, 销号 and approved extensions up to that day, and the lights of
that day.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Final

from .periods import Period, latest_ended

DEFAULT_ALLOWANCE_DAYS: Final = 5
MAX_ALLOWANCE_DAYS: Final = 27  # shorter than the shortest period, so a reporting day never reaches the next one


def report_day(period: Period, allowance_days: int = DEFAULT_ALLOWANCE_DAYS) -> _dt.date:
    """The day a period's returns are due: its end plus the reporting allowance."""
    return period.end + _dt.timedelta(days=max(0, min(allowance_days, MAX_ALLOWANCE_DAYS)))


@dataclass(frozen=True)
class AsOf:
    """Where a period's state is read from: ``cutoff`` (None while the period is open) is the last
    day whose hand changes count; ``day`` the day the lights are computed on."""

    period: Period
    day: _dt.date
    cutoff: _dt.date | None

    @property
    def open(self) -> bool:
        return self.cutoff is None

    @classmethod
    def of(cls, period: Period, today: _dt.date, cycle: str,
           allowance_days: int = DEFAULT_ALLOWANCE_DAYS) -> AsOf:
        if period.sort_key >= latest_ended(today, cycle).sort_key:
            return cls(period=period, day=today, cutoff=None)
        day = min(today, report_day(period, allowance_days))
        return cls(period=period, day=day, cutoff=day)

    def counts(self, at: _dt.date | _dt.datetime | None) -> bool:
        """Whether something done ``at`` (a day or a moment) belongs to this state."""
        if self.cutoff is None:
            return True
        if at is None:
            return False
        day = at.date() if isinstance(at, _dt.datetime) else at
        return day <= self.cutoff

    def includes(self, period: Period | None) -> bool:
        """Whether a return for ``period`` is part of this state (it is for this period or an earlier one)."""
        return period is not None and period.sort_key <= self.period.sort_key

    @property
    def words(self) -> str:
        """What a printed sheet says about when it was seen from."""
        if self.open:
            return f"{self.period.label}（截至{_cn(self.day)}）"
        return f"{self.period.label}（截至报送截止日{_cn(self.day)}）"


def _cn(day: _dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
