"""Read-only queries behind the lists, the dashboard, the CLI and the reports.

Lights and due dates depend on "today", so they are computed here from plain columns, with a
fixed number of queries whatever the size of the office (no query per row).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..domain import lights
from ..domain.deadlines import Deadline, due_on
from ..domain.periods import Period, latest_ended, parse_period
from ..domain.statuses import DONE, STATUSES
from ..models import Assignment, Department, Plan, ProgressEntry, Section, Task
from ..models.assignment import ROLE_LEAD, STATUS_FROM_RETURN
from .settings import plan_horizon, reporting_cycle, warn_days

COLLECTIVE = "集合"


@dataclass
class AssignmentRow:
    id: int
    version: int
    task_id: int
    task_no: int
    task_title: str
    section: str  # level-1 heading
    subsection: str  # level-2 heading (or "")
    department_id: int
    department: str
    category: str
    role: str
    measure: str
    deadline_text: str
    deadline_kind: str
    due: date | None  # for recurring deadlines: the next due date from today (not past the horizon)
    status: str
    closure: str | None
    light: str
    reasons: list[str]
    reported: bool  # has a return for the period in question
    owes: bool  # needs a return for the period in question (owes_return)
    latest_period: str | None
    latest_progress: str | None
    latest_problems: str | None
    latest_next_steps: str | None
    latest_reported_on: date | None
    is_example: bool
    position: int = 0

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "task_no": self.task_no,
            "task_title": self.task_title,
            "department": self.department,
            "role": self.role,
            "measure": self.measure,
            "deadline": self.due.isoformat() if self.due else None,
            "deadline_text": self.deadline_text,
            "deadline_kind": self.deadline_kind,
            "status": self.status,
            "closure": self.closure,
            "light": self.light,
            "latest_period": self.latest_period,
            "latest_progress": self.latest_progress,
        }


@dataclass(frozen=True)
class Filters:
    department: str | None = None  # a unit's full name
    status: str | None = None
    light: str | None = None
    task_no: int | None = None
    role: str | None = None


@dataclass
class Context:
    """What the lights depend on besides the data: today, the warning window, the period."""

    today: date
    warn_days: int
    period: Period
    cycle: str
    horizon: date | None = None  # the end of the plan period: recurring deadlines stop there

    @classmethod
    def load(cls, session: Session, today: date, period: str | Period | None = None) -> Context:
        cycle = reporting_cycle(session)
        if isinstance(period, str):
            parsed = parse_period(period)
            if parsed is None:
                raise ValueError(period)
            period = parsed
        return cls(today=today, warn_days=warn_days(session), period=period or latest_ended(today, cycle),
                   cycle=cycle, horizon=plan_horizon(session))


def builtin_plan(session: Session) -> Plan:
    from .bootstrap import builtin_plan_no

    plan = session.scalar(select(Plan).where(Plan.doc_no == builtin_plan_no()))
    if plan is None:
        raise LookupError("plan missing")
    return plan


def owes_return(role: str, category: str, status: str, *, period: Period | None = None,
                done_in: Period | None = None) -> bool:
    """Whether an assignment needs a return for ``period``: lead units report on their work
    each period (cooperating units report through the lead unit, though their own returns are
    taken too); collective names such as 各乡镇（街道） cannot send a return. Work reported done
    in a period still owed that period's return and the earlier ones; work marked done by hand
    owes nothing more. The one rule behind 未报送, the lights and the unit scores."""
    if role != ROLE_LEAD or category == COLLECTIVE:
        return False
    if status != DONE:
        return True
    return period is not None and done_in is not None and done_in.sort_key >= period.sort_key


def reported_assignment_ids(session: Session, period: str) -> set[int]:
    return set(session.scalars(
        select(ProgressEntry.assignment_id).where(ProgressEntry.period == period,
                                                  ProgressEntry.superseded.is_(False)).distinct()
    ))


def assignment_rows(session: Session, ctx: Context, filters: Filters | None = None) -> list[AssignmentRow]:
    filters = filters or Filters()
    parent = aliased(Section)
    latest = aliased(ProgressEntry)
    stmt = (
        select(
            Assignment.id, Assignment.version, Assignment.task_id, Task.no, Task.title,
            Section.title, Section.parent_id, parent.title,
            Assignment.department_id, Department.name, Department.category,
            Assignment.role, Assignment.measure, Assignment.deadline_text, Assignment.deadline_kind,
            Assignment.deadline_due, Assignment.deadline_rule, Assignment.status, Assignment.status_source,
            Assignment.closure,
            latest.period, latest.progress, latest.problems, latest.next_steps, latest.reported_on,
            Assignment.is_example, Assignment.position,
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Department, Department.id == Assignment.department_id)
        .outerjoin(Section, Section.id == Task.section_id)
        .outerjoin(parent, parent.id == Section.parent_id)
        .outerjoin(latest, latest.id == Assignment.latest_entry_id)
        .order_by(Task.no, Assignment.position, Assignment.id)
    )
    if filters.department:
        stmt = stmt.where(Department.name == filters.department)
    if filters.status:
        stmt = stmt.where(Assignment.status == filters.status)
    if filters.task_no is not None:
        stmt = stmt.where(Task.no == filters.task_no)
    if filters.role:
        stmt = stmt.where(Assignment.role == filters.role)
    reported = reported_assignment_ids(session, ctx.period.code)
    rows: list[AssignmentRow] = []
    for r in session.execute(stmt):
        (aid, version, task_id, task_no, task_title, sec_title, sec_parent, parent_title, dep_id, dep_name,
         category, role, measure, dl_text, dl_kind, dl_due, dl_rule, status, source, closure,
         l_period, l_progress, l_problems, l_next, l_on, is_example, position) = r
        due = due_on(Deadline(text=dl_text, kind=dl_kind, due=dl_due, rule=dl_rule), ctx.today, ctx.horizon)
        done_in = parse_period(l_period) if status == DONE and source == STATUS_FROM_RETURN and l_period else None
        owes = owes_return(role, category, status, period=ctx.period, done_in=done_in)
        missing = owes and aid not in reported
        light = lights.light(status=status, due=due, today=ctx.today, warn_days=ctx.warn_days,
                             missing_return=missing)
        if filters.light and light != filters.light:
            continue
        reasons = lights.reasons(status=status, due=due, today=ctx.today, warn_days=ctx.warn_days,
                                 missing_return=missing) if light != lights.GREEN else []
        section, subsection = (parent_title, sec_title) if sec_parent else (sec_title or "", "")
        rows.append(AssignmentRow(
            id=aid, version=version, task_id=task_id, task_no=task_no, task_title=task_title,
            section=section or "", subsection=subsection or "", department_id=dep_id, department=dep_name,
            category=category, role=role, measure=measure, deadline_text=dl_text, deadline_kind=dl_kind,
            due=due, status=status, closure=closure, light=light, reasons=reasons, reported=aid in reported,
            owes=owes,
            latest_period=l_period, latest_progress=l_progress, latest_problems=l_problems,
            latest_next_steps=l_next, latest_reported_on=l_on, is_example=is_example, position=position,
        ))
    return rows


@dataclass
class MissingUnit:
    department_id: int
    name: str
    category: str
    contact: str
    phone: str
    owed: int  # assignments it should report on


def missing_units(session: Session, ctx: Context, rows: list[AssignmentRow] | None = None) -> list[MissingUnit]:
    """Units that owe a return for the period (see owes_return) and sent none at all."""
    rows = rows if rows is not None else assignment_rows(session, ctx)
    owed: Counter[int] = Counter()
    reported_units: set[int] = set()
    for r in rows:
        if r.reported:
            reported_units.add(r.department_id)
        if r.owes:
            owed[r.department_id] += 1
    ids = [d for d in owed if d not in reported_units]
    if not ids:
        return []
    deps = session.scalars(select(Department).where(Department.id.in_(ids))).all()
    result = [MissingUnit(d.id, d.name, d.category, d.contact, d.phone, owed[d.id]) for d in deps]
    return sorted(result, key=lambda m: (m.category != "区级部门", m.name))


@dataclass
class StatusSummary:
    plan: str
    today: date
    period: str
    tasks: int
    assignments: int
    by_status: dict[str, int]
    by_light: dict[str, int]
    overdue: int
    due_soon: int
    pending_closure: int
    missing_returns: list[str]
    by_section: dict[str, dict[str, int]] = field(default_factory=dict)
    by_department: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        return {k: data[k] for k in ("plan", "today", "period", "tasks", "assignments", "by_status", "by_light",
                                     "overdue", "due_soon", "pending_closure", "missing_returns")}


def status_summary(session: Session, ctx: Context, rows: list[AssignmentRow] | None = None) -> StatusSummary:
    plan = builtin_plan(session)
    rows = rows if rows is not None else assignment_rows(session, ctx)
    by_status = {s: 0 for s in STATUSES}
    by_light = {lights.RED: 0, lights.YELLOW: 0, lights.GREEN: 0}
    by_section: dict[str, dict[str, int]] = {}
    by_department: dict[str, dict[str, int]] = {}
    overdue = due_soon = pending = 0
    for r in rows:
        by_status[r.status] = by_status.get(r.status, 0) + 1
        by_light[r.light] += 1
        overdue += lights.is_overdue(r.status, r.due, ctx.today)
        due_soon += lights.is_due_soon(r.status, r.due, ctx.today, ctx.warn_days)
        pending += r.closure == "待销号"
        for key, table in ((r.section or "（未分章节）", by_section), (r.department, by_department)):
            counts = table.setdefault(key, {**dict.fromkeys(STATUSES, 0), lights.RED: 0, lights.YELLOW: 0,
                                            lights.GREEN: 0, "合计": 0})
            counts[r.status] = counts.get(r.status, 0) + 1
            counts[r.light] += 1
            counts["合计"] += 1
    task_count = session.scalar(select(func.count()).select_from(Task).where(Task.plan_id == plan.id)) or 0
    return StatusSummary(
        plan=plan.doc_no, today=ctx.today, period=ctx.period.code, tasks=task_count, assignments=len(rows),
        by_status=by_status, by_light=by_light, overdue=overdue, due_soon=due_soon, pending_closure=pending,
        missing_returns=[m.name for m in missing_units(session, ctx, rows)],
        by_section=by_section, by_department=by_department,
    )
