"""The 督查通报 and the 专报 of a period (docs/documents.md#bulletin): every number and list they
print, as plain data, and the use case that writes one as a Word document and remembers its 第N期.

Every number comes from the queries behind ``status --json`` and ``changes --json`` of the same
period, read in the same session: :func:`queries.status_summary` and :func:`queries.missing_units`
over the period's rows as of the period (docs/periods.md#as-of), :func:`period_changes.compare`
for the 环比 and the shares against the 序时进度, :func:`scores.unit_scores` for what each unit
leads. What those do not give (how many units sent their return by the reporting day, which units
had red work in two periods running) is counted here from the same rows, as docs/documents.md says.

The 第N期 is numbered within the year of the day the document is dated: the last number used is
the setting ``bulletin_issue_{year}`` (the 专报: ``bulletin_issue_{year}_special``), changed through
``settings.set_setting`` when the file is written, and so logged like any setting, with the period
in the log's note: a second run for the same period without a number gets the next one and says
which number that period had.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..collector import collector_paused
from ..domain import lights
from ..domain.asof import report_day
from ..domain.changes import Changes
from ..domain.periods import Period, latest_ended
from ..domain.planclock import cn_date
from ..domain.rules import CLOSURE_CONFIRMED, COLLECTIVE, category_sort_key
from ..domain.statuses import BEHIND, DONE
from ..errors import UsageError
from ..models import ChangeLog, ProgressEntry
from .period_changes import ChangeItem, PeriodChanges, compare, shorten
from .queries import (
    AssignmentRow,
    Context,
    PlanArg,
    assignment_rows,
    expect_period,
    missing_units,
    status_summary,
)

if TYPE_CHECKING:
    from ..db import Database

KINDS = ("通报", "专报")
SETTINGS_ENTITY = "settings"  # the change log's entity for a setting (services.settings.set_setting)


# -- the data --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BulletinItem:
    """One 具体工作 named in a list: its task, unit and measure, the 完成时限 as printed, and for a
    collective's line (各乡镇（街道）) the members concerned (those overdue, or 滞后)."""

    id: int
    task_no: int
    department: str
    measure: str
    deadline: str
    status: str
    note: str = ""  # 已逾期62天, or the unit's 存在问题
    members: tuple[str, ...] = ()
    problems: str = ""


@dataclass(frozen=True)
class ChangeGroup:
    """A line of a 环比 list in the body: one 具体工作, or a collective's work with the members'
    shares that moved together (``count``: how many of the list's items the line stands for)."""

    task_no: int
    department: str
    measure: str
    count: int
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitLine:
    name: str
    count: int = 0  # what the list counts for the unit (red items, done of led …)
    words: str = ""  # 连续3期未报送（…至…）
    of: int = 0  # the total the count is of (assignments led)
    owed: int = 0
    contact: str = ""
    phone: str = ""


