"""Office-wide settings kept in the database, so every clerk on it sees the same lights."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from .queries import PlanArg

from ..domain.planclock import PLAN_HORIZON, PlanClock, cn_date
from ..models import Setting

WARN_DAYS = "warn_days"
CYCLE = "cycle"
# The end of the plan period: recurring deadlines stop rolling there (see domain.planclock).
HORIZON = "plan_horizon"
DEFAULTS = {WARN_DAYS: "30", CYCLE: "quarter", HORIZON: PLAN_HORIZON.isoformat()}
CYCLES = {"month": "按月", "quarter": "按季度", "half": "按半年", "year": "按年"}


def get_setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULTS[key]


def set_setting(session: Session, key: str, value: str, actor=None) -> None:
    """Change an office-wide setting; the change is logged like any other (who, when, old → new)."""
    from . import audit
    from .audit import Actor

    old = get_setting(session, key)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    if old != value:
        audit.log(session, actor or Actor.by_hand(), "settings", 0, key, old, value)


def warn_days(session: Session) -> int:
    try:
        return max(0, int(get_setting(session, WARN_DAYS)))
    except ValueError:
        return int(DEFAULTS[WARN_DAYS])


def reporting_cycle(session: Session) -> str:
    value = get_setting(session, CYCLE)
    return value if value in CYCLES else DEFAULTS[CYCLE]


def plan_horizon(session: Session) -> date:
    try:
        return date.fromisoformat(get_setting(session, HORIZON))
    except ValueError:
        return PLAN_HORIZON


def plan_start(session: Session, *, plan: PlanArg = None) -> date:
    """The plan's 成文日期 (the built-in plan by default), where its period (and its 序时进度) starts."""
    from .queries import resolve_plan

    return resolve_plan(session, plan).issued_on or date(PLAN_HORIZON.year - 4, 1, 1)


def plan_clock(session: Session, today: date, *, plan: PlanArg = None) -> PlanClock:
    """The plan's period (the built-in plan by default) as this office keeps it, seen on ``today``."""
    return PlanClock(start=plan_start(session, plan=plan), horizon=plan_horizon(session), planned=PLAN_HORIZON,
                     today=today)


def set_plan_horizon(session: Session, horizon: date, actor=None, *, plan: PlanArg = None) -> bool:
    """Extend (or bring back) the end of the plan period; logged like any other setting.
    Returns whether it changed. Refuses a date before the plan (the built-in one by default) was issued."""
    from ..errors import UsageError

    start = plan_start(session, plan=plan)
    if horizon <= start:
        raise UsageError(f"规划期截止日期{cn_date(horizon)}不晚于文件成文日期（{cn_date(start)}），"
                         f"请填写此后的日期。")
    if horizon == plan_horizon(session):
        return False
    set_setting(session, HORIZON, horizon.isoformat(), actor)
    return True
