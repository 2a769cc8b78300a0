"""What changed since the last period (环比, docs/periods.md#changes): period P compared with the
period before it, or with any earlier period Q.

Both sides are the state as of their period (docs/periods.md#as-of), read with
:func:`queries.assignment_rows`; an assignment has *changed* when it was newly completed, newly
销号, newly 滞后, newly overdue, or its light changed. Every assignment counts, a member's share of
a collective's work as well as the collective's own row; the shares against the 序时进度 count the
top-level rows only, as 总览 does. A :class:`PeriodChanges` carries each row's task, unit and
measure, so the ledger's 环比 sheet, the command line and 总览 show it without another query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain import lights
from ..domain.deadlines import DeadlineKind
from ..domain.periods import Period, parse_period
from ..domain.planclock import cn_date, elapsed_share
from ..domain.rules import CLOSURE_CONFIRMED, category_sort_key
from ..domain.statuses import BEHIND, DONE
from ..domain.text import fold
from ..errors import UsageError
from ..models import Assignment, ProgressEntry, Task
from .asof import is_current_state
from .queries import (
    AssignmentRow,
    Context,
    PlanArg,
    PlanRef,
    assignment_rows,
    expect_period,
    missing_units,
)
from .settings import plan_horizon, plan_start

if TYPE_CHECKING:  # the sheet's module loads openpyxl, which 总览's 与上期相比 does not need
    from ..excel.changes_sheet import ChangesSheet

DEFAULT_MIN_STREAK = 2  # one missed period is 未报送; two in a row is a pattern worth 通报
MEASURE_WORDS = 30  # a measure is shortened to this many characters in a printed line


def shorten(text: str | None, limit: int = MEASURE_WORDS) -> str:
    """A long text cut for a one-line list (whitespace runs folded to one space)."""
    words = " ".join((text or "").split())
    return words if len(words) <= limit else words[:limit - 1] + "…"


@dataclass(frozen=True)
class ChangeItem:
    """One assignment in one list, with what a clerk's line needs: ``before`` → ``after`` (a
    status, a light, a 销号 state, a due date …) and ``note`` (the new light's reasons, the
    progress text …)."""

    id: int
    task_no: int
    department: str
    measure: str
    before: str
    after: str
    note: str = ""
    parent_id: int | None = None  # a member's share of a collective's work: the collective's row

    @property
    def label(self) -> str:
        """任务18 区发展改革委：具体工作（缩短）"""
        return f"任务{self.task_no} {self.department}：{shorten(self.measure)}"

    @property
    def change(self) -> str:
        return f"{self.before}→{self.after}" if self.before or self.after else ""


@dataclass(frozen=True)
class StreakUnit:
    """A unit that owed a return for P and sent none, ``periods`` periods in a row (P, P-1, …)."""

    department_id: int
    department: str
    category: str
    periods: int
    first: Period  # the earliest period of the streak
    owed: int  # assignments it should have reported on for P
    contact: str = ""
    phone: str = ""

    def words(self, last: Period) -> str:
        """连续3期未报送（2023年第一季度至2023年第三季度）"""
        span = last.label if self.first == last else f"{self.first.label}至{last.label}"
        return f"连续{self.periods}期未报送（{span}）"


@dataclass
class PeriodChanges:
    period: Period
    since: Period
    plan: PlanRef
    period_day: date  # the day P's lights are computed on (its reporting day, or today while open)
    since_day: date
    newly_completed: list[ChangeItem] = field(default_factory=list)
    newly_closed: list[ChangeItem] = field(default_factory=list)
    newly_behind: list[ChangeItem] = field(default_factory=list)
    newly_overdue: list[ChangeItem] = field(default_factory=list)
    light_changes: list[ChangeItem] = field(default_factory=list)
    not_reported_streak: list[StreakUnit] = field(default_factory=list)
    unchanged_text: list[ChangeItem] = field(default_factory=list)
    min_streak: int = DEFAULT_MIN_STREAK
    assignments: int = 0  # top-level rows
    completed: int = 0  # of those, 已完成 as of P
    completed_share: float = 0.0
    time_share: float = 0.0  # the plan's 序时进度 at P's end
    due_by_period: int = 0  # top-level rows with a dated due on or before P's end
    due_done: int = 0  # of those, 已完成 as of P
    window_share: float | None = None  # mean elapsed share of each dated row's own window (None: no dated row)

    # -- what the lists add up to ---------------------------------------------------------------
    def changed_ids(self) -> set[int]:
        """Every assignment that changed (unchanged texts are not a change)."""
        return {i.id for items in (self.newly_completed, self.newly_closed, self.newly_behind, self.newly_overdue,
                                   self.light_changes) for i in items}

    def sections(self) -> list[tuple[str, str, list[ChangeItem]]]:
        """The assignment lists in the order a sheet or a panel shows them: (key, heading, items)."""
        return [("newly_completed", "新完成", self.newly_completed), ("newly_closed", "新销号", self.newly_closed),
                ("newly_behind", "新滞后", self.newly_behind), ("newly_overdue", "新逾期", self.newly_overdue),
                ("light_changes", "预警变化", self.light_changes),
                ("unchanged_text", "进展与上期相同", self.unchanged_text)]

    @property
    def title(self) -> str:
        return f"{self.period.label}与{self.since.label}相比"

    @property
    def days_words(self) -> str:
        return f"本期按{cn_date(self.period_day)}、上期按{cn_date(self.since_day)}的情况比较"

    def headline(self) -> str:
        """2023年第二季度与2023年第一季度相比：新完成3项，新销号1项，……"""
        # Counted as the plan's totals are: the plan's own rows, a collective's line once; the
        # members' shares of a collective's work that changed are counted after them.
        counts, shares = [], []
        for _key, heading, items in self.sections():
            own = sum(i.parent_id is None for i in items)
            counts.append(f"{heading}{own}项")
            if len(items) > own:
                shares.append(f"{heading}{len(items) - own}项")
        counts.insert(5, f"连续{self.min_streak}期及以上未报送的单位{len(self.not_reported_streak)}个")
        text = f"{self.title}：" + "，".join(counts) + "。"
        if shares:
            text += "各乡镇（街道）等集合的成员单位分项另有：" + "，".join(shares) + "。"
        return text

    def shares_lines(self) -> list[str]:
        """The cumulative share completed against the 序时进度, for the plan and for each row's own window."""
        lines = [f"截至{self.period.label}累计完成{self.completed}项（共{self.assignments}项），完成率{_pct(self.completed_share)}；"
                 f"序时进度{_pct(self.time_share)}。"]
        if self.window_share is None:
            lines.append("按各项分工自身时限：没有写明具体日期的完成时限。")
        else:
            lines.append(f"按各项分工自身时限：{self.period.label}末前到期{self.due_by_period}项，已完成{self.due_done}项；"
                         f"各项分工时限进度平均{_pct(self.window_share)}。")
        return lines

    def to_json(self) -> dict:
        return {
            "period": self.period.code,
            "since": self.since.code,
            "newly_completed": [i.id for i in self.newly_completed],
            "newly_overdue": [i.id for i in self.newly_overdue],
            "newly_behind": [i.id for i in self.newly_behind],
            "light_changes": [{"id": i.id, "from": i.before, "to": i.after} for i in self.light_changes],
            "not_reported_streak": [{"department": u.department, "periods": u.periods} for u in self.not_reported_streak],
            "unchanged_text": [i.id for i in self.unchanged_text],
            "completed_share": self.completed_share,
            "time_share": self.time_share,
            "newly_closed": [i.id for i in self.newly_closed],
            "due_by_period": self.due_by_period,
            "due_done": self.due_done,
            "window_share": self.window_share,
            "as_of": {"period": self.period_day.isoformat(), "since": self.since_day.isoformat()},
        }


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _item(r: AssignmentRow, before: str, after: str, note: str = "") -> ChangeItem:
    return ChangeItem(id=r.id, task_no=r.task_no, department=r.department, measure=r.measure, before=before,
                      after=after, note=note, parent_id=r.parent_id)


