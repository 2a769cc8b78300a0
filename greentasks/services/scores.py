"""Unit scores (考评, docs/lights.md#scores): per unit, the returns it owed and sent on time, its assignments done,
overdue and 滞后, a score and a rank — for one period or for the plan so far.

The rules are plain numbers in :class:`ScoreRules` and are printed under the ranking, so a clerk
can explain every score by hand:

* A unit owes one return (进展情况表) per period while it leads at least one unfinished assignment
  (collective names such as 各乡镇（街道） cannot send one; a member's share of a collective's work
  counts as work the member leads). It has sent it when any of its assignments has a live
  progress entry for that period — the rule of ``queries.missing_units``.
* A return is on time when its 填报日期 (else the day it was imported) is at most
  ``return_due_days`` after the period ends.
* Done, overdue and 滞后 count the assignments the unit leads (the lead unit answers for the work),
  as they stand today.
* Score = base − missing returns × missing_return − late returns × late_return
  − overdue × overdue − 滞后 × behind + min(done × done_bonus, bonus_cap), never below 0.
* Only units that lead at least one assignment are ranked; equal scores share a rank (1, 2, 2, 4).

Scores are of one plan, the context's: only its assignments and their returns count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from ..domain import lights
from ..domain.periods import Period, parse_period
from ..domain.rules import CLOSURE_PENDING, COLLECTIVE, owes_return
from ..domain.statuses import BEHIND, DONE
from ..domain.vocabulary import ROLE_LEAD
from ..models import Assignment, ProgressEntry, Task
from .queries import AssignmentRow, Context, assignment_rows

SCOPE_PERIOD = "period"
SCOPE_PLAN = "plan"
SCOPES = {SCOPE_PERIOD: "本期", SCOPE_PLAN: "累计"}


@dataclass(frozen=True)
class ScoreRules:
    base: float = 100
    missing_return: float = 10  # per return owed and not sent
    late_return: float = 3  # per return sent after its due day
    overdue: float = 5  # per overdue assignment the unit leads
    behind: float = 2  # per 滞后 assignment the unit leads
    done_bonus: float = 2  # per completed assignment the unit leads …
    bonus_cap: float = 10  # … up to this many points
    return_due_days: int = 10  # a return is due this many days after its period ends

    def describe(self) -> str:
        """The rules in the words printed under the ranking."""
        return (
            f"评分办法：基础分{_num(self.base)}分；每缺报一期进展扣{_num(self.missing_return)}分，"
            f"每迟报一期（报送期结束{self.return_due_days}天后报送）扣{_num(self.late_return)}分；"
            f"牵头的分工每逾期一项扣{_num(self.overdue)}分，每滞后一项扣{_num(self.behind)}分；"
            f"每完成一项加{_num(self.done_bonus)}分，最多加{_num(self.bonus_cap)}分。得分相同的名次并列。"
        )

    def return_due(self, period: Period) -> date:
        return period.end + timedelta(days=self.return_due_days)


@dataclass
class UnitScore:
    department_id: int
    department: str
    category: str
    lead: int = 0  # assignments the unit leads, its shares of collectives' work among them
    shared: int = 0  # of those, its shares of collectives' work (各乡镇（街道） → this town)
    cooperating: int = 0  # assignments it cooperates on
    owed: int = 0  # returns owed (one per period)
    sent: int = 0
    on_time: int = 0
    done: int = 0
    pending_closure: int = 0  # of the done ones, not yet confirmed (待销号)
    overdue: int = 0
    behind: int = 0
    score: float = 0.0
    rank: int = 0
    missing_periods: list[str] = field(default_factory=list)

    @property
    def late(self) -> int:
        return self.sent - self.on_time

    @property
    def missing(self) -> int:
        return self.owed - self.sent

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.owed if self.owed else 1.0


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def live_entries(ctx: Context, *columns: Any) -> Select:
    """``columns`` of the live progress entries of the context's plan."""
    return (select(*columns).join(Assignment, Assignment.id == ProgressEntry.assignment_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(ProgressEntry.superseded.is_(False), Task.plan_id == ctx.plan.id))


def scored_periods(session: Session, ctx: Context, scope: str) -> list[Period]:
    """The periods whose returns count: the context's period, or every period of its kind from
    the first one any return was recorded for up to it."""
    if scope == SCOPE_PERIOD:
        return [ctx.period]
    if scope != SCOPE_PLAN:
        raise ValueError(scope)
    codes = session.scalars(live_entries(ctx, ProgressEntry.period).distinct())
    first = ctx.period
    for code in codes:
        period = parse_period(code)
        if period is not None and period.kind == ctx.period.kind and period < first:
            first = period
    periods = [first]
    while periods[-1] < ctx.period:
        periods.append(periods[-1].next())
    return periods


def unit_scores(session: Session, ctx: Context, *, scope: str = SCOPE_PERIOD, rules: ScoreRules | None = None,
                rows: list[AssignmentRow] | None = None) -> list[UnitScore]:
    """Every unit that leads an assignment, scored and ranked (best first)."""
    rules = rules or ScoreRules()
    rows = rows if rows is not None else assignment_rows(session, ctx)
    periods = scored_periods(session, ctx, scope)
    by_code = {p.code: p for p in periods}

    # Only the entries that count: those reporting the work done (for the period it was done
    # in) and those of the scored periods; a document's other returns (years of 推进中) are not read.
    # A Core execution: thousands of plain tuples, which the ORM's result handling would only slow.
    entries = session.connection().execute(
        live_entries(ctx, ProgressEntry.assignment_id, ProgressEntry.period, ProgressEntry.status,
                      ProgressEntry.reported_on, ProgressEntry.created_at)
        .where(or_(ProgressEntry.status == DONE, ProgressEntry.period.in_(list(by_code))))).all()
    done_in: dict[int, Period] = {}  # assignment → the first period it was reported done
    sent_on: dict[tuple[int, str], date] = {}  # (assignment, period) → the day its report was dated
    for aid, code, status, reported_on, created_at in entries:
        period = parse_period(code)
        if status == DONE and period is not None and (aid not in done_in or period.sort_key < done_in[aid].sort_key):
            done_in[aid] = period
        if code in by_code:
            day = reported_on or (created_at.date() if created_at else None)
            if day is not None:
                key = (aid, code)
                sent_on[key] = min(sent_on.get(key, day), day)

    scores: dict[int, UnitScore] = {}
    unit_rows: dict[int, list[AssignmentRow]] = defaultdict(list)
    for r in rows:
        if r.category == COLLECTIVE:
            continue
        unit_rows[r.department_id].append(r)
    for dep_id, items in unit_rows.items():
        leads = [r for r in items if r.role == ROLE_LEAD or r.parent_id is not None]
        if not leads:
            continue
        s = scores[dep_id] = UnitScore(dep_id, items[0].department, items[0].category)
        s.lead = len(leads)
        s.shared = sum(r.parent_id is not None for r in leads)
        s.cooperating = len(items) - len(leads)
        s.done = sum(r.status == DONE for r in leads)
        s.pending_closure = sum(r.status == DONE and r.closure == CLOSURE_PENDING for r in leads)
        s.overdue = sum(lights.is_overdue(r.status, r.due, ctx.today) for r in leads)
        s.behind = sum(r.status == BEHIND for r in leads)
        for period in periods:
            if not any(_owes(r, period, done_in) for r in leads):
                continue
            s.owed += 1
            days = [sent_on[(r.id, period.code)] for r in items if (r.id, period.code) in sent_on]
            if days:
                s.sent += 1
                s.on_time += min(days) <= rules.return_due(period)
            else:
                s.missing_periods.append(period.code)
        bonus = min(s.done * rules.done_bonus, rules.bonus_cap)
        score = (rules.base - s.missing * rules.missing_return - s.late * rules.late_return
                 - s.overdue * rules.overdue - s.behind * rules.behind + bonus)
        s.score = round(max(0.0, score), 1)

    ranked = sorted(scores.values(), key=lambda s: (-s.score, -s.on_time_rate, s.overdue, s.department))
    for i, s in enumerate(ranked):
        s.rank = ranked[i - 1].rank if i and s.score == ranked[i - 1].score else i + 1
    return ranked


def _owes(row: AssignmentRow, period: Period, done_in: dict[int, Period]) -> bool:
    return owes_return(row.role, row.category, row.status, period=period, done_in=done_in.get(row.id),
                       shared=row.parent_id is not None)

