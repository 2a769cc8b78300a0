"""The register of 文件 (issue 16; docs/documents.md#register): list, edit, repeal (with the
repealing 文号 and the date, as the gazette's 南川府发〔2022〕33号 records), restore; and what a
repealed document no longer does — templates, notices, returns, red lights — while its history
stays readable. Each change is one logged transaction whose changes name the documents."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from sqlalchemy import select

from greentasks.db import Database
from greentasks.domain import lights
from greentasks.domain.periods import parse_period
from greentasks.errors import UsageError
from greentasks.models import ChangeLog, Plan
from greentasks.models.audit import SOURCE_HAND
from greentasks.services.catalog import document_register
from greentasks.services.exports import export_ledger, export_templates
from greentasks.services.history import assignment_history
from greentasks.services.notices import write_notices
from greentasks.services.plan_register import (
    PlanRepealed,
    edit_plan,
    plan_history,
    repeal_plan,
    restore_plan,
)
from greentasks.services.queries import Context, assignment_rows, missing_units, status_summary
from tests.excel._util import dump, run
from tests.test_plans_everywhere import BUILT_IN, OTHER, OTHER_TITLE, add_other_plan

TODAY = date(2023, 4, 10)
Q1 = parse_period("2023Q1")
GAZETTE = "南川府发〔2022〕33号"


@pytest.fixture
def office(tmp_path, _example_template) -> Database:
    target = tmp_path / "office.db"
    shutil.copyfile(_example_template, target)
    db = Database(target)
    add_other_plan(db)
    yield db
    db.dispose()


def cli(capsys, db: Database, *args):
    return run(capsys, "--db", db.sqlite_path, "--today", TODAY.isoformat(), *args)


def other_rows(db: Database):
    with db.reading() as s:
        ctx = Context.load(s, TODAY, Q1, OTHER)
        rows = assignment_rows(s, ctx)
        return rows, status_summary(s, ctx, rows), missing_units(s, ctx, rows)


def register_log(db: Database) -> list[tuple[str, str | None, str | None, str]]:
    with db.reading() as s:
        plan_id = s.scalar(select(Plan.id).where(Plan.title.startswith(OTHER_TITLE)))
        return [(r.field, r.old, r.new, r.source) for r in s.scalars(
            select(ChangeLog).where(ChangeLog.entity == "plans", ChangeLog.entity_id == plan_id).order_by(ChangeLog.id))]


def test_the_register_lists_every_document(capsys, office):
    code, out, err = cli(capsys, office, "plans", "--json")
    assert code == 0
    entries = {e["doc_no"]: e for e in json.loads(out)}
    assert set(entries) == {BUILT_IN, GAZETTE, "南川府办发〔2016〕72号", "南川府办发〔2022〕17号", OTHER}
    assert (entries[BUILT_IN]["is_default"], entries[BUILT_IN]["tasks"], entries[BUILT_IN]["is_builtin"]) == (True, 34, True)
    assert entries[BUILT_IN]["assignments"] > 100
    assert (entries[OTHER]["tasks"], entries[OTHER]["assignments"], entries[OTHER]["is_builtin"]) == (3, 4, False)
    repealed = entries["南川府办发〔2016〕72号"]
    assert (repealed["status"], repealed["repealed_by"], repealed["repealed_on"]) == ("废止", GAZETTE, "2022-09-27")
    code, out, err = cli(capsys, office, "plans")
    assert f"{BUILT_IN}《重庆市南川区人民政府关于加快推进绿色发展的实施意见》（内置文件）" in out
    assert "南川府办发〔2016〕72号《" in out and "废止（已于2022年9月27日由南川府发〔2022〕33号废止）" in out
    assert f"{OTHER}《{OTHER_TITLE}》  重庆市南川区人民政府办公室  2023年1月20日  有效  重点任务3项、分工4条" in out
    assert "共登记 5 个文件，其中有效 3 个。" in err


def test_editing_the_register_is_logged_and_names_the_documents(office):
    done = edit_plan(office, OTHER, title="南川区推进绿色低碳发展2023年工作要点（修订）", issuer="区政府办公室",
                     issued_on=date(2023, 1, 21))
    assert done.changes.documents and done.changes.assignments
    change = done.value
    assert change.entry.title.endswith("（修订）") and change.entry.issued_on == "2023-01-21"
    assert [c[0] for c in change.changed] == ["标题", "发文机关", "成文日期"]
    assert register_log(office) == [
        ("title", OTHER_TITLE, "南川区推进绿色低碳发展2023年工作要点（修订）", SOURCE_HAND),
        ("issuer", "重庆市南川区人民政府办公室", "区政府办公室", SOURCE_HAND),
        ("issued_on", "2023-01-20", "2023-01-21", SOURCE_HAND)]
    again = edit_plan(office, OTHER, issuer="区政府办公室").value
    assert again.changed == [] and "没有改动" in again.message
    # a new 文号: the document is found by it, and the old one is no longer registered
    edit_plan(office, OTHER, doc_no="南川府办发〔2023〕13号")
    with office.reading() as s:
        assert [e.doc_no for e in document_register(s) if e.title.endswith("（修订）")] == ["南川府办发〔2023〕13号"]
    with pytest.raises(UsageError, match="不在文件登记中"), office.reading() as s:
        Context.load(s, TODAY, plan=OTHER)


@pytest.mark.parametrize("edit,words", [
    ({"doc_no": " 南川府发〔2022〕３４号 "}, "文号“南川府发〔2022〕34号”已经登记"),  # another document's, as typed
    ({"title": "  "}, "标题不能为空"),
    ({"doc_no": "文" * 65}, "太长"),
])
def test_a_bad_edit_is_refused_and_writes_nothing(office, edit, words):
    before = dump(office)
    with pytest.raises(UsageError, match=words):
        edit_plan(office, OTHER, **edit)
    assert dump(office) == before


@pytest.mark.parametrize("doc_no", [BUILT_IN, GAZETTE])
def test_the_documents_the_program_brings_keep_their_number_and_title(office, doc_no):
    before = dump(office)
    for edit in ({"doc_no": "南川府发〔2022〕99号"}, {"title": "别的标题"}):
        with pytest.raises(UsageError, match="是程序自带的文件登记"):
            edit_plan(office, doc_no, **edit)
    assert dump(office) == before
    assert edit_plan(office, doc_no, issuer="南川区人民政府").value.changed == [("发文机关", "重庆市南川区人民政府",
                                                                                "南川区人民政府")]


def test_a_repealed_document_keeps_its_history_and_raises_no_warning(capsys, office, tmp_path):
    rows, summary, missing = other_rows(office)
    assert lights.RED in {r.light for r in rows} and summary.overdue == 1 and missing
    done = repeal_plan(office, OTHER, by="南川府发〔２０２２〕３３号", on=date(2023, 4, 1))
    assert done.changes.documents and done.changes.rows_all
    assert done.value.entry.repealed_by == GAZETTE  # the register's own spelling
    assert "已登记废止：文件南川府办发〔2023〕12号已于2023年4月1日由南川府发〔2022〕33号废止" in done.value.message
    rows, summary, missing = other_rows(office)
    reason = f"已废止：文件{OTHER}已于2023年4月1日由{GAZETTE}废止"
    assert {r.light for r in rows} == {lights.GREEN} and all(r.reasons == [reason] for r in rows)
    assert (summary.overdue, summary.due_soon, summary.by_light[lights.RED], missing) == (0, 0, 0, [])
    assert all(r.due is None and r.deadline_text for r in rows)  # nothing falls due; the 完成时限 stays
    with office.reading() as s:
        assert assignment_history(s, rows[0].id)["assignment"]["measure"] == rows[0].measure
    code, out, _ = cli(capsys, office, "list", "--plan", OTHER)
    assert code == 0 and out.count("[已废止]") == 4 and "[红]" not in out
    code, out, _ = cli(capsys, office, "status", "--plan", OTHER)
    assert f"{reason[4:]}，不再预警、催报。" in out and "逾期 0 条" in out
    # no templates, no notices (and so no 催报 recorded); the ledger is still there to read
    before = dump(office)
    with pytest.raises(PlanRepealed, match="不再导出报送模板"):
        export_templates(office, tmp_path / "下发", Q1, today=TODAY, plan=OTHER)
    assert not (tmp_path / "下发").exists()
    for kind in ("催报", "督办"):
        with pytest.raises(PlanRepealed, match="不再生成催报、督办通知"):
            write_notices(office, tmp_path / "通知", Q1, kind=kind, today=TODAY, plan=OTHER)
    code, _, err = cli(capsys, office, "export-templates", tmp_path / "下发", "--period", "2023Q2", "--plan", OTHER)
    assert code == 1 and "不再导出报送模板。如该文件仍要跟踪，请先在文件登记中恢复（命令行：plan-restore" in err
    code, _, err = cli(capsys, office, "notices", tmp_path / "通知", "--plan", OTHER)
    assert code == 1 and "不再生成催报、督办通知" in err
    assert dump(office) == before and not (tmp_path / "下发").exists() and not (tmp_path / "通知").exists()
    assert export_ledger(office, tmp_path / "台账.xlsx", Q1, TODAY, plan=OTHER).exists()
    # the built-in plan goes on as before
    with office.reading() as s:
        assert status_summary(s, Context.load(s, TODAY, Q1)).overdue > 0


@pytest.mark.parametrize("by,on,words", [
    (OTHER, date(2023, 4, 1), "不能废止它自己"),
    (GAZETTE, date(2022, 12, 1), "早于文件的成文日期2023年1月20日"),
    ("南川府发〔2023〕1号", date(2022, 12, 1), "早于文件的成文日期"),
    ("  ", date(2023, 4, 1), "废止文号不能为空"),
])
def test_a_bad_repeal_is_refused(office, by, on, words):
    before = dump(office)
    with pytest.raises(UsageError, match=words):
        repeal_plan(office, OTHER, by=by, on=on)
    assert dump(office) == before


def test_restoring_brings_the_document_back_and_keeps_the_record(capsys, office):
    with pytest.raises(UsageError, match="现为有效，没有废止，无需恢复"):
        restore_plan(office, OTHER)
    repeal_plan(office, OTHER, by=GAZETTE, on=date(2023, 4, 1))
    with pytest.raises(UsageError, match="如要更正废止记录，请先恢复"):
        repeal_plan(office, OTHER, by=GAZETTE, on=date(2023, 4, 2))
    done = restore_plan(office, OTHER)
    assert done.changes.documents and "原登记：文件南川府办发〔2023〕12号已于2023年4月1日由南川府发〔2022〕33号废止" in done.value.message
    rows, summary, _missing = other_rows(office)
    assert summary.overdue == 1 and lights.RED in {r.light for r in rows}
    assert register_log(office) == [
        ("status", "有效", "废止", SOURCE_HAND), ("repealed_by", None, GAZETTE, SOURCE_HAND),
        ("repealed_on", None, "2023-04-01", SOURCE_HAND),
        ("status", "废止", "有效", SOURCE_HAND), ("repealed_by", GAZETTE, None, SOURCE_HAND),
        ("repealed_on", "2023-04-01", None, SOURCE_HAND)]
    with office.reading() as s:
        history = plan_history(s, OTHER)
    assert [(h["field_label"], h["old"], h["new"]) for h in history][:3] == [
        ("状态", "有效", "废止"), ("废止文号", None, GAZETTE), ("废止日期", None, "2023-04-01")]
    assert {h["note"] for h in history} == {"废止文件", "恢复文件"}


def test_the_register_on_the_command_line(capsys, office):
    code, out, err = cli(capsys, office, "plan-repeal", OTHER, "--by", GAZETTE, "--on", "2023-04-01", "--json")
    assert code == 0 and json.loads(out)["document"]["status"] == "废止"
    assert "废止日期：— → 2023年4月1日" in err
    code, _, err = cli(capsys, office, "plan-repeal", OTHER, "--by", GAZETTE, "--on", "2023-04-01")
    assert code == 2 and "请先恢复（plan-restore 南川府办发〔2023〕12号）再重新废止" in err
    code, _, err = cli(capsys, office, "plan-restore", OTHER)
    assert code == 0 and "已恢复南川府办发〔2023〕12号为有效" in err
    code, _, err = cli(capsys, office, "plan-edit", OTHER)
    assert code == 2 and "请给出要修改的内容" in err
    code, out, err = cli(capsys, office, "plan-edit", OTHER, "--issuer", "区政府办公室", "--json")
    assert code == 0 and json.loads(out)["changed"] == [
        {"field": "发文机关", "old": "重庆市南川区人民政府办公室", "new": "区政府办公室"}]
    code, _, err = cli(capsys, office, "plan-edit", BUILT_IN, "--title", "别的标题")
    assert code == 2 and "是程序自带的文件登记，它的标题不能修改" in err
    code, _, err = cli(capsys, office, "plan-repeal", "南川府发〔2099〕1号", "--by", GAZETTE, "--on", "2023-04-01")
    assert code == 2 and "不在文件登记中" in err
    with pytest.raises(SystemExit) as exited:
        cli(capsys, office, "plan-repeal", OTHER, "--by", GAZETTE, "--on", "2023年4月1日")
    assert exited.value.code == 2 and "日期“2023年4月1日”格式不对" in capsys.readouterr().err
