"""延期: recording a unit's request for a later deadline and the office's decision on it
(docs/deadlines.md#extensions).

Each write is one use case that owns its transaction and returns a :class:`Done` (as in
services.actions), so the command line and the desktop app call the same functions. Every write
is logged (services.audit) under the extension, so it shows in the assignment's history and
修改记录 and a request that came in a return goes when its batch is undone. The assignment's own
完成时限 is never touched: which date the lights use is read from the approved extensions
(domain.extensions.in_force).

:func:`record_request` is the building block the import of returns uses in its own transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.changes import Done
from ..domain.extensions import (
    APPROVED,
    DECLINED,
    REQUESTED,
    ExtensionError,
    ExtensionFacts,
    date_words,
    effective_due,
    extension_text,
    in_force,
    new_date_problem,
    not_extendable,
    parse_new_date,
)
from ..models import Assignment, DeadlineExtension, ImportBatch
from . import audit
from .audit import Actor
from .changes import unit_of_work

__all__ = [
    "Done",
    "ExtensionInfo",
    "ExtensionUndo",
    "check_new_date",
    "decide_extension",
    "extend",
    "extensions_of",
    "load_extensions",
    "record_request",
    "request_extension",
    "undo_extension_decision",
]


@dataclass
class ExtensionInfo:
    """One request and its decision, as plain values for the side panel and the command line."""

    id: int
    assignment_id: int
    task_no: int
    department: str
    measure: str
    deadline_text: str  # the assignment's own 完成时限, as stored
    requested_to: date
    reason: str
    reference: str
    state: str
    requested_on: date
    decided_on: date | None
    decided_by: str | None
    decision_note: str
    batch_id: int | None
    source: str | None  # the file of the return it came in
    in_force: bool = False  # the approved extension whose date the lights use

    @property
    def to_words(self) -> str:
        return date_words(self.requested_to)

    @property
    def from_return(self) -> bool:
        return self.batch_id is not None

    @property
    def text(self) -> str:
        """原定2023年6月底前，已批准延期至2023年9月底前（2023年7月8日批准） and the like."""
        if self.state == APPROVED:
            return f"{extension_text(self.deadline_text, self.requested_to)}（{_day(self.decided_on)}批准）"
        if self.state == DECLINED:
            return f"申请延期至{self.to_words}，不予批准（{_day(self.decided_on)}）"
        return f"申请延期至{self.to_words}（{_day(self.requested_on)}申请，待审核）"

    @property
    def unit_line(self) -> str:
        """任务18 区发展改革委（分工 #12）"""
        return f"任务{self.task_no} {self.department}（分工 #{self.assignment_id}）"

    def to_json(self) -> dict:
        return {
            "id": self.id, "assignment_id": self.assignment_id, "task_no": self.task_no,
            "department": self.department, "deadline_text": self.deadline_text,
            "requested_to": self.requested_to.isoformat(), "requested_to_text": self.to_words,
            "reason": self.reason, "reference": self.reference, "state": self.state,
            "requested_on": self.requested_on.isoformat(),
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "decided_by": self.decided_by, "decision_note": self.decision_note,
            "from_return": self.source, "in_force": self.in_force, "text": self.text,
        }


@dataclass
class ExtensionUndo:
    """What taking a decision back did: the request reopened (or, entered by hand and still
    pending, withdrawn), in a sentence for the clerk."""

    info: ExtensionInfo
    removed: bool
    message: str


