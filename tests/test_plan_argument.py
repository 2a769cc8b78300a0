"""One plan argument and one period type (docs/vocabulary.md#plan-argument, docs/periods.md).

Every query, list, report and export is about one plan: the built-in one unless a caller names
another by its 文号. A second plan in the same database, with its own tasks numbered 1–3, must not
leak into the built-in plan's lists, and naming it must select only its rows — task 3 of one plan
is not task 3 of the other. Services take Period values only; text is parsed at the edge.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from greentasks.domain.periods import parse_period, require_period
from greentasks.errors import PeriodError, UsageError
from greentasks.models import Plan, Section, Task
from greentasks.reports import build_report
from greentasks.services import dashboard
from greentasks.services.assignments import add_assignment, create_assignment
from greentasks.services.audit import Actor
from greentasks.services.catalog import indicator_list, task_list
from greentasks.services.directory import DirectoryIndex
from greentasks.services.exports import export_ledger, export_scores, export_templates
from greentasks.services.progress import EntryData, record_entries
from greentasks.services.queries import (
    Context,
    Filters,
    assignment_rows,
    missing_units,
    resolve_plan,
    status_summary,
)
from greentasks.services.scores import SCOPE_PLAN, scored_periods, unit_scores
from greentasks.services.settings import plan_clock, plan_start

TODAY = date(2023, 4, 10)  # the example office's returns are for 2023Q1
Q1 = parse_period("2023Q1")
OTHER = "南川府办发〔2023〕99号"
OTHER_TITLE = "测试用的第二个文件"
ACTOR = Actor(user="测试")
UNIT = "区发展改革委"


def add_second_plan(db) -> int:
    """A second plan with tasks 1–3 and one assignment on its task 3, reported once for 2021Q1
    (earlier than any return of the example office). Returns the assignment's id."""
    with db.writing() as s:
        plan = Plan(doc_no=OTHER, title=OTHER_TITLE, issuer="区政府办公室", issued_on=date(2022, 1, 1))
        section = Section(plan=plan, path="一", code="一", title="一、第二个文件的章节", position=0)
        tasks = [Task(plan=plan, no=n, title=f"第二个文件的任务{n}", section=section) for n in (1, 2, 3)]
        s.add_all([plan, section, *tasks])
        s.flush()
        unit = DirectoryIndex(s).resolve(UNIT)
        assignment = create_assignment(s, ACTOR, tasks[2], unit, "牵头", "第二个文件第3项任务的工作", "2023年3月31日")
        record_entries(s, ACTOR, [(assignment.id, EntryData(status="推进中", progress="第二个文件的进展"))], "2021Q1")
        return assignment.id


def workbook_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def built_in_views(db, out: Path) -> dict:
    """What the built-in plan's lists, counts, catalog, scores and ledger show."""
    with db.reading() as s:
        ctx = Context.load(s, TODAY)
        rows = assignment_rows(s, ctx)
        overview = dashboard.load_overview(s, TODAY)
        views = {
            "rows": rows,
            "task3": assignment_rows(s, ctx, Filters(task_no=3)),
            "summary": status_summary(s, ctx, rows).to_json(),
            "missing": missing_units(s, ctx, rows),
            "overview": (overview.rows, overview.summary.to_json(), overview.missing),
            "tasks": task_list(s),
            "indicators": indicator_list(s),
            "periods": scored_periods(s, ctx, SCOPE_PLAN),
            "scores": unit_scores(s, ctx, scope=SCOPE_PLAN),
            "report": build_report(s, ctx, "full").plain_text(),
        }
    views["ledger"] = workbook_values(export_ledger(db, out, today=TODAY))
    return views


def test_the_built_in_plan_does_not_see_another_plan(example_db, tmp_path):
    before = built_in_views(example_db, tmp_path / "before.xlsx")
    other_id = add_second_plan(example_db)
    after = built_in_views(example_db, tmp_path / "after.xlsx")
    assert all(r.id != other_id for r in after["rows"] + after["task3"])
    for key in before:
        assert after[key] == before[key], key
    assert after["summary"]["tasks"] == 34
    assert all(t["title"] != "第二个文件的任务3" for t in after["tasks"])


