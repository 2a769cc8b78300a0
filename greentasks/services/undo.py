"""Undoing a whole import batch by replaying its change log backwards (docs/data-safety.md#undo, issue: undo).

Every change an import makes is logged with its batch: rows created ("+"), rows removed ("-",
with a JSON snapshot) and fields changed (old → new). Undo applies the old values in reverse
order, so the database returns exactly to its state before the batch. If a later change touched
the same records, undo is refused with the later batches named, since undoing would silently
throw that later work away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from ..db import Database
from ..errors import GreentasksError
from ..models import (
    Assignment,
    ChangeLog,
    DeadlineExtension,
    Department,
    DepartmentAlias,
    ImportBatch,
    Indicator,
    IndicatorValue,
    Plan,
    ProgressEntry,
    Section,
    Task,
)
from ..models.audit import OUTCOME_UNDONE, SOURCE_UNDO
from ..models.base import now
from ..paths import current_user
from . import audit
from .audit import CREATED, REMOVED, Actor
from .backups import auto_backup
from .changes import Changes, unit_of_work
from .collectives import MEMBERS_FIELD, restore_members

MODELS = {m.__tablename__: m for m in (Assignment, ProgressEntry, Department, DepartmentAlias, Indicator,
                                       IndicatorValue, DeadlineExtension, Plan, Section, Task)}
KIND_LABELS = {"returns": "报送", "plan": "分工表", "indicators": "指标", "directory": "单位通讯录", "example": "示例数据",
               "document": "文件"}


@dataclass
class BatchInfo:
    id: int
    kind: str
    kind_label: str
    file_name: str
    created_at: datetime
    user: str
    outcome: str
    department: str | None
    period: str | None
    rows: int
    can_undo: bool
    undo_blocked_reason: str | None


@dataclass
class UndoResult:
    batch_id: int
    restored: int
    message: str
    changes: Changes = field(default_factory=Changes)  # what the undo touched, as the core saw it


def _convert(model, field: str, text: str | None):
    if text is None:
        return None
    column = model.__table__.columns[field]
    python_type = column.type.python_type
    if python_type is bool:
        return text in ("1", "True", "true")
    if python_type is int:
        return int(text)
    if python_type is float:
        return float(text)
    if python_type is datetime:
        return datetime.fromisoformat(text)
    if python_type is date:
        return date.fromisoformat(text)
    return text


def _blockers(session: Session, batch_ids: list[int]) -> dict[int, list[str]]:
    """For each batch: the later changes by others to the records it changed (an import not
    undone, or a clerk's hand edit), which undoing it would silently throw away.

    One query for any number of batches: the change log joined to itself on the record, later
    rows only (the index on entity and id makes it a seek per logged change)."""
    if not batch_ids:
        return {}
    mine, later = aliased(ChangeLog), aliased(ChangeLog)
    other = aliased(ImportBatch)
    rows = session.execute(
        select(mine.batch_id, later.batch_id, later.user, other.file_name, other.created_at)
        .join(later, and_(later.entity == mine.entity, later.entity_id == mine.entity_id, later.id > mine.id))
        .outerjoin(other, other.id == later.batch_id)
        .where(mine.batch_id.in_(batch_ids), later.source != SOURCE_UNDO,
               or_(later.batch_id.is_(None), and_(later.batch_id != mine.batch_id,
                                                   other.outcome != OUTCOME_UNDONE)))
        .distinct()
    ).all()
    found: dict[int, list[str]] = {}
    for batch_id, later_batch, user, file_name, created_at in rows:
        if later_batch is not None:
            label = f"后来导入的“{file_name}”（{created_at:%Y-%m-%d %H:%M}）"
        else:
            label = f"{user}后来的手工修改"
        labels = found.setdefault(batch_id, [])
        if label not in labels:
            labels.append(label)
    return found


def _blocking_batches(session: Session, batch: ImportBatch) -> list[str]:
    return _blockers(session, [batch.id]).get(batch.id, [])


def batch_history(session: Session, limit: int = 500) -> list[BatchInfo]:
    batches = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)).all()
    names = {d.id: d.name for d in session.scalars(select(Department))}
    blockers = _blockers(session, [b.id for b in batches if b.outcome != OUTCOME_UNDONE])
    result = []
    for b in batches:
        blocked = None
        can = b.outcome != OUTCOME_UNDONE
        if not can:
            blocked = "已撤销"
        elif blockers.get(b.id):
            can = False
            blocked = "这批导入之后，相关记录又有改动：" + "、".join(blockers[b.id][:3]) + "。请先撤销后来的导入。"
        result.append(BatchInfo(b.id, b.kind, KIND_LABELS.get(b.kind, b.kind), b.file_name, b.created_at, b.user,
                                b.outcome, names.get(b.department_id) if b.department_id else None, b.period, b.rows,
                                can, blocked))
    return result


def undo_batch(db: Database, batch_id: int) -> UndoResult:
    auto_backup(db, reason="撤销导入前")
    with unit_of_work(db) as uow:
        session = uow.session
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise GreentasksError(f"没有编号为 {batch_id} 的导入记录。")
        if batch.outcome == OUTCOME_UNDONE:
            raise GreentasksError(f"“{batch.file_name}”这批导入已经撤销过了。")
        blockers = _blocking_batches(session, batch)
        if blockers:
            raise GreentasksError(
                f"不能撤销“{batch.file_name}”：这批导入之后，相关记录又有改动（{'、'.join(blockers)}）。"
                "请先撤销后来的导入，再撤销这一批。")
        actor = Actor(user=current_user(), source=SOURCE_UNDO, batch_id=None, note=f"撤销导入：{batch.file_name}")
        changes = session.scalars(
            select(ChangeLog).where(ChangeLog.batch_id == batch.id).order_by(ChangeLog.id.desc())).all()
        restored = 0
        for change in changes:
            model = MODELS.get(change.entity)
            if model is None:
                continue
            if change.field == CREATED:
                obj = session.get(model, change.entity_id)
                if obj is not None:
                    audit.log_removed(session, actor, obj)
                    session.delete(obj)
                    session.flush()
                    restored += 1
            elif change.field == REMOVED:
                data = json.loads(change.old or "{}")
                obj = model(**{k: _convert(model, k, v) for k, v in data.items()})
                session.add(obj)
                session.flush()
                audit.log(session, actor, change.entity, obj.id, CREATED, None, change.old)
                restored += 1
            elif change.entity == "departments" and change.field == MEMBERS_FIELD:
                obj = session.get(model, change.entity_id)
                if obj is not None:  # a collective's own member list (services.collectives)
                    restore_members(session, actor, obj, change.old)
                    restored += 1
            else:
                obj = session.get(model, change.entity_id)
                if obj is None:
                    continue
                audit.set_field(session, actor, obj, change.field, _convert(model, change.field, change.old))
                restored += 1
        batch.outcome = OUTCOME_UNDONE
        batch.dedupe_key = None  # the same file may be imported again
        batch.undone_at = now()
        batch.undone_by = actor.user
        session.flush()
        name = batch.file_name
    return UndoResult(batch_id, restored, f"已撤销“{name}”这批导入，恢复了 {restored} 处改动。", uow.changes)
