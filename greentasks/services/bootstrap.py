"""`init`: create or upgrade the database and load the built-in plan, register and directory;
optionally the example office (every record marked 示例). Running it again changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.text import fold
from ..models import Indicator, Plan, Section, Task
from ..models.audit import SOURCE_INIT
from ..models.plan import PLAN_ACTIVE
from ..paths import current_user
from ..resources import load_json
from .audit import Actor
from .collectives import sync_shares
from .directory import DirectoryIndex, add_alias, create_department
from .schema import upgrade

# The example office (services.example_office) is imported only by init --example: opening a
# database never needs it.
__all__ = ["InitResult", "builtin_plan_no", "ensure_ready", "initialize"]


@dataclass
class InitResult:
    schema: str  # the state the schema was found in: empty / old / current
    added: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.schema != "current" or any(self.added.values())


@cache
def builtin_plan_no() -> str:
    return load_json("plan.json")["doc_no"]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load_plan(session: Session) -> int:
    data = load_json("plan.json")
    if session.scalar(select(Plan).where(Plan.doc_no == data["doc_no"])) is not None:
        return 0
    body = {k: data.get(k) for k in ("addressees", "preamble", "general", "safeguards")}
    plan = Plan(doc_no=data["doc_no"], title=data["title"], issuer=data.get("issuer", ""),
                issued_on=_date(data.get("date")), status=data.get("status", PLAN_ACTIVE),
                body=json.dumps(body, ensure_ascii=False), is_builtin=True)
    session.add(plan)
    session.flush()
    task_section: dict[int, Section] = {}
    for i, top in enumerate(data["sections"]):
        parent = Section(plan=plan, path=top["code"], code=top["code"], title=top["title"],
                         intro=top.get("intro", ""), position=i)
        session.add(parent)
        for task_no in top.get("tasks", []):
            task_section[task_no] = parent
        for j, child in enumerate(top.get("children", [])):
            sub = Section(plan=plan, parent=parent, path=f"{top['code']}/{child['code']}", code=child["code"],
                          title=child["title"], intro=child.get("intro", ""), position=j)
            session.add(sub)
            for task_no in child.get("tasks", []):
                task_section[task_no] = sub
    for t in data["tasks"]:
        session.add(Task(plan=plan, no=t["no"], title=t["title"], text=t["text"], section=task_section.get(t["no"])))
    for ind in data["indicators"]:
        target = ind.get("target_2025")
        session.add(Indicator(
            plan=plan, category=ind["category"], no=ind["no"], name=ind["name"], unit=ind.get("unit") or "",
            target_2025=float(target) if isinstance(target, int | float) else None,
            target_text=str(ind.get("target_text") or (target if target is not None else "")),
            base_text=str(ind.get("base_2020") or ""), nature=ind.get("nature") or "",
            departments=ind.get("departments") or "",
        ))
    session.flush()
    return 1


def load_documents(session: Session) -> int:
    added = 0
    for doc in load_json("documents.json"):
        if session.scalar(select(Plan).where(Plan.doc_no == doc["doc_no"])) is not None:
            continue
        session.add(Plan(doc_no=doc["doc_no"], title=doc["title"], issuer=doc.get("issuer", ""),
                         issued_on=_date(doc.get("date")), status=doc.get("status", PLAN_ACTIVE),
                         repealed_by=doc.get("repealed_by"), repealed_on=_date(doc.get("repealed_on")),
                         is_builtin=True))
        added += 1
    session.flush()
    return added


def load_directory(session: Session, actor: Actor) -> int:
    """Adds the built-in units a database does not know yet (by name or alias); never
    overwrites what a clerk has edited."""
    index = DirectoryIndex(session)
    added = 0
    for unit in load_json("directory.json"):
        if index.resolve(unit["name"]) is not None:
            continue
        dep = create_department(session, actor, unit["name"], unit.get("category") or "区级部门",
                                contact=unit.get("contact") or "", phone=unit.get("phone") or "")
        for alias in unit.get("aliases", []):
            if fold(alias) not in index.by_key:
                add_alias(session, actor, dep, alias)
        index.add(dep)
        added += 1
    return added


def initialize(db: Database, *, example: bool = False, today: date | None = None) -> InitResult:
    state = upgrade(db)
    result = InitResult(schema=state)
    actor = Actor(user=current_user(), source=SOURCE_INIT)
    backdate = None
    with db.writing() as session:
        result.added["plan"] = load_plan(session)
        result.added["documents"] = load_documents(session)
        result.added["departments"] = load_directory(session, actor)
        # Units added to the directory may be default members of a collective.
        result.added["shares"] = sync_shares(session, actor).created
        if example:
            from .example_office import load_example, take_backdate

            result.added.update(load_example(session, actor, today or date.today()))
            backdate = take_backdate(session)
    if example and backdate is not None:
        from .example_office import backdate_example

        # Once the example's change log is written: its records get the dates of a real office.
        with db.writing() as session:
            backdate_example(session, backdate)
    return result


def ensure_ready(db: Database) -> None:
    """For every command but init: make a new database usable at once (a clerk's first start),
    upgrade an old one (after a backup); refuse one from a newer release."""
    from .startup import is_ready

    if is_ready(db):  # the common case, answered without loading Alembic
        return
    state = upgrade(db)
    if state != "current":
        initialize(db)
        return
    with db.reading() as session:
        has_plan = session.scalar(select(Plan.id).where(Plan.doc_no == builtin_plan_no())) is not None
    if not has_plan:
        initialize(db)


