"""Importing progress returns (docs/excel.md#returns): a batch of files or folders, each file all or nothing.

The batch first reads and checks every file (no writes; this is the slow part and can be
cancelled), then commits each valid file in its own short transaction. The plan's assignments
and the directory are loaded once per batch; there is no query per row.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..db import BUSY_MESSAGE, Database, is_busy
from ..domain.deadlines import parse_deadline
from ..domain.periods import Period
from ..domain.statuses import ACCEPTED_STATUS_TEXT, DONE, normalize_status
from ..domain.text import clean, fold
from ..errors import FileRefused, Problem
from ..models import Assignment, Department, ImportBatch, ProgressEntry, Task
from ..models.audit import BATCH_RETURNS, OUTCOME_IMPORTED, SOURCE_IMPORT
from ..models.base import now
from ..paths import current_user
from .audit import Actor
from .backups import auto_backup
from .directory import DirectoryIndex
from .outcomes import (
    CANCELLED,
    DRY_RUN,
    DUPLICATE,
    IMPORTED,
    REFUSED,
    FileOutcome,
    ImportReport,
    ReturnEffect,
    RowChange,
)
from .progress import EntryData, StateBefore, record_entries, replaces_latest, state_before
from .queries import builtin_plan

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv", ".htm", ".html", ".xml"}
FIELD_LABELS = (("status", "完成状态"), ("progress", "进展情况"), ("problems", "存在问题"),
                ("next_steps", "下步计划"), ("remarks", "备注"))
# 具体工作 similarity needed to pick one of a unit's several assignments on a task, and the margin
# by which the best must beat the second best.
MATCH_MIN = 0.45
MATCH_MARGIN = 0.12


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder means every spreadsheet in it (Office lock files skipped)."""
    result: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for child in sorted(p.iterdir()):
                if (child.is_file() and child.suffix.lower() in SPREADSHEET_SUFFIXES
                        and not child.name.startswith(("~$", ".~"))):
                    result.append(child)
        else:
            result.append(p)
    return result


@dataclass
class _AssignmentInfo:
    id: int
    task_no: int
    department_id: int
    department: str
    measure: str
    role: str
    status: str
    latest: tuple[str, str, str] = ("", "", "")  # the newest entry's 进展情况, 存在问题, 下步计划


@dataclass
class _Plan:
    """Everything a batch needs from the database, loaded once."""

    doc_no: str
    task_nos: set[int]
    by_unit_task: dict[tuple[int, int], list[_AssignmentInfo]]
    by_id: dict[int, _AssignmentInfo]
    index: DirectoryIndex
    imported_hashes: set[str]
    departments: dict[int, Department]


@dataclass
class _Checked:
    outcome: FileOutcome
    digest: str
    department_id: int
    period: Period
    entries: list[tuple[int, EntryData, int]] = field(default_factory=list)  # (assignment id, data, row)
    mtime: float = 0.0
    reported_on: date | None = None


def _load_plan(session: Session) -> _Plan:
    plan = builtin_plan(session)
    index = DirectoryIndex(session)
    rows = session.execute(
        select(Assignment.id, Task.no, Assignment.department_id, Department.name, Assignment.measure,
               Assignment.role, Assignment.status, ProgressEntry.progress, ProgressEntry.problems,
               ProgressEntry.next_steps)
        .join(Task, Task.id == Assignment.task_id)
        .join(Department, Department.id == Assignment.department_id)
        .outerjoin(ProgressEntry, ProgressEntry.id == Assignment.latest_entry_id)
        .where(Task.plan_id == plan.id)
    ).all()
    by_unit_task: dict[tuple[int, int], list[_AssignmentInfo]] = {}
    by_id: dict[int, _AssignmentInfo] = {}
    for r in rows:
        info = _AssignmentInfo(*r[:7], latest=(r[7] or "", r[8] or "", r[9] or ""))
        by_unit_task.setdefault((info.department_id, info.task_no), []).append(info)
        by_id[info.id] = info
    hashes = set(session.scalars(select(ImportBatch.sha256).where(
        ImportBatch.kind == BATCH_RETURNS, ImportBatch.outcome == OUTCOME_IMPORTED)))
    task_nos = set(session.scalars(select(Task.no).where(Task.plan_id == plan.id)))
    return _Plan(plan.doc_no, task_nos, by_unit_task, by_id, index, hashes,
                 {d.id: d for d in index.by_key.values()})


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


