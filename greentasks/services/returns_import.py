"""Importing progress returns (docs/excel.md#returns): a batch of files or folders, each file all or nothing.

The batch first reads and checks every file (services.returns_check; no writes: this is the
slow part and can be cancelled), then writes each valid file through the import skeleton
(services.importing) in its own short transaction. The documents' assignments and the directory
are loaded once per batch; there is no query per row. A batch for no document in particular
finds each file's own (services.returns_check.load_plans); the outcome names it (``plan``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.extensions import REQUESTED, date_words
from ..domain.periods import Period
from ..domain.statuses import DONE
from ..errors import Problem
from ..inbox.items import Received
from ..models import DeadlineExtension
from ..models.audit import BATCH_RETURNS
from .changes import Changes
from .importing import BatchRecord, backup_before, mark_duplicate, write_failed, write_file
from .outcomes import CANCELLED, DRY_RUN, REFUSED, FileOutcome, ImportReport, ReturnEffect, RowChange
from .progress import StateBefore, record_entries, replaces_latest, state_before
from .returns_check import CheckedReturn, ExtensionAsk, LoadedPlan, LoadedPlans, check_file, load_plans

FIELD_LABELS = (("status", "完成状态"), ("progress", "进展情况"), ("problems", "存在问题"),
                ("next_steps", "下步计划"), ("remarks", "备注"))


def collect_returns(paths: Iterable[str | Path], report: ImportReport) -> list[Received]:
    """The spreadsheets in what the clerk gave (files, folders, zips, saved mails); what was not
    taken goes into ``report.passed``, a zip or mail that could not be opened is a refused file."""
    from ..inbox.collect import collect

    inbox = collect(paths)
    report.passed = list(inbox.passed)
    for problem in inbox.refused:
        name = problem.file or ""
        report.files.append(FileOutcome(path=Path(name), name=name, outcome=REFUSED, errors=[problem]))
    return inbox.items


def import_returns(db: Database, paths: list[str | Path], *, plan: str | None = None,
                   period: Period | None = None, department: str | None = None, dry_run: bool = False,
                   progress: Callable[[int, int, str], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Check every file, then (unless a dry run) write each valid one, newest report last.

    ``period`` and ``department`` are used for a file that names neither itself. ``plan`` is a
    文号: every file must be that document's (a repealed one is refused, PlanRepealed); None:
    each file's document is found from the file (its template's hidden 文号, its header, its
    tasks), which is the built-in plan while that is the only active document. What the written
    files touched is ``report.touched``."""
    if isinstance(period, str):  # text is parsed at the edge (the CLI, the window)
        raise TypeError("import_returns takes a Period, not a period code")
    period_option = period
    report = ImportReport()
    files = collect_returns(paths, report)
    unopened = list(report.files)  # zips and mails that could not be opened
    with db.reading() as session:
        loaded = load_plans(session, plan)
    checked = _check_all(files, loaded, report, period_option, department, progress, cancelled)
    if checked is None or (cancelled and cancelled()):
        # Nothing has been written yet: a cancelled batch leaves the database as it was.
        report.files = unopened + [FileOutcome(path=r.source, name=r.name, mail=r.mail, outcome=CANCELLED)
                                   for r in files]
        return report
    # Within a batch, an older return of the same unit and period goes first, so the newer one
    # (by 填报日期, else by file time) supersedes it.
    checked.sort(key=lambda c: (c.reported_on or date.min, c.mtime))
    if dry_run:
        with db.reading() as session:
            for c in checked:
                _preview(session, c, c.plan or loaded.fallback)
                c.outcome.outcome = DRY_RUN
    elif checked:
        report.backup = backup_before(db, "报送")
        for c in checked:
            try:
                _commit(db, c, c.plan or loaded.fallback)
            except SQLAlchemyError as exc:  # failed outside the file's own transaction handling
                write_failed(c.outcome, exc)
    if progress:
        progress(len(files), len(files), "")
    return report


