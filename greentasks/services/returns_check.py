"""Checking one progress return (docs/excel.md#returns) without writing anything.

:func:`check_file` is a pipeline of named steps, each adding its located problems to the file's
outcome: read the sheet, the document it belongs to, the unit that sent it, the period it
reports on, its rows (each matched to one of the unit's assignments), and last whether it is a
template sent back without being filled in. Everything a batch needs from the database is
loaded once by :func:`load_plan`; no step queries the database.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.deadlines import parse_deadline
from ..domain.extensions import (
    ExtensionError,
    ExtensionFacts,
    effective_due,
    new_date_problem,
    not_extendable,
)
from ..domain.extensions import parse_new_date as parse_extension_date
from ..domain.periods import Period
from ..domain.rules import COLLECTIVE
from ..domain.statuses import ACCEPTED_STATUS_TEXT, normalize_status
from ..domain.text import clean, fold
from ..errors import Problem
from ..models import Assignment, DeadlineExtension, Department, Plan, ProgressEntry, Task
from ..models.audit import BATCH_RETURNS
from .directory import DirectoryIndex
from .importing import Incoming, imported_digests, open_import, plan_of
from .outcomes import FileOutcome
from .progress import EntryData

# 具体工作 similarity needed to pick one of a unit's several assignments on a task, and the margin
# by which the best must beat the second best.
MATCH_MIN = 0.45
MATCH_MARGIN = 0.12


@dataclass
class AssignmentInfo:
    id: int
    task_no: int
    department_id: int
    department: str
    measure: str
    role: str
    status: str
    latest: tuple[str, str, str] = ("", "", "")  # the newest entry's 进展情况, 存在问题, 下步计划
    deadline_text: str = ""
    deadline_kind: str = ""
    deadline_due: date | None = None


@dataclass
class LoadedPlan:
    """Everything a batch of returns needs from the database, loaded once."""

    doc_no: str
    task_nos: set[int]
    by_unit_task: dict[tuple[int, int], list[AssignmentInfo]]
    by_id: dict[int, AssignmentInfo]
    index: DirectoryIndex
    imported_hashes: set[str]  # live batches' files: a file among them is a duplicate
    departments: dict[int, Department]
    # 延期: each assignment's recorded extensions, and the plan's 成文日期, for the rules a
    # 申请延期至 column is checked against.
    extensions: dict[int, list[ExtensionFacts]] = field(default_factory=dict)
    issued_on: date | None = None


@dataclass
class CheckedReturn:
    """A return that passed every check: what it reports, ready to be written."""

    outcome: FileOutcome
    digest: str
    department_id: int
    period: Period
    entries: list[tuple[int, EntryData, int]] = field(default_factory=list)  # (assignment id, data, row)
    mtime: float = 0.0
    reported_on: date | None = None
    reporter: str = ""
    phone: str = ""
    # 申请延期至 on the return's rows: requests to record (services.returns_import writes them).
    extension_asks: list[ExtensionAsk] = field(default_factory=list)


@dataclass
class ExtensionAsk:
    """One row's 申请延期至: the request a return makes (recorded as 申请中, never approved)."""

    assignment_id: int
    to: date
    reason: str
    reference: str
    row: int
    column: str | None
    sheet: str | None = None


