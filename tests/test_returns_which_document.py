"""A return knows its document (issue 16; docs/documents.md#return-document).

With two active documents whose task numbers overlap, a batch imported for no document in
particular sends each file to its own: a template by its hidden 文号, a unit's own sheet by the
文号 or title in its header, else by its tasks (the one document in which the unit has work on
every task the rows name). A sheet that fits both is refused, naming both and saying how to
choose; one that fits neither meets the built-in plan's checks as before. A repealed document
takes no return. The import's record and its JSON say which document each file went to.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from greentasks.db import Database
from greentasks.domain.periods import parse_period
from greentasks.models import Assignment, ImportBatch, ProgressEntry, Task
from greentasks.services import returns_check
from greentasks.services.exports import export_templates
from greentasks.services.plan_register import PlanRepealed, edit_plan, repeal_plan
from greentasks.services.queries import Context, Filters, assignment_rows
from greentasks.services.returns_import import import_returns
from tests.excel._books import free_return, write_xlsx
from tests.excel._util import dump, run
from tests.factories import fill_template
from tests.test_plans_everywhere import BUILT_IN, OTHER, OTHER_TITLE, add_other_plan

Q2 = parse_period("2023Q2")
TODAY = parse_period("2023Q2").end  # the returns arrive once the quarter is over
PERIOD = "2023年第二季度"


@pytest.fixture
def office(tmp_path, _example_template) -> Database:
    """The example office with the second document of tests/test_plans_everywhere.py."""
    target = tmp_path / "office.db"
    shutil.copyfile(_example_template, target)
    db = Database(target)
    add_other_plan(db)
    yield db
    db.dispose()


def built_in_measure(db: Database, unit: str, task_no: int) -> str:
    with db.reading() as s:
        rows = assignment_rows(s, Context.load(s, TODAY), Filters(department=unit, task_no=task_no))
    return rows[0].measure


def sheet(path: Path, unit: str, rows: list[tuple[int, str]], *, title: str | None = None) -> Path:
    """A unit's own return for 2023年第二季度: (task, 具体工作) rows, each reported 推进中."""
    grid, merges = free_return([[i + 1, no, measure, "推进中", f"第{no}项本季度的进展", "无", "继续推进", None]
                                for i, (no, measure) in enumerate(rows)], unit=unit, period=PERIOD)
    if title is not None:
        grid[0][0] = title
    return write_xlsx(path, grid, merges=merges)


def entries_of(db: Database, doc_no: str) -> dict[int, str]:
    """This period's live reports on the document's assignments: assignment id -> progress."""
    with db.reading() as s:
        rows = s.execute(
            select(ProgressEntry.assignment_id, ProgressEntry.progress)
            .join(Assignment, Assignment.id == ProgressEntry.assignment_id).join(Task, Task.id == Assignment.task_id)
            .join(Task.plan).where(Task.plan.has(doc_no=doc_no), ProgressEntry.period == Q2.code,
                                   ProgressEntry.superseded.is_(False))).all()
    return dict(rows)


def test_templates_of_both_documents_in_one_batch_go_each_to_its_own(office, tmp_path, monkeypatch):
    built_in = export_templates(office, tmp_path / "内置", Q2, ["区经济信息委"], today=TODAY)
    other = export_templates(office, tmp_path / "工作要点", Q2, ["区经济信息委"], today=TODAY, plan=OTHER)
    inbox = tmp_path / "收到"
    inbox.mkdir()
    fill_template(shutil.copy(built_in[0], inbox / "内置_区经济信息委.xlsx"))
    fill_template(shutil.copy(other[0], inbox / "要点_区经济信息委.xlsx"))
    loads: list[list[str]] = []
    real = returns_check._load_many

    def counted(session, plans, **kwargs):
        loads.append([p.doc_no for p in plans])
        return real(session, plans, **kwargs)

    monkeypatch.setattr(returns_check, "_load_many", counted)
    report = import_returns(office, [inbox])
    assert [(f.name, f.outcome, f.plan) for f in report.files] == [
        ("内置_区经济信息委.xlsx", "imported", BUILT_IN), ("要点_区经济信息委.xlsx", "imported", OTHER)]
    # every document loaded once for the batch, together, not once per file
    assert len(loads) == 1 and sorted(loads[0]) == sorted([BUILT_IN, OTHER])
    assert len(entries_of(office, OTHER)) == 2  # 区经济信息委's two pieces of the second document's work
    assert len(entries_of(office, BUILT_IN)) == report.files[0].rows > 2
    assert [f["plan"] for f in report.to_json()["files"]] == [BUILT_IN, OTHER]
    with office.reading() as s:
        summaries = [b.summary for b in s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(2))]
    assert summaries == [f"{OTHER} 区经济信息委 2023年第二季度", "区经济信息委 2023年第二季度"]
    # the clerk's lines name the other document, the built-in plan's read as before
    lines = report.files[1].lines()[0]
    assert lines.startswith("【已导入】要点_区经济信息委.xlsx（南川府办发〔2023〕12号，区经济信息委，2023年第二季度）")
    assert report.files[0].lines()[0].startswith("【已导入】内置_区经济信息委.xlsx（区经济信息委，2023年第二季度）")


