"""Each assignment's state as of a period (docs/periods.md#as-of), read from the history the
database already keeps: the progress entries (one live entry per assignment and period) and the
change log of hand changes, 销号 and 退回, plus the approved deadline extensions.

- status, texts and latest period: from the newest live return whose period is the period in
  question or an earlier one; a hand change (by hand, 退回) decides instead when it was made
  after that return was recorded and, for a closed period, by its reporting day;
- 销号: a completion a unit reported is 待销号 until the office confirmed it by that day; work
  marked done by hand is confirmed;
- an approved extension counts from the day it was approved.

The stored columns (``Assignment.status`` …) are the newest state; an open period with no
return for a later period in the database is exactly that state, and is read from it directly.
A few queries whatever the size of the office (the returns are read a few periods at a time,
newest first, until every assignment has its newest one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from ..domain.asof import AsOf
from ..domain.periods import Period, parse_period
from ..domain.rules import CLOSURE_CONFIRMED, CLOSURE_PENDING
from ..domain.statuses import DONE
from ..models import Assignment, ChangeLog, DeadlineExtension, ImportBatch, ProgressEntry, Task
from ..models.assignment import EXTENSION_APPROVED, STATUS_FROM_DEFAULT, STATUS_FROM_HAND, STATUS_FROM_RETURN


@dataclass(frozen=True)
class EntryView:
    """The texts of the return a state takes them from."""

    id: int
    period: str
    status: str
    progress: str
    problems: str
    next_steps: str
    reported_on: date | None
    created_at: datetime | None


@dataclass(frozen=True)
class State:
    status: str
    source: str  # STATUS_FROM_RETURN / STATUS_FROM_HAND / STATUS_FROM_DEFAULT
    closure: str | None
    entry: EntryView | None


def _end_of(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day + timedelta(days=1), datetime.min.time())


# The distinct periods by skipping through the index on (period, superseded): one seek a period,
# not a scan of every entry (a district office keeps a million; neither SQLite nor PostgreSQL
# skips through an index for a DISTINCT by itself).
_DISTINCT_PERIODS = text(
    "WITH RECURSIVE p(period) AS ("
    " SELECT MIN(period) FROM progress_entries WHERE superseded = :no"
    " UNION ALL"
    " SELECT (SELECT MIN(e.period) FROM progress_entries e WHERE e.period > p.period AND e.superseded = :no)"
    " FROM p WHERE p.period IS NOT NULL)"
    " SELECT period FROM p WHERE period IS NOT NULL")


def period_codes(session: Session) -> dict[str, Period]:
    """The periods live returns are for, by code (unreadable codes left out): read from the
    index on the period alone, so it costs little whatever the number of entries."""
    out = {}
    for code in session.scalars(_DISTINCT_PERIODS, {"no": False}):
        period = parse_period(code)
        if period is not None:
            out[code] = period
    return out


def _plan_entries(plan_id: int, *columns):
    return (select(*columns).join(Assignment, Assignment.id == ProgressEntry.assignment_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.plan_id == plan_id, ProgressEntry.superseded.is_(False)))


def is_current_state(session: Session, plan_id: int, as_of: AsOf) -> bool:
    """Whether the state as of ``as_of`` is the stored newest state: an open period, and no return
    of the plan in the database for a later one."""
    if not as_of.open:
        return False
    later = [code for code, period in period_codes(session).items() if not as_of.includes(period)]
    return not later or session.scalar(
        _plan_entries(plan_id, ProgressEntry.id).where(ProgressEntry.period.in_(later)).limit(1)) is None




def latest_entries(session: Session, plan_id: int, as_of: AsOf) -> dict[int, EntryView]:
    """Each assignment's newest live return for the period or an earlier one."""
    codes = period_codes(session)
    wanted = sorted((c for c, p in codes.items() if as_of.includes(p)), key=lambda c: codes[c].sort_key,
                    reverse=True)
    if not wanted:
        return {}
    total = session.scalar(select(func.count()).select_from(Assignment).join(Task, Task.id == Assignment.task_id)
                           .where(Task.plan_id == plan_id)) or 0
    out: dict[int, EntryView] = {}
    rank = {code: i for i, code in enumerate(wanted)}
    # Newest periods first, one, then two, four … at a time: most assignments have a return for
    # the period itself or the one before, so the first query or two usually find them all.
    start, size = 0, 1
    while start < len(wanted):
        chunk = wanted[start:start + size]
        start, size = start + size, size * 2
        found: dict[int, EntryView] = {}
        for r in session.connection().execute(_plan_entries(  # Core: plain rows, no ORM result handling
                plan_id, ProgressEntry.id, ProgressEntry.assignment_id, ProgressEntry.period, ProgressEntry.status,
                ProgressEntry.progress, ProgressEntry.problems, ProgressEntry.next_steps, ProgressEntry.reported_on,
                ProgressEntry.created_at).where(ProgressEntry.period.in_(chunk))):
            if r.assignment_id in out:
                continue
            held = found.get(r.assignment_id)
            if held is None or (rank[r.period], -r.id) < (rank[held.period], -held.id):
                found[r.assignment_id] = EntryView(r.id, r.period, r.status, r.progress or "", r.problems or "",
                                                   r.next_steps or "", r.reported_on, r.created_at)
        out.update(found)
        if len(out) >= total:
            break
    return out


