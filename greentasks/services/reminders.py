"""The record of 催报 and 督办 sent to the units (docs/documents.md#notices): written when the
notices are (services.notices), logged in the change log like every write, shown in the ledger's
未报送 sheet and in the 修改记录 of the unit's assignments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.periods import Period, parse_period
from ..domain.planclock import cn_date
from ..models import Reminder
from ..models.reminder import REMINDER_CHASE, REMINDER_KINDS, REMINDER_PUSH
from . import audit
from .audit import Actor

__all__ = ["DEFAULT_WAY", "REMINDER_CHASE", "REMINDER_KINDS", "REMINDER_PUSH", "WAYS", "ReminderInfo",
           "history_value", "latest_reminders", "record_reminder"]

DEFAULT_WAY = "政务邮箱"
# What a clerk usually writes as the way a notice went out (any other text is taken as well).
WAYS = ("政务邮箱", "电话", "书面", "短信", "当面送达")
WAY_LIMIT = 40


@dataclass(frozen=True)
class ReminderInfo:
    department_id: int
    period: str
    kind: str
    sent_on: date
    way: str
    note: str


def record_reminder(session: Session, actor: Actor, department_id: int, period: Period, kind: str, sent_on: date,
                    way: str, note: str = "") -> Reminder:
    """One 催报 or 督办 sent, in the caller's transaction, logged as a row created."""
    if kind not in REMINDER_KINDS:
        raise ValueError(f"a reminder is one of {REMINDER_KINDS}, not {kind!r}")
    reminder = Reminder(department_id=department_id, period=period.code, kind=kind, sent_on=sent_on,
                        way=way.strip()[:WAY_LIMIT], note=note.strip())
    session.add(reminder)
    session.flush()  # its id, for the log
    audit.log_created(session, actor, reminder)
    return reminder


def latest_reminders(session: Session, period: Period, kind: str = REMINDER_CHASE) -> dict[int, ReminderInfo]:
    """The newest reminder of ``kind`` each unit was sent for ``period``, by unit."""
    rows = session.scalars(select(Reminder).where(Reminder.period == period.code, Reminder.kind == kind)
                           .order_by(Reminder.sent_on, Reminder.id)).all()
    return {r.department_id: ReminderInfo(r.department_id, r.period, r.kind, r.sent_on, r.way, r.note) for r in rows}


def history_value(value: str | None) -> str | None:
    """A reminder's logged row as the 修改记录 shows it: 催报（2023年第二季度，政务邮箱，2023年7月10日）."""
    if not value:
        return value
    try:
        data = json.loads(value)
    except ValueError:
        return value
    period = parse_period(data.get("period"))
    try:
        sent = cn_date(date.fromisoformat(data.get("sent_on") or ""))
    except ValueError:
        sent = data.get("sent_on") or ""
    what = [period.label if period else data.get("period") or "", data.get("way") or "", sent]
    return f"{data.get('kind') or ''}（{'，'.join(w for w in what if w)}）"