def load_plan(session: Session, plan: str | None = None) -> LoadedPlan:
    """The plan's assignments (with their latest report), the directory and the files already
    imported (``plan``: a 文号, None for the built-in plan)."""
    found = plan_of(session, plan)
    index = DirectoryIndex(session)
    rows = session.execute(
        select(Assignment.id, Task.no, Assignment.department_id, Department.name, Assignment.measure,
               Assignment.role, Assignment.status, ProgressEntry.progress, ProgressEntry.problems,
               ProgressEntry.next_steps, Assignment.deadline_text, Assignment.deadline_kind, Assignment.deadline_due)
        .join(Task, Task.id == Assignment.task_id)
        .join(Department, Department.id == Assignment.department_id)
        .outerjoin(ProgressEntry, ProgressEntry.id == Assignment.latest_entry_id)
        .where(Task.plan_id == found.id)
    ).all()
    by_unit_task: dict[tuple[int, int], list[AssignmentInfo]] = {}
    by_id: dict[int, AssignmentInfo] = {}
    for r in rows:
        info = AssignmentInfo(*r[:7], latest=(r[7] or "", r[8] or "", r[9] or ""), deadline_text=r[10] or "",
                              deadline_kind=r[11] or "", deadline_due=r[12])
        by_unit_task.setdefault((info.department_id, info.task_no), []).append(info)
        by_id[info.id] = info
    task_nos = set(session.scalars(select(Task.no).where(Task.plan_id == found.id)))
    extensions: dict[int, list[ExtensionFacts]] = {}
    for e in session.execute(
            select(DeadlineExtension.assignment_id, DeadlineExtension.id, DeadlineExtension.state,
                   DeadlineExtension.requested_to, DeadlineExtension.decided_on)
            .join(Assignment, Assignment.id == DeadlineExtension.assignment_id)
            .join(Task, Task.id == Assignment.task_id).where(Task.plan_id == found.id)):
        extensions.setdefault(e[0], []).append(ExtensionFacts(*e[1:]))
    return LoadedPlan(found.doc_no, task_nos, by_unit_task, by_id, index, imported_digests(session, BATCH_RETURNS),
                      {d.id: d for d in index.by_key.values()}, extensions,
                      session.scalar(select(Plan.issued_on).where(Plan.id == found.id)))


def check_file(path: Path, plan: LoadedPlan, *, period_option: Period | None,
               department_option: str | None) -> CheckedReturn | FileOutcome:
    """Read and validate one file without writing anything: the checked return, or the outcome
    that refuses it (every problem located)."""
    outcome, incoming = open_import(path)
    sheet = _read_sheet(incoming, outcome) if incoming is not None else None
    if incoming is None or sheet is None or not _same_document(sheet, plan, outcome):
        return outcome
    unit = _unit(sheet, path, plan, department_option, outcome)
    period = _period(sheet, path, period_option, outcome) if unit is not None else None
    if unit is None or period is None:
        return outcome
    checked = _rows(sheet, incoming, unit, period, plan, outcome)
    _unfilled_template(sheet, checked, plan)
    return _finished(sheet, checked)


# -- the steps, in order ------------------------------------------------------------------------

def _read_sheet(incoming: Incoming, outcome: FileOutcome):
    """The return sheet in the file (excel.return_sheet.ReturnSheet), with its reading problems."""
    from ..excel.return_sheet import read_return

    sheet, problems = read_return(incoming.book)
    if sheet is None:
        outcome.errors += problems
        return None
    outcome.errors += sheet.problems
    outcome.warnings += sheet.warnings
    return sheet


def _same_document(sheet, plan: LoadedPlan, outcome: FileOutcome) -> bool:
    """A template exported for another document's tasks is refused."""
    doc_no = sheet.meta.get("doc_no") if sheet.meta else None
    if doc_no and doc_no != plan.doc_no:
        outcome.errors.append(Problem(
            f"这份模板属于文件 {doc_no}，不是 {plan.doc_no} 的进展情况表。请确认报送的文件。",
            file=outcome.path.name, sheet="_meta"))
        return False
    return True