@dataclass
class BulletinData:
    """Everything a 督查通报 or 专报 prints, as plain values (no database, no session)."""

    kind: str
    issue: int
    year: int
    issued_on: date
    period_code: str  # for file names and JSON only
    period_label: str  # 2026年第三季度
    seen_on: date  # the day the lights are computed on
    open_period: bool  # seen from today (the latest ended period), else from its reporting day
    since_label: str
    office: str
    masthead: str
    contact: str
    phone: str
    copy_to: str
    next_steps: list[str]
    plan_no: str
    plan_title: str
    plan_start: date
    plan_horizon: date
    tasks: int
    assignments: int
    by_status: dict[str, int]
    by_light: dict[str, int]
    closed: int  # 已完成 and 已销号
    pending_closure: int
    overdue: int
    due_soon: int
    completed_share: float
    time_share: float
    due_by_period: int
    due_done: int
    report_day: date
    owed_units: int
    sent_units: int
    on_time_units: int
    missing: list[UnitLine]
    streaks: list[UnitLine]
    min_streak: int
    red_streak: list[UnitLine]
    ahead: list[UnitLine]
    overdue_items: list[BulletinItem]
    behind_items: list[BulletinItem]
    newly_completed: list[ChangeGroup]
    newly_closed: list[ChangeGroup]
    newly_overdue: list[ChangeGroup]
    changes_counts: dict[str, int]
    light_moves: dict[str, int]  # "绿→黄": how many, in the 环比's light_changes
    warn_days: int = 30

    @property
    def done(self) -> int:
        return self.by_status.get(DONE, 0)

    @property
    def late_units(self) -> int:
        return self.sent_units - self.on_time_units

    @property
    def title(self) -> str:
        return f"关于《{self.plan_title}》重点任务{self.period_label}落实情况的{self.kind}"

    @property
    def as_of_words(self) -> str:
        """截至2026年12月1日 (an open period) or 截至报送截止日2026年4月5日 (a closed one)."""
        return f"截至{cn_date(self.seen_on)}" if self.open_period else f"截至报送截止日{cn_date(self.seen_on)}"

    def numbers(self) -> dict:
        """The numbers printed, under the names ``status --json`` and ``changes --json`` use."""
        return {
            "period": self.period_code, "tasks": self.tasks, "assignments": self.assignments,
            "by_status": dict(self.by_status), "by_light": dict(self.by_light), "overdue": self.overdue,
            "due_soon": self.due_soon, "pending_closure": self.pending_closure, "closed": self.closed,
            "missing_returns": [m.name for m in self.missing],
            "completed_share": self.completed_share, "time_share": self.time_share,
            "due_by_period": self.due_by_period, "due_done": self.due_done,
            **self.changes_counts,
            "light_moves": dict(self.light_moves),
            "not_reported_streak": [{"department": u.name, "periods": u.count} for u in self.streaks],
            "units": {"owed": self.owed_units, "sent": self.sent_units, "on_time": self.on_time_units,
                      "late": self.late_units, "report_day": self.report_day.isoformat()},
            "red_two_periods": [{"department": u.name, "red": u.count} for u in self.red_streak],
            "ahead_of_time_share": [u.name for u in self.ahead],
        }


# -- reading it -----------------------------------------------------------------------------------

