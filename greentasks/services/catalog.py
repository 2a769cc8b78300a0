"""A plan's content as plain data: tasks with their sections, indicators, the register of 文件
(docs/documents.md#register).

``task_list`` and ``indicator_list`` are about one plan, the built-in one unless a caller names
another (``plan=``: a 文号, a Plan or a PlanRef, see queries.resolve_plan)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..models import Assignment, Indicator, Plan, Section, Task
from ..models.plan import KIND_DOCUMENT, PLAN_REPEALED
from .queries import PlanArg, resolve_plan


def section_path(section: Section | None) -> list[str]:
    path: list[str] = []
    while section is not None:
        path.insert(0, section.title)
        section = section.parent
    return path


def task_list(session: Session, *, plan: PlanArg = None) -> list[dict]:
    plan = resolve_plan(session, plan)
    tasks = session.scalars(
        select(Task).where(Task.plan_id == plan.id).options(selectinload(Task.section).selectinload(Section.parent))
        .order_by(Task.no)
    ).all()
    # "leader": the task's 责任领导 as stored (names joined with "、"), "" when it names none, as list --json.
    return [{"no": t.no, "title": t.title, "section": section_path(t.section), "text": t.text, "leader": t.leader or ""}
            for t in tasks]


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def indicator_list(session: Session, *, plan: PlanArg = None) -> list[dict]:
    plan = resolve_plan(session, plan)
    indicators = session.scalars(
        select(Indicator).where(Indicator.plan_id == plan.id).options(selectinload(Indicator.values))
        .order_by(Indicator.no)
    ).all()
    return [
        {
            "category": i.category,
            "no": i.no,
            "name": i.name,
            "unit": i.unit,
            "target_2025": _number(i.target_2025),
            "target_text": i.target_text,
            "base": i.base_text or None,
            "nature": i.nature or None,
            "departments": i.departments or None,
            "values": {str(v.year): (_number(v.value) if v.value is not None else v.value_text or None)
                       for v in i.values},
        }
        for i in indicators
    ]


@dataclass
class DocumentEntry:
    """One row of the register of 文件 (docs/documents.md#register)."""

    id: int
    doc_no: str
    title: str
    issuer: str
    issued_on: str | None
    status: str
    repealed_by: str | None
    repealed_on: str | None
    tasks: int
    assignments: int = 0  # the clerk's assignments on its tasks (members' shares not counted)
    kind: str = "文件"  # models.plan.PLAN_KINDS
    is_builtin: bool = False  # brought by the program (the built-in plan, the gazette's register)
    is_default: bool = False  # the built-in plan: what every list is about unless told otherwise

    def to_json(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """The row in words: 南川府发〔2022〕34号《…》（内置文件）  重庆市南川区人民政府  2022年10月26日  有效
        重点任务34项、分工120条."""
        when = self.issued_on or "（无成文日期）"
        if self.issued_on:
            day = date.fromisoformat(self.issued_on)
            when = f"{day.year}年{day.month}月{day.day}日"
        status = self.status
        if self.status == PLAN_REPEALED:
            from .plan_register import repeal_clause

            on = date.fromisoformat(self.repealed_on) if self.repealed_on else None
            status = f"{PLAN_REPEALED}（已{repeal_clause(self.repealed_by, on)}）"
        kind = "" if self.kind == KIND_DOCUMENT else f"[{self.kind}] "
        mark = "（内置文件）" if self.is_default else ""
        return (f"{kind}{self.doc_no}《{self.title}》{mark}  {self.issuer or '（无发文机关）'}  {when}  {status}  "
                f"重点任务{self.tasks}项、分工{self.assignments}条")


def _entries(session: Session, plans: list[Plan]) -> list[DocumentEntry]:
    from .bootstrap import builtin_plan_no

    ids = [p.id for p in plans]
    tasks = dict(session.execute(select(Task.plan_id, func.count()).where(Task.plan_id.in_(ids))
                                 .group_by(Task.plan_id)).all()) if ids else {}
    work = dict(session.execute(select(Task.plan_id, func.count()).join(Assignment, Assignment.task_id == Task.id)
                                .where(Task.plan_id.in_(ids), Assignment.parent_id.is_(None))
                                .group_by(Task.plan_id)).all()) if ids else {}
    default = builtin_plan_no()
    return [
        DocumentEntry(p.id, p.doc_no, p.title, p.issuer, p.issued_on.isoformat() if p.issued_on else None, p.status,
                      p.repealed_by, p.repealed_on.isoformat() if p.repealed_on else None, tasks.get(p.id, 0),
                      assignments=work.get(p.id, 0), kind=p.kind or KIND_DOCUMENT, is_builtin=bool(p.is_builtin),
                      is_default=p.doc_no == default)
        for p in plans
    ]


def document_register(session: Session) -> list[DocumentEntry]:
    """Every registered document, by 成文日期."""
    plans = session.scalars(select(Plan).order_by(Plan.issued_on, Plan.id)).all()
    return _entries(session, list(plans))


def document_entry(session: Session, plan: Plan) -> DocumentEntry:
    """One document's register row, as it now stands in the session."""
    return _entries(session, [plan])[0]
