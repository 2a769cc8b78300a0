"""催报 and 督办 notices as Word documents, one per unit, and the record that they were sent
(docs/documents.md#notices); the 下发通知 that goes out with the templates.

- 催报: every unit that owes a return for the period and sent none (queries.missing_units), with
  the periods in a row it has not reported for (period_changes: not_reported_streak) and its
  work overdue or 滞后;
- 督办: every unit with work overdue or 滞后 — the work it leads and its shares of a collective's
  work; a collective (各乡镇（街道）) gets none, its members do. Each piece of work names its task's
  责任领导 when the task has one (a line under the work; nothing when it has none).

Both read the period as of itself (the state ``status --period`` and ``changes --period`` show),
so every item a notice names is one those commands count. Writing the notices records one
:class:`~greentasks.models.Reminder` per unit (the date, the way it went out), logged like every
write; ``record=False`` writes the files only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..db import Database
from ..domain import lights
from ..domain.asof import report_day
from ..domain.changes import Changes
from ..domain.periods import Period
from ..domain.planclock import cn_date
from ..domain.rules import COLLECTIVE, category_sort_key
from ..domain.statuses import BEHIND
from ..domain.vocabulary import ROLE_LEAD
from ..errors import UsageError
from .audit import Actor
from .plan_register import refuse_if_repealed
from .queries import (
    AssignmentRow,
    Context,
    PlanArg,
    PlanRef,
    assignment_rows,
    expect_period,
    missing_units,
    resolve_plan,
)
from .reminders import DEFAULT_WAY, REMINDER_CHASE, REMINDER_KINDS, record_reminder
from .settings import CONTACT, PHONE, get_setting, office_name, report_allowance

if TYPE_CHECKING:
    from ..word.notices import NoticeItem, UnitNotice

__all__ = ["DEFAULT_WAY", "REPLY_DAYS", "NoticesResult", "WrittenNotice", "dispatch_file_name", "notices_for",
           "write_dispatch", "write_notices"]

REPLY_DAYS = 7  # the unit answers within a week of the notice


@dataclass
class WrittenNotice:
    department_id: int
    unit: str
    path: Path
    items: int  # the work overdue or 滞后 it names
    shown: int  # of those, listed in its table (the rest: "另有N项，详见总台账")
    periods: int = 1  # 催报: the periods in a row it has not reported for
    pdf: Path | None = None

    def to_json(self) -> dict:
        return {"department": self.unit, "file": str(self.path), "pdf": str(self.pdf) if self.pdf else None,
                "items": self.items, "listed": self.shown, "periods_not_reported": self.periods}


@dataclass
class NoticesResult:
    kind: str
    period: Period
    outdir: Path
    dated: date
    reply_by: date
    notices: list[WrittenNotice] = field(default_factory=list)
    recorded: int = 0
    way: str = ""
    pdf_problem: str = ""  # why no PDF was made (the Word files are there)
    changes: Changes = field(default_factory=Changes)

    def lines(self) -> list[str]:
        """What the clerk is told: how many, where, what was recorded."""
        if not self.notices:
            nobody = ("没有需要催报的单位：应报送的单位均已报送。" if self.kind == REMINDER_CHASE
                      else "没有需要督办的单位：没有逾期或进度滞后的工作。")
            return [f"{self.period.label}{nobody}"]
        lines = [f"已生成{self.period.label}{self.kind}通知 {len(self.notices)} 份（每个单位一份），保存在：{self.outdir}"]
        cut = [n for n in self.notices if n.shown < n.items]
        if cut:
            lines.append("以下单位事项较多，通知中列出一部分，其余注明“详见总台账”："
                         + "、".join(f"{n.unit}（列出{n.shown}项，共{n.items}项）" for n in cut))
        if self.recorded:
            where = "总台账的“未报送”表显示催报时间和方式。" if self.kind == REMINDER_CHASE else ""
            lines.append(f"已登记{self.kind}：{self.recorded}个单位，{cn_date(self.dated)}，方式：{self.way}。{where}")
        else:
            lines.append(f"没有登记{self.kind}记录。")
        if self.pdf_problem:
            lines.append(self.pdf_problem)
        return lines

    def to_json(self) -> dict:
        return {"kind": self.kind, "period": self.period.code, "folder": str(self.outdir),
                "date": self.dated.isoformat(), "reply_by": self.reply_by.isoformat(), "recorded": self.recorded,
                "way": self.way if self.recorded else None, "pdf_problem": self.pdf_problem or None,
                "notices": [n.to_json() for n in self.notices]}


# -- what each notice says -------------------------------------------------------------------------

def _needs_pushing(r: AssignmentRow, ctx: Context) -> str:
    """"已逾期12天" / "进度滞后" / both, for work a unit answers for (what it leads, its shares
    of a collective's work); "" when the row needs no pushing (as reports.notices decides)."""
    if r.category == COLLECTIVE or (r.role != ROLE_LEAD and r.parent_id is None):
        return ""
    words = []
    if lights.is_overdue(r.status, r.due, ctx.today):
        assert r.due is not None
        words.append(f"已逾期{(ctx.today - r.due).days}天")
    if r.status == BEHIND:
        words.append("进度滞后")
    return "、".join(words)


def _items(rows: list[AssignmentRow], ctx: Context, *,
           leaders: bool = False) -> dict[int, list[tuple[AssignmentRow, NoticeItem]]]:
    """Each unit's work overdue or 滞后, most urgent first (overdue longest, then 滞后); with
    ``leaders`` (督办), each with its task's 责任领导."""
    from ..word.notices import NoticeItem

    collective_of = {r.id: r.department for r in rows if r.category == COLLECTIVE}
    by_unit: dict[int, list[tuple[AssignmentRow, NoticeItem]]] = {}
    for r in rows:
        state = _needs_pushing(r, ctx)
        if not state:
            continue
        item = NoticeItem(task_no=r.task_no, task_title=r.task_title, measure=r.measure,
                          deadline_text=r.deadline_text, state=state,
                          shared_with=collective_of.get(r.parent_id or 0, ""), leader=r.leader if leaders else "")
        by_unit.setdefault(r.department_id, []).append((r, item))

    def urgency(pair: tuple[AssignmentRow, NoticeItem]) -> tuple:
        r, _ = pair
        late = (ctx.today - r.due).days if r.due is not None and lights.is_overdue(r.status, r.due, ctx.today) else -1
        return (-late, r.task_no, r.position, r.id)

    for pairs in by_unit.values():
        pairs.sort(key=urgency)
    return by_unit


def notices_for(session: Session, period: Period, *, kind: str = REMINDER_CHASE, today: date,
                reply_days: int = REPLY_DAYS, plan: PlanArg = None) -> list[tuple[int, UnitNotice]]:
    """The notices of ``kind`` for ``period`` seen on ``today``, as (unit id, notice), 区级部门
    first and then by the directory's order."""
    from ..word.notices import UnitNotice
    from .period_changes import compare

    period = expect_period(period)
    if period is None:
        raise TypeError("notices_for needs the Period the notices are about")
    if kind not in REMINDER_KINDS:
        raise UsageError(f"通知种类“{kind}”无法识别，请写 催报 或 督办。")
    ctx = Context.load(session, today, period, plan)
    # A repealed document is chased no more: no 催报, no 督办 (and so no reminder recorded).
    refuse_if_repealed(ctx.plan, "不再生成催报、督办通知")
    rows = assignment_rows(session, ctx)
    items = _items(rows, ctx, leaders=kind != REMINDER_CHASE)  # a 督办 names who answers for the task
    common = {
        "kind": kind, "period_label": period.label, "plan_title": ctx.plan.title, "doc_no": ctx.plan.doc_no,
        "dated": today, "reply_by": today + timedelta(days=reply_days), "office": office_name(session),
        "contact": get_setting(session, CONTACT).strip(), "phone": get_setting(session, PHONE).strip(),
    }
    out: list[tuple[int, UnitNotice, tuple]] = []
    if kind == REMINDER_CHASE:
        # One query per earlier period, as 环比 counts the periods in a row (min_streak=1: every unit missing).
        streaks = compare(session, period, today=today, plan=plan, min_streak=1, loaded=(ctx, rows)).not_reported_streak
        due = report_day(period, report_allowance(session))
        for u in streaks:
            owed_periods, p = [], u.first
            while p.sort_key <= period.sort_key:
                owed_periods.append(p.label)
                p = p.next()
            pairs = items.get(u.department_id, [])
            # Who sent what is the newest knowledge: the unit has sent nothing up to today.
            notice = UnitNotice(**common, unit=u.department, seen_on=today, report_due=due, owed_periods=owed_periods,
                                owed=u.owed, items=[i for _, i in pairs])
            out.append((u.department_id, notice, category_sort_key(u.category, u.department)))
    else:
        missing = {m.department_id for m in missing_units(session, ctx, rows)}
        for dep_id, pairs in items.items():
            first = pairs[0][0]
            notice = UnitNotice(**common, unit=first.department, seen_on=ctx.today, items=[i for _, i in pairs],
                                missing_too=dep_id in missing, shares_only=all(r.parent_id is not None for r, _ in pairs))
            out.append((dep_id, notice, category_sort_key(first.category, first.department)))
    out.sort(key=lambda t: t[2])
    return [(dep_id, notice) for dep_id, notice, _ in out]


# -- the use case ---------------------------------------------------------------------------------

def _folder(outdir: Path) -> Path:
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"“{outdir}”是一个文件，请给出一个文件夹（每个单位一份通知）。")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"无法建立文件夹“{outdir}”：{exc.strerror or exc}。请换一个位置。") from exc
    return outdir


