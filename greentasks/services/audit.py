"""Writing the change log: who, when, what (old → new), and from where, for every change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from ..models import ChangeLog
from ..models.audit import SOURCE_HAND
from ..models.base import now
from ..paths import current_user

CREATED = "+"
REMOVED = "-"


@dataclass(frozen=True)
class Actor:
    """Who is making a change and from where: by hand, or an import batch."""

    user: str
    source: str = SOURCE_HAND
    batch_id: int | None = None
    note: str = ""

    @classmethod
    def by_hand(cls, note: str = "") -> Actor:
        return cls(user=current_user(), source=SOURCE_HAND, note=note)


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def snapshot(obj: Any) -> dict[str, Any]:
    """Every column of a mapped object, JSON-ready, to log a created or removed row."""
    mapper = sa_inspect(obj).mapper
    return {col.key: as_text(getattr(obj, col.key)) for col in mapper.column_attrs}


def entity_name(obj: Any) -> str:
    return obj.__tablename__


def log(session: Session, actor: Actor, entity: str, entity_id: int, field: str, old: Any, new: Any,
        note: str = "") -> None:
    """Queue one change-log row; the rows are written in one statement when the transaction
    commits (and dropped with it on rollback), which keeps a return of many rows fast."""
    session.info.setdefault(_PENDING, []).append({
        "at": now(), "user": actor.user, "entity": entity, "entity_id": entity_id, "field": field,
        "old": as_text(old), "new": as_text(new), "source": actor.source, "batch_id": actor.batch_id,
        "note": note or actor.note,
    })


_PENDING = "greentasks.pending_change_log"


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    rows = session.info.pop(_PENDING, None)
    if rows:
        session.execute(ChangeLog.__table__.insert(), rows)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, _previous_transaction) -> None:
    session.info.pop(_PENDING, None)


def log_created(session: Session, actor: Actor, obj: Any) -> None:
    if obj.id is None:
        session.flush([obj])
    log(session, actor, entity_name(obj), obj.id, CREATED, None,
        json.dumps(snapshot(obj), ensure_ascii=False))


def log_removed(session: Session, actor: Actor, obj: Any) -> None:
    log(session, actor, entity_name(obj), obj.id, REMOVED,
        json.dumps(snapshot(obj), ensure_ascii=False), None)


def set_field(session: Session, actor: Actor, obj: Any, field: str, value: Any, note: str = "") -> bool:
    """Assign ``obj.field = value`` and log it when it really changes; returns whether it did."""
    old = getattr(obj, field)
    if old == value:
        return False
    setattr(obj, field, value)
    if obj.id is not None:
        log(session, actor, entity_name(obj), obj.id, field, old, value, note)
    return True
