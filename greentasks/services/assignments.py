"""Creating, editing and removing assignments (分工), with optimistic locking on edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.deadlines import parse_deadline
from ..domain.statuses import STATUSES
from ..domain.text import fold
from ..errors import ConflictError, GreentasksError
from ..models import Assignment, Department, Task
from ..models.assignment import ROLE_COOPERATE, ROLE_LEAD
from ..models.base import text_key
from . import audit
from .audit import Actor
from .progress import set_status_by_hand
from .queries import PlanArg, resolve_plan

ROLES = (ROLE_LEAD, ROLE_COOPERATE)


def measure_key(measure: str) -> str:
    return text_key(fold(measure))


def apply_deadline(session: Session, actor: Actor, assignment: Assignment, value: str | date | datetime | None) -> None:
    deadline = parse_deadline(value)
    audit.set_field(session, actor, assignment, "deadline_text", deadline.text)
    audit.set_field(session, actor, assignment, "deadline_due", deadline.due)
    audit.set_field(session, actor, assignment, "deadline_kind", deadline.kind)
    audit.set_field(session, actor, assignment, "deadline_rule", deadline.rule)


def create_assignment(session: Session, actor: Actor, task: Task, department: Department, role: str,
                      measure: str, deadline: str | date | datetime | None, *, position: int = 0,
                      is_example: bool = False, note: str = "") -> Assignment:
    if role not in ROLES:
        raise GreentasksError(f"责任类型“{role}”无法识别，请填写“牵头”或“配合”。")
    parsed = parse_deadline(deadline)
    assignment = Assignment(
        task=task,
        department=department,
        role=role,
        measure=measure.strip(),
        measure_key=measure_key(measure),
        position=position,
        deadline_text=parsed.text,
        deadline_due=parsed.due,
        deadline_kind=parsed.kind,
        deadline_rule=parsed.rule,
        is_example=is_example,
        note=note,
    )
    session.add(assignment)
    session.flush()
    audit.log_created(session, actor, assignment)
    return assignment


def add_assignment(session: Session, actor: Actor, task_no: int, department_id: int, role: str, measure: str,
                   deadline: str | date | datetime | None, *, plan: PlanArg = None) -> Assignment:
    """A clerk adds one assignment by hand: task ``task_no`` of ``plan`` (task numbers count
    within a plan; the built-in plan by default), given to a unit.

    The same unit cannot have the same 具体工作 twice on one task (importing a table treats them as
    one assignment); an empty 具体工作 is the task's title; the new assignment goes after every
    other in the ledger's order."""
    task = session.scalar(select(Task).where(Task.plan_id == resolve_plan(session, plan).id, Task.no == task_no))
    department = session.get(Department, department_id)
    if task is None or department is None:
        raise GreentasksError("找不到所选的任务或单位，请刷新后再试。")
    measure = measure.strip() or task.title  # as in a decomposition table: no 具体工作, the task itself
    key = measure_key(measure)
    if session.scalar(select(Assignment.id).where(Assignment.task_id == task.id,
                                                  Assignment.department_id == department.id,
                                                  Assignment.measure_key == key)) is not None:
        raise GreentasksError(f"“{department.name}”在第{task_no}项任务上已有相同的具体工作，不能重复添加。")
    position = (session.scalar(select(func.max(Assignment.position))) or 0) + 1
    return create_assignment(session, actor, task, department, role, measure, deadline, position=position)


@dataclass
class AssignmentEdit:
    """What a clerk changed in the side panel; None means unchanged."""

    department_id: int | None = None
    role: str | None = None
    measure: str | None = None
    deadline_text: str | None = None
    status: str | None = None
    note: str | None = None


_LABELS = {
    "department_id": "责任单位",
    "role": "责任类型",
    "measure": "具体工作",
    "deadline_text": "完成时限",
    "status": "完成状态",
    "note": "备注",
}


def edit_assignment(session: Session, actor: Actor, assignment_id: int, loaded_version: int,
                    edit: AssignmentEdit) -> Assignment:
    """Save a clerk's edit. If someone else saved the assignment since it was loaded
    (its version moved on), nothing is written and a ConflictError shows both values."""
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        raise GreentasksError("这条分工已被其他同事删除，请刷新后再看。")
    if assignment.version != loaded_version:
        raise ConflictError(_conflict_text(session, assignment, edit))
    if edit.role is not None and edit.role not in ROLES:
        raise GreentasksError(f"责任类型“{edit.role}”无法识别，请选择“牵头”或“配合”。")
    if edit.status is not None and edit.status not in STATUSES:
        raise GreentasksError(f"完成状态“{edit.status}”无法识别。")
    if edit.department_id is not None:
        audit.set_field(session, actor, assignment, "department_id", edit.department_id)
    if edit.role is not None:
        audit.set_field(session, actor, assignment, "role", edit.role)
    if edit.measure is not None and edit.measure.strip() != assignment.measure:
        audit.set_field(session, actor, assignment, "measure", edit.measure.strip())
        assignment.measure_key = measure_key(edit.measure)
    if edit.deadline_text is not None and edit.deadline_text.strip() != assignment.deadline_text:
        apply_deadline(session, actor, assignment, edit.deadline_text.strip())
    if edit.note is not None:
        audit.set_field(session, actor, assignment, "note", edit.note)
    if edit.status is not None and edit.status != assignment.status:
        set_status_by_hand(session, actor, assignment, edit.status)
    try:
        session.flush()
    except StaleDataError as exc:  # a concurrent save between our read and our write
        session.rollback()
        raise ConflictError("保存时发现其他同事刚刚修改了这条分工，您的修改没有保存。请刷新后重新修改。") from exc
    return assignment


def _conflict_text(session: Session, current: Assignment, edit: AssignmentEdit) -> str:
    lines = ["其他同事在您打开之后已经修改并保存了这条分工，您的修改没有保存。"]
    for field, label in _LABELS.items():
        mine = getattr(edit, field)
        if mine is None:
            continue
        theirs = getattr(current, field)
        if field == "department_id":
            dep = session.get(Department, theirs)
            mine_dep = session.get(Department, mine)
            theirs, mine = (dep.name if dep else theirs), (mine_dep.name if mine_dep else mine)
        if str(theirs) != str(mine):
            lines.append(f"{label}：现在是“{theirs}”，您要改成“{mine}”。")
    lines.append("请刷新后确认要保留哪一个，再重新修改。")
    return "\n".join(lines)


def remove_assignment(session: Session, actor: Actor, assignment_id: int, loaded_version: int | None = None) -> None:
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        return
    if loaded_version is not None and assignment.version != loaded_version:
        raise ConflictError("其他同事在您打开之后修改了这条分工，没有删除。请刷新后再操作。")
    for entry in assignment.entries:
        audit.log_removed(session, actor, entry)
    audit.log_removed(session, actor, assignment)
    session.delete(assignment)
    session.flush()