def _own_return(r: AssignmentRow, period: Period) -> str | None:
    """The 进展 text of the row's own return for ``period`` (None: it has none; a collective's row
    has only its members')."""
    if r.shares or not r.reported or r.latest_period != period.code:
        return None
    return r.latest_progress or ""


def compare(session: Session, period: Period, since: Period | None = None, *, today: date,
            plan: PlanArg = None, min_streak: int = DEFAULT_MIN_STREAK,
            loaded: tuple[Context, list[AssignmentRow]] | None = None,
            then_rows: list[AssignmentRow] | None = None) -> PeriodChanges:
    """Period ``period`` compared with ``since`` (the period before it by default), each as of
    itself, seen on ``today`` (docs/periods.md#changes). Units are listed under
    ``not_reported_streak`` when they missed ``min_streak`` or more periods in a row.

    ``loaded``: a context and its unfiltered rows the caller already has (the ledger's); used
    when they are the period's own state as of it, else the period is loaded again.
    ``then_rows``: a list to which the rows of ``since`` (as of it) are added, for a caller that
    needs them too (the 通报's units red in both periods)."""
    period = expect_period(period)
    if period is None:
        raise TypeError("compare needs the Period to compare")
    since = expect_period(since) or period.previous()
    if since.sort_key >= period.sort_key:
        raise UsageError(f"用来比较的上一期（{since.label}）应早于本期（{period.label}），请重新选择。")
    start = plan_start(session, plan=plan)
    if period.end < start:
        raise UsageError(f"{period.label}在文件成文日期（{cn_date(start)}）之前，还没有可比较的进展。")
    now_ctx = Context.load(session, today, period, plan)
    if loaded is not None and _same_state(session, loaded[0], now_ctx):
        now_rows = loaded[1]
    else:
        now_rows = assignment_rows(session, now_ctx)
    then_ctx = Context.load(session, today, since, plan)
    then_loaded = assignment_rows(session, then_ctx)
    if then_rows is not None:
        then_rows.extend(then_loaded)
    then = {r.id: r for r in then_loaded}
    out = PeriodChanges(period=period, since=since, plan=now_ctx.plan, period_day=now_ctx.today,
                        since_day=then_ctx.today, min_streak=min_streak)
    for r in now_rows:
        q = then.get(r.id)
        if q is None:  # an assignment the other read did not see
            continue
        if r.status == DONE and q.status != DONE:
            out.newly_completed.append(_item(r, q.status, r.status, shorten(r.latest_progress, 60)))
        if r.closure == CLOSURE_CONFIRMED and q.closure != CLOSURE_CONFIRMED:
            out.newly_closed.append(_item(r, q.closure or q.status, CLOSURE_CONFIRMED))
        if r.status == BEHIND and q.status != BEHIND:
            out.newly_behind.append(_item(r, q.status, r.status, shorten(r.latest_problems, 60)))
        if (lights.is_overdue(r.status, r.due, now_ctx.today)
                and not lights.is_overdue(q.status, q.due, then_ctx.today)):
            assert r.due is not None
            out.newly_overdue.append(_item(r, "未逾期", f"已逾期{(now_ctx.today - r.due).days}天",
                                           f"完成时限：{r.deadline_text}"))
        if r.light != q.light:
            out.light_changes.append(_item(r, q.light, r.light, "；".join(r.reasons) or "已恢复正常"))
        now_text, then_text = _own_return(r, period), _own_return(q, since)
        if now_text and then_text and fold(now_text) == fold(then_text):
            out.unchanged_text.append(_item(r, "", "", shorten(now_text, 60)))
    _shares(session, out, now_rows, plan)
    out.not_reported_streak = _streaks(session, now_ctx, now_rows, start, min_streak)
    return out