def _day(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "日期未记"


def _actor(note: str = "") -> Actor:
    return Actor.by_hand(note)


# -- reading ---------------------------------------------------------------------------------------

def _info(ext: DeadlineExtension, source: str | None = None, force_id: int | None = None) -> ExtensionInfo:
    a = ext.assignment
    return ExtensionInfo(
        id=ext.id, assignment_id=ext.assignment_id, task_no=a.task.no, department=a.department.name,
        measure=a.measure, deadline_text=a.deadline_text, requested_to=ext.requested_to, reason=ext.reason,
        reference=ext.reference, state=ext.state, requested_on=ext.requested_on, decided_on=ext.decided_on,
        decided_by=ext.decided_by, decision_note=ext.decision_note, batch_id=ext.batch_id, source=source,
        in_force=ext.id == force_id)


def _facts(extensions: list[DeadlineExtension]) -> list[ExtensionFacts]:
    return [ExtensionFacts(e.id, e.state, e.requested_to, e.decided_on) for e in extensions]


def _extensions(session: Session, assignment_id: int) -> list[DeadlineExtension]:
    return list(session.scalars(select(DeadlineExtension).where(DeadlineExtension.assignment_id == assignment_id)
                                .order_by(DeadlineExtension.id)))


def extensions_of(session: Session, assignment_id: int, as_of: date | None = None) -> list[ExtensionInfo]:
    """Every request on one assignment, oldest first; the one in force on ``as_of`` (None: every
    approval so far) is marked."""
    found = _extensions(session, assignment_id)
    if not found:
        return []
    force = in_force(_facts(found), as_of)
    files = dict(session.execute(select(ImportBatch.id, ImportBatch.file_name).where(
        ImportBatch.id.in_({e.batch_id for e in found if e.batch_id is not None}))).all())
    return [_info(e, files.get(e.batch_id) if e.batch_id else None, force.id if force else None) for e in found]


def load_extensions(db, assignment_id: int, as_of: date | None = None) -> list[ExtensionInfo]:
    """The side panel's 延期 section, read in its own reading session."""
    with db.reading() as session:
        return extensions_of(session, assignment_id, as_of)


# -- the rules, against the database ---------------------------------------------------------------

def check_new_date(assignment: Assignment, to: date, others: list[ExtensionFacts]) -> str | None:
    """Why ``assignment`` cannot be extended to ``to`` given its ``others`` extensions (None: it
    can): the kind of its deadline, the date in force, the plan's 成文日期."""
    refused = not_extendable(assignment.deadline_kind, assignment.deadline_text)
    if refused is not None:
        return refused
    current, extended = effective_due(assignment.deadline_due, others)
    issued = assignment.task.plan.issued_on if assignment.task is not None else None
    return new_date_problem(to, current_due=current, extended=extended, issued_on=issued)


def _assignment(session: Session, assignment_id: int) -> Assignment:
    found = session.get(Assignment, assignment_id)
    if found is None:
        raise ExtensionError(f"没有编号为 {assignment_id} 的分工（可能已被删除）。")
    return found


def _extension(session: Session, extension_id: int) -> DeadlineExtension:
    found = session.get(DeadlineExtension, extension_id)
    if found is None:
        raise ExtensionError(f"没有编号为 {extension_id} 的延期申请（可能已被撤回）。")
    return found


def _new_date(to: date | str) -> date:
    return to if isinstance(to, date) else parse_new_date(to)


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ExtensionError("请填写延期理由（单位申请延期的原因）。")
    return text


def _refuse_if_not_allowed(session: Session, assignment: Assignment, to: date, exclude: int | None = None) -> None:
    others = [f for f in _facts(_extensions(session, assignment.id)) if f.id != exclude]
    problem = check_new_date(assignment, to, others)
    if problem is not None:
        raise ExtensionError(f"{_where(assignment)}：{problem}")


def _where(assignment: Assignment) -> str:
    return f"任务{assignment.task.no} {assignment.department.name}（分工 #{assignment.id}）"


# -- the writes --------------------------------------------------------------------------------

def record_request(session: Session, actor: Actor, assignment_id: int, to: date, reason: str = "",
                   reference: str = "", *, requested_on: date | None = None) -> DeadlineExtension:
    """Records one request (申请中) and logs it with ``actor`` (an import's actor carries its
    batch, which the request then names). The caller has checked the rules."""
    ext = DeadlineExtension(assignment_id=assignment_id, requested_to=to, reason=reason.strip(),
                            reference=reference.strip(), state=REQUESTED, requested_on=requested_on or date.today(),
                            decision_note="", batch_id=actor.batch_id)
    session.add(ext)
    session.flush()
    audit.log_created(session, actor, ext)
    return ext


def _decide(session: Session, actor: Actor, ext: DeadlineExtension, approve: bool, note: str, on: date) -> None:
    if ext.state != REQUESTED:
        verb = "批准" if ext.state == APPROVED else "决定不予批准"
        raise ExtensionError(
            f"这项延期申请（延期至{date_words(ext.requested_to)}）已于{_day(ext.decided_on)}{verb}，"
            "不能再次审批。如要改变，请先撤销原来的决定。")
    if approve:
        _refuse_if_not_allowed(session, ext.assignment, ext.requested_to, exclude=ext.id)
    state = APPROVED if approve else DECLINED
    said = f"延期至{date_words(ext.requested_to)}" + (f"；{note.strip()}" if note.strip() else "")
    audit.set_field(session, actor, ext, "state", state, note=said)
    audit.set_field(session, actor, ext, "decided_on", on)
    audit.set_field(session, actor, ext, "decided_by", actor.user)
    audit.set_field(session, actor, ext, "decision_note", note.strip())


def _info_of(session: Session, ext: DeadlineExtension, on: date | None) -> ExtensionInfo:
    """One extension as the use cases return it (which one is in force is marked as of ``on``)."""
    session.flush()
    return next(i for i in extensions_of(session, ext.assignment_id, on) if i.id == ext.id)


def request_extension(db, assignment_id: int, to: date | str, reason: str, reference: str = "", *,
                      on: date | None = None) -> Done[ExtensionInfo]:
    """A unit's request entered by hand (申请中, for the office to decide); ``on`` is the day it
    was made (today by default)."""
    day = on or date.today()
    to = _new_date(to)
    reason = _reason(reason)
    with unit_of_work(db) as uow:
        assignment = _assignment(uow.session, assignment_id)
        _refuse_if_not_allowed(uow.session, assignment, to)
        same = _pending_to(uow.session, assignment_id, to)
        if same is not None:
            raise ExtensionError(f"{_where(assignment)}已有一项延期至{date_words(to)}的申请在等待审核"
                                 f"（编号 {same.id}），不必重复登记。")
        ext = record_request(uow.session, _actor(), assignment_id, to, reason, reference, requested_on=day)
        info = _info_of(uow.session, ext, day)
    uow.changes.select_id = assignment_id
    return Done(uow.changes, info)


def decide_extension(db, extension_id: int, approve: bool, note: str = "", *,
                     on: date | None = None) -> Done[ExtensionInfo]:
    """批准 or 不予批准 a pending request; ``on`` is the day of the decision (today by default),
    from which an approval counts for the lights."""
    day = on or date.today()
    with unit_of_work(db) as uow:
        ext = _extension(uow.session, extension_id)
        _decide(uow.session, _actor(), ext, approve, note, day)
        info = _info_of(uow.session, ext, day)
    uow.changes.select_id = info.assignment_id
    return Done(uow.changes, info)


def extend(db, assignment_id: int, to: date | str, reason: str, reference: str = "", declined: bool = False, *,
           note: str = "", on: date | None = None) -> Done[ExtensionInfo]:
    """Records a request and decides it in one step (``greentasks extend``, the dialog's 直接批准):
    a pending request for the same date is the one decided, else a new one is recorded first."""
    day = on or date.today()
    to = _new_date(to)
    with unit_of_work(db) as uow:
        session = uow.session
        assignment = _assignment(session, assignment_id)
        actor = _actor()
        ext = _pending_to(session, assignment_id, to)
        if ext is None:
            text = _reason(reason)
            _refuse_if_not_allowed(session, assignment, to)
            ext = record_request(session, actor, assignment_id, to, text, reference, requested_on=day)
        else:
            # The request as the unit made it stands; what the clerk adds fills only what it lacks.
            if not ext.reason and reason.strip():
                audit.set_field(session, actor, ext, "reason", reason.strip())
            if not ext.reference and reference.strip():
                audit.set_field(session, actor, ext, "reference", reference.strip())
        _decide(session, actor, ext, not declined, note, day)
        info = _info_of(uow.session, ext, day)
    uow.changes.select_id = assignment_id
    return Done(uow.changes, info)


def undo_extension_decision(db, extension_id: int) -> Done[ExtensionUndo]:
    """撤销: an approval or a decline goes back to 申请中; a pending request entered by hand is
    withdrawn (removed, the removal logged). A request that came in a return stays until its
    batch is undone."""
    with unit_of_work(db) as uow:
        session = uow.session
        ext = _extension(session, extension_id)
        assignment_id = ext.assignment_id
        info = _info_of(session, ext, None)
        if ext.state != REQUESTED:
            actor = _actor(f"撤销{ext.state}的决定")
            was = ext.state
            audit.set_field(session, actor, ext, "state", REQUESTED)
            audit.set_field(session, actor, ext, "decided_on", None)
            audit.set_field(session, actor, ext, "decided_by", None)
            audit.set_field(session, actor, ext, "decision_note", "")
            info = _info_of(session, ext, None)
            result = ExtensionUndo(info, removed=False, message=(
                f"已撤销“{was}”的决定：{info.unit_line}申请延期至{info.to_words}，恢复为待审核（申请中）。"))
        elif ext.batch_id is not None:
            file = info.source or "报送文件"
            raise ExtensionError(
                f"这项延期申请是随“{file}”报送的，不能单独撤回。可以“不予批准”，或在“报送”中撤销那批导入。")
        else:
            audit.log_removed(session, _actor("撤回延期申请"), ext)
            session.delete(ext)
            session.flush()
            result = ExtensionUndo(info, removed=True, message=(
                f"已撤回延期申请：{info.unit_line}申请延期至{info.to_words}。"))
    uow.changes.select_id = assignment_id
    return Done(uow.changes, result)


def _pending_to(session: Session, assignment_id: int, to: date) -> DeadlineExtension | None:
    return session.scalar(select(DeadlineExtension).where(
        DeadlineExtension.assignment_id == assignment_id, DeadlineExtension.requested_to == to,
        DeadlineExtension.state == REQUESTED).order_by(DeadlineExtension.id).limit(1))


# -- the history's words ---------------------------------------------------------------------------

# The change log's fields of an extension, in a clerk's words (services.history).
HISTORY_LABELS = {
    "+": "延期申请",
    "-": "删除延期申请",
    "state": "延期审批",
    "requested_to": "申请延期至",
    "reason": "延期理由",
    "reference": "延期来函",
    "decision_note": "审批意见",
    "decided_on": "审批日期",
    "decided_by": "审批人",
}
HISTORY_QUIET = {"decided_on", "decided_by"}  # said by the 延期审批 line itself (who, when)


def history_value(field: str, value: str | None) -> str | None:
    """One logged value of an extension as the history shows it."""
    if field in ("+", "-") and value:
        try:
            data = json.loads(value)
        except ValueError:
            return value
        try:
            to = date_words(date.fromisoformat(data.get("requested_to") or ""))
        except ValueError:
            to = data.get("requested_to") or ""
        reason = data.get("reason") or ""
        return f"申请延期至{to}" + (f"，理由：{reason[:40]}" if reason else "")
    if field == "requested_to" and value:
        try:
            return date_words(date.fromisoformat(value))
        except ValueError:
            return value
    return value
