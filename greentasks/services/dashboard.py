"""What the desktop app's views show at once, loaded in one go off the UI thread: the list rows,
the counts, the lists of the overview (逾期, 即将到期, 待销号, 未报送) and the flags the filters use.

Everything is computed from :func:`queries.assignment_rows` with the rules of ``domain.lights``
and ``domain.rules`` (owes_return, 待销号), so the views never repeat a rule. An overview is of one
plan, the built-in one unless the caller names another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from ..domain import lights
from ..domain.periods import Period, current
from ..domain.planclock import PlanClock
from ..domain.rules import CLOSURE_PENDING
from ..domain.statuses import DONE
from .queries import (
    AssignmentRow,
    Context,
    Filters,
    MissingUnit,
    PlanArg,
    StatusSummary,
    assignment_rows,
    missing_units,
    status_summary,
)
from .settings import plan_clock


@dataclass
class Overview:
    ctx: Context
    rows: list[AssignmentRow]
    summary: StatusSummary
    missing: list[MissingUnit]
    overdue_ids: set[int] = field(default_factory=set)
    due_soon_ids: set[int] = field(default_factory=set)
    missing_ids: set[int] = field(default_factory=set)  # owes a return for the period and sent none
    pending_ids: set[int] = field(default_factory=set)
    clock: PlanClock | None = None  # the plan period and its 序时进度

    @property
    def period(self) -> Period:
        return self.ctx.period

    def overdue_rows(self) -> list[AssignmentRow]:
        rows = [r for r in self.rows if r.id in self.overdue_ids]
        return sorted(rows, key=lambda r: (r.due or date.max, r.task_no))

    def due_soon_rows(self) -> list[AssignmentRow]:
        rows = [r for r in self.rows if r.id in self.due_soon_ids]
        return sorted(rows, key=lambda r: (r.due or date.max, r.task_no))

    def pending_rows(self) -> list[AssignmentRow]:
        return [r for r in self.rows if r.id in self.pending_ids]


def _flags(overview: Overview) -> Overview:
    ctx = overview.ctx
    overview.overdue_ids.clear()
    overview.due_soon_ids.clear()
    overview.missing_ids.clear()
    overview.pending_ids.clear()
    for r in overview.rows:
        if r.owes and not r.reported:
            overview.missing_ids.add(r.id)  # a member's share owes its own return
        if r.parent_id is not None:
            continue  # the counts are of the collective's row, which rolls its shares up
        if lights.is_overdue(r.status, r.due, ctx.today):
            overview.overdue_ids.add(r.id)
        if lights.is_due_soon(r.status, r.due, ctx.today, ctx.warn_days):
            overview.due_soon_ids.add(r.id)
        if r.closure == CLOSURE_PENDING:
            overview.pending_ids.add(r.id)
    return overview


def load_overview(session: Session, today: date, period: Period | None = None, *, plan: PlanArg = None
                  ) -> Overview:
    """The overview of ``plan`` (the built-in one by default) for ``period`` (the latest ended
    one by default) as seen on ``today``."""
    ctx = Context.load(session, today, period, plan)
    rows = assignment_rows(session, ctx)
    return _summarise(session, ctx, rows)


def _summarise(session: Session, ctx: Context, rows: list[AssignmentRow]) -> Overview:
    missing = missing_units(session, ctx, rows)
    summary = status_summary(session, ctx, rows)
    return _flags(Overview(ctx=ctx, rows=rows, summary=summary, missing=missing,
                           clock=plan_clock(session, ctx.today, plan=ctx.plan)))


def reload_tasks(session: Session, overview: Overview, task_nos: set[int], removed_ids: set[int] = frozenset()
                 ) -> Overview:
    """The overview again after a change to some tasks' assignments: only those tasks' rows are
    queried again; the counts are recomputed from the rows in memory."""
    ctx = overview.ctx
    fresh: dict[int, list[AssignmentRow]] = {
        no: assignment_rows(session, ctx, Filters(task_no=no)) for no in sorted(task_nos)
    }
    rows: list[AssignmentRow] = []
    for r in overview.rows:
        if r.task_no in fresh or r.id in removed_ids:
            continue
        rows.append(r)
    for task_rows in fresh.values():
        rows.extend(task_rows)
    rows.sort(key=lambda r: (r.task_no, r.position, r.id))
    return _summarise(session, ctx, rows)


def plan_periods(start: date, today: date, cycle: str) -> list[Period]:
    """The periods of the office's cycle from the one holding the plan's 成文日期 ``start`` to the
    current one, newest first (just the current one when the plan starts later)."""
    period = current(today, cycle)
    first = current(start, cycle)
    out = [period]
    while period.sort_key > first.sort_key:
        period = period.previous()
        out.append(period)
    return out


def period_choices(today: date, cycle: str, back: int = 8) -> list[Period]:
    """Recent periods of the cycle, newest first: the current one and those before it."""
    period = current(today, cycle)
    out = [period]
    for _ in range(back):
        period = period.previous()
        out.append(period)
    return out


@dataclass
class DocumentLine:
    """One document's line in 总览 when the office follows several: its counts for the period."""

    plan_id: int
    doc_no: str
    title: str
    kind: str  # models.plan.PLAN_KINDS
    tasks: int
    assignments: int
    done: int
    overdue: int
    due_soon: int
    missing_units: int  # units that owe a return for the period and sent none
    pending_closure: int

    def to_json(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def document_lines(session: Session, today: date, period: Period | None = None, *,
                   known: Overview | None = None) -> list[DocumentLine]:
    """A line per active document that has tasks, the built-in plan first, then by 成文日期 (总览
    over all documents), counted as the overview counts (``known``: an overview of one of them
    for the same period, already loaded: its line is taken from it). The other documents' rows
    are read in one query (queries.rows_by_plan)."""
    from sqlalchemy import exists, func, select

    from ..models.plan import PLAN_ACTIVE, Plan, Task
    from .bootstrap import builtin_plan_no
    from .queries import PlanRef, rows_by_plan

    plans = session.scalars(
        select(Plan).where(Plan.status == PLAN_ACTIVE, exists().where(Task.plan_id == Plan.id))
        .order_by(Plan.issued_on, Plan.id)).all()
    default = builtin_plan_no()
    plans = sorted(plans, key=lambda p: p.doc_no != default)
    if not plans:
        return []
    tasks = dict(session.execute(select(Task.plan_id, func.count()).where(Task.plan_id.in_([p.id for p in plans]))
                                 .group_by(Task.plan_id)).all())
    rest = [PlanRef.of(p) for p in plans if known is None or known.ctx.plan.id != p.id]
    ctx = Context.load(session, today, period)
    rows = rows_by_plan(session, ctx, rest, texts=False) if rest else {}
    lines = []
    for plan in plans:
        if plan.id in rows:
            lines.append(_line(plan, rows[plan.id], tasks.get(plan.id, 0), ctx))
        else:
            s = known.summary
            lines.append(DocumentLine(plan_id=plan.id, doc_no=plan.doc_no, title=plan.title, kind=plan.kind,
                                      tasks=s.tasks, assignments=s.assignments, done=s.by_status.get(DONE, 0),
                                      overdue=s.overdue, due_soon=s.due_soon, missing_units=len(s.missing_returns),
                                      pending_closure=s.pending_closure))
    return lines


def _line(plan, rows: list[AssignmentRow], tasks: int, ctx: Context) -> DocumentLine:
    """A document's counts from its rows, by the rules status_summary and missing_units apply."""
    top = [r for r in rows if r.parent_id is None]
    owed, reported = set(), set()
    for r in rows:
        if r.reported:
            reported.add(r.department_id)
        if r.owes:
            owed.add(r.department_id)
    return DocumentLine(
        plan_id=plan.id, doc_no=plan.doc_no, title=plan.title, kind=plan.kind, tasks=tasks, assignments=len(top),
        done=sum(r.status == DONE for r in top),
        overdue=sum(lights.is_overdue(r.status, r.due, ctx.today) for r in top),
        due_soon=sum(lights.is_due_soon(r.status, r.due, ctx.today, ctx.warn_days) for r in top),
        missing_units=len(owed - reported), pending_closure=sum(r.closure == CLOSURE_PENDING for r in top))