def _save(doc, out: Path) -> None:
    try:
        doc.save(str(out))
    except PermissionError as exc:
        raise UsageError(f"无法写入“{out}”：文件可能正在 Word 或 WPS 中打开。请关闭该文件后再试。") from exc
    except OSError as exc:
        raise UsageError(f"无法写入“{out}”：{exc.strerror or exc}。") from exc


def write_notices(db: Database, outdir: Path, period: Period, *, kind: str = REMINDER_CHASE,
                  today: date | None = None, pdf: bool = False, record: bool = True, way: str = DEFAULT_WAY,
                  note: str = "", reply_days: int = REPLY_DAYS, plan: PlanArg = None) -> NoticesResult:
    """Write one notice of ``kind`` (催报 or 督办) per unit that needs one for ``period`` into
    ``outdir`` (made when missing), with a PDF of each when ``pdf``; then, when ``record``,
    record that each was sent on ``today`` by ``way`` (one transaction, logged)."""
    from ..word.notices import fit, notice_document

    today = today or date.today()
    period = expect_period(period)
    if period is None:
        raise TypeError("write_notices needs the Period the notices are about")
    if kind not in REMINDER_KINDS:
        raise UsageError(f"通知种类“{kind}”无法识别，请写 催报 或 督办。")
    way = (way or "").strip()
    if record and not way:
        raise UsageError("请写明通知的发送方式，如 政务邮箱、电话、书面。")
    with db.reading() as session:
        notices = notices_for(session, period, kind=kind, today=today, reply_days=reply_days, plan=plan)
    result = NoticesResult(kind=kind, period=period, outdir=Path(outdir), dated=today,
                           reply_by=today + timedelta(days=reply_days), way=way)
    if not notices:
        return result
    outdir = _folder(outdir)
    for dep_id, notice in notices:
        out = outdir / notice.file_name(period.code)
        _save(notice_document(notice), out)
        result.notices.append(WrittenNotice(department_id=dep_id, unit=notice.unit, path=out, items=len(notice.items),
                                            shown=fit(notice).shown, periods=max(1, len(notice.owed_periods))))
    if pdf:
        _pdfs(result)
    if record:
        result.recorded, result.changes = _record(db, result, note)
    return result


