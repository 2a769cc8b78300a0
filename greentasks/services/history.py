"""An assignment's whole story: its progress entries by period and every logged change."""

from __future__ import annotations

import json

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Assignment,
    ChangeLog,
    DeadlineExtension,
    Department,
    ImportBatch,
    ProgressEntry,
    Reminder,
)
from .extensions import HISTORY_LABELS as EXTENSION_LABELS
from .extensions import HISTORY_QUIET as EXTENSION_QUIET
from .extensions import extensions_of
from .extensions import history_value as extension_value
from .reminders import history_value as reminder_value

EXTENSIONS = DeadlineExtension.__tablename__
REMINDERS = Reminder.__tablename__
FIELD_LABELS = {
    "+": "新建",
    "-": "删除",
    "status": "完成状态",
    "status_source": "状态来源",
    "status_at": "状态时间",
    "closure": "销号",
    "closure_at": "销号时间",
    "closure_by": "销号人",
    "department_id": "责任单位",
    "role": "责任类型",
    "measure": "具体工作",
    "deadline_text": "完成时限",
    "deadline_due": "截止日期",
    "deadline_kind": "时限类型",
    "deadline_rule": "周期规则",
    "note": "备注/说明",
    "superseded": "被新报送替代",
    "latest_entry_id": "最新报送",
}
_QUIET = {"status_at", "latest_entry_id", "deadline_rule", "status_source"}


def assignment_history(session: Session, assignment_id: int, *, include_technical: bool = False) -> dict | None:
    a = session.get(Assignment, assignment_id)
    if a is None:
        return None
    entries = session.execute(
        select(ProgressEntry, ImportBatch.file_name)
        .outerjoin(ImportBatch, ImportBatch.id == ProgressEntry.batch_id)
        .where(ProgressEntry.assignment_id == assignment_id)
        .order_by(ProgressEntry.id)
    ).all()
    entry_ids = [e.id for e, _ in entries]
    conditions = [and_(ChangeLog.entity == "assignments", ChangeLog.entity_id == assignment_id)]
    if entry_ids:
        conditions.append(and_(ChangeLog.entity == "progress_entries", ChangeLog.entity_id.in_(entry_ids)))
    extension_ids = _extension_ids(session, assignment_id)
    if extension_ids:
        conditions.append(and_(ChangeLog.entity == EXTENSIONS, ChangeLog.entity_id.in_(extension_ids)))
    # The 催报 and 督办 sent to the unit (services.reminders) belong to the story of its work.
    reminder_ids = set(session.scalars(select(Reminder.id).where(Reminder.department_id == a.department_id)))
    if reminder_ids:
        conditions.append(and_(ChangeLog.entity == REMINDERS, ChangeLog.entity_id.in_(reminder_ids)))
    changes = session.execute(
        select(ChangeLog, ImportBatch.file_name)
        .outerjoin(ImportBatch, ImportBatch.id == ChangeLog.batch_id)
        .where(or_(*conditions))
        .order_by(ChangeLog.id)
    ).all()
    names = {d.id: d.name for d in session.scalars(select(Department))}

    def show(field: str, value: str | None, entity: str = "") -> str | None:
        if entity == EXTENSIONS:
            return extension_value(field, value)
        if entity == REMINDERS:
            return reminder_value(value)
        if field == "department_id" and value is not None and value.isdigit():
            return names.get(int(value), value)
        if field == "superseded":
            return {"1": "是", "0": "否"}.get(value or "", value)
        if field in ("+", "-") and value:
            try:
                data = json.loads(value)
            except ValueError:
                return value
            if "period" in data:
                return f"{data['period']} 报送：{data.get('status')}"
            return f"{data.get('measure', '')[:30]}"
        return value

    return {
        "assignment": {
            "id": a.id, "task_no": a.task.no, "task_title": a.task.title, "department": a.department.name,
            "role": a.role, "measure": a.measure, "deadline_text": a.deadline_text, "status": a.status,
            "closure": a.closure, "version": a.version,
        },
        "entries": [
            {
                "id": e.id, "period": e.period, "status": e.status, "progress": e.progress,
                "problems": e.problems, "next_steps": e.next_steps, "remarks": e.remarks,
                "reporter": e.reporter, "phone": e.phone,
                "reported_on": e.reported_on.isoformat() if e.reported_on else None,
                "superseded": e.superseded, "source": file_name, "created_at": e.created_at.isoformat(sep=" "),
            }
            for e, file_name in entries
        ],
        "changes": [
            {
                "at": c.at.isoformat(sep=" "), "user": c.user, "source": c.source, "entity": c.entity,
                "field": c.field, "field_label": _label(c.entity, c.field),
                "old": show(c.field, c.old, c.entity), "new": show(c.field, c.new, c.entity), "file": file_name,
                "note": c.note,
            }
            for c, file_name in changes
            if include_technical or c.field not in (EXTENSION_QUIET if c.entity == EXTENSIONS else _QUIET)
        ],
        "extensions": [e.to_json() for e in extensions_of(session, assignment_id)],
    }


def _label(entity: str, field: str) -> str:
    if entity == REMINDERS:
        return "发出通知" if field == "+" else FIELD_LABELS.get(field, field)
    if entity == EXTENSIONS:
        return EXTENSION_LABELS.get(field, field)
    return FIELD_LABELS.get(field, field)


def _extension_ids(session: Session, assignment_id: int) -> set[int]:
    """The extensions of an assignment, also those withdrawn since: a removed row is found by the
    assignment named in its logged snapshot, so its lines stay in the history."""
    ids = set(session.scalars(select(DeadlineExtension.id).where(DeadlineExtension.assignment_id == assignment_id)))
    snapshot = f'%"assignment_id": "{int(assignment_id)}"%'
    ids |= set(session.scalars(select(ChangeLog.entity_id).where(
        ChangeLog.entity == EXTENSIONS, ChangeLog.field.in_(("+", "-")), ChangeLog.new.like(snapshot)
        | ChangeLog.old.like(snapshot))))
    return ids


def load_assignment_history(db, assignment_id: int) -> dict | None:
    """The side panel's history of one assignment, read in its own reading session."""
    with db.reading() as session:
        return assignment_history(session, assignment_id)
