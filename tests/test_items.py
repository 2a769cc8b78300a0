"""领导批示 and 会议议定事项 tracked like a plan (issue 16 part 2): entered one at a time or from a
sheet, all or nothing, numbered by year when they have no 文号, and then tracked as a document is —
templates and returns under their 文号, lights, 销号 — while the built-in plan stays untouched."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from greentasks.cli import main
from greentasks.domain.periods import require_period
from greentasks.excel.items_sheet import HEADERS, read_day
from greentasks.models import Assignment, Department, ImportBatch, Plan, Task
from greentasks.models.plan import KIND_DECISION, KIND_INSTRUCTION
from greentasks.services.actions import confirm_completions
from greentasks.services.audit import Actor
from greentasks.services.exports import export_templates
from greentasks.services.items import (
    Decision,
    add_decisions,
    add_instruction,
    class_of,
    import_items,
    kind_of,
    short_title,
)
from greentasks.services.queries import Context, assignment_rows, missing_units, status_summary
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import undo_batch
from tests.factories import fill_template

BATCH_TEXT = "请区生态环境局牵头，会同区水利局，于6月底前拿出凤嘴江水质改善方案，报区政府审定。"


def _builtin(db) -> list[tuple]:
    with db.reading() as s:
        builtin = s.scalar(select(Plan).where(Plan.is_builtin))
        return [(a.id, a.status, a.closure, a.deadline_text) for a in s.scalars(
            select(Assignment).join(Task).where(Task.plan_id == builtin.id).order_by(Assignment.id))]


def _plans(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Plan))


def _rows(db, doc_no: str, today: date):
    with db.reading() as s:
        ctx = Context.load(s, today, plan=doc_no)
        return ctx, assignment_rows(s, ctx), status_summary(s, ctx), missing_units(s, ctx)


# -- the words a clerk writes ---------------------------------------------------------------------

def test_kinds_classes_days_and_titles_as_clerks_write_them():
    assert kind_of("批示") == kind_of("领导批示") == KIND_INSTRUCTION
    assert kind_of("会议") == kind_of(" 会议议定事项 ") == KIND_DECISION
    assert kind_of("通知") is None
    assert class_of("批办") == class_of("批办件") == "批办性" and class_of("参阅性") == "参阅性"
    assert class_of("") == "" and class_of("紧急") is None
    assert read_day("2023-05-06") == read_day("2023/5/6") == read_day("2023.5.6") == date(2023, 5, 6)
    assert read_day("2023年5月6日") == read_day("二〇二三年五月六日") == date(2023, 5, 6)
    assert read_day(45052) == date(2023, 5, 6)  # a date cell that lost its format
    assert read_day("2023-02-30") == "2023-02-30" and read_day("下周一") == "下周一" and read_day(None) is None
    assert short_title(BATCH_TEXT) == "请区生态环境局牵头，会同区水利局"
    assert short_title("同意。") == "同意"


# -- one 批示, tracked to 销号 -----------------------------------------------------------------------

def test_an_instruction_is_tracked_like_a_plan_to_closure(example_db, tmp_path):
    before = _builtin(example_db)
    done = add_instruction(example_db, leader="张区长", on=date(2023, 5, 6), text=BATCH_TEXT,
                           units_lead=["区生态环境局"], units_support="区水利局", deadline="2023年6月底前",
                           subject="凤嘴江水质改善")
    assert done.outcome == "imported", [str(p) for p in done.errors]
    assert done.doc_no == "领导批示〔2023〕第1号" and done.numbered and done.assignments == 2
    with example_db.reading() as s:
        plan = s.get(Plan, done.plan_id)
        assert (plan.kind, plan.item_class, plan.issuer, plan.issued_on) == (KIND_INSTRUCTION, "批办性", "张区长",
                                                                             date(2023, 5, 6))
        assert plan.title == "张区长关于凤嘴江水质改善的批示"
        (task,) = plan.tasks
        assert (task.no, task.title, task.text, task.leader) == (1, "凤嘴江水质改善", BATCH_TEXT, "张区长")
        roles = {(a.department.name, a.role, a.deadline_due) for a in s.scalars(
            select(Assignment).where(Assignment.task_id == task.id))}
    assert roles == {("区生态环境局", "牵头", date(2023, 6, 30)), ("区水利局", "配合", date(2023, 6, 30))}

    # lights: overdue and not done after the deadline, as for any plan
    _ctx, rows, summary, missing = _rows(example_db, done.doc_no, date(2023, 7, 10))
    assert {r.department: r.light for r in rows} == {"区生态环境局": "红", "区水利局": "红"}
    assert summary.assignments == 2 and [m.name for m in missing] == ["区生态环境局"]

    # templates under the item's 文号, and their returns imported for it
    paths = export_templates(example_db, tmp_path / "模板", require_period("2023Q2"), today=date(2023, 7, 1),
                             plan=done.doc_no)
    lead = next(p for p in paths if "区生态环境局" in p.name)
    meta = openpyxl.load_workbook(lead)["_meta"]
    assert done.doc_no in [c.value for row in meta.iter_rows() for c in row]
    fill_template(lead, reported_on=date(2023, 7, 3), status_cycle=("已完成",), progress="方案已报区政府")
    (outcome,) = import_returns(example_db, [lead], plan=done.doc_no).files
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    with example_db.reading() as s:
        ids = list(s.scalars(select(Assignment.id).join(Task).where(Task.plan_id == done.plan_id,
                                                                     Assignment.closure == "待销号")))
    assert len(ids) == 1
    # 销号 of the item's assignment, by assignment, as for any plan
    assert confirm_completions(example_db, ids, Actor(user="clerk")).value == 1
    _ctx, rows, _summary, _missing = _rows(example_db, done.doc_no, date(2023, 7, 10))
    lead_row = next(r for r in rows if r.department == "区生态环境局")
    assert (lead_row.status, lead_row.closure, lead_row.light) == ("已完成", "已销号", "绿")
    assert _builtin(example_db) == before


def test_a_reading_instruction_has_no_assignments_and_owes_nothing(example_db):
    done = add_instruction(example_db, leader="张区长", on=date(2023, 5, 6), text="此件印发区政府各部门参阅。",
                           item_class="参阅性")
    assert done.outcome == "imported" and done.assignments == 0
    _ctx, rows, summary, missing = _rows(example_db, done.doc_no, date(2023, 7, 10))
    assert rows == [] and missing == [] and summary.assignments == 0
    # units or a deadline on a 参阅性 批示 are refused, saying why, not dropped
    refused = add_instruction(example_db, leader="张区长", on=date(2023, 5, 7), text="请区发展改革委阅研。",
                              units_lead="区发展改革委", deadline="2023年6月底前", item_class="参阅性")
    assert refused.outcome == "refused"
    assert any("参阅性批示只供阅知" in p.message for p in refused.errors) and len(refused.errors) == 2


def test_numbers_count_by_year_after_the_highest_and_skip_given_ones(example_db):
    def add(on: date, doc_no: str | None = None, text: str = "请区发展改革委研究落实。"):
        done = add_instruction(example_db, leader="张区长", on=on, text=text, units_lead="区发展改革委",
                               doc_no=doc_no)
        assert done.outcome == "imported", [str(p) for p in done.errors]
        return done.doc_no

    assert add(date(2023, 1, 5)) == "领导批示〔2023〕第1号"
    assert add(date(2023, 2, 5), doc_no="领导批示〔2023〕第7号") == "领导批示〔2023〕第7号"
    assert add(date(2023, 3, 5)) == "领导批示〔2023〕第8号"
    assert add(date(2024, 1, 5)) == "领导批示〔2024〕第1号"
    # a given number already registered is refused, naming the item that has it
    refused = add_instruction(example_db, leader="李副区长", on=date(2023, 4, 1), text="另一条批示。",
                              units_lead="区财政局", doc_no="领导批示〔2023〕第7号")
    assert refused.outcome == "refused" and "已经登记" in refused.errors[0].message
    # the same 批示 twice is refused too
    again = add_instruction(example_db, leader="张区长", on=date(2023, 1, 5), text="请区发展改革委研究落实。",
                            units_lead="区发展改革委")
    assert again.outcome == "refused" and "已经登记" in again.errors[0].message


def test_a_meeting_decisions_are_tasks_with_their_own_units_leaders_and_deadlines(example_db):
    done = add_decisions(example_db, meeting="区政府第12次常务会议", on=date(2023, 5, 10), doc_no="会议纪要〔2023〕12号",
                         decisions=[
                             Decision("原则同意《南川区城区污水管网改造方案》，由区水利局牵头组织实施。", lead="区水利局",
                                      support=["区财政局", "区住房城乡建委"], deadline="2023年12月底前",
                                      leader="陈副区长"),
                             Decision("加快推进金佛山旅游公路建设。", lead="区交通局", deadline="2024年6月底前",
                                      leader="王副区长", subject="金佛山旅游公路"),
                         ])
    assert done.outcome == "imported", [str(p) for p in done.errors]
    assert (done.doc_no, done.numbered, done.assignments) == ("会议纪要〔2023〕12号", False, 4)
    with example_db.reading() as s:
        plan = s.get(Plan, done.plan_id)
        assert (plan.kind, plan.title, plan.issuer, plan.item_class) == (
            KIND_DECISION, "区政府第12次常务会议议定事项", "区政府第12次常务会议", "")
        assert [(t.no, t.title, t.leader) for t in plan.tasks] == [
            (1, "原则同意《南川区城区污水管网改造方案》", "陈副区长"), (2, "金佛山旅游公路", "王副区长")]
    # task 1 of the meeting is not task 1 of the built-in plan
    _ctx, rows, _summary, _missing = _rows(example_db, done.doc_no, date(2023, 7, 10))
    assert {(r.task_no, r.department) for r in rows} == {(1, "区水利局"), (1, "区财政局"), (1, "区住房城乡建委"),
                                                         (2, "区交通局")}


def test_unknown_units_name_the_closest_and_nothing_is_written_until_created(example_db):
    plans = _plans(example_db)
    refused = add_decisions(example_db, meeting="区政府第14次常务会议", on=date(2023, 7, 1), decisions=[
        Decision("建设凤嘴江湿地公园。", lead="区林业所", support="区水利局")])
    assert refused.outcome == "refused" and refused.unknown_units["区林业所"][0] == "区林业局"
    assert "最接近的已知单位：区林业局" in refused.errors[0].message and _plans(example_db) == plans
    dry = add_decisions(example_db, meeting="区政府第14次常务会议", on=date(2023, 7, 1), dry_run=True,
                        create_departments=True, decisions=[Decision("建设凤嘴江湿地公园。", lead="区林业所")])
    assert dry.outcome == "dry-run" and dry.created_units == ["区林业所"] and _plans(example_db) == plans
    done = add_decisions(example_db, meeting="区政府第14次常务会议", on=date(2023, 7, 1), create_departments=True,
                         decisions=[Decision("建设凤嘴江湿地公园。", lead="区林业所")])
    assert done.outcome == "imported" and done.created_units == ["区林业所"]
    # undo takes the item and the unit it created away again
    undo_batch(example_db, done.batch_id)
    with example_db.reading() as s:
        assert s.get(Plan, done.plan_id) is None
        assert s.scalar(select(Department).where(Department.name == "区林业所")) is None


@pytest.mark.parametrize("missing", ["text", "lead", "on", "source"])
def test_what_is_missing_is_said(example_db, missing):
    values = {"leader": "张区长", "on": date(2023, 5, 6), "text": "请抓紧办理。", "units_lead": "区财政局"}
    values[{"source": "leader", "lead": "units_lead"}.get(missing, missing)] = None if missing == "on" else ""
    refused = add_instruction(example_db, **values)
    assert refused.outcome == "refused" and len(refused.errors) == 1
    assert {"text": "批示内容", "lead": "牵头单位", "on": "批示日期", "source": "批示领导"}[missing] in refused.errors[0].message


def test_a_day_written_as_a_clerk_writes_it_is_read_and_one_that_is_no_day_refused(example_db):
    done = add_instruction(example_db, leader="张区长", on="2023年5月6日", text="请区财政局研究。", units_lead="区财政局")
    assert done.outcome == "imported" and done.issued_on == date(2023, 5, 6)
    refused = add_instruction(example_db, leader="张区长", on="五月初", text="请区财政局研究。", units_lead="区财政局")
    assert refused.outcome == "refused" and "日期“五月初”无法识别" in refused.errors[0].message


# -- the sheet ------------------------------------------------------------------------------------

ROWS = [
    ["批示", "刘区长", date(2023, 6, 1), "请区住房城乡建委抓紧研究老旧小区改造资金缺口问题，6月底前报区政府。",
     "区住房城乡建委", "区财政局", "2023年6月底前", None, "批办性", "南川批办〔2023〕8号"],
    ["会议", "区政府第13次常务会议", "2023年6月5日", "同意实施城区污水管网改造工程。", "区水利局",
     "区财政局、区住房城乡建委", "2023年12月底前", "陈副区长", None, "会议纪要〔2023〕13号"],
    ["会议议定事项", "区政府第13次常务会议", "2023-06-05", "加快推进工业园区危废处置中心建设。", "区经济信息委",
     "区生态环境局", "2024年6月底前", "陈副区长", None, None],
    ["领导批示", "刘区长", "2023/6/2", "此件印发各部门参阅。", None, None, None, None, "参阅性", None],
]


def _sheet(tmp_path, rows, name="事项登记.xlsx"):
    out = tmp_path / "空白.xlsx"
    assert main(["export-items-template", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["事项"]
    assert [c.value for c in ws[1]] == HEADERS
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    path = tmp_path / name
    wb.save(path)
    return path


def test_a_sheet_becomes_items_one_meeting_per_meeting_and_day_and_undo_takes_them_away(example_db, tmp_path):
    before = _builtin(example_db)
    path = _sheet(tmp_path, ROWS)
    dry = import_items(example_db, path, dry_run=True)
    assert dry.outcome == "dry-run", [str(p) for p in dry.errors]
    assert [(i.kind, i.doc_no, len(i.tasks)) for i in dry.items] == [
        (KIND_INSTRUCTION, "南川批办〔2023〕8号", 1), (KIND_DECISION, "会议纪要〔2023〕13号", 2),
        (KIND_INSTRUCTION, "领导批示〔2023〕第1号", 1)]
    plans = _plans(example_db)
    done = import_items(example_db, path)
    assert done.outcome == "imported" and _plans(example_db) == plans + 3
    meeting = done.items[1]
    with example_db.reading() as s:
        tasks = s.scalars(select(Task).where(Task.plan_id == meeting.plan_id).order_by(Task.no)).all()
        assert [(t.no, t.leader) for t in tasks] == [(1, "陈副区长"), (2, "陈副区长")]
        assert s.get(Plan, done.items[0].plan_id).tasks[0].leader == "刘区长"  # a 批示's default 责任领导
        batch = s.get(ImportBatch, done.batch_id)
        assert "会议纪要〔2023〕13号" in batch.summary and batch.kind == "document"
    assert done.items[0].assignments == 2 and meeting.assignments == 5 and done.items[2].assignments == 0
    # the same file again is a duplicate, said once
    again = import_items(example_db, path)
    assert again.outcome == "duplicate" and _plans(example_db) == plans + 3
    undo_batch(example_db, done.batch_id)
    assert _plans(example_db) == plans and _builtin(example_db) == before


def test_a_sheet_with_one_bad_row_is_refused_whole_with_every_error_located(example_db, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][0] = "通知"  # 类型
    rows[2][4] = "区经信局X"  # an unknown lead unit
    rows[2][2] = "2023-06-05"
    rows[3][4] = "区财政局"  # units on a 参阅性 批示
    rows.append(["会议", "区政府第13次常务会议", "2023-06-05", "第三项。", "区财政局", None, None, None, None,
                 "会议纪要〔2023〕99号"])  # another minutes number for the same meeting
    rows.append(["批示", "刘区长", "下周一", "请研究。", "区财政局", None, None, None, "紧急", None])
    plans = _plans(example_db)
    outcome = import_items(example_db, _sheet(tmp_path, rows))
    assert outcome.outcome == "refused" and _plans(example_db) == plans
    where = {(p.row, p.column) for p in outcome.errors}
    assert {(2, "A"), (4, "E"), (5, "E"), (6, "J"), (7, "C"), (7, "I")} <= where, [str(p) for p in outcome.errors]
    assert all(p.file == "事项登记.xlsx" and p.sheet == "事项" for p in outcome.errors)
    assert "区经信局X" in outcome.unknown_units


def test_a_file_without_the_items_header_is_refused_saying_what_it_needs(example_db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "重点任务", "牵头单位"])
    path = tmp_path / "别的表.xlsx"
    wb.save(path)
    outcome = import_items(example_db, path)
    assert outcome.outcome == "refused" and "事项表的表头" in outcome.errors[0].message


# -- the command line -----------------------------------------------------------------------------

def test_add_item_and_import_items_on_the_command_line(example_db, tmp_path, capsys):
    db_arg = ["--db", str(example_db.sqlite_path or example_db.url)]
    code = main([*db_arg, "add-item", "--kind", "批示", "--from", "王区长", "--date", "2023年7月1日", "--text",
                 "请区发改委牵头研究。", "--lead", "发改委", "--lead", "区财政局（配合）", "--deadline", "2023-08-31",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["outcome"] == "imported" and data["doc_no"] == "领导批示〔2023〕第1号"
    assert data["tasks"][0]["lead"] == ["发改委"] and data["tasks"][0]["support"] == ["区财政局"]
    assert data["tasks"][0]["deadline"] == {"text": "2023-08-31", "kind": "date", "due": "2023-08-31"}

    code = main([*db_arg, "add-item", "--kind", "会议", "--from", "区政府第14次常务会议", "--date", "2023-07-01",
                 "--text", "建设湿地公园。", "--lead", "区林业所"])
    err = capsys.readouterr().err
    assert code == 1 and "区林业局" in err and "--create-departments" in err
    code = main([*db_arg, "add-item", "--kind", "会议", "--from", "区政府第14次常务会议", "--date", "2023-07-01",
                 "--text", "建设湿地公园。", "--lead", "区林业局", "--class", "批办"])
    assert code == 2 and "只用于领导批示" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([*db_arg, "add-item", "--kind", "通知", "--from", "x", "--date", "2023-07-01", "--text", "y"])
    assert exc.value.code == 2 and "无法识别" in capsys.readouterr().err

    path = _sheet(tmp_path, ROWS)
    assert main([*db_arg, "import-items", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    (file,) = json.loads(captured.out)["files"]
    assert file["outcome"] == "imported" and len(file["items"]) == 3
    assert "已登记领导批示 2 件、会议 1 次（议定事项 2 项）" in captured.err
    assert main([*db_arg, "export-items-template", str(tmp_path / "事项.csv")]) == 2
    assert "以 .xlsx 结尾" in capsys.readouterr().err