def check_file(path: Path, plan: _Plan, *, period_option: Period | None, department_option: str | None) -> _Checked | FileOutcome:
    """Read and validate one file without writing anything."""
    from ..excel.reader import column_letter, read_workbook, sha256_of
    from ..excel.return_sheet import period_from, read_return

    outcome = FileOutcome(path=path)
    file = path.name
    try:
        book = read_workbook(path)
        digest = sha256_of(path)
    except FileRefused as exc:
        outcome.errors.append(exc.problem)
        return outcome
    except OSError as exc:
        outcome.errors.append(Problem(f"文件无法读取（{exc.strerror or exc}）。请确认文件存在且没有被其他程序占用。", file=file))
        return outcome
    sheet, problems = read_return(book)
    if sheet is None:
        outcome.errors += problems
        return outcome
    outcome.errors += sheet.problems
    outcome.warnings += sheet.warnings

    # The unit: _meta, else the 填报单位 cell, else a unit named in the file name, else the option.
    index = plan.index
    dep: Department | None = None
    if sheet.meta.get("department_id", "").isdigit():
        dep = plan.departments.get(int(sheet.meta["department_id"]))
    if dep is None and sheet.meta.get("department"):
        dep = index.resolve(sheet.meta["department"])
    if sheet.meta and sheet.meta.get("doc_no") and sheet.meta["doc_no"] != plan.doc_no:
        outcome.errors.append(Problem(
            f"这份模板属于文件 {sheet.meta['doc_no']}，不是 {plan.doc_no} 的进展情况表。请确认报送的文件。",
            file=file, sheet="_meta"))
        return outcome
    if dep is not None and sheet.block.get("department"):
        shown = _resolve_unit(clean(sheet.block["department"]), index)
        if shown is not None and shown.id != dep.id:
            outcome.errors.append(Problem(
                f"填报单位不一致：这是下发给“{dep.name}”的模板，表中的填报单位却是“{shown.name}”。"
                "请用本单位的模板重新填写后报送。", file=file, sheet=sheet.sheet))
            return outcome
    if dep is None and sheet.block.get("department"):
        name = clean(sheet.block["department"])
        dep = _resolve_unit(name, index)
        if dep is None:
            outcome.unknown_units[name] = index.suggestions(name)
            at = sheet.block_cells.get("department")
            outcome.errors.append(Problem(
                f"填报单位：{index.unknown_message(name)}", file=file, sheet=sheet.sheet,
                row=at[0] + 1 if at else None, column=column_letter(at[1]) if at else None))
            return outcome
    if dep is None:
        dep = _unit_from_filename(path, index)
    if dep is None and department_option:
        dep = index.resolve(department_option)
        if dep is None:
            outcome.errors.append(Problem(index.unknown_message(department_option), file=file))
            return outcome
    if dep is None:
        outcome.errors.append(Problem(
            "无法确定这份进展情况表是哪个单位报送的：表中没有“填报单位：…”，文件名中也没有单位名称。"
            "请在表头上方填写“填报单位：单位全称”，或把单位名称写进文件名，或导入时指定单位"
            "（命令行：--department 单位名称）。", file=file, sheet=sheet.sheet))
        return outcome
    outcome.department = dep.name

    # The period: _meta, else the 报送期 cell, else the file name, else the option. A template
    # whose hidden period disagrees with what the clerk sees (a unit filled last quarter's
    # template again) is refused rather than filed under the wrong period.
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
            return outcome
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
        return outcome
    outcome.period = period.code

    reporter = clean(sheet.block.get("reporter"))
    phone = clean(sheet.block.get("phone"))
    reported_on = _reported_on(sheet.block.get("reported_on"))
    if sheet.block.get("reported_on") is not None and reported_on is None and clean(sheet.block.get("reported_on")):
        at = sheet.block_cells.get("reported_on")
        outcome.warnings.append(Problem(
            f"填报日期“{clean(sheet.block['reported_on'])}”无法识别，已忽略。请写成 2023年4月6日 或 2023-04-06。",
            file=file, sheet=sheet.sheet, row=at[0] + 1 if at else None, column=column_letter(at[1]) if at else None,
            severity="warning"))

    checked = _Checked(outcome=outcome, digest=digest, department_id=dep.id, period=period,
                       reported_on=reported_on)
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
            remarks=row.remarks, reporter=reporter, phone=phone, reported_on=reported_on), row.row))
    if (sheet.is_template and checked.entries and not outcome.errors and not (reporter or phone or reported_on)
            and all(_as_sent(plan.by_id[aid], data) for aid, data, _row in checked.entries)):
        outcome.errors.append(Problem(
            "这份进展情况表还没有填写：完成状态和进展与下发的模板完全相同，填报人、联系电话、填报日期也都是空的。"
            "请退回报送单位填写后重新报送；如本期确实没有变化，请至少填写填报人和填报日期后再导入。",
            file=file, sheet=sheet.sheet))
    elif sheet.is_template and checked.entries and not outcome.errors:
        # Rows left exactly as sent (last period's status and texts) still count as this period's
        # report, as the unit returned them; the clerk is told which, to ask if in doubt.
        unchanged = [row for aid, data, row in checked.entries if plan.by_id[aid].latest != ("", "", "")
                     and _as_sent(plan.by_id[aid], data)]
        if unchanged:
            rows = "、".join(str(r) for r in unchanged[:12]) + ("等" if len(unchanged) > 12 else "")
            outcome.warnings.append(Problem(
                f"第{rows}行（共{len(unchanged)}行）与上期报送的内容完全相同，已按本期报送导入（沿用上期）。"
                "如这些事项本期确有进展，请退回报送单位补充后重新导入。", file=file, sheet=sheet.sheet,
                severity="warning"))
    outcome.rows = len(checked.entries)
    # Reading and matching found their errors separately: list them in the sheet's order.
    outcome.errors.sort(key=lambda p: p.row or 0)
    outcome.warnings.sort(key=lambda p: p.row or 0)
    if not checked.entries and not outcome.errors:
        outcome.errors.append(Problem("表中没有任何填写了进展的行。请填写后重新报送。", file=file, sheet=sheet.sheet))
    if outcome.errors:
        return outcome
    try:
        checked.mtime = path.stat().st_mtime
    except OSError:
        checked.mtime = 0.0
    return checked