@pytest.mark.parametrize("title", [
    f"文件：{OTHER}",
    "南川府办发[2023]１２号 重点任务推进情况表",  # brackets and digits as a clerk types them
    f"《{OTHER_TITLE}》重点任务推进情况表",
])
def test_a_sheet_naming_its_document_in_its_header_goes_to_it(office, tmp_path, title):
    # 区经济信息委 has work on tasks 1 and 3 in both documents: the header decides
    path = sheet(tmp_path / "经信委.xlsx", "区经济信息委", [(1, ""), (3, "")], title=title)
    (outcome,) = import_returns(office, [path]).files
    assert (outcome.outcome, outcome.plan) == ("imported", OTHER), [str(p) for p in outcome.errors]
    assert sorted(entries_of(office, OTHER).values()) == ["第1项本季度的进展", "第3项本季度的进展"]


def test_a_sheet_naming_nothing_goes_to_the_one_document_its_tasks_fit(office, tmp_path):
    # 区生态环境局 has work on task 2 in the second document only
    path = sheet(tmp_path / "生态环境局.xlsx", "区生态环境局", [(2, "")])
    (outcome,) = import_returns(office, [path]).files
    assert (outcome.outcome, outcome.plan) == ("imported", OTHER), [str(p) for p in outcome.errors]
    # 区发展改革委's tasks 2 and 5: task 5 is the built-in plan's only
    rows = [(2, built_in_measure(office, "区发展改革委", 2)), (5, built_in_measure(office, "区发展改革委", 5))]
    (outcome,) = import_returns(office, [sheet(tmp_path / "发改委.xlsx", "区发展改革委", rows)]).files
    assert (outcome.outcome, outcome.plan) == ("imported", BUILT_IN), [str(p) for p in outcome.errors]


def test_a_sheet_that_fits_both_documents_is_refused_naming_them(office, tmp_path):
    path = sheet(tmp_path / "经信委.xlsx", "区经济信息委", [(1, ""), (3, "")])
    before = dump(office)
    (outcome,) = import_returns(office, [path]).files
    assert (outcome.outcome, outcome.plan) == ("refused", None)
    [problem] = outcome.errors
    assert problem.message == (
        f"这份进展情况表可能属于{BUILT_IN}《重庆市南川区人民政府关于加快推进绿色发展的实施意见》或{OTHER}《{OTHER_TITLE}》，"
        f"无法判断。请在表头写明文件文号（如“文件：{OTHER}”），或导入时指定文件（命令行：--plan 文号）。")
    assert dump(office) == before
    # naming the document on the command line settles it
    (outcome,) = import_returns(office, [path], plan=OTHER).files
    assert (outcome.outcome, outcome.plan) == ("imported", OTHER)


def test_a_sheet_that_fits_neither_meets_the_built_in_plans_checks(office, tmp_path):
    path = sheet(tmp_path / "生态环境局.xlsx", "区生态环境局", [(2, ""), (3, "")])
    (outcome,) = import_returns(office, [path]).files
    assert (outcome.outcome, outcome.plan) == ("refused", BUILT_IN)
    assert any("“区生态环境局”在第2项任务上没有分工" in p.message for p in outcome.errors)


