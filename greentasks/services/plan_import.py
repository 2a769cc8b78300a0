"""Importing a decomposition table (docs/excel.md#plan-merge): rows → assignments, all or nothing per file.

Importing the same table twice changes nothing: an assignment is identified by task, unit and
具体工作; a row that names an existing one updates only what differs (role, deadline). A 责任领导
column sets the tasks' leaders (Task.leader), logged with the batch like every other change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.deadlines import describe, parse_deadline
from ..domain.leaders import same_leaders
from ..errors import Problem
from ..models import Assignment, Department, Task
from ..models.audit import BATCH_PLAN
from . import audit
from .assignments import apply_deadline, create_assignment, measure_key
from .audit import Actor
from .collectives import sync_shares
from .directory import ALIAS, CREATE, CREATED, DirectoryIndex, UnknownUnitChoice, apply_unit_choice
from .directory import guess_category as guess_category  # moved to services.directory; still importable here
from .importing import (
    BatchRecord,
    Incoming,
    backup_before,
    cancel,
    imported_digests,
    mark_duplicate,
    open_import,
    plan_of,
    write_file,
)
from .outcomes import REFUSED, FileOutcome, RowChange


@dataclass
class _Resolved:
    row: int
    task: Task
    measure: str
    department: Department | None
    name: str
    role: str
    deadline: object
    unit_column: str | None
    remarks: str = ""


@dataclass
class _Leader:
    """The 责任领导 a table gives a task: from its first row that names one."""

    row: int
    task_id: int
    task_no: int
    task_title: str
    leader: str


def import_plan(db: Database, path: Path, *, plan: str | None = None, create_departments: bool = False,
                dry_run: bool = False, unit_choices: dict[str, UnknownUnitChoice] | None = None,
                cancelled: Callable[[], bool] | None = None) -> FileOutcome:
    """Merge a decomposition table into ``plan`` (a 文号; None: the built-in plan). A name the
    directory does not know is an error unless ``unit_choices`` (or ``create_departments``)
    says what it is. What the import touched is ``outcome.touched``."""
    outcome, incoming = open_import(path)
    if incoming is None:
        return outcome
    path = outcome.path
    unit_choices = dict(unit_choices or {})
    with db.reading() as session:
        checked = _check(session, incoming, plan, unit_choices, create_departments, outcome)
        if checked is None:
            return outcome
        resolved, leaders = checked
        if outcome.errors:
            outcome.outcome = REFUSED
            return outcome
        if incoming.digest in imported_digests(session, BATCH_PLAN):
            mark_duplicate(outcome, BATCH_PLAN)
            return outcome
    if cancelled and cancelled():
        return cancel(outcome)
    if not dry_run:
        backup_before(db, "分工表")

    def apply(session: Session, actor: Actor, _batch_id: int) -> bool:
        return _apply(session, actor, path, resolved, leaders, unit_choices, outcome, dry_run)

    write_file(db, outcome, BatchRecord(BATCH_PLAN, path, incoming.digest, rows=outcome.rows), apply,
               dry_run=dry_run)
    return outcome


def _check(session: Session, incoming: Incoming, plan: str | None, unit_choices: dict[str, UnknownUnitChoice],
           create_departments: bool, outcome: FileOutcome) -> tuple[list[_Resolved], list[_Leader]] | None:
    """The table's rows, each unit named resolved to one item, and the 责任领导 it gives each task
    (no writes; None: no table in the file); problems go into ``outcome`` (a task that does not
    exist, a unit nobody said what to do with)."""
    from ..excel.plan_table import read_plan_table

    file = incoming.path.name
    index = DirectoryIndex(session)
    table, problems = read_plan_table(incoming.book, index.bracket_names())
    outcome.errors += problems
    if table is None:
        return None
    outcome.errors += table.problems
    outcome.warnings += table.warnings
    found = plan_of(session, plan)
    tasks = {t.no: t for t in session.scalars(select(Task).where(Task.plan_id == found.id))}
    resolved: list[_Resolved] = []
    missing_rows: set[int] = set()
    for row in table.rows:
        task = tasks.get(row.task_no)
        if task is None:
            missing_rows.add(row.row)
            outcome.errors.append(Problem(
                f"任务编号 {row.task_no} 不存在：{found.doc_no} 共有 {len(tasks)} 项重点任务（1–{len(tasks)}）。"
                "请核对序号。", file=file, sheet=table.sheet, row=row.row, column=row.no_column))
            continue
        measure = row.measure or task.title
        deadline = parse_deadline(row.deadline)
        if deadline.kind == "未识别":
            text = deadline.text or "（空）"
            outcome.warnings.append(Problem(
                f"完成时限“{text}”无法识别，已原样保存并标为“未识别”。{describe(deadline)}",
                file=file, sheet=table.sheet, row=row.row, column=row.deadline_column, severity="warning"))
        for mention in row.units:
            dep = index.resolve(mention.name)
            role = mention.role or "牵头"
            if dep is None and unit_choices.get(mention.name) is None and not create_departments:
                outcome.unknown_units.setdefault(mention.name, index.suggestions(mention.name))
                outcome.errors.append(Problem(index.unknown_message(mention.name), file=file, sheet=table.sheet,
                                              row=row.row, column=row.unit_columns.get(role)))
            resolved.append(_Resolved(row.row, task, measure, dep, mention.name, role, row.deadline,
                                      row.unit_columns.get(role), row.remarks))
    outcome.rows = len(table.rows)
    if not table.rows and not outcome.errors:
        outcome.errors.append(Problem("分工表中没有任何分工行。请检查文件内容。", file=file, sheet=table.sheet))
    leaders: dict[int, _Leader] = {}
    for cell in table.leaders:
        task = tasks.get(cell.task_no)
        if task is None:
            if cell.row not in missing_rows:  # a task's own row, with no work on it
                missing_rows.add(cell.row)
                outcome.errors.append(Problem(
                    f"任务编号 {cell.task_no} 不存在：{found.doc_no} 共有 {len(tasks)} 项重点任务（1–{len(tasks)}）。"
                    "请核对序号。", file=file, sheet=table.sheet, row=cell.row, column=cell.column))
            continue
        first = leaders.get(task.id)
        if first is None:
            leaders[task.id] = _Leader(cell.row, task.id, task.no, task.title, cell.leader)
        elif not same_leaders(first.leader, cell.leader):
            # Two rows of one task, two answers: the first is taken, and the clerk is told which.
            outcome.warnings.append(Problem(
                f"任务{task.no}的责任领导前后不一致：第{first.row}行为“{first.leader}”，第{cell.row}行为“{cell.leader}”。"
                f"已按第{first.row}行导入“{first.leader}”；如有误，请改正分工表后重新导入。",
                file=file, sheet=table.sheet, row=cell.row, column=cell.column, severity="warning"))
    return resolved, list(leaders.values())


def _apply(session: Session, actor: Actor, path: Path, resolved: list[_Resolved], leaders: list[_Leader],
           unit_choices: dict[str, UnknownUnitChoice], outcome: FileOutcome, dry_run: bool) -> bool:
    """Creates what is new and updates what differs; False when the table changed nothing."""
    index = DirectoryIndex(session)
    existing = {
        (a.task_id, a.department_id, a.measure_key): a
        for a in session.scalars(select(Assignment))
    }
    position = max((a.position for a in existing.values()), default=0)
    # Pass 1: each row's unit (mapped, created or known), and one item per assignment: a unit
    # named twice for the same work (in two rows, or as lead and as cooperating) is one
    # assignment, lead if either says so, so that importing the table again changes nothing.
    merged: dict[tuple[int, int, str], tuple[_Resolved, Department]] = {}
    aliases_saved: list[str] = []
    for item in resolved:
        dep = session.get(Department, item.department.id) if item.department is not None else None
        if dep is None:
            dep, done = apply_unit_choice(session, actor, item.name, unit_choices.get(item.name, CREATE), index)
            if done == ALIAS:
                aliases_saved.append(item.name)
                verb = "将把" if dry_run else "已把"
                outcome.warnings.append(Problem(f"{verb}“{item.name}”保存为“{dep.name}”的简称，以后的表格会自动识别。",
                                                file=path.name, row=item.row, column=item.unit_column,
                                                severity="warning"))
            elif done == CREATED:
                outcome.created_units.append(dep.name)
                verb = "将新建（预览，未写入）" if dry_run else "已新建"
                outcome.warnings.append(Problem(f"{verb}单位“{dep.name}”（类别：{dep.category}），请在“单位”中补充联系人。",
                                                file=path.name, row=item.row, column=item.unit_column,
                                                severity="warning"))
        key = (item.task.id, dep.id, measure_key(item.measure))
        seen = merged.get(key)
        if seen is None:
            merged[key] = (item, dep)
        elif item.role == "牵头" and seen[0].role != "牵头":
            merged[key] = (replace(seen[0], role=item.role), dep)
    # Pass 2: create what is new, update what differs.
    for key, (item, dep) in merged.items():
        current = existing.get(key)
        if current is None:
            position += 1
            current = create_assignment(session, actor, item.task, dep, item.role, item.measure, item.deadline,
                                        position=position, note=item.remarks)
            existing[key] = current
            fields = [("责任类型", "", item.role), ("完成时限", "", current.deadline_text)]
            if item.remarks:
                fields.append(("备注", "", item.remarks))
            outcome.changes.append(RowChange(item.row, current.id, item.task.no, dep.name, item.measure,
                                             action="新增", fields=fields))
            continue
        fields = []
        if current.role != item.role:
            fields.append(("责任类型", current.role, item.role))
            audit.set_field(session, actor, current, "role", item.role)
        new_deadline = parse_deadline(item.deadline)
        if new_deadline.text != current.deadline_text:
            fields.append(("完成时限", current.deadline_text, new_deadline.text))
            apply_deadline(session, actor, current, item.deadline)
        if item.remarks and item.remarks != current.note:
            # An empty 备注 never wipes a note a clerk wrote in the program.
            fields.append(("备注", current.note, item.remarks))
            audit.set_field(session, actor, current, "note", item.remarks)
        if fields:
            outcome.changes.append(RowChange(item.row, current.id, item.task.no, dep.name, item.measure,
                                             action="更新", fields=fields))
    # The tasks' 责任领导, after the assignments (which may have brought the tasks into this
    # session): set where the table names one; an empty cell never clears what a task has.
    for leader in leaders:
        task = session.get(Task, leader.task_id)
        if task is not None and not same_leaders(task.leader, leader.leader):
            outcome.changes.append(RowChange(leader.row, None, leader.task_no, "", leader.task_title,
                                             action="更新", fields=[("责任领导", task.leader, leader.leader)]))
            audit.set_field(session, actor, task, "leader", leader.leader)
    # Work given to a collective fans out to its members (and follows a changed deadline or role).
    synced = sync_shares(session, actor)
    if synced.any():
        outcome.warnings.append(Problem(synced.describe(done=not dry_run) + _SHARES_HINT,
                                        file=path.name, severity="warning"))
    # Nothing to change: no batch is kept, so importing the same table twice leaves no trace.
    return bool(outcome.changes or aliases_saved or outcome.created_units or synced.any())


_SHARES_HINT = "各成员单位在本单位的进展情况表中分别报送，集合的一行汇总各成员的报送情况。"