def _unit(sheet, path: Path, plan: LoadedPlan, department_option: str | None,
          outcome: FileOutcome) -> Department | None:
    """The unit: _meta, else the 填报单位 cell, else a unit named in the file name, else the
    option. A unit's template whose 填报单位 names another unit is refused."""
    from ..excel.reader import column_letter

    index, file = plan.index, path.name
    dep: Department | None = None
    if sheet.meta.get("department_id", "").isdigit():
        dep = plan.departments.get(int(sheet.meta["department_id"]))
    if dep is None and sheet.meta.get("department"):
        dep = index.resolve(sheet.meta["department"])
    written = sheet.block.get("department")
    if dep is not None and written:
        shown = _resolve_unit(clean(written), index)
        if shown is not None and shown.id != dep.id:
            outcome.errors.append(Problem(
                f"填报单位不一致：这是下发给“{dep.name}”的模板，表中的填报单位却是“{shown.name}”。"
                "请用本单位的模板重新填写后报送。", file=file, sheet=sheet.sheet))
            return None
    if dep is None and written:
        name = clean(written)
        dep = _resolve_unit(name, index)
        if dep is None:
            outcome.unknown_units[name] = index.suggestions(name)
            at = sheet.block_cells.get("department")
            outcome.errors.append(Problem(
                f"填报单位：{index.unknown_message(name)}", file=file, sheet=sheet.sheet,
                row=at[0] + 1 if at else None, column=column_letter(at[1]) if at else None))
            return None
    if dep is None:
        dep = _unit_from_filename(path, index)
    if dep is None and department_option:
        dep = index.resolve(department_option)
        if dep is None:
            outcome.errors.append(Problem(index.unknown_message(department_option), file=file))
            return None
    if dep is None:
        outcome.errors.append(Problem(
            "无法确定这份进展情况表是哪个单位报送的：表中没有“填报单位：…”，文件名中也没有单位名称。"
            "请在表头上方填写“填报单位：单位全称”，或把单位名称写进文件名，或导入时指定单位"
            "（命令行：--department 单位名称）。", file=file, sheet=sheet.sheet))
        return None
    if dep.category == COLLECTIVE:
        outcome.department = dep.name
        outcome.errors.append(Problem(
            f"“{dep.name}”是集合名称，它的工作由各成员单位分别报送，不能以“{dep.name}”的名义报送。"
            "请各成员单位用本单位的进展情况表（其中已列有这些工作）报送。", file=file, sheet=sheet.sheet))
        return None
    outcome.department = dep.name
    return dep


def _period(sheet, path: Path, period_option: Period | None, outcome: FileOutcome) -> Period | None:
    """The period: _meta, else the 报送期 cell, else the file name, else the option. A template
    whose hidden period disagrees with what the clerk sees (a unit filled last quarter's template
    again) is refused rather than filed under the wrong period."""
    from ..excel.return_sheet import period_from

    file = path.name
    meta_period = period_from(sheet.meta["period"]) if sheet.meta.get("period") else None
    cell_period = None
    for key in ("period", "period_hint"):
        if cell_period is None and sheet.block.get(key):
            cell_period = period_from(sheet.block[key])
    name_period = period_from(path.stem)
    seen = [(where, p) for where, p in (("模板中隐藏的报送期", meta_period), ("表中的“报送期”", cell_period),
                                         ("文件名", name_period)) if p is not None]
    conflict = next(((a, b) for a in seen[:1] for b in seen[1:] if b[1] != a[1]), None)
    if conflict is not None:
        (where_a, a), (where_b, b) = conflict
        message = (f"报送期不一致：{where_a}是{a.label}，{where_b}却是{b.label}。"
                   "这份表格可能是用别的报送期的表格改的。请核对后改正（或用本期下发的模板重新填写），再重新导入。")
        if meta_period is not None:
            outcome.errors.append(Problem(message, file=file, sheet=sheet.sheet))
            return None
        outcome.warnings.append(Problem(message.replace("请核对后改正", f"已按{where_a}（{a.label}）导入；如不对，请改正")
                                        .replace("，再重新导入。", "后重新导入。"),
                                        file=file, sheet=sheet.sheet, severity="warning"))
    period = seen[0][1] if seen else period_option
    if period is None:
        outcome.errors.append(Problem(
            "无法确定这份进展情况表的报送期：表中没有“报送期：…”，文件名中也没有（如 2023Q1、2023年第一季度）。"
            "请在表头上方填写“报送期：2023年第一季度”，或把报送期写进文件名，或导入时指定报送期"
            "（命令行：--period 2023Q1）。",
            file=file, sheet=sheet.sheet))
        return None
    outcome.period = period.code
    return period


