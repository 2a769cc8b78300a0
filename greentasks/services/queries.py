"""Read-only queries behind the lists, the dashboard, the CLI and the reports.

Lights and due dates depend on "today", so they are computed here from plain columns, with a
fixed number of queries whatever the size of the office (no query per row).

Every query is about one plan (文件), the one its :class:`Context` carries: the built-in plan
unless a caller names another (:func:`resolve_plan`, docs/vocabulary.md#plan-argument). Periods
arrive as :class:`Period` values; text is parsed once, at the command line's or the window's edge,
with ``domain.periods.require_period``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, null, select
from sqlalchemy.orm import Session, aliased

from ..collector import collector_paused
from ..domain import lights
from ..domain.asof import AsOf
from ..domain.deadlines import Deadline, due_on
from ..domain.extensions import extension_text
from ..domain.leaders import NO_LEADER, leader_matches, leader_names
from ..domain.periods import Period, latest_ended, parse_period
from ..domain.rules import CLOSURE_CONFIRMED, CLOSURE_PENDING, COLLECTIVE, STATUS_ORDER, owes_return  # noqa: F401
from ..domain.statuses import BEHIND, DONE, STATUSES
from ..domain.text import fold
from ..domain.vocabulary import CATEGORIES
from ..errors import UsageError
from ..models import Assignment, Department, Plan, ProgressEntry, Section, Task
from ..models.assignment import STATUS_FROM_RETURN
from ..models.plan import PLAN_REPEALED
from .asof import approved_extensions, is_current_state, states_as_of
from .settings import plan_horizon, report_allowance, reporting_cycle, warn_days


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
    deadline_original: str = ""  # the stored 完成时限 (deadline_text adds an approved extension)
    extended_to: date | None = None  # the date an approved extension moved it to
    parent_id: int | None = None  # a member's share of a collective's assignment: the collective's row
    shares: int = 0  # a collective's row: how many members share it
    rollup: str = ""  # a collective's row: "已报送 21/34，已完成 9，滞后 3"
    leader: str = ""  # the task's 责任领导, names joined with "、" (domain.leaders)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "task_no": self.task_no,
            "task_title": self.task_title,
            "leader": self.leader,
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
            "deadline_original": self.deadline_original,
            "extended_to": self.extended_to.isoformat() if self.extended_to else None,
            "parent_id": self.parent_id,
            "rollup": self.rollup or None,
        }


@dataclass(frozen=True)
class Filters:
    department: str | None = None  # a unit's full name
    status: str | None = None
    light: str | None = None
    task_no: int | None = None
    role: str | None = None
    # A 责任领导's name: the tasks that name that leader (domain.leaders.leader_matches);
    # domain.leaders.NO_LEADER: the tasks that name none.
    leader: str | None = None


@dataclass(frozen=True)
class PlanRef:
    """The plan (文件) a list, a report or an export is about, as plain values: a Context crosses
    threads in the desktop app and outlives the session it was loaded in."""

    id: int
    doc_no: str  # 文号
    title: str
    # 废止 (docs/documents.md#register): its rows keep their history but raise no warning.
    repealed: bool = False
    repealed_by: str | None = None
    repealed_on: date | None = None

    @classmethod
    def of(cls, plan: Plan) -> PlanRef:
        return cls(id=plan.id, doc_no=plan.doc_no, title=plan.title, repealed=plan.status == PLAN_REPEALED,
                   repealed_by=plan.repealed_by, repealed_on=plan.repealed_on)


# What a caller may name a plan by: its 文号, the plan itself, or None for the built-in plan.
PlanArg = str | Plan | PlanRef | None


def builtin_plan(session: Session) -> Plan:
    from .bootstrap import builtin_plan_no

    plan = session.scalar(select(Plan).where(Plan.doc_no == builtin_plan_no()))
    if plan is None:
        raise LookupError("plan missing")
    return plan


def resolve_plan(session: Session, plan: PlanArg = None) -> Plan:
    """The plan a caller named (docs/vocabulary.md#plan-argument): a 文号 (full-width digits and
    spaces tolerated), a Plan or a PlanRef, or None for the built-in plan. An unknown 文号 is a
    UsageError that names the documents the office has registered."""
    if plan is None:
        return builtin_plan(session)
    if isinstance(plan, Plan):
        return plan
    if isinstance(plan, PlanRef):
        found = session.get(Plan, plan.id)
        if found is None:
            raise UsageError(f"文件“{plan.doc_no}”已不在文件登记中，请刷新后再试。")
        return found
    if not isinstance(plan, str):
        raise TypeError(f"a plan is a 文号, a Plan or None, not {type(plan).__name__}")
    found = session.scalar(select(Plan).where(Plan.doc_no == plan.strip()))
    if found is not None:
        return found
    plans = session.scalars(select(Plan).order_by(Plan.issued_on, Plan.id)).all()
    key = fold(plan)
    for candidate in plans:
        if key and fold(candidate.doc_no) == key:
            return candidate
    known = "、".join(p.doc_no for p in plans) or "（无）"
    raise UsageError(f"文件“{plan}”不在文件登记中。已登记的文件：{known}。请填写其中一个文号。")


def expect_period(period: object) -> Period | None:
    """``period`` when it is a Period or None. Services take Period values only: text is parsed
    once at the edge (``domain.periods.require_period``), so a string here is a programming error."""
    if period is None or isinstance(period, Period):
        return period
    raise TypeError(f"period must be a Period or None, not {type(period).__name__}; "
                    "parse the text with domain.periods.require_period first")


@dataclass
class Context:
    """What the lists depend on besides the data: the plan, today, the warning window, the period.

    ``as_of`` set: the state as of the period (docs/periods.md#as-of), and ``today`` is the day
    its lights are computed on; None: the newest state as seen on ``today``."""

    today: date
    warn_days: int
    period: Period
    cycle: str
    plan: PlanRef
    horizon: date | None = None  # the end of the plan period: recurring deadlines stop there
    as_of: AsOf | None = None

    @classmethod
    def load(cls, session: Session, today: date, period: Period | None = None, plan: PlanArg = None, *,
             as_of: bool | None = None) -> Context:
        """The context of ``plan`` (the built-in one by default) for ``period`` (the latest
        ended period of the office's reporting cycle by default) as seen on ``today``.

        A period given is read as of that period (``as_of=False`` keeps the newest state, for the
        few places that only ask who reported for it); no period, the newest state."""
        period = expect_period(period)
        cycle = reporting_cycle(session)
        seen = None
        if period is not None and as_of is not False or as_of:
            seen = AsOf.of(period or latest_ended(today, cycle), today, cycle, report_allowance(session))
        return cls(today=seen.day if seen else today, warn_days=warn_days(session),
                   period=period or latest_ended(today, cycle), cycle=cycle,
                   plan=PlanRef.of(resolve_plan(session, plan)), horizon=plan_horizon(session), as_of=seen)

    @property
    def period_words(self) -> str:
        """The period as a printed sheet names it, with the day it is seen from when it is closed."""
        return self.as_of.words if self.as_of is not None and not self.as_of.open else self.period.label


def reported_assignment_ids(session: Session, period: Period) -> set[int]:
    """Assignments (of any plan: callers test membership) with a live return for ``period``."""
    return set(session.scalars(
        select(ProgressEntry.assignment_id).where(ProgressEntry.period == expect_period(period).code,
                                                  ProgressEntry.superseded.is_(False)).distinct()
    ))


def assignment_rows(session: Session, ctx: Context, filters: Filters | None = None) -> list[AssignmentRow]:
    """The rows of the context's plan, as of its period when it has one (docs/periods.md#as-of):
    every assignment, the members' shares of a collective's work among them (``parent_id``), the
    collective's own row rolling them up (services.collectives)."""
    return rows_by_plan(session, ctx, [ctx.plan], filters)[ctx.plan.id]


_UNSEEN = object()  # a deadline not worked out yet (None is an answer: ongoing, 未识别)


@collector_paused()  # thousands of rows that all survive the call (greentasks.collector)
def rows_by_plan(session: Session, ctx: Context, plans: list[PlanRef], filters: Filters | None = None,
                 *, texts: bool = True) -> dict[int, list[AssignmentRow]]:
    """:func:`assignment_rows` of several plans at once (总览 over every document), by plan id,
    seen with ``ctx``'s day, period and warning window: one query for all of them, so the
    statements do not grow with the number of documents (only a closed period's states are read
    per plan).

    ``texts=False``: rows for counting only (总览's line per document): the latest return's
    进展/问题/计划 are not read and the warnings' reasons not worded; every count is the same."""
    filters = filters or Filters()
    by_id = {p.id: p for p in plans}
    parent = aliased(Section)
    latest = aliased(ProgressEntry)
    live = aliased(ProgressEntry)  # this period's live return, if any: one lookup in uq_progress_live
    if texts:
        progress, problems, next_steps = latest.progress, latest.problems, latest.next_steps
        latest_id = Assignment.latest_entry_id
    else:
        progress = problems = next_steps = null()
        # Counting needs the latest return only for work a return reported done (the period
        # it was done in): the others' are not looked up.
        latest_id = case((and_(Assignment.status == DONE, Assignment.status_source == STATUS_FROM_RETURN),
                          Assignment.latest_entry_id))
    stmt = (
        select(
            Assignment.id, Assignment.version, Assignment.task_id, Task.no, Task.title,
            Section.title, Section.parent_id, parent.title,
            Assignment.department_id, Department.name, Department.category,
            Assignment.role, Assignment.measure, Assignment.deadline_text, Assignment.deadline_kind,
            Assignment.deadline_due, Assignment.deadline_rule, Assignment.status, Assignment.status_source,
            Assignment.closure,
            latest.period, progress, problems, next_steps, latest.reported_on,
            Assignment.is_example, Assignment.position, Assignment.parent_id, Task.leader, Task.plan_id, live.id,
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Department, Department.id == Assignment.department_id)
        .outerjoin(Section, Section.id == Task.section_id)
        .outerjoin(parent, parent.id == Section.parent_id)
        .outerjoin(latest, latest.id == latest_id)
        .outerjoin(live, (live.assignment_id == Assignment.id) & (live.period == ctx.period.code)
                   & live.superseded.is_(False))
        .where(Task.plan_id == plans[0].id if len(plans) == 1 else Task.plan_id.in_(list(by_id)))
        .order_by(Task.plan_id, Task.no, Assignment.position, Assignment.id)
    )
    if filters.task_no is not None:
        stmt = stmt.where(Task.no == filters.task_no)
    if filters.role:
        stmt = stmt.where(Assignment.role == filters.role)
    if filters.leader:
        for plan in plans:
            check_leader(session, plan.id, filters.leader)
    states: dict[int, Any] = {}
    if ctx.as_of is not None:
        for plan in plans:
            if not is_current_state(session, plan.id, ctx.as_of):
                states.update(states_as_of(session, plan.id, ctx.as_of))
    extended = approved_extensions(session, list(by_id), ctx.as_of)
    repealed_by = {p.id: _repealed_reason(p) for p in plans}
    out: dict[int, list[AssignmentRow]] = {p.id: [] for p in plans}
    due_of: dict[tuple, date | None] = {}
    # A Core execution: the ORM's row loading would cost more than the rules below.
    for r in session.connection().execute(stmt):
        (aid, version, task_id, task_no, task_title, sec_title, sec_parent, parent_title, dep_id, dep_name,
         category, role, measure, dl_text, dl_kind, dl_due, dl_rule, status, source, closure,
         l_period, l_progress, l_problems, l_next, l_on, is_example, position, parent_id, leader, plan_id,
         live_id) = r
        rows = out[plan_id]
        repealed = repealed_by[plan_id]
        is_reported = live_id is not None
        if aid in states:
            state = states[aid]
            status, source, closure = state.status, state.source, state.closure
            entry = state.entry
            l_period, l_progress, l_problems, l_next, l_on = (
                (entry.period, entry.progress, entry.problems, entry.next_steps, entry.reported_on)
                if entry is not None else (None, None, None, None, None))
        extended_to = extended.get(aid)
        if extended_to is not None:
            due = extended_to
        else:
            # Many rows share a 完成时限 (a task's, a recurring 每季度末): each worked out once.
            key = (dl_kind, dl_due, dl_rule)
            due = due_of.get(key, _UNSEEN)
            if due is _UNSEEN:
                due = due_of[key] = due_on(Deadline(text=dl_text, kind=dl_kind, due=dl_due, rule=dl_rule),
                                           ctx.today, ctx.horizon)
        done_in = parse_period(l_period) if status == DONE and source == STATUS_FROM_RETURN and l_period else None
        owes = owes_return(role, category, status, period=ctx.period, done_in=done_in, shared=parent_id is not None)
        missing = owes and not is_reported
        light = lights.light(status=status, due=due, today=ctx.today, warn_days=ctx.warn_days,
                             missing_return=missing)
        reasons = lights.reasons(status=status, due=due, today=ctx.today, warn_days=ctx.warn_days,
                                 missing_return=missing, missing_period=ctx.period) if texts and light != lights.GREEN else []
        if repealed:
            # A repealed document's work is chased no more: nothing falls due (so nothing is
            # overdue anywhere), no red or yellow, no return owed. Its 完成时限 text stays.
            due, light, reasons, owes = None, lights.GREEN, [repealed], False
        section, subsection = (parent_title, sec_title) if sec_parent else (sec_title or "", "")
        rows.append(AssignmentRow(
            id=aid, version=version, task_id=task_id, task_no=task_no, task_title=task_title,
            section=section or "", subsection=subsection or "", department_id=dep_id, department=dep_name,
            category=category, role=role, measure=measure,
            deadline_text=extension_text(dl_text, extended_to) if extended_to else dl_text, deadline_kind=dl_kind,
            due=due, status=status, closure=closure, light=light, reasons=reasons, reported=is_reported,
            owes=owes,
            latest_period=l_period, latest_progress=l_progress, latest_problems=l_problems,
            latest_next_steps=l_next, latest_reported_on=l_on, is_example=is_example, position=position,
            deadline_original=dl_text, extended_to=extended_to, parent_id=parent_id, leader=leader or "",
        ))
    for plan_id, rows in out.items():
        roll_up(rows)
        repealed = repealed_by[plan_id]
        if repealed:
            for r in rows:
                if r.shares:
                    r.reasons = [repealed]
        out[plan_id] = [r for r in rows if (not filters.department or r.department == filters.department)
                        and (not filters.status or r.status == filters.status)
                        and (not filters.light or r.light == filters.light)
                        and (not filters.leader or leader_matches(r.leader, filters.leader))]
    return out


def plan_leaders(session: Session, plan_id: int) -> list[str]:
    """Every 责任领导 the plan's tasks name, each once, in the order of the tasks."""
    texts = session.scalars(select(Task.leader).where(Task.plan_id == plan_id).order_by(Task.no))
    return list(dict.fromkeys(name for text in texts for name in leader_names(text)))


def check_leader(session: Session, plan_id: int, wanted: str) -> None:
    """A UsageError naming the plan's leaders when no task names ``wanted`` (a typing slip would
    otherwise list nothing, silently)."""
    if leader_matches("", wanted):
        return  # NO_LEADER
    texts = session.scalars(select(Task.leader).where(Task.plan_id == plan_id))
    if any(leader_matches(text, wanted) for text in texts):
        return
    known = plan_leaders(session, plan_id)
    if not known:
        raise UsageError(f"本文件的重点任务都还没有填写责任领导，无法按“{wanted}”筛选。"
                         "可在分工表中增加“责任领导”列后重新导入。")
    raise UsageError(f"没有责任领导为“{wanted}”的重点任务。已填写的责任领导：{'、'.join(known)}。"
                     f"列出未填写责任领导的任务，请写“{NO_LEADER.strip('（）')}”。")


_LIGHT_ORDER = {lights.RED: 0, lights.YELLOW: 1, lights.GREEN: 2}


def _repealed_reason(plan: PlanRef) -> str:
    """The reason a repealed plan's rows show instead of a warning ("" for a plan in force)."""
    if not plan.repealed:
        return ""
    from .plan_register import repeal_words

    return "已废止：" + repeal_words(plan.doc_no, plan.repealed_by, plan.repealed_on)


def roll_up(rows: list[AssignmentRow]) -> None:
    """A collective's row stands for its members' shares (docs/vocabulary.md#collectives): its
    status is the worst of theirs (已完成 only when every share is), its light the worst of
    theirs, and it reads "已报送 21/34，已完成 9，滞后 3". It never owes a return itself."""
    shares: dict[int, list[AssignmentRow]] = {}
    for r in rows:
        if r.parent_id is not None:
            shares.setdefault(r.parent_id, []).append(r)
    for r in rows:
        own = shares.get(r.id)
        if not own:
            continue
        r.shares = len(own)
        r.owes = False
        r.reported = all(s.reported for s in own)
        r.status = min((s.status for s in own), key=lambda st: STATUS_ORDER.get(st, len(STATUS_ORDER)))
        if r.status == DONE:
            r.closure = CLOSURE_PENDING if any(s.closure == CLOSURE_PENDING for s in own) else CLOSURE_CONFIRMED
        else:
            r.closure = None
        r.light = min((s.light for s in own), key=_LIGHT_ORDER.__getitem__)
        done = sum(s.status == DONE for s in own)
        behind = sum(s.status == BEHIND for s in own)
        sent = sum(s.reported for s in own)
        r.rollup = f"已报送 {sent}/{len(own)}，已完成 {done}，滞后 {behind}"
        counts = Counter(s.light for s in own)
        r.reasons = [f"{counts[light]}个成员单位{word}" for light, word in
                     ((lights.RED, "亮红灯"), (lights.YELLOW, "亮黄灯")) if counts[light]] if r.light != lights.GREEN else []
        if not r.latest_progress:
            r.latest_progress = r.rollup
        reported_on = [s.latest_reported_on for s in own if s.latest_reported_on]
        r.latest_reported_on = max(reported_on) if reported_on else r.latest_reported_on
        periods = [s.latest_period for s in own if s.latest_period]
        if periods and not r.latest_period:
            r.latest_period = max(periods, key=lambda code: (parse_period(code) or Period(1900, "Y")).sort_key)


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
    # 区级部门 first (the office calls them first), every other unit after them by name.
    return sorted(result, key=lambda m: (m.category != CATEGORIES[0], m.name))


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
    period_label: str = ""  # the period as a sheet names it (2023年第一季度（截至报送截止日2023年4月5日）)
    as_of: bool = False  # read as of the period (a period was given), not the newest state

    def to_json(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        return {k: data[k] for k in ("plan", "today", "period", "period_label", "as_of", "tasks", "assignments",
                                     "by_status", "by_light", "overdue", "due_soon", "pending_closure",
                                     "missing_returns")}


def status_summary(session: Session, ctx: Context, rows: list[AssignmentRow] | None = None) -> StatusSummary:
    """The counts of the context's plan (``rows``: its assignment rows, when already loaded)."""
    plan = ctx.plan
    rows = rows if rows is not None else assignment_rows(session, ctx)
    by_status = {s: 0 for s in STATUSES}
    by_light = {lights.RED: 0, lights.YELLOW: 0, lights.GREEN: 0}
    by_section: dict[str, dict[str, int]] = {}
    by_department: dict[str, dict[str, int]] = {}
    overdue = due_soon = pending = 0
    top = [r for r in rows if r.parent_id is None]
    for r in rows:
        if r.parent_id is not None:
            # A member's share counts under its unit; the plan's totals count the collective's row.
            _count(by_department, r.department, r)
            continue
        by_status[r.status] = by_status.get(r.status, 0) + 1
        by_light[r.light] += 1
        overdue += lights.is_overdue(r.status, r.due, ctx.today)
        due_soon += lights.is_due_soon(r.status, r.due, ctx.today, ctx.warn_days)
        pending += r.closure == CLOSURE_PENDING
        _count(by_section, r.section or "（未分章节）", r)
        _count(by_department, r.department, r)
    task_count = session.scalar(select(func.count()).select_from(Task).where(Task.plan_id == plan.id)) or 0
    return StatusSummary(
        plan=plan.doc_no, today=ctx.today, period=ctx.period.code, tasks=task_count, assignments=len(top),
        by_status=by_status, by_light=by_light, overdue=overdue, due_soon=due_soon, pending_closure=pending,
        missing_returns=[m.name for m in missing_units(session, ctx, rows)],
        by_section=by_section, by_department=by_department, period_label=ctx.period_words,
        as_of=ctx.as_of is not None,
    )


_NO_COUNTS = {**dict.fromkeys(STATUSES, 0), lights.RED: 0, lights.YELLOW: 0, lights.GREEN: 0, "合计": 0}


def _count(table: dict[str, dict[str, int]], key: str, r: AssignmentRow) -> None:
    counts = table.get(key)
    if counts is None:  # (not setdefault: it would build the empty counts for every row)
        counts = table[key] = dict(_NO_COUNTS)
    counts[r.status] = counts.get(r.status, 0) + 1
    counts[r.light] += 1
    counts["合计"] += 1
