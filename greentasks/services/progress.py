"""Recording progress entries and deriving an assignment's current status from them (SPEC §5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.periods import parse_period
from ..domain.statuses import DONE, IN_PROGRESS, NOT_STARTED
from ..models import Assignment, ProgressEntry
from ..models.assignment import (
    CLOSURE_CONFIRMED,
    CLOSURE_PENDING,
    STATUS_FROM_DEFAULT,
    STATUS_FROM_HAND,
    STATUS_FROM_RETURN,
)
from ..models.base import now
from . import audit
from .audit import Actor

ENTRY_FIELDS = ("status", "progress", "problems", "next_steps", "remarks", "reporter", "phone", "reported_on")


@dataclass
class EntryData:
    status: str
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    remarks: str = ""
    reporter: str = ""
    phone: str = ""
    reported_on: date | None = None


def period_sort_key(code: str) -> tuple:
    period = parse_period(code)
    if period is None:
        return (date.min, code)
    return (period.end, period.start)


def newest_entry(entries: list[ProgressEntry]) -> ProgressEntry | None:
    live = [e for e in entries if not e.superseded]
    if not live:
        return None
    return max(live, key=lambda e: (period_sort_key(e.period), e.created_at or datetime.min, e.id or 0))


def live_entry(session: Session, assignment_id: int, period: str) -> ProgressEntry | None:
    return session.scalars(
        select(ProgressEntry).where(
            ProgressEntry.assignment_id == assignment_id,
            ProgressEntry.period == period,
            ProgressEntry.superseded.is_(False),
        )
    ).first()


def record_entry(session: Session, actor: Actor, assignment: Assignment, period: str, data: EntryData,
                 *, is_example: bool = False, previous: ProgressEntry | None = None) -> ProgressEntry:
    """Add a unit's report for one period; an older report for the same period is superseded
    (kept, flagged) so both stay in the history."""
    if previous is None:
        previous = live_entry(session, assignment.id, period)
    if previous is not None:
        audit.set_field(session, actor, previous, "superseded", True)
    entry = ProgressEntry(
        assignment_id=assignment.id,
        period=period,
        batch_id=actor.batch_id,
        is_example=is_example,
        created_at=now(),
        superseded=False,
        **{f: getattr(data, f) for f in ENTRY_FIELDS},
    )
    session.add(entry)
    session.flush()
    audit.log_created(session, actor, entry)
    if entry not in assignment.entries:
        assignment.entries.append(entry)
    refresh_status(session, actor, assignment)
    return entry


def refresh_status(session: Session, actor: Actor, assignment: Assignment) -> None:
    """The status is that of the newest report, or 未启动 without one, unless a clerk set it
    by hand after that report (the newer wins)."""
    newest = newest_entry(list(assignment.entries))
    audit.set_field(session, actor, assignment, "latest_entry_id", newest.id if newest else None)
    if assignment.status_source == STATUS_FROM_HAND and (
        newest is None or (assignment.status_at and newest.created_at <= assignment.status_at)
    ):
        return
    if newest is None:
        status, source, at = NOT_STARTED, STATUS_FROM_DEFAULT, None
    else:
        status, source, at = newest.status, STATUS_FROM_RETURN, newest.created_at
    _apply_status(session, actor, assignment, status, source, at)


def _apply_status(session: Session, actor: Actor, assignment: Assignment, status: str, source: str,
                  at: datetime | None) -> None:
    was = assignment.status
    audit.set_field(session, actor, assignment, "status", status)
    audit.set_field(session, actor, assignment, "status_source", source)
    audit.set_field(session, actor, assignment, "status_at", at)
    if status == DONE and was != DONE and source == STATUS_FROM_RETURN:
        # A unit's own 已完成 waits for the office's check.
        audit.set_field(session, actor, assignment, "closure", CLOSURE_PENDING)
    elif status != DONE:
        audit.set_field(session, actor, assignment, "closure", None)


def set_status_by_hand(session: Session, actor: Actor, assignment: Assignment, status: str,
                       reason: str = "") -> None:
    _apply_status(session, actor, assignment, status, STATUS_FROM_HAND, now())
    if status == DONE and assignment.closure is None:
        # A clerk marking it done has checked it.
        _confirm(session, actor, assignment)
    if reason:
        audit.log(session, actor, "assignments", assignment.id, "note", None, reason)


def _confirm(session: Session, actor: Actor, assignment: Assignment) -> None:
    audit.set_field(session, actor, assignment, "closure", CLOSURE_CONFIRMED)
    audit.set_field(session, actor, assignment, "closure_at", now())
    audit.set_field(session, actor, assignment, "closure_by", actor.user)


def confirm_completion(session: Session, actor: Actor, assignment: Assignment) -> bool:
    """销号: the office confirms a completion a unit reported."""
    if assignment.status != DONE or assignment.closure != CLOSURE_PENDING:
        return False
    _confirm(session, actor, assignment)
    return True


def send_back(session: Session, actor: Actor, assignment: Assignment, reason: str) -> bool:
    """退回: the completion is not accepted; the status returns to 推进中 with the reason logged."""
    if assignment.status != DONE:
        return False
    _apply_status(session, actor, assignment, IN_PROGRESS, STATUS_FROM_HAND, now())
    audit.log(session, actor, "assignments", assignment.id, "closure", CLOSURE_PENDING, "退回",
              note=f"退回理由：{reason}" if reason else "退回")
    return True
