"""Office-wide settings kept in the database, so every clerk on it sees the same lights."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from .queries import PlanArg

from ..domain.asof import DEFAULT_ALLOWANCE_DAYS, MAX_ALLOWANCE_DAYS
from ..domain.planclock import PLAN_HORIZON, PlanClock, cn_date
from ..models import Setting

WARN_DAYS = "warn_days"
CYCLE = "cycle"
# The end of the plan period: recurring deadlines stop rolling there (see domain.planclock).
HORIZON = "plan_horizon"
# Days after a period's end within which its returns are due (domain.asof.report_day).
ALLOWANCE = "report_allowance_days"
# What the documents that leave the office carry (docs/documents.md): who compiled them, the
# 督查通报's masthead, the contact, the 下步要求 paragraphs the clerk edits, the 版记.
OFFICE_NAME = "office_name"
MASTHEAD = "bulletin_masthead"
CONTACT = "office_contact"
PHONE = "office_phone"
NEXT_STEPS = "bulletin_next_steps"
COPY_TO = "bulletin_copy_to"
DEFAULT_NEXT_STEPS = (
    "一是压实工作责任。各牵头单位要对照任务清单和完成时限，逐项细化工作措施，明确责任人和时间节点，"
    "确保按期完成。\n"
    "二是加快滞后事项。对进度滞后和已逾期的事项，责任单位要认真分析原因，制定整改措施，限期追赶进度，"
    "并在下期报送中说明整改情况。\n"
    "三是按时报送进展。各单位要在每期结束后按时报送进展情况，如实反映工作成效和存在问题，"
    "确需延期的须书面申请并说明理由。\n"
    "四是强化督查问效。区政府督查室将持续跟踪督办，对工作推进不力、进度严重滞后的单位予以通报。")
DEFAULTS = {WARN_DAYS: "30", CYCLE: "quarter", HORIZON: PLAN_HORIZON.isoformat(),
            ALLOWANCE: str(DEFAULT_ALLOWANCE_DAYS),
            OFFICE_NAME: "南川区人民政府办公室", MASTHEAD: "南川区政务督查", CONTACT: "", PHONE: "",
            NEXT_STEPS: DEFAULT_NEXT_STEPS, COPY_TO: "区委办公室，区人大常委会办公室，区政协办公室。"}
# The 督查通报's 第N期 is numbered within each year: the last number used, per year.
BULLETIN_ISSUE_PREFIX = "bulletin_issue_"
CYCLES = {"month": "按月", "quarter": "按季度", "half": "按半年", "year": "按年"}


def get_setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    if row is not None:
        return row.value
    return "0" if key.startswith(BULLETIN_ISSUE_PREFIX) else DEFAULTS[key]


def office_name(session: Session) -> str:
    """The office that compiles and issues the documents (每份报表署名)."""
    return get_setting(session, OFFICE_NAME).strip() or DEFAULTS[OFFICE_NAME]


def next_steps(session: Session) -> list[str]:
    """The 下步要求 paragraphs of the 督查通报, one per line of the clerk's text."""
    text = get_setting(session, NEXT_STEPS).replace("\r\n", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def bulletin_issue_key(year: int, kind: str = "通报") -> str:
    """The setting holding the last 第N期 of ``year``: the 督查通报's, or the 专报's, which is a
    series of its own (the leaders' 第1期 is not the units' 第1期)."""
    return f"{BULLETIN_ISSUE_PREFIX}{year}" + ("" if kind == "通报" else "_special")


def last_bulletin_issue(session: Session, year: int, kind: str = "通报") -> int:
    try:
        return max(0, int(get_setting(session, bulletin_issue_key(year, kind))))
    except ValueError:
        return 0


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


def report_allowance(session: Session) -> int:
    """The reporting allowance in days (0–27; the default 5 when unset or unreadable)."""
    try:
        return min(MAX_ALLOWANCE_DAYS, max(0, int(get_setting(session, ALLOWANCE))))
    except ValueError:
        return DEFAULT_ALLOWANCE_DAYS


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