def _rows(sheet, incoming: Incoming, dep: Department, period: Period, plan: LoadedPlan,
          outcome: FileOutcome) -> CheckedReturn:
    """Each filled row as one report on one of the unit's assignments (a row whose status, task
    or 具体工作 cannot be made out, or that repeats another row's assignment, is an error)."""
    checked = _signed(sheet, incoming, dep, period, outcome)
    file = outcome.path.name
    if not sheet.has_status and sheet.rows:
        outcome.warnings.append(Problem(
            "表中没有“完成状态”列，各项分工沿用原来的完成状态。如状态有变化，请增加“完成状态”列后重新报送。",
            file=file, sheet=sheet.sheet, severity="warning"))
    seen: dict[int, int] = {}
    for row in sheet.rows:
        where = {"file": file, "sheet": sheet.sheet, "row": row.row}
        status = normalize_status(row.status)
        if status is None and row.status:
            outcome.errors.append(Problem(f"完成状态“{row.status}”无法识别。{ACCEPTED_STATUS_TEXT}",
                                          column=row.columns.get("status"), **where))
            continue
        info = _match_row(row, dep, plan, outcome, where)
        if info is None:
            continue
        if status is None:
            # Left empty: the status stays as it was (said once per file when there is no column).
            status = info.status
            if sheet.has_status:
                outcome.warnings.append(Problem(
                    f"完成状态未填写，沿用原来的状态“{status}”。如有变化，请填写后重新报送。",
                    column=row.columns.get("status"), severity="warning", **where))
        if info.id in seen:
            outcome.errors.append(Problem(
                f"这一行与第{seen[info.id]}行报送的是同一项分工（任务{info.task_no}：{info.measure[:30]}）。"
                "请合并成一行后重新报送。", column=row.columns.get("no"), **where))
            continue
        seen[info.id] = row.row
        checked.entries.append((info.id, EntryData(
            status=status, progress=row.progress, problems=row.problems, next_steps=row.next_steps,
            remarks=row.remarks, reporter=checked.reporter, phone=checked.phone,
            reported_on=checked.reported_on), row.row))
        if row.extension is not None:
            _extension_ask(row, info, plan, checked, where)
    return checked


# Words a unit writes in 存在问题 for "nothing": the reason is then taken from 备注.
_NO_PROBLEM = {"无", "暂无", "没有", "无问题", "/", "-", "—"}


def _extension_ask(row, info: AssignmentInfo, plan: LoadedPlan, checked: CheckedReturn, where: dict) -> None:
    """A row's 申请延期至 as a request to record; one that cannot be (unreadable, a deadline
    with nothing to extend, not later than the date in force) is a warning, and the row's report
    is imported all the same."""
    outcome = checked.outcome
    column = row.columns.get("extension")
    written = clean(row.extension)
    kept = "这一行的进展照常导入，未登记延期申请。"
    try:
        to = parse_extension_date(row.extension, "申请延期至")
    except ExtensionError:
        outcome.warnings.append(Problem(
            f"申请延期至“{written}”无法识别，{kept}请写成 2023年9月底前 或 2023-09-30 这样的日期。",
            column=column, severity="warning", **where))
        return
    problem = not_extendable(info.deadline_kind, info.deadline_text)
    if problem is None:
        current, extended = effective_due(info.deadline_due, plan.extensions.get(info.id, []))
        problem = new_date_problem(to, current_due=current, extended=extended, issued_on=plan.issued_on)
    if problem is not None:
        outcome.warnings.append(Problem(f"申请延期至“{written}”：{problem}{kept}", column=column,
                                        severity="warning", **where))
        return
    problems = row.problems if row.problems and fold(row.problems) not in _NO_PROBLEM else ""
    reason = problems or row.remarks
    reference = f"报送文件“{outcome.path.name}”（{checked.period.label}）"
    checked.extension_asks.append(ExtensionAsk(info.id, to, reason, reference, row.row, column, where.get("sheet")))