def _check_all(files: list[Received], loaded: LoadedPlans, report: ImportReport, period: Period | None,
               department: str | None, progress: Callable[[int, int, str], None] | None,
               cancelled: Callable[[], bool] | None) -> list[CheckedReturn] | None:
    """Every file checked, its outcome in ``report``; the ones to write (None: cancelled). A file
    already imported is a duplicate here, before anything is written."""
    checked: list[CheckedReturn] = []
    for i, item in enumerate(files):
        if cancelled and cancelled():
            return None
        if progress:
            progress(i, len(files), item.name)
        result = check_file(item, loaded, period_option=period, department_option=department)
        if isinstance(result, FileOutcome):
            result.outcome = REFUSED
            report.files.append(result)
            continue
        report.files.append(result.outcome)
        if result.digest in loaded.imported_hashes:
            mark_duplicate(result.outcome, BATCH_RETURNS)
            continue
        loaded.imported_hashes.add(result.digest)
        checked.append(result)
    return checked


def _commit(db: Database, checked: CheckedReturn, plan: LoadedPlan) -> Changes:
    """Write one checked return: its batch and its reports (superseding this period's earlier
    ones), with the figures of what it did."""
    outcome = checked.outcome
    # Another document's return names it in the import history (the built-in plan's read as before).
    document = "" if plan.is_default else f"{plan.doc_no} "
    record = BatchRecord(BATCH_RETURNS, outcome.path, checked.digest, rows=len(checked.entries),
                         department_id=checked.department_id, period=checked.period.code,
                         summary=f"{document}{outcome.department} {checked.period.label}", name=outcome.name)

    def apply(session: Session, actor, _batch_id: int) -> bool:
        from .extensions import record_request

        before = _preview(session, checked, plan)
        record_entries(session, actor, [(aid, data) for aid, data, _row in checked.entries], checked.period.code,
                       before=before)
        # 申请延期至: requests for the office to decide, never approvals; logged with the batch,
        # so undoing the batch removes them.
        for ask in _extension_asks(session, checked, warn=False):
            record_request(session, actor, ask.assignment_id, ask.to, ask.reason, ask.reference,
                           requested_on=checked.reported_on or date.today())
        return True

    return write_file(db, outcome, record, apply)


def _preview(session: Session, checked: CheckedReturn, plan: LoadedPlan) -> StateBefore:
    """The return's row changes and figures against the database as it is; the state they were
    computed from, for writing them."""
    before = state_before(session, [aid for aid, _, _ in checked.entries], checked.period.code)
    checked.outcome.changes = _changes(checked, plan, before)
    checked.outcome.effect = _effect(checked, before, checked.outcome.changes)
    asks = _extension_asks(session, checked)
    checked.outcome.effect.extension_requests = len(asks)
    for ask in asks:  # shown among the rows' changes in the preview, for the clerk to see
        info = plan.by_id[ask.assignment_id]
        checked.outcome.changes.append(RowChange(
            ask.row, ask.assignment_id, info.task_no, info.department, info.measure, checked.period.code,
            "申请延期（待审核）", [("申请延期至", info.deadline_text, date_words(ask.to))]))
    return before


def _extension_asks(session: Session, checked: CheckedReturn, *, warn: bool = True) -> list[ExtensionAsk]:
    """The return's 申请延期至 that would be new requests: one the same as a request still
    waiting for a decision (the unit asked again, or sent a corrected return) is not recorded
    twice, and the clerk is told (``warn``)."""
    asks = checked.extension_asks
    if not asks:
        return []
    pending = {(aid, to) for aid, to in session.execute(
        select(DeadlineExtension.assignment_id, DeadlineExtension.requested_to)
        .where(DeadlineExtension.assignment_id.in_({a.assignment_id for a in asks}),
               DeadlineExtension.state == REQUESTED))}
    new = []
    for ask in asks:
        if (ask.assignment_id, ask.to) not in pending:
            new.append(ask)
        elif warn:
            checked.outcome.warnings.append(Problem(
                f"申请延期至{date_words(ask.to)}：这项分工已有同样的延期申请在等待审核，不再重复登记。",
                file=checked.outcome.name, sheet=ask.sheet, row=ask.row, column=ask.column, severity="warning"))
    return new


def _changes(checked: CheckedReturn, plan: LoadedPlan, before: StateBefore) -> list[RowChange]:
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


def _effect(checked: CheckedReturn, before: StateBefore, changes: list[RowChange]) -> ReturnEffect:
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
