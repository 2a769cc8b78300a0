"""The plan's own clock: its period (from the 成文日期 to the horizon), the 序时进度 and what
总览 says once the horizon is near, passed or extended.

The built-in plan's horizon is the end of 2025: its annex sets the targets for 2025, the last year
of 十四五. An office may extend it (a setting); recurring deadlines stop rolling at the horizon
(``deadlines.next_due``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Final

from .days import cn_date

__all__ = ["NEAR_END_DAYS", "PLAN_HORIZON", "PlanClock", "cn_date", "elapsed_share"]

PLAN_HORIZON: Final = _dt.date(2025, 12, 31)
NEAR_END_DAYS: Final = 180  # from here on 总览 reminds the office that the period is ending


def _until(day: _dt.date) -> str:
    """至2025年 for a year's end, else the full date."""
    return f"{day.year}年" if (day.month, day.day) == (12, 31) else cn_date(day)


def elapsed_share(start: _dt.date, horizon: _dt.date, today: _dt.date) -> float:
    """序时进度: the share of the plan period from ``start`` to ``horizon`` (both inclusive) that
    has elapsed by the end of ``today``, between 0 and 1."""
    total = (horizon - start).days + 1
    if total <= 0:
        return 1.0
    done = (today - start).days + 1
    return min(1.0, max(0.0, done / total))


@dataclass(frozen=True)
class PlanClock:
    start: _dt.date  # the plan's 成文日期
    horizon: _dt.date  # the end of the plan period in force (the office's setting)
    planned: _dt.date  # the end the plan itself sets
    today: _dt.date

    @property
    def share(self) -> float:
        return elapsed_share(self.start, self.horizon, self.today)

    @property
    def percent(self) -> int:
        """序时进度 in whole percent, rounded down so that 100% means the period is over."""
        return int(self.share * 100 + 1e-9)

    @property
    def passed(self) -> bool:
        return self.today > self.horizon

    @property
    def extended(self) -> bool:
        return self.horizon > self.planned

    @property
    def period_text(self) -> str:
        """规划期 2022年10月26日—2025年12月31日"""
        return f"规划期 {cn_date(self.start)}—{cn_date(self.horizon)}"

    @property
    def progress_text(self) -> str:
        return f"序时进度 {self.percent}%"

    def notice(self) -> str | None:
        """What the office must be told about the plan period, or None while it simply runs."""
        which = "延长后的规划期" if self.extended else "规划期"
        if self.passed:
            return (f"{which}（至{_until(self.horizon)}）已结束，请做好总结评估；"
                    f"周期性任务不再顺延，未完成的显示为逾期。如需继续督办，可延长规划期。")
        left = (self.horizon - self.today).days
        if left <= NEAR_END_DAYS:
            return (f"{which}将于{cn_date(self.horizon)}结束（还有{left}天），请提前做好总结评估；"
                    f"如需继续督办，可延长规划期。")
        if self.extended:
            return f"规划期已延长至{cn_date(self.horizon)}（文件原定至{_until(self.planned)}）。"
        return None