def bulletin_data(session: Session, period: Period, *, today: date, kind: str = "通报", issue: int | None = None,
                  plan: PlanArg = None) -> BulletinData:
    """The 督查通报 (or 专报) of ``period`` seen on ``today``, numbered ``issue`` (the next number
    of today's year when None; nothing is remembered here, see :func:`write_bulletin`)."""
    from . import settings
    from .scores import unit_scores

    period = expect_period(period)
    if period is None:
        raise TypeError("bulletin_data needs the Period the bulletin is about")
    _check_kind(kind)
    ctx = Context.load(session, today, period, plan)
    rows = assignment_rows(session, ctx)
    summary = status_summary(session, ctx, rows)
    then_rows: list[AssignmentRow] = []  # the period compared with, as of it: read once for both uses
    changes = compare(session, period, today=today, plan=plan, loaded=(ctx, rows), then_rows=then_rows)
    top = [r for r in rows if r.parent_id is None]
    shares: dict[int, list[AssignmentRow]] = defaultdict(list)
    for r in rows:
        if r.parent_id is not None:
            shares[r.parent_id].append(r)
    by_id = {r.id: r for r in rows}

    overdue_items = [_named(r, shares, lambda s: lights.is_overdue(s.status, s.due, ctx.today),
                            f"已逾期{(ctx.today - r.due).days}天" if r.due else "")
                     for r in top if lights.is_overdue(r.status, r.due, ctx.today)]
    behind_items = [_named(r, shares, lambda s: s.status == BEHIND, shorten(r.latest_problems, 60))
                    for r in top if r.status == BEHIND]

    missing = missing_units(session, ctx, rows)
    streak_of = {u.department: u for u in changes.not_reported_streak}
    missing_lines = [UnitLine(m.name, owed=m.owed, contact=m.contact or "", phone=m.phone or "",
                              words=streak_of[m.name].words(period) if m.name in streak_of else "")
                     for m in missing]
    owed, sent, on_time, due_day = _reporting(session, ctx, rows, settings.report_allowance(session))

    scores = unit_scores(session, ctx, rows=rows)
    ahead = [UnitLine(s.department, count=s.done, of=s.lead) for s in scores
             if s.lead and not s.overdue and not s.behind and s.done / s.lead >= changes.time_share]
    ahead.sort(key=lambda u: (-u.count / u.of, -u.count, u.name))

    year = today.year
    number = issue if issue is not None else settings.last_bulletin_issue(session, year, kind) + 1
    return BulletinData(
        kind=kind, issue=number, year=year, issued_on=today, period_code=period.code, period_label=period.label,
        seen_on=ctx.today, open_period=ctx.as_of is None or ctx.as_of.open, since_label=changes.since.label,
        office=settings.office_name(session),
        masthead=settings.get_setting(session, settings.MASTHEAD).strip() or settings.DEFAULTS[settings.MASTHEAD],
        contact=settings.get_setting(session, settings.CONTACT).strip(),
        phone=settings.get_setting(session, settings.PHONE).strip(),
        copy_to=settings.get_setting(session, settings.COPY_TO).strip(),
        next_steps=settings.next_steps(session),
        plan_no=ctx.plan.doc_no, plan_title=ctx.plan.title,
        plan_start=settings.plan_start(session, plan=plan), plan_horizon=settings.plan_horizon(session),
        tasks=summary.tasks, assignments=summary.assignments, by_status=dict(summary.by_status),
        by_light=dict(summary.by_light),
        closed=sum(r.status == DONE and r.closure == CLOSURE_CONFIRMED for r in top),
        pending_closure=summary.pending_closure, overdue=summary.overdue, due_soon=summary.due_soon,
        completed_share=changes.completed_share, time_share=changes.time_share,
        due_by_period=changes.due_by_period, due_done=changes.due_done,
        report_day=due_day, owed_units=owed, sent_units=sent, on_time_units=on_time,
        missing=missing_lines,
        streaks=[UnitLine(u.department, count=u.periods, words=u.words(period), owed=u.owed)
                 for u in changes.not_reported_streak],
        min_streak=changes.min_streak,
        red_streak=_red_two_periods(rows, then_rows),
        ahead=ahead, overdue_items=overdue_items, behind_items=behind_items,
        newly_completed=_groups(changes.newly_completed, by_id),
        newly_closed=_groups(changes.newly_closed, by_id),
        newly_overdue=_groups(changes.newly_overdue, by_id),
        changes_counts=_counts(changes),
        light_moves=dict(Counter(f"{i.before}→{i.after}" for i in changes.light_changes)),
        warn_days=ctx.warn_days,
    )


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise UsageError(f"文种“{kind}”不对：请选择 通报 或 专报。")


def _named(r: AssignmentRow, shares: dict[int, list[AssignmentRow]], concerned, note: str) -> BulletinItem:
    members = tuple(s.department for s in shares.get(r.id, []) if concerned(s))
    return BulletinItem(id=r.id, task_no=r.task_no, department=r.department, measure=r.measure,
                        deadline=r.deadline_text, status=r.status, note=note, members=members,
                        problems=shorten(r.latest_problems, 60))


def _counts(changes: PeriodChanges) -> dict[str, int]:
    return {key: len(items) for key, _heading, items in changes.sections()} | {
        "not_reported_streak_units": len(changes.not_reported_streak)}


def _groups(items: list[ChangeItem], by_id: dict[int, AssignmentRow]) -> list[ChangeGroup]:
    """Members' shares listed under their collective's line, in the list's order."""
    order: list[int] = []
    members: dict[int, list[str]] = defaultdict(list)
    counts: Counter[int] = Counter()
    for i in items:
        key = i.parent_id if i.parent_id is not None else i.id
        if key not in counts:
            order.append(key)
        counts[key] += 1
        if i.parent_id is not None:
            members[key].append(i.department)
    out = []
    for key in order:
        r = by_id.get(key)
        if r is None:  # not expected: the list's rows are the period's rows
            continue
        out.append(ChangeGroup(task_no=r.task_no, department=r.department, measure=r.measure, count=counts[key],
                               members=tuple(members[key])))
    return out


