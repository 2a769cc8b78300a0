"""A plan's content as plain data: tasks with their sections, indicators, the document register.

``task_list`` and ``indicator_list`` are about one plan, the built-in one unless a caller names
another (``plan=``: a 文号, a Plan or a PlanRef, see queries.resolve_plan)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Indicator, Plan, Section, Task
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
    return [{"no": t.no, "title": t.title, "section": section_path(t.section), "text": t.text} for t in tasks]


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
    id: int
    doc_no: str
    title: str
    issuer: str
    issued_on: str | None
    status: str
    repealed_by: str | None
    repealed_on: str | None
    tasks: int


def document_register(session: Session) -> list[DocumentEntry]:
    plans = session.scalars(select(Plan).options(selectinload(Plan.tasks)).order_by(Plan.issued_on, Plan.id)).all()
    return [
        DocumentEntry(p.id, p.doc_no, p.title, p.issuer, p.issued_on.isoformat() if p.issued_on else None, p.status,
                      p.repealed_by, p.repealed_on.isoformat() if p.repealed_on else None, len(p.tasks))
        for p in plans
    ]


