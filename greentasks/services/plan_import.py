"""Importing a decomposition table (docs/excel.md#plan-merge): rows → assignments, all or nothing per file.

Importing the same table twice changes nothing: an assignment is identified by task, unit and
具体工作; a row that names an existing one updates only what differs (role, deadline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.deadlines import describe, parse_deadline
from ..errors import FileRefused, Problem
from ..models import Assignment, Department, ImportBatch, Task
from ..models.audit import BATCH_PLAN, SOURCE_IMPORT
from ..paths import current_user
from . import audit
from .assignments import apply_deadline, create_assignment, measure_key
from .audit import Actor
from .backups import auto_backup
from .directory import ALIAS, CREATE, CREATED, DirectoryIndex, UnknownUnitChoice, apply_unit_choice
from .directory import guess_category as guess_category  # moved to services.directory; still importable here
from .outcomes import DRY_RUN, DUPLICATE, IMPORTED, REFUSED, FileOutcome, RowChange
from .queries import builtin_plan


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


def import_plan(db: Database, path: Path, *, create_departments: bool = False, dry_run: bool = False,
                unit_choices: dict[str, UnknownUnitChoice] | None = None,
                cancelled: Callable[[], bool] | None = None) -> FileOutcome:
    from ..excel.plan_table import read_plan_table
    from ..excel.reader import read_workbook, sha256_of

    path = Path(path)
    outcome = FileOutcome(path=path)
    unit_choices = dict(unit_choices or {})
    try:
        book = read_workbook(path)
    except FileRefused as exc:
        outcome.errors.append(exc.problem)
        return outcome
    digest = sha256_of(path)
    with db.session() as session:
        index = DirectoryIndex(session)
        table, problems = read_plan_table(book, index.bracket_names())
        outcome.errors += problems
        if table is None:
            return outcome
        outcome.errors += table.problems
        outcome.warnings += table.warnings
        plan = builtin_plan(session)
        tasks = {t.no: t for t in session.scalars(select(Task).where(Task.plan_id == plan.id))}
        resolved: list[_Resolved] = []
        for row in table.rows:
            task = tasks.get(row.task_no)
            if task is None:
                outcome.errors.append(Problem(
                    f"任务编号 {row.task_no} 不存在：{plan.doc_no} 共有 {len(tasks)} 项重点任务（1–{len(tasks)}）。"
                    "请核对序号。", file=path.name, sheet=table.sheet, row=row.row, column=row.no_column))
                continue
            measure = row.measure or task.title
            deadline = parse_deadline(row.deadline)
            if deadline.kind == "未识别":
                text = deadline.text or "（空）"
                outcome.warnings.append(Problem(
                    f"完成时限“{text}”无法识别，已原样保存并标为“未识别”。{describe(deadline)}",
                    file=path.name, sheet=table.sheet, row=row.row, column=row.deadline_column,
                    severity="warning"))
            for mention in row.units:
                dep = index.resolve(mention.name)
                if dep is None:
                    choice = unit_choices.get(mention.name)
                    if choice is None and create_departments:
                        choice = CREATE
                    if choice is None:
                        outcome.unknown_units.setdefault(mention.name, index.suggestions(mention.name))
                        outcome.errors.append(Problem(
                            index.unknown_message(mention.name),
                            file=path.name, sheet=table.sheet, row=row.row,
                            column=row.unit_columns.get(mention.role or "牵头")))
                resolved.append(_Resolved(row.row, task, measure, dep, mention.name, mention.role or "牵头",
                                          row.deadline, row.unit_columns.get(mention.role or "牵头"), row.remarks))
        outcome.rows = len(table.rows)
        if not table.rows and not outcome.errors:
            outcome.errors.append(Problem("分工表中没有任何分工行。请检查文件内容。", file=path.name, sheet=table.sheet))
        if outcome.errors:
            outcome.outcome = REFUSED
            return outcome
        duplicate = session.scalar(select(ImportBatch.id).where(
            ImportBatch.sha256 == digest, ImportBatch.kind == BATCH_PLAN, ImportBatch.outcome == IMPORTED))
        if duplicate is not None:
            outcome.outcome = DUPLICATE
            outcome.warnings.append(Problem("这个分工表以前已经导入过（内容完全相同），不会再导入。", file=path.name,
                                            severity="warning"))
            return outcome
    if cancelled and cancelled():
        outcome.outcome = "cancelled"
        return outcome
    if not dry_run:
        outcome.batch_id = None
        auto_backup(db, reason="导入分工表前")
    with db.sessions() as session:
        session.begin()
        try:
            _apply(session, path, digest, resolved, unit_choices, outcome, dry_run)
            if dry_run:
                session.rollback()
                outcome.outcome = DRY_RUN
                outcome.batch_id = None
            else:
                session.commit()
                outcome.outcome = IMPORTED
        except Exception:
            session.rollback()
            raise
    return outcome


def _apply(session: Session, path: Path, digest: str, resolved: list[_Resolved],
           unit_choices: dict[str, UnknownUnitChoice], outcome: FileOutcome, dry_run: bool) -> None:
    user = current_user()
    batch = ImportBatch(kind=BATCH_PLAN, file_name=path.name, file_path=str(path), sha256=digest, user=user,
                        rows=outcome.rows)
    session.add(batch)
    session.flush()
    outcome.batch_id = batch.id
    actor = Actor(user=user, source=SOURCE_IMPORT, batch_id=batch.id)
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
    session.flush()
    if not outcome.changes and not aliases_saved and not outcome.created_units:
        # Nothing to change: keep no batch, so importing the same table twice leaves no trace.
        session.delete(batch)
        session.flush()
        outcome.batch_id = None
