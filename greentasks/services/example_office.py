"""The example office of ``init --example``, built relative to the day it is made.

Deadlines are written in resources/example/decomposition.json as months from "today" and a form
of words ("月底前", "季度", …), so the lights show a working office whatever the date: most work
on time, a handful overdue, some done and 销号, some waiting for 销号. The units' returns cover the
last four ended periods of the office's reporting cycle (none before the plan was issued, none
after today); the newest return of each assignment is its own text in returns.json, the earlier
ones are drawn from short texts by status, and every text names the months and quarters of its
own period. Every record is marked 示例; the same "today" always gives the same office.
"""

from __future__ import annotations

import calendar
import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from ..domain.periods import HALF, MONTH, QUARTER, Period, latest_ended
from ..domain.planclock import PLAN_HORIZON
from ..domain.rules import COLLECTIVE
from ..domain.statuses import BEHIND, DONE, IN_PROGRESS, NOT_STARTED, ONGOING
from ..models import Assignment, ChangeLog, ImportBatch, Indicator, IndicatorValue, Plan, ProgressEntry, Task
from ..models.assignment import ROLE_COOPERATE, ROLE_LEAD, STATUS_FROM_RETURN
from ..models.audit import BATCH_EXAMPLE
from ..resources import load_json
from .assignments import create_assignment, measure_key
from .audit import Actor, as_text
from .collectives import sync_shares
from .directory import DirectoryIndex
from .importing import BatchRecord, add_batch
from .progress import EntryData, confirm_completion, record_entries, set_status_by_hand
from .queries import PlanArg, resolve_plan
from .settings import HORIZON, plan_horizon, reporting_cycle, set_plan_horizon

EXAMPLE_MARK = "示例"
EXAMPLE_PERIODS = 4  # returns for this many ended periods
_CN = "一二三四"
_ONGOING_TEXTS = ("持续推进", "长期坚持")

# -- deadlines --------------------------------------------------------------------------------


