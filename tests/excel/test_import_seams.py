"""The four importers on the one import path (services.importing): the database's own duplicate
check when two clerks import one file, no batch left by a refused file, a busy database named
rather than raised, and what each import says it touched."""

from __future__ import annotations

import sqlite3
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from greentasks.db import Database
from greentasks.errors import UsageError
from greentasks.models import Assignment, Department, ImportBatch, ProgressEntry
from greentasks.models.audit import BATCH_DIRECTORY, BATCH_PLAN, BATCH_RETURNS
from greentasks.services.directory_io import import_directory_file
from greentasks.services.indicators_import import import_indicators
from greentasks.services.outcomes import DUPLICATE, IMPORTED, REFUSED
from greentasks.services.plan_import import import_plan
from greentasks.services.returns_import import import_returns
from tests.factories import filled_returns


def _count(db, what, *where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(what).where(*where))


def _sheet(path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _plan_table(path):
    return _sheet(path, [["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限"],
                         [18, None, "推进能源转型", "区发展改革委", "区财政局", "2025年底前"]])


def test_a_return_a_colleague_imported_meanwhile_is_refused_by_the_database(example_db, tmp_path):
    """The second clerk's batch read the list of imported files before the first clerk's import
    committed, so that list lets the file through: the unique key on live batches stops it."""
    (path,) = filled_returns(example_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))[:1]
    batches = _count(example_db, ImportBatch, ImportBatch.kind == BATCH_RETURNS)
    entries = _count(example_db, ProgressEntry)
    first_clerk, second_clerk = Database(example_db.url), Database(example_db.url)
    first = []

    def meanwhile(_done: int, _total: int, _name: str) -> None:
        if not first:  # the second batch has loaded what it checks against, and not yet written
            first.append(import_returns(first_clerk, [path]))

    try:
        (late,) = import_returns(second_clerk, [path], progress=meanwhile).files
    finally:
        first_clerk.dispose()
        second_clerk.dispose()
    (early,) = first[0].files
    assert early.outcome == IMPORTED and early.batch_id is not None
    assert late.outcome == DUPLICATE and late.batch_id is None
    assert late.warnings[-1].message == "这个文件以前已经导入过（内容完全相同），本次跳过。"
    assert late.changes == [] and late.effect is None and not late.touched.any()
    assert _count(example_db, ImportBatch, ImportBatch.kind == BATCH_RETURNS) == batches + 1
    assert _count(example_db, ProgressEntry) == entries + early.rows


def test_a_table_a_colleague_imported_meanwhile_is_a_duplicate_and_one_batch(db, tmp_path):
    path = _plan_table(tmp_path / "分工表.xlsx")
    colleague = Database(db.url)
    first = []

    def meanwhile() -> bool:  # asked after the checks, before the write: the colleague is quicker
        first.append(import_plan(colleague, path))
        return False

    try:
        late = import_plan(db, path, cancelled=meanwhile)
    finally:
        colleague.dispose()
    assert first[0].outcome == IMPORTED and first[0].batch_id is not None
    assert late.outcome == DUPLICATE and late.batch_id is None and late.changes == []
    assert "这个分工表以前已经导入过" in late.warnings[-1].message
    assert _count(db, ImportBatch, ImportBatch.kind == BATCH_PLAN) == 1
    assert _count(db, Assignment) == 2


def test_a_table_imported_twice_keeps_one_batch(db, tmp_path):
    path = _plan_table(tmp_path / "分工表.xlsx")
    assert import_plan(db, path).outcome == IMPORTED
    again = import_plan(db, path)
    assert again.outcome == DUPLICATE and not again.touched.any()
    assert _count(db, ImportBatch, ImportBatch.kind == BATCH_PLAN) == 1


def test_a_directory_file_refused_for_its_rows_leaves_no_batch(db, tmp_path):
    # 发改委 is 区发展改革委's alias: claimed for 区财政局, the whole file is refused.
    path = _sheet(tmp_path / "通讯录.xlsx", [["单位名称", "简称/别名"], ["区财政局", "发改委"],
                                              ["区新单位", "新单位"]])
    outcome = import_directory_file(db, path)
    assert outcome.outcome == REFUSED and outcome.errors and outcome.batch_id is None
    assert not outcome.touched.any()
    assert _count(db, ImportBatch, ImportBatch.kind == BATCH_DIRECTORY) == 0
    assert _count(db, Department, Department.name == "区新单位") == 0