def _as_sent(info: _AssignmentInfo, data: EntryData) -> bool:
    """A template row exactly as it was sent out (the latest status and texts, nothing added)."""
    return (data.status == info.status and (data.progress, data.problems, data.next_steps) == info.latest
            and not data.remarks)


def _match_row(row, dep: Department, plan: _Plan, outcome: FileOutcome, where: dict) -> _AssignmentInfo | None:
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
                             for info in infos if plan.departments[dep_id].category == "集合"})
        hint = (f"（这项任务分给了“{'、'.join(collective)}”，由区政府办公室为本单位单独添加分工后才能报送。）"
                if collective else "")
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


def _listing(candidates: list[_AssignmentInfo], limit: int = 6) -> str:
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


def _changes(checked: _Checked, plan: _Plan, before: StateBefore) -> list[RowChange]:
    changes: list[RowChange] = []
    for aid, data, row in checked.entries:
        info = plan.by_id[aid]
        previous = before.previous.get(aid)
        fields = []
        for attr, label in FIELD_LABELS:
            if previous is not None:
                old = getattr(previous, attr)
            else:
                old = before.state[aid].status if attr == "status" else ""
            new = getattr(data, attr)
            if (old or "") != (new or ""):
                fields.append((label, old or "", new or ""))
        action = "替代本期旧报送" if previous is not None else "新增报送"
        if previous is not None and not fields:
            action = "无变化"
        changes.append(RowChange(row, aid, info.task_no, info.department, info.measure, checked.period.code,
                                 action, fields))
    return changes


def _effect(checked: _Checked, before: StateBefore, changes: list[RowChange]) -> ReturnEffect:
    """The figures of a return against the database as it is (``before``), by the same rules
    record_entries applies: which reports are new or supersede this period's, whose status moves,
    and which 已完成 will wait for 销号."""
    effect = ReturnEffect()
    period = checked.period.code
    for (aid, data, _row), change in zip(checked.entries, changes, strict=True):
        previous = before.previous.get(aid)
        if previous is None:
            effect.new_entries += 1
        else:
            effect.superseded += 1
            effect.unchanged += change.action == "无变化"
        old = before.state[aid]
        if not replaces_latest(old, previous.id if previous is not None else None, period):
            continue
        if data.status != old.status:
            key = (old.status, data.status)
            effect.status_changes[key] = effect.status_changes.get(key, 0) + 1
        if data.status == DONE and old.status != DONE:
            effect.awaiting_closure += 1
    return effect