def test_a_given_document_refuses_another_documents_template(office, tmp_path):
    [template] = export_templates(office, tmp_path / "工作要点", Q2, ["区经济信息委"], today=TODAY, plan=OTHER)
    fill_template(template)
    (outcome,) = import_returns(office, [template], plan=BUILT_IN).files
    assert outcome.outcome == "refused"
    assert outcome.errors[0].message == f"这份模板属于文件 {OTHER}，不是 {BUILT_IN} 的进展情况表。请确认报送的文件。"


def test_a_repealed_document_takes_no_return(office, tmp_path):
    [template] = export_templates(office, tmp_path / "工作要点", Q2, ["区经济信息委"], today=TODAY, plan=OTHER)
    fill_template(template)
    repeal_plan(office, OTHER, by="南川府发〔2022〕33号", on=TODAY)
    before = dump(office)
    (outcome,) = import_returns(office, [template]).files
    assert (outcome.outcome, outcome.plan) == ("refused", OTHER)
    assert "文件南川府办发〔2023〕12号已于2023年6月30日由南川府发〔2022〕33号废止，不再接收报送" in outcome.errors[0].message
    # a sheet naming it in its header, too
    named = sheet(tmp_path / "经信委.xlsx", "区经济信息委", [(1, "")], title=f"文件：{OTHER}")
    (outcome,) = import_returns(office, [named]).files
    assert outcome.outcome == "refused" and "不再接收报送" in outcome.errors[0].message
    with pytest.raises(PlanRepealed) as raised:
        import_returns(office, [template], plan=OTHER)
    assert str(raised.value).startswith(f"文件{OTHER}已于2023年6月30日由南川府发〔2022〕33号废止，不再接收报送。")
    assert dump(office) == before
    # with the other document repealed, the built-in plan is the one active document: a sheet that
    # fitted both is the built-in plan's, as it always was
    rows = [(1, built_in_measure(office, "区经济信息委", 1)), (3, built_in_measure(office, "区经济信息委", 3))]
    (outcome,) = import_returns(office, [sheet(tmp_path / "经信委2.xlsx", "区经济信息委", rows)]).files
    assert (outcome.outcome, outcome.plan) == ("imported", BUILT_IN), [str(p) for p in outcome.errors]


def test_a_template_sent_before_its_document_number_was_corrected(office, tmp_path):
    [template] = export_templates(office, tmp_path / "工作要点", Q2, ["区经济信息委"], today=TODAY, plan=OTHER)
    fill_template(template)
    edit_plan(office, OTHER, doc_no="南川府办发〔2023〕13号")
    (outcome,) = import_returns(office, [template]).files
    assert (outcome.outcome, outcome.plan) == ("imported", "南川府办发〔2023〕13号"), [str(p) for p in outcome.errors]
    (outcome,) = import_returns(office, [template], plan="南川府办发〔2023〕13号", dry_run=True).files
    assert outcome.outcome == "duplicate"  # its own document: only the file was already imported


def test_the_command_line_says_which_document_each_file_went_to(capsys, office, tmp_path):
    inbox = tmp_path / "收到"
    inbox.mkdir()
    [template] = export_templates(office, tmp_path / "工作要点", Q2, ["区生态环境局"], today=TODAY, plan=OTHER)
    fill_template(shutil.copy(template, inbox / template.name))
    sheet(inbox / "经信委.xlsx", "区经济信息委", [(1, ""), (3, "")])
    code, out, err = run(capsys, "--db", office.sqlite_path, "--today", TODAY.isoformat(), "import-returns", inbox,
                         "--json")
    assert code == 1  # one refused
    files = {f["name"]: f for f in json.loads(out)["files"]}
    assert (files[template.name]["outcome"], files[template.name]["plan"]) == ("imported", OTHER)
    assert (files["经信委.xlsx"]["outcome"], files["经信委.xlsx"]["plan"]) == ("refused", None)
    assert f"【已导入】{template.name}（{OTHER}，区生态环境局，2023年第二季度）" in err
    assert "无法判断。请在表头写明文件文号" in err
    code, _, err = run(capsys, "--db", office.sqlite_path, "--today", TODAY.isoformat(), "import-returns",
                       inbox / "经信委.xlsx", "--plan", OTHER, "--dry-run")
    assert code == 0 and f"【预览（未写入）】经信委.xlsx（{OTHER}，区经济信息委，2023年第二季度）" in err