def _month_shift(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + months
    return index // 12, index % 12 + 1


def deadline_text(spec: str | dict[str, Any], today: date, horizon: date = PLAN_HORIZON) -> str:
    """The 完成时限 an example measure has when the office is made on ``today``: a fixed text
    (持续推进, 每年12月底前) or ``{"months": n, "form": f}``, the end of the month n months from
    today written in form f (the end of that year, quarter or half year for those forms), but
    never after the plan's ``horizon``."""
    if isinstance(spec, str):
        return spec
    year, month = _month_shift(today, int(spec["months"]))
    form = spec["form"]
    if form in ("年底前", "年年底前", "年12月底前", "十四五"):
        month = 12
    if (year, month) > (horizon.year, horizon.month):
        year, month = horizon.year, horizon.month
    if form == "十四五":
        # Named so while 十四五 has half a year to run; later a clerk would write the year.
        if today + timedelta(days=183) <= PLAN_HORIZON:
            return "“十四五”期间"
        form = "年底前"
    forms = {
        "年底前": f"{year}年底前",
        "年年底前": f"{year}年年底前",
        "年12月底前": f"{year}年12月底前",
        "月底前": f"{year}年{month}月底前",
        "日": f"{year}年{month}月{calendar.monthrange(year, month)[1]}日",
        "季度": f"{year}年第{_CN[(month - 1) // 3]}季度",
        "半年": f"{year}年{'上' if month <= 6 else '下'}半年",
    }
    if form not in forms:
        raise ValueError(f"unknown deadline form {form!r}")
    return forms[form]


# -- periods and their words ----------------------------------------------------------------------


def example_periods(today: date, cycle: str, plan_start: date | None) -> list[Period]:
    """The last EXAMPLE_PERIODS ended periods, oldest first, without those that ended before the
    plan was issued (nobody reported on it then)."""
    period = latest_ended(today, cycle)
    out: list[Period] = []
    for _ in range(EXAMPLE_PERIODS):
        if plan_start is not None and period.end < plan_start:
            break
        out.append(period)
        period = period.previous()
    return out[::-1]


def period_words(period: Period) -> dict[str, str]:
    """What the placeholders of the example texts mean in ``period``'s return: {本期} this
    period, {累计} the months of the year so far, {下期} and {下期末} the next period and its end,
    {本季}/{下季} quarters, {年底前}/{年内} (of the next year once the period ends in December),
    {首月}/{末月} its months, {年}/{上年}/{下年} years."""
    y, kind, i = period.year, period.kind, period.index
    nxt = period.next()
    end_month = period.end.month
    year_over = end_month == 12  # written in January: "this year" is the next one
    quarter = (end_month - 1) // 3
    if kind == MONTH:
        this, so_far = "本月", ("全年" if i == 12 else "1月" if i == 1 else f"1—{i}月")
        following = f"{y + 1}年1月" if i == 12 else "下月"
    elif kind == QUARTER:
        this, so_far = "本季度", ("一季度", "上半年", "前三季度", "全年")[i - 1]
        following = f"{y + 1}年一季度" if i == 4 else "下季度"
    elif kind == HALF:
        this = so_far = "上半年" if i == 1 else "下半年"
        so_far = "上半年" if i == 1 else "全年"
        following = "下半年" if i == 1 else f"{y + 1}年上半年"
    else:
        this, so_far, following = f"{y}年", "全年", f"{y + 1}年"
    by_end = f"{nxt.end.month}月底前" if nxt.end.year == y else f"{nxt.end.year}年{nxt.end.month}月底前"
    return {
        "本期": this, "累计": so_far, "下期": following, "下期末": by_end,
        "本季": f"{_CN[quarter]}季度",
        "下季": f"{_CN[quarter + 1]}季度" if quarter < 3 else f"{y + 1}年一季度",
        "年底前": f"{y + 1}年底前" if year_over else "年底前",
        "年内": f"{y + 1}年内" if year_over else "年内",
        "首月": f"{period.start.month}月", "末月": f"{end_month}月",
        "年": f"{y}年", "上年": f"{y - 1}年", "下年": f"{y + 1}年",
    }


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(text: str, words: dict[str, str]) -> str:
    """``text`` with its placeholders replaced; an unknown one is a mistake in the example data."""
    return _PLACEHOLDER.sub(lambda m: words[m.group(1)], text)


# -- how statuses move over the periods -----------------------------------------------------------


def trajectory(final: str, periods: int, done_ago: int = 0, seed: int = 0) -> list[str | None]:
    """The statuses of one assignment's returns, oldest first, ending with ``final``. Work done
    ``done_ago`` periods before the newest is reported no more afterwards (None: no return)."""
    if periods <= 0:
        return []
    if final == DONE:
        ago = min(max(done_ago, 0), periods - 1)
        return [IN_PROGRESS] * (periods - 1 - ago) + [DONE] + [None] * ago
    if final == BEHIND:
        behind = min(periods, 2 if seed % 2 == 0 else 1)
        return [IN_PROGRESS] * (periods - behind) + [BEHIND] * behind
    if final == IN_PROGRESS:
        out: list[str | None] = [IN_PROGRESS] * periods
        if periods >= 3 and seed % 4 == 0:
            out[0] = NOT_STARTED  # started after the first return
        return out
    return [final] * periods


def _seed(*parts: object) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode("utf-8"))


def _earlier_text(pools: dict, status: str, role: str, seed: int, step: int) -> dict[str, str]:
    """One of the short texts for ``status``; consecutive periods get different ones."""
    by_role = pools.get(status) or pools[IN_PROGRESS]
    pool = by_role.get(role) or by_role[ROLE_LEAD]
    item = pool[(seed + step) % len(pool)]
    mixed = _seed(seed, step)
    n, m = 1 + (mixed >> 3) % 4, 3 + (mixed >> 7) % 6
    numbers = {"n": str(n), "m": str(m), "k": str(1 + (mixed >> 11) % (m - 1))}
    return {k: item.get(k, "") for k in ("progress", "problems", "next_steps")} | {"_numbers": numbers}


# -- dates of the example's own records -------------------------------------------------------------


def _reported_on(period: Period, today: date, seed: int) -> date:
    """Units send their returns within the first week after the period."""
    return min(today, period.end + timedelta(days=1 + seed % 6))


def _at(day: date, hour: int = 16, minute: int = 30) -> datetime:
    return datetime.combine(day, time(hour, minute))


@dataclass
class _Planned:
    assignment: Assignment
    statuses: list[str | None]
    latest: dict[str, str]  # the newest return's own texts (templates)
    reporter: str
    phone: str
    seed: int
    words: dict[str, str] | None = None  # a town's share: the extra words of its texts ({工作})