def _hand_events(session: Session, plan_id: int, field: str, until: datetime | None) -> dict[int, list]:
    """The plan's logged changes of an assignment ``field`` that no return made (by hand, 退回,
    the example office's own), oldest first, up to ``until``."""
    stmt = (
        select(ChangeLog.entity_id, ChangeLog.at, ChangeLog.id, ChangeLog.old, ChangeLog.new)
        .join(Assignment, Assignment.id == ChangeLog.entity_id)
        .join(Task, Task.id == Assignment.task_id)
        .outerjoin(ImportBatch, ImportBatch.id == ChangeLog.batch_id)
        .where(Task.plan_id == plan_id, ChangeLog.entity == "assignments", ChangeLog.field == field,
               or_(ChangeLog.batch_id.is_(None), ImportBatch.period.is_(None)))
        .order_by(ChangeLog.at, ChangeLog.id))
    if until is not None:
        stmt = stmt.where(ChangeLog.at < until)
    out: dict[int, list] = {}
    for r in session.execute(stmt):
        out.setdefault(r.entity_id, []).append(r)
    return out


def _first_status(session: Session, plan_id: int) -> dict[int, str]:
    """Each assignment's status before its first logged status change (what it was created with)."""
    first = (select(ChangeLog.entity_id, func.min(ChangeLog.id).label("id"))
             .join(Assignment, Assignment.id == ChangeLog.entity_id)
             .join(Task, Task.id == Assignment.task_id)
             .where(Task.plan_id == plan_id, ChangeLog.entity == "assignments", ChangeLog.field == "status")
             .group_by(ChangeLog.entity_id).subquery())
    return {r.entity_id: r.old for r in session.execute(
        select(ChangeLog.entity_id, ChangeLog.old).join(first, first.c.id == ChangeLog.id)) if r.old}