def _signed(sheet, incoming: Incoming, dep: Department, period: Period, outcome: FileOutcome) -> CheckedReturn:
    """The return with who filled it in and when (填报人, 联系电话, 填报日期), still without rows."""
    from ..excel.reader import column_letter

    reporter = clean(sheet.block.get("reporter"))
    phone = clean(sheet.block.get("phone"))
    reported_on = _reported_on(sheet.block.get("reported_on"))
    if sheet.block.get("reported_on") is not None and reported_on is None and clean(sheet.block.get("reported_on")):
        at = sheet.block_cells.get("reported_on")
        outcome.warnings.append(Problem(
            f"填报日期“{clean(sheet.block['reported_on'])}”无法识别，已忽略。请写成 2023年4月6日 或 2023-04-06。",
            file=outcome.path.name, sheet=sheet.sheet, row=at[0] + 1 if at else None,
            column=column_letter(at[1]) if at else None, severity="warning"))
    return CheckedReturn(outcome=outcome, digest=incoming.digest, department_id=dep.id, period=period,
                         mtime=incoming.mtime, reported_on=reported_on, reporter=reporter, phone=phone)


def _unfilled_template(sheet, checked: CheckedReturn, plan: LoadedPlan) -> None:
    """A template sent back exactly as it went out, unsigned, is refused; rows of a filled one
    left as last period's are imported and named, for the clerk to ask if in doubt."""
    outcome = checked.outcome
    if not (sheet.is_template and checked.entries and not outcome.errors):
        return
    if (not (checked.reporter or checked.phone or checked.reported_on) and not checked.extension_asks
            and all(_as_sent(plan.by_id[aid], data) for aid, data, _row in checked.entries)):
        outcome.errors.append(Problem(
            "这份进展情况表还没有填写：完成状态和进展与下发的模板完全相同，填报人、联系电话、填报日期也都是空的。"
            "请退回报送单位填写后重新报送；如本期确实没有变化，请至少填写填报人和填报日期后再导入。",
            file=outcome.path.name, sheet=sheet.sheet))
        return
    # Rows left exactly as sent (last period's status and texts) still count as this period's
    # report, as the unit returned them.
    unchanged = [row for aid, data, row in checked.entries if plan.by_id[aid].latest != ("", "", "")
                 and _as_sent(plan.by_id[aid], data)]
    if unchanged:
        rows = "、".join(str(r) for r in unchanged[:12]) + ("等" if len(unchanged) > 12 else "")
        outcome.warnings.append(Problem(
            f"第{rows}行（共{len(unchanged)}行）与上期报送的内容完全相同，已按本期报送导入（沿用上期）。"
            "如这些事项本期确有进展，请退回报送单位补充后重新导入。", file=outcome.path.name, sheet=sheet.sheet,
            severity="warning"))


def _finished(sheet, checked: CheckedReturn) -> CheckedReturn | FileOutcome:
    outcome = checked.outcome
    outcome.rows = len(checked.entries)
    # Reading and matching found their problems separately: list them in the sheet's order.
    outcome.errors.sort(key=lambda p: p.row or 0)
    outcome.warnings.sort(key=lambda p: p.row or 0)
    if not checked.entries and not outcome.errors:
        outcome.errors.append(Problem("表中没有任何填写了进展的行。请填写后重新报送。", file=outcome.path.name,
                                      sheet=sheet.sheet))
    return outcome if outcome.errors else checked


# -- the helpers the steps share ----------------------------------------------------------------

def _unit_from_filename(path: Path, index: DirectoryIndex) -> Department | None:
    stem = fold(path.stem)
    best: tuple[int, Department] | None = None
    for key, dep in index.by_key.items():
        if len(key) >= 2 and key in stem and (best is None or len(key) > best[0]):
            best = (len(key), dep)
    return best[1] if best else None