def _same_state(session: Session, ctx: Context, wanted: Context) -> bool:
    """Whether rows loaded for ``ctx`` are those of ``wanted`` (a period as of itself): the same
    as-of, or the newest state while that is the state of the open period (docs/periods.md#as-of)."""
    assert wanted.as_of is not None
    if (ctx.period, ctx.plan.id, ctx.today, ctx.warn_days, ctx.horizon) != (
            wanted.period, wanted.plan.id, wanted.today, wanted.warn_days, wanted.horizon):
        return False
    if ctx.as_of is not None:
        return ctx.as_of == wanted.as_of
    return wanted.as_of.open and is_current_state(session, wanted.plan.id, wanted.as_of)


def _shares(session: Session, out: PeriodChanges, rows: list[AssignmentRow], plan: PlanArg) -> None:
    top = [r for r in rows if r.parent_id is None]
    start, end = plan_start(session, plan=plan), out.period.end
    out.assignments = len(top)
    out.completed = sum(r.status == DONE for r in top)
    out.completed_share = round(out.completed / len(top), 4) if top else 0.0
    out.time_share = round(elapsed_share(start, plan_horizon(session), end), 4)
    # A row's own window needs one date: a 完成时限 that names it, or an approved extension.
    dated = [r for r in top if r.due is not None and (r.deadline_kind == DeadlineKind.DATE or r.extended_to)]
    due = [r for r in dated if r.due <= end]
    out.due_by_period = len(due)
    out.due_done = sum(r.status == DONE for r in due)
    if dated:
        out.window_share = round(sum(elapsed_share(start, r.due, end) for r in dated) / len(dated), 4)