def _pdfs(result: NoticesResult) -> None:
    from ..word.topdf import PdfUnavailable, find_office, to_pdf

    if find_office() is None:
        from ..word.topdf import NO_CONVERTER

        result.pdf_problem = NO_CONVERTER
        return
    for written in result.notices:
        try:
            written.pdf = to_pdf(written.path)
        except PdfUnavailable as exc:
            result.pdf_problem = str(exc)
            return


def _record(db: Database, result: NoticesResult, note: str) -> tuple[int, Changes]:
    from .changes import unit_of_work

    actor = Actor.by_hand(note=f"{result.period.label}{result.kind}通知")
    with unit_of_work(db) as uow:
        for written in result.notices:
            record_reminder(uow.session, actor, written.department_id, result.period, result.kind, result.dated,
                            result.way, note)
    return len(result.notices), uow.changes


# -- the 下发通知 -----------------------------------------------------------------------------------

def dispatch_file_name(period: Period) -> str:
    """关于报送2023年第二季度进展情况的通知.docx"""
    return f"关于报送{period.label}进展情况的通知.docx"


def write_dispatch(db: Database, outdir: Path, period: Period, units: list[tuple[str, str, int]], *,
                   today: date | None = None, plan: PlanArg = None) -> Path:
    """The 下发通知 that goes out with the templates of ``period``: ``units`` are (unit, its
    template's file name, its pieces of work), in the order the templates were written."""
    from ..word.dispatch import DispatchNotice, DispatchUnit, dispatch_document

    today = today or date.today()
    with db.reading() as session:
        ctx_plan = PlanRef.of(resolve_plan(session, plan))
        notice = DispatchNotice(
            period_label=period.label, plan_title=ctx_plan.title, doc_no=ctx_plan.doc_no,
            due=report_day(period, report_allowance(session)), office=office_name(session),
            contact=get_setting(session, CONTACT).strip(), phone=get_setting(session, PHONE).strip(), dated=today,
            units=[DispatchUnit(name, file_name, count) for name, file_name, count in units])
    out = Path(outdir) / dispatch_file_name(period)
    _save(dispatch_document(notice), out)
    return out