def load_example(session: Session, actor: Actor, today: date, *, plan: PlanArg = None) -> dict[str, int]:
    """The example office as of ``today``: a decomposition of all 34 tasks, the units' returns for
    the last four ended periods, 销号 of the early completions, illustrative indicator values and,
    when the plan period ends within a year, the horizon extended as a clerk would. The example
    data is written for the built-in plan's tasks, the default ``plan``."""
    plan = resolve_plan(session, plan)
    none = {"example_assignments": 0, "example_entries": 0, "example_indicator_values": 0}
    if session.scalar(select(func.count()).select_from(Assignment).where(Assignment.is_example.is_(True))):
        return none
    start = plan.issued_on
    _extend_horizon(session, actor, plan, today)
    created, measures = _load_decomposition(session, actor, plan, today)
    # The work given to 各乡镇（街道） fans out to the towns, who report their shares themselves.
    sync_shares(session, Actor(user=actor.user, source=actor.source, note=EXAMPLE_MARK),
                parent_ids=[a.id for a in created.values()])
    shares = _shares(session, created)
    periods = example_periods(today, reporting_cycle(session), start)
    entries, batches = _load_returns(session, actor, plan, created, measures, periods, today, shares)
    values = _load_indicator_values(session, actor, plan, today, batches)
    session.info[_BACKDATE] = _Backdate(today=today, start=start, periods=periods, batches=batches,
                                        assignment_ids=[a.id for a in created.values()]
                                        + [s.id for group in shares.values() for s in group])
    return {"example_assignments": len(created), "example_shares": sum(len(g) for g in shares.values()),
            "example_entries": entries, "example_indicator_values": values}


def _shares(session: Session, created: dict[tuple[int, str, str], Assignment]) -> dict[int, list[Assignment]]:
    """The members' shares of the example's collective assignments, by parent id."""
    ids = [a.id for a in created.values()]
    out: dict[int, list[Assignment]] = {}
    for share in session.scalars(select(Assignment).where(Assignment.parent_id.in_(ids)).order_by(Assignment.id)):
        out.setdefault(share.parent_id, []).append(share)
    return out


def _load_decomposition(session: Session, actor: Actor, plan: Plan, today: date
                        ) -> tuple[dict[tuple[int, str, str], Assignment], dict[tuple[int, str], dict]]:
    tasks = {t.no: t for t in session.scalars(select(Task).where(Task.plan_id == plan.id))}
    index = DirectoryIndex(session)
    horizon = plan_horizon(session)
    created: dict[tuple[int, str, str], Assignment] = {}
    measures: dict[tuple[int, str], dict] = {}
    position = 0
    for item in load_json("example", "decomposition.json"):
        task = tasks[item["task_no"]]
        deadline = deadline_text(item["deadline"], today, horizon)
        measures[(task.id, measure_key(item["measure"]))] = item
        for role, names in ((ROLE_LEAD, item.get("lead", [])), (ROLE_COOPERATE, item.get("cooperate", []))):
            for name in names:
                dep = index.resolve(name)
                if dep is None:
                    continue
                key = (task.id, dep.name, measure_key(item["measure"]))
                if key in created:
                    continue
                position += 1
                created[key] = create_assignment(session, actor, task, dep, role, item["measure"], deadline,
                                                 position=position, is_example=True, note=EXAMPLE_MARK)
    return created, measures


def _extend_horizon(session: Session, actor: Actor, plan: Plan, today: date) -> None:
    """A clerk keeps a plan that ends within a year a live office by extending it: here to the end
    of the year after next."""
    if today + timedelta(days=365) <= plan_horizon(session):
        return
    set_plan_horizon(session, date(today.year + 2, 12, 31),
                     Actor(user=actor.user, source=actor.source, note=f"{EXAMPLE_MARK}：延长规划期"), plan=plan)