def _before(session: Session, checked: _Checked) -> StateBefore:
    return state_before(session, [aid for aid, _, _ in checked.entries], checked.period.code)


def _commit(db: Database, checked: _Checked, plan: _Plan) -> None:
    outcome = checked.outcome
    user = current_user()
    with db.sessions() as session, session.begin():
        before = _before(session, checked)
        outcome.changes = _changes(checked, plan, before)
        outcome.effect = _effect(checked, before, outcome.changes)
        batch_id = session.execute(insert(ImportBatch).returning(ImportBatch.id), [{
            "kind": BATCH_RETURNS, "file_name": outcome.path.name, "file_path": str(outcome.path),
            "sha256": checked.digest, "user": user, "department_id": checked.department_id,
            "period": checked.period.code, "rows": len(checked.entries), "created_at": now(),
            "summary": f"{outcome.department} {checked.period.label}"}]).scalar_one()
        actor = Actor(user=user, source=SOURCE_IMPORT, batch_id=batch_id)
        record_entries(session, actor, [(aid, data) for aid, data, _row in checked.entries], checked.period.code,
                       before=before)
        outcome.batch_id = batch_id
    outcome.outcome = IMPORTED


def write_failure(exc: SQLAlchemyError) -> str:
    if is_busy(exc):
        return BUSY_MESSAGE
    if isinstance(exc, IntegrityError):
        return ("另一位同事同时导入了这个单位本期的报送，为免重复，这个文件没有导入。"
                "请在“导入记录”中核对后，再重新导入这个文件。")
    reason = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
    return (f"写入数据库时出错（{reason}），这个文件没有导入，其他文件不受影响。"
            "请把这条信息告诉维护人员。")


def import_returns(db: Database, paths: list[str | Path], *, period: str | Period | None = None,
                   department: str | None = None, dry_run: bool = False,
                   progress: Callable[[int, int, str], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportReport:
    from ..domain.periods import parse_period

    period_option = parse_period(period) if isinstance(period, str) else period
    files = expand_paths(paths)
    report = ImportReport()
    with db.session() as session:
        plan = _load_plan(session)
    checked: list[_Checked] = []
    total = len(files)
    for i, path in enumerate(files):
        if cancelled and cancelled():
            # Nothing has been written yet: a cancelled batch leaves the database as it was.
            report.files = [FileOutcome(path=p, outcome=CANCELLED) for p in files]
            return report
        if progress:
            progress(i, total, path.name)
        result = check_file(path, plan, period_option=period_option, department_option=department)
        if isinstance(result, FileOutcome):
            result.outcome = REFUSED
            report.files.append(result)
            continue
        if result.digest in plan.imported_hashes:
            result.outcome.outcome = DUPLICATE
            result.outcome.warnings.append(Problem("这个文件以前已经导入过（内容完全相同），本次跳过。",
                                                   file=path.name, severity="warning"))
            report.files.append(result.outcome)
            continue
        plan.imported_hashes.add(result.digest)
        checked.append(result)
        report.files.append(result.outcome)
    if cancelled and cancelled():
        report.files = [FileOutcome(path=p, outcome=CANCELLED) for p in files]
        return report
    # Within a batch, an older return of the same unit and period goes first, so the newer one
    # (by 填报日期, else by file time) supersedes it.
    checked.sort(key=lambda c: (c.reported_on or date.min, c.mtime))
    if dry_run:
        with db.session() as session:
            for c in checked:
                before = _before(session, c)
                c.outcome.changes = _changes(c, plan, before)
                c.outcome.effect = _effect(c, before, c.outcome.changes)
                c.outcome.outcome = DRY_RUN
    elif checked:
        report.backup = auto_backup(db, reason="导入报送前")
        for c in checked:
            try:
                _commit(db, c, plan)
            except SQLAlchemyError as exc:
                # This file's transaction was rolled back whole; the other files go on.
                c.outcome.outcome = REFUSED
                c.outcome.changes = []
                c.outcome.effect = None
                c.outcome.batch_id = None
                c.outcome.errors.append(Problem(write_failure(exc), file=c.outcome.path.name))
    if progress:
        progress(total, total, "")
    return report
