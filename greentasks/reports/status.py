"""The status sheets: the plan's 推进情况表, one unit's sheet, the 逾期 list and the 未报送 list."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import lights
from ..domain.rules import CLOSURE_PENDING
from ..domain.statuses import BEHIND, DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUSES
from ..domain.vocabulary import ROLE_LEAD
from ..models import Department, Task
from ..services.catalog import task_list
from ..services.measures import MeasureRow, measure_rows
from ..services.queries import (
    AssignmentRow,
    Context,
    assignment_rows,
    missing_units,
    status_summary,
)
from .common import (
    DASH,
    PlanInfo,
    closure_footnote,
    cn_date,
    deadline_cell,
    example_footnote,
    info_line,
    light_cell,
    light_footnote,
    numbered,
    office_item,
    office_of,
    office_signatures,
    progress_note,
    stamp,
    status_cell,
    task_cell,
)
from .model import ALIGN_CENTER, Cell, Column, Group, Part, Report, Row, Table

FULL_COLUMNS = [
    Column("任务编号", 7, ALIGN_CENTER, merge=True),
    Column("重点任务", 9, merge=True),
    Column("具体工作", 18),
    Column("牵头单位", 9),
    Column("配合单位", 10),
    Column("完成时限", 8, ALIGN_CENTER),
    Column("完成状态", 7, ALIGN_CENTER),
    Column("预警", 6, ALIGN_CENTER),
    Column("最新进展", 26),
]


COLLECTIVE_FOOTNOTE = "集合（如“各乡镇（街道）”）的工作由各成员单位分别报送，集合一行汇总成员情况，全部完成才为已完成。"


def summary_line(total: int, by_status: dict[str, int], overdue: int, missing: int | None) -> str:
    """共N项分工：已完成a项、推进中b项、滞后c项、未启动d项、长期坚持e项；逾期f项；未报送单位g个"""
    order = (DONE, IN_PROGRESS, BEHIND, NOT_STARTED, ONGOING)
    assert set(order) == set(STATUSES)
    text = f"共{total}项分工：" + "、".join(f"{s}{by_status.get(s, 0)}项" for s in order) + f"；逾期{overdue}项"
    if missing is not None:
        text += f"；未报送单位{missing}个"
    return text


def _light_counts(by_light: dict[str, int], pending: int) -> str:
    return (f"预警：红色{by_light.get(lights.RED, 0)}项、黄色{by_light.get(lights.YELLOW, 0)}项、"
            f"绿色{by_light.get(lights.GREEN, 0)}项；已完成待销号{pending}项")


def _lead_reasons(m: MeasureRow) -> list[str]:
    for a in m.leads or m.cooperating:
        if a.light == m.light:
            return a.reasons
    return []


def measure_cells(m: MeasureRow, ctx: Context) -> list[Cell]:
    lead = m.lead
    progress = m.progress_text()
    return [
        Cell(str(m.task_no)),
        task_cell(m.task_title, lead.leader),
        Cell(m.measure),
        Cell(m.lead_names or DASH),
        Cell(m.cooperating_names or DASH),
        deadline_cell(lead),
        status_cell(m.status, m.closure),
        light_cell(m.light, _lead_reasons(m)),
        Cell(progress or DASH, note=progress_note(lead, ctx)),
    ]


def _measure_row(m: MeasureRow, ctx: Context) -> Row:
    return Row(measure_cells(m, ctx), units=tuple(a.department for a in m.all),
               assignment_ids=tuple(a.id for a in m.all))


def full_report(session: Session, ctx: Context, office: str | None = None) -> Report:
    """(a) 推进情况表: every 具体工作 of the plan, grouped by section; compiled by ``office`` (the
    office's setting when None), as every report here."""
    office = office_of(session, office)
    plan = PlanInfo(ctx.plan)
    rows = assignment_rows(session, ctx)
    summary = status_summary(session, ctx, rows)
    by_task: dict[int, list[MeasureRow]] = defaultdict(list)
    for m in measure_rows(rows):
        by_task[m.task_no].append(m)

    table = Table(FULL_COLUMNS)
    headings: list[str] = []
    # A task not yet divided up still shows its 责任领导.
    leaders = {no: leader for no, leader in
               session.execute(select(Task.no, Task.leader).where(Task.plan_id == ctx.plan.id))}
    for task in task_list(session, plan=ctx.plan):
        path = task["section"] or ["（未分章节）"]
        for level, heading in enumerate(path, 1):
            if len(headings) < level or headings[level - 1] != heading:
                headings = [*headings[: level - 1], heading]
                table.groups.append(Group(heading, level=level))
        group = table.groups[-1] if table.groups else None
        if group is None:
            group = Group("")
            table.groups.append(group)
        measures = by_task.get(task["no"])
        if not measures:
            empty = [Cell(str(task["no"])), task_cell(task["title"], leaders.get(task["no"]) or ""),
                     Cell("（尚未分工）"), *[Cell(DASH) for _ in FULL_COLUMNS[3:]]]
            group.rows.append(Row(empty))
            continue
        group.rows += [_measure_row(m, ctx) for m in measures]

    notes = [
        "分工按“单位×具体工作”计数，同一项具体工作的牵头单位、配合单位各计1项；表中每项具体工作一行，"
        "完成状态和预警取牵头单位，配合单位的进展以【单位】标明附在其后。",
        light_footnote(ctx),
        closure_footnote(),
    ]
    if any(r.shares for r in rows):
        notes.append(COLLECTIVE_FOOTNOTE)
    if any(r.is_example for r in rows):
        notes.append(example_footnote())
    part = Part(
        title=plan.report_title("重点任务推进情况表"),
        subtitle=f"（{plan.doc_no}）",
        info=info_line(ctx, office),
        summary=summary_line(summary.assignments, summary.by_status, summary.overdue,
                             len(summary.missing_returns)),
        summary_extra=_light_counts(summary.by_light, summary.pending_closure),
        tables=[table],
        footnotes=numbered(notes),
        signatures=[office_signatures(ctx.today)],
        footer="重点任务推进情况表",
    )
    return Report("full", "推进情况表", [part], ctx.today, ctx.period.code, stamp=stamp(ctx))


# -- one unit ------------------------------------------------------------------------------------

def _unit_table(title: str, partner_title: str, items: list[tuple[AssignmentRow, MeasureRow]], ctx: Context,
                *, shared: bool = False) -> Table:
    columns = [
        Column("序号", 4, ALIGN_CENTER),
        Column("任务编号", 7, ALIGN_CENTER, merge=True),
        Column("重点任务", 10, merge=True),
        Column("具体工作", 21),
        Column(partner_title, 12),
        Column("完成时限", 8, ALIGN_CENTER),
        Column("完成状态", 7, ALIGN_CENTER),
        Column("预警", 7, ALIGN_CENTER),
        Column("本单位最新进展", 24),
    ]
    rows = []
    for i, (a, m) in enumerate(items, 1):
        partners = m.cooperating_names if a.role == ROLE_LEAD and not shared else m.lead_names
        rows.append(Row([
            Cell(str(i)), Cell(str(a.task_no)), task_cell(a.task_title, a.leader), Cell(a.measure),
            Cell(partners or DASH), deadline_cell(a), status_cell(a.status, a.closure), light_cell(a.light, a.reasons),
            Cell(a.latest_progress or DASH, note=progress_note(a, ctx)),
        ], units=(a.department,), assignment_ids=(a.id,)))
    return Table(columns, [Group("", rows)] if rows else [], caption=title)


def unit_report(session: Session, ctx: Context, department: str, office: str | None = None) -> Report:
    """(b) One unit's sheet: what it leads and what it cooperates on, with its latest progress."""
    office = office_of(session, office)
    plan = PlanInfo(ctx.plan)
    dep = session.scalar(select(Department).where(Department.name == department))
    if dep is None:
        raise LookupError(department)
    all_rows = assignment_rows(session, ctx)
    measure_of = {id(a): m for m in measure_rows(all_rows) for a in m.all}
    by_id = {a.id: a for a in all_rows}
    own = [a for a in all_rows if a.department_id == dep.id]
    lead = [(a, measure_of[id(a)]) for a in own if a.role == ROLE_LEAD and a.parent_id is None]
    coop = [(a, measure_of[id(a)]) for a in own if a.role != ROLE_LEAD and a.parent_id is None]
    # Its shares of collectives' work (各乡镇（街道） → this town), with the collective's 具体工作 row.
    shared = [(a, measure_of[id(by_id[a.parent_id])]) for a in own
              if a.parent_id is not None and a.parent_id in by_id]
    by_status = {s: 0 for s in STATUSES}
    by_light = {lights.RED: 0, lights.YELLOW: 0, lights.GREEN: 0}
    for a in own:
        by_status[a.status] += 1
        by_light[a.light] += 1
    overdue = sum(lights.is_overdue(a.status, a.due, ctx.today) for a in own)
    pending = sum(a.closure == CLOSURE_PENDING for a in own)
    owes = any(a.owes for a in own)
    reported = any(a.reported for a in own)
    if reported:
        returned = f"{ctx.period.label}进展：已报送"
    elif owes:
        returned = f"{ctx.period.label}进展：未报送"
    else:
        returned = f"{ctx.period.label}进展：无需报送"
    contact = "　".join(x for x in (f"联系人：{dep.contact}" if dep.contact else "",
                                   f"联系电话：{dep.phone}" if dep.phone else "") if x)
    split = f"牵头{len(lead)}项、配合{len(coop)}项" + (f"、共同任务{len(shared)}项" if shared else "")
    summary = summary_line(len(own), by_status, overdue, None).replace(
        f"共{len(own)}项分工：", f"共{len(own)}项分工（{split}）：")
    notes = [
        "“牵头的工作”由本单位负责推进并按期报送进展；“配合的工作”请主动对接牵头单位，配合完成相关工作。",
        light_footnote(ctx),
        closure_footnote(),
    ]
    tables = [
        _unit_table(f"一、本单位牵头的工作（{len(lead)}项）", "配合单位", lead, ctx),
        _unit_table(f"二、本单位配合的工作（{len(coop)}项）", "牵头单位", coop, ctx),
    ]
    if shared:
        collectives = "、".join(dict.fromkeys(by_id[a.parent_id].department for a, _m in shared))
        tables.append(_unit_table(f"三、本单位承担的共同任务（{collectives}，{len(shared)}项）", "牵头单位", shared,
                                  ctx, shared=True))
        notes.insert(1, f"“共同任务”是交由{collectives}承担、由本单位作为成员分别落实的工作，"
                        "本单位须按期报送进展，与牵头的工作同样计入考评。")
    if any(a.is_example for a in own):
        notes.append(example_footnote())
    part = Part(
        title=plan.report_title(f"{dep.name}重点任务分工及推进情况表"),
        subtitle=f"（{plan.doc_no}）",
        info=[office_item(office), f"责任单位：{dep.name}", *([contact] if contact else []), *info_line(ctx, office)[1:]],
        summary=summary,
        summary_extra=f"{_light_counts(by_light, pending)}；{returned}",
        tables=tables,
        footnotes=numbered(notes),
        signatures=[office_signatures(ctx.today)],
        footer=f"{dep.name}分工及推进情况表",
        key=dep.name,
    )
    return Report("unit", f"{dep.name}分工表", [part], ctx.today, ctx.period.code, stamp=stamp(ctx))


# -- overdue ---------------------------------------------------------------------------------------

def overdue_report(session: Session, ctx: Context, office: str | None = None) -> Report:
    """(c) 逾期清单: every 分工 past its deadline and not done, by the unit responsible.

    It counts what 总览's 已逾期 and ``status`` count — 分工 (a unit × a 具体工作; the lead and
    each cooperating unit one each) — so the printed list and the screen give the same number;
    listing only the lead units' work left out a cooperating unit still late on work its lead
    had finished."""
    office = office_of(session, office)
    plan = PlanInfo(ctx.plan)
    rows = assignment_rows(session, ctx)
    columns = [
        Column("序号", 4, ALIGN_CENTER),
        Column("任务编号", 6, ALIGN_CENTER),
        Column("重点任务", 10),
        Column("具体工作", 20),
        Column("责任类型", 5, ALIGN_CENTER),
        Column("协同单位", 11),
        Column("完成时限", 8, ALIGN_CENTER),
        Column("逾期天数", 6, ALIGN_CENTER),
        Column("完成状态", 7, ALIGN_CENTER),
        Column("本单位最新进展", 23),
    ]
    measure_of = {id(a): m for m in measure_rows(rows) for a in m.all}
    by_unit: dict[str, list[AssignmentRow]] = defaultdict(list)
    for a in rows:
        # A collective's row stands for its members' shares (its 最新进展 says how they stand).
        if a.parent_id is None and lights.is_overdue(a.status, a.due, ctx.today):
            by_unit[a.department].append(a)
    table = Table(columns)
    n = 0
    for unit, items in sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        group = Group(f"{unit}（{len(items)}项）")
        for a in sorted(items, key=lambda a: (a.role != ROLE_LEAD, a.due, a.task_no, a.position)):
            n += 1
            assert a.due is not None
            m = measure_of[id(a)]
            partners = (m.cooperating_names or DASH) if a.role == ROLE_LEAD else f"牵头：{m.lead_names or DASH}"
            group.rows.append(Row([
                Cell(str(n)), Cell(str(a.task_no)), task_cell(a.task_title, a.leader), Cell(a.measure),
                Cell(a.role), Cell(partners), deadline_cell(a),
                Cell(f"{(ctx.today - a.due).days}天", tint=lights.RED, bold=True),
                status_cell(a.status, a.closure), Cell(a.latest_progress or DASH, note=progress_note(a, ctx)),
            ], units=(a.department,), assignment_ids=(a.id,)))
        table.groups.append(group)
    table.empty_text = f"截至{cn_date(ctx.today)}，没有逾期的工作。"
    overdue = [a for items in by_unit.values() for a in items]
    leads = sum(a.role == ROLE_LEAD for a in overdue)
    measures = len({id(measure_of[id(a)]) for a in overdue})
    part = Part(
        title=plan.report_title("重点任务逾期事项清单"),
        subtitle=f"（{plan.doc_no}）",
        info=info_line(ctx, office),
        summary=(f"逾期分工{len(overdue)}项（牵头{leads}项、配合{len(overdue) - leads}项），"
                 f"涉及具体工作{measures}项、责任单位{len(by_unit)}个"),
        tables=[table],
        footnotes=numbered([
            "逾期：超过完成时限仍未报已完成。逾期天数算至统计截至日。完成时限为“长期坚持”“持续推进”的工作不计逾期。",
            "分工按“单位×具体工作”计数，牵头单位、配合单位各计1项，与“总览”中“已逾期”的计数相同。",
            "按责任单位分组，逾期分工多的单位在前；每个单位先列牵头的工作，再列配合的工作。",
        ]),
        signatures=[office_signatures(ctx.today)],
        footer="重点任务逾期事项清单",
    )
    return Report("overdue", "逾期事项清单", [part], ctx.today, ctx.period.code, stamp=stamp(ctx))


# -- missing returns -------------------------------------------------------------------------------

def missing_report(session: Session, ctx: Context, office: str | None = None) -> Report:
    """(d) 未报送清单 with contacts, for 催报 (blank columns to note each call)."""
    office = office_of(session, office)
    plan = PlanInfo(ctx.plan)
    rows = assignment_rows(session, ctx)
    missing = missing_units(session, ctx, rows)
    owing = {r.department_id for r in rows if r.owes}
    columns = [
        Column("序号", 5, ALIGN_CENTER),
        Column("单位名称", 20),
        Column("应报分工（项）", 9, ALIGN_CENTER),
        Column("联系人", 10, ALIGN_CENTER),
        Column("联系电话", 14, ALIGN_CENTER),
        Column("催报时间", 12, ALIGN_CENTER),
        Column("催报方式", 10, ALIGN_CENTER),
        Column("备注", 20),
    ]
    by_category: dict[str, list] = defaultdict(list)
    for m in missing:
        by_category[m.category].append(m)
    table = Table(columns, row_height_mm=9)
    n = 0
    for category, units in by_category.items():
        group = Group(f"{category}（{len(units)}个）")
        for m in units:
            n += 1
            group.rows.append(Row([Cell(str(n)), Cell(m.name), Cell(str(m.owed)), Cell(m.contact),
                                   Cell(m.phone), Cell(), Cell(), Cell()], units=(m.name,)))
        table.groups.append(group)
    table.empty_text = f"{ctx.period.label}应报送的单位均已报送。"
    part = Part(
        title=plan.report_title("重点任务进展未报送单位清单"),
        subtitle=f"（{plan.doc_no}）",
        info=info_line(ctx, office),
        summary=(f"{ctx.period.label}应报送单位{len(owing)}个，已报送{len(owing) - len(missing)}个，"
                 f"未报送{len(missing)}个"),
        tables=[table],
        footnotes=numbered([
            "应报送单位：牵头承担尚未完成分工的单位；配合单位的进展可由牵头单位汇总报送；"
            "交由“各乡镇（街道）”等集合承担的工作由其各成员单位分别报送。",
            "“催报时间”“催报方式”（电话、OA、短信等）和“备注”由经办人催报时填写。",
        ]),
        signatures=[office_signatures(ctx.today)],
        footer="重点任务进展未报送单位清单",
    )
    return Report("missing", "未报送单位清单", [part], ctx.today, ctx.period.code, stamp=stamp(ctx))
