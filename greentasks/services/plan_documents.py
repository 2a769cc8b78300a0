"""A new policy document from its text (docs/documents.md#add-plan): read, previewed, corrected,
then saved whole — the Plan, its headings, its numbered tasks and, where the text states who is
responsible, the assignments — all or nothing, as one batch that 导入记录 can undo.

Reading is ``greentasks.plantext`` (plain data, no database); this module matches the units named
to the directory as the 分工表 import does (aliases, the closest names for unknown ones, the
clerk's mapping or ``create_departments``) and writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.deadlines import describe, parse_deadline
from ..domain.leaders import normalize_leader
from ..errors import Problem
from ..models import Department, Plan, Section, Task
from ..models.audit import BATCH_DOCUMENT
from ..models.plan import KIND_DOCUMENT, PLAN_ACTIVE
from . import audit
from .assignments import create_assignment
from .audit import Actor
from .collectives import sync_shares
from .directory import ALIAS, CREATE, CREATED, DirectoryIndex, UnknownUnitChoice, apply_unit_choice
from .importing import BatchRecord, backup_before, write_file
from .outcomes import DRY_RUN, IMPORTED, REFUSED, PlanWritten

# The roles a document states, as the assignments keep them.
ROLE_LEAD, ROLE_SUPPORT = "牵头", "配合"


def read_document(path: str | Path | None = None, *, text: str | None = None, task_level: int | None = None,
                  bracket_names: tuple[str, ...] = ()):
    """The draft of a document (plantext.PlanDraft) from a .docx/.txt/.pdf file or pasted text.
    Raises FileRefused with a Chinese message for a file that cannot be read."""
    from ..plantext.parse import parse_document
    from ..plantext.sources import document_text, text_document

    doc = text_document(text) if text is not None else document_text(Path(path))
    return parse_document(doc, task_level=task_level, bracket_names=bracket_names)


@dataclass
class DocumentFacts:
    """What the clerk confirmed or corrected in the preview; None keeps what the text gave."""

    doc_no: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued_on: date | None = None


@dataclass
class DocumentOutcome(PlanWritten):
    """What adding a document did (or, in a dry run, would do)."""

    name: str  # the file's name, or 粘贴的文字
    draft: object  # plantext.PlanDraft
    facts: DocumentFacts

    def to_json(self) -> dict:
        data = self.draft.to_json()
        data["document"] = {"doc_no": self.facts.doc_no, "title": self.facts.title, "issuer": self.facts.issuer,
                            "issued_on": self.facts.issued_on.isoformat() if self.facts.issued_on else None}
        data.update({"outcome": self.outcome, "plan_id": self.plan_id, "assignments": self.assignments,
                     "created_units": self.created_units,
                     "unknown_units": [{"name": n, "suggestions": s} for n, s in self.unknown_units.items()],
                     "errors": [p.to_json() for p in self.errors],
                     "warnings": [p.to_json() for p in self.warnings],
                     "problems": list(self.draft.problems)})
        return data

    def lines(self) -> list[str]:
        f = self.facts
        label = {IMPORTED: "已登记", DRY_RUN: "预览（未写入）", REFUSED: "未登记"}.get(self.outcome, self.outcome)
        out = [f"【{label}】{self.name}：{f.doc_no or '（无文号）'}《{f.title or '（无标题）'}》"]
        when = f"{f.issued_on.year}年{f.issued_on.month}月{f.issued_on.day}日" if f.issued_on else "（无成文日期）"
        out.append(f"  发文机关：{f.issuer or '（未找到）'}；成文日期：{when}")
        draft = self.draft
        if draft.levels:
            chosen = next((lv for lv in draft.levels if lv.level == draft.task_level), None)
            others = "、".join(lv.label for lv in draft.levels if lv.level != draft.task_level)
            out.append(f"  任务在：{chosen.label if chosen else '—'}" + (f"（也可选：{others}，用 --level 指定）"
                                                                    if others else ""))
        for task in draft.tasks:
            units = "；".join(x for x in (
                f"牵头：{'、'.join(task.lead)}" if task.lead else "",
                f"配合：{'、'.join(task.support)}" if task.support else "",
                f"责任领导：{task.leader}" if task.leader else "",
                f"时限：{task.deadline_text}" if task.deadline_text else "") if x)
            out.append(f"  {task.no}. {task.section}{task.title}" + (f"（{units}）" if units else ""))
        if self.outcome in (IMPORTED, DRY_RUN):
            verb = "已" if self.outcome == IMPORTED else "将"
            out.append(f"  {verb}登记重点任务 {len(draft.tasks)} 项、分工 {self.assignments} 条"
                       + (f"，新建单位 {len(self.created_units)} 个" if self.created_units else "") + "。")
        out += [f"  错误：{p}" for p in self.errors]
        out += [f"  提示：{p}" for p in self.warnings]
        return out


def add_document(db: Database, draft, *, facts: DocumentFacts | None = None, source: Path | None = None,
                 create_departments: bool = False, unit_choices: dict[str, UnknownUnitChoice] | None = None,
                 dry_run: bool = False, cancelled: Callable[[], bool] | None = None) -> DocumentOutcome:
    """Save a document's draft as a new plan with its tasks and assignments, all or nothing.

    Refused, saying why: no 文号 (the clerk gives one), a 文号 already registered, no title, no
    task, a unit nobody said what to do with (unless ``unit_choices`` or ``create_departments``)."""
    facts = _facts(draft, facts or DocumentFacts())
    outcome = DocumentOutcome(name=source.name if source else (draft.source or "粘贴的文字"), draft=draft, facts=facts)
    unit_choices = dict(unit_choices or {})
    with db.reading() as session:
        _check(session, draft, facts, outcome, unit_choices, create_departments)
    if outcome.errors:
        return outcome
    if cancelled and cancelled():
        outcome.outcome = "cancelled"
        return outcome
    if not dry_run:
        backup_before(db, "文件")
    digest = _digest(source, draft)
    record = BatchRecord(BATCH_DOCUMENT, source or Path(outcome.name), digest, rows=len(draft.tasks),
                         summary=f"{facts.doc_no}《{facts.title}》", name=outcome.name)

    def apply(session: Session, actor: Actor, _batch_id: int) -> bool:
        outcome.plan_id = _write(session, actor, draft, facts, outcome, unit_choices, create_departments)
        return True

    write_file(db, outcome, record, apply, dry_run=dry_run)
    if outcome.outcome != IMPORTED:
        outcome.plan_id = None
    return outcome


def _facts(draft, given: DocumentFacts) -> DocumentFacts:
    return DocumentFacts(
        doc_no=(given.doc_no or draft.doc_no or "").strip() or None,
        title=(given.title or draft.title or "").strip() or None,
        issuer=(given.issuer or draft.issuer or "").strip() or None,
        issued_on=given.issued_on or draft.issued_on)


def _digest(source: Path | None, draft) -> str:
    if source is not None:
        try:
            return hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            pass
    text = json.dumps(draft.to_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check(session: Session, draft, facts: DocumentFacts, outcome: DocumentOutcome,
           unit_choices: dict[str, UnknownUnitChoice], create_departments: bool) -> None:
    """Every reason to refuse, located (no writes)."""
    name = outcome.name
    if facts.doc_no is None:
        outcome.errors.append(Problem(
            "文件中没有找到文号（分解方案常常没有自己的文号）。请给出文号（命令行：--no 南川府办〔2023〕5号；"
            "对话框中填写“文号”）后再登记。", file=name))
    elif len(facts.doc_no) > 64:
        outcome.errors.append(Problem(f"文号“{facts.doc_no[:40]}…”太长，请核对。", file=name))
    else:
        known = session.scalar(select(Plan).where(Plan.doc_no == facts.doc_no))
        if known is not None:
            outcome.errors.append(Problem(
                f"文号“{facts.doc_no}”已经登记（《{known.title}》）。同一文件不能登记两次；"
                "如要补充它的分工，请用“导入分工表”（命令行 import-plan --plan 文号）。", file=name))
    if facts.title is None:
        outcome.errors.append(Problem("没有找到文件标题。请填写标题（命令行：--title）后再登记。", file=name))
    if not draft.tasks:
        outcome.errors.append(Problem(
            "没有分出任何任务：" + ("；".join(draft.problems) if draft.problems else "文件中没有带编号的条目。"),
            file=name))
    index = DirectoryIndex(session)
    for task in draft.tasks:
        for unit in (*task.lead, *task.support):
            if (index.resolve(unit) is None and unit_choices.get(unit) is None and not create_departments
                    and unit not in outcome.unknown_units):
                outcome.unknown_units[unit] = index.suggestions(unit)
                outcome.errors.append(Problem(
                    f"第{task.no}项任务（{task.where or task.section}）：{index.unknown_message(unit)}", file=name))
        if task.deadline_text:
            parsed = parse_deadline(task.deadline_text)
            if parsed.kind == "未识别":
                outcome.warnings.append(Problem(
                    f"第{task.no}项任务的完成时限“{task.deadline_text}”无法识别，已原样保存并标为“未识别”。"
                    f"{describe(parsed)}", file=name, severity="warning"))
    if draft.tasks and not any(t.lead or t.support for t in draft.tasks):
        outcome.warnings.append(Problem(
            "文件中没有写明各项任务的责任单位，只登记任务；分工请用“导入分工表”导入。", file=name, severity="warning"))


def _write(session: Session, actor: Actor, draft, facts: DocumentFacts, outcome: DocumentOutcome,
           unit_choices: dict[str, UnknownUnitChoice], create_departments: bool) -> int:
    """The plan, its headings, tasks and assignments; returns the plan's id."""
    plan = Plan(doc_no=facts.doc_no, title=facts.title, issuer=facts.issuer or "", issued_on=facts.issued_on,
                status=PLAN_ACTIVE, is_builtin=False, kind=KIND_DOCUMENT,
                body=json.dumps({"preamble": draft.preamble, "addressees": draft.addressees or ""},
                                ensure_ascii=False))
    session.add(plan)
    session.flush()
    audit.log_created(session, actor, plan)
    sections: dict[str, Section] = {}
    for position, s in enumerate(draft.sections):
        parent = sections.get(s.path.rsplit("/", 1)[0]) if "/" in s.path else None
        section = Section(plan_id=plan.id, parent_id=parent.id if parent else None, path=s.path[:40],
                          code=s.code[:16], title=s.title[:200], intro=s.intro, position=position)
        session.add(section)
        session.flush()
        audit.log_created(session, actor, section)
        sections[s.path] = section
    index = DirectoryIndex(session)
    for task_draft in draft.tasks:
        task = Task(plan_id=plan.id, section_id=sections[task_draft.section_path].id
                    if task_draft.section_path in sections else None, no=task_draft.no, title=task_draft.title[:200],
                    # As the 分工表 import stores it, whoever made the draft (plantext normalises too).
                    text=task_draft.text, leader=normalize_leader(task_draft.leader))
        session.add(task)
        session.flush()
        audit.log_created(session, actor, task)
        position = 0
        given: set[int] = set()
        for role, names in ((ROLE_LEAD, task_draft.lead), (ROLE_SUPPORT, task_draft.support)):
            for unit in names:
                dep = _unit(session, actor, index, unit, unit_choices, create_departments, outcome)
                if dep.id in given:  # two names of one unit (an alias, or a name mapped to it): one assignment
                    continue
                given.add(dep.id)
                create_assignment(session, actor, task, dep, role, task_draft.title, task_draft.deadline_text,
                                  position=position)
                position += 1
                outcome.assignments += 1
    sync_shares(session, actor)  # a task given to 各乡镇（街道） is shared by its members
    return plan.id


def _unit(session: Session, actor: Actor, index: DirectoryIndex, name: str,
          unit_choices: dict[str, UnknownUnitChoice], create_departments: bool,
          outcome: DocumentOutcome) -> Department:
    dep = index.resolve(name)
    if dep is not None:
        return dep
    choice = unit_choices.get(name, CREATE)
    dep, what = apply_unit_choice(session, actor, name, choice, index)
    if what == CREATED and name not in outcome.created_units:
        outcome.created_units.append(name)
    elif what == ALIAS:
        outcome.warnings.append(Problem(f"“{name}”已记为“{dep.name}”的简称。", file=outcome.name, severity="warning"))
    return dep