def _streaks(session: Session, ctx: Context, rows: list[AssignmentRow], start: date, min_streak: int
             ) -> list[StreakUnit]:
    """The units missing for ``ctx.period``, with how many periods in a row they owed a return and
    sent none: counted back from the period to the last one a unit sent a return for, and no
    further back than the plan's 成文日期.

    A unit missing for P owes it for work not done as of P, and work is done only by a return
    (which it did not send for these periods) or by hand: so it owed each earlier period too,
    and the periods it sent returns for are enough. Only work done by hand and sent back
    since would have owed nothing then."""
    missing = missing_units(session, ctx, rows)
    ids = [m.department_id for m in missing]
    # The periods of the cycle each missing unit last sent a return for (one query for them all).
    last_sent: dict[int, Period] = {}
    if ids:
        sent = session.execute(
            select(Assignment.department_id, ProgressEntry.period).distinct()
            .join(Assignment, Assignment.id == ProgressEntry.assignment_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.plan_id == ctx.plan.id, ProgressEntry.superseded.is_(False),
                   Assignment.department_id.in_(ids)))
        for dep_id, code in sent:
            period = parse_period(code)
            if period is None or period.kind != ctx.period.kind or period.sort_key >= ctx.period.sort_key:
                continue
            if dep_id not in last_sent or period.sort_key > last_sent[dep_id].sort_key:
                last_sent[dep_id] = period
    counts: dict[int, int] = {}
    first: dict[int, Period] = {}
    for dep_id in ids:
        count, earliest, earlier = 1, ctx.period, ctx.period.previous()
        while earlier.end >= start and earlier != last_sent.get(dep_id):
            count, earliest, earlier = count + 1, earlier, earlier.previous()
        counts[dep_id], first[dep_id] = count, earliest
    units = [StreakUnit(department_id=m.department_id, department=m.name, category=m.category,
                        periods=counts[m.department_id], first=first[m.department_id], owed=m.owed,
                        contact=m.contact or "", phone=m.phone or "")
             for m in missing if counts[m.department_id] >= min_streak]
    return sorted(units, key=lambda u: (-u.periods, category_sort_key(u.category, u.department)))


def changes_for(db: Database, period: Period, since: Period | None = None, *, today: date | None = None,
                plan: PlanArg = None, min_streak: int = DEFAULT_MIN_STREAK) -> PeriodChanges:
    """:func:`compare`, read in one session (today: the real one unless given)."""
    with db.reading() as session:
        return compare(session, period, since, today=today or date.today(), plan=plan, min_streak=min_streak)


# -- the ledger's 环比 sheet --------------------------------------------------------------------------

def changes_sheet(changes: PeriodChanges) -> ChangesSheet:
    """The 环比 sheet of the ledger (docs/excel.md#ledger) as plain rows."""
    from ..excel.changes_sheet import ChangesSection, ChangesSheet

    last = changes.period
    item_headers = ["序号", "单位", "任务编号", "具体工作", "变化", "说明"]

    def rows(items: list[ChangeItem], change: bool = True) -> list[list[object]]:
        return [[n, i.department, i.task_no, i.measure, i.change if change else "与上期相同", i.note]
                for n, i in enumerate(items, start=1)]

    sections = [ChangesSection(heading=f"{heading}（{len(items)}项）", headers=item_headers,
                               rows=rows(items, key != "unchanged_text"))
                for key, heading, items in changes.sections()]
    streak = ChangesSection(
        heading=f"连续未报送（连续{changes.min_streak}期及以上，{len(changes.not_reported_streak)}个单位）",
        headers=["序号", "单位", "应报分工数", "未报送情况", "联系人", "联系电话"],
        rows=[[n, u.department, u.owed, u.words(last), u.contact, u.phone]
              for n, u in enumerate(changes.not_reported_streak, start=1)])
    sections.insert(5, streak)  # before 进展与上期相同, as the issue lists them
    return ChangesSheet(title=f"《{changes.plan.title}》重点任务推进情况环比", subtitle=f"{changes.title}（{changes.days_words}）",
                        lines=[changes.headline(), *changes.shares_lines()], sections=sections)


def ledger_changes(session: Session, period: Period, *, today: date, plan: PlanArg = None,
                   loaded: tuple[Context, list[AssignmentRow]] | None = None) -> ChangesSheet | None:
    """The 环比 sheet of the ledger of ``period`` seen on ``today`` (None for a period before the
    plan); ``loaded``: the ledger's own context and rows, reused when they are the period's state."""
    if period.end < plan_start(session, plan=plan):
        return None
    return changes_sheet(compare(session, period, today=today, plan=plan, loaded=loaded))