def _reported_on(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or clean(value) == "":
        return None
    parsed = parse_deadline(value)
    return parsed.due if parsed.kind == "date" else None


def _as_sent(info: AssignmentInfo, data: EntryData) -> bool:
    """A template row exactly as it was sent out (the latest status and texts, nothing added)."""
    return (data.status == info.status and (data.progress, data.problems, data.next_steps) == info.latest
            and not data.remarks)


def _match_row(row, dep: Department, plan: LoadedPlan, outcome: FileOutcome, where: dict) -> AssignmentInfo | None:
    """The assignment a row reports on: by its hidden id (a template's row), else by task and,
    where the unit has several on that task, by the closest 具体工作."""
    no_col = row.columns.get("no")
    if row.assignment_id is not None:
        info = plan.by_id.get(row.assignment_id)
        if info is None:
            outcome.errors.append(Problem(
                "这一行对应的分工已被删除或模板不是本数据库导出的。请向区政府办公室索取新模板。",
                column=row.columns.get("id"), **where))
            return None
        if info.department_id != dep.id:
            outcome.errors.append(Problem(
                f"这一行的分工属于“{info.department}”，不是“{dep.name}”。请不要在不同单位的模板之间复制行。",
                column=row.columns.get("id"), **where))
            return None
        return info
    task_no = row.task_no
    if task_no not in plan.task_nos:
        outcome.errors.append(Problem(
            f"任务编号 {row.task_cell} 不存在（重点任务为第1–{max(plan.task_nos)}项）。请核对任务编号。", column=no_col, **where))
        return None
    candidates = plan.by_unit_task.get((dep.id, task_no), [])
    if not candidates:
        collective = sorted({info.department for (dep_id, no), infos in plan.by_unit_task.items() if no == task_no
                             for info in infos if plan.departments[dep_id].category == COLLECTIVE})
        names = "、".join(collective)
        hint = (f"（这项任务分给了“{names}”，本单位不在其成员中；如本单位也承担，请区政府办公室在“单位”中"
                f"把本单位加入“{names}”的成员，或为本单位单独添加分工后再报送。）" if collective else "")
        outcome.errors.append(Problem(
            f"“{dep.name}”在第{task_no}项任务上没有分工，不能报送这一行。请核对任务编号；"
            f"如确需承担，请先在“分工”中添加。{hint}", column=no_col, **where))
        return None
    if len(candidates) == 1:
        return candidates[0]
    listing = _listing(candidates)
    if not row.measure:
        outcome.errors.append(Problem(
            f"“{dep.name}”在第{task_no}项任务上有{len(candidates)}项具体工作：{listing}。这一行没有写具体工作，"
            "无法判断报送的是哪一项。请增加“具体工作”列并照抄对应内容，或使用下发的模板。", column=no_col, **where))
        return None
    scored = sorted(((measure_similarity(row.measure, c.measure), c) for c in candidates),
                    key=lambda x: x[0], reverse=True)
    (best_score, best), (second_score, _) = scored[0], scored[1]
    if best_score >= MATCH_MIN and best_score - second_score >= MATCH_MARGIN:
        return best
    listing = _listing([c for _score, c in scored])  # the closest first
    how = "都相近" if best_score >= MATCH_MIN else "都对不上"
    outcome.errors.append(Problem(
        f"具体工作“{row.measure[:40]}”与“{dep.name}”在第{task_no}项任务上的几项具体工作{how}，无法判断是哪一项："
        f"{listing}。请照抄对应的具体工作后重新报送。", column=row.columns.get("measure"), **where))
    return None


def _listing(candidates: list[AssignmentInfo], limit: int = 6) -> str:
    shown = "；".join(f"“{c.measure[:40]}”" for c in candidates[:limit])
    return shown + (f"等共{len(candidates)}项" if len(candidates) > limit else "")


def measure_similarity(written: str, known: str) -> float:
    """How well a 具体工作 as a unit wrote it names a known one, 0–1.

    Units shorten the work (光伏发电项目 for 推进光伏发电项目建设，新增装机容量5万千瓦) or add to it, so
    besides the plain ratio the share of the shorter text found, in order, in the longer one in
    runs of two or more characters counts; a text contained in the other scores 0.95."""
    a, b = fold(written).strip("。.；;，,"), fold(known).strip("。.；;，,")
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return 0.95
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    covered = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
    return max(matcher.ratio(), 0.9 * covered / min(len(a), len(b)))


def _resolve_unit(name: str, index: DirectoryIndex) -> Department | None:
    """A unit as written in 填报单位: the name, or the name without a note (区住建委（盖章）)."""
    from ..domain.unitnames import split_units

    dep = index.resolve(name)
    if dep is not None:
        return dep
    mentions = split_units(name, index.bracket_names())
    found = {d.id: d for m in mentions if (d := index.resolve(m.name)) is not None}
    return next(iter(found.values())) if len(found) == 1 and len(mentions) == 1 else None