def _load_returns(session: Session, actor: Actor, plan: Plan, created: dict[tuple[int, str, str], Assignment],
                  measures: dict[tuple[int, str], dict], periods: list[Period], today: date,
                  shares: dict[int, list[Assignment]] | None = None) -> tuple[int, list[ImportBatch]]:
    data = load_json("example", "returns.json")
    pools = data["earlier"]
    index = DirectoryIndex(session)
    tasks = {t.no: t.id for t in session.scalars(select(Task).where(Task.plan_id == plan.id))}
    n = len(periods)
    planned: list[_Planned] = []
    for item in data["entries"]:
        dep = index.resolve(item["department"])
        task_id = tasks.get(item["task_no"])
        assignment = created.get((task_id, dep.name, measure_key(item["measure"]))) if dep and task_id else None
        if assignment is None:
            continue
        seed = _seed(item["task_no"], dep.name, item["measure"])
        planned.append(_Planned(assignment, trajectory(item["status"], n, int(item.get("done_ago", 0)), seed),
                                item, item.get("reporter", ""), item.get("phone", ""), seed))
    # Units that sent nothing for the newest period had reported before.
    for unit in data["missing"]:
        dep = index.resolve(unit["department"])
        if dep is None:
            continue
        for (task_id, name, key), assignment in created.items():
            if name != dep.name or assignment.role != ROLE_LEAD:
                continue
            item = measures[(task_id, key)]
            ongoing = isinstance(item["deadline"], str) and item["deadline"] in _ONGOING_TEXTS
            statuses: list[str | None] = [ONGOING if ongoing else IN_PROGRESS] * max(n - 1, 0)
            planned.append(_Planned(assignment, [*statuses, None][:n], {}, unit["reporter"], unit["phone"],
                                    _seed(task_id, name, key)))
    closed = {(p.assignment.task_id, p.assignment.measure_key) for p in planned
              if DONE in p.statuses and p.statuses[-1] != DONE}
    share_plans = _plan_shares(data, created, shares or {}, closed, n)
    planned += share_plans
    entries = 0
    batches: list[ImportBatch] = []
    for j, period in enumerate(periods):
        words = period_words(period)
        items: list[tuple[int, EntryData]] = []
        last_day = period.end
        for p in planned:
            status = p.statuses[j]
            if status is None:
                continue
            newest = all(s is None for s in p.statuses[j + 1:])
            if newest and p.latest:
                texts, numbers = p.latest, {}
            elif p.words:  # a town's share: its own texts, naming the task
                texts = _earlier_text(data["shares"], status, ROLE_LEAD, p.seed, j)
                numbers = texts.pop("_numbers") | p.words
            else:
                texts = _earlier_text(pools, status, p.assignment.role, p.seed, j)
                numbers = texts.pop("_numbers")
            reported = _reported_on(period, today, p.seed + j)
            last_day = max(last_day, reported)
            items.append((p.assignment.id, EntryData(
                status=status, progress=fill(texts.get("progress", ""), words | numbers),
                problems=fill(texts.get("problems", ""), words | numbers),
                next_steps=fill(texts.get("next_steps", ""), words | numbers),
                reporter=p.reporter, phone=p.phone, reported_on=reported)))
        batch = _example_batch(session, actor, BatchRecord(
            BATCH_EXAMPLE, Path(f"{EXAMPLE_MARK}：{period.label}进展情况"), "example-" + period.code,
            rows=len(items), period=period.code, summary=EXAMPLE_MARK,
            created_at=_at(min(today, last_day + timedelta(days=1)))))
        record_entries(session, Actor(user=actor.user, source=actor.source, batch_id=batch.id, note=EXAMPLE_MARK),
                       items, period.code, is_example=True)
        entries += len(items)
        batches.append(batch)
    _close_early_completions(session, actor, planned, created, batches, today, shares or {})
    return entries, batches


# Of a collective's members, in the newest period: about this share report done and this share
# report 滞后 (of every hundred); most others 推进中. Some leave a row of their return empty.
_SHARE_DONE, _SHARE_BEHIND = 9, 6
_SHARE_SENT_NEWEST, _SHARE_SENT_EARLIER = 70, 88