def _reporting(session: Session, ctx: Context, rows: list[AssignmentRow], allowance: int
               ) -> tuple[int, int, int, date]:
    """Units that owed a return for the period, those that sent one (the rule of
    ``queries.missing_units``), and of those the ones whose return is dated (填报日期, else the
    day it was imported) by the reporting day; and that day."""
    from .scores import live_entries

    due_day = report_day(ctx.period, allowance)
    owed = {r.department_id for r in rows if r.owes}
    reported = {r.department_id for r in rows if r.reported}
    sent = owed & reported
    unit_of = {r.id: r.department_id for r in rows}
    first: dict[int, date] = {}
    for aid, reported_on, created_at in session.execute(
            live_entries(ctx, ProgressEntry.assignment_id, ProgressEntry.reported_on, ProgressEntry.created_at)
            .where(ProgressEntry.period == ctx.period.code)):  # this document's returns only
        unit = unit_of.get(aid)
        if unit is None:
            continue
        day = reported_on or (created_at.date() if isinstance(created_at, datetime) else created_at)
        if day is not None and (unit not in first or day < first[unit]):
            first[unit] = day
    on_time = sum(1 for u in sent if u in first and first[u] <= due_day)
    return len(owed), len(sent), on_time, due_day


def _red_two_periods(rows: list[AssignmentRow], then_rows: list[AssignmentRow]) -> list[UnitLine]:
    """Units (not collectives) with work red as of the period (``rows``) and as of the period
    compared with (``then_rows``)."""
    red_then = {r.department for r in then_rows if r.light == lights.RED and r.category != COLLECTIVE}
    now: Counter[str] = Counter()
    category: dict[str, str] = {}
    for r in rows:
        if r.light == lights.RED and r.category != COLLECTIVE and r.department in red_then:
            now[r.department] += 1
            category[r.department] = r.category
    return [UnitLine(name, count=n) for name, n in
            sorted(now.items(), key=lambda kv: (-kv[1], category_sort_key(category[kv[0]], kv[0])))]


# -- the 第N期 --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IssueInfo:
    """The numbers of today's year: the last used, the next, and the one this period already had."""

    year: int
    last: int
    next: int
    earlier: int | None  # the number this period's document of this kind was given before this year


def issue_note(period: Period, kind: str) -> str:
    """The change log's note on the setting, which names the period the number went to."""
    return f"{period.label}督查{kind}"


def issue_info(session: Session, period: Period, today: date, kind: str = "通报") -> IssueInfo:
    from .settings import bulletin_issue_key, last_bulletin_issue

    _check_kind(kind)
    year = today.year
    last = last_bulletin_issue(session, year, kind)
    earlier = session.scalars(
        select(ChangeLog.new).where(ChangeLog.entity == SETTINGS_ENTITY, ChangeLog.field == bulletin_issue_key(year, kind),
                                    ChangeLog.note == issue_note(period, kind))
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc()).limit(1)).first()
    try:
        number = int(earlier) if earlier is not None else None
    except ValueError:
        number = None
    return IssueInfo(year=year, last=last, next=last + 1, earlier=number)


# -- writing it -----------------------------------------------------------------------------------

