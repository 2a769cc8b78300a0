"""Recording progress entries and deriving an assignment's current status from them (docs/statuses.md#current-status)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from ..domain.periods import parse_period
from ..domain.statuses import DONE, IN_PROGRESS
from ..models import Assignment, ProgressEntry
from ..models.assignment import (
    CLOSURE_CONFIRMED,
    CLOSURE_PENDING,
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


def record_entry(session: Session, actor: Actor, assignment: Assignment, period: str, data: EntryData,
                 *, is_example: bool = False) -> int:
    """Add a unit's report for one period (see record_entries); returns the new entry's id."""
    return record_entries(session, actor, [(assignment.id, data)], period, is_example=is_example)[0]


@dataclass
class StateBefore:
    """What a batch of reports for one period will change, read in two queries: each
    assignment's current status and newest report, and the live report of that period it
    supersedes (with its texts, for the import preview)."""

    state: dict[int, Any]
    previous: dict[int, Any]


_LATEST = aliased(ProgressEntry)
_LIVE = aliased(ProgressEntry)  # the period's live report, which a new one supersedes
_STATE_QUERY = (
    select(Assignment.id, Assignment.status, Assignment.status_source, Assignment.status_at, Assignment.closure,
           Assignment.latest_entry_id, _LATEST.period.label("latest_period"), _LIVE.id.label("live_id"),
           *(getattr(_LIVE, f).label(f"live_{f}") for f in ENTRY_FIELDS))
    .outerjoin(_LATEST, _LATEST.id == Assignment.latest_entry_id)
    .outerjoin(_LIVE, (_LIVE.assignment_id == Assignment.id) & (_LIVE.period == bindparam("period"))
               & _LIVE.superseded.is_(False))
    .where(Assignment.id.in_(bindparam("ids", expanding=True)))
)


class LiveEntry(NamedTuple):
    """An assignment's live report of a period, as StateBefore.previous holds it."""

    assignment_id: int
    id: int
    status: str
    progress: str
    problems: str
    next_steps: str
    remarks: str
    reporter: str
    phone: str
    reported_on: date | None


def state_before(session: Session, ids: list[int], period: str) -> StateBefore:
    """The assignments' current state and the period's live report of each, in one query."""
    state: dict[int, Any] = {}
    previous: dict[int, LiveEntry] = {}
    for r in session.execute(_STATE_QUERY, {"ids": ids, "period": period}):
        state[r.id] = r
        if r.live_id is not None:
            previous[r.id] = LiveEntry(r.id, r.live_id, **{f: getattr(r, f"live_{f}") for f in ENTRY_FIELDS})
    return StateBefore(state, previous)


def replaces_latest(old: Any, previous_id: int | None, period: str) -> bool:
    """Whether a new report for ``period`` becomes the assignment's latest (and so sets its
    status): unless the assignment already has a report for a later period. ``old`` is a row of
    StateBefore.state; ``previous_id`` the live report of ``period`` being superseded, if any."""
    return old.latest_entry_id is None or old.latest_entry_id == previous_id or (
        period_sort_key(period) >= period_sort_key(old.latest_period or ""))


# The statements of record_entries, built once (a mailbox of returns runs them hundreds of times).
_ENTRIES = ProgressEntry.__table__
_INSERT_ENTRIES = _ENTRIES.insert().returning(_ENTRIES.c.assignment_id, _ENTRIES.c.id)
_SUPERSEDE = _ENTRIES.update().where(_ENTRIES.c.id == bindparam("pid")).values(superseded=True)
_ASSIGNMENTS = Assignment.__table__
_UPDATE_ASSIGNMENTS = _ASSIGNMENTS.update().where(_ASSIGNMENTS.c.id == bindparam("aid")).values(
    latest_entry_id=bindparam("latest_entry_id"), status=bindparam("status"),
    status_source=bindparam("status_source"), status_at=bindparam("status_at"), closure=bindparam("closure"),
    version=_ASSIGNMENTS.c.version + 1, updated_at=bindparam("stamp"))


def record_entries(session: Session, actor: Actor, items: list[tuple[int, EntryData]], period: str,
                   *, is_example: bool = False, before: StateBefore | None = None) -> list[int]:
    """Add units' reports for one period; an older report of the same assignment and period is
    superseded (kept, flagged) so both stay in the history, and each assignment's status follows
    its newest report (docs/statuses.md#current-status). Every change is logged.

    A return is written with a fixed number of statements whatever its length: one query for
    the assignments' current state, one insert of the entries, one update of the superseded
    ones and one of the assignments (with their version bumped, as any edit does).
    """
    if not items:
        return []
    ids = [aid for aid, _ in items]
    before = before or state_before(session, ids, period)
    state = before.state
    previous = {aid: row.id for aid, row in before.previous.items()}
    created = now()
    rows = [{"assignment_id": aid, "period": period, "batch_id": actor.batch_id, "is_example": is_example,
             "created_at": created, "superseded": False, **{f: getattr(data, f) for f in ENTRY_FIELDS}}
            for aid, data in items]
    if previous:
        # (assignment_id is not bound: it names the rows for the change recorder, which would
        # otherwise take the update for one of every task's rows)
        session.execute(_SUPERSEDE, [{"pid": pid, "assignment_id": aid} for aid, pid in previous.items()])
        for pid in previous.values():
            audit.log(session, actor, "progress_entries", pid, "superseded", False, True)
    # One statement for all the rows (SQLAlchemy's "insertmanyvalues"): each new id comes back
    # with its assignment, in no particular order, so none has to be kept.
    live = dict(session.execute(_INSERT_ENTRIES, rows).all())
    new_ids = [live[aid] for aid in ids]
    updates = []
    for (aid, data), entry_id, row in zip(items, new_ids, rows, strict=True):
        audit.log(session, actor, "progress_entries", entry_id, audit.CREATED, None,
                  json.dumps({"id": entry_id, **{k: audit.as_text(v) for k, v in row.items()}}, ensure_ascii=False))
        old = state[aid]
        if not replaces_latest(old, previous.get(aid), period):
            continue  # a late report for an earlier period: the newer report still decides
        new = {"latest_entry_id": entry_id, "status": data.status, "status_source": STATUS_FROM_RETURN,
               "status_at": created, "closure": old.closure}
        if data.status == DONE and old.status != DONE:
            new["closure"] = CLOSURE_PENDING  # a unit's own 已完成 waits for the office's check
        elif data.status != DONE:
            new["closure"] = None
        for field, value in new.items():
            if getattr(old, field) != value:
                audit.log(session, actor, "assignments", aid, field, getattr(old, field), value)
        updates.append({"aid": aid, "stamp": created, **new})
    if updates:
        session.execute(_UPDATE_ASSIGNMENTS, updates)
    # ORM copies of these rows in this session are now stale.
    changed = set(ids)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Assignment | ProgressEntry) and (
                getattr(obj, "id", None) in changed or getattr(obj, "assignment_id", None) in changed):
            session.expire(obj)
    return new_ids


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