def test_a_busy_database_refuses_the_file_with_the_reason(sqlite_db, tmp_path, monkeypatch):
    """Another program holds the write lock past the busy timeout: the file is refused with the
    Chinese reason, nothing is written, and no exception reaches the caller."""
    from greentasks import db as dbmod

    path = _sheet(tmp_path / "通讯录.xlsx", [["单位名称", "类别"], ["区新单位", "区级部门"]])
    monkeypatch.setattr(dbmod, "SQLITE_BUSY_TIMEOUT_MS", 200)
    busy = Database(sqlite_db.sqlite_path)
    blocker = sqlite3.connect(sqlite_db.sqlite_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        outcome = import_directory_file(busy, path)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        busy.dispose()
    assert outcome.outcome == REFUSED and outcome.batch_id is None and not outcome.touched.any()
    assert "数据库正忙" in outcome.errors[-1].message
    assert _count(sqlite_db, Department, Department.name == "区新单位") == 0


def test_each_import_says_what_it_touched(example_db, tmp_path):
    files = filled_returns(example_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))[:2]
    assert not import_returns(example_db, files, dry_run=True).touched.any()
    report = import_returns(example_db, files)
    assert [f.outcome for f in report.files] == [IMPORTED, IMPORTED]
    touched = report.touched
    assert touched.assignments and touched.batches and not touched.indicators
    assert touched.task_nos == {c.task_no for f in report.files for c in f.changes}

    units = import_directory_file(example_db, _sheet(tmp_path / "通讯录.xlsx", [["单位名称", "类别"],
                                                                                ["区新单位", "区级部门"]]))
    assert units.outcome == IMPORTED
    assert units.touched.directory and units.touched.batches and not units.touched.assignments

    plan = import_plan(example_db, _sheet(tmp_path / "分工表.xlsx", [
        ["序号", "重点任务", "具体工作", "牵头单位", "完成时限"], [3, None, "一项新的具体工作", "区新单位", "2025年底前"]]))
    assert plan.outcome == IMPORTED
    assert plan.touched.assignments and plan.touched.task_nos == {3} and plan.touched.batches

    values = import_indicators(example_db, _sheet(tmp_path / "指标.xlsx", [["序号", "指标", "2024年"], [1, None, "12.5"]]))
    assert values.outcome == IMPORTED and values.changes
    assert values.touched.indicators and values.touched.batches and not values.touched.assignments


def test_the_importers_take_the_plan_by_its_document_number(db, tmp_path):
    from greentasks.services.bootstrap import builtin_plan_no

    path = _plan_table(tmp_path / "分工表.xlsx")
    assert import_plan(db, path, plan=builtin_plan_no()).outcome == IMPORTED
    with pytest.raises(UsageError, match="南川府发〔2099〕1号"):
        import_returns(db, [path], plan="南川府发〔2099〕1号")
    values = _sheet(tmp_path / "指标.xlsx", [["序号", "指标", "2024年"], [1, None, "12.5"]])
    with pytest.raises(UsageError, match="南川府发〔2099〕1号"):
        import_indicators(db, values, plan="南川府发〔2099〕1号")


def test_a_corrected_return_touches_only_its_own_tasks(example_db, tmp_path):
    first = filled_returns(example_db, tmp_path / "first", "2023Q2", date(2023, 7, 5))[:1]
    assert import_returns(example_db, first).files[0].outcome == IMPORTED
    again = filled_returns(example_db, tmp_path / "again", "2023Q2", date(2023, 7, 5),
                           reported_on=date(2023, 7, 4))[:1]
    report = import_returns(example_db, again)
    (outcome,) = report.files
    assert outcome.outcome == IMPORTED and outcome.effect.superseded == len(outcome.changes) > 0
    touched = report.touched
    # Not "every task": the views refresh the rows of this unit's tasks only
    assert not touched.rows_all and touched.task_nos == {c.task_no for c in outcome.changes}