@dataclass
class BulletinResult:
    out: Path
    kind: str
    issue: int
    year: int
    period_label: str
    given: bool  # the number was given (--issue, the dialog's field)
    earlier: int | None  # the number this period had before, when it had one
    data: BulletinData
    changes: Changes | None = None

    @property
    def renumbered(self) -> bool:
        """A second document for the period, given the next number rather than its old one."""
        return not self.given and self.earlier is not None and self.earlier != self.issue

    @property
    def name(self) -> str:
        return f"{self.period_label}督查{self.kind}（{self.year}年第{self.issue}期）"

    def lines(self) -> list[str]:
        lines = [f"已生成{self.name}：{self.out}"]
        if self.renumbered:
            lines.append(f"{self.period_label}的督查{self.kind}此前已编为{self.year}年第{self.earlier}期，"
                         f"这次按下一期编为第{self.issue}期。")
        return lines

    def to_json(self) -> dict:
        return {"file": str(self.out), "kind": self.kind, "issue": self.issue, "year": self.year,
                "period": self.data.period_code, "earlier_issue": self.earlier, "renumbered": self.renumbered,
                "numbers": self.data.numbers()}


def default_period(db: Database, today: date) -> Period:
    """The latest period of the office's cycle that has ended: what a bulletin is about by default."""
    from .settings import reporting_cycle

    with db.reading() as session:
        return latest_ended(today, reporting_cycle(session))


@collector_paused()
def write_bulletin(db: Database, out: str | Path, period: Period | None, *, today: date | None = None,
                   kind: str = "通报", issue: int | None = None, plan: PlanArg = None) -> BulletinResult:
    """Writes the 督查通报 (or 专报) of ``period`` (the latest ended one when None) to ``out`` (a
    .docx) and remembers its 第N期: ``issue``, else the last number of today's year + 1. The file
    and the number go together: a file that cannot be written leaves the number unused."""
    from ..word.bulletin import write_docx
    from .audit import Actor
    from .changes import unit_of_work
    from .settings import bulletin_issue_key, set_setting

    _check_kind(kind)
    today = today or date.today()
    period = expect_period(period) or default_period(db, today)
    if issue is not None and not 1 <= issue <= 9999:
        raise UsageError(f"期号应为1到9999之间的整数，“{issue}”不对。")
    target = Path(out)
    if target.suffix.lower() != ".docx":
        raise UsageError(f"督查{kind}保存为 .docx 文件，文件名应以 .docx 结尾。")
    with unit_of_work(db) as uow:
        session = uow.session
        info = issue_info(session, period, today, kind)
        number = issue if issue is not None else info.next
        data = bulletin_data(session, period, today=today, kind=kind, issue=number, plan=plan)
        _write_file(lambda staging: write_docx(data, staging), target)
        if number > info.last:
            set_setting(session, bulletin_issue_key(info.year, kind), str(number),
                        Actor.by_hand(issue_note(period, kind)))
    # The 第N期 shows in no view: nothing to refresh, where the recorder's "a setting changed"
    # would have every view reload its lights.
    return BulletinResult(out=target, kind=kind, issue=number, year=info.year, period_label=period.label,
                          given=issue is not None, earlier=info.earlier, data=data, changes=Changes())


def bulletin_draft(db: Database, period: Period, *, today: date, kind: str = "通报", plan: PlanArg = None
                   ) -> tuple[IssueInfo, BulletinData]:
    """What the 通报 dialog shows before saving: the numbers of the year and the document as it
    would be written now, with the next number (read in one session; nothing is written)."""
    with db.reading() as session:
        info = issue_info(session, period, today, kind)
        return info, bulletin_data(session, period, today=today, kind=kind, issue=info.next, plan=plan)


def _write_file(write, out: Path) -> None:
    """Writes through a file beside ``out`` and then replaces it, so that a failure halfway never
    leaves half a document under the clerk's name."""
    if not out.parent.is_dir():
        raise UsageError(f"文件夹“{out.parent}”不存在。请先建好文件夹，或换一个位置。")
    staging: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".docx", dir=out.parent)
        os.close(fd)
        staging = Path(name)
        write(staging)
        os.replace(staging, out)
    except PermissionError as exc:
        raise UsageError(f"无法写入“{out}”：文件可能正被 Word 或 WPS 打开，或没有写入权限。"
                         "请关闭该文件后再试，或换一个文件名。") from exc
    finally:
        if staging is not None:
            staging.unlink(missing_ok=True)