def _plan_shares(data: dict, created: dict[tuple[int, str, str], Assignment], shares: dict[int, list[Assignment]],
                 closed: set[tuple[int, str]], n: int) -> list[_Planned]:
    """The towns' returns on their shares: most send one each period; the newest period's
    roll-up reads like 已报送 24/34，已完成 3，滞后 2. A town sends something every period (it
    leaves rows empty rather than the whole return), so the 未报送 list stays the lead units'.
    Shares of work the office closed for the collective (its lead finished) are not reported."""
    names = data["share_reporters"]
    out: list[_Planned] = []
    by_town: dict[int, list[_Planned]] = {}
    for parent in created.values():
        if (parent.task_id, parent.measure_key) in closed:
            continue
        for share in shares.get(parent.id, []):
            town = share.department
            seed = _seed(parent.task.no, town.name, share.measure)
            pick = seed % 100
            final = DONE if pick < _SHARE_DONE else BEHIND if pick < _SHARE_DONE + _SHARE_BEHIND else IN_PROGRESS
            statuses: list[str | None] = [IN_PROGRESS] * (n - 1) + [final] if n else []
            for j in range(n):
                rate = _SHARE_SENT_NEWEST if j == n - 1 else _SHARE_SENT_EARLIER
                if final == IN_PROGRESS and _seed(seed, j) % 100 >= rate:
                    statuses[j] = None
            town_seed = _seed(town.name)
            reporter = names[town_seed % len(names)] if names else ""
            phone = f"023-714{20000 + town_seed % 80000:05d}"
            item = _Planned(share, statuses, {}, reporter, phone, seed,
                            words={"工作": f"“{parent.task.title}”相关工作"})
            out.append(item)
            by_town.setdefault(town.id, []).append(item)
    # A town that reports at all sends a return every period.
    for plans in by_town.values():
        for j in range(n):
            if all(p.statuses[j] is None for p in plans):
                plans[0].statuses[j] = IN_PROGRESS
    return out


def _example_batch(session: Session, actor: Actor, record: BatchRecord) -> ImportBatch:
    """The example's batches go into the import history like any import's (so undo works)."""
    return session.get(ImportBatch, add_batch(session, record, actor.user))


def _close_early_completions(session: Session, actor: Actor, planned: list[_Planned],
                             created: dict[tuple[int, str, str], Assignment], batches: list[ImportBatch],
                             today: date, shares: dict[int, list[Assignment]] | None = None) -> None:
    """The office checked the completions reported before the newest period and closed them
    (销号); the work the collective names on those measures (各乡镇（街道）) had, the clerk closed
    by hand for every member with the lead's."""
    clerk = Actor(user=actor.user, source=actor.source, note=EXAMPLE_MARK)
    closed: dict[tuple[int, str], date] = {}
    for p in planned:
        if DONE not in p.statuses or p.statuses[-1] == DONE:
            continue
        batch = batches[p.statuses.index(DONE)]
        session.refresh(p.assignment)
        if confirm_completion(session, clerk, p.assignment):
            day = min(today, batch.created_at.date() + timedelta(days=3))
            p.assignment.closure_at = _at(day, 10, 0)
            closed[(p.assignment.task_id, p.assignment.measure_key)] = day
    for assignment in created.values():
        day = closed.get((assignment.task_id, assignment.measure_key))
        if day is None or assignment.department.category != COLLECTIVE:
            continue
        for one in [assignment, *(shares or {}).get(assignment.id, [])]:
            set_status_by_hand(session, clerk, one, DONE, reason="牵头单位已完成并销号")
            one.status_at = one.closure_at = _at(day, 10, 5)
    session.flush()


def _load_indicator_values(session: Session, actor: Actor, plan: Plan, today: date,
                           batches: list[ImportBatch]) -> int:
    """Illustrative yearly values (marked 示例 through their batch) for every year of the plan that
    has ended, 2021 on: the two given years, then a shrinking yearly step, never past the target."""
    last_year = min(today.year - 1, PLAN_HORIZON.year)
    by_no = {i.no: i for i in session.scalars(select(Indicator).where(Indicator.plan_id == plan.id))}
    items = load_json("example", "indicator_values.json")["values"]
    if last_year < 2021 or not items:
        return 0
    when = batches[-1].created_at if batches else _at(today)
    batch = _example_batch(session, actor, BatchRecord(
        BATCH_EXAMPLE, Path(f"{EXAMPLE_MARK}：指标年度数值"), "example-indicators", summary=EXAMPLE_MARK,
        created_at=min(when, _at(today))))
    added = 0
    for item in items:
        indicator = by_no.get(item["no"])
        if indicator is None:
            continue
        for year, value in _yearly_values(item, indicator.target_2025, last_year).items():
            text = str(int(value)) if float(value).is_integer() else f"{value:g}"
            session.add(IndicatorValue(indicator_id=indicator.id, year=year, value=float(value),
                                       value_text=f"{text}（{EXAMPLE_MARK}）", batch_id=batch.id))
            added += 1
    batch.rows = added
    session.flush()
    return added


