"""Creating, editing and removing assignments (分工), with optimistic locking on edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.deadlines import parse_deadline
from ..domain.rules import COLLECTIVE
from ..domain.statuses import STATUSES
from ..domain.text import fold
from ..errors import ConflictError, GreentasksError
from ..models import Assignment, Department, Task
from ..models.assignment import ROLE_COOPERATE, ROLE_LEAD
from ..models.base import text_key
from . import audit
from .audit import Actor
from .collectives import is_share_of_member, sync_shares
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
    assignment = create_assignment(session, actor, task, department, role, measure, deadline, position=position)
    if department.category == COLLECTIVE:
        sync_shares(session, actor, parent_ids=[assignment.id])  # one share per member
    return assignment


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
    if _follows_parent(session, assignment, edit):
        parent = session.get(Assignment, assignment.parent_id)
        collective = parent.department.name if parent is not None else "集合"
        raise GreentasksError(
            f"这是“{collective}”的分工分解给“{assignment.department.name}”的分项：责任单位、责任类型、具体工作和"
            f"完成时限随“{collective}”的分工一起修改，不能单独改。请修改“{collective}”的那条分工；"
            "完成状态和备注可以在这里修改。")
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
    if edit.status is not None and assignment.parent_id is None:
        # A collective's status set by hand (e.g. 已完成 and closed) is its members' too: its
        # line shows theirs rolled up, whatever it held itself.
        for share in _shares(session, assignment):
            if share.status != edit.status:
                set_status_by_hand(session, actor, share, edit.status)
    try:
        session.flush()
        department = session.get(Department, assignment.department_id)
        if assignment.parent_id is None and (department.category == COLLECTIVE or _shares(session, assignment)):
            sync_shares(session, actor, parent_ids=[assignment.id])  # the shares follow the edit
    except StaleDataError as exc:  # a concurrent save between our read and our write
        session.rollback()
        raise ConflictError("保存时发现其他同事刚刚修改了这条分工，您的修改没有保存。请刷新后重新修改。") from exc
    return assignment


def _shares(session: Session, assignment: Assignment) -> list[Assignment]:
    if assignment.id is None:
        return []
    return list(session.scalars(select(Assignment).where(Assignment.parent_id == assignment.id)
                                .order_by(Assignment.id)))


def _follows_parent(session: Session, assignment: Assignment, edit: AssignmentEdit) -> bool:
    """Whether ``edit`` changes what a member's share copies from its collective's assignment."""
    if assignment.parent_id is None:
        return False
    changes = (
        edit.department_id is not None and edit.department_id != assignment.department_id,
        edit.role is not None and edit.role != assignment.role,
        edit.measure is not None and edit.measure.strip() != assignment.measure,
        edit.deadline_text is not None and edit.deadline_text.strip() != assignment.deadline_text,
    )
    return any(changes) and is_share_of_member(session, assignment)


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
    if is_share_of_member(session, assignment):
        parent = session.get(Assignment, assignment.parent_id)
        collective = parent.department.name if parent is not None else "集合"
        raise GreentasksError(
            f"这是“{collective}”的分工分解给“{assignment.department.name}”的分项，不能单独删除。"
            f"如“{assignment.department.name}”不承担这项工作，请在“单位”中把它移出“{collective}”的成员；"
            f"如整项工作不再需要，请删除“{collective}”的那条分工。")
    # A collective's assignment goes with its members' shares (and their returns).
    for share in _shares(session, assignment):
        _log_removal(session, actor, share)
        session.delete(share)
    _log_removal(session, actor, assignment)
    session.delete(assignment)
    session.flush()


def _log_removal(session: Session, actor: Actor, assignment: Assignment) -> None:
    for entry in assignment.entries:
        audit.log_removed(session, actor, entry)
    audit.log_removed(session, actor, assignment)


