"""The export use cases: each gathers what it shows in one reading session and hands plain rows
to a writer in ``greentasks.excel``, which never reads the database itself.

Each export is of one plan (``plan=``: a 文号, a Plan, or None for the built-in plan) and takes its
period as a :class:`Period` (text is parsed at the command line's or the window's edge)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..collector import collector_paused
from ..db import Database
from ..domain.indicators import progress
from ..domain.periods import Period
from ..domain.rules import COLLECTIVE
from ..errors import UsageError
from ..excel.indicators_sheet import IndicatorLine, write_indicators
from ..excel.ledger import LedgerData, LedgerLine, MissingLine, ShareLine, write_ledger
from ..excel.report_sheet import write_report
from ..excel.templates import TemplateData, TemplateRow, template_file_name, write_template
from ..reports.ranking import scores_report
from .catalog import indicator_list
from .directory import DirectoryIndex
from .measures import MeasureRow, measure_rows
from .period_changes import ledger_changes
from .queries import (
    AssignmentRow,
    Context,
    Filters,
    MissingUnit,
    PlanArg,
    assignment_rows,
    expect_period,
    missing_units,
    status_summary,
)
from .reminders import ReminderInfo, latest_reminders


@collector_paused()
def export_ledger(db: Database, out: Path, period: Period | None = None, today: date | None = None, *,
                  plan: PlanArg = None) -> Path:
    """The 总台账 of a period (the latest ended one by default) as of ``today``."""
    today = today or date.today()
    with db.reading() as session:
        ctx = Context.load(session, today, period, plan)
        rows = assignment_rows(session, ctx)
        summary = status_summary(session, ctx, rows)
        missing = missing_units(session, ctx, rows)
        reminded = latest_reminders(session, ctx.period)
        changes = ledger_changes(session, ctx.period, today=today, plan=plan, loaded=(ctx, rows))
    data = LedgerData(
        plan_title=ctx.plan.title, period_label=ctx.period_words, today=ctx.today, assignments=summary.assignments,
        by_status=summary.by_status, overdue=summary.overdue, lines=[_ledger_line(m) for m in measure_rows(rows)],
        by_department=summary.by_department, by_section=summary.by_section,
        missing=[_missing_line(m, reminded.get(m.department_id)) for m in missing], changes=changes,
        shares=_share_lines(rows),
    )
    return write_ledger(data, out)


def _missing_line(m: MissingUnit, reminded: ReminderInfo | None) -> MissingLine:
    """A unit missing for the period, with the newest 催报 it was sent for it."""
    return MissingLine(m.name, m.category, m.contact, m.phone, m.owed,
                       reminded_on=reminded.sent_on if reminded else None, reminded_way=reminded.way if reminded else "")


def _share_lines(rows: list[AssignmentRow]) -> list[ShareLine]:
    """The members' shares of the collectives' work, by collective, task and member."""
    parents = {r.id: r for r in rows if r.shares}
    lines = []
    for r in rows:
        parent = parents.get(r.parent_id) if r.parent_id is not None else None
        if parent is None:
            continue
        lines.append(ShareLine(
            collective=parent.department, task_no=r.task_no, measure=r.measure, member=r.department,
            deadline_text=r.deadline_text, status=r.status, closure=r.closure, light=r.light, reported=r.reported,
            latest_period=r.latest_period, progress=r.latest_progress or "", problems=r.latest_problems or "",
            next_steps=r.latest_next_steps or "", latest_reported_on=r.latest_reported_on))
    return lines


def _ledger_line(m: MeasureRow) -> LedgerLine:
    return LedgerLine(
        section=m.section, subsection=m.subsection, task_no=m.task_no, task_title=m.task_title, measure=m.measure,
        lead_names=m.lead_names, cooperating_names=m.cooperating_names, leader=m.lead.leader,
        deadline_text=m.deadline_text,
        deadline_unrecognised=m.lead.deadline_kind == "未识别", status=m.status, closure=m.closure, light=m.light,
        latest_period=m.latest_period, progress=m.progress_text(), problems=m.problems_text(),
        next_steps=m.next_steps_text(), latest_reported_on=m.latest_reported_on,
    )


def export_templates(db: Database, outdir: Path, period: Period, departments: list[str] | None = None,
                     today: date | None = None, *, plan: PlanArg = None) -> list[Path]:
    """One template per unit that has assignments (collective names excluded), or the units asked for.
    A repealed document has none (PlanRepealed, nothing written)."""
    from .plan_register import refuse_if_repealed

    today = today or date.today()
    period = expect_period(period)
    if period is None:
        raise TypeError("export_templates needs the Period the templates are for")
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"“{outdir}”是一个文件，请给出一个文件夹。")
    with db.reading() as session:
        # Pre-filled with what the unit reported up to the period before: the state as of it.
        ctx = Context.load(session, today, period.previous(), plan)
        refuse_if_repealed(ctx.plan, "不再导出报送模板")
        wanted: set[str] | None = None
        if departments:
            index = DirectoryIndex(session)
            wanted = set()
            for name in departments:
                dep = index.resolve(name)
                if dep is None:
                    raise UsageError(index.unknown_message(name))
                if dep.category == COLLECTIVE:
                    raise UsageError(f"“{dep.name}”是集合名称，不是一个单位，不单独报送进展情况表："
                                     "它的工作已列入各成员单位的进展情况表。请为其中的具体单位（如各乡镇、街道）分别导出。")
                wanted.add(dep.name)
        rows = assignment_rows(session, ctx, Filters())
    outdir.mkdir(parents=True, exist_ok=True)
    by_unit: dict[str, list[AssignmentRow]] = {}
    for row in rows:
        if row.category == COLLECTIVE:
            continue
        if wanted is not None and row.department not in wanted:
            continue
        by_unit.setdefault(row.department, []).append(row)
    if wanted:
        for name in sorted(wanted - set(by_unit)):
            raise UsageError(f"单位“{name}”目前没有任何分工，无需报送进展情况表。")
    # A member's share shows the collective it is shared with (各乡镇（街道）共同任务).
    collective_of = {r.id: r.department for r in rows if r.category == COLLECTIVE}
    written = []
    for department, unit_rows in sorted(by_unit.items()):
        data = TemplateData(title=ctx.plan.title, doc_no=ctx.plan.doc_no, period=period, department=department,
                            department_id=unit_rows[0].department_id,
                            rows=[_template_row(r, collective_of.get(r.parent_id or 0, "")) for r in unit_rows])
        written.append(write_template(data, outdir / template_file_name(period, department), today))
    if not departments:
        # The 下发通知 goes out with the whole office's templates, not with one unit's sent again.
        from ..domain.rules import category_sort_key
        from .notices import write_dispatch

        units = sorted(by_unit.items(), key=lambda kv: category_sort_key(kv[1][0].category, kv[0]))
        write_dispatch(db, outdir, period, [(d, template_file_name(period, d), len(r)) for d, r in units],
                       today=today, plan=plan)
    return written


def _template_row(r: AssignmentRow, shared_with: str = "") -> TemplateRow:
    return TemplateRow(id=r.id, task_no=r.task_no, task_title=r.task_title, measure=r.measure, role=r.role,
                       deadline_text=r.deadline_text, status=r.status, latest_progress=r.latest_progress,
                       latest_problems=r.latest_problems, latest_next_steps=r.latest_next_steps,
                       shared_with=shared_with)


def export_indicators(db: Database, out: Path, *, plan: PlanArg = None) -> Path:
    """The plan's indicators (the built-in plan's 18) with their yearly values and progress towards
    the 2025 target."""
    with db.reading() as session:
        items = indicator_list(session, plan=plan)
    lines = []
    for item in items:
        numbers = {int(y): v for y, v in item["values"].items() if isinstance(v, int | float)}
        lines.append(IndicatorLine(
            category=item["category"], no=item["no"], name=item["name"], unit=item["unit"] or "",
            target=item["target_2025"] if item["target_2025"] is not None else item["target_text"],
            values={int(y): v for y, v in item["values"].items()}, progress=progress(item["target_2025"], numbers),
            departments=item.get("departments") or "",
        ))
    return write_indicators(lines, out)


def export_scores(db: Database, out: Path, *, today: date | None = None, period: Period | None = None,
                  scope: str = "period", plan: PlanArg = None) -> Path:
    """The 考评 ranking (services.scores) for a period (``scope="period"``) or the plan so far
    (``scope="plan"``), as the printed ranking shows it."""
    with db.reading() as session:
        ctx = Context.load(session, today or date.today(), period, plan)
        report = scores_report(session, ctx, scope=scope)
    return write_report(report, out)