def _yearly_values(item: dict, target: float | None, last_year: int) -> dict[int, float]:
    given = {int(k): float(v) for k, v in item.items() if k.isdigit()}
    if not given:
        return {}
    years = sorted(given)
    first, last = years[0], years[-1]
    step = (given[last] - given[first]) / (last - first) if last > first else 0.0
    whole = all(v.is_integer() for v in given.values())
    digits = max((len(str(v).split(".")[1]) for k, v in item.items() if k.isdigit() and isinstance(v, float)),
                 default=0)
    out = {y: v for y, v in given.items() if y <= last_year}
    value = given[last]
    for year in range(last + 1, last_year + 1):
        step *= 0.8  # the easy gains come first
        value += step
        if target is not None:
            value = min(value, target) if step >= 0 else max(value, target)
        out[year] = float(round(value)) if whole else round(value, max(digits, 1))
    return out


# -- dating the example's records ---------------------------------------------------------------------

_BACKDATE = "greentasks.example_backdate"


@dataclass
class _Backdate:
    today: date
    start: date | None
    periods: list[Period]
    batches: list[ImportBatch]
    assignment_ids: list[int]


def backdate_example(session: Session, pending: Any) -> None:
    """Give the example's records the dates they would have in a real office (the decomposition
    before the first return, each return and its log when it was imported, each 销号 when it
    was made), so that nothing in it is dated after "today". Runs once the example's change
    log has been written."""
    info: _Backdate = pending
    first = info.periods[0].start if info.periods else info.today
    made = _at(min(info.today, max(first, info.start or first)), 9, 0)
    ids = info.assignment_ids
    session.execute(update(Assignment).where(Assignment.id.in_(ids)).values(created_at=made, updated_at=made)
                    .execution_options(synchronize_session=False))
    session.execute(update(ChangeLog).where(ChangeLog.entity == "assignments", ChangeLog.entity_id.in_(ids),
                                            ChangeLog.batch_id.is_(None), ChangeLog.field == "+")
                    .values(at=made).execution_options(synchronize_session=False))
    for batch_id, when in session.execute(select(ImportBatch.id, ImportBatch.created_at).where(
            ImportBatch.id.in_([b.id for b in info.batches]))):
        session.execute(update(ProgressEntry).where(ProgressEntry.batch_id == batch_id).values(created_at=when)
                        .execution_options(synchronize_session=False))
        session.execute(update(ChangeLog).where(ChangeLog.batch_id == batch_id).values(at=when)
                        .execution_options(synchronize_session=False))
    # Each assignment's status dates from its newest return, or from its 销号.
    latest = select(Assignment.id, Assignment.closure_at, Assignment.status_source, ProgressEntry.created_at).outerjoin(
        ProgressEntry, ProgressEntry.id == Assignment.latest_entry_id).where(Assignment.id.in_(ids))
    rows = []
    for aid, closure_at, source, reported in session.execute(latest):
        when = max(d for d in (made, closure_at, reported) if d is not None)
        status_at = reported if source == STATUS_FROM_RETURN else closure_at
        rows.append({"aid": aid, "status_at": status_at, "updated_at": when})
        if closure_at is not None:
            mine = (ChangeLog.entity == "assignments", ChangeLog.entity_id == aid, ChangeLog.batch_id.is_(None))
            session.execute(update(ChangeLog).where(*mine, ChangeLog.field != "+").values(at=closure_at)
                            .execution_options(synchronize_session=False))
            session.execute(update(ChangeLog).where(*mine, ChangeLog.field.in_(("closure_at", "status_at")))
                            .values(new=as_text(closure_at)).execution_options(synchronize_session=False))
    table = Assignment.__table__
    session.execute(table.update().where(table.c.id == bindparam("aid")).values(
        status_at=bindparam("status_at"), updated_at=bindparam("updated_at")), rows)
    # The horizon was extended on the day the office was made.
    session.execute(update(ChangeLog).where(ChangeLog.entity == "settings", ChangeLog.field == HORIZON,
                                            ChangeLog.note.like(f"{EXAMPLE_MARK}%"), ChangeLog.at > _at(info.today, 23, 59))
                    .values(at=_at(info.today, 9, 0)).execution_options(synchronize_session=False))


def take_backdate(session: Session) -> Any:
    """What :func:`backdate_example` needs, handed over from the transaction that made the example."""
    return session.info.pop(_BACKDATE, None)