def test_naming_the_other_plan_selects_only_its_rows(example_db, tmp_path):
    other_id = add_second_plan(example_db)
    with example_db.reading() as s:
        ctx = Context.load(s, TODAY, Q1, plan=OTHER)
        assert (ctx.plan.doc_no, ctx.plan.title) == (OTHER, OTHER_TITLE)
        assert ctx.plan.id == resolve_plan(s, OTHER).id != resolve_plan(s).id
        rows = assignment_rows(s, ctx)
        assert [(r.id, r.task_no, r.task_title, r.department) for r in rows] == [
            (other_id, 3, "第二个文件的任务3", UNIT)]
        assert rows[0].section == "一、第二个文件的章节"
        assert [r.id for r in assignment_rows(s, ctx, Filters(task_no=3))] == [other_id]
        built_in_task3 = assignment_rows(s, Context.load(s, TODAY, Q1), Filters(task_no=3))
        assert built_in_task3 and rows[0].task_id not in {r.task_id for r in built_in_task3}
        summary = status_summary(s, ctx)
        assert (summary.plan, summary.tasks, summary.assignments) == (OTHER, 3, 1)
        # it owes a return for 2023Q1 and sent none; its only return was for 2021Q1
        assert [m.name for m in missing_units(s, ctx)] == [UNIT] == summary.missing_returns
        assert [t["no"] for t in task_list(s, plan=OTHER)] == [1, 2, 3]
        assert indicator_list(s, plan=OTHER) == []
        assert scored_periods(s, ctx, SCOPE_PLAN)[0] == parse_period("2021Q1")
        assert scored_periods(s, Context.load(s, TODAY, Q1), SCOPE_PLAN)[0] != parse_period("2021Q1")
        [score] = unit_scores(s, ctx)
        assert (score.department, score.lead, score.owed, score.sent) == (UNIT, 1, 1, 0)
        overview = dashboard.load_overview(s, TODAY, Q1, plan=OTHER)
        assert [r.id for r in overview.rows] == [other_id] and overview.overdue_ids == {other_id}
        assert plan_start(s, plan=OTHER) == date(2022, 1, 1) == overview.clock.start
        assert plan_clock(s, TODAY).start != date(2022, 1, 1)
        report = build_report(s, ctx, "full")
        assert OTHER_TITLE in report.parts[0].title and OTHER in report.parts[0].subtitle
        assert [r.cells[0].text for r in report.parts[0].tables[0].rows] == ["1", "2", "3"]
        # the 文号 as a clerk may type it: full-width digits, stray spaces
        assert resolve_plan(s, " 南川府办发〔２０２３〕９９号 ").id == ctx.plan.id
    with example_db.writing() as s:
        unit = DirectoryIndex(s).resolve("区经济信息委")
        added = add_assignment(s, ACTOR, 3, unit.id, "配合", "配合第二个文件的工作", "", plan=OTHER)
        assert added.task.plan.doc_no == OTHER and added.task.title == "第二个文件的任务3"
    ledger = workbook_values(export_ledger(example_db, tmp_path / "other.xlsx", Q1, TODAY, plan=OTHER))
    texts = {str(v) for rows in ledger.values() for row in rows for v in row if v is not None}
    assert any(OTHER_TITLE in t for t in texts) and "第二个文件第3项任务的工作" in texts
    assert not any("加快推进绿色发展" in t for t in texts)
    templates = export_templates(example_db, tmp_path / "t", Q1, today=TODAY, plan=OTHER)
    assert sorted(p.name for p in templates) == sorted(f"2023Q1_{u}_进展情况表.xlsx" for u in (UNIT, "区经济信息委"))
    texts = {str(v) for rows in workbook_values(templates[0]).values() for row in rows for v in row if v is not None}
    assert any(OTHER in t for t in texts) and not any("34号" in t for t in texts)


def test_an_unknown_document_number_names_the_registered_ones(db):
    with db.reading() as s:
        with pytest.raises(UsageError) as raised:
            resolve_plan(s, "南川府发〔2099〕1号")
        assert "“南川府发〔2099〕1号”不在文件登记中" in str(raised.value)
        assert "南川府发〔2022〕34号" in str(raised.value) and "南川府发〔2022〕33号" in str(raised.value)
        with pytest.raises(UsageError):
            Context.load(s, TODAY, plan="34号")
        # a registered document without tasks is a plan like any other: it is simply empty
        ctx = Context.load(s, TODAY, plan="南川府发〔2022〕33号")
        assert assignment_rows(s, ctx) == [] and status_summary(s, ctx).tasks == 0


def test_services_take_period_values_only(example_db, tmp_path):
    with example_db.reading() as s:
        with pytest.raises(TypeError):
            Context.load(s, TODAY, "2023Q1")
        with pytest.raises(TypeError):
            dashboard.load_overview(s, TODAY, "2023Q1")
        assert Context.load(s, TODAY, require_period("2023年第一季度")).period == Q1
    with pytest.raises(TypeError):
        export_ledger(example_db, tmp_path / "l.xlsx", "2023Q1", TODAY)
    with pytest.raises(TypeError):
        export_scores(example_db, tmp_path / "s.xlsx", today=TODAY, period="2023Q1")
    with pytest.raises(TypeError):
        export_templates(example_db, tmp_path / "t", "2023Q1", today=TODAY)
    assert not (tmp_path / "t").exists() and not (tmp_path / "l.xlsx").exists()
    # the edge's one error for text that is no period
    with pytest.raises(PeriodError) as raised:
        require_period("第一季度")
    assert isinstance(raised.value, UsageError) and "报送期“第一季度”无法识别" in str(raised.value)