def states_as_of(session: Session, plan_id: int, as_of: AsOf) -> dict[int, State]:
    """The state of every assignment of the plan as of ``as_of`` (see the module's rules)."""
    until = _end_of(as_of.cutoff)
    entries = latest_entries(session, plan_id, as_of)
    hand_status = _hand_events(session, plan_id, "status", until)
    hand_closure = _hand_events(session, plan_id, "closure", until)
    first = _first_status(session, plan_id)
    current = dict(session.execute(
        select(Assignment.id, Assignment.status).join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id)).all())
    decided: dict[int, tuple[str, str, datetime | None, EntryView | None]] = {}
    for aid, now_status in current.items():
        entry = entries.get(aid)
        hand = hand_status.get(aid, [])
        last_hand = hand[-1] if hand else None
        if last_hand is not None and (entry is None or entry.created_at is None or last_hand.at >= entry.created_at):
            decided[aid] = (last_hand.new, STATUS_FROM_HAND, last_hand.at, entry)
        elif entry is not None:
            decided[aid] = (entry.status, STATUS_FROM_RETURN, entry.created_at, entry)
        else:
            decided[aid] = (first.get(aid, now_status), STATUS_FROM_DEFAULT, None, None)
    done_since = _done_since(session, plan_id, as_of, decided, hand_status, set(hand_closure))
    out: dict[int, State] = {}
    for aid, (status, source, since, entry) in decided.items():
        closure = None
        if status == DONE:
            # 销号 of this completion: made since the work last became 已完成 (a unit that reports
            # 已完成 again keeps the office's confirmation, as the stored state does).
            since = done_since.get(aid, since)
            closure = CLOSURE_CONFIRMED if source == STATUS_FROM_HAND else CLOSURE_PENDING
            events = [e for e in hand_closure.get(aid, []) if since is None or e.at >= since]
            if events and events[-1].new in (CLOSURE_CONFIRMED, CLOSURE_PENDING):
                closure = events[-1].new
        out[aid] = State(status=status, source=source, closure=closure, entry=entry)
    return out


def _done_since(session: Session, plan_id: int, as_of: AsOf, decided: dict, hand_status: dict[int, list],
                closed: set[int]) -> dict[int, datetime]:
    """For work 已完成 by a return that the office has ever confirmed or sent back (``closed``):
    when it last became 已完成. Its returns up to the period and its hand status changes, newest
    recorded first, are walked back while they say 已完成."""
    done = [aid for aid, (status, source, _since, _e) in decided.items()
            if status == DONE and source == STATUS_FROM_RETURN and aid in closed]
    if not done:
        return {}
    wanted = [c for c, p in period_codes(session).items() if as_of.includes(p)]
    events: dict[int, list[tuple[datetime, str]]] = {}
    for i in range(0, len(done), 500):
        chunk = (_plan_entries(plan_id, ProgressEntry.assignment_id, ProgressEntry.status, ProgressEntry.created_at)
                 .where(ProgressEntry.period.in_(wanted), ProgressEntry.assignment_id.in_(done[i:i + 500])))
        for r in session.connection().execute(chunk):
            if r.created_at is not None:
                events.setdefault(r.assignment_id, []).append((r.created_at, r.status))
    out: dict[int, datetime] = {}
    for aid in done:
        timeline = events.get(aid, []) + [(e.at, e.new) for e in hand_status.get(aid, [])]
        since = None
        for at, status in sorted(timeline, reverse=True):
            if status != DONE:
                break
            since = at
        if since is not None:
            out[aid] = since
    return out


def approved_extensions(session: Session, plan_id: int | list[int], as_of: AsOf | None) -> dict[int, date]:
    """The date each extended assignment of the plan (or plans) is now due by: its latest
    extension approved by the as-of day (any approved one for the newest state)."""
    stmt = (select(DeadlineExtension.assignment_id, DeadlineExtension.requested_to, DeadlineExtension.decided_on,
                   DeadlineExtension.id)
            .join(Assignment, Assignment.id == DeadlineExtension.assignment_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.plan_id.in_(plan_id) if isinstance(plan_id, list) else Task.plan_id == plan_id,
                   DeadlineExtension.state == EXTENSION_APPROVED)
            .order_by(DeadlineExtension.decided_on, DeadlineExtension.id))
    out: dict[int, date] = {}
    for r in session.execute(stmt):
        if as_of is None or as_of.counts(r.decided_on):
            out[r.assignment_id] = r.requested_to
    return out
